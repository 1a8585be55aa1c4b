"""One pass over a document's raw rows: text, headers, repeated headers and body rows, into tables.

``Scan`` walks the rows in order. A header (label rows with two or more labels) starts a table
where nothing is open, or where something breaks the table open (text between them, a new page
or a new region of the source, single-label rows closing it); a header like the open table's,
with no heading of its own on its page, is a repeat and is dropped. Text rows before the first
table give the title, the last one above a later table its heading; rows recurring first or
last on three or more pages are page furniture. Every row that lands nowhere is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.diagnostics import COLUMN_NUMBERS, CONTINUED_HEADING, EXTRA_CELLS, PADDED_ROW, UNPLACED_LINE, info, warning
from extract.fragments import plain_text
from extract.profile import Profile
from extract.readers.raw import RawCell, RawRow
from extract.table.header import MAX_HEADER_ROWS, Header, build_header, header_block, is_header_row
from schema import Diagnostic

_COLUMN_NUMBER = re.compile(r"\(([0-9]{1,2})\)")
_DIGIT_RUNS = re.compile(r"[0-9]+")
_MARK = r"(?:continued|cont['’]?d|cont\.)"
# "Table 1 (continued)", "Responses - cont'd", "(cont. from page 4)"; not "continued care".
_CONTINUED = re.compile(rf"\b{_MARK}\W*$|\({_MARK}|\b{_MARK}\s+(?:from|on)\b", re.IGNORECASE)


def _says_continued(row: RawRow, current: Building) -> bool:
    """A line above a repeated header that says the table goes on: "Table 1 (continued)", "(cont'd)",
    or the open table's own heading printed again."""
    text = row_text(row)
    heading = row_text(current.heading) if current.heading is not None else None
    return bool(_CONTINUED.search(text)) or (heading is not None and text.casefold() == heading.casefold())


def _is_column_numbers(row: RawRow) -> bool:
    """A row under the header that numbers the columns: "(1) (2) (3) …", one bracketed number a column, in
    order (bare "1 2 3" may be a row of data)."""
    numbers = []
    for cell in row.cells:
        text = plain_text(cell.text)
        if text:
            match = _COLUMN_NUMBER.fullmatch(text)
            if match is None:
                return False
            numbers.append(int(match[1]))
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def row_text(row: RawRow) -> str:
    return " ".join(plain_text(cell.text) for cell in row.cells if plain_text(cell.text))


def _unplaced(row: RawRow, what: str) -> Diagnostic:
    text = " ".join(" ".join(cell.text for cell in row.cells).split())
    return warning(UNPLACED_LINE, f"{what}, not part of any row, kept out of the output: {text!r}",
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
                keyed[index] = (where, _DIGIT_RUNS.sub("#", row_text(rows[index]).casefold()))
                counts[keyed[index]] += 1
    pages = len(first)
    return {index for index, key in keyed.items() if counts[key] >= min(3, max(pages, 2))}


@dataclass(slots=True)
class Building:
    """A table being read: its header, its body rows so far, and what was noticed."""

    header: Header
    heading: RawRow | None
    header_rows: list[RawRow]
    body: list[RawRow] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    trailing: int = 0
    """How many single-label rows end the body, all on the last row's page (kept as rows are added)."""

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
                    f"the last column is not under any column, kept out: {' | '.join(extra)!r}",
                    line=row.line, page=row.page))
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + tuple(RawCell("", row.line, row.page) for _ in range(width - len(cells)))
            self.notes.append(warning(
                PADDED_ROW, f"row has {len(row.cells)} cells but the header has {width} columns; "
                "padded with empty cells", line=row.line, page=row.page))
        single = filled(row) == 1
        same_page = bool(self.body) and self.body[-1].page == row.page
        self.trailing = (self.trailing + 1 if same_page else 1) if single else 0
        self.body.append(row._replace(cells=cells))

    def pop_trailing(self) -> list[RawRow]:
        """The single-label rows that end the body, taken off it."""
        taken = self.body[len(self.body) - self.trailing:] if self.trailing else []
        del self.body[len(self.body) - len(taken):]
        self.trailing = 0
        return taken


def _labels_every_column(block: list[RawRow]) -> bool:
    """Whether the header rows between them label every column (a row of a table cut by a page
    break, with its identifier cell empty, does not)."""
    width = max(len(row.cells) for row in block)
    labelled = {i for row in block for i, cell in enumerate(row.cells) if plain_text(cell.text)}
    return len(labelled) == width


def _starts_table(block: list[RawRow]) -> bool:
    """A header block whose column row has two or more labels (a single label is a section row)."""
    return bool(block) and sum(1 for cell in block[-1].cells if plain_text(cell.text)) >= 2


def _trailing_labels(current: Building, page: int) -> int:
    """How many single-label rows end the table so far on ``page``: the heading of a table after it."""
    return current.trailing if current.body and current.body[-1].page == page else 0


def _new_region_here(current: Building, row: RawRow) -> bool:
    """Whether ``row`` opens another of the source's tables on the page the open table's last row is on."""
    if not current.body:
        return False
    last = current.body[-1]
    return row.region != last.region and row.page == last.page


def _breaks(current: Building, row: RawRow, pending: Sequence[RawRow]) -> bool:
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


def _fits_below(block: list[RawRow], rows: Sequence[RawRow], end: int) -> bool:
    """Whether the first row under a header block fits its columns: a title or a heading written with
    a tab ("Safety report\tMinistry of Transport") has a wider header under it, not a row (a wide
    row of data under it is the header's row, with cells to spare)."""
    below = next((row for row in rows[end:end + MAX_HEADER_ROWS + 2] if not row.is_blank), None)
    return below is None or not is_header_row(below) or filled(below) <= max(len(row.cells) for row in block)


def filled(row: RawRow) -> int:
    return sum(1 for cell in row.cells if plain_text(cell.text))


class Scan:
    """One pass over a document's rows, in order: text, headers, repeated headers, body rows."""

    def __init__(self, rows: list[RawRow], profile: Profile) -> None:
        self.rows, self.profile = rows, profile
        self.furniture = _furniture(rows)
        self.built: list[Building] = []
        self.current: Building | None = None
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
        if not row.is_tabular or (current is None and filled(row) < 2):  # a title exported with tabs
            if index in self.furniture:
                self.notes.append(_unplaced(row, "a running head or footer"))
            else:
                self.pending.append(row)
            return index + 1
        if not is_header_row(row):  # most rows: data, neither a header nor a repeat of one
            return self._body(index, row)
        if current is not None and current.header.repeats(row):
            self._drop_continued(current, row.page)
        # Text above it on its page, or a new table of the source on the same page (a Word file's or a
        # web page's next table, a PDF's next grid), makes a header like the open one a new table's.
        heading_here = any(text.page == row.page for text in self.pending) or (
            current is not None and (_trailing_labels(current, row.page) > 0 or _new_region_here(current, row)))
        if current is not None and not heading_here and current.header.repeats(row):
            self._inside()  # a repeated header row
            self.repeated_on = row.page
            return index + 1
        block = header_block(tuple(self.rows[index:index + MAX_HEADER_ROWS]))
        if current is not None and not heading_here:
            # Label rows at the top of a page, above a repeated column row, belong to the repeated header.
            page_top = index == 0 or self.rows[index - 1].page != row.page
            repeated = next((n for n, label_row in enumerate(block) if label_row.page == row.page
                             and current.header.repeats(label_row) == "columns"), None) if page_top else None
            if repeated is not None:
                # A repeated header; label rows above its column row that page one lacked are said.
                end = index + repeated + 1
                self.notes.extend(_unplaced(r, "a header row unlike page 1's, above a repeated header")
                                  for r in self.rows[index:end] if not current.header.repeats(r))
                self._inside()
                self.repeated_on = row.page
                return end
        if current is None and not _fits_below(block, self.rows, index + len(block)):
            self.pending.append(row)  # text written with tabs, above a wider table
            return index + 1
        if _starts_table(block) and (current is None or (
                self.repeated_on != row.page and _labels_every_column(block)
                and _breaks(current, row, self.pending))):
            return self._start(index, block)
        return self._body(index, row)

    def _body(self, index: int, row: RawRow) -> int:
        """A body row of the open table; before the first table, a line of text written with tabs (the
        title or a heading, or reported as text outside the tables)."""
        if self.current is None:
            self.pending.append(row)
        else:
            self._inside()
            self.current.add(row)
        return index + 1

    def _drop_continued(self, current: Building, page: int) -> None:
        """Lines on ``page`` above a repeat of the open table's header that say it goes on, noted and
        taken out of the text between tables (so they do not start a new one)."""
        here = [text for text in self.pending if text.page == page]
        if here and all(_says_continued(text, current) for text in here):
            self.pending = [text for text in self.pending if text.page != page]
            current.notes.extend(info(CONTINUED_HEADING, f"{row_text(text)!r} above a repeated header: the "
                                      "table goes on", line=text.line, page=text.page) for text in here)

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
        while len(block) > 1 and filled(block[0]) == 1:
            self.pending.append(block.pop(0))  # one label over the whole header: a caption, the heading
        self._take_title()
        current, pending = self.current, self.pending
        if current is not None and not pending:
            # Single-label rows that closed the table before, on this header's page, are its heading.
            if _trailing_labels(current, block[0].page):
                pending[:0] = current.pop_trailing()
        heading = pending[-1] if pending and (pending[-1].page == block[0].page or not self.built) else None
        self.notes.extend(_unplaced(text, "text outside the tables") for text in pending if text is not heading)
        self.pending = []
        block, index = _header_lines(block, self.rows, end)
        self.current = Building(build_header(block, self.profile), heading, block)
        self.built.append(self.current)
        if index < len(self.rows) and _is_column_numbers(self.rows[index]):
            row = self.rows[index]
            self.current.notes.append(info(
                COLUMN_NUMBERS, f"a row numbering the columns under the header ({row_text(row)!r}), "
                "taken as part of the header", line=row.line, page=row.page))
            index += 1
        return index


__all__ = ["Building", "Scan", "filled", "row_text"]
