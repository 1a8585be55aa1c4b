"""Web pages (HTML) read directly: the HQIP table as a page gives the text route's cells, and the
reader's rules (every table under its heading, row and column spans, encodings, what is never read)
on small pages written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import parse, parse_bytes
from extract.readers import is_html
from helpers import warnings
from schema import Report
from test_repaginate import essence

PAGE = Path(__file__).parent / "fixtures" / "html" / "hqip.html"  # samples/make_pdfs.py --html


def test_the_hqip_table_as_a_web_page_gives_the_text_routes_recommendations(hqip: Report) -> None:
    # A <thead> of two rows ("No." rowspan 2, the group labels colspan 2), <p> and <ul> in cells,
    # items 14 and 15's last three cells one cell with rowspan 2.
    report = parse(PAGE)
    assert (report.source.format, report.source.encoding) == ("html", "utf-8")
    assert essence(report) == essence(hqip)
    assert [(d.code, d.message) for d in report.diagnostics] == [(d.code, d.message) for d in hqip.diagnostics]
    assert report.tables[0].columns == hqip.tables[0].columns
    assert (report.title, report.report) == (hqip.title, hqip.report)


def _page(body: str, head: str = "<title>Responses (published 1 Jan 2015)</title>") -> str:
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{head}</head><body>\n{body}\n</body></html>\n"


TABLE = ("<table>{caption}<tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>"
         "<tr><td>1</td><td>{first}</td><td>Agreed.</td></tr><tr><td>2</td><td>Review.</td><td>Noted.</td></tr></table>")


def test_every_table_under_its_heading_and_nothing_from_scripts() -> None:
    body = ("<script>document.write('<table><tr><td>9</td><td>x</td></tr></table>')</script><style>p {}</style>"
            "<p>Some prose first.</p><h2>To the Ministry</h2>" + TABLE.format(caption="", first="Publish.")
            + TABLE.format(caption="<caption>To the Agency</caption>", first="<p>Audit.</p><ul><li>a</li><li>b</li></ul>"))
    report = parse_bytes(_page(body).encode(), name="page.html")
    assert report.title == "Responses (published 1 Jan 2015)"
    assert [(t.heading, [r.id for r in t.rows]) for t in report.tables] == [
        ("To the Ministry", ["1", "2"]), ("To the Agency", ["1", "2"])]
    assert report.tables[1].rows[0].recommendation.text == "Audit.\n\n- a\n- b"
    assert [d.code for d in warnings(report)] == ["unplaced-line"]  # the prose, said, never silently dropped
    assert "document.write" not in report.model_dump_json()


def test_row_and_column_spans_and_a_nested_table() -> None:
    body = ("<h1>Responses (published 1 Jan 2015)</h1><table>"
            "<tr><th>No.</th><th>Recommendation</th><th>Owner</th><th>Response</th></tr>"
            "<tr><td>1</td><td colspan=\"2\">Publish, every owner.</td><td rowspan=\"2\">Both agreed.</td></tr>"
            "<tr><td>2</td><td>Review.</td><td><table><tr><td>Board</td><td>Trust</td></tr></table></td></tr>"
            "</table>")
    report = parse_bytes(_page(body, head="<title>Other</title>").encode(), name="spans.html")
    assert report.title == "Responses (published 1 Jan 2015)"  # the <h1> before the <title>
    rows = [(r.id, r.cells()["recommendation"].text, r.cells()["owner"].text, r.cells()["response"].text,
             r.cells()["response"].inherited_from) for r in report.records]
    assert rows == [("1", "Publish, every owner.", "", "Both agreed.", None),
                    ("2", "Review.", "Board\n\nTrust", "Both agreed.", 1)]


@pytest.mark.parametrize(("encoded", "encoding"), [
    (lambda page: page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"), "windows-1252"),
    (lambda page: page.encode("utf-16"), "utf-16"),
])
def test_the_encoding_comes_from_the_page(encoded: object, encoding: str) -> None:
    page = _page(TABLE.format(caption="", first="Publish the café’s results."))
    report = parse_bytes(encoded(page), name="enc.html")  # type: ignore[operator]
    assert report.source.encoding == encoding
    assert report.records[0].cells()["recommendation"].text == "Publish the café’s results."


@pytest.mark.parametrize(("data", "expected"), [
    (b"<!DOCTYPE html><html></html>", True),
    (b"\xef\xbb\xbf  <html lang='en'>", True),
    (b"<!-- saved page -->\n<TABLE><tr><td>1</td></tr></TABLE>", True),
    (b"<head><meta charset='utf-8'></head><body><table></table></body>", True),
    ("<html>".encode("utf-16"), True),
    (b"Title of the report\n\nNo.\tRecommendation\n1\t<p>Do it.</p>\n", False),  # a text export
])
def test_a_web_page_is_told_from_its_bytes(data: bytes, expected: bool) -> None:
    assert is_html(data) is expected


HEADER_ROW = "<tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>"


def test_a_table_nested_in_a_middle_row_keeps_the_rows_after_it() -> None:
    nested = "<table><tr><td>Q1</td><td>Done<table><tr><td>Alpha</td></tr></table></td></tr></table>"
    body = (f"<h1>Responses (published 1 Jan 2015)</h1><table>{HEADER_ROW}<tr><td>1</td><td>Publish.</td>"
            f"<td>{nested}</td></tr><tr><td>2</td><td>Review.</td><td>Noted.</td></tr>"
            "<tfoot><tr><td colspan=\"3\">Source: NHS England, 2015</td></tr></tfoot>"  # HTML 4 puts it first
            "<tr><td>3</td><td>Train.</td><td>Done.</td></tr></table>")
    report = parse_bytes(_page(body).encode(), name="nested.html")
    assert [(r.id, r.section, r.cells()["response"].text) for r in report.records] == [
        ("1", None, "Q1\n\nDone Alpha"), ("2", None, "Noted."), ("3", None, "Done.")]


def test_two_tables_one_after_the_other_are_two_tables() -> None:
    table = f"<table>{HEADER_ROW}<tr><td>1</td><td>A.</td><td>Done.</td></tr><tr><td>2</td><td>B.</td><td>Done.</td></tr></table>"
    report = parse_bytes(_page(table + table).encode(), name="two.html")
    assert [[r.id for r in t.rows] for t in report.tables] == [["1", "2"], ["1", "2"]]


def test_xhtml_with_its_xml_declaration_and_a_windows_1252_page_without_a_charset() -> None:
    table = f"<table>{HEADER_ROW}<tr><td>1</td><td>Publish naïve data, €10, Müller.</td><td>Done.</td></tr></table>"
    xhtml = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
             f'<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Responses (2015)</h1>{table}</body></html>')
    assert parse_bytes(xhtml.encode(), name="page.xhtml").records[0].recommendation.text.startswith("Publish naïve")
    report = parse_bytes(f"<!DOCTYPE html><h1>Responses (2015)</h1>{table}".encode("cp1252"), name="1252.html")
    assert report.source.encoding == "windows-1252"
    assert report.records[0].recommendation.text == "Publish naïve data, €10, Müller."
    assert "encoding-windows-1252" in [d.code for d in report.diagnostics]


def test_each_cell_says_which_table_row_and_grid_column_it_was_read_from() -> None:
    body = ("<table><tr><td>Layout-free text</td></tr></table>"
            "<table><thead><tr><th>No.</th><th>Recommendation</th><th>Owner</th><th>Response</th></tr></thead>"
            "<tfoot><tr><td>3</td><td>Footer item.</td><td>Board</td><td>Noted.</td></tr></tfoot>"
            "<tr><td>1</td><td colspan=\"2\">Publish, every owner.</td><td rowspan=\"2\">Both agreed.</td></tr>"
            "<tr><td>2</td><td>Review.</td><td>Trust</td></tr></table>")
    report = parse_bytes(_page(body).encode(), name="positions.html")
    seen = [(row.id, key, [(p.position.table, p.position.row, p.position.column)
                           for p in cell.provenance if p.position is not None])
            for row in report.tables[-1].rows for key, cell in row.cells().items()]
    # the second table; tfoot's row read last; the column a colspan covers is empty; the rowspan's source
    assert seen == [("1", "recommendation", [(2, 2, 2)]), ("1", "owner", [(2, 2, 3)]), ("1", "response", [(2, 2, 4)]),
                    ("2", "recommendation", [(2, 3, 2)]), ("2", "owner", [(2, 3, 3)]), ("2", "response", [(2, 2, 4)]),
                    ("3", "recommendation", [(2, 4, 2)]), ("3", "owner", [(2, 4, 3)]), ("3", "response", [(2, 4, 4)])]


DATA = ("<table><tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>"
        "<tr><td>1</td><td>Publish.</td><td>Agreed.</td></tr><tr><td>2</td><td>Review.</td><td>Noted.</td></tr>"
        "<tr><td>3</td><td>Train.</td><td>Done.</td></tr></table>")


@pytest.mark.parametrize(("layout", "around"), [
    ("<table><tr><td><h2>To the Ministry</h2>{data}</td></tr></table>", []),  # one wrapping cell
    ("<table><tr><td colspan='2'>Site banner</td></tr><tr><td><a href='/'>Home</a><br><a href='/r'>Reports</a></td>"
     "<td><h2>To the Ministry</h2>{data}</td></tr></table>", ["Site banner", "Home Reports"]),  # banner, menu, content
    ("<table role='presentation'><tr><td>Menu</td><td>Home</td></tr><tr><td>Site</td><td><h2>To the Ministry</h2>"
     "{data}</td></tr></table>", ["Menu", "Home", "Site"]),  # marked as layout
])
def test_a_table_laying_the_page_out_is_read_through_to_the_table_in_it(layout: str, around: list[str]) -> None:
    report = parse_bytes(_page(layout.format(data=DATA)).encode(), name="layout.html")
    assert [(t.heading, [(r.id, r.recommendation.text) for r in t.rows]) for t in report.tables] == [
        ("To the Ministry", [("1", "Publish."), ("2", "Review."), ("3", "Train.")])]
    # the menu and banner are lines of text outside the table, said, never dropped
    assert [d.message.split(": ", 1)[1].strip("'") for d in report.diagnostics if d.code == "unplaced-line"] == around


def test_loose_text_between_blocks_is_a_line_of_text_and_heads_the_table_below_it() -> None:
    body = ("<div class='intro'>Our responses <b>in full</b>, 2020</div><div><span>To the Ministry</span>"
            + DATA + "Read with the <a href='#'>annex</a>.</div>")
    report = parse_bytes(_page(body).encode(), name="loose.html")
    assert [(t.heading, len(t.rows)) for t in report.tables] == [("To the Ministry", 3)]
    said = [d.message for d in report.diagnostics]
    assert any("Our responses in full, 2020" in m for m in said) and any("Read with the annex." in m for m in said)


@pytest.mark.parametrize(("data", "expected"), [
    (b"<div class='content'><h2>Responses</h2><table><tr><td>1</td></tr></table></div>", True),
    (b"<h1>Responses</h1>\n<TABLE>\n<TR><TD>1</TD></TR></TABLE>", True),
    ("<p>Responses</p><table><tr><td>1</td></tr></table>".encode("utf-16"), True),
    (b"<div>A page with no table at all</div>", False),  # nothing tabular: read as a text export (and refused)
    (b"<b>Title</b>\nNo.\tRecommendation\n1\t<p>Do it.</p>\n", False),  # no table rows in markup
])
def test_a_page_saved_from_its_content_opens_with_any_element(data: bytes, expected: bool) -> None:
    assert is_html(data) is expected


def test_a_data_table_without_header_cells_keeps_a_table_nested_in_a_cell_as_its_text() -> None:
    body = ("<table><tr><td>No.</td><td>Recommendation</td><td>Owner</td></tr>"
            "<tr><td>1</td><td>Publish.</td><td><table><tr><td>Board</td></tr><tr><td>Trust</td></tr></table></td></tr>"
            "<tr><td>2</td><td>Review.</td><td>Trust</td></tr></table>")
    report = parse_bytes(_page(body).encode(), name="nested.html")
    assert [(r.id, r.cells()["owner"].text) for t in report.tables for r in t.rows] == [
        ("1", "Board\n\nTrust"), ("2", "Trust")]


ROWS = "".join(f"<tr><td>{n}</td><td>Rec {n}.</td><td>Agreed in full.</td></tr>" for n in range(1, 11))
TEN = f"<table><tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>{ROWS}</table>"


@pytest.mark.parametrize("page", [
    "<p><font face=Arial>Intro paragraph %d" * 140 % tuple(range(140)) + TEN,  # <font> never closed
    TEN.replace("<td>Rec 1.</td>", "<td>" + "<div>" * 5000 + "Rec 1." + "</div>" * 5000 + "</td>"),
    "<ul><li>" * 5000 + "Deep" + TEN,  # lists inside lists, the table in the deepest
])
def test_a_page_nested_deeper_than_the_parser_builds_loses_no_row(page: str) -> None:
    report = parse_bytes(_page(page).encode(), name="deep.html")
    assert [(r.id, r.recommendation.text, r.cells()["response"].text) for r in report.records] == [
        (str(n), f"Rec {n}.", "Agreed in full.") for n in range(1, 11)]
    assert [d.code for d in report.diagnostics if d.code == "lost-text"] == ["lost-text"]  # said, as a note


def test_a_data_table_with_a_bigger_table_in_a_cell_is_still_the_data_table() -> None:
    costs = "<table>" + "".join(f"<tr><td>{year}</td><td>{cost}m</td></tr>" for year, cost in
                                ((2024, 5), (2025, 7), (2026, 9), (2027, 11))) + "</table>"
    body = ("<table><tr><td>No.</td><td>Recommendation</td><td>Response</td></tr>"
            f"<tr><td>1</td><td>Fund more beds in every region.</td><td>Agreed, over four years:{costs}</td></tr>"
            "<tr><td>2</td><td>Hire more staff for the wards.</td><td>Noted.</td></tr></table>")
    report = parse_bytes(_page(body).encode(), name="costs.html")
    assert [r.id for t in report.tables for r in t.rows] == ["1", "2"]
    assert report.records[0].cells()["response"].text.startswith("Agreed, over four years:\n\n2024\n\n5m")


def test_text_a_table_holds_outside_its_cells_and_an_images_words_are_read() -> None:
    body = ("<p>Status <img src='g.png' alt='green'> overall</p>"
            "<table>Table 1<tr>Stray words<th>No.</th><th>Recommendation</th><th>Response</th></tr>"
            "<tr><td>1</td><td>Act.</td><td>Agreed <img alt='tick'></td></tr>"
            "<tr><td>2</td><td>Go.</td><td><table><caption>Costs</caption><tr><td>5m</td></tr></table></td></tr>"
            "</table>")
    report = parse_bytes(_page(body).encode(), name="stray.html")
    assert report.tables[0].heading == "Table 1 Stray words"  # shown above the table, as a browser does
    assert [r.cells()["response"].text for r in report.records] == ["Agreed tick", "Costs\n\n5m"]
    assert any("Status green overall" in d.message for d in report.diagnostics)


@pytest.mark.parametrize("text", [
    "<b>Response of the Board</b>\n\nNo.\tRecommendation\tResponse\n1\tAct.\t<p>Agreed.</p><table><tr><td>5m</td>"
    "</tr></table>\n2\tGo.\tNoted.\n",
    "<p>Response of the Board</p>\n\n<b>No.</b>\tRecommendation\tResponse\n1\tAct.\t<p>Agreed.</p>\n2\tGo.\tNoted."
    "<track>\n",
])
def test_a_text_export_whose_title_is_markup_is_still_a_text_export(text: str) -> None:
    assert not is_html(text.encode())
    report = parse_bytes(text.encode(), name="export.txt")
    assert report.source.format == "text" and [r.id for r in report.records] == ["1", "2"]


def test_white_space_in_a_pages_markup_is_one_space_not_a_paragraph_break() -> None:
    body = ("<table>\n  <tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>\n  <tr>\n    <td>1</td>\n"
            "    <td>Publish   the\n        results.</td>\n    <td>Agreed,\n        over four years.\n"
            "      <p>Second\n        paragraph.</p></td>\n  </tr>\n</table>")
    report = parse_bytes(_page(body).encode(), name="indented.html")
    cells = report.records[0].cells()
    assert (cells["recommendation"].text, cells["response"].text) == (
        "Publish the results.", "Agreed, over four years.\n\nSecond paragraph.")
