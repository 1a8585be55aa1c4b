"""Find the table on one PDF page: ruling lines first, text alignment otherwise.

Both strategies give a ``PageTable``: its rows, each a list of cells, each cell a
bounding box (None where a merged cell spans it) and the words inside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, NamedTuple

from extract.readers.pdf.cell_text import Word, group_lines
from schema import BBox

CellWords = tuple[BBox | None, list[Word]]
"""A cell's box (None where a merged cell covers it) and its words."""

_LATTICE = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_COLUMN_TOLERANCE = 3.0
_RULE_WIDTH = 2.0  # points: a filled rectangle this thin either way is a rule
_HEADING_SIZE = 1.3  # bold lines this much larger than the text under them are a heading


class PageTable(NamedTuple):
    """The table on one page: its band from top to bottom, its rows of cells (each a box and its words)."""

    top: float
    bottom: float
    rows: list[list[CellWords]]
    unplaced: list[Word]
    """Words inside the table's band that fell in no cell (kept, never dropped)."""
    columns: tuple[float, ...] | None = None
    """Column left edges found by text alignment, for a later page without a header."""
    merged: frozenset[tuple[int, int]] = frozenset()
    """(row, column) of the cells covered by a merged cell above them."""


_START_INSET = 1.0  # how far into a word its start is taken (a word may touch the rule to its left)


def bbox(x0: float, top: float, x1: float, bottom: float) -> BBox:
    """A bounding box rounded to 0.01 pt, so that output does not carry float noise."""
    return BBox(x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2))


def find_page_tables(page: Any, words: Sequence[Word],
                     columns: tuple[float, ...] | None = None) -> list[PageTable]:
    """The page's tables, top to bottom: from its ruling lines, or else one from text alignment.

    ``columns`` are the column edges an earlier page's header gave, for a page
    whose header is missing.
    """
    settings: dict[str, Any] = dict(_LATTICE)
    verticals = [edge for edge in page.vertical_edges if edge["bottom"] - edge["top"] > 1]
    if verticals:
        # A row cut by the page break has no rule under it (nor, on the next page,
        # above it when the header is missing): close the table where its column
        # rules end, so the open row still becomes cells.
        settings["explicit_horizontal_lines"] = [
            min(edge["top"] for edge in verticals),
            max(edge["bottom"] for edge in verticals),
        ]
    tables = _outermost(_without_shading(page).find_tables(settings))
    if len(tables) > 1:
        # Where fill is all that joins them, grids that lie within one grid of the page with its
        # fill are that one table (a table drawn with background bands instead of some rules).
        whole = _outermost(page.find_tables(settings))
        for table in whole:
            parts = [t for t in tables if _inside(t.bbox, table.bbox)]
            if len(parts) > 1:
                tables = [t for t in tables if t not in parts] + [table]
    if tables:
        return [_lattice_table(table, words) for table in sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))]
    aligned = aligned_table(words, columns)
    return [aligned] if aligned is not None else []


def _outermost(found: list[Any]) -> list[Any]:
    """Tables of two or more columns with rows, without those nested in another's cell."""
    found = [t for t in found if len(t.columns) >= 2 and t.rows]
    return [t for t in found if not any(other is not t and _inside(t.bbox, other.bbox) for other in found)]


def _is_shading(obj: dict[str, Any]) -> bool:
    """A filled rectangle wider and taller than a rule: a cell's or a header's background, not a border.
    (Word and LibreOffice draw borders as thin filled rectangles; those stay.)"""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and obj["width"] > _RULE_WIDTH and obj["height"] > _RULE_WIDTH)


def _without_shading(page: Any) -> Any:
    """The page without its shading rectangles, for finding ruled tables: fill is not ruling."""
    return page.filter(lambda obj: not _is_shading(obj))


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    """Whether a table lies within another (a table nested in a cell: its text stays the cell's)."""
    return (inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1 and inner[2] <= outer[2] + 1
            and inner[3] <= outer[3] + 1)


def _contains(box: tuple[float, float, float, float], word: Word) -> bool:
    """Whether a word is in a cell, by where it starts: a word too long for its cell runs on over the
    next cell's rule and still belongs to its own ("…Limited" beside "821-39/2013-DS")."""
    x, cy = word.x0 + min(_START_INSET, (word.x1 - word.x0) / 2), (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= cy <= box[3]


def _lattice_table(table: Any, words: Sequence[Word]) -> PageTable:
    _, top, _, bottom = table.bbox
    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells) if box is not None]
    found: dict[tuple[int, int], list[Word]] = {(r, c): [] for r, c, _ in boxes}
    unplaced: list[Word] = []
    for word in words:
        if word.bottom <= top or word.top >= bottom:
            continue  # above or below the table: the caller keeps it
        home = next(((r, c) for r, c, box in boxes if _contains(box, word)), None)
        (found[home] if home else unplaced).append(word)
    rows: list[list[CellWords]] = [
        [(bbox(*box), found[(r, c)]) if box is not None else (None, []) for c, box in enumerate(row.cells)]
        for r, row in enumerate(table.rows)
    ]
    covered = _covered_from_above(table)
    return _join_split_columns(PageTable(top, bottom, rows, unplaced, merged=covered))


def _join_split_columns(table: PageTable) -> PageTable:
    """One column where the rules split it in some rows only: grid columns that a cell spans in some
    row (a box over them, the next ones missing) and that never both hold text in one row.

    A ruling that differs between header and body ("No. of Cases" between two slivers in the
    header, the number in one cell over all three in the body) would otherwise make columns of
    slivers with the label in one and the numbers in another.
    """
    width = max(len(row) for row in table.rows)
    joined = [False] * width  # joined[c]: column c belongs with column c - 1
    apart = [False] * width
    for r, row in enumerate(table.rows):
        for c in range(1, len(row)):
            box, words = row[c]
            if box is None and (r, c) not in table.merged:
                joined[c] = True  # covered by the box to its left
            if words and any(row[k][1] for k in range(c)) and row[c - 1][1]:
                apart[c] = True  # text on both sides of the line between them in one row
    groups: list[list[int]] = []
    for c in range(width):
        if groups and joined[c] and not apart[c]:
            groups[-1].append(c)
        else:
            groups.append([c])
    if len(groups) == width:
        return table
    rows: list[list[CellWords]] = []
    merged = set()
    for r, row in enumerate(table.rows):
        cells: list[CellWords] = []
        for g, group in enumerate(groups):
            boxes = [box for c in group if c < len(row) and (box := row[c][0]) is not None]
            words = [w for c in group if c < len(row) for w in row[c][1]]
            box = bbox(min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes),
                       max(b.bottom for b in boxes)) if boxes else None
            cells.append((box, words))
            if box is None and any((r, c) in table.merged for c in group):
                merged.add((r, g))
        rows.append(cells)
    return table._replace(rows=rows, merged=frozenset(merged))


def _covered_from_above(table: Any) -> frozenset[tuple[int, int]]:
    """The cells a merged cell above covers: a missing box under a box in its column that runs
    down past the missing one's row (a missing box beside a wide one is covered from the left)."""
    covered = set()
    for r, row in enumerate(table.rows):
        row_top = row.bbox[1]
        for c, box in enumerate(row.cells):
            if box is not None:
                continue
            above = next((table.rows[k].cells[c] for k in range(r - 1, -1, -1)
                          if c < len(table.rows[k].cells) and table.rows[k].cells[c] is not None), None)
            if above is not None and above[3] > row_top + 1:
                covered.add((r, c))
    return frozenset(covered)


# --- text alignment: a table without ruling lines -----------------------------------


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
    starts = _column_starts(header, lines[header_end + 1:])
    if _is_heading(header, lines[header_end + 1:]):
        return None  # a heading set in two parts ("SECTION 2    DIESEL ENGINES"), not a table's header
    right = max(w.x1 for w in words)
    rows: list[list[CellWords]] = []
    for line in header:
        cells: list[list[Word]] = [[] for _ in starts]
        for phrase in _phrases(line):
            cells[_column_of(phrase.x0, starts)].extend(phrase.words)
        rows.append(_band_cells(cells, starts, right))
    rows.extend(_body_rows(lines[header_end + 1:], starts, right))
    top = min(w.top for w in header[0])
    bottom = max(w.bottom for line in lines[header_at:] for w in line)
    return PageTable(top, bottom, rows, [], tuple(starts))


def _column_starts(header: Sequence[Sequence[Word]], body: Sequence[Sequence[Word]]) -> list[float]:
    """Where the columns start: at the labels of the header's lowest line, and at a label of a line
    above that stands over none of them and has rows' text starting under it ("No.", merged down
    beside the lower labels). A label above lower labels, or over no text's start, groups the
    columns under it ("HQIP response" over "Action taken" and "Next steps", centred or not)."""
    lowest = _phrases(header[-1])
    body_starts = sorted({round(phrase.x0, 1) for line in body for phrase in _phrases(line)})
    phrases = list(lowest)
    for line in header[:-1]:
        phrases.extend(
            phrase for phrase in _phrases(line)
            if not any(phrase.x0 < below.x1 and below.x0 < phrase.x1 for below in lowest)
            and any(abs(start - phrase.x0) <= _COLUMN_TOLERANCE for start in body_starts))
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
                index > 0
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
