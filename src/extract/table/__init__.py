"""Raw rows to tables: the document's title, and every table with its heading, columns and rows.

- **Tables** (``scan``, ``find_tables``): a table starts at a header (``header``): label rows
  with two or more labels. It goes on over page breaks, its header repeated or not,
  until a header unlike it, or a header (even a like one) with a heading of its own
  above it on its page. The document fails only when it holds no table.
- **Text outside the tables**: the first line of text before the first table is the
  title; the last line before a later table, on its page, is that table's heading.
  A line that recurs at the top or the bottom of three or more pages (a running
  head, a footer) is page furniture; it and any other line are reported
  (``unplaced-line``), never dropped silently.
- **The body**: every row fitted to the header's width (a short row padded, with a
  warning; text past the last column quoted in a warning); a row
  numbering the columns ("(1) (2) (3)") under the header is part of the header.
- **The identifier column** (``identifiers``) is found from the body cells, and each
  body row is told apart (``rows``): an item, a continuation, a sub-row, an
  unnumbered row, or a section row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from extract.diagnostics import IDENTIFIER_COLUMN, NO_IDENTIFIER_COLUMN, info, warning
from extract.errors import HeaderNotFoundError
from extract.fragments import plain_text
from extract.profile import Profile
from extract.readers.raw import RawDocument
from extract.table.header import check_profile, column_key, identifier_key
from extract.table.identifiers import Identifier, find_identifier_column, is_identifier_label, read_identifier
from extract.table.rows import PLACEHOLDERS, TableRow, classify_rows
from extract.table.scan import Building, Scan, filled, row_text
from schema import Column, Diagnostic


class Table(NamedTuple):
    """One table: its heading, columns and body rows."""

    heading: str | None
    heading_line: int | None
    pages: tuple[int, ...]
    """Pages the table spans, its header's included."""
    columns: tuple[Column, ...]
    identifier_index: int | None
    """The identifier column (its key is ``number``); None where the table has none."""
    rows: tuple[TableRow, ...]
    """Body rows, repeated headers, section rows and empty rows removed, each exactly
    ``len(columns)`` cells wide."""
    diagnostics: tuple[Diagnostic, ...]


class Tables(NamedTuple):
    """The table stage's output: the document's title and every table, in document order."""

    title: str | None
    title_line: int | None
    tables: tuple[Table, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Text that belongs to no table."""


def strip_title_markup(text: str) -> str:
    """A title line's plain text (``row_text``) without Markdown emphasis or heading marks."""
    text = text.strip().lstrip("#").strip()
    for mark in ("**", "__"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            text = text[len(mark):-len(mark)].strip()
    return text


def find_tables(document: RawDocument, profile: Profile) -> Tables:
    """The title and every table of a raw document; an error only where it holds no table."""
    rows = [row for row in document.rows if row.is_tabular or not row.is_blank]  # blank table rows are said
    scan = Scan(rows, profile)
    scan.run()
    if not scan.built:
        first = next((row for row in rows if filled(row) >= 2), None)
        if first is not None:
            shown = " | ".join(plain_text(cell.text)[:30] for cell in first.cells)
            raise HeaderNotFoundError(f"no table found: no header row above the first row of cells, which already "
                                      f"holds data: {shown!r}", file=document.name, line=first.line, page=first.page)
        raise HeaderNotFoundError("no table found: no row with two or more cells in the file", file=document.name,
                                  line=rows[0].line if rows else 1)
    tables = tuple(_finish(building, profile, document.name) for building in scan.built)
    title = scan.title
    return Tables(strip_title_markup(row_text(title)) if title else None, title.line if title else None,
                  tables, tuple(scan.notes))


def _finish(building: Building, profile: Profile, name: str) -> Table:
    """The table's identifier column, its columns' keys, and its rows told apart."""
    header, body = building.header, building.body
    check_profile(header, building.header_rows, profile, name)
    labels = [column.label for column in header.columns]
    notes = list(building.notes)
    where = building.header_rows[-1]
    chosen: int | None
    cells = [[plain_text(cell.text) for cell in row.cells] for row in body]
    if profile.identifier is not None or "number" in profile.labels.values():
        chosen = next(i for i, column in enumerate(header.columns) if column.key == "number")
        scheme = _profile_scheme(cells, chosen)
        notes.append(info(IDENTIFIER_COLUMN, f"column {labels[chosen]!r} is the identifier column, as the "
                             "profile says", line=where.line, page=where.page))
    elif all(sum(1 for text in texts if text) <= 1 for texts in cells):  # no rows of cells: labels alone say
        chosen = next((i for i, label in enumerate(labels) if is_identifier_label(label)), None)
        scheme = None
    else:
        data = [texts for texts in cells if sum(1 for text in texts if text) > 1]  # not section rows
        choice = find_identifier_column([[texts[i] for texts in data] for i in range(len(labels))], labels)
        chosen, scheme = choice.column, choice.scheme
        if chosen is None:
            notes.append(warning(NO_IDENTIFIER_COLUMN, f"no identifier column: {choice.reason}; the rows are "
                                 "read in order, with no identifiers", line=where.line, page=where.page))
        else:
            notes.append(info(IDENTIFIER_COLUMN, f"column {labels[chosen] or chosen + 1!r} taken as the "
                                 f"identifier column: {choice.reason}", line=where.line, page=where.page))
    columns = identifier_key(header.columns, chosen)
    classified, row_notes = classify_rows(body, chosen, scheme, cells)
    heading = building.heading
    pages = tuple(sorted({row.page for row in (*building.header_rows, *body)}))
    return Table(strip_title_markup(row_text(heading)) if heading else None, heading.line if heading else None,
                 pages, columns, chosen, tuple(classified), (*notes, *row_notes))


def _profile_scheme(cells: Sequence[Sequence[str]], index: int) -> str | None:
    """The most common shape in the column a profile names as the identifier."""
    schemes = Counter(identifier.scheme for texts in cells if (identifier := read_identifier(texts[index])) is not None)
    return schemes.most_common(1)[0][0] if schemes else None


__all__ = [
    "PLACEHOLDERS",
    "Identifier",
    "Table",
    "TableRow",
    "Tables",
    "column_key",
    "find_tables",
    "is_identifier_label",
    "read_identifier",
    "strip_title_markup",
]
