"""PDF tables as publishers draw them: several grids on a page, merged identifier cells over
sub-rows, cell shading, header cells ruled into slivers, words broken by narrow cells. Each PDF
is built here with the minimal writer (tests/pdfwriter.py)."""

from __future__ import annotations

import pytest
from pdfminer.fontmetrics import FONT_METRICS

from extract import parse_bytes
from extract.errors import ExtractError
from helpers import warnings
from pdfwriter import Page, build_pdf

XS = (40.0, 100.0, 200.0, 300.0)
ROW = 16.0


def _grid(page: Page, top: float, rows: list[tuple[str, str, str]], *, merged_below: set[int] = frozenset(),
          shade_header: bool = False) -> float:
    """Rows of three cells; ``merged_below``: rows whose first two cells run on into the next row
    (no rule under them there). The bottom of the grid."""
    if shade_header:
        page.shade(XS[0], top, XS[-1], top + ROW)
    page.rule(XS[0], top, XS[-1], top)
    y = top
    for index, cells in enumerate(rows):
        for x, text in zip(XS, cells, strict=False):
            if text:
                page.text(x + 4, y + 4, text, bold=index == 0)
        y += ROW
        page.rule(XS[2] if index in merged_below else XS[0], y, XS[-1], y)
    for x in XS:
        page.rule(x, top, x, y)
    return y


def test_a_merged_identifier_cell_over_sub_rows_gives_a_row_for_each() -> None:
    page = Page()
    page.text(40, 20, "Weekly outbreaks", size=10, bold=True)
    _grid(page, 40, [("No.", "State", "Cases"), ("1", "Kerala", "19"), ("2", "Bengal", "145"), ("", "", "199"),
                     ("", "", "85"), ("3", "Bihar", "69")], merged_below={2, 3}, shade_header=True)
    report = parse_bytes(build_pdf([page]), name="outbreaks.pdf")
    rows = [(row.id, row.part, row.cells()["state"].text, row.cells()["state"].inherited_from,
             row.cells()["cases"].text) for row in report.records]
    assert rows == [("1", None, "Kerala", None, "19"), ("2", 1, "Bengal", None, "145"),
                    ("2", 2, "Bengal", 2, "199"), ("2", 3, "Bengal", 2, "85"), ("3", None, "Bihar", None, "69")]
    assert warnings(report) == []  # sub-rows repeat their item's merged cells by nature
    assert report.title == "Weekly outbreaks"


def test_two_grids_on_a_page_are_two_tables_each_under_its_heading() -> None:
    page = Page()
    page.text(40, 20, "Weekly outbreaks", size=10, bold=True)
    bottom = _grid(page, 40, [("No.", "State", "Cases"), ("1", "Kerala", "19"), ("2", "Goa", "7")])
    page.text(40, bottom + 20, "Outbreaks reported late", size=9, bold=True)
    _grid(page, bottom + 40, [("No.", "State", "Cases"), ("1", "Bihar", "69")])
    report = parse_bytes(build_pdf([page]), name="two.pdf")
    assert [(t.heading, [r.id for r in t.rows]) for t in report.tables] == [
        (None, ["1", "2"]), ("Outbreaks reported late", ["1"])]
    # The same identifiers in two tables are not duplicates.
    assert [d.code for d in warnings(report)] == []


def test_two_grids_with_nothing_between_them_are_still_two_tables() -> None:
    page = Page()
    page.text(40, 20, "Definitions", size=10, bold=True)
    bottom = _grid(page, 40, [("Response", "Meaning", "Report"), ("Accepted", "Agreed.", "Yes")])
    _grid(page, bottom + 12, [("Status", "Meaning", "Report"), ("Rejected", "Not agreed.", "No")])
    report = parse_bytes(build_pdf([page]), name="defs.pdf")
    assert [[c.label for c in t.columns][0] for t in report.tables] == ["Response", "Status"]


def test_a_word_broken_by_a_narrow_cell_is_joined() -> None:
    page = Page()
    page.text(40, 20, "The number of items we issued.", size=10, bold=True)
    xs = (40.0, 65.5, 200.0)  # the first column fits "Numb" and no more
    top = 40.0
    page.rule(xs[0], top, xs[-1], top)
    lines = [(("Numb", "er"), ("Status",)), (("12",), ("Accepted",)), (("13",), ("Rejected",))]
    for first, second in lines:
        for n, text in enumerate(first):
            page.text(xs[0] + 2, top + 3 + 10 * n, text)
        for n, text in enumerate(second):
            page.text(xs[1] + 2, top + 3 + 10 * n, text)
        top += 10 * max(len(first), len(second)) + 6
        page.rule(xs[0], top, xs[-1], top)
    for x in xs:
        page.rule(x, 40, x, top)
    report = parse_bytes(build_pdf([page]), name="narrow.pdf")
    assert [c.label for c in report.tables[0].columns] == ["Number", "Status"]
    assert [r.id for r in report.records] == ["12", "13"]


def test_a_word_broken_before_its_last_letter_or_into_no_word_is_joined() -> None:
    # LibreOffice breaks a word too long for a narrow cell anywhere: "Recipien" / "t" (a word the
    # document never writes whole), "Under considerati" / "on" ("on" is a word, "considerati" none).
    page = Page()
    page.text(40, 20, "Each item on the list is under consideration or accepted.", size=10, bold=True)
    xs = (40.0, 60.0, 95.5, 162.5)  # "Recipien" and "Under considerati" just fit their columns
    top = 40.0
    page.rule(xs[0], top, xs[-1], top)
    lines = [(("No.",), ("Recipien", "t"), ("Response",)), (("12",), ("KiwiRail",), ("Under considerati", "on")),
             (("13",), ("NZTA",), ("Accepted",))]
    for cells in lines:
        for x, texts in zip(xs, cells, strict=False):
            for n, text in enumerate(texts):
                page.text(x + 2, top + 3 + 10 * n, text)
        top += 10 * max(len(texts) for texts in cells) + 6
        page.rule(xs[0], top, xs[-1], top)
    for x in xs:
        page.rule(x, 40, x, top)
    report = parse_bytes(build_pdf([page]), name="narrow.pdf")
    assert [c.label for c in report.tables[0].columns] == ["No.", "Recipient", "Response"]
    assert [(r.id, r.cells()["response"].text) for r in report.records] == [
        ("12", "Under consideration"), ("13", "Accepted")]


def test_a_caption_across_the_grids_first_row_is_the_tables_heading() -> None:
    page = Page()
    page.text(40, 20, "Weekly bulletin", size=10, bold=True)
    top = _grid(page, 40, [("No.", "State", "Cases"), ("1", "Kerala", "19")]) + 12
    page.rule(XS[0], top, XS[-1], top)
    page.text(XS[0] + 4, top + 4, "OUTBREAKS REPORTED LATE", bold=True)
    for x in (XS[0], XS[-1]):
        page.rule(x, top, x, top + ROW)
    _grid(page, top + ROW, [("No.", "State", "Cases"), ("1", "Bihar", "69")])
    report = parse_bytes(build_pdf([page]), name="caption.pdf")
    assert report.title == "Weekly bulletin"
    assert [(t.heading, [r.cells()["state"].text for r in t.rows]) for t in report.tables] == [
        (None, ["Kerala"]), ("OUTBREAKS REPORTED LATE", ["Bihar"])]
    assert all(column.group is None for table in report.tables for column in table.columns)


def test_a_large_bold_heading_in_two_parts_is_not_an_unruled_tables_header() -> None:
    page = Page()
    page.text(40, 30, "SECTION 2", size=16, bold=True)
    page.text(200, 30, "DIESEL ENGINES", size=16, bold=True)
    for n in range(12):  # two columns of prose under it
        page.text(40, 70 + 12 * n, f"Engines listed below are to be designed, line {n}.")
        page.text(320, 70 + 12 * n, f"The documentation is to be submitted, line {n}.")
    with pytest.raises(ExtractError, match="no table found"):
        parse_bytes(build_pdf([page]), name="prose.pdf")


def test_a_merged_identifier_cell_opening_with_a_label_across_the_row_gives_the_section() -> None:
    page = Page()
    page.text(40, 20, "Area by size group", size=10, bold=True)
    top, x0, x1, x2, x3 = 40.0, *XS
    rows = [("No.", "Size", "Area"), ("1", "MARGINAL", ""), ("", "I", "39"), ("", "UI", "7"),
            ("2", "SMALL", ""), ("", "I", "20"), ("", "UI", "6")]
    page.rule(x0, top, x3, top)
    for index, cells in enumerate(rows):
        y = top + ROW * index
        for x, text in zip(XS, cells, strict=False):
            if text:
                page.text(x + 4, y + 4, text, bold=index == 0)
        merged_below = index in (1, 2, 4, 5)  # the number's cell runs on down
        page.rule(x1 if merged_below else x0, y + ROW, x3, y + ROW)
        if cells[2] or index == 0:  # a label row has no rule between its last two columns
            page.rule(x2, y, x2, y + ROW)
    bottom = top + ROW * len(rows)
    for x in (x0, x1, x3):
        page.rule(x, top, x, bottom)
    report = parse_bytes(build_pdf([page]), name="groups.pdf")
    assert [(r.id, r.part, r.section, r.cells()["size"].text, r.cells()["area"].text) for r in report.records] == [
        ("1", 1, "MARGINAL", "I", "39"), ("1", 2, "MARGINAL", "UI", "7"),
        ("2", 1, "SMALL", "I", "20"), ("2", 2, "SMALL", "UI", "6")]


def test_an_item_whose_cell_spans_the_rest_of_its_row_stays_an_item() -> None:
    # Red-team case: "2 | No report received" (one box over State and Cases) vanished into a section.
    page = Page()
    page.text(40, 20, "Outbreaks", size=10, bold=True)
    top = 40.0
    rows = [("No.", "State", "Cases"), ("1", "Kerala", "19"), ("2", "No report received", ""), ("3", "Bihar", "69")]
    page.rule(XS[0], top, XS[-1], top)
    for index, cells in enumerate(rows):
        y = top + ROW * index
        for x, text in zip(XS, cells, strict=False):
            if text:
                page.text(x + 4, y + 4, text, bold=index == 0)
        page.rule(XS[0], y + ROW, XS[-1], y + ROW)
        if index != 2:
            page.rule(XS[2], y, XS[2], y + ROW)
    for x in (XS[0], XS[1], XS[3]):
        page.rule(x, top, x, top + ROW * len(rows))
    report = parse_bytes(build_pdf([page]), name="span.pdf")
    assert [(r.id, r.section, r.cells()["state"].text) for r in report.records] == [
        ("1", None, "Kerala"), ("2", None, "No report received"), ("3", None, "Bihar")]


def test_ordinary_wrapped_words_keep_their_space() -> None:
    # Red-team case: "look in" / "to the matter" became "look into" because "into" is a word.
    page = Page()
    page.text(40, 20, "We will look into it.", size=10, bold=True)
    xs, top = (40.0, 100.0, 200.0), 40.0
    page.rule(xs[0], top, xs[-1], top)
    page.text(44, top + 4, "No.", bold=True)
    page.text(104, top + 4, "Response", bold=True)
    page.rule(xs[0], top + ROW, xs[-1], top + ROW)
    page.text(44, top + ROW + 4, "1")
    page.text(104, top + ROW + 4, "The board will look in")
    page.text(104, top + ROW + 14, "to the matter.")
    bottom = top + ROW + 26
    page.rule(xs[0], bottom, xs[-1], bottom)
    for x in xs:
        page.rule(x, top, x, bottom)
    report = parse_bytes(build_pdf([page]), name="wrap.pdf")
    assert report.records[0].cells()["response"].text == "The board will look in to the matter."


@pytest.mark.parametrize(("lines", "expected"), [
    (("1,234,5", "67"), "1,234,567"),  # a number the cell broke inside
    (("12/03/2015", "14/05/2016"), "12/03/2015 14/05/2016"),  # two dates, one under the other
    (("2014/15", "2015/16"), "2014/15 2015/16"),
    (("4.50", "24.28"), "4.50 24.28"),
])
def test_two_values_one_under_the_other_in_a_narrow_cell_are_not_one_broken_code(lines: tuple[str, str],
                                                                                  expected: str) -> None:
    page = Page()
    page.text(40, 20, "Summary of responses to 'T' (published 1 Jan 2015)", size=10, bold=True)
    widths = FONT_METRICS["Helvetica"][1]
    right = 330 + max(sum(widths[c] for c in line) * 8 / 1000 for line in lines) + 9  # a "Due" column just wide enough
    xs, top = (40.0, 80.0, 330.0, right), 40.0
    for index, cells in enumerate([("No.", "Recommendation", ("Due",)), ("1", "Trusts should publish.", lines)]):
        for x, text in zip(xs, cells, strict=False):
            for n, line in enumerate((text,) if isinstance(text, str) else text):
                page.text(x + 4, top + 4 + 10 * n, line, bold=index == 0)
        bottom = top + 10 * (len(cells[2]) if index else 1) + 8
        page.rule(xs[0], top, xs[-1], top)
        page.rule(xs[0], bottom, xs[-1], bottom)
        for x in xs:
            page.rule(x, top, x, bottom)
        top = bottom
    report = parse_bytes(build_pdf([page]), name="narrow.pdf")
    assert report.records[0].cells()["due"].text == expected
