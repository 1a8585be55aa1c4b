"""Raw rows to tables: the document's title, and every table with its heading, columns and rows.

- **Tables** (``find_tables``): a table starts at a header (``header``): label rows
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

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from extract.diagnostics import (
    COLUMN_NUMBERS,
    EXTRA_CELLS,
    IDENTIFIER_COLUMN,
    NO_IDENTIFIER_COLUMN,
    PADDED_ROW,
    UNPLACED_LINE,
    info,
    warning,
)
from extract.errors import HeaderNotFoundError
from extract.fragments import plain_text
from extract.profile import Profile
from extract.readers.raw import RawCell, RawDocument, RawRow
from extract.table.header import (
    MAX_HEADER_ROWS,
    Header,
    build_header,
    check_profile,
    column_key,
    header_block,
    identifier_key,
    is_header_row,
)
from extract.table.identifiers import Identifier, find_identifier_column, is_identifier_label, read_identifier
from extract.table.rows import PLACEHOLDERS, TableRow, classify_rows
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
    """A title line's plain text (``_row_text``) without Markdown emphasis or heading marks."""
    text = text.strip().lstrip("#").strip()
    for mark in ("**", "__"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            text = text[len(mark):-len(mark)].strip()
    return text


_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,2})\)?\.?")
_DIGIT_RUNS = re.compile(r"[0-9]+")


def _is_column_numbers(row: RawRow) -> bool:
    """A row under the header that numbers the columns: "(1) (2) (3) …", one number a column, in order."""
    numbers = []
    for cell in row.cells:
        text = plain_text(cell.text)
        if text:
            match = _COLUMN_NUMBER.fullmatch(text)
            if match is None:
                return False
            numbers.append(int(match[1]))
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _row_text(row: RawRow) -> str:
    return " ".join(plain_text(cell.text) for cell in row.cells if plain_text(cell.text))


def _unplaced(row: RawRow, what: str) -> Diagnostic:
    text = " ".join(" ".join(cell.text for cell in row.cells).split())
    return warning(UNPLACED_LINE, f"{what}, not part of any row, kept out of the output: {text[:120]!r}",
                   line=row.line, page=row.page)


def _furniture(rows: Sequence[RawRow]) -> set[int]:
    """Indexes of text rows that recur (digits aside) first or last on three or more pages."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for index, row in enumerate(rows):
        first.setdefault(row.page, index)
        last[row.page] = index
    counts: Counter[tuple[str, str]] = Counter()
    keyed: dict[int, tuple[str, str]] = {}
    for where, ends in (("first", first), ("last", last)):
        for index in ends.values():
            if not rows[index].is_tabular:
                keyed[index] = (where, _DIGIT_RUNS.sub("#", _row_text(rows[index]).casefold()))
                counts[keyed[index]] += 1
    pages = len(first)
    return {index for index, key in keyed.items() if counts[key] >= min(3, max(pages, 2))}


@dataclass(slots=True)
class _Building:
    """A table being read: its header, its body rows so far, and what was noticed."""

    header: Header
    heading: RawRow | None
    header_rows: list[RawRow]
    body: list[RawRow] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header.columns)

    def add(self, row: RawRow) -> None:
        """Add a body row fitted to the header's width; text past the last column is quoted in a warning."""
        cells, width = row.cells, self.width
        if len(cells) > width:
            extra = [plain_text(cell.text) for cell in cells[width:] if plain_text(cell.text)]
            if extra:
                self.notes.append(warning(
                    EXTRA_CELLS, f"row has {len(cells)} cells but the header has {width} columns; the text past "
                    f"the last column is not under any column, kept out: {' | '.join(extra)[:120]!r}",
                    line=row.line, page=row.page))
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + tuple(RawCell("", row.line, row.page) for _ in range(width - len(cells)))
            self.notes.append(warning(
                PADDED_ROW, f"row has {len(row.cells)} cells but the header has {width} columns; "
                "padded with empty cells", line=row.line, page=row.page))
        self.body.append(row._replace(cells=cells))


def _starts_table(block: list[RawRow]) -> bool:
    """A header block whose column row has two or more labels (a single label is a section row)."""
    return bool(block) and sum(1 for cell in block[-1].cells if plain_text(cell.text)) >= 2


def _trailing_labels(current: _Building, page: int) -> int:
    """How many single-label rows end the table so far on ``page``: the heading of a table after it."""
    count = 0
    for row in reversed(current.body):
        if row.page != page or _filled(row) != 1:
            break
        count += 1
    return count


def _breaks(current: _Building, row: RawRow, pending: Sequence[RawRow]) -> bool:
    """Whether a header at ``row`` starts a new table rather than being a row of labels in ``current``:
    text stands between them (a line, or single-label rows on its page), or it opens a page."""
    if not current.body:
        return False
    last = current.body[-1]
    return (bool(pending) or row.page != last.page or row.region != last.region
            or _trailing_labels(current, row.page) > 0)


def _header_lines(block: list[RawRow], rows: Sequence[RawRow], index: int) -> tuple[list[RawRow], int]:
    """The header with its further label lines: rows of labels only, under the column row, where
    header cells run down past them (cells merged from above), as a PDF's three-line "No. / of /
    Cases" header gives; their labels go on the column row's. The index of the row after them."""
    column_row = block[-1]
    while index < len(rows):
        row = rows[index]
        if len(row.cells) != len(column_row.cells) or not is_header_row(row) or not any(
                cell.merged for cell in row.cells):
            break
        pairs = zip(column_row.cells, row.cells, strict=True)
        cells = tuple(cell._replace(text=f"{plain_text(cell.text)} {plain_text(more.text)}".strip())
                      if plain_text(more.text) else cell for cell, more in pairs)
        column_row = column_row._replace(cells=cells)
        index += 1
    return [*block[:-1], column_row], index


def _filled(row: RawRow) -> int:
    return sum(1 for cell in row.cells if plain_text(cell.text))


class _Scan:
    """One pass over a document's rows, in order: text, headers, repeated headers, body rows."""

    def __init__(self, rows: list[RawRow], profile: Profile) -> None:
        self.rows, self.profile = rows, profile
        self.furniture = _furniture(rows)
        self.built: list[_Building] = []
        self.current: _Building | None = None
        self.pending: list[RawRow] = []  # text rows since the last table row
        self.notes: list[Diagnostic] = []
        self.title: RawRow | None = None
        self.repeated_on: int | None = None  # the page the current table's header was last repeated on

    def run(self) -> None:
        index = 0
        while index < len(self.rows):
            index = self._step(index)
        self._take_title()
        self.notes.extend(_unplaced(text, "text after the last table") for text in self.pending)

    def _step(self, index: int) -> int:
        """Read the row at ``index``; the index of the next row to read."""
        row, current = self.rows[index], self.current
        if row.is_blank and current is None:
            return index + 1
        if not row.is_tabular or (current is None and _filled(row) < 2):  # a title exported with tabs
            if index in self.furniture:
                self.notes.append(_unplaced(row, "a running head or footer"))
            else:
                self.pending.append(row)
            return index + 1
        block = header_block(tuple(self.rows[index:index + MAX_HEADER_ROWS]))
        heading_here = any(text.page == row.page for text in self.pending) or (
            current is not None and _trailing_labels(current, row.page) > 0)
        if current is not None and not heading_here:
            # Label rows at the top of a page, above a repeated column row, belong to the repeated header.
            page_top = index == 0 or self.rows[index - 1].page != row.page
            repeated = next((n for n, label_row in enumerate(block) if label_row.page == row.page
                             and current.header.repeats(label_row) == "columns"), None) if page_top else None
            if current.header.repeats(row) or repeated is not None:
                # A repeated header; label rows above its column row that page one lacked are said.
                end = index + (repeated + 1 if repeated is not None else 1)
                self.notes.extend(_unplaced(r, "a header row unlike page 1's, above a repeated header")
                                  for r in self.rows[index:end] if not current.header.repeats(r))
                self._inside()
                self.repeated_on = row.page
                return end
        if _starts_table(block) and (current is None or (
                self.repeated_on != row.page and _breaks(current, row, self.pending))):
            return self._start(index, block)
        if current is None:
            self.notes.append(_unplaced(row, "a table row with no header above it"))
        else:
            self._inside()
            current.add(row)
        return index + 1

    def _inside(self) -> None:
        """Text rows met inside a table (between its pages): reported."""
        self.notes.extend(_unplaced(text, "a line inside the table") for text in self.pending)
        self.pending = []

    def _take_title(self) -> None:
        """The first line before the first table: text above it, or a caption row spanning its grid."""
        if self.title is None and not self.built and self.pending:
            self.title, self.pending = self.pending[0], self.pending[1:]

    def _start(self, index: int, block: list[RawRow]) -> int:
        """A new table at the header ``block``; the index of the row after its header."""
        end = index + len(block)
        while len(block) > 1 and _filled(block[0]) == 1:
            self.pending.append(block.pop(0))  # one label over the whole header: a caption, the heading
        self._take_title()
        current, pending = self.current, self.pending
        if current is not None and not pending:
            # Single-label rows that closed the table before, on this header's page, are its heading.
            for _ in range(_trailing_labels(current, block[0].page)):
                pending.insert(0, current.body.pop())
        heading = pending[-1] if pending and (pending[-1].page == block[0].page or not self.built) else None
        self.notes.extend(_unplaced(text, "text outside the tables") for text in pending if text is not heading)
        self.pending = []
        block, index = _header_lines(block, self.rows, end)
        self.current = _Building(build_header(block, self.profile), heading, block)
        self.built.append(self.current)
        if index < len(self.rows) and _is_column_numbers(self.rows[index]):
            row = self.rows[index]
            self.current.notes.append(info(
                COLUMN_NUMBERS, f"a row numbering the columns under the header ({_row_text(row)!r}), "
                "taken as part of the header", line=row.line, page=row.page))
            index += 1
        return index


def find_tables(document: RawDocument, profile: Profile) -> Tables:
    """The title and every table of a raw document; an error only where it holds no table."""
    rows = [row for row in document.rows if row.is_tabular or not row.is_blank]  # blank table rows are said
    scan = _Scan(rows, profile)
    scan.run()
    if not scan.built:
        first = next((row for row in rows if _filled(row) >= 2), None)
        if first is not None:
            shown = " | ".join(plain_text(cell.text)[:30] for cell in first.cells)
            raise HeaderNotFoundError(f"no table found: no header row above the first row of cells, which already "
                                      f"holds data: {shown!r}", file=document.name, line=first.line, page=first.page)
        raise HeaderNotFoundError("no table found: no row with two or more cells in the file", file=document.name,
                                  line=rows[0].line if rows else 1)
    tables = tuple(_finish(building, profile, document.name) for building in scan.built)
    title = scan.title
    return Tables(strip_title_markup(_row_text(title)) if title else None, title.line if title else None,
                  tables, tuple(scan.notes))


def _finish(building: _Building, profile: Profile, name: str) -> Table:
    """The table's identifier column, its columns' keys, and its rows told apart."""
    header, body = building.header, building.body
    check_profile(header, building.header_rows, profile, name)
    labels = [column.label for column in header.columns]
    notes = list(building.notes)
    where = building.header_rows[-1]
    chosen: int | None
    if profile.identifier is not None or "number" in profile.labels.values():
        chosen = next(i for i, column in enumerate(header.columns) if column.key == "number")
        scheme = _profile_scheme(body, chosen)
        notes.append(info(IDENTIFIER_COLUMN, f"column {labels[chosen]!r} is the identifier column, as the "
                             "profile says", line=where.line, page=where.page))
    elif all(_is_section_like(row) for row in body):  # no rows of cells: the labels alone say which numbers them
        chosen = next((i for i, label in enumerate(labels) if is_identifier_label(label)), None)
        scheme = None
    else:
        texts = [[plain_text(row.cells[i].text) for row in body if not _is_section_like(row)]
                 for i in range(len(labels))]
        choice = find_identifier_column(texts, labels)
        chosen, scheme = choice.column, choice.scheme
        if chosen is None:
            notes.append(warning(NO_IDENTIFIER_COLUMN, f"no identifier column: {choice.reason}; the rows are "
                                 "read in order, with no identifiers", line=where.line, page=where.page))
        else:
            notes.append(info(IDENTIFIER_COLUMN, f"column {labels[chosen] or chosen + 1!r} taken as the "
                                 f"identifier column: {choice.reason}", line=where.line, page=where.page))
    columns = identifier_key(header.columns, chosen)
    classified, row_notes = classify_rows(body, chosen, scheme)
    heading = building.heading
    pages = tuple(sorted({row.page for row in (*building.header_rows, *body)}))
    return Table(strip_title_markup(_row_text(heading)) if heading else None, heading.line if heading else None,
                 pages, columns, chosen, tuple(classified), (*notes, *row_notes))


def _is_section_like(row: RawRow) -> bool:
    return sum(1 for cell in row.cells if plain_text(cell.text)) <= 1


def _profile_scheme(body: Sequence[RawRow], index: int) -> str | None:
    schemes = Counter(identifier.scheme for row in body
                      if (identifier := read_identifier(plain_text(row.cells[index].text))) is not None)
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
