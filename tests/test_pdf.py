"""The PDF route: the same recommendations as the text route, cell-text rules, bad PDFs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract import parse, parse_bytes
from extract.errors import ExtractError, NotTextError, PdfError
from helpers import HQIP, ROOT, SAMPLES, warnings
from pdf_fixtures import CellLines, single_cell_table, table_page
from pdfwriter import Page, build_pdf
from schema import Report
from test_repaginate import essence

RULED = SAMPLES / "hqip-engaging-clinicians-2014-ruled.pdf"
UNRULED = SAMPLES / "hqip-engaging-clinicians-2014-unruled.pdf"
FIXTURES = Path(__file__).parent / "fixtures"
#: The HQIP table typed in Word style and exported by LibreOffice (samples/make_word_pdfs.py): ruled
#: landscape and portrait, unruled with a shaded header and plain; rows split mid-sentence, between
#: paragraphs and inside a bullet list (its docstring says where).
WORD_PDFS = sorted((FIXTURES / "word").glob("*.pdf"))


@pytest.fixture(scope="module")
def ruled() -> Report:
    return parse(RULED)


@pytest.mark.parametrize("pdf", [RULED, UNRULED, *WORD_PDFS], ids=["ruled", "unruled", *(p.stem for p in WORD_PDFS)])
def test_pdf_gives_the_text_routes_recommendations(pdf: Path, hqip: Report) -> None:
    report = parse(pdf)
    assert essence(report) == essence(hqip)
    assert [(d.code, d.message) for d in report.diagnostics] == [(d.code, d.message) for d in hqip.diagnostics]
    assert report.tables[0].columns == hqip.tables[0].columns
    assert (report.title, report.report) == (hqip.title, hqip.report)


def test_pdf_rows_split_across_pages_are_stitched(ruled: Report) -> None:
    split = {r.number: r.pages for r in ruled.recommendations if len(r.pages) > 1}
    assert split == {4: [1, 2], 7: [2, 3], 10: [3, 4], 20: [5, 6]}
    ten = ruled.recommendations[9].recommendation
    assert [p.join.value for p in ten.provenance] == ["start", "carried_list_item"]  # inside a bulleted list
    four = ruled.recommendations[3].recommendation
    assert [p.join.value for p in four.provenance] == ["start", "carried_sentence"]  # mid-sentence


def test_pdf_provenance_has_page_and_bounding_box(ruled: Report) -> None:
    assert ruled.source.format == "pdf" and ruled.source.page_count == 6 and ruled.source.encoding is None
    for rec in ruled.recommendations:
        for key in ("recommendation", "next_steps"):
            for entry in getattr(rec, key).provenance:
                assert entry.bbox is not None
                assert 0 < entry.bbox.x0 < entry.bbox.x1 <= 842 and 0 < entry.bbox.top < entry.bbox.bottom <= 596
    merged = ruled.recommendations[14].action_taken
    assert merged.inherited_from == 14
    assert merged.provenance[0].bbox == ruled.recommendations[13].action_taken.provenance[0].bbox


def _cases() -> list[tuple[str, str, str, str]]:
    text = (FIXTURES / "pdf_cells.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    cases = []
    for chunk in re.split(r"^=== ", text, flags=re.MULTILINE)[1:]:
        name, body = chunk.split("\n", 1)
        elsewhere = "Next."
        if body.startswith("elsewhere: "):
            first, body = body.split("\n", 1)
            elsewhere = first.removeprefix("elsewhere: ")
        lines, expected = body.split("\n---\n")
        cases.append((name.strip(), lines.strip("\n"), elsewhere, expected.strip("\n")))
    return cases


@pytest.mark.parametrize(("name", "lines", "elsewhere", "expected"), _cases(), ids=[c[0] for c in _cases()])
def test_cell_text_rules(name: str, lines: str, elsewhere: str, expected: str) -> None:
    report = parse_bytes(build_pdf([single_cell_table(lines, elsewhere)]), name="cell.pdf")
    assert report.recommendations[0].recommendation.text == expected


def _row(*cells: str) -> list[CellLines]:
    return [CellLines.parse(cell) for cell in cells]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("repeated_header", [True, False], ids=["header-repeated", "header-missing"])
def test_row_continued_on_the_next_page_of_a_small_pdf(ruled: bool, repeated_header: bool) -> None:
    first = table_page([_row("1", "We will continue to support the", "Trusts", "Done.", "Next.")], ruled=ruled)
    second = table_page(
        [_row("", "sharing of best practice.", "", "", ""), _row("2", "Two.", "Trusts", "Done.", "Next.")],
        title=None, header=repeated_header, ruled=ruled,
    )
    report = parse_bytes(build_pdf([first, second]), name="two.pdf")
    assert warnings(report) == []
    one = report.recommendations[0]
    assert one.recommendation.text == "We will continue to support the sharing of best practice."
    assert one.pages == [1, 2]
    assert [r.number for r in report.recommendations] == [1, 2]


def test_text_outside_the_table_becomes_a_diagnostic() -> None:
    page = single_cell_table("Alpha.")
    page.text(300, 560, "Page 1 of 1")
    report = parse_bytes(build_pdf([page]), name="footer.pdf")
    assert [(d.code, d.page) for d in warnings(report)] == [("unplaced-line", 1)]
    assert "'Page 1 of 1'" in warnings(report)[0].message


def _error(data: bytes, name: str = "bad.pdf") -> ExtractError:
    with pytest.raises(ExtractError) as caught:
        parse_bytes(data, name=name)
    return caught.value


def test_encrypted_pdf() -> None:
    error = _error((FIXTURES / "encrypted.pdf").read_bytes())
    assert isinstance(error, PdfError)
    assert str(error) == "bad.pdf: the PDF is encrypted and needs a password; decrypt it first"


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf(cut: float) -> None:
    data = RULED.read_bytes()
    error = _error(data[: int(len(data) * cut)])
    assert isinstance(error, PdfError)
    assert "damaged or truncated" in str(error) or "cannot read the page" in str(error)


def test_corrupt_pdf() -> None:
    error = _error(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert isinstance(error, PdfError) and str(error).startswith("bad.pdf: the PDF is damaged or truncated")


def test_pdf_without_a_table() -> None:
    page = Page()
    page.text(40, 40, "A letter with no table in it.")
    error = _error(build_pdf([page, page]))
    assert str(error) == "bad.pdf: no table found in the PDF (2 pages looked at)"


def test_scanned_pdf_without_a_text_layer() -> None:
    page = Page()
    page.picture()
    error = _error(build_pdf([page]))
    assert isinstance(error, NotTextError)
    assert str(error) == "bad.pdf: the PDF has no text layer (a scanned document?); it needs OCR first"


@pytest.mark.parametrize("case", ["encrypted", "truncated", "no-table", "scanned"])
def test_bad_pdf_on_the_command_line(case: str, tmp_path: Path) -> None:
    page = Page()
    if case == "scanned":
        page.picture()
    else:
        page.text(40, 40, "No table.")
    data = {
        "encrypted": (FIXTURES / "encrypted.pdf").read_bytes(),
        "truncated": RULED.read_bytes()[:4000],
        "no-table": build_pdf([page]),
        "scanned": build_pdf([page]),
    }[case]
    source, target = tmp_path / f"{case}.pdf", tmp_path / "out.json"
    source.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "extract", str(source), "-o", str(target)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"{source}: ")
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_text_route_never_imports_pdfplumber_nor_bs4_for_utf8() -> None:
    """What keeps the command's start fast: the PDF reader, and bs4 (for other encodings), stay unloaded."""
    code = (
        "import sys, runpy; sys.argv = ['extract', '-q', sys.argv[1]]\n"
        "try:\n    runpy.run_module('extract', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfplumber', 'pdfminer', 'bs4', 'soupsieve'}))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(HQIP)], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "[]"
    assert result.stdout.startswith("{")  # the command did run: its JSON came first


def test_text_that_is_not_utf8_still_loads_bs4_when_needed(tmp_path: Path) -> None:
    source = tmp_path / "cp1252.txt"
    source.write_bytes(HQIP.read_text(encoding="utf-8").replace("\u2019", "'").replace("\u2013", "-")
                       .encode("cp1252", errors="replace"))
    code = "import sys, extract; r = extract.parse(sys.argv[1]); print(r.source.encoding, 'bs4' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["windows-1252", "True"]


def test_a_word_running_over_the_next_cell_stays_in_the_cell_it_starts_in() -> None:
    cells = ["1", "Do it.", "Providers and\nCommissioning-Organisations-Limited-Partnership", "821-39/2013-DS", "Next."]
    report = parse_bytes(build_pdf([table_page([_row(*cells)])]), name="overflow.pdf")
    row = report.recommendations[0]
    assert row.target_audience.text == "Providers and Commissioning-Organisations-Limited-Partnership"
    assert row.action_taken.text == "821-39/2013-DS"


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_whose_rotation_turns_its_text_is_read_upright(rotate: int) -> None:
    page = table_page([_row("1", "We will do it.", "Trusts", "Done.", "Next.")])
    page.rotate = rotate
    report = parse_bytes(build_pdf([page]), name="rotated.pdf")
    assert [(r.id, r.recommendation.text, r.next_steps.text) for r in report.recommendations] == [
        ("1", "We will do it.", "Next.")]
    assert warnings(report) == []


def test_the_word_fixtures_are_all_there() -> None:
    assert [p.stem for p in WORD_PDFS] == ["hqip-word-ruled-landscape", "hqip-word-ruled-portrait",
                                           "hqip-word-unruled-plain", "hqip-word-unruled-shaded"]


def test_no_page_derived_while_finding_tables_keeps_its_objects_after_a_parse() -> None:
    # The parse pauses the cyclic collector; a derived page (the page without its shading) refers
    # to itself, so its cached copy of the page's objects must be flushed, or every page's stays.
    import gc

    from pdfplumber.page import DerivedPage

    gc.collect()
    gc.disable()
    try:
        parse(RULED)
        kept = [page for page in gc.get_objects() if isinstance(page, DerivedPage) and "_objects" in page.__dict__]
    finally:
        gc.enable()
    assert kept == []
