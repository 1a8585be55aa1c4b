"""A table's body rows, each told apart: an item, its continuation, a sub-row, a section row.

Once the identifier column is known, each body row is one of:

- an **item**: its identifier cell holds an identifier. One that is not of the table's
  shape, or that repeats, is kept as printed, with a warning; a gap or a step against the
  table's order is a warning too;
- a **continuation** of the item above: its identifier cell is empty (the rest of a row cut
  by a page break; ``extract.stitch`` joins it);
- a **part** of the item above: its identifier cell is covered by the item's (a merged
  cell over ruled sub-rows, one outbreak or one drug each): a row of its own, with the
  item's identifier and a part number;
- an **unnumbered** row: its identifier cell is empty and there is no item above it to
  continue (a row carried over from a page outside the file), or the table has no
  identifier column at all: kept, in order, with no identifier;
- a **section row**: a single label and nothing else ("Aviation", "To KiwiRail") in the
  first column or spanning the table: not a row; it sets ``section`` on the rows under it.
  Longer text alone where the identifier stands is a note across the table (the footnotes
  under it): not a row, quoted whole in a warning.
  A single placeholder ("None", "Nil", "N/A", "-") says that a section has no rows: noted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from extract.diagnostics import (
    DUPLICATE_ITEM,
    EMPTY_ROW,
    EMPTY_SECTION,
    NUMBER_GAP,
    NUMBER_ORDER,
    ODD_IDENTIFIER,
    TABLE_NOTE,
    UNNUMBERED_ROW,
    warning,
)
from extract.fragments import plain_text
from extract.readers.raw import RawRow
from extract.table.identifiers import Identifier, as_letter, read_identifier
from schema import Diagnostic

RowKind = Literal["item", "continuation", "part", "unnumbered"]

#: What a cell says where a section has no rows.
PLACEHOLDERS = frozenset({"none", "nil", "n/a", "na", "not applicable", "-", "–", "—", "none.", "nil.", "no results",
                          "no data", "no recommendations", "no entries"})
_MAX_SECTION_WORDS = 8
_SENTENCE_END = re.compile(r"[.,;:]$")


class TableRow(NamedTuple):
    """A body row of a table: what kind of row it is, its identifier, and its section."""

    row: RawRow
    kind: RowKind
    identifier: Identifier | None
    """The item's identifier (for a part, the item's); None for a continuation or an unnumbered row."""
    section: str | None


@dataclass(slots=True)
class _Numbering:
    """The table's numbering so far: direction, extremes, and the identifiers seen."""

    descending: bool | None = None
    highest: int | None = None
    lowest: int | None = None
    seen: dict[str, int] = field(default_factory=dict)
    previous: Identifier | None = None

    def note(self, current: Identifier, row: RawRow) -> tuple[Identifier, Diagnostic | None]:
        """The identifier as read in its place ("(i)" after "(h)" is a letter), and a warning where it
        breaks the table's order or leaves a gap; updates the extremes."""
        previous, note = self.previous, None
        if previous is not None and previous.scheme == current.scheme:
            current = as_letter(current, previous)
            if self.descending is None and current.order != previous.order:
                self.descending = current.order < previous.order
            out_of_order = current.order > previous.order if self.descending else current.order < previous.order
            if out_of_order:
                note = warning(NUMBER_ORDER, f"item {current.text} comes after item {previous.text}",
                               line=row.line, page=row.page)
            elif current.order[:-1] != previous.order[:-1]:
                self.highest = self.lowest = None  # a new series ("B.1" after "A.9"): no gap to tell
            elif len(current.key) == 1 and self.highest is not None and self.lowest is not None:
                note = self._gap(current, row)
        self.previous = current
        if len(current.key) == 1:
            (value,) = current.key
            self.highest = value if self.highest is None else max(self.highest, value)
            self.lowest = value if self.lowest is None else min(self.lowest, value)
        return current, note

    def _gap(self, current: Identifier, row: RawRow) -> Diagnostic | None:
        (value,) = current.key
        edge = self.lowest if self.descending else self.highest
        assert edge is not None
        step = -1 if self.descending else 1
        if (value - edge) * step <= 1:
            return None
        missing = [edge + step, value - step]
        names = [current.show(k) for k in missing]
        what = f"item {names[0]} is" if missing[0] == missing[1] else f"items {names[0]}-{names[1]} are"
        return warning(NUMBER_GAP, f"{what} missing: item {current.text} follows item {current.show(edge)}",
                       line=row.line, page=row.page)


def _single_label(texts: Sequence[str]) -> tuple[int, str] | None:
    """The one filled cell of a row and its text, where only one cell has text."""
    filled = [(index, text) for index, text in enumerate(texts) if text]
    return filled[0] if len(filled) == 1 else None


def _is_section_label(text: str) -> bool:
    return len(text.split()) <= _MAX_SECTION_WORDS and not _SENTENCE_END.search(text)


def classify_rows(rows: Sequence[RawRow], identifier_index: int | None, scheme: str | None,
                  texts_of: Sequence[Sequence[str]] | None = None) -> tuple[list[TableRow], list[Diagnostic]]:
    """Each body row with its kind, identifier and section; rows with no text are left out with a warning.

    ``texts_of``: each row's cells' plain text, where the caller has them already."""
    out: list[TableRow] = []
    diagnostics: list[Diagnostic] = []
    numbering = _Numbering()
    section: str | None = None
    item: Identifier | None = None  # the item a continuation or a part belongs to
    in_section = 0  # rows under the current section row
    opening: Identifier | None = None  # an item whose first row was its section's label
    last_page: int | None = None
    for position, row in enumerate(rows):
        texts = texts_of[position] if texts_of is not None else [plain_text(cell.text) for cell in row.cells]
        page_top, last_page = row.page != last_page, row.page
        if not any(texts):
            diagnostics.append(warning(EMPTY_ROW, "a row with no text in any cell; skipped",
                                       line=row.line, page=row.page))
            continue
        id_text = texts[identifier_index] if identifier_index is not None else ""
        single = _single_label(texts)
        if single is not None and single[0] in (0, identifier_index) and not (
                single[0] == identifier_index and _of_scheme(single[1], scheme)):
            text = single[1]
            if text.casefold() in PLACEHOLDERS:
                diagnostics.append(warning(
                    EMPTY_SECTION, f"a row saying only {text!r}: the section {section!r} has no rows"
                    if section else f"a row saying only {text!r}, taken as no rows", line=row.line, page=row.page))
                item, in_section = None, 1  # said: not an empty section to report again
                continue
            # At the top of a page, text alone in one cell that opens in lower case goes on from the row
            # before ("on", the end of "considerati-on"); a capitalised label there is a section.
            continues = page_top and bool(out) and text[:1].islower() and (
                item is not None or identifier_index is None)
            if _is_section_label(text) and not continues:
                if section is not None and not in_section:
                    diagnostics.append(_empty_section(section, row))
                section, item, in_section = text, None, 0
                continue
            if not continues and single[0] == identifier_index and read_identifier(text) is None:
                # Prose where the identifier stands, alone in its row: a note across the table.
                diagnostics.append(warning(TABLE_NOTE, f"a note across the table, not a row: {text!r}",
                                           line=row.line, page=row.page))
                continue
        in_section += 1
        if identifier_index is None:
            lower = single is not None and single[1][:1].islower()
            kind: RowKind = "continuation" if page_top and out and lower else "unnumbered"
            out.append(TableRow(row, kind, None, section))
        elif id_text:
            identifier = read_identifier(id_text)
            if identifier is None or identifier.scheme != scheme:
                diagnostics.append(warning(
                    ODD_IDENTIFIER, f"identifier {id_text[:40]!r} is not like the table's others; "
                    "kept as printed", line=row.line, page=row.page))
                identifier = Identifier(id_text, "", (), None)
                numbering.previous = None  # no gap or order to tell across an identifier unlike the rest
            else:
                identifier, note = numbering.note(identifier, row)
                if note is not None:
                    diagnostics.append(note)
            if id_text in numbering.seen:
                diagnostics.append(warning(
                    DUPLICATE_ITEM, f"item {id_text} occurs again (first on line {numbering.seen[id_text]}); "
                    "both rows kept", line=row.line, page=row.page))
            numbering.seen.setdefault(id_text, row.line)
            item = identifier
            following = rows[position + 1] if position + 1 < len(rows) else None
            label = _spanning_label(row, texts, identifier_index)
            if label is not None and following is not None and following.cells[identifier_index].merged:
                # The item's merged cell opens with a label across the rest of the row: its section.
                section, opening, in_section = label, identifier, 0
                continue
            out.append(TableRow(row, "item", identifier, section))
        elif opening is not None and row.cells[identifier_index].merged:
            out.append(TableRow(row, "item", opening, section))
            opening = None
        elif item is not None and row.cells[identifier_index].merged:
            out.append(TableRow(row, "part", item, section))
        elif item is not None:
            out.append(TableRow(row, "continuation", None, section))
        else:
            diagnostics.append(warning(
                UNNUMBERED_ROW, "a row with no identifier and no item above it to continue (carried over from "
                "an earlier page?): kept as a row of its own", line=row.line, page=row.page))
            out.append(TableRow(row, "unnumbered", None, section))
    if section is not None and not in_section and rows:
        diagnostics.append(_empty_section(section, rows[-1]))
    return out, diagnostics


def _spanning_label(row: RawRow, texts: Sequence[str], identifier_index: int) -> str | None:
    """The label of a row whose identifier cell is followed by one label in a box across the rest of
    the row (the other cells covered by it from the left), where the source draws boxes."""
    if not any(cell.bbox for cell in row.cells):
        return None  # no boxes (a text export): nothing says a cell spans
    others = [(cell, text) for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True))
              if index != identifier_index]
    filled = [(cell, text) for cell, text in others if text]
    if len(filled) != 1 or len(others) < 2 or filled[0][0].bbox is None:
        return None
    if not all(cell.bbox is None and not cell.merged for cell, text in others if not text):
        return None
    return filled[0][1] if _is_section_label(filled[0][1]) else None


def _empty_section(section: str, row: RawRow) -> Diagnostic:
    return warning(EMPTY_SECTION, f"the section {section!r} has no rows under it", line=row.line, page=row.page)


def _of_scheme(text: str, scheme: str | None) -> bool:
    identifier = read_identifier(text)
    return identifier is not None and identifier.scheme == scheme
