"""What the PDF table finders give: a page's table as rows of cells, each a box and its words."""

from __future__ import annotations

from typing import NamedTuple

from extract.readers.pdf.cell_text import Word
from schema import BBox

CellWords = tuple[BBox | None, list[Word]]
"""A cell's box (None where a merged cell covers it) and its words."""


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


def bbox(x0: float, top: float, x1: float, bottom: float) -> BBox:
    """A bounding box rounded to 0.01 pt, so that output does not carry float noise."""
    return BBox(x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2))
