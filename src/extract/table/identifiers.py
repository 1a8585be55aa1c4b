"""Item identifiers as printed ("1", "1.2", "R4", "(a)") and the numbering checks on a table's rows.

A table follows one scheme (the first identifier's); its order may run up or down.
``key`` orders identifiers within a scheme; ``number`` is the integer where the
identifier is one. Identifiers are unique; one that is not of the table's scheme
is an error; a gap, or a step against the table's own order, is a warning. A row
whose identifier cell is empty continues the numbered row before it (see
``extract.stitch``); before any numbered row it is an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from extract.diagnostics import EMPTY_ROW, NUMBER_GAP, NUMBER_ORDER, warning
from extract.errors import DuplicateItemError, ItemNumberError, OrphanContinuationError
from extract.fragments import plain_text
from extract.readers.raw import RawRow
from schema import Diagnostic

_INTEGER = re.compile(r"([0-9]{1,9})\.?")
_DOTTED = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,4}){1,3})\.?")
_PREFIXED = re.compile(r"([A-Za-z]{1,4})[ .-]?([0-9]{1,6})\.?")
_LETTER = re.compile(r"\(([a-z])\)|([a-z])[.)]")
_DIGITS = re.compile(r"[0-9]{10,}\.?")  # too many digits for an item number


class Identifier(NamedTuple):
    """An item identifier as printed in the identifier column, and how it sorts."""

    text: str
    scheme: str
    """"integer", "dotted", "letter", or "prefixed R" (the prefix, upper-cased, is part of the scheme)."""
    key: tuple[int, ...]
    number: int | None

    def show(self, key: int) -> str:
        """How this scheme prints the one-part key ``key`` (for messages about gaps)."""
        if self.scheme == "letter":
            return f"({chr(96 + key)})"
        if self.scheme.startswith("prefixed "):
            return f"{self.scheme.removeprefix('prefixed ')}{key}"
        return str(key)


def read_identifier(text: str) -> Identifier | None:
    """The identifier a No. cell holds, or None if it holds no identifier of a known scheme."""
    if match := _INTEGER.fullmatch(text):
        number = int(match[1])
        return Identifier(text, "integer", (number,), number)
    if match := _DOTTED.fullmatch(text):
        return Identifier(text, "dotted", tuple(int(part) for part in match[1].split(".")), None)
    if match := _PREFIXED.fullmatch(text):
        return Identifier(text, f"prefixed {match[1].upper()}", (int(match[2]),), None)
    if match := _LETTER.fullmatch(text):
        return Identifier(text, "letter", (ord(match[1] or match[2]) - 96,), None)
    return None


def identifier_problem(text: str, first: Identifier | None) -> str:
    """Why ``text`` is not an identifier of the table whose first identifier is ``first``."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    if _DIGITS.fullmatch(text):
        return f"item number {shown!r} has more than 9 digits"
    if first is None:
        return f"item identifier {shown!r} is not an item number (such as 1, 1.2, R4 or (a))"
    if first.scheme == "integer":
        return f"item number {shown!r} is not an integer"
    return f"item identifier {shown!r} breaks the table's numbering (like {first.text!r})"


class TableRow(NamedTuple):
    """A body row of the table and its identifier; None where the row continues the one above."""

    row: RawRow
    identifier: Identifier | None


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
            note = warning(NUMBER_ORDER, f"item {current.text} comes after item {previous.text}",
                           line=row.line, page=row.page)
        elif len(current.key) == 1:
            (value,) = current.key
            edge = self.lowest if self.descending else self.highest
            step = -1 if self.descending else 1
            if (value - edge) * step > 1:
                missing = [edge + step, value - step]
                names = [current.show(k) for k in missing]
                what = f"item {names[0]} is" if missing[0] == missing[1] else f"items {names[0]}-{names[1]} are"
                note = warning(NUMBER_GAP, f"{what} missing: item {current.text} follows item {current.show(edge)}",
                               line=row.line, page=row.page)
        if len(current.key) == 1:
            self.highest = max(self.highest, current.key[0])
            self.lowest = min(self.lowest, current.key[0])
        return note


def number_rows(rows: Sequence[RawRow], identifier_index: int, name: str) -> tuple[list[TableRow], list[Diagnostic]]:
    """Each body row with its identifier (None for a continuation row), the numbering checked;
    rows with no text at all are left out with a warning."""
    numbered: list[TableRow] = []
    diagnostics: list[Diagnostic] = []
    first_line: dict[tuple[int, ...], int] = {}
    numbering = _Numbering()
    previous: Identifier | None = None
    for row in rows:
        text = plain_text(row.cells[identifier_index].text)
        if not text:
            if row.is_blank:
                diagnostics.append(warning(EMPTY_ROW, "a row with no text in any cell; skipped",
                                           line=row.line, page=row.page))
            elif previous is None:
                raise OrphanContinuationError("continuation row (empty number cell) before any numbered row",
                                              file=name, line=row.line, page=row.page)
            else:
                numbered.append(TableRow(row, None))
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
        if previous is not None:
            note = numbering.note(identifier, previous, row)
            if note:
                diagnostics.append(note)
        else:
            numbering.first = identifier
            if len(identifier.key) == 1:
                numbering.highest = numbering.lowest = identifier.key[0]
        first_line[identifier.key] = row.line
        numbered.append(TableRow(row, identifier))
        previous = identifier
    return numbered, diagnostics
