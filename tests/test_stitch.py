"""Stitching: continuation rows, sentence carry-on, lists across pages, merged cells, numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import parse_text
from extract.stitch import cannot_end_sentence, starts_lower
from helpers import codes, page_break, parse_rows, table, warnings
from schema import Join, ListBlock, Paragraph


def _split(first: str, *continuations: str) -> list[str]:
    """Row 1 and its continuation rows, each continuation after a page break."""
    lines = [first]
    for continuation in continuations:
        lines += [*page_break(), continuation]
    return lines


def _joins(cell) -> list[Join]:  # type: ignore[no-untyped-def]
    return [p.join for p in cell.provenance]


def test_lower_case_continuation_carries_the_sentence_on() -> None:
    report = parse_rows(*_split("1|We will continue to support the sharing|A|B|C", "|of best practice.|||"))
    cell = report.recommendations[0].recommendation
    assert cell.blocks == [Paragraph(text="We will continue to support the sharing of best practice.")]
    assert _joins(cell) == [Join.START, Join.CARRIED_SENTENCE]
    assert [(p.line, p.page) for p in cell.provenance] == [(6, 1), (10, 2)]
    assert report.recommendations[0].pages == [1, 2]
    assert report.recommendations[0].lines == [6, 10]


PAGE_BREAK = "~~~ page break ~~~"


def _join_cases() -> list[tuple[str, list[str], str, list[Join] | None]]:
    """The cases of fixtures/page_breaks.txt: name, fragments, the cell's text, its joins (None: not checked)."""
    text = (Path(__file__).parent / "fixtures" / "page_breaks.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    cases = []
    for chunk in ("\n" + text).split("\n=== ")[1:]:
        name, body = chunk.split("\n", 1)
        fragments_part, expected = body.split("\n---\n")
        fragments = fragments_part.strip("\n").split(f"\n{PAGE_BREAK}\n")
        if len(fragments) < 2 or any(not f or set(f) & {"\n", "\t", "|"} for f in fragments):
            problem = f"fragments are single lines (no tab or '|') split by {PAGE_BREAK!r}"
            raise ValueError(f"page_breaks.txt, case {name!r}: {problem}")
        expected = expected.strip("\n")
        joins = None
        *lines, last = expected.split("\n")
        if last.startswith("joins: "):
            joins = [Join(value.strip()) for value in last.removeprefix("joins: ").split(",")]
            expected = "\n".join(lines).strip("\n")
        cases.append((name.strip(), fragments, expected, joins))
    return cases


def _blocks(text: str) -> list[Paragraph | ListBlock]:
    """The blocks a cell's text shows: a chunk of lines all starting '- ' is a list, any other a paragraph."""
    blocks: list[Paragraph | ListBlock] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        if all(line.startswith("- ") for line in lines):
            blocks.append(ListBlock(items=[line.removeprefix("- ") for line in lines]))
        else:
            blocks.append(Paragraph(text=chunk))
    return blocks


JOIN_CASES = _join_cases()


@pytest.mark.parametrize(("name", "fragments", "expected", "joins"), JOIN_CASES, ids=[c[0] for c in JOIN_CASES])
def test_page_break_join_rules(name: str, fragments: list[str], expected: str, joins: list[Join] | None) -> None:
    first, *continuations = fragments
    report = parse_rows(*_split(f"1|{first}|A|B|C", *(f"|{fragment}|||" for fragment in continuations)))
    cell = report.recommendations[0].recommendation
    assert cell.text == expected
    assert cell.blocks == _blocks(expected)
    if joins is not None:
        assert _joins(cell) == joins


def test_row_over_three_pages_joins_in_order() -> None:
    report = parse_rows(*_split("1|<p>Alpha and</p>|A|B|C", "|<p>beta.</p> <p>Gamma,</p>|||", "|delta.||D2.|"))
    row = report.recommendations[0]
    assert row.recommendation.text == "Alpha and beta.\n\nGamma, delta."
    assert _joins(row.recommendation) == [Join.START, Join.CARRIED_SENTENCE, Join.CARRIED_SENTENCE]
    assert row.action_taken.text == "B\n\nD2."
    assert row.pages == [1, 2, 3]


def test_continuation_without_repeated_header_or_page_break_still_stitches() -> None:
    report = parse_rows("1|Alpha and|A|B|C", "|beta.|||", "2|Two.|A|B|C")
    assert [r.recommendation.text for r in report.recommendations] == ["Alpha and beta.", "Two."]


def test_row_with_all_audience_and_response_cells_empty_inherits_them() -> None:
    report = parse_rows("1|One.|Providers|Did 1.|Next, see item 3.", "2|Two.|||", "3|Three.|||")
    one, two, three = report.recommendations
    for row in (two, three):
        for key in ("target_audience", "action_taken", "next_steps"):
            cell, origin = getattr(row, key), getattr(one, key)
            assert cell.inherited_from == 1
            assert (cell.text, cell.blocks, cell.references) == (origin.text, origin.blocks, origin.references)
        assert row.audiences == ["Providers"]
        assert row.recommendation.inherited_from is None
    assert codes(report) == ["inherited-cells", "inherited-cells"]
    assert warnings(report)[0].message == (
        "item 2: Target audience, Action taken and Next steps are empty; taken from item 1 (vertically merged cells)"
    )


def test_lone_empty_cell_stays_empty_with_a_warning() -> None:
    report = parse_rows("1|One.|A|See response to item 1.|")
    cell = report.recommendations[0].next_steps
    assert (cell.text, cell.blocks, cell.inherited_from) == ("", [], None)
    assert [(d.code, d.message, d.line) for d in warnings(report)] == [("empty-cell", "item 1: Next steps is empty", 6)]


def test_first_row_with_empty_responses_has_nothing_to_inherit() -> None:
    report = parse_rows("1|One.|||")
    assert codes(report) == ["empty-cell"] * 3


def test_a_row_without_identifier_before_any_item_is_kept_with_a_warning() -> None:
    # Carried over from a page outside the file: kept as a row of its own, with no identifier.
    report = parse_rows("|orphan text|||", "1|One.|A|B|C")
    assert [(row.id, row.recommendation.text) for row in report.recommendations] == [(None, "orphan text"),
                                                                                    ("1", "One.")]
    assert ("unnumbered-row", 6) in [(d.code, d.line) for d in warnings(report)]


@pytest.mark.parametrize("number", ["1a", "one", "R4", "1.2", "-1"])
def test_an_identifier_unlike_the_others_is_kept_with_a_warning(number: str) -> None:
    report = parse_rows("1|One.|A|B|C", f"{number}|Two.|A|B|C", "3|Three.|A|B|C")
    assert [(row.id, row.number) for row in report.recommendations] == [("1", 1), (number, None), ("3", 3)]
    assert [(d.code, d.line) for d in warnings(report)] == [("odd-identifier", 7)]


def test_an_overlong_item_number_is_an_odd_identifier() -> None:
    report = parse_rows("1" * 5000 + "|One.|A|B|C")
    assert report.recommendations[0].id == "1" * 5000
    assert codes(report) == ["odd-identifier"]


def test_cells_holding_only_entities_or_scripts_are_empty() -> None:
    report = parse_rows("1|One.|Providers|Did.|Next.", "2|Two.|&#xa0;|<script>x</script>|&nbsp;")
    assert report.recommendations[1].action_taken.inherited_from == 1
    assert [d.code for d in warnings(report)] == ["inherited-cells"]


def test_a_repeated_item_number_keeps_both_rows_with_a_warning() -> None:
    report = parse_rows("1|One.|A|B|C", "2|Two.|A|B|C", "1|Again.|A|B|C")
    assert [row.recommendation.text for row in report.recommendations] == ["One.", "Two.", "Again."]
    assert ("duplicate-item", "item 1 occurs again (first on line 6); both rows kept", 8) in [
        (d.code, d.message, d.line) for d in warnings(report)]


def test_gaps_and_disorder_in_numbering_are_warnings() -> None:
    report = parse_rows("1|A.|A|B|C", "4|B.|A|B|C", "3|C.|A|B|C", "5|D.|A|B|C", "7|E.|A|B|C")
    assert [(d.code, d.message) for d in warnings(report)] == [
        ("number-gap", "items 2-3 are missing: item 4 follows item 1"),
        ("number-order", "item 3 comes after item 4"),
        ("number-gap", "item 6 is missing: item 7 follows item 5"),
    ]
    assert [r.number for r in report.recommendations] == [1, 4, 3, 5, 7]


def test_number_with_a_trailing_full_stop_is_an_integer() -> None:
    report = parse_rows("1.|A.|A|B|C")
    assert (report.recommendations[0].number, report.recommendations[0].id) == (1, "1.")


def test_blank_row_is_skipped_with_a_warning() -> None:
    report = parse_text(table("1|A.|A|B|C", "||||", "2|B.|A|B|C"), name="x.txt")
    assert codes(report) == ["empty-row"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("networks,", True), ("through (", True), ("And", True), ("the sharing", False), ("events.", False),
     ("Review.)", False), ("", False), ("mainly to:", False), ("role of", True), ("“quoted", False)],
)
def test_cannot_end_sentence(text: str, expected: bool) -> None:
    assert cannot_end_sentence(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("of best", True), ("(the", True), ("The", False), ("2015 plans", False)])
def test_starts_lower(text: str, expected: bool) -> None:
    assert starts_lower(text) is expected


@pytest.mark.parametrize(
    ("ids", "numbers"),
    [(["1.1", "1.2", "2.1"], [None, None, None]), (["R1", "R2", "R3"], [None, None, None]),
     (["(a)", "(b)", "(c)"], [None, None, None]), (["3", "2", "1"], [3, 2, 1])],
)
def test_identifier_schemes_and_descending_order(ids: list[str], numbers: list[int | None]) -> None:
    report = parse_rows(*(f"{i}|Rec.|A|B|C" for i in ids))
    assert [(r.id, r.number) for r in report.recommendations] == list(zip(ids, numbers))
    assert warnings(report) == []


def test_an_identifier_breaking_the_tables_scheme_is_a_warning() -> None:
    report = parse_rows("R1|A.|A|B|C", "2|B.|A|B|C")
    assert [row.id for row in report.recommendations] == ["R1", "2"]
    assert [(d.code, d.message, d.line) for d in warnings(report)] == [
        ("odd-identifier", "identifier '2' is not like the table's others; kept as printed", 7)]


def test_order_and_gaps_follow_the_tables_own_direction() -> None:
    report = parse_rows("R9|A.|A|B|C", "R8|B.|A|B|C", "R5|C.|A|B|C", "R7|D.|A|B|C")
    assert [(d.code, d.message) for d in warnings(report)] == [
        ("number-gap", "items R7-R6 are missing: item R5 follows item R8"),
        ("number-order", "item R7 comes after item R5"),
    ]


def test_duplicate_identifiers_that_are_not_integers() -> None:
    report = parse_rows("(a)|A.|A|B|C", "(b)|B.|A|B|C", "(b)|C.|A|B|C")
    assert [(d.code, d.line) for d in warnings(report)] == [("duplicate-item", 8)]


def test_references_match_identifiers_however_written() -> None:
    report = parse_rows("R-1|One.|A|B|C", "R-2|See response to R1.|A|B|C")
    assert report.recommendations[1].recommendation.references == ["R1"]
    assert warnings(report) == []


def test_merged_cells_of_a_row_without_a_number_point_at_its_id() -> None:
    report = parse_rows("R1|One.|Providers|Did.|Next.", "R2|Two.|||")
    assert report.recommendations[1].next_steps.inherited_from == "R1"
