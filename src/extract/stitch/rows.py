"""Body rows to logical rows: continuation rows joined, vertically merged cells resolved.

- A continuation row (its identifier cell is empty: ``extract.table.rows``) continues
  the row before it: its cells are appended, column by column, as further fragments
  of that row's cells.
- A sub-row (its identifier cell covered by the item's merged cell) is a row of its
  own with the item's identifier and a part number (the item's own row is part 1).
- A cell that the source marks as covered by a merged cell above (``RawCell.merged``)
  repeats the row above's cell, marked ``inherited_from``, in a row of any kind.
- Where the source does not mark merged cells (a text export), an item whose
  inheritable cells (every column after the first content column, or the
  profile's ``inherit``) are all empty was vertically merged with the row above
  in the original: it takes those cells from that row, marked ``inherited_from``,
  with a warning.
- A lone empty cell stays empty, with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from extract.diagnostics import EMPTY_CELL, INHERITED_CELLS, warning
from extract.fragments import is_blank
from extract.profile import Profile
from extract.readers.raw import RawCell, RawRow
from extract.table import Table, TableRow
from schema import Column, Diagnostic


class CellSource(NamedTuple):
    """The source fragments of one logical cell, in order, and where it was inherited from."""

    fragments: tuple[RawCell, ...]
    inherited_from: int | str | None = None

    @property
    def is_empty(self) -> bool:
        return all(is_blank(fragment.text) for fragment in self.fragments)


class LogicalRow(NamedTuple):
    """One row of a table as printed: its source row and the continuation rows joined to it."""

    number: int | None
    id: str | None
    part: int | None
    """The sub-row's place under its item, where the item spans sub-rows; else None."""
    section: str | None
    rows: tuple[RawRow, ...]
    cells: Mapping[str, CellSource]
    """Keyed by column key; every column but the identifier column."""

    @property
    def line(self) -> int:
        return self.rows[0].line

    @property
    def page(self) -> int:
        return self.rows[0].page


class Stitched(NamedTuple):
    """The stitch stage's output: the logical rows in document order, and what was noticed on the way."""

    rows: tuple[LogicalRow, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(slots=True)
class _Group:
    """An item's row (or a sub-row, or an unnumbered row) and the continuation rows gathered under it."""

    first: TableRow
    rows: list[RawRow]
    part: int | None = None


def _group_rows(table: Table) -> list[_Group]:
    """Body rows under the rows they continue (the table stage has told every row apart)."""
    groups: list[_Group] = []
    for row in table.rows:
        if row.kind == "continuation":
            groups[-1].rows.append(row.row)
            continue
        if row.kind == "part":
            above = groups[-1].part or 1
            groups[-1].part = above
            groups.append(_Group(row, [row.row], above + 1))
        else:
            groups.append(_Group(row, [row.row]))
    return groups


def _inheritable(columns: tuple[Column, ...], identifier_index: int | None) -> tuple[str, ...]:
    """Columns that may inherit a vertically merged cell: all after the first content column."""
    content = [column.key for index, column in enumerate(columns) if index != identifier_index]
    return tuple(content[1:])


def _origin(row: LogicalRow, key: str) -> int | str | None:
    origin = row.cells[key].inherited_from
    if origin is None:
        origin = row.number if row.number is not None else row.id
    return origin


def stitch_rows(table: Table, profile: Profile) -> Stitched:
    """The table's logical rows: continuation rows joined, merged cells inherited, empty cells noted."""
    groups = _group_rows(table)
    diagnostics: list[Diagnostic] = []
    keyed = [(i, c) for i, c in enumerate(table.columns) if i != table.identifier_index]
    inheritable = profile.inherit
    if inheritable is None:
        inheritable = _inheritable(table.columns, table.identifier_index)
    labels = {column.key: column.label or column.key for column in table.columns}
    logical: list[LogicalRow] = []
    for group in groups:
        identifier, rows = group.first.identifier, group.rows
        name = identifier.text if identifier is not None else f"on line {rows[0].line}"
        cells: dict[str, CellSource] = {
            key.key: CellSource(tuple(row.cells[index] for row in rows)) for index, key in keyed
        }
        previous = logical[-1] if logical else None
        # Cells a merged cell above covers, where the source says so; else, for an item of a text
        # export, all its inheritable cells empty where the row above has text.
        inherited = [column.key for index, column in keyed
                     if rows[0].cells[index].merged and cells[column.key].is_empty]
        if not inherited and not rows[0].marks_merges and group.first.kind == "item" and inheritable and all(
                cells[key].is_empty for key in inheritable) and previous is not None and not all(
                previous.cells[key].is_empty for key in inheritable) and not _spanned(rows[0], keyed, inheritable):
            inherited = list(inheritable)
        if inherited and previous is not None and any(_origin(previous, key) is None for key in inherited):
            inherited = []  # the row above has no identifier to name: its cells are not repeated
        if inherited and previous is not None:
            for key in inherited:
                cells[key] = CellSource(previous.cells[key].fragments, _origin(previous, key))
            if group.first.kind != "part":  # a sub-row repeats its item's merged cells by nature
                origins = sorted({str(cells[key].inherited_from) for key in inherited})
                diagnostics.append(warning(
                    INHERITED_CELLS,
                    f"item {name}: {_names([labels[k] for k in inherited])} "
                    f"{'is' if len(inherited) == 1 else 'are'} empty; "
                    f"taken from item {', '.join(map(str, origins))} (vertically merged cells)",
                    line=rows[0].line, page=rows[0].page))
        for key, source in cells.items():
            if source.is_empty and source.inherited_from is None:
                diagnostics.append(warning(EMPTY_CELL, f"item {name}: {labels[key]} is empty"
                                           if identifier is not None else f"the row {name}: {labels[key]} is empty",
                                           line=rows[0].line, page=rows[0].page))
        logical.append(LogicalRow(identifier.number if identifier else None, identifier.text if identifier else None,
                                  group.part, group.first.section, tuple(rows), cells))
    diagnostics.sort(key=lambda d: d.line or 0)
    return Stitched(tuple(logical), tuple(diagnostics))


def _spanned(row: RawRow, keyed: list[tuple[int, Column]], keys: tuple[str, ...]) -> bool:
    """Whether a cell among ``keys`` is covered by a box to its left (a ruled grid's row with a box
    of its own, the cell without one): spanned across, not vertically merged."""
    if not any(cell.bbox for cell in row.cells):
        return False  # no geometry (a text export): nothing says
    return any(row.cells[index].bbox is None and not row.cells[index].merged
               for index, column in keyed if column.key in keys)


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
