"""Text that HTML's rules would swallow is kept, or reported quoting it; the audit counts words by
rules of its own, so a parse that loses text fails it."""

from __future__ import annotations

import pytest

from extract import audit, parse_bytes
from helpers import codes, parse_rows, table
from pdf_fixtures import single_cell_table
from pdfwriter import build_pdf


def _cell(fragment: str) -> str:
    return parse_rows(f"1|{fragment}|Trusts|Done.|Next.").recommendations[0].recommendation.text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("Budget a<b then rises by five percent", "Budget a<b then rises by five percent"),
        ("Keep <!-- unterminated and the rest", "Keep <!-- unterminated and the rest"),
        ("A <![CDATA[section of text]]> here", "A section of text here"),
        ("<title>The title</title> after", "The title after"),
        ('See <img src="c.png" alt="the chart of waits"> above', "See the chart of waits above"),
        ("a <plaintext>rest <b>of</b> it", "a rest <b>of</b> it"),
        ("<p>x <!-- a <b> comment --> y</p>", "x y"),
    ],
    ids=["unclosed-tag", "open-comment", "cdata", "title", "img-alt", "plaintext", "comment-with-a-tag"],
)
def test_malformed_markup_keeps_its_text(fragment: str, text: str) -> None:
    assert _cell(fragment) == text


@pytest.mark.parametrize("depth", [255, 300, 3000])
def test_deep_nesting_keeps_its_text(depth: int) -> None:
    assert _cell("<span>" * depth + "deep text" + "</span>" * depth) == "deep text"
    assert _cell("<div>" * depth + "deep block" + "</div>" * depth) == "deep block"


def test_deep_response_cells_are_not_taken_for_merged_cells() -> None:
    deep = "<span>" * 300 + "{}" + "</span>" * 300
    report = parse_rows("1|One.|Trusts|Done.|Next.", f"2|Two.|{deep.format('Boards')}|{deep.format('Did')}|"
                                                     f"{deep.format('Will')}")
    two = report.recommendations[1]
    assert (two.target_audience.text, two.action_taken.text, two.next_steps.text) == ("Boards", "Did", "Will")
    assert "inherited-cells" not in codes(report)


@pytest.mark.parametrize("reference", ["&#1;", "&#x1F;", "&#xFFFE;", "&#xFFFF;", "&#0;", "&#xD800;", "&#1114112;"])
@pytest.mark.parametrize("wrap", ["{}", "<p>{}</p>"], ids=["plain", "paragraph"])
def test_references_to_characters_no_text_holds_are_spaces(reference: str, wrap: str) -> None:
    text = _cell(wrap.format(f"before{reference}after"))
    assert text == "before after"


def test_text_the_parser_still_drops_is_reported_quoting_it() -> None:
    report = parse_rows("1|Kept <template>hidden words here</template> too|Trusts|Done.|Next.")
    assert report.recommendations[0].recommendation.text == "Kept too"
    (lost,) = [d for d in report.diagnostics if d.code == "lost-text"]
    assert lost.message == "a cell's markup hides 3 words that are not in the output: 'hidden words here'"
    assert (lost.line, lost.page) == (6, 1)


def test_scripts_styles_and_comments_are_not_reported() -> None:
    report = parse_rows("1|<p>Kept</p><script>x = 1</script><style>p {}</style><!-- note -->|Trusts|Done.|Next.")
    assert "lost-text" not in codes(report)


def test_the_audit_counts_words_without_the_parser() -> None:
    source = table("1|Kept <template>hidden words</template> too|Trusts|Done.|Next.").encode()
    checked = audit(source, parse_bytes(source, name="x.txt"))
    assert not checked.ok
    assert checked.missing == {"hidden": 1, "words": 1}


def test_unmapped_pdf_glyphs_are_reported() -> None:
    report = parse_bytes(build_pdf([single_cell_table("Plan (cid:36)(cid:69) agreed.", "Next.")]), name="cid.pdf")
    (note,) = [d for d in report.diagnostics if d.code == "unmapped-glyphs"]
    assert note.page == 1 and "2 glyphs with no mapping to characters" in note.message


@pytest.mark.parametrize(
    "fragment",
    ["Contact Jane Doe <jane.doe@hqip.org.uk> for details", "See <https://www.hqip.org.uk/report> for the report",
     "Enter the <Recommendation ID> in the form", "rates where North<South and East>West differ"],
    ids=["address", "url", "placeholder", "comparisons"],
)
def test_angle_brackets_around_what_is_no_element_are_text(fragment: str) -> None:
    assert _cell(fragment) == fragment
    source = table(f"1|{fragment}|Trusts|Done.|Next.").encode()
    report = parse_bytes(source, name="x.txt")
    assert "lost-text" not in codes(report)
    assert audit(source, report).ok


@pytest.mark.parametrize(
    "fragment",
    ['<a href="x" title="5 > 3">link text</a>', "im\u200bportant", "im&#8203;portant", "a&#1;b",
     "x <![CDATA[cdata words]]> y", "a <plaintext>rest <b>of</b> it", "a <xmp>raw <b>x</b></xmp> b",
     "<o:p>Word's</o:p> <st1:place>Leeds</st1:place>"],
    ids=["quoted-gt", "zero-width", "zero-width-reference", "control-reference", "cdata", "plaintext", "xmp",
         "namespaced"],
)
def test_well_formed_or_mended_text_raises_no_false_alarm(fragment: str) -> None:
    source = table(f"1|{fragment}|Trusts|Done.|Next.").encode()
    report = parse_bytes(source, name="x.txt")
    assert "lost-text" not in codes(report)
    checked = audit(source, report)
    assert checked.ok, checked.summary()


@pytest.mark.parametrize("tag", ["iframe", "textarea", "xmp", "noembed", "noframes"])
def test_raw_text_elements_leak_no_markup(tag: str) -> None:
    assert _cell(f"a <{tag}>raw words") == "a raw words"


def test_an_overlong_character_reference_is_one_space() -> None:
    assert _cell("<p>x &#99999999999; y</p>") == "x y"
