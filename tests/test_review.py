"""The review page, read back with lxml: every row and cell there, provenance and joins shown,
inherited cells and diagnostics marked, nothing external, everything escaped."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html
from lxml.html import HtmlElement

from extract import parse, parse_bytes, parse_text, to_html
from extract.analyze import AUDIENCE_KEYS
from extract.outputs.review import JOIN_WORDS
from helpers import HQIP, SAMPLES, parse_rows, table, warnings
from schema import Cell, Diagnostic, ListBlock, Report

SAMPLE_FILES = sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.pdf")])


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def report(request: pytest.FixtureRequest) -> Report:
    return parse(request.param)


@pytest.fixture(scope="module")
def hqip() -> Report:
    return parse(HQIP)


def page(report: Report) -> HtmlElement:
    return html.document_fromstring(to_html(report))


def norm(text: str) -> str:
    return " ".join(text.split())


def pieces(cell: Cell) -> list[str]:
    """The cell's paragraphs and list items, in order."""
    return [piece for block in cell.blocks for piece in (block.items if isinstance(block, ListBlock) else [block.text])]


def shown(content: HtmlElement) -> list[str]:
    """The paragraphs and list items a cell's content shows, in order."""
    return [element.text_content() for element in content.xpath("./p|./ul/li")]


def row_element(doc: HtmlElement, identifier: str) -> HtmlElement:
    found = doc.xpath("//*[@id=$id]", id=f"item-{identifier}")
    assert len(found) == 1, f"no single element with id item-{identifier}"
    element: HtmlElement = found[0]
    return element


def cell_element(doc: HtmlElement, identifier: str, key: str) -> HtmlElement:
    found = row_element(doc, identifier).xpath("./td[@data-key=$key]", key=key)
    assert len(found) == 1, f"item {identifier} has no single cell {key}"
    element: HtmlElement = found[0]
    return element


def classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def test_every_row_and_cell_is_on_the_page(report: Report) -> None:
    doc = page(report)
    assert len(doc.xpath("//tbody/tr[@id]")) == len(report.records)
    for record in report.records:
        row = row_element(doc, record.id)
        assert norm(row.xpath("./th")[0].text_content()).startswith(record.id)
        for key, cell in record.cells().items():
            element = cell_element(doc, record.id, key)
            content = element.find_class("content")
            if cell.text:
                assert len(content) == 1 and shown(content[0]) == pieces(cell)
                assert len(content[0].xpath("./p|./ul")) == len(cell.blocks)
            else:
                assert not content and "empty" in classes(element)


def test_each_cell_shows_its_pages_and_lines(report: Report) -> None:
    doc = page(report)
    for record in report.records:
        for key, cell in record.cells().items():
            fragments = cell_element(doc, record.id, key).xpath(".//ol[@class='fragments']/li")
            assert [(f.get("data-page"), f.get("data-line"), f.get("data-join")) for f in fragments] == [
                (str(p.page), str(p.line), p.join.value) for p in cell.provenance]
            for fragment, source in zip(fragments, cell.provenance, strict=True):
                assert f"p. {source.page} · line {source.line}" in fragment.text_content()


def test_page_break_joins_are_marked_with_their_kind(report: Report) -> None:
    doc = page(report)
    for record in report.records:
        for key, cell in record.cells().items():
            element = cell_element(doc, record.id, key)
            fragments = element.xpath(".//ol[@class='fragments']/li")
            for before, (fragment, source) in zip(cell.provenance, list(zip(fragments, cell.provenance))[1:]):
                if source.page != before.page:
                    assert "page-break" in classes(fragment)
                    assert JOIN_WORDS[source.join] in fragment.text_content()
                else:
                    assert "page-break" not in classes(fragment)
            spans = len({p.page for p in cell.provenance}) > 1
            assert ("spans-pages" in classes(element)) == spans


def test_the_hqip_cells_over_page_breaks(hqip: Report) -> None:
    doc = page(hqip)
    spanning = [(r.id, k, c) for r in hqip.records for k, c in r.cells().items()
                if len({p.page for p in c.provenance}) > 1]
    assert spanning  # items 9, 10 and 19 run over page breaks
    for identifier, key, cell in spanning:
        marks = cell_element(doc, identifier, key).find_class("page-break")
        joins = [p for before, p in zip(cell.provenance, cell.provenance[1:]) if p.page != before.page]
        assert [(m.get("data-page"), m.get("data-join")) for m in marks] == [(str(p.page), p.join.value) for p in joins]


def test_inherited_cells_are_marked_with_their_item(report: Report) -> None:
    doc = page(report)
    for record in report.records:
        for key, cell in record.cells().items():
            element = cell_element(doc, record.id, key)
            notes = element.find_class("inherited-note")
            if cell.inherited_from is None:
                assert not notes and "inherited" not in classes(element)
                continue
            assert "inherited" in classes(element)
            assert len(notes) == 1 and norm(notes[0].text_content()) == f"same as item {cell.inherited_from}"
            (link,) = notes[0].xpath(".//a")
            assert row_element(doc, link.get("href")[len("#item-"):]) is not None


def test_hqip_item_15_next_steps_comes_from_item_14(hqip: Report) -> None:
    cell = cell_element(page(hqip), "15", "next_steps")
    assert "inherited" in classes(cell)
    assert norm(cell.find_class("inherited-note")[0].text_content()) == "same as item 14"
    assert cell.xpath(".//a/@href") == ["#item-14"]


def test_diagnostics_are_listed_at_the_top(report: Report) -> None:
    doc = page(report)
    (section,) = doc.xpath("//section[@id='diagnostics']")
    table = doc.xpath("//table")[0]
    assert list(doc.body.iter()).index(section) < list(doc.body.iter()).index(table)
    items = section.xpath(".//li")
    assert len(items) == len(report.diagnostics)
    for item, diagnostic in zip(items, report.diagnostics, strict=True):
        text = norm(item.text_content())
        assert diagnostic.code in text and norm(diagnostic.message) in text
        if diagnostic.line is not None:
            assert f"line {diagnostic.line}" in text


def test_hqip_diagnostics_link_to_their_rows(hqip: Report) -> None:
    doc = page(hqip)
    hrefs = doc.xpath("//section[@id='diagnostics']//a/@href")
    assert len(hrefs) == len([d for d in hqip.diagnostics if d.severity.value == "warning"]) == 2
    assert hrefs == ["#item-8", "#item-15"]


def test_references_link_within_the_page(report: Report) -> None:
    doc = page(report)
    for record in report.records:
        for key, cell in record.cells().items():
            refs = cell_element(doc, record.id, key).find_class("refs")
            if not cell.references:
                assert not refs
                continue
            assert norm(refs[0].text_content()) == "→ " + ", ".join(f"item {r}" for r in cell.references)


def test_the_page_is_self_contained(report: Report) -> None:
    text = to_html(report)
    doc = html.document_fromstring(text)
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert doc.xpath("//script") == []
    assert doc.xpath("//link|//img|//iframe|//object|//embed|//base|//form") == []
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]  # no event handlers
    for element, attribute in ((e, a) for e in doc.iter() for a in ("href", "src", "action")):
        value = element.get(attribute)
        if value is not None:
            assert value.startswith("#"), f"{attribute}={value!r} leaves the page"
    style = "".join(doc.xpath("//style/text()"))
    assert "@media print" in style
    assert not re.search(r"url\(|@import|https?:|//[a-z]", style.replace("/*", "").replace("*/", ""))
    assert doc.xpath("//meta[@charset='utf-8']")


def assert_links_resolve(doc: HtmlElement) -> None:
    ids = set(doc.xpath("//@id"))
    for href in doc.xpath("//a/@href"):
        assert href.startswith("#") and unquote(href[1:]) in ids, href


def test_internal_links_find_their_targets(report: Report) -> None:
    assert_links_resolve(page(report))


def test_links_to_identifiers_like_a_in_brackets() -> None:
    report = parse_rows("(a)|x|y|z|w", "(b)|x2|||")
    doc = page(report)
    assert_links_resolve(doc)
    assert cell_element(doc, "(b)", "next_steps").xpath(".//a/@href") == ["#item-(a)"]


def test_the_page_is_deterministic(report: Report) -> None:
    assert to_html(report) == to_html(report.model_copy(deep=True))


def test_text_is_escaped_not_run() -> None:
    report = parse_rows('1|&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes"'
                        '|<p>&lt;img src=x onerror=y&gt;</p>|c|d')
    cells = report.records[0].cells()
    assert cells["recommendation"].text == '<script>alert("x")</script> & "quotes"'
    text = to_html(report)
    doc = html.document_fromstring(text)
    assert doc.xpath("//script") == [] and doc.xpath("//img") == []
    assert "&lt;script&gt;" in text and "&lt;img src=x" in text
    for key, cell in cells.items():
        (content,) = cell_element(doc, "1", key).find_class("content")
        assert shown(content) == pieces(cell) == [cell.text]


def test_the_title_and_source_are_escaped() -> None:
    title = 'Response to the &lt;b&gt; report & "co" <i>x</i></title><script>'
    report = parse_text(table("1|a|b|c|d", title=f"**{title}**"), name="x.txt")
    # The title is the line's text: its markup is gone, an escaped "<b>" is text.
    assert report.title == 'Response to the <b> report & "co" x'
    doc = page(report)
    assert doc.xpath("//script") == [] and doc.xpath("//h1//i") == []
    assert doc.xpath("//h1")[0].text_content() == report.title
    assert doc.xpath("//title")[0].text_content() == f"Review: {report.title}"


def test_characters_xml_cannot_hold_do_not_break_the_page(hqip: Report) -> None:
    odd = hqip.model_copy(update={"diagnostics": [Diagnostic(code="odd", message="bell \x07 and nul \x00 here")]})
    doc = page(odd)
    (item,) = doc.xpath("//section[@id='diagnostics']//li")
    assert "bell \ufffd and nul \ufffd here" in item.text_content()


def test_a_table_without_rows_and_without_diagnostics() -> None:
    report = parse_rows()
    doc = page(report.model_copy(update={"diagnostics": []}))
    assert doc.xpath("//tbody/tr[@id]") == []
    assert doc.find_class("no-rows") and doc.xpath("//section[@id='diagnostics']//p[@class='none']")


def test_split_audiences_are_shown_on_the_audience_cell(report: Report) -> None:
    doc = page(report)
    keys = [key for key in AUDIENCE_KEYS if key in report.records[0].cells()]
    for record in report.records:
        shown_tags = [norm(t.text_content()) for t in row_element(doc, record.id).xpath(".//p[@class='audiences']/span")]
        if keys and record.audiences != pieces(record.cells()[keys[0]]):
            assert shown_tags == record.audiences
        else:
            assert shown_tags == []


def test_hqip_item_10_shows_its_two_audiences(hqip: Report) -> None:
    record = hqip.records[9]
    assert len(record.audiences) == 2
    tags = cell_element(page(hqip), "10", "target_audience").xpath(".//span[@class='tag']/text()")
    assert tags == record.audiences


def test_a_reference_written_in_another_case_links_as_the_parser_and_resolve_read_it() -> None:
    report = parse_rows("R1|One.|A|B|C", "R2|Two.|A|See response to r1.|D")
    assert report.records[1].action_taken.references == ["r1"]
    assert "unknown-reference" not in [d.code for d in warnings(report)]
    assert report.resolve("R2", "action_taken")["action_taken"].item == "R1"
    doc = page(report)
    assert_links_resolve(doc)
    assert cell_element(doc, "R2", "action_taken").xpath(".//a/@href") == ["#item-R1"]
    assert not doc.find_class("unresolved")


def test_every_table_under_its_heading_with_its_section_rows() -> None:
    report = parse(Path(__file__).parent / "fixtures" / "tables" / "status-by-recipient.txt")
    doc = page(report)
    assert [h.text_content() for h in doc.find_class("table-heading")] == [
        "Ministry of Transport", "Maritime New Zealand"]
    assert [t.text_content() for t in doc.xpath("//tr[@class='section']/th")] == ["Aviation", "Maritime", "Maritime"]
    ids = doc.xpath("//tr[contains(@class, 'row')]/@id")
    assert len(ids) == len(set(ids)) == len(report.records)


def test_every_commitment_is_listed_with_its_range_and_a_link_to_its_row(report: Report) -> None:
    doc = page(report)
    rows = doc.xpath("//section[@id='commitments']//tbody/tr")
    assert len(rows) == len(report.commitments)
    for tr, commitment in zip(rows, report.commitments, strict=True):
        cells = [norm(td.text_content()) for td in tr.xpath("./td")]
        assert cells[2:6] == [commitment.phrase, commitment.start.isoformat(), commitment.end.isoformat(),
                              commitment.tense]
        target = tr.xpath("./td[1]/a/@href")[0][1:]
        assert doc.xpath("//tr[@id=$id]", id=unquote(target)), target  # the row it is in
        row = report.tables[commitment.table].rows[commitment.row]
        assert norm(cells[0]) == (row.id or f"row {commitment.row + 1}")
    if not report.commitments:
        assert doc.xpath("//section[@id='commitments']/p[@class='none']")


def test_the_legends_examples_are_this_reports_own(report: Report) -> None:
    legend = page(report).xpath("//aside[contains(@class, 'legend')]")[0]
    samples = [norm(s.text_content()) for s in legend.xpath(".//*[contains(@class, 'sample')]")]
    first = next(p for row in report.records for cell in row.cells().values() for p in cell.provenance)
    assert samples[0] == f"p. {first.page} · line {first.line}"
    inherited = [cell.inherited_from for row in report.records for cell in row.cells().values()
                 if cell.inherited_from is not None]
    notes = legend.xpath(".//*[contains(@class, 'inherited-note') and contains(@class, 'sample')]")
    assert [norm(n.text_content()) for n in notes] == ([f"same as item {inherited[0]}"] if inherited else [])
    assert len(legend.xpath(".//*[@class='none-here']")) == 5 - len(samples)


PDF_SAMPLES = sorted(SAMPLES.glob("*.pdf"))
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
WORD_AND_WEB = [Path(__file__).parent / "fixtures" / "word" / "hqip-word-ruled-landscape.docx",
                Path(__file__).parent / "fixtures" / "html" / "hqip.html"]


@pytest.mark.parametrize("path", PDF_SAMPLES, ids=[p.name for p in PDF_SAMPLES])
def test_every_pdf_row_has_its_page_regions_as_pictures_and_links_to_the_pdf(path: Path) -> None:
    import base64
    import io

    from PIL import Image

    report = parse(path)
    text = to_html(report, source=path.read_bytes(), source_href="../in/" + path.name)
    assert len(text.encode()) < 6_000_000  # the 7-page sample's page still travels as one small file
    doc = html.document_fromstring(text)
    for t, found in enumerate(report.tables):
        for r, row in enumerate(found.rows):
            pages = sorted({p.page for cell in row.cells().values() if cell.inherited_from is None
                            for p in cell.provenance if p.bbox is not None})
            below = doc.xpath("//tr[@id=$id]/following-sibling::tr[1]", id=row_ids(report)[t, r])[0]
            assert "page-image" in classes(below)
            images = below.xpath(".//img")
            assert len(images) == len(pages) and pages
            links = below.xpath(".//figcaption/a/@href")
            assert links == [f"../in/{path.name}#page={page}" for page in pages]
            for image in images:  # an embedded PNG of the size it says, no external file
                src = image.get("src")
                assert src.startswith("data:image/png;base64,")
                picture = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
                assert (str(picture.width), str(picture.height)) == (image.get("width"), image.get("height"))


def row_ids(report: Report) -> dict[tuple[int, int], str]:
    from extract.outputs.review_table import RowIndex

    return RowIndex(report).elements


@pytest.mark.parametrize("path", [*TEXT_SAMPLES, *WORD_AND_WEB], ids=lambda p: p.name)
def test_every_cell_of_other_inputs_folds_its_source_fragments_as_written(path: Path) -> None:
    report = parse(path)
    doc = html.document_fromstring(to_html(report, source=path.read_bytes()))
    ids = row_ids(report)
    for t, found in enumerate(report.tables):
        for r, row in enumerate(found.rows):
            for key, cell in row.cells().items():
                td = doc.xpath("//tr[@id=$id]/td[@data-key=$key]", id=ids[t, r], key=key)[0]
                folds = td.xpath(".//details[contains(@class, 'source')]//li")
                assert len(folds) == len(cell.provenance), (row.id, key)
                written = " ".join(li.xpath(".//pre")[0].text_content() for li in folds)
                plain = unescape(re.sub(r"<[^>]*>", " ", written))  # the markup as written, read
                tokens = set(re.findall(r"\w+", plain))
                for word in re.findall(r"\w+", cell.text):
                    assert word in tokens, (row.id, key, word)  # the fragment is the cell's own source
                wheres = [norm(li.xpath(".//span[@class='where']")[0].text_content()) for li in folds]
                if path.suffix in (".docx", ".html"):
                    assert all(re.fullmatch(r"table \d+ · row \d+ · column \d+", w) for w in wheres)
                else:
                    assert wheres == [f"line {p.line}" for p in cell.provenance]


def test_without_the_source_the_page_shows_neither_pictures_nor_folds(hqip: Report) -> None:
    doc = page(hqip)
    assert not doc.xpath("//img") and not doc.xpath("//details[contains(@class, 'source')]")


@pytest.mark.parametrize("path", [*PDF_SAMPLES, *TEXT_SAMPLES], ids=lambda p: p.name)
def test_with_its_source_the_page_is_still_self_contained_and_escaped(path: Path) -> None:
    text = to_html(parse(path), source=path.read_bytes(), source_href=f"in/{path.name}")
    doc = html.document_fromstring(text)
    assert doc.xpath("//script|//link|//iframe|//object|//embed|//base|//form") == []
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]
    for image in doc.xpath("//img"):  # pictures travel inside the page
        assert image.get("src").startswith("data:image/png;base64,")
    for link in doc.xpath("//a/@href"):  # within the page, or to the source PDF at a page
        assert link.startswith("#") or re.fullmatch(rf"in/{re.escape(path.name)}#page=\d+", link), link
    # a fragment's markup is shown as text, never run: the page holds no element the fragments name
    for raw in doc.xpath("//details[contains(@class, 'source')]//pre"):
        assert not raw.xpath("./*")
    if b"<ul>" in path.read_bytes() and path.suffix == ".txt":
        assert "&lt;ul&gt;" in text  # the source's list markup, escaped


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_row_on_a_page_the_reader_turns_upright_is_pictured_upright(rotate: int) -> None:
    import base64
    import io

    from PIL import Image

    from pdf_fixtures import table_page
    from pdfwriter import build_pdf
    from test_pdf import _row

    def picture(turn: int) -> Image.Image:
        page = table_page([_row("1", "We will do it.", "Trusts", "Done.", "Next.")])
        page.rotate = turn
        data = build_pdf([page])
        doc = html.document_fromstring(to_html(parse_bytes(data, name="r.pdf"), source=data))
        src = doc.xpath("//tr[contains(@class, 'page-image')]//img/@src")[0]
        return Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L")

    from PIL import ImageChops, ImageStat

    upright, turned = picture(0), picture(rotate)
    assert turned.size == upright.size  # the same strip of the page, not a sideways one
    # the same picture but for anti-aliasing (a strip a row lower differs by about 30 grey levels a pixel)
    assert ImageStat.Stat(ImageChops.difference(turned, upright)).mean[0] < 2
