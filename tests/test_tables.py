"""Documents of several tables, headings, section rows, the identifier column found from its cells,
sub-rows, and page furniture: the rules of ``extract.table`` on small committed fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import parse, parse_text
from extract.profile import Profile
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo
from extract.stitch import stitch_rows
from extract.table import find_tables
from helpers import codes, warnings
from schema import Record

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def test_one_table_per_recipient_each_under_its_heading() -> None:
    report = parse(FIXTURES / "status-by-recipient.txt")
    assert report.title == "Safety recommendations status report"
    assert [(t.heading, t.pages, len(t.rows)) for t in report.tables] == [
        ("Ministry of Transport", [1], 3), ("Maritime New Zealand", [2], 2)]
    # Every row knows its section; "None" under Rail is a section without rows, said once.
    first = report.tables[0]
    assert [(row.id, row.section) for row in first.rows] == [
        ("001/23", "Aviation"), ("003/23", "Maritime"), ("002/23", "Maritime")]
    assert [d.code for d in warnings(report) if d.code == "empty-section"] == ["empty-section"]
    # The identifier column is "Number" (unique, labelled), not "Inquiry" (repeats) nor "Issued" (dates).
    assert [c.key for c in first.columns] == ["inquiry", "number", "issued", "recommendation", "response"]
    row = first.rows[1]
    assert isinstance(row, Record) and row.cells()["inquiry"].text == "MO-2021-204"
    assert report.recommendations == [r for t in report.tables for r in t.rows]  # every row, in order


def test_the_same_header_after_a_heading_starts_a_new_table_and_without_one_repeats() -> None:
    header = "No.\tRecommendation\tResponse"
    same_page = f"Title\n\nTo the Ministry\n{header}\n1\tA.\tDone.\nTo the Agency\n{header}\n1\tB.\tDone.\n"
    assert [t.heading for t in parse_text(same_page).tables] == ["To the Ministry", "To the Agency"]
    repeated = f"Title\n\n{header}\n1\tA.\tDone.\n\n{header}\n2\tB.\tDone.\n"
    report = parse_text(repeated)
    assert [(t.heading, [r.id for r in t.rows]) for t in report.tables] == [(None, ["1", "2"])]


def test_column_numbers_and_footers_are_furniture_and_the_table_runs_on() -> None:
    report = parse(FIXTURES / "bulletin-with-column-numbers.txt")
    (table,) = report.tables
    assert [row.id for row in table.rows] == ["1", "2", "3", "4", "5", "6"]
    assert table.pages == [1, 2, 3]
    # "S. No." is the identifier column, not the quantities "No. of Cases" or "No. of Deaths".
    assert [c.key for c in table.columns][:4] == ["number", "name_of_state", "no_of_cases", "no_of_deaths"]
    notes = {d.code: d for d in report.diagnostics if d.severity.value == "info"}
    assert "'(1) (2) (3) (4) (5)'" in notes["column-numbers"].message
    assert "labelled 'S. No.'" in notes["identifier-column"].message
    assert codes(report) == ["unplaced-line"] * 3
    assert all("running head or footer" in d.message for d in warnings(report))


@pytest.mark.parametrize(
    ("header", "ids", "expected"),
    [
        ("Key\tRecommendation\tResponse", ["R1", "R2", "R3"], "number"),  # unlabelled, found from its cells
        ("Ref\tRecommendation\tResponse", ["(a)", "(b)", "(c)"], "number"),
        ("Item\tRecommendation\tResponse", ["i", "ii", "iii"], "number"),
        ("Sl.No\tRecommendation\tResponse", ["1.1", "1.2", "2.1"], "number"),
    ],
)
def test_identifier_schemes_are_open_ended(header: str, ids: list[str], expected: str) -> None:
    rows = "".join(f"{i}\tDo {n}.\tDone.\n" for n, i in enumerate(ids))
    report = parse_text(f"Title\n\n{header}\n{rows}")
    assert report.tables[0].columns[0].key == expected
    assert [row.id for row in report.records] == ids
    assert warnings(report) == []


def test_an_identifier_column_that_is_not_first() -> None:
    text = "Title\n\nOwner\tRec no.\tRecommendation\nBoard\tA-01\tDo it.\nTrust\tA-02\tDo more.\n"
    report = parse_text(text)
    assert [c.key for c in report.tables[0].columns] == ["owner", "number", "recommendation"]
    assert [(r.id, r.cells()["owner"].text) for r in report.records] == [("A-01", "Board"), ("A-02", "Trust")]


def test_prose_without_a_table_is_still_refused() -> None:
    from extract.errors import HeaderNotFoundError

    with pytest.raises(HeaderNotFoundError, match="no table found"):
        parse_text("A government response\n\nRecommendation 1\n\nWe accept this recommendation.\n")


def _raw(*rows: tuple[str | tuple[str, bool], ...]) -> RawDocument:
    """A raw document of one page: each row's cells as text, or (text, merged)."""
    raw_rows = []
    for line, cells in enumerate(rows, start=1):
        raw_cells = tuple(RawCell(c[0], line, 1, None, c[1]) if isinstance(c, tuple) else RawCell(c, line, 1)
                          for c in cells)
        raw_rows.append(RawRow(raw_cells, line, 1))
    source = SourceInfo("x.pdf", "0" * 64, "pdf", None, 1)
    return RawDocument("x.pdf", source, tuple(raw_rows))


def test_sub_rows_under_a_merged_identifier_are_rows_of_their_own() -> None:
    # Item 4 spans three outbreaks: its number and state are merged cells over the sub-rows below.
    merged = ("", True)
    document = _raw(
        ("Outbreaks",),
        ("S. No.", "State", "District", "Cases"),
        ("3", "Odisha", "Kalahandi", "42"),
        ("4", "West Bengal", "Medinipur", "145"),
        (merged, merged, "Birbhum", "199"),
        (merged, merged, "Howrah", "85"),
        ("5", "Bihar", "Katihar", "13"),
    )
    found = find_tables(document, Profile())
    stitched = stitch_rows(found.tables[0], Profile())
    rows = [(r.id, r.part, {k: " ".join(f.text for f in c.fragments) for k, c in r.cells.items()},
             {k: c.inherited_from for k, c in r.cells.items() if c.inherited_from is not None}) for r in stitched.rows]
    assert rows == [
        ("3", None, {"state": "Odisha", "district": "Kalahandi", "cases": "42"}, {}),
        ("4", 1, {"state": "West Bengal", "district": "Medinipur", "cases": "145"}, {}),
        ("4", 2, {"state": "West Bengal", "district": "Birbhum", "cases": "199"}, {"state": 4}),
        ("4", 3, {"state": "West Bengal", "district": "Howrah", "cases": "85"}, {"state": 4}),
        ("5", None, {"state": "Bihar", "district": "Katihar", "cases": "13"}, {}),
    ]


def test_an_empty_identifier_cell_that_is_not_merged_continues_the_item() -> None:
    document = _raw(("No.", "Text", "Cases"), ("1", "Alpha and", "4"), ("", "beta.", ""), ("2", "Gamma.", "5"))
    stitched = stitch_rows(find_tables(document, Profile()).tables[0], Profile())
    assert [(r.id, r.part, len(r.rows)) for r in stitched.rows] == [("1", None, 2), ("2", None, 1)]


def test_prose_alone_where_the_identifier_stands_is_a_note_not_a_row() -> None:
    text = ("Title\n\nNo.\tItem\n1\tEngine particulars (1)\n2\tCross section\n"
            "(1) If integral with the engine and not integrated in the bedplate.\t\n")
    report = parse_text(text)
    assert [row.id for row in report.records] == ["1", "2"]
    (note,) = warnings(report)
    assert note.code == "table-note" and "'(1) If integral with the engine" in note.message


def test_a_section_row_with_nothing_under_it_is_said() -> None:
    report = parse_text("Title\n\nNo.\tText\nAviation\t\n1\tA.\nRail\t\n")
    assert [(row.id, row.section) for row in report.records] == [("1", "Aviation")]
    assert [(d.code, "'Rail'" in d.message) for d in warnings(report)] == [("empty-section", True)]


@pytest.mark.parametrize("values", [["2019", "2020", "2021"], ["45%", "50%", "61%"], ["1,200", "1,350", "1,400"]])
def test_years_shares_and_amounts_in_order_are_not_identifiers(values: list[str]) -> None:
    texts = ["Act now.", "Review the plan.", "Share the results."]
    rows = "".join(f"{value}\t{text}\tDone.\n" for value, text in zip(values, texts, strict=True))
    report = parse_text(f"Title\n\nWhen\tRecommendation\tResponse\n{rows}")
    assert [c.key for c in report.tables[0].columns] == ["when", "recommendation", "response"]
    assert "no-identifier-column" in codes(report)


def test_a_continuation_of_short_cells_at_a_page_top_is_not_a_new_header() -> None:
    # Red-team case: "<tab>discharge team.<tab>part." after a page break looked like a header.
    text = ("Title\n\nNo.\tRecommendation\tResponse\n1\tTrusts should fund the\tAgreed in\n\n"
            "\tdischarge team.\tpart.\n2\tWards should plan\tAgreed in\n\n\tdischarge team.\tpart.\n"
            "3\tPharmacy should act.\tAgreed.\n")
    report = parse_text(text)
    (table,) = report.tables
    assert [(r.id, r.recommendation.text, r.cells()["response"].text) for r in table.rows] == [
        ("1", "Trusts should fund the discharge team.", "Agreed in part."),
        ("2", "Wards should plan discharge team.", "Agreed in part."),
        ("3", "Pharmacy should act.", "Agreed.")]


def test_a_first_row_of_bare_numbers_is_data_not_column_numbers() -> None:
    report = parse_text("Outbreaks\n\nNo.\tCases\tDeaths\n1\t2\t3\n2\t5\t0\n3\t7\t1\n")
    assert [row.id for row in report.records] == ["1", "2", "3"]


def test_a_capitalised_label_alone_at_a_page_top_is_a_section_not_a_continuation() -> None:
    text = ("Title\n\nInquiry\tNumber\tIssued\tRecommendation\tResponse\nAviation\t\t\t\t\n"
            "AO-2022-001\t001/23\t30-Mar-23\tReview the rule.\tAccepted\n\nRail\t\t\t\t\n"
            "RO-2021-101\t002/23\t7-Dec-22\tAudit the track.\tRejected\n")
    report = parse_text(text)
    assert [(r.id, r.section, r.cells()["inquiry"].text) for r in report.records] == [
        ("001/23", "Aviation", "AO-2022-001"), ("002/23", "Rail", "RO-2021-101")]


def test_many_single_label_rows_in_a_row_read_in_linear_time() -> None:
    # Red-team case: a run of single-cell rows was walked back over for every row (quadratic).
    # Counted, not timed: each row is looked at a bounded number of times.
    import extract.table.scan as scan

    calls = 0
    real = scan.filled

    def counting(row):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(row)

    rows = "".join("\t\tnote\n" for _ in range(2000))
    scan.filled = counting
    try:
        parse_text(f"Title\n\nNo.\tRecommendation\tResponse\n1\tDo X.\tDone.\n{rows}")
    finally:
        scan.filled = real
    assert calls < 10 * 2000


@pytest.mark.parametrize("mark", ["Table 1 (continued)", "Responses (cont'd)", "Table 1: Responses"])
def test_a_line_saying_the_table_goes_on_above_a_repeated_header_does_not_start_a_table(mark: str) -> None:
    header = "No.\tRecommendation\tResponse"
    def document(above: str) -> str:
        return f"Title\n\nTable 1: Responses\n{header}\n1\tA.\tDone.\n2\tB.\tDone.\n{above}\n{header}\n3\tC.\tDone.\n"

    report = parse_text(document(mark))
    assert [(t.heading, [r.id for r in t.rows]) for t in report.tables] == [("Table 1: Responses", ["1", "2", "3"])]
    notes = [d for d in report.diagnostics if d.code == "continued-heading"]
    assert len(notes) == 1 and mark in notes[0].message
    # Any other line there is a heading of its own: a new table.
    other = parse_text(document("Table 2: Others"))
    assert [t.heading for t in other.tables] == ["Table 1: Responses", "Table 2: Others"]


@pytest.mark.parametrize("title", ["Annual report\t2023", "Safety report\tMinistry of Transport"])
def test_a_title_written_with_a_tab_is_the_title_not_a_table(title: str) -> None:
    header = "No.\tRecommendation\tResponse"
    report = parse_text(f"{title}\n\n{header}\n1\tA.\tDone.\n2\tB.\tDone.\n")
    assert report.title == title.replace("\t", " ")
    assert [([c.label for c in t.columns], [r.id for r in t.rows]) for t in report.tables] == [
        (["No.", "Recommendation", "Response"], ["1", "2"])]
    assert warnings(report) == []


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        # "(i)" after "(h)" is the letter, not roman one; roman numerals go on as roman.
        ([f"({c})" for c in "abcdefghijkl"], []),
        (["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"], []),
        (["(u)", "(v)", "(w)", "(x)"], []),
        (["(a)", "(b)", "(i)", "(j)"], [("number-gap", "items (c)-(h) are missing: item (i) follows item (b)")]),
        (["(i)", "(v)"], [("number-gap", "items (ii)-(iv) are missing: item (v) follows item (i)")]),
        # Letters count in a code's order ("B.1" after "A.9"), and a year after a slash comes first.
        (["A.1", "A.2", "B.1", "B.2", "C.1"], []),
        (["001/23", "002/23", "099/23", "001/24", "002/24"], []),
        (["A.1", "A.2", "A.4"], [("number-gap", "item A.3 is missing: item A.4 follows item A.2")]),
        (["1.1", "1.2", "2.1", "1.3"], [("number-order", "item 1.3 comes after item 2.1")]),
        (["002/24", "001/24", "099/23"], []),  # newest first
    ],
)
def test_numbering_order_and_gaps_read_each_scheme_as_it_runs(ids: list[str], expected: list[tuple[str, str]]) -> None:
    rows = "".join(f"{i}\tDo {n}.\tDone.\n" for n, i in enumerate(ids))
    report = parse_text(f"Title\n\nNo.\tRecommendation\tResponse\n{rows}")
    assert [row.id for row in report.records] == ids
    assert [(d.code, d.message) for d in warnings(report)] == expected


def test_continued_inside_a_heading_is_no_continuation_marker() -> None:
    header = "No.\tRecommendation\tResponse"
    text = (f"Title\n\nTable 1: For commissioners\n{header}\n1\tA.\tDone.\n\n"
            f"Table 2: Recommendations on continued care\n{header}\n1\tC.\tDone.\n")
    assert [(t.heading, [r.id for r in t.rows]) for t in parse_text(text).tables] == [
        ("Table 1: For commissioners", ["1"]), ("Table 2: Recommendations on continued care", ["1"])]


def test_chapter_and_recommendation_numbers_after_a_slash_are_not_years() -> None:
    ids = ["1/8", "1/9", "1/10", "1/11", "2/1", "2/2"]
    rows = "".join(f"{i}\tRec {i}.\tDone.\n" for i in ids)
    assert warnings(parse_text(f"Title\n\nNo.\tRecommendation\tResponse\n{rows}")) == []
