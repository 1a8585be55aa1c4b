"""Raw rows to a table: the title, the columns, and the body rows with their identifiers.

- The table starts at the first row with two or more non-empty cells; the first
  line before it is the title, any other is reported (``unplaced-line``).
- The header (``header``): the label rows that open the table, its columns and
  their keys, a layout profile applied; repeated headers on later pages are
  recognised and dropped, wherever their cells stand.
- The body: every row fitted to the header's width (a short row padded, with a
  warning; a row with text past the last column is an error); lines outside the
  table are reported.
- The identifiers (``identifiers``): each body row's identifier read and the
  numbering checked; a row with none continues the row above (``extract.stitch``
  joins them).
"""

from __future__ import annotations

from typing import NamedTuple

from extract.diagnostics import PADDED_ROW, UNPLACED_LINE, warning
from extract.errors import HeaderNotFoundError, RowShapeError
from extract.fragments import is_blank
from extract.profile import Profile
from extract.readers.raw import RawCell, RawDocument, RawRow
from extract.table.header import (
    IDENTIFIER_LABELS,
    MAX_HEADER_ROWS,
    build_header,
    check_columns,
    check_profile,
    column_key,
    header_block,
    is_header_row,
)
from extract.table.identifiers import Identifier, TableRow, number_rows, read_identifier
from schema import Column, Diagnostic


class Table(NamedTuple):
    """The table stage's output: the title, the columns, and the body rows under them."""

    title: str | None
    title_line: int | None
    columns: tuple[Column, ...]
    identifier_index: int
    rows: tuple[TableRow, ...]
    """Body rows, repeated headers and empty rows removed, each exactly ``len(columns)`` cells wide,
    with its identifier (None: it continues the row above)."""
    diagnostics: tuple[Diagnostic, ...]


def strip_title_markup(text: str) -> str:
    """A title line without Markdown emphasis or heading marks."""
    text = text.strip().lstrip("#").strip()
    for mark in ("**", "__"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            text = text[len(mark):-len(mark)].strip()
    return text


def _table_start(rows: tuple[RawRow, ...]) -> int | None:
    """The first row with two or more non-empty cells: a title exported with tabs is not one."""
    return next((i for i, row in enumerate(rows) if sum(not is_blank(c.text) for c in row.cells) >= 2), None)


def _fit_row(row: RawRow, width: int, name: str) -> tuple[RawRow, Diagnostic | None]:
    cells = row.cells
    if len(cells) == width:
        return row, None
    if len(cells) > width:
        extra = [cell for cell in cells[width:] if cell.text.strip()]
        if extra:
            non_empty = sum(1 for cell in cells if cell.text.strip())
            raise RowShapeError(
                f"row has {len(cells)} cells ({non_empty} non-empty) but the header has {width} columns; "
                f"cell {width + cells[width:].index(extra[0]) + 1} "
                f"holds {extra[0].text.strip()[:60]!r}",
                file=name,
                line=row.line,
                page=row.page,
            )
        return RawRow(cells[:width], row.line, row.page), None
    padding = tuple(RawCell("", row.line, row.page) for _ in range(width - len(cells)))
    note = warning(PADDED_ROW,
                   f"row has {len(cells)} cells but the header has {width} columns; padded with empty cells",
                   line=row.line, page=row.page)
    return RawRow(cells + padding, row.line, row.page), note


def find_table(document: RawDocument, profile: Profile) -> Table:
    """Find the title, the column header and the body rows of a raw document."""
    name = document.name
    rows = document.rows
    start = _table_start(rows)
    if start is None:
        first = rows[0] if rows else None
        raise HeaderNotFoundError(
            "no column header found: no row with two or more cells in the file",
            file=name,
            line=first.line if first else 1,
        )
    diagnostics: list[Diagnostic] = []
    preamble = [row for row in rows[:start] if not row.is_blank]
    title = strip_title_markup(_row_text(preamble[0])) if preamble else None
    title_line = preamble[0].line if preamble else None
    for row in preamble[1:]:
        diagnostics.append(_unplaced(row, "text before the table"))
    block = header_block(rows[start:start + MAX_HEADER_ROWS])
    if not block:
        shown = " | ".join(cell.text.strip()[:30] for cell in rows[start].cells)
        raise HeaderNotFoundError(
            f"no column header found: the table's first row already holds data: {shown!r}",
            file=name,
            line=rows[start].line,
            page=rows[start].page,
        )
    header = build_header(block, profile)
    check_profile(header, block, profile, name)
    check_columns(header, block, name)
    width = len(header.columns)
    identifier = next(i for i, c in enumerate(header.columns) if c.key == "number")
    body: list[RawRow] = []
    page_start = 0  # where the current page's rows begin in ``body``
    for row in rows[start + len(block):]:
        if body and row.page != body[-1].page:
            page_start = len(body)
        if not row.is_tabular:
            diagnostics.append(_unplaced(row, "a line outside the table"))
            continue
        repeated = header.repeats(row)
        if repeated == "columns":
            # Label rows just above a repeated column row, at the top of its page, are
            # its group rows even where page 1 had none or other labels.
            while len(body) > page_start and body[-1].page == row.page and is_header_row(body[-1]):
                dropped = body.pop()
                diagnostics.append(_unplaced(dropped, "a header row unlike page 1's, above a repeated header"))
        if repeated:
            continue
        fitted, note = _fit_row(row, width, name)
        if note:
            diagnostics.append(note)
        body.append(fitted)
    numbered, notes = number_rows(body, identifier, name)
    return Table(title, title_line, header.columns, identifier, tuple(numbered), (*diagnostics, *notes))


def _row_text(row: RawRow) -> str:
    return " ".join(cell.text.strip() for cell in row.cells if cell.text.strip())


def _unplaced(row: RawRow, what: str) -> Diagnostic:
    text = " ".join(" ".join(cell.text for cell in row.cells).split())
    return warning(UNPLACED_LINE, f"{what}, not part of any row, kept out of the output: {text[:120]!r}",
                   line=row.line, page=row.page)


__all__ = [
    "IDENTIFIER_LABELS",
    "Identifier",
    "Table",
    "TableRow",
    "column_key",
    "find_table",
    "read_identifier",
    "strip_title_markup",
]
