"""Find the table on one PDF page: ruling lines first, text alignment otherwise.

Both strategies give a ``PageTable``: its rows, each a list of cells, each cell a
bounding box (None where a merged cell spans it) and the words inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extract.readers.pdf.aligned import aligned_table, header_grid_table
from extract.readers.pdf.cell_text import Word
from extract.readers.pdf.page_table import CellWords, PageTable, bbox

__all__ = ["PageTable", "find_page_tables"]

_LATTICE = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_RULE_WIDTH = 2.0  # points: a filled rectangle this thin either way is a rule
_HEADER_GRID_ROWS = 3  # a grid of this many rows or fewer over unruled text may be a header only
_HEADER_GAP = 3.0  # unruled rows start within this many font sizes under a header grid
_NUMBER = re.compile(r"[0-9]+[.)]?")
_START_INSET = 1.0  # how far into a word its start is taken (a word may touch the rule to its left)


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
    unshaded = _without_shading(page)
    try:
        tables = _outermost(unshaded.find_tables(settings))
    finally:
        # A derived page refers to itself (pdfplumber's cached text map): with the collector paused
        # during a parse, its cached copy of every object on the page lived on unless flushed here.
        unshaded.close()
    if len(tables) > 1:
        # Where fill is all that joins them, grids that lie within one grid of the page with its
        # fill are that one table (a table drawn with background bands instead of some rules).
        whole = _outermost(page.find_tables(settings))
        for table in whole:
            parts = [t for t in tables if _inside(t.bbox, table.bbox)]
            if len(parts) > 1:
                tables = [t for t in tables if t not in parts] + [table]
    if tables:
        tables = sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))
        return [_header_grid(table, words, below) or _lattice_table(table, words)
                for table, below in zip(tables, _tops_after(tables), strict=True)]
    aligned = aligned_table(words)
    if aligned is not None:
        return [aligned]
    # No ruled table and no bold header: a header shaded or boxed as a grid of its own over unruled
    # rows; else the page goes on with the columns an earlier page's header gave.
    found = [t for t in page.find_tables(settings) if t.rows]
    grids = sorted((t for t in found if not any(o is not t and _inside(t.bbox, o.bbox) for o in found)),
                   key=lambda t: (t.bbox[1], t.bbox[0]))
    headed = [table for grid, below in zip(grids, _tops_after(grids), strict=True)
              if (table := _header_grid(grid, words, below)) is not None]
    if headed:
        return headed
    continued = aligned_table(words, columns) if columns is not None else None
    return [continued] if continued is not None else []


def _tops_after(tables: Sequence[Any]) -> list[float]:
    """For each of a page's tables, top to bottom, where the next one starts (the page's end for the last)."""
    return [t.bbox[1] for t in tables[1:]] + [float("inf")] if tables else []


def _header_grid(table: Any, words: Sequence[Word], until: float) -> PageTable | None:
    """A grid of header rows only with unruled rows under it (down to ``until``, the next grid):
    a ruled table is one whose body rows are ruled; this one is read by its text's alignment."""
    if len(table.rows) > _HEADER_GRID_ROWS:
        return None
    bottom = table.bbox[3]
    bands: list[list[Word]] = [[] for _ in table.rows]
    boxes = [(r, box) for r, row in enumerate(table.rows) for box in row.cells if box is not None]
    for word in words:  # by cell, not by row: a cell merged down ("No.") lies in the rows below it too
        home = next((r for r, box in boxes if _contains(box, word)), None)
        if home is not None:
            bands[home].append(word)
    if any(_NUMBER.fullmatch(word.text) for band in bands[1:] for word in band):
        return None  # a body row ruled in the grid (its number): a small ruled table, not a header
    below = [w for w in words if w.top >= bottom - 1 and w.bottom <= until]
    if not any(bands) or not below or min(w.top for w in below) - bottom > _HEADER_GAP * below[0].size:
        return None  # nothing right under the grid (a footer at the page's foot is not its rows)
    # Where the grid rules every column (its lowest row has a box a column), its boxes give the columns.
    lowest = [box for box in table.rows[-1].cells if box is not None]
    return header_grid_table(bands, below, [box[0] for box in lowest] if len(lowest) >= 2 else None)


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
