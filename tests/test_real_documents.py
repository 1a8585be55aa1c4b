"""Real documents nobody here made (``../shared/real/``, README.md there): what a good reading of
each gives, with no profile. They are data and are not in the project: where the folder is
absent (a fresh clone, CI) every test here is skipped, saying why. Each rule they taught has a
committed fixture of its own (tests/test_tables.py, tests/test_pdf_tables.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract import parse
from extract.errors import ExtractError
from helpers import ROOT, warnings
from schema import Report

REAL = Path(os.environ.get("REPORT_EXTRACT_REAL", ROOT.parent / "shared" / "real"))

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real documents are not here ({REAL}): "
                                "they are data kept outside the project")

_CACHE: dict[str, Report] = {}


def read(name: str) -> Report:
    if name not in _CACHE:
        _CACHE[name] = parse(REAL / name)
    return _CACHE[name]


def cells(report: Report, key: str) -> list[str]:
    return [row.cells()[key].text for row in report.records]


def test_taic_status_report_every_table_with_its_rows_and_sections() -> None:
    report = read("taic-sr-report-to-minister-2023.lo.pdf")
    assert len(report.tables) == 10
    status_tables = [t for t in report.tables if "number" in [c.key for c in t.columns]]
    assert len(status_tables) == 8  # the two at the end are the definitions
    rows = [row for table in status_tables for row in table.rows]
    assert len(rows) == 53 and all(row.id is not None for row in rows)
    # Numbers like "001/23" whole, though the narrow cell wrapped "009/2" / "2"; inquiries and dates whole.
    assert all(len(row.id or "") == 6 and row.id[3] == "/" for row in rows)
    first = status_tables[0]
    assert [(row.id, row.section, row.cells()["inquiry"].text, row.cells()["issued"].text,
             row.cells()["response"].text) for row in first.rows] == [
        ("001/23", "Aviation", "AO-2022-001", "30-Mar-23", "Under Consideration"),
        ("003/23", "Maritime", "MO-2021-204", "25-Jan-23", "Accepted"),
        ("002/23", "Maritime", "MO-2021-204", "25-Jan-23", "Rejected"),
    ]
    assert [c.label for c in first.columns][:2] == ["Inquiry", "Number"]  # "Numb/er" mended
    # "None" under Rail: a section without rows, said; never a row.
    assert "empty-section" in [d.code for d in warnings(report)]
    assert all(row.cells()["inquiry"].text != "None" for row in rows)
    kiwirail = next(t for t in status_tables if any(row.section == "To KiwiRail" for row in t.rows))
    assert kiwirail.rows[0].id == "005/23"


def test_row_span_2_three_outbreaks_under_one_number_stay_three_rows() -> None:
    report = read("camelot-row_span_2.pdf")
    (table,) = report.tables
    assert [(row.id, row.part) for row in table.rows] == [
        ("1", None), ("2", None), ("3", None), ("4", 1), ("4", 2), ("4", 3)]
    assert [row.cells()["name_of_district"].text for row in table.rows[3:]] == [
        "West Medinipur", "Birbhum", "Howrah"]
    assert all("\n" not in row.cells()["no_of_cases"].text for row in table.rows)
    assert [row.cells()["name_of_state_ut"].inherited_from for row in table.rows[3:]] == [None, 4, 4]


def test_row_span_3_a_carried_over_row_then_numbers_with_sub_rows() -> None:
    report = read("camelot-row_span_3.pdf")
    assert [(row.id, row.part) for row in report.records] == [
        (None, None), ("4.", None), ("5.", 1), ("5.", 2), ("5.", 3), ("5.", 4)]
    assert "unnumbered-row" in [d.code for d in warnings(report)]
    # The three-line header "No. / of / Cases" is one header.
    assert "no_of_cases" in [c.key for c in report.tables[0].columns]


def test_tableception_the_nested_table_stays_in_its_cell() -> None:
    report = read("camelot-tableception.pdf")
    first = report.tables[0]
    assert [(row.id, row.part) for row in first.rows] == [(None, None), ("6.", 1), ("6.", 2)]
    comments = first.rows[0].cells()["comments_action_taken"].text
    assert "Kumbhkot" in comments and "Pyrethrum spray" in comments


def test_twotables_two_tables_and_no_title_from_a_table() -> None:
    report = read("camelot-twotables_1.pdf")
    assert len(report.tables) == 2
    assert report.title is None or "Sl." not in report.title
    first, second = report.tables
    assert [row.id for row in first.rows] == [None, None]  # carried over from an earlier page
    assert second.heading == "DISEASE OUTBREAKS OF PREVIOUS WEEKS REPORTED LATE"
    assert [(row.id, row.part) for row in second.rows] == [("1", 1), ("1", 2), ("1", 3)]


def test_medicine_items_under_their_numbers_and_a_plain_title() -> None:
    report = read("camelot-medicine.pdf")
    assert report.title == "List of Medicines approved by Purchase Committee"
    rows = report.records
    # 26 item rows on the page (7 + 2 + 2 + 2 + 2 + 9 x 1 + 2) under 15 numbers.
    assert len(rows) == 26 and len({row.id for row in rows}) == 15
    assert [row.cells()["item_sr_no"].text for row in rows if row.id == "1"] == [str(n) for n in range(1, 8)]


def test_column_span_47_rows_and_the_column_number_row_is_header_furniture() -> None:
    report = read("camelot-column_span_1.pdf")
    assert [row.number for row in report.records] == list(range(1, 48))
    assert "column-numbers" in [d.code for d in report.diagnostics]


def test_diesel_engines_the_heading_is_not_a_header() -> None:
    report = read("camelot-diesel_engines.pdf")
    assert "section_2" not in [c.key for t in report.tables for c in t.columns]
    table_1 = next(t for t in report.tables if (t.heading or "").startswith("Table 1 "))
    numbers = [row.number for row in table_1.rows if row.number is not None]
    assert numbers == [*range(1, 21), *range(24, 30)]
    # Items 21-23 share one ruled cell (three numbers beside three bullets): kept as one row, said.
    assert [row.id for row in table_1.rows if row.number is None] == ["21 22 23"]


def test_invoice_lines_under_their_header() -> None:
    report = read("pdfplumber-issue-140-example.pdf")
    invoice = report.tables[0]
    assert [c.label for c in invoice.columns][:3] == ["Line no", "UPC code", "Location"]
    assert cells(Report.model_validate(report.model_dump()), "upc_code")[:4] == [
        "0085648100305", "0085648100380", "0085648100303", "0085648100300"]


@pytest.mark.parametrize("name", ["govuk-behaviour-change-response.pdf", "govuk-covid19-inquiry-m1-response.pdf",
                                  "nhs-aar-small-bowel-obstruction-action-plan.pdf"])
def test_prose_responses_are_refused_clearly(name: str) -> None:
    with pytest.raises(ExtractError, match="no table found"):
        parse(REAL / name)


def test_skating_scores_rows_under_the_hash_column() -> None:
    report = read("pdfplumber-issue-90-example.pdf")
    # Each skater: a boxed header over unruled rows, read as one table whose columns its labels give.
    assert len(report.tables) == 4 and [len(t.rows) for t in report.tables[:3]] == [1, 5, 1]
    elements = report.tables[1]
    assert [c.label for c in elements.columns][:3] == ["#", "Executed Elements", "Base Value"]
    assert [(row.id, row.cells()["executed_elements"].text, row.cells()["base_value"].text)
            for row in elements.rows[:4]] == [("1", "NtCiSt3", "6.50"), ("2", "STw3", "5.00"),
                                              ("3", "1YP3+kpYNY", "6.00"), ("4", "2YP1+kpNNN", "3.00")]


def test_taic_word_file_gives_the_rows_the_pdf_does() -> None:
    pdf, docx = read("taic-sr-report-to-minister-2023.lo.pdf"), read("taic-sr-report-to-minister-2023.docx")
    assert docx.source.format == "docx" and len(docx.tables) == len(pdf.tables) == 10
    assert [(row.id, row.section) for row in docx.records] == [(row.id, row.section) for row in pdf.records]
    assert docx.title == pdf.title == "Status update on TAIC safety recommendations"
    first = docx.tables[0].rows[0]
    assert (first.id, first.section, first.cells()["issued"].text, first.cells()["response"].text) == (
        "001/23", "Aviation", "30-Mar-23", "Under Consideration")


def test_background_lines_groups_of_sub_rows_under_their_size_group() -> None:
    report = read("camelot-background_lines_2.pdf")
    (table,) = report.tables  # its grid is drawn partly as background bands
    assert "column-numbers" in [d.code for d in report.diagnostics]
    rows = [(row.id, row.part, row.section, row.cells()["size_group_ha"].text) for row in table.rows]
    assert rows[:6] == [("1", 1, "MARGINAL (BELOW 1.0)", "I"), ("1", 2, "MARGINAL (BELOW 1.0)", "UI"),
                        ("1", 3, "MARGINAL (BELOW 1.0)", "T"), ("2", 1, "SMALL (1.0 - 1.99)", "I"),
                        ("2", 2, "SMALL (1.0 - 1.99)", "UI"), ("2", 3, "SMALL (1.0 - 1.99)", "T")]
    assert [row.id for row in table.rows[:12:3]] == ["1", "2", "3", "4"]
