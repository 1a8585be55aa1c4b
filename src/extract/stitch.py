"""Body rows to logical rows: page-break continuations joined, merged cells resolved.

- A row whose identifier cell is empty continues the row before it: its cells are
  appended, column by column, as further fragments of that row's cells.
- A row whose inheritable cells (every column after the first content column) are
  all empty was vertically merged with the row above in the original: it takes
  those cells from that row, marked ``inherited_from``, with a warning.
- A lone empty cell stays empty, with a warning.
- Item numbers must be integers and unique; gaps and disorder are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from extract.errors import DuplicateItemError, ItemNumberError, OrphanContinuationError
from extract.layout import Layout
from extract.raw import RawCell, RawRow
from extract.richtext import is_blank, plain_text
from schema import Column, Diagnostic

_INTEGER = re.compile(r"[0-9]{1,9}\.?")  # ASCII digits; nine at most
_DIGITS = re.compile(r"[0-9]+\.?")


@dataclass(frozen=True, slots=True)
class CellSource:
    """The source fragments of one logical cell, in order, and where it was inherited from."""

    fragments: tuple[RawCell, ...]
    inherited_from: int | None = None

    @property
    def is_empty(self) -> bool:
        return all(is_blank(fragment.text) for fragment in self.fragments)


@dataclass(frozen=True, slots=True)
class LogicalRow:
    number: int
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


@dataclass(frozen=True, slots=True)
class Stitched:
    rows: tuple[LogicalRow, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(slots=True)
class _Group:
    """A numbered row and the continuation rows gathered under it (local to this stage)."""

    identifier: str
    number: int
    rows: list[RawRow]


def _numbering_note(number: int, previous: int, highest: int, row: RawRow) -> Diagnostic | None:
    if number < previous:
        message, code = f"item {number} comes after item {previous}", "number-order"
    elif number > highest + 1:
        missing = f"item {highest + 1} is" if number == highest + 2 else f"items {highest + 1}-{number - 1} are"
        message, code = f"{missing} missing: item {number} follows item {highest}", "number-gap"
    else:
        return None
    return Diagnostic(code=code, message=message, line=row.line, page=row.page)


def _group_rows(layout: Layout, name: str) -> tuple[list[_Group], list[Diagnostic]]:
    """Group body rows under their numbered rows, checking the numbering."""
    groups: list[_Group] = []
    diagnostics: list[Diagnostic] = []
    first_line: dict[int, int] = {}
    highest = 0
    for row in layout.rows:
        identifier = plain_text(row.cells[layout.identifier_index].text)
        if not identifier:
            if row.is_blank:
                diagnostics.append(Diagnostic(code="empty-row", message="a row with no text in any cell; skipped",
                                              line=row.line, page=row.page))
            elif not groups:
                raise OrphanContinuationError("continuation row (empty number cell) before any numbered row",
                                              file=name, line=row.line, page=row.page)
            else:
                groups[-1].rows.append(row)
            continue
        if not _INTEGER.fullmatch(identifier):
            shown = identifier if len(identifier) <= 40 else identifier[:40] + "…"
            problem = "has more than 9 digits" if _DIGITS.fullmatch(identifier) else "is not an integer"
            raise ItemNumberError(f"item number {shown!r} {problem}", file=name, line=row.line, page=row.page)
        number = int(identifier.rstrip("."))
        if number in first_line:
            raise DuplicateItemError(f"item number {number} occurs twice (first on line {first_line[number]})",
                                     file=name, line=row.line, page=row.page)
        if groups:
            note = _numbering_note(number, groups[-1].number, highest, row)
            if note:
                diagnostics.append(note)
        highest = max(number, highest)
        first_line[number] = row.line
        groups.append(_Group(identifier, number, [row]))
    return groups, diagnostics


def _inheritable(columns: tuple[Column, ...], identifier_index: int) -> tuple[str, ...]:
    """Columns that may inherit a vertically merged cell: all after the first content column."""
    content = [column.key for index, column in enumerate(columns) if index != identifier_index]
    return tuple(content[1:])


def stitch_rows(layout: Layout, name: str) -> Stitched:
    groups, diagnostics = _group_rows(layout, name)
    keyed = [(i, c) for i, c in enumerate(layout.columns) if i != layout.identifier_index]
    inheritable = _inheritable(layout.columns, layout.identifier_index)
    labels = {column.key: column.label or column.key for column in layout.columns}
    logical: list[LogicalRow] = []
    for group in groups:
        number, rows = group.number, group.rows
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
                origin = previous.cells[key].inherited_from or previous.number
                cells[key] = CellSource(previous.cells[key].fragments, origin)
            origins = sorted({cells[key].inherited_from for key in inheritable if cells[key].inherited_from})
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
        logical.append(LogicalRow(number, group.identifier, tuple(rows), cells))
    diagnostics.sort(key=lambda d: d.line or 0)
    return Stitched(tuple(logical), tuple(diagnostics))


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
