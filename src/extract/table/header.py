"""The table's header: its label rows, its columns, and how a repeated header is recognised.

The header is the block of label-only rows that opens the table: its last row
holds the column labels and any rows above it hold group labels. A label that
sits in a group row above an empty column-row cell ("No." on page 1 of the
HQIP report) is a vertically merged column label. Repeated headers on later
pages are recognised by their labels in order, wherever their cells stand.
A layout profile (``extract.profile``) may name the labels' keys and the
identifier column; it must fit the header it is applied to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from extract.errors import ProfileError
from extract.fragments import is_blank, plain_text
from extract.profile import Profile
from extract.readers.raw import RawCell, RawRow
from extract.table.identifiers import is_identifier_label, read_identifier
from schema import Column

#: The most rows a header block has.
MAX_HEADER_ROWS = 3
_MAX_LABEL_WORDS = 8

#: Keys a record has of its own: a column may not take them.
RESERVED_KEYS = frozenset({"id", "part", "section", "status", "audiences", "pages", "lines"})


class Header(NamedTuple):
    """The table's header as first printed: its columns, and the labels that recognise its repeats."""

    columns: tuple[Column, ...]
    column_labels: tuple[str, ...]
    """Normalised non-empty labels of the column row, without merged labels."""
    group_labels: tuple[str, ...]
    merged_labels: frozenset[str]

    def repeats(self, row: RawRow) -> str | None:
        """Which header row ``row`` repeats ("columns" or "groups"), in any cell positions; else None.

        Merged labels and the identifier's label ("No.") are left out of the comparison:
        they stand in the group row on some pages and in the column row on others.
        """
        labels = _labels(row.cells, self.merged_labels)
        if not labels:
            return None
        if labels == self.column_labels:
            return "columns"
        return "groups" if labels == self.group_labels else None


def _norm(text: str) -> str:
    return plain_text(text).casefold()


def _labels(cells: Sequence[RawCell] | Sequence[str], merged: frozenset[str]) -> tuple[str, ...]:
    """Normalised non-empty labels, without merged and identifier labels."""
    texts = (_norm(c if isinstance(c, str) else c.text) for c in cells)
    return tuple(t for t in texts if t and t not in merged and not is_identifier_label(t))


def _is_label(text: str, *, first: bool) -> bool:
    """A header label: short, and not an item number ("R4" or "(a)" only count in the first cell,
    so labels such as "Q1" or "Year 2" further along stay labels)."""
    text = plain_text(text)
    if not text:
        return True
    identifier = read_identifier(text)
    looks_like_data = identifier is not None and (first or set(identifier.scheme) <= set("9."))
    return not looks_like_data and len(text.split()) <= _MAX_LABEL_WORDS


def is_header_row(row: RawRow) -> bool:
    """A row of labels only: two or more cells, some text, none of it data."""
    return (
        row.is_tabular
        and not row.is_blank
        and all(_is_label(cell.text, first=index == 0) for index, cell in enumerate(row.cells))
    )


def _unique_key(key: str, taken: set[str]) -> str:
    """``key``, or ``key_2``, ``key_3`` … where it is taken (by another column or a record's own field)."""
    if key not in taken:
        return key
    number = 2
    while f"{key}_{number}" in taken:
        number += 1
    return f"{key}_{number}"


def column_key(label: str) -> str:
    """snake_case of a header label ("Target audience" is ``target_audience``); the identifier
    column's key is ``number`` whatever its label (``identifier_key``)."""
    key = re.sub(r"[^a-z0-9]+", "_", plain_text(label).casefold()).strip("_")
    if key and key[0].isdigit():
        key = f"column_{key}"
    return key


def identifier_key(columns: tuple[Column, ...], index: int | None) -> tuple[Column, ...]:
    """The columns with the identifier column's key ``number``."""
    if index is None or columns[index].key == "number":
        return columns
    return tuple(column.model_copy(update={"key": "number"}) if i == index else column
                 for i, column in enumerate(columns))


def build_header(block: list[RawRow], profile: Profile) -> Header:
    """The columns of a header block: keys from the labels (or the profile), groups from the rows above."""
    width = max(len(row.cells) for row in block)
    grid = [[plain_text(cell.text) for cell in row.cells] + [""] * (width - len(row.cells)) for row in block]
    column_row, group_rows = grid[-1], grid[:-1]
    lowest_group = group_rows[-1] if group_rows else [""] * width
    columns: list[Column] = []
    merged: set[str] = set()
    group: str | None = None
    taken: set[str] = {*RESERVED_KEYS, "number", *profile.labels.values()}
    for index in range(width):
        label = column_row[index]
        own_group: str | None
        if not label:
            label = next((row[index] for row in reversed(group_rows) if row[index]), "")
            if label:
                merged.add(_norm(label))
                group = None
            own_group = None
        else:
            if lowest_group[index]:
                group = lowest_group[index]
            own_group = group
        if label in profile.labels:
            key = profile.labels[label]
        elif profile.identifier is not None and label == profile.identifier:
            key = "number"
        else:
            key = _unique_key(column_key(label) or f"column_{index + 1}", taken)
        taken.add(key)
        columns.append(Column(key=key, label=label, group=own_group))
    frozen = frozenset(merged)
    return Header(tuple(columns), _labels(column_row, frozen), _labels(lowest_group, frozen), frozen)


def header_block(candidates: tuple[RawRow, ...]) -> list[RawRow]:
    """The label rows that open the table, up to the first row that completes the labels.

    Group rows span several columns and leave cells empty; the column row labels
    every column, by itself or with a vertically merged label above it.
    """
    block: list[RawRow] = []
    labelled: set[int] = set()
    for row in candidates:
        if not is_header_row(row):
            break
        block.append(row)
        own = {i for i, cell in enumerate(row.cells) if not is_blank(cell.text)}
        width = len(row.cells)
        if len(own | {i for i in labelled if i < width}) == width:
            break
        labelled |= own
    return block


def check_profile(header: Header, block: list[RawRow], profile: Profile, name: str) -> None:
    """A profile must fit the document: every label and key it names must be in the header."""
    labels = [column.label for column in header.columns]
    keys = [column.key for column in header.columns]
    named = [*profile.labels, *([profile.identifier] if profile.identifier is not None else [])]
    missing = [label for label in named if label not in labels]
    if missing:
        raise ProfileError(
            f"the profile names the header label {missing[0]!r}, which the header lacks "
            f"(it has {', '.join(map(repr, labels))})", file=name, line=block[-1].line, page=block[-1].page)
    unknown = [key for key in profile.inherit or () if key not in keys or key == "number"]
    if unknown:
        raise ProfileError(
            f"the profile lets column {unknown[0]!r} inherit merged cells, but the columns that may are "
            f"{', '.join(k for k in keys if k != 'number')}", file=name, line=block[-1].line, page=block[-1].page)
    clashes = [key for key in profile.labels.values() if list(profile.labels.values()).count(key) > 1]
    if clashes:
        raise ProfileError(f"the profile maps two labels to the key {clashes[0]!r}", file=name,
                           line=block[-1].line, page=block[-1].page)
