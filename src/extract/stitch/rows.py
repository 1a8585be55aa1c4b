"""Body rows to logical rows: continuation rows joined, vertically merged cells resolved.

- A row with no identifier (its identifier cell is empty) continues the row before
  it: its cells are appended, column by column, as further fragments of that row's
  cells.
- A row whose inheritable cells (every column after the first content column, or
  the profile's ``inherit``) are all empty was vertically merged with the row above
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
from extract.table import Identifier, Table
from schema import Column, Diagnostic


class CellSource(NamedTuple):
    """The source fragments of one logical cell, in order, and where it was inherited from."""

    fragments: tuple[RawCell, ...]
    inherited_from: int | str | None = None

    @property
    def is_empty(self) -> bool:
        return all(is_blank(fragment.text) for fragment in self.fragments)


class LogicalRow(NamedTuple):
    """One row of the table as printed: its numbered source row and the continuation rows joined to it."""

    number: int | None
    id: str
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
    """A numbered row and the continuation rows gathered under it (local to this stage)."""

    identifier: Identifier
    rows: list[RawRow]


def _group_rows(table: Table) -> list[_Group]:
    """Body rows under their numbered rows (the table stage has read every identifier)."""
    groups: list[_Group] = []
    for row in table.rows:
        if row.identifier is None:
            groups[-1].rows.append(row.row)
        else:
            groups.append(_Group(row.identifier, [row.row]))
    return groups


def _inheritable(columns: tuple[Column, ...], identifier_index: int) -> tuple[str, ...]:
    """Columns that may inherit a vertically merged cell: all after the first content column."""
    content = [column.key for index, column in enumerate(columns) if index != identifier_index]
    return tuple(content[1:])


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
        number, rows = group.identifier.text, group.rows
        cells: dict[str, CellSource] = {
            key.key: CellSource(tuple(row.cells[index] for row in rows)) for index, key in keyed
        }
        previous = logical[-1] if logical else None
        if (
            previous
            and inheritable
            and all(cells[key].is_empty for key in inheritable)
            and not all(previous.cells[key].is_empty for key in inheritable)
        ):
            for key in inheritable:
                origin = previous.cells[key].inherited_from
                if origin is None:
                    origin = previous.number if previous.number is not None else previous.id
                cells[key] = CellSource(previous.cells[key].fragments, origin)
            origins = sorted({str(cells[key].inherited_from) for key in inheritable})
            diagnostics.append(warning(
                INHERITED_CELLS,
                f"item {number}: {_names([labels[k] for k in inheritable])} "
                f"{'is' if len(inheritable) == 1 else 'are'} empty; "
                f"taken from item {', '.join(map(str, origins))} (vertically merged cells)",
                line=rows[0].line, page=rows[0].page))
        for key, source in cells.items():
            if source.is_empty and source.inherited_from is None:
                diagnostics.append(warning(EMPTY_CELL, f"item {number}: {labels[key]} is empty",
                                           line=rows[0].line, page=rows[0].page))
        logical.append(LogicalRow(group.identifier.number, group.identifier.text, tuple(rows), cells))
    diagnostics.sort(key=lambda d: d.line or 0)
    return Stitched(tuple(logical), tuple(diagnostics))


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
