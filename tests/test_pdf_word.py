"""PDF tables as Word and LibreOffice lay them out: group labels centred over the columns they
group, header-only grids (shaded or boxed) over unruled rows, and paragraphs that run on across a
page break. Small PDFs built here with the minimal writer (tests/pdfwriter.py); the LibreOffice
renderings of the HQIP table (tests/fixtures/word, made by samples/make_word_pdfs.py) are
checked against the text route in tests/test_pdf.py, with the WeasyPrint ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import parse, parse_bytes
from helpers import warnings
from pdf_fixtures import CellLines, table_page
from pdfwriter import Page, build_pdf
from schema import Join

TITLE = "Summary of responses to 'T' (published 1 Jan 2015)"
STARTS = (40.0, 80.0, 330.0, 430.0, 630.0)
RIGHT = 800.0


def _centred(page: Page, left: float, right: float, top: float, text: str) -> None:
    width = len(text) * 4.6  # about Helvetica-Bold's width at 8 pt
    page.text((left + right - width) / 2, top, text, bold=True)


def _grouped_header(page: Page, top: float) -> float:
    """HQIP's two header lines, the group labels centred over their columns; the line under them."""
    page.text(STARTS[0] + 4, top, "No.", bold=True)
    _centred(page, STARTS[1], STARTS[3], top, "Recommendations and audiences")
    _centred(page, STARTS[3], RIGHT, top, "HQIP response")
    for x, label in zip(STARTS[1:], ("Recommendation", "Target audience", "Action taken", "Next steps"), strict=True):
        page.text(x + 4, top + 12, label, bold=True)
    return top + 30


def _body(page: Page, top: float, rows: list[tuple[str, ...]]) -> None:
    """Unruled rows, a cell's lines split at "\n", 10 pt apart, and 10 pt between rows."""
    for cells in rows:
        for x, text in zip(STARTS, cells, strict=True):
            for n, line in enumerate(text.split("\n")):
                if line:
                    page.text(x + 4, top + 10 * n, line)
        top += 10 * max(len(cell.split("\n")) for cell in cells) + 10


ROWS = [("1", "Commissioners should consider a strategy.", "Commissioners", "Done.", "None."),
        ("2", "Trusts should publish results.", "Trusts", "Guidance issued.", "Review in 2015.")]


def test_group_labels_centred_over_their_columns_are_not_columns() -> None:
    page = Page()
    page.text(40, 20, TITLE, size=10, bold=True)
    _body(page, _grouped_header(page, 40), ROWS)
    report = parse_bytes(build_pdf([page]), name="grouped.pdf")
    (table,) = report.tables
    assert [c.label for c in table.columns] == ["No.", "Recommendation", "Target audience", "Action taken",
                                                "Next steps"]
    assert [[cell.text for cell in row.cells().values()] for row in table.rows] == [list(row[1:]) for row in ROWS]
    assert warnings(report) == []


def _break_cases() -> list[tuple[str, str, str, str]]:
    text = (Path(__file__).parent / "fixtures" / "pdf_page_breaks.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    cases = []
    for chunk in re.split(r"^=== ", text, flags=re.MULTILINE)[1:]:
        name, body = chunk.split("\n", 1)
        before, rest = body.split("\n~~~ page break ~~~\n")
        after, expected = rest.split("\n---\n")
        cases.append((name.strip(), before.strip("\n"), after.strip("\n"), expected.strip("\n")))
    return cases


BREAK_CASES = _break_cases()


@pytest.mark.parametrize(("name", "before", "after", "expected"), BREAK_CASES, ids=[c[0] for c in BREAK_CASES])
@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_page_break_inside_a_paragraph_is_told_by_the_layout(name: str, before: str, after: str, expected: str,
                                                               ruled: bool) -> None:
    def row(*cells: str) -> list[CellLines]:
        return [CellLines.parse(cell) for cell in cells]

    # Another row's wrapped text on each page shows how far the column's text runs without rules.
    widest = "These processes are addressed in The Good Governance Guide\nand the Board Guide."
    first = table_page([row("1", widest, "Trusts", "Done.", "Next."), row("2", before, "Trusts", "Done.", "Next.")],
                       ruled=ruled)
    second = table_page([row("", after, "", "", ""), row("3", widest, "Trusts", "Done.", "Next.")],
                        title=None, ruled=ruled)
    report = parse_bytes(build_pdf([first, second]), name="break.pdf")
    cell = next(r for r in report.recommendations if r.id == "2").recommendation
    assert cell.text == expected


WORD = Path(__file__).parent / "fixtures" / "word"
@pytest.mark.parametrize(("name", "item", "column"), [("hqip-word-unruled-shaded", 5, "next_steps"),
                                                     ("hqip-word-ruled-portrait", 10, "action_taken")])
def test_a_paragraph_split_by_a_page_break_before_a_capital_is_carried_on(name: str, item: int, column: str) -> None:
    # "… completed by all" / "National Clinical Audits …"; "The Consultant Outcomes" / "Programme Style Guide …":
    # the text alone cannot tell these from a paragraph's end; the line's fullness can.
    cell = getattr(parse(WORD / f"{name}.pdf").recommendations[item - 1], column)
    assert Join.CARRIED_SENTENCE in [p.join for p in cell.provenance]


@pytest.mark.parametrize("bold", [True, False], ids=["bold", "plain"])
@pytest.mark.parametrize("drawn", ["shaded", "boxed"])
def test_a_header_in_a_grid_of_its_own_over_unruled_rows_is_the_tables_header(drawn: str, bold: bool) -> None:
    page = Page()
    page.text(40, 20, TITLE, size=10, bold=True)
    labels = ("No.", "Recommendation", "Target audience", "Action taken", "Next steps")
    edges = (*STARTS, RIGHT)
    for x0, x1, label in zip(edges, edges[1:], labels, strict=False):
        if drawn == "shaded":
            page.shade(x0 + 0.05, 40, x1 - 0.05, 56)  # a cell's fill, as LibreOffice draws it
        page.text(x0 + 4, 44, label, bold=bold)
    if drawn == "boxed":
        for top in (40, 56):
            page.rule(STARTS[0], top, RIGHT, top)
        for x in (STARTS[0], STARTS[1], RIGHT):  # a box with a rule or two inside, as on a score sheet
            page.rule(x, 40, x, 56)
    _body(page, 64, ROWS)
    report = parse_bytes(build_pdf([page]), name="header-grid.pdf")
    (table,) = report.tables
    assert [c.label for c in table.columns] == list(labels)
    assert [[cell.text for cell in row.cells().values()] for row in table.rows] == [list(row[1:]) for row in ROWS]
    assert warnings(report) == []


def test_labels_set_sideways_in_an_upright_table_leave_the_page_as_it_is() -> None:
    # A compliance matrix: seven audience labels set vertically; the last page holds one row under them.
    labels = ["Commissioners", "Providers", "Clinicians", "Patients and carers", "Regulators", "Royal Colleges", "HQIP"]
    columns = [40, 70, 330] + [370 + 40 * i for i in range(len(labels))]

    def matrix(rows: list[tuple[str, str, str]], title: bool) -> Page:
        page = Page()
        if title:
            page.text(40, 20, TITLE, size=10, bold=True)
        page.text(44, 44, "No.", bold=True)
        page.text(74, 44, "Recommendation", bold=True)
        for i, label in enumerate(labels):
            page.ops.append(f"BT 0 1 -1 0 {columns[2 + i] + 24:.2f} {595.28 - 126:.2f} Tm /F2 8 Tf ({label}) Tj ET")
        tops, top = [40, 130], 130
        for number, text, marks in rows:
            page.text(44, top + 4, number)
            page.text(74, top + 4, text)
            for i, mark in enumerate(marks.split()):
                page.text(columns[2 + i] + 16, top + 4, mark)
            top += 16
            tops.append(top)
        for y in tops:
            page.rule(columns[0], y, columns[-1], y)
        for x in columns:
            page.rule(x, 40, x, top)
        return page

    first = matrix([("1", "Publish results.", "Y N Y N N Y N"), ("2", "Review data.", "N Y Y N Y N Y"),
                    ("3", "Issue guidance.", "Y Y N N N Y Y")], True)
    report = parse_bytes(build_pdf([first, matrix([("4", "Train staff.", "N N N Y Y Y N")], False)]), name="m.pdf")
    assert [(r.id, r.recommendation.text) for r in report.recommendations] == [
        ("1", "Publish results."), ("2", "Review data."), ("3", "Issue guidance."), ("4", "Train staff.")]


def _grid_header(page: Page, *, drawn: str, centred: bool = False, rules: tuple[float, ...] = ()) -> None:
    """The five labels in a grid of their own from 40 to 56: shaded cells, or a box with ``rules``."""
    labels = ("No.", "Recommendation", "Target audience", "Action taken", "Next steps")
    edges = (*STARTS, RIGHT)
    for x0, x1, label in zip(edges[:-1], edges[1:], labels, strict=True):
        if drawn == "shaded":
            page.shade(x0 + 0.05, 40, x1 - 0.05, 56)
        page.text((x0 + x1 - len(label) * 4.45) / 2 if centred else x0 + 4, 44, label)
    if drawn == "boxed":
        for top in (40, 56):
            page.rule(STARTS[0], top, RIGHT, top)
        for x in (STARTS[0], *rules, RIGHT):
            page.rule(x, 40, x, 56)


@pytest.mark.parametrize("drawn", ["shaded", "boxed"])
def test_a_header_grid_over_a_page_that_opens_with_a_carried_over_line(drawn: str) -> None:
    first, second = Page(), Page()
    first.text(40, 20, TITLE, size=10, bold=True)
    for page in (first, second):
        _grid_header(page, drawn=drawn, rules=(STARTS[1],))
    _body(first, 64, [ROWS[0], ("2", "Trusts should publish the results of\nevery audit", "Trusts", "Done.", "None.")])
    _body(second, 64, [("", "in their annual quality account.", "", "", ""), ("3", "Boards review.", "Boards", "Done.",
                                                                               "None.")])
    report = parse_bytes(build_pdf([first, second]), name="carried.pdf")
    assert [[c.label for c in t.columns] for t in report.tables] == [
        ["No.", "Recommendation", "Target audience", "Action taken", "Next steps"]]
    assert [(r.id, r.recommendation.text) for r in report.recommendations] == [
        ("1", ROWS[0][1]), ("2", "Trusts should publish the results of every audit in their annual quality account."),
        ("3", "Boards review.")]


def test_labels_centred_in_a_header_grid_that_rules_every_column_take_the_grids_columns() -> None:
    page = Page()
    page.text(40, 20, TITLE, size=10, bold=True)
    _grid_header(page, drawn="boxed", centred=True, rules=STARTS[1:])
    _body(page, 64, ROWS)
    (table,) = parse_bytes(build_pdf([page]), name="centred-grid.pdf").tables
    assert [[cell.text for cell in row.cells().values()] for row in table.rows] == [list(row[1:]) for row in ROWS]


def test_identifiers_centred_under_a_label_merged_down_are_their_own_column() -> None:
    page = Page()
    page.text(40, 20, TITLE, size=10, bold=True)
    top = _grouped_header(page, 40)
    for n, number in enumerate(("1", "2", "10")):  # Word centres the numbers in the "No." cell
        page.text((STARTS[0] + STARTS[1] - len(number) * 4.45) / 2, top + 20 * n, number)
        for x, text in zip(STARTS[1:], ROWS[0][1:], strict=True):
            page.text(x + 4, top + 20 * n, text)
    report = parse_bytes(build_pdf([page]), name="centred-ids.pdf")
    assert [c.label for c in report.tables[0].columns][0] == "No."
    assert [r.id for r in report.recommendations] == ["1", "2", "10"]


def test_a_footer_under_a_short_ruled_table_is_no_row() -> None:
    def row(*cells: str) -> list[CellLines]:
        return [CellLines.parse(cell) for cell in cells]

    first = table_page([row(str(i), f"Trusts should publish audit {i}.", "Trusts", "Done.", "None.") for i in (1, 2)])
    second = table_page([row("3", "Boards should review the data.", "Boards", "Done.", "None.")], title=None)
    second.text(44, 560, "HQIP response to the National Audit report")
    second.text(700, 560, "Page 2 of 2")
    report = parse_bytes(build_pdf([first, second]), name="footer.pdf")
    assert [r.id for r in report.recommendations] == ["1", "2", "3"]
    assert [d.code for d in warnings(report)] == ["unplaced-line"]


@pytest.mark.parametrize(("last_line", "after", "expected"), [
    # "HQIP response" is centred over its columns and runs past where their text wraps: the room on the
    # line is measured to the column's wrapped lines, not the label ("… funded by" is full).
    ("A review of the findings of the audit will be funded by", "NHS England in 2015.", " "),
    # A column whose lines never wrap shows no width: only the text can tell.
    ("Status: ongoing", "The audit reports in June.", "\n\n"),
])
def test_an_unruled_columns_width_is_measured_by_its_wrapped_lines(last_line: str, after: str, expected: str) -> None:
    first, second = Page(), Page()
    first.text(40, 20, TITLE, size=10, bold=True)
    for page in (first, second):
        _grouped_header(page, 40)
    _body(first, 70, [ROWS[0], ("2", "Trusts should publish.", "Trusts", f"Guidance issued in 2014.\n{last_line}", "")])
    _body(second, 70, [("", "", "", after, ""), ("3", "HQIP should issue guidance.", "HQIP", "Done.", "None.")])
    report = parse_bytes(build_pdf([first, second]), name="break.pdf")
    cell = next(r for r in report.recommendations if r.id == "2").action_taken
    assert cell.text == f"Guidance issued in 2014. {last_line}{expected}{after}"
