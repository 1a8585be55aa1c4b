"""A PDF table without ruling lines, read from the alignment of its text.

The header's bold lines give the columns (at the labels of its lowest line, and labels above
that stand beside them); a body row starts wherever the identifier column has text, and text
that runs on past the next row's start with no gap stays with the row above (a merged cell).
A header drawn in a grid of its own (boxed or shaded) over unruled rows is read the same way.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from extract.readers.pdf.cell_text import Word, group_lines
from extract.readers.pdf.page_table import CellWords, PageTable, bbox

_COLUMN_TOLERANCE = 3.0
_FIRST_LINES = 3  # a header grid's rows: one of the first lines under it stands in two columns or more
_HEADING_SIZE = 1.3  # bold lines this much larger than the text under them are a heading


class _Phrase(NamedTuple):
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def _phrases(line: Sequence[Word]) -> list[_Phrase]:
    """Runs of words with no more than a wide space between them."""
    phrases: list[list[Word]] = []
    for word in line:
        if phrases and word.x0 - phrases[-1][-1].x1 <= 1.2 * word.size:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return [_Phrase(tuple(p)) for p in phrases]


def _column_of(x: float, starts: Sequence[float]) -> int:
    index = 0
    for i, start in enumerate(starts):
        if x + _COLUMN_TOLERANCE >= start:
            index = i
    return index


def aligned_table(words: Sequence[Word], columns: tuple[float, ...] | None = None) -> PageTable | None:
    """A table laid out by alignment alone: bold header lines give the columns.

    A page without such a header reads as the body of the table whose ``columns``
    an earlier page gave, if any.
    """
    lines = group_lines(words)
    header_at = next(
        (i for i, line in enumerate(lines) if all(w.bold for w in line) and len(_phrases(line)) >= 2), None
    )
    if header_at is None:
        if columns is None or not lines:
            return None
        right = max(w.x1 for w in words)
        body = _body_rows(lines, columns, right)
        return PageTable(min(w.top for w in words), max(w.bottom for w in words), body, [], columns)
    header_end = header_at
    while (
        header_end + 1 < len(lines)
        and all(w.bold for w in lines[header_end + 1])
        and len(_phrases(lines[header_end + 1])) >= 2
    ):
        header_end += 1
    header = lines[header_at:header_end + 1]
    if _is_heading(header, lines[header_end + 1:]):
        return None  # a heading set in two parts ("SECTION 2    DIESEL ENGINES"), not a table's header
    return _table(header, lines[header_end + 1:], max(w.x1 for w in words))


def header_grid_table(bands: Sequence[Sequence[Word]], body_words: Sequence[Word],
                      grid_starts: Sequence[float] | None = None) -> PageTable | None:
    """A header drawn in a grid of its own (boxed, or shaded) over unruled rows: one table whose
    columns the header's labels give, as an unruled table's do, or the grid's own boxes
    (``grid_starts``) where they are at least as many; each of the grid's rows (``bands``, their
    words) one header row, its lines wrapped labels. None where none of the first lines under the
    grid stands in two or more of its columns (prose after a small ruled table)."""
    header = [line for band in bands for line in group_lines(band)]
    body = group_lines(body_words)
    if not header or not body:
        return None
    starts = _column_starts(header, body)
    if grid_starts is not None and len(grid_starts) >= len(starts):
        starts = sorted(grid_starts)
    if len(starts) < 2 or not any(len({_column_of(phrase.x0, starts) for phrase in _phrases(line)}) >= 2
                                  for line in body[:_FIRST_LINES]):
        return None
    right = max(w.x1 for w in [*(w for band in bands for w in band), *body_words])
    rows = [_band_cells(_columns_of(group_lines(band), starts), starts, right) for band in bands if band]
    rows.extend(_body_rows(body, starts, right))
    top = min(w.top for w in header[0])
    return PageTable(top, max(w.bottom for w in body[-1]), rows, [], tuple(starts))


def _columns_of(lines: Sequence[Sequence[Word]], starts: Sequence[float]) -> list[list[Word]]:
    """Header lines' words in their columns, each phrase by where it starts."""
    cells: list[list[Word]] = [[] for _ in starts]
    for line in lines:
        for phrase in _phrases(line):
            cells[_column_of(phrase.x0, starts)].extend(phrase.words)
    return cells


def _table(header: Sequence[Sequence[Word]], body: Sequence[Sequence[Word]], right: float) -> PageTable:
    """The table of header lines and body lines, its columns from the header's labels."""
    starts = _column_starts(header, body)
    rows = [_band_cells(_columns_of([line], starts), starts, right) for line in header]
    rows.extend(_body_rows(body, starts, right))
    top = min(w.top for w in header[0])
    bottom = max(w.bottom for line in [*header, *body] for w in line)
    return PageTable(top, bottom, rows, [], tuple(starts))


def _column_starts(header: Sequence[Sequence[Word]], body: Sequence[Sequence[Word]]) -> list[float]:
    """Where the columns start: at the labels of the header's lowest line, and at a label of a line
    above that stands over none of them and has rows' text starting under it ("No.", merged down
    beside the lower labels; its numbers centred or set right under it). A label above lower
    labels, or over no text's start, groups the columns under it ("HQIP response" over "Action
    taken" and "Next steps", centred or not)."""
    lowest = _phrases(header[-1])
    body_starts = sorted({round(phrase.x0, 1) for line in body for phrase in _phrases(line)})
    phrases = list(lowest)
    for line in header[:-1]:
        phrases.extend(
            phrase for phrase in _phrases(line)
            if not any(phrase.x0 < below.x1 and below.x0 < phrase.x1 for below in lowest)
            and any(phrase.x0 - _COLUMN_TOLERANCE <= start <= phrase.x1 + _COLUMN_TOLERANCE
                    for start in body_starts))
    starts: list[float] = []
    for phrase in sorted(phrases, key=lambda p: p.x0):
        if not starts or phrase.x0 - starts[-1] > _COLUMN_TOLERANCE:
            starts.append(phrase.x0)
    return starts


def _is_heading(header: Sequence[Sequence[Word]], body: Sequence[Sequence[Word]]) -> bool:
    """Bold lines set larger than the text under them are a heading, not a table's header: a header
    is set at about the size of its rows."""
    sizes = [word.size for line in body for word in line]
    if not sizes:
        return False
    return min(word.size for line in header for word in line) > _HEADING_SIZE * statistics.median(sizes)


def _body_rows(lines: Sequence[Sequence[Word]], starts: Sequence[float], right: float) -> list[list[CellWords]]:
    """Rows of the table body: a new row wherever the identifier column has text.

    Without rules, a tall (vertically merged) cell shows only as text that runs on
    past the next row's start with no row gap: such text stays with the row above.
    """
    width = len(starts)
    pieces: list[list[list[Word]]] = []  # line -> column -> words
    for line in lines:
        columns: list[list[Word]] = [[] for _ in range(width)]
        for word in line:
            columns[_column_of(word.x0, starts)].append(word)
        pieces.append(columns)
    pitch = _typical_pitch(pieces, width)
    # Rows set as tightly as a cell's wrapped lines (no padding between them) leave no gap to tell a
    # merged cell's text running on from the next row's: every row then keeps its own lines.
    row_tops = [columns[0][0].top for columns in pieces if columns[0]]
    row_steps = [b - a for a, b in pairwise(row_tops) if b > a]
    tight = bool(row_steps) and min(row_steps) <= pitch * 1.05
    bands: list[list[list[Word]]] = []  # row -> column -> words
    last_top: list[float | None] = [None] * width
    open_run = [False] * width
    for columns in pieces:
        starts_row = bool(columns[0]) or not bands
        if starts_row:
            bands.append([[] for _ in range(width)])
            open_run = [True] * width
        for index, words in enumerate(columns):
            if not words:
                continue
            top = words[0].top
            above = last_top[index]
            runs_on = (
                not tight
                and index > 0
                and len(bands) > 1
                and open_run[index]
                and above is not None
                and top - above <= pitch * 1.3
            )
            target = bands[-2] if runs_on else bands[-1]
            open_run[index] = runs_on
            target[index].extend(words)
            last_top[index] = top
    return [_band_cells(band, starts, right) for band in bands if any(band)]


def _typical_pitch(pieces: Sequence[Sequence[Sequence[Word]]], width: int) -> float:
    """The line pitch: the smallest step between lines of one column.

    Steps between rows are always larger, so the smallest step is the pitch of
    wrapped lines; where no cell wraps, 1.5 times the font size stands in.
    """
    steps: list[float] = []
    sizes: list[float] = []
    for index in range(width):
        tops = [columns[index][0].top for columns in pieces if columns[index]]
        sizes.extend(columns[index][0].size for columns in pieces if columns[index])
        steps.extend(b - a for a, b in pairwise(tops) if b > a)
    ceiling = 1.5 * statistics.median(sizes) if sizes else 12.0
    return min([*steps, ceiling])


def _band_cells(cells: list[list[Word]], starts: Sequence[float], right: float) -> list[CellWords]:
    all_words = [w for cell in cells for w in cell]
    if not all_words:
        return [(None, []) for _ in cells]
    top = min(w.top for w in all_words)
    bottom = max(w.bottom for w in all_words)
    edges = [*starts, right]
    return [(bbox(edges[i], top, edges[i + 1], bottom), cell) for i, cell in enumerate(cells)]
