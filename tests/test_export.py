"""Exports: flat rows, CSV, Markdown and JSON Lines, on every sample and on small tables built here."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from extract import LINE, ROW, parse, parse_text, to_csv, to_jsonl, to_markdown, to_rows
from extract.outputs.markdown import escape_markdown
from extract.outputs.tables import FORMULA_START, columns, guard, unguard
from helpers import HQIP, SAMPLES, parse_rows
from schema import ListBlock, Recommendation, Record, Report

TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))

#: One row whose cells hold what CSV and Markdown must quote or escape.
AWKWARD = ('1|&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes"'
           '|<p>He said "yes", then left</p><p>two &#124; three *not em*</p>'
           '|<ul><li>=SUM(A1)</li><li>b</li></ul>|@home')


@pytest.fixture(scope="module", params=TEXT_SAMPLES, ids=[p.name for p in TEXT_SAMPLES])
def report(request: pytest.FixtureRequest) -> Report:
    return parse(request.param)


@pytest.fixture(scope="module")
def awkward() -> Report:
    return parse_rows(AWKWARD, "2|plain|text|here|too")


def read_csv(text: str) -> list[list[str]]:
    """Read CSV as a spreadsheet-minded user would: the bytes, UTF-8 with its signature."""
    data = text.encode("utf-8")
    return list(csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")))


def joined(values: list[str] | list[int] | list[int | str]) -> str:
    return "; ".join(str(value) for value in values)


# --- to_rows -----------------------------------------------------------------------------------


def test_rows_have_the_same_keys_in_the_same_order(report: Report) -> None:
    rows = to_rows(report)
    assert len(rows) == len(report.records)
    for row in rows:
        assert list(row) == columns(report)
    assert len(set(columns(report))) == len(columns(report))


def test_rows_hold_scalars_or_lists_of_scalars(report: Report) -> None:
    for row in to_rows(report):
        for value in row.values():
            items = value if isinstance(value, list) else [value]
            assert all(item is None or isinstance(item, (str, int)) for item in items)
    json.dumps(to_rows(report))  # plain data: what pandas.DataFrame takes


def test_rows_hold_the_report(report: Report) -> None:
    for row, record in zip(to_rows(report), report.records, strict=True):
        cells = record.cells()
        assert (row["number"], row["id"]) == (record.number, record.id)
        for key, cell in cells.items():
            assert row[key] == cell.text
        assert row["audiences"] == record.audiences
        assert (row["pages"], row["lines"]) == (record.pages, record.lines)
        references = [ref for cell in cells.values() for ref in cell.references]
        assert row["references"] == list(dict.fromkeys(references))  # column order, each once
        inherited = [cell.inherited_from for cell in cells.values() if cell.inherited_from is not None]
        assert row["inherited_from"] == list(dict.fromkeys(inherited))


def test_hqip_item_15_row_says_what_it_inherited() -> None:
    report = parse(HQIP)
    merged = report.records[14]
    assert merged.id == "15"
    sources = {c.inherited_from for c in merged.cells().values() if c.inherited_from is not None}
    assert len(sources) == 1  # the sample's merged cells, all from the row above
    assert to_rows(report)[14]["inherited_from"] == [report.records[13].number] == list(sources)


def test_a_cell_key_named_like_a_row_column_gets_a_suffix() -> None:
    text = "\n".join([
        "Title of the report", "",
        "No.\tRecommendation\tReferences\tPages",
        "1\tDo it.\tSee item 2.\t3",
        "2\tDo more.\tNone.\t4",
    ]) + "\n"
    report = parse_text(text, name="refs.txt")
    rows = to_rows(report)
    keys = [column.key for column in report.tables[0].columns]
    assert keys[2] == "references"  # a column key that is also a row column's name
    assert list(rows[0]) == ["file", "sha256", "responder", "report_title", "published", "table", "table_heading",
                             "number", "id", "part", "section", "status", "status_phrase", "recommendation",
                             "references_text", keys[3],
                             "audiences", "references", "inherited_from", "pages", "lines"]
    assert rows[0]["references_text"] == "See item 2."
    assert rows[0]["references"] == report.records[0].cells()["references"].references


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_reads_back_as_the_cells(report: Report) -> None:
    header, *records = read_csv(to_csv(report))
    assert header == columns(report)
    assert len(records) == len(report.records)
    for fields, record, flat in zip(records, report.records, to_rows(report), strict=True):
        row = dict(zip(header, (unguard(field) for field in fields), strict=True))
        assert row["number"] == ("" if record.number is None else str(record.number))
        assert row["id"] == record.id
        for key, cell in record.cells().items():
            assert row[key] == cell.text
        assert row["audiences"] == joined(record.audiences)
        assert row["pages"] == joined(record.pages)
        assert row["lines"] == joined(record.lines)
        references = [ref for cell in record.cells().values() for ref in cell.references]
        assert row["references"] == joined(list(dict.fromkeys(references)))
        assert flat["references"] == list(dict.fromkeys(references))


def test_csv_without_the_guard_reads_back_exactly(report: Report) -> None:
    header, *records = read_csv(to_csv(report, formula_guard=False))
    for fields, record in zip(records, report.records, strict=True):
        row = dict(zip(header, fields, strict=True))
        assert [row[key] for key in record.cells()] == [cell.text for cell in record.cells().values()]


def test_csv_is_utf8_with_a_signature_and_crlf_records(report: Report) -> None:
    text = to_csv(report)
    assert text.startswith("\ufeff") and not to_csv(report, bom=False).startswith("\ufeff")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert text.endswith("\r\n")
    # Cell text has bare line feeds only, so every CRLF ends a record: header + one per row.
    assert text.count("\r\n") == len(report.records) + 1
    assert "\r" not in text.replace("\r\n", "")


def test_csv_quotes_what_needs_quoting(awkward: Report) -> None:
    text = to_csv(awkward, bom=False)
    assert '"<script>alert(""x"")</script> & ""quotes"""' in text
    assert '"He said ""yes"", then left\n\ntwo | three *not em*"' in text
    assert ",2015-01-01,0,,2,2,,,,,plain,text,here,too," in text  # nothing to quote, nothing quoted
    header, first, second = read_csv(text)
    cells = awkward.records[0].cells()
    row = dict(zip(header, map(unguard, first), strict=True))
    assert [row[key] for key in cells] == [cell.text for cell in cells.values()]
    assert len(second) == len(header)


def test_csv_guards_fields_a_spreadsheet_would_run(awkward: Report) -> None:
    header, first, _ = read_csv(to_csv(awkward))
    row = dict(zip(header, first, strict=True))
    cells = awkward.records[0].cells()
    for key, cell in cells.items():
        if cell.text.startswith(FORMULA_START):
            assert row[key] == "'" + cell.text
        else:
            assert row[key] == cell.text
    assert row["action_taken"].startswith("'- =SUM") and row["next_steps"] == "'@home"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@x", "\tx", "\rx", "'quoted", "plain", "", "a=b"])
def test_guard_and_unguard_are_inverse(text: str) -> None:
    assert unguard(guard(text)) == text
    assert not guard(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_exports_are_deterministic(report: Report) -> None:
    again = parse(SAMPLES / report.source.file)
    assert to_csv(again) == to_csv(report)
    assert to_markdown(again) == to_markdown(report)
    assert to_jsonl(again) == to_jsonl(report)


# --- Markdown ----------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def test_markdown_has_one_table_row_per_record(report: Report) -> None:
    lines = table_lines(to_markdown(report))
    assert len(lines) == len(report.records) + 2  # the header and its separator
    width = len(report.records[0].cells()) + 1
    for line in lines:
        assert len(_UNESCAPED_PIPE.split(line)) == width + 2  # empty text outside the first and last pipe
    for line, record in zip(lines[2:], report.records, strict=True):
        assert line.startswith(f"| {escape_markdown(record.id)} |")


def test_markdown_keeps_paragraphs_and_list_items(report: Report) -> None:
    lines = table_lines(to_markdown(report))[2:]
    for line, record in zip(lines, report.records, strict=True):
        for cell in record.cells().values():
            for block in cell.blocks:
                pieces = block.items if isinstance(block, ListBlock) else [block.text]
                prefix = "• " if isinstance(block, ListBlock) else ""
                for piece in pieces:
                    assert prefix + escape_markdown(piece) in line


def test_markdown_title_source_and_groups(report: Report) -> None:
    markdown = to_markdown(report)
    assert markdown.startswith(f"# {escape_markdown(report.title or report.source.file)}\n")
    assert f"`{report.source.file}`" in markdown
    for column in report.tables[0].columns:
        if column.group:
            assert escape_markdown(column.group) in markdown.split("\n| ")[0]


def test_markdown_escapes_pipes_and_markup(awkward: Report) -> None:
    row = table_lines(to_markdown(awkward))[2]
    assert "two \\| three \\*not em\\*" in row
    assert "\\<script\\>alert(\"x\")\\</script\\>" in row
    assert "<script" not in row.replace("\\<script", "")
    assert len(_UNESCAPED_PIPE.split(row)) == 5 + 2


def test_markdown_marks_inherited_cells() -> None:
    report = parse(HQIP)
    lines = table_lines(to_markdown(report))[2:]
    for line, record in zip(lines, report.records, strict=True):
        for cell in record.cells().values():
            if cell.inherited_from is not None:
                assert f"*(same as item {cell.inherited_from})*" in line
    assert "*(same as item 14)*" in lines[14]


def test_markdown_lists_the_diagnostics(report: Report) -> None:
    markdown = to_markdown(report)
    for diagnostic in report.diagnostics:
        assert f"`{diagnostic.code}`" in markdown and escape_markdown(diagnostic.message) in markdown


# --- JSON Lines --------------------------------------------------------------------------------


def test_jsonl_is_one_row_model_per_line(report: Report) -> None:
    text = to_jsonl(report)
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == len(report.records)
    places = [(index, table.heading) for index, table in enumerate(report.tables) for _ in table.rows]
    for line, record, (table, heading) in zip(lines, report.records, places, strict=True):
        parsed = LINE.validate_json(line)
        assert (parsed.file, parsed.sha256, parsed.responder, parsed.report_title, parsed.published) == (
            report.source.file, report.source.sha256, report.report.responder, report.report.title,
            report.report.published)
        assert (parsed.table, parsed.table_heading) == (table, heading)
        row = parsed.row
        assert type(row) is type(record)
        assert row == record
        assert isinstance(row, (Recommendation, Record)) and row.cells() == record.cells()
        assert ROW.validate_python(json.loads(line)["row"]) == record
        assert json.loads(line)["row"] == json.loads(record.model_dump_json())
        assert line.endswith(',"row":' + record.model_dump_json() + "}")  # compact, keys in model order


def test_exports_of_a_table_without_rows() -> None:
    report = parse_rows()
    assert to_rows(report) == [] and to_jsonl(report) == ""
    assert read_csv(to_csv(report)) == [columns(report)]
    assert len(table_lines(to_markdown(report))) == 2
