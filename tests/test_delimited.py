"""Delimited text from a spreadsheet: tab- or comma-separated, cells quoted where they hold line
breaks, read with the csv module (Excel's "Unicode Text" is UTF-16 with tabs and quotes)."""

from __future__ import annotations

import csv
import io

import pytest

from extract import parse_bytes, parse_text
from extract.readers import is_delimited
from schema import ListBlock, Report
from test_repaginate import essence

KEYS = ("recommendation", "target_audience", "action_taken", "next_steps")


def _spreadsheet(report: Report, delimiter: str) -> str:
    """The report's table as a spreadsheet holds it: a cell's paragraphs on lines of their own
    (Alt+Enter), list items opening with "•", item 15's merged cells empty; written as Excel does."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([report.title or ""])
    writer.writerow(["No.", "Recommendation", "Target audience", "Action taken", "Next steps"])
    for rec in report.recommendations:
        cells = []
        for key in KEYS:
            cell = getattr(rec, key)
            lines = [line for block in ([] if cell.inherited_from else cell.blocks)
                     for line in (["• " + item for item in block.items] if isinstance(block, ListBlock)
                                  else [block.text])]
            cells.append("\n".join(lines))
        writer.writerow([rec.id, *cells])
    return out.getvalue()


def test_the_hqip_table_saved_as_unicode_text_by_excel_gives_the_text_routes_recommendations(hqip: Report) -> None:
    data = _spreadsheet(hqip, "\t").encode("utf-16")  # Excel's "Unicode Text": UTF-16 with a BOM
    assert is_delimited(data)
    report = parse_bytes(data, name="hqip.txt")
    assert report.source.format == "delimited"
    assert essence(report) == essence(hqip)
    assert report.title == hqip.title


def test_comma_separated_values_with_quoted_line_breaks() -> None:
    text = ('Responses (published 1 Jan 2015)\r\nNo.,Recommendation,Response\r\n'
            '1,"Publish, each year.","Agreed.\r\nTraining by June 2025."\r\n2,Review.,Noted.\r\n')
    report = parse_bytes(text.encode(), name="responses.csv")
    assert report.source.format == "delimited"
    assert [(r.id, r.cells()["recommendation"].text, r.cells()["response"].text) for r in report.records] == [
        ("1", "Publish, each year.", "Agreed.\n\nTraining by June 2025."), ("2", "Review.", "Noted.")]
    assert [p.line for p in report.records[1].cells()["response"].provenance] == [5]


@pytest.mark.parametrize("text", [
    "Title\n\nNo.\tRecommendation\tResponse\n1\t\"Quoted\" at the start.\tDone.\n",  # a text export's quote
    "Title\n\nNo.\tRecommendation\tResponse\n1\tDo it, now.\tDone.\n",
    "A title, with a comma\n\nJust prose, no table.\n",
])
def test_a_text_export_is_not_taken_for_delimited_text(text: str) -> None:
    assert not is_delimited(text.encode())


def test_a_text_export_still_reads_as_one() -> None:
    report = parse_text("Title\n\nNo.\tRecommendation\tResponse\n1\t\"Quoted\" at the start.\tDone.\n")
    assert report.source.format == "text" and report.records[0].cells()["recommendation"].text.startswith('"Quoted"')


@pytest.mark.parametrize(("data", "expected"), [
    # A comma-separated file with a tab inside a quoted cell is still comma-separated.
    (b'Responses (2015),,\r\nNo.,Recommendation,Response\r\n1,"Publish:\tthe data.",Agreed.\r\n'
     b'2,Review.,"Noted.\r\nBy June."\r\n3,Train.,Done.\r\n', ["Publish: the data.", "Review.", "Train."]),
    # Excel's Unicode Text quotes a cell holding a quote or a tab, with no line break anywhere.
    (('Responses (2015)\r\nNo.\tRecommendation\tResponse\r\n1\t"Publish the ""State of care"" report."\tAgreed.\r\n'
      '2\t"Fund it.\tNow."\tNoted.\r\n').encode("utf-16"), ['Publish the "State of care" report.', "Fund it. Now."]),
    # European Excel separates with semicolons.
    (b"Responses (2015)\r\nNo.;Recommendation;Response\r\n1;Publish.;Agreed.\r\n2;Review.;Noted.\r\n",
     ["Publish.", "Review."]),
])
def test_the_delimiter_is_the_one_the_records_agree_on(data: bytes, expected: list[str]) -> None:
    report = parse_bytes(data, name="sheet")
    assert report.source.format == "delimited"
    assert [r.cells()["recommendation"].text for r in report.records] == expected


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_columns_no_record_fills_are_not_columns(delimiter: str, hqip: Report) -> None:
    # a sheet whose used range is wider than its table: every record padded with separators
    padded = "".join(line + delimiter * 3 + "\r\n" for line in _spreadsheet(hqip, delimiter).split("\r\n")[:-1])
    report = parse_bytes(padded.encode("utf-16"), name="padded.txt")
    assert [c.key for c in report.tables[0].columns] == [c.key for c in hqip.tables[0].columns]
    assert essence(report) == essence(hqip)
    assert not [d for d in report.diagnostics if d.code == "empty-cell" and "column_" in d.message]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_row_with_a_cell_more_or_less_is_an_odd_row_not_another_format(delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(fields) for fields in [
        ("No.", "Recommendation", "Response"), ("1", "Trusts should act.", "Agreed."),
        ("2", "Boards should act.", "Agreed.", "see the annex"), ("3", "ICBs should act."),
        ("4", "Fund it.", "Noted.")]) + "\r\n"
    report = parse_bytes(text.encode(), name="ragged.csv")
    assert report.source.format == "delimited"
    # the short row is padded; its empty response is taken for a merged cell, as a spreadsheet saves one
    assert [(r.id, r.cells()["response"].text, r.cells()["response"].inherited_from) for r in report.records] == [
        ("1", "Agreed.", None), ("2", "Agreed.", None), ("3", "Agreed.", 2), ("4", "Noted.", None)]
    said = {d.code: d.message for d in report.diagnostics}
    assert "'see the annex'" in said["extra-cells"] and {"padded-row", "inherited-cells"} <= set(said)
