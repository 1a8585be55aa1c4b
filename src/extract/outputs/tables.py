"""Parsed reports as flat rows: for pandas (``to_rows``), as CSV (``to_csv``), commitments as CSV.

Each takes one report or several (a body of reports read as one dataset): every row carries its
report's fields (file, digest, responder, report title, publication date) and its table's index
and heading, and every row has the same keys, the cell columns of every report in the order they
are first met. Every export is deterministic: the same reports give the same text, byte for byte.

>>> from extract import parse, to_rows
>>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
>>> rows = to_rows(report)
>>> list(rows[0])
['file', 'sha256', 'responder', 'report_title', 'published', 'table', 'table_heading', 'number', 'id', \
'part', 'section', 'status', 'status_phrase', 'recommendation', 'target_audience', 'action_taken', \
'next_steps', 'audiences', 'references', 'inherited_from', 'pages', 'lines']
>>> rows[14]["inherited_from"], rows[8]["pages"], rows[0]["published"]
([14], [4, 5], '2014-10-08')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from extract.analyze.commitments import sentence_of
from schema import Recommendation, Record, Report

#: The report's fields every row carries, first.
REPORT_COLUMNS = ("file", "sha256", "responder", "report_title", "published")
#: The row columns that are not cells, in order: the report, where the row is and its identifier first,
#: the rest after the cells.
LEADING_COLUMNS = (*REPORT_COLUMNS, "table", "table_heading", "number", "id", "part", "section", "status",
                   "status_phrase")
TRAILING_COLUMNS = ("audiences", "references", "inherited_from", "pages", "lines")
#: The columns that hold identifiers as printed: text, never numbers ("1.10" is not 1.1).
ID_COLUMNS = ("id", "inherited_from", "references")

#: Characters that make a spreadsheet read a CSV field as a formula (and the guard's own quote).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

Value = str | int | None | list[str] | list[int] | list[int | str]
Reports = Report | Iterable[Report]


def reports_of(reports: Reports) -> list[Report]:
    """One report, or several, as a list."""
    return [reports] if isinstance(reports, Report) else list(reports)


def cell_keys(reports: Reports) -> list[str]:
    """The rows' cell keys in column order, table after table and report after report (the columns
    but the identifier), then any others the rows hold."""
    keys: dict[str, None] = {}
    for report in reports_of(reports):
        keys.update(dict.fromkeys(column.key for table in report.tables for column in table.columns
                                  if column.key != "number"))
        for record in report.records:
            keys.update(dict.fromkeys(record.cells()))
    return list(keys)


def text_columns(reports: Reports) -> dict[str, str]:
    """Cell key -> its column name in ``to_rows``: the key, or ``KEY_text`` where the key is a row column's name."""
    taken = {*LEADING_COLUMNS, *TRAILING_COLUMNS}
    names: dict[str, str] = {}
    for key in cell_keys(reports):
        name = key
        while name in taken:
            name += "_text"
        names[key] = name
        taken.add(name)
    return names


def _unique(values: list[int | str]) -> list[int | str]:
    seen: list[int | str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def to_rows(reports: Reports) -> list[dict[str, Value]]:
    """The rows of one report, or of several one after the other, as flat dicts, ready for
    ``pandas.DataFrame(to_rows(reports))`` (or ``extract.to_dataframe``).

    Every dict has the same keys in the same order (``columns``):

    - ``file``, ``sha256``: the source file's name and digest; ``responder``, ``report_title``,
      ``published`` (ISO date): what the title says of the report (None where it says nothing);
    - ``table``: the table the row is in, its index in ``report.tables`` (from 0); ``table_heading``:
      the line above it, if any;
    - ``number``: the identifier as an integer, or None ("R4");
    - ``id``: the identifier as printed (None where the row has none);
    - ``part``: the sub-row's place under its item, where the item spans sub-rows; else None;
    - ``section``: the section row the row stands under, if any;
    - ``status``, ``status_phrase``: the response's status in the fixed vocabulary (``accepted``,
      ``rejected``, ``implemented`` …) and its wording as written, where the row states one;
    - one column per cell, in table order, holding the cell's plain text (``Cell.text``: blocks
      separated by a blank line, list items as ``- item``; ``""`` for an empty cell, or a column
      another report's tables have and this row's has not). The column is named by the cell's key;
      a key that is also one of the columns here ("references", say) gets ``_text`` appended;
    - ``audiences``: list of single audiences;
    - ``references``: every item the row's cells point to, in column order, each once (the JSON
      keeps them per cell);
    - ``inherited_from``: the items whose vertically merged cells the row repeats (``[14]`` for item 15
      of the HQIP report), ``[]`` for most rows; which cells, the JSON says;
    - ``pages``, ``lines``: the pages and source lines (PDF: row ordinals) the row spans.
    """
    every = reports_of(reports)
    names = text_columns(every)
    rows: list[dict[str, Value]] = []
    for report in every:
        fields = report_fields(report)
        for index, table in enumerate(report.tables):
            for record in table.rows:
                rows.append(_flat(fields, index, table.heading, record, names))
    return rows


def report_fields(report: Report) -> dict[str, Value]:
    """The report's fields a row carries (``REPORT_COLUMNS``)."""
    info = report.report
    return {"file": report.source.file, "sha256": report.source.sha256, "responder": info.responder,
            "report_title": info.title, "published": info.published.isoformat() if info.published else None}


def _flat(fields: dict[str, Value], table: int, heading: str | None, record: Recommendation | Record,
          names: dict[str, str]) -> dict[str, Value]:
    cells = record.cells()
    status = record.status
    row: dict[str, Value] = {**fields, "table": table, "table_heading": heading, "number": record.number,
                             "id": record.id, "part": record.part, "section": record.section,
                             "status": status.value if status else None,
                             "status_phrase": status.phrase if status else None}
    for key, name in names.items():
        cell = cells.get(key)
        row[name] = cell.text if cell is not None else ""
    ordered = [cells[key] for key in names if key in cells]
    row["audiences"] = list(record.audiences)
    row["references"] = _unique([ref for cell in ordered for ref in cell.references])
    row["inherited_from"] = _unique([cell.inherited_from for cell in ordered if cell.inherited_from is not None])
    row["pages"] = list(record.pages)
    row["lines"] = list(record.lines)
    return row


def columns(reports: Reports) -> list[str]:
    """The keys of every ``to_rows`` dict (and the CSV's header), also for reports without rows."""
    return [*LEADING_COLUMNS, *text_columns(reports).values(), *TRAILING_COLUMNS]


# --- CSV ---------------------------------------------------------------------------------------


def guard(field: str) -> str:
    """A field as a spreadsheet shows it as text: a leading ``'`` before ``= + - @``, tab, CR or ``'``."""
    return "'" + field if field.startswith(FORMULA_START) else field


def unguard(field: str) -> str:
    """The field ``guard`` was given: one leading ``'`` taken off."""
    return field[1:] if field.startswith("'") else field


def _csv_field(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def to_csv(reports: Reports, *, bom: bool = True, formula_guard: bool = True) -> str:
    """One CSV record per row of one report or several, with the columns of ``to_rows`` (a header
    record first).

    RFC 4180: fields quoted where they need it (a comma, a quote, a line break), quotes doubled,
    records ending in CRLF; a cell's line breaks stay inside its quoted field. Lists are joined
    with "; ", None is an empty field. pandas keeps identifiers as written with
    ``pd.read_csv(path, dtype={"id": str, "references": str, "inherited_from": str},
    keep_default_na=False)`` (the last keeps a cell reading "N/A" as text).

    ``bom``: start with U+FEFF, the UTF-8 byte-order mark once encoded. Excel reads a CSV without it
    in the system's legacy code page (a ‘ becomes â€˜); with it, as UTF-8. Python's csv module reads
    it back with ``encoding="utf-8-sig"``, pandas.read_csv skips it by itself.

    ``formula_guard``: a field starting with ``= + - @``, a tab, a CR or ``'`` gets a leading ``'``,
    so that no spreadsheet runs it as a formula (a cell opening with a list, "- item", would show
    as #NAME?); ``unguard`` takes it off again.
    """
    every = reports_of(reports)
    rows = ([_csv_field(value) for value in row.values()] for row in to_rows(every))
    return _csv(columns(every), rows, bom=bom, formula_guard=formula_guard)


#: The columns of ``commitments_to_csv``, in order; as of a date, ``DUE_COLUMNS`` after them.
COMMITMENT_COLUMNS = (*REPORT_COLUMNS, "table", "row", "item", "id", "field", "phrase", "start", "end", "tense",
                      "inherited_from")
DUE_COLUMNS = ("due", "sentence")


def commitment_columns(as_of: dt.date | None = None) -> list[str]:
    """The columns of ``commitment_rows``: ``COMMITMENT_COLUMNS``, and ``DUE_COLUMNS`` as of a date."""
    return [*COMMITMENT_COLUMNS, *(DUE_COLUMNS if as_of is not None else ())]


def commitment_rows(reports: Reports, as_of: dt.date | None = None) -> list[list[Value]]:
    """The commitments of one report or several, each the values of ``commitment_columns`` (ISO
    dates). As of a date, each is ``due`` where its range ended before that date, else ``upcoming``,
    and ``sentence`` is the sentence of the cell it comes from."""
    rows: list[list[Value]] = []
    for report in reports_of(reports):
        fields = list(report_fields(report).values())
        for c in report.commitments:
            row: list[Value] = [*fields, c.table, c.row, c.item, c.id, c.field, c.phrase, c.start.isoformat(),
                                c.end.isoformat(), c.tense, c.inherited_from]
            if as_of is not None:
                text = report.tables[c.table].rows[c.row].cells()[c.field].text
                row += ["due" if c.end < as_of else "upcoming", sentence_of(text, c.offset, c.offset + len(c.phrase))]
            rows.append(row)
    return rows


def commitments_to_csv(reports: Reports, *, bom: bool = True, formula_guard: bool = True,
                       as_of: dt.date | None = None) -> str:
    """The commitments of one report or several as CSV for a timeline: one record each,
    ``commitment_columns(as_of)``, ISO dates, quoted and guarded as ``to_csv``; as of a date, whether
    each is due and the sentence it comes from."""
    rows = ([_csv_field(value) for value in row] for row in commitment_rows(reports, as_of))
    return _csv(commitment_columns(as_of), rows, bom=bom, formula_guard=formula_guard)


def _csv(header: list[str], rows: Iterable[list[str]], *, bom: bool, formula_guard: bool) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for fields in rows:
        writer.writerow([guard(field) for field in fields] if formula_guard else fields)
    return ("\ufeff" if bom else "") + stream.getvalue()


def render_csv(reports: Reports, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format csv``: ``to_csv`` as UTF-8."""
    return (to_csv(reports).encode("utf-8"),)


def render_commitments(reports: Reports, *, compact: bool = False, as_of: dt.date | None = None) -> tuple[bytes, ...]:
    """``--format commitments``: ``commitments_to_csv`` as UTF-8 (``--as-of``: with ``DUE_COLUMNS``)."""
    return (commitments_to_csv(reports, as_of=as_of).encode("utf-8"),)
