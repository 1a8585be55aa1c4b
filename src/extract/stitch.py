"""Body rows to logical rows: page-break continuations joined, merged cells resolved.

- A row whose identifier cell is empty continues the row before it: its cells are
  appended, column by column, as further fragments of that row's cells.
- A row whose inheritable cells (every column after the first content column) are
  all empty was vertically merged with the row above in the original: it takes
  those cells from that row, marked ``inherited_from``, with a warning.
- A lone empty cell stays empty, with a warning.
- Identifiers follow one scheme (see ``identifiers``) and are unique; the order may run
  up or down; a gap, or a step against the table's own order, is a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from extract.errors import DuplicateItemError, ItemNumberError, OrphanContinuationError
from extract.identifiers import Identifier, identifier_problem, read_identifier
from extract.layout import Layout
from extract.raw import RawCell, RawRow
from extract.richtext import is_blank, plain_text
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


@dataclass(slots=True)
class _Numbering:
    """The table's numbering so far: its scheme (the first identifier's), direction and extremes."""

    first: Identifier | None = None
    descending: bool | None = None
    highest: int = 0
    lowest: int = 0

    def note(self, current: Identifier, previous: Identifier, row: RawRow) -> Diagnostic | None:
        """A warning where ``current`` breaks the table's order or leaves a gap; updates the extremes."""
        if self.descending is None and current.key != previous.key:
            self.descending = current.key < previous.key
        out_of_order = current.key > previous.key if self.descending else current.key < previous.key
        note = None
        if out_of_order:
            note = Diagnostic(code="number-order", message=f"item {current.text} comes after item {previous.text}",
                              line=row.line, page=row.page)
        elif len(current.key) == 1:
            (value,) = current.key
            edge = self.lowest if self.descending else self.highest
            step = -1 if self.descending else 1
            if (value - edge) * step > 1:
                missing = [edge + step, value - step]
                names = [current.show(k) for k in missing]
                what = f"item {names[0]} is" if missing[0] == missing[1] else f"items {names[0]}-{names[1]} are"
                note = Diagnostic(code="number-gap",
                                  message=f"{what} missing: item {current.text} follows item {current.show(edge)}",
                                  line=row.line, page=row.page)
        if len(current.key) == 1:
            self.highest = max(self.highest, current.key[0])
            self.lowest = min(self.lowest, current.key[0])
        return note


def _group_rows(layout: Layout, name: str) -> tuple[list[_Group], list[Diagnostic]]:
    """Group body rows under their numbered rows, checking the numbering."""
    groups: list[_Group] = []
    diagnostics: list[Diagnostic] = []
    first_line: dict[tuple[int, ...], int] = {}
    numbering = _Numbering()
    for row in layout.rows:
        text = plain_text(row.cells[layout.identifier_index].text)
        if not text:
            if row.is_blank:
                diagnostics.append(Diagnostic(code="empty-row", message="a row with no text in any cell; skipped",
                                              line=row.line, page=row.page))
            elif not groups:
                raise OrphanContinuationError("continuation row (empty number cell) before any numbered row",
                                              file=name, line=row.line, page=row.page)
            else:
                groups[-1].rows.append(row)
            continue
        identifier = read_identifier(text)
        first = numbering.first
        if identifier is None or (first is not None and identifier.scheme != first.scheme):
            raise ItemNumberError(identifier_problem(text, first), file=name, line=row.line, page=row.page)
        if identifier.key in first_line:
            raise DuplicateItemError(
                f"item {'number' if identifier.number is not None else 'identifier'} {text} occurs twice "
                f"(first on line {first_line[identifier.key]})",
                file=name, line=row.line, page=row.page)
        if groups:
            note = numbering.note(identifier, groups[-1].identifier, row)
            if note:
                diagnostics.append(note)
        else:
            numbering.first = identifier
            if len(identifier.key) == 1:
                numbering.highest = numbering.lowest = identifier.key[0]
        first_line[identifier.key] = row.line
        groups.append(_Group(identifier, [row]))
    return groups, diagnostics


def _inheritable(columns: tuple[Column, ...], identifier_index: int) -> tuple[str, ...]:
    """Columns that may inherit a vertically merged cell: all after the first content column."""
    content = [column.key for index, column in enumerate(columns) if index != identifier_index]
    return tuple(content[1:])


def stitch_rows(layout: Layout, name: str) -> Stitched:
    groups, diagnostics = _group_rows(layout, name)
    keyed = [(i, c) for i, c in enumerate(layout.columns) if i != layout.identifier_index]
    inheritable = layout.profile.inherit
    if inheritable is None:
        inheritable = _inheritable(layout.columns, layout.identifier_index)
    labels = {column.key: column.label or column.key for column in layout.columns}
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
            diagnostics.append(Diagnostic(
                code="inherited-cells",
                message=f"item {number}: {_names([labels[k] for k in inheritable])} "
                        f"{'is' if len(inheritable) == 1 else 'are'} empty; "
                        f"taken from item {', '.join(map(str, origins))} (vertically merged cells)",
                line=rows[0].line, page=rows[0].page))
        for key, source in cells.items():
            if source.is_empty and source.inherited_from is None:
                diagnostics.append(Diagnostic(code="empty-cell", message=f"item {number}: {labels[key]} is empty",
                                              line=rows[0].line, page=rows[0].page))
        logical.append(LogicalRow(group.identifier.number, group.identifier.text, tuple(rows), cells))
    diagnostics.sort(key=lambda d: d.line or 0)
    return Stitched(tuple(logical), tuple(diagnostics))


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
