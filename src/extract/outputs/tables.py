"""A parsed report as flat rows: for pandas (``to_rows``), as CSV (``to_csv``), its commitments as CSV.

Every export is deterministic: the same report gives the same text, byte for byte.

>>> from extract import parse, to_rows
>>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
>>> rows = to_rows(report)
>>> list(rows[0])
['table', 'number', 'id', 'part', 'section', 'recommendation', 'target_audience', 'action_taken', 'next_steps', \
'audiences', 'references', 'inherited_from', 'pages', 'lines']
>>> rows[14]["inherited_from"], rows[8]["pages"]
([14], [4, 5])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from schema import Recommendation, Record, Report

#: The row columns that are not cells, in order: where the row is and its identifier first, the rest after
#: the cells.
LEADING_COLUMNS = ("table", "number", "id", "part", "section")
TRAILING_COLUMNS = ("audiences", "references", "inherited_from", "pages", "lines")

#: Characters that make a spreadsheet read a CSV field as a formula (and the guard's own quote).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

Value = str | int | None | list[str] | list[int] | list[int | str]


def cell_keys(report: Report) -> list[str]:
    """The rows' cell keys in column order, table after table (the columns but the identifier), then any
    others the rows hold."""
    keys = dict.fromkeys(column.key for table in report.tables for column in table.columns if column.key != "number")
    for record in report.records:
        keys.update(dict.fromkeys(record.cells()))
    return list(keys)


def text_columns(report: Report) -> dict[str, str]:
    """Cell key -> its column name in ``to_rows``: the key, or ``KEY_text`` where the key is a row column's name."""
    taken = {*LEADING_COLUMNS, *TRAILING_COLUMNS}
    names: dict[str, str] = {}
    for key in cell_keys(report):
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


def to_rows(report: Report) -> list[dict[str, Value]]:
    """The report's rows as flat dicts, ready for ``pandas.DataFrame(to_rows(report))``.

    Every dict has the same keys in the same order:

    - ``table``: the table the row is in, its index in ``report.tables`` (from 0);
    - ``number``: the identifier as an integer, or None ("R4");
    - ``id``: the identifier as printed (None where the row has none);
    - ``part``: the sub-row's place under its item, where the item spans sub-rows; else None;
    - ``section``: the section row the row stands under, if any;
    - one column per cell, in table order, holding the cell's plain text (``Cell.text``: blocks
      separated by a blank line, list items as ``- item``; ``""`` for an empty cell). The column is
      named by the cell's key; a key that is also one of the columns here ("references", say) gets
      ``_text`` appended;
    - ``audiences``: list of single audiences;
    - ``references``: every item the row's cells point to, in column order, each once (the JSON
      keeps them per cell);
    - ``inherited_from``: the items whose vertically merged cells the row repeats (``[14]`` for item 15
      of the HQIP report), ``[]`` for most rows; which cells, the JSON says;
    - ``pages``, ``lines``: the pages and source lines (PDF: row ordinals) the row spans.
    """
    names = text_columns(report)
    rows: list[dict[str, Value]] = []
    for index, table in enumerate(report.tables):
        for record in table.rows:
            rows.append(_flat(index, record, names))
    return rows


def _flat(table: int, record: Recommendation | Record, names: dict[str, str]) -> dict[str, Value]:
    cells = record.cells()
    row: dict[str, Value] = {"table": table, "number": record.number, "id": record.id, "part": record.part,
                             "section": record.section}
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


def columns(report: Report) -> list[str]:
    """The keys of every ``to_rows`` dict (and the CSV's header), also for a report without rows."""
    return [*LEADING_COLUMNS, *text_columns(report).values(), *TRAILING_COLUMNS]


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


def to_csv(report: Report, *, bom: bool = True, formula_guard: bool = True) -> str:
    """One CSV record per row, with the columns of ``to_rows`` (a header record first).

    RFC 4180: fields quoted where they need it (a comma, a quote, a line break), quotes doubled,
    records ending in CRLF; a cell's line breaks stay inside its quoted field. Lists are joined
    with "; ", None is an empty field.

    ``bom``: start with U+FEFF, the UTF-8 byte-order mark once encoded. Excel reads a CSV without it
    in the system's legacy code page (a ‘ becomes â€˜); with it, as UTF-8. Python's csv module reads
    it back with ``encoding="utf-8-sig"``, pandas.read_csv skips it by itself.

    ``formula_guard``: a field starting with ``= + - @``, a tab, a CR or ``'`` gets a leading ``'``,
    so that no spreadsheet runs it as a formula (a cell opening with a list, "- item", would show
    as #NAME?); ``unguard`` takes it off again.
    """
    rows = ([_csv_field(value) for value in row.values()] for row in to_rows(report))
    return _csv(columns(report), rows, bom=bom, formula_guard=formula_guard)


#: The columns of ``commitments_to_csv``, in order.
COMMITMENT_COLUMNS = ("table", "row", "item", "id", "field", "phrase", "start", "end", "tense", "inherited_from")


def commitments_to_csv(report: Report, *, bom: bool = True, formula_guard: bool = True) -> str:
    """The report's commitments as CSV for a timeline: one record each, ``COMMITMENT_COLUMNS``,
    ISO dates, quoted and guarded as ``to_csv``."""
    rows = (
        ["" if value is None else str(value) for value in (
            c.table, c.row, c.item, c.id, c.field, c.phrase, c.start.isoformat(), c.end.isoformat(), c.tense,
            c.inherited_from)]
        for c in report.commitments
    )
    return _csv(list(COMMITMENT_COLUMNS), rows, bom=bom, formula_guard=formula_guard)


def _csv(header: list[str], rows: Iterable[list[str]], *, bom: bool, formula_guard: bool) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for fields in rows:
        writer.writerow([guard(field) for field in fields] if formula_guard else fields)
    return ("\ufeff" if bom else "") + stream.getvalue()


def render_csv(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format csv``: ``to_csv`` as UTF-8."""
    return (to_csv(report).encode("utf-8"),)


def render_commitments(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format commitments``: ``commitments_to_csv`` as UTF-8."""
    return (commitments_to_csv(report).encode("utf-8"),)
