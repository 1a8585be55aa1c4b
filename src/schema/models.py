"""The report's data model: what report-extract emits and what readers load back.

Every model forbids unknown fields and is frozen (fields cannot be reassigned),
so a value read back with ``Report.model_validate_json`` is exactly what was written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass

from schema.resolve import Resolution, Resolver

SCHEMA_VERSION: Final = "1.1"
"""1.1: ``commitments`` added."""

#: The cells of a recommendation, in table order.
RECOMMENDATION_CELLS = ("recommendation", "target_audience", "action_taken", "next_steps")

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: The values a report holds by the hundred thousand (cells, blocks, provenance) are slotted
#: pydantic dataclasses: validated like the models, but each a few dozen bytes instead of a
#: model's several hundred (no per-instance ``__dict__`` or fields-set).
#: Each is decorated with ``dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)`` (spelt
#: out, so that type checkers see the dataclass).
_VALUE = ConfigDict(extra="forbid")


class Join(str, Enum):
    """How a source fragment was joined to the cell text before it."""

    START = "start"
    """The first fragment of the cell."""
    CARRIED_SENTENCE = "carried_sentence"
    """Carried a sentence on: appended to the last paragraph with one space."""
    CARRIED_LIST_ITEM = "carried_list_item"
    """Carried a sentence on: appended to the last list item with one space."""
    CONTINUED_LIST = "continued_list"
    """Added further items to the list the text before it ended with."""
    NEW_BLOCK = "new_block"
    """Started a new paragraph (or list) after the text before it."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class BBox:
    """A box on a PDF page, in PDF points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class Provenance:
    """Where one source fragment of a cell came from, and how it was joined."""

    line: int = Field(ge=1, description="Source line (text) or row index (PDF), from 1.")
    page: int = Field(ge=1, description="Page of the original document, from 1.")
    join: Join
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class Paragraph:
    """A paragraph of a cell's text (non-empty and trimmed)."""

    type: Literal["paragraph"] = "paragraph"
    text: str

    @field_validator("text")
    @classmethod
    def _clean_text(cls, value: str) -> str:
        if not value or value != value.strip():
            raise ValueError(f"paragraph text must be non-empty and trimmed, got {value!r}")
        return value


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class ListBlock:
    """A list in a cell (bulleted or numbered): its items' text, in order."""

    type: Literal["list"] = "list"
    items: list[str]

    @field_validator("items")
    @classmethod
    def _clean_items(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("a list needs at least one item, got []")
        for item in value:
            if not item or item != item.strip():
                raise ValueError(f"list items must be non-empty and trimmed, got {item!r}")
        return value


Block = Annotated[Paragraph | ListBlock, Field(discriminator="type")]


def render_blocks(blocks: list[Paragraph | ListBlock] | tuple[Paragraph | ListBlock, ...]) -> str:
    """The plain text of blocks: one blank line between blocks, list items as '- item'."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.append("\n".join(f"- {item}" for item in block.items))
    return "\n\n".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class Cell:
    """One table cell after page-break stitching and rich-text parsing."""

    text: str = Field(description="Plain text: blocks joined by a blank line, list items as '- item'.")
    blocks: list[Block]
    references: list[int | str] = Field(
        description="Items this cell points to, in order of mention: item numbers, or identifiers such as 'R4'."
    )
    inherited_from: int | str | None = Field(
        default=None,
        description="Item whose (vertically merged) cell this cell repeats: its number, or its id where it has none.",
    )
    provenance: list[Provenance]

    @model_validator(mode="after")
    def _text_matches_blocks(self) -> Cell:
        expected = render_blocks(self.blocks)
        if self.text != expected:
            raise ValueError(f"text {self.text!r} does not match its blocks, expected {expected!r}")
        return self


def _ascending(value: list[int]) -> list[int]:
    if not value or sorted(set(value)) != value or value[0] < 1:
        raise ValueError(f"must be a non-empty ascending list of positive numbers, got {value}")
    return value


class Recommendation(_Model):
    """One logical row of a table with this report's columns: a recommendation and the response to it."""

    number: int | None = Field(ge=0, description="The identifier as an integer, or null where it is not one.")
    id: str = Field(description="The identifier as printed in the No. column.")
    recommendation: Cell
    target_audience: Cell
    action_taken: Cell
    next_steps: Cell
    audiences: list[str] = Field(description="Target audience split into single audiences.")
    pages: list[int] = Field(description="Pages the row spans in the original.")
    lines: list[int] = Field(description="Source lines (or PDF rows) that make up the row.")

    @field_validator("pages", "lines")
    @classmethod
    def _ascending(cls, value: list[int]) -> list[int]:
        return _ascending(value)

    def cells(self) -> dict[str, Cell]:
        """The row's cells by column key, as for any record."""
        return {key: getattr(self, key) for key in RECOMMENDATION_CELLS}


class Record(BaseModel):
    """One logical row of a table with other columns: its cells stand under their column keys."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Cell]

    number: int | None = Field(ge=0, description="The identifier as an integer, or null where it is not one.")
    id: str = Field(description="The identifier as printed.")
    audiences: list[str] = Field(description="The audience column split into single audiences, if there is one.")
    pages: list[int] = Field(description="Pages the row spans in the original.")
    lines: list[int] = Field(description="Source lines (or PDF rows) that make up the row.")

    @field_validator("pages", "lines")
    @classmethod
    def _ascending(cls, value: list[int]) -> list[int]:
        return _ascending(value)

    @model_validator(mode="after")
    def _cell_keys(self) -> Record:
        for key in self.__pydantic_extra__ or {}:
            if not _SNAKE_CASE.fullmatch(key):
                raise ValueError(f"cell keys must be snake_case column keys, got {key!r}")
        if not self.__pydantic_extra__:
            raise ValueError("a record needs at least one cell, got none")
        return self

    def cells(self) -> dict[str, Cell]:
        """The row's cells by column key."""
        return dict(self.__pydantic_extra__ or {})


class Column(_Model):
    """A column of the table: its key in the output, and its label and group label as printed."""

    key: str = Field(description="snake_case field name of the column.")
    label: str = Field(description="The header label as printed.")
    group: str | None = Field(description="The group-header label above the column, if any.")

    @field_validator("key")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _SNAKE_CASE.fullmatch(value):
            raise ValueError(f"column key must be snake_case, got {value!r}")
        return value


class Source(_Model):
    """The file the report was parsed from."""

    file: str = Field(description="File name, without its folder.")
    sha256: str
    format: Literal["text", "pdf"]
    encoding: str | None = Field(description="The text encoding the file was read with; null for a PDF.")
    page_count: int = Field(ge=1)

    @field_validator("file")
    @classmethod
    def _bare_name(cls, value: str) -> str:
        if "/" in value or "\\" in value:
            raise ValueError(f"file must be a bare file name, got {value!r}")
        return value

    @field_validator("sha256")
    @classmethod
    def _hex_digest(cls, value: str) -> str:
        if not _SHA256.fullmatch(value):
            raise ValueError(f"sha256 must be 64 lower-case hex digits, got {value!r}")
        return value


class ReportInfo(_Model):
    """What the title line says about the report being responded to."""

    responder: str | None = None
    title: str | None = None
    published: dt.date | None = None


class Severity(str, Enum):
    WARNING = "warning"


class Diagnostic(_Model):
    """Something the parser noticed and dealt with, pointing at the source."""

    code: str = Field(description="Stable kebab-case code, e.g. 'inherited-cells'.")
    severity: Severity = Severity.WARNING
    message: str
    line: int | None = Field(default=None, ge=1)
    page: int | None = Field(default=None, ge=1)


class Commitment(_Model):
    """A date phrase in a response cell: what was promised (or reported done) for when."""

    item: int | None = Field(description="The row's number, or null where its identifier is not an integer.")
    id: str = Field(description="The row's identifier as printed.")
    field: str = Field(description="The column key of the cell the phrase is in.")
    phrase: str = Field(description="The phrase as written, with the preposition before it ('in early 2015').")
    offset: int = Field(ge=0, description="Where the phrase starts in the cell's text.")
    start: dt.date = Field(description="First day of the range the phrase means.")
    end: dt.date = Field(description="Last day of the range the phrase means (inclusive).")
    tense: Literal["future", "past"] = Field(
        description="Relative to the report's publication: future where the range starts on or after it, "
        "past where it ends before it; a range around it follows the wording of its sentence."
    )
    inherited_from: int | str | None = Field(
        default=None, description="Set where the cell is a vertically merged cell repeated from this item."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Commitment:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Report(_Model):
    """A parsed recommendations-and-responses report."""

    schema_version: Literal["1.1"] = SCHEMA_VERSION
    title: str | None = Field(description="The document's title line, without markup.")
    report: ReportInfo
    source: Source
    columns: list[Column]
    recommendations: list[Annotated[Recommendation | Record, Field(union_mode="left_to_right")]] = Field(
        description="Every row, in document order: a Recommendation where the table has this report's "
        "columns, a Record (cells under their own column keys) otherwise."
    )
    commitments: list[Commitment] = Field(
        description="Date phrases in the response cells (every cell but the recommendation and the audience), "
        "in row and column order: a timeline of what was promised."
    )
    diagnostics: list[Diagnostic]

    @model_validator(mode="after")
    def _unique_identifiers(self) -> Report:
        ids: set[str] = set()
        numbers: set[int] = set()
        for rec in self.recommendations:
            if rec.id in ids:
                raise ValueError(f"recommendation id {rec.id!r} occurs twice")
            if rec.number in numbers:
                raise ValueError(f"recommendation number {rec.number} occurs twice")
            ids.add(rec.id)
            if rec.number is not None:
                numbers.add(rec.number)
        return self

    @model_validator(mode="after")
    def _commitments_point_into_the_table(self) -> Report:
        rows = {rec.id: rec for rec in self.recommendations}
        for commitment in self.commitments:
            rec = rows.get(commitment.id)
            cell = rec.cells().get(commitment.field) if rec is not None else None
            if cell is None:
                raise ValueError(f"commitment {commitment.phrase!r} points at item {commitment.id!r} "
                                 f"field {commitment.field!r}, which is not in the table")
            if cell.text[commitment.offset:commitment.offset + len(commitment.phrase)] != commitment.phrase:
                raise ValueError(f"commitment {commitment.phrase!r} is not at offset {commitment.offset} "
                                 f"of item {commitment.id} {commitment.field}")
        return self

    @property
    def records(self) -> list[Recommendation | Record]:
        """Every row, whatever the table's columns; each has ``number``, ``id`` and ``cells()``."""
        return list(self.recommendations)

    def resolve(self, item: int | str, field: str | None = None) -> Resolution:
        """The cells that answer ``item`` (a number, or an id such as ``"R4"``), pointers followed.

        A cell whose whole text is a pointer to one item ("See response to item 7.") is followed
        to that item's same cell, through chains; any other cell answers itself. ``field`` asks
        for one cell only. An item not in the report, asked for or pointed to, raises
        ``UnknownItemError`` (a ``KeyError``); pointers in a cycle raise ``ReferenceCycleError``.
        The rules are in ``schema.resolve``; to resolve many items, use one ``schema.Resolver``.
        """
        return Resolver(self.recommendations).resolve(item, field)

    def to_json(self) -> str:
        """Deterministic JSON: UTF-8 text, indented, keys in model order, newline at the end."""
        return self.model_dump_json(indent=2) + "\n"

    def iter_json(self, *, indent: int | None = 2) -> Iterator[bytes]:
        """The report's JSON as UTF-8, in pieces of about one row each, newline at the end.

        Joined, the pieces are ``model_dump_json(indent=indent) + "\\n"`` byte for byte. Made one
        row at a time, the JSON never exists whole in memory: a large report's JSON is several
        times its source, and the serializer's buffer doubles as it grows.
        """
        serialize = self.__pydantic_serializer__.to_json
        empty = serialize(self.model_copy(update={"recommendations": []}), indent=indent)
        marker = b'"recommendations": []' if indent else b'"recommendations":[]'
        # Raw newlines and quoted keys occur in JSON only as structure, so the marker is unique.
        head, tail = empty.split(marker)
        yield head + marker[:-1]
        inner = b"\n" + b" " * (2 * indent) if indent else b""
        for index, row in enumerate(self.recommendations):
            text = row.__pydantic_serializer__.to_json(row, indent=indent)
            yield (b"," if index else b"") + inner + (text.replace(b"\n", inner) if indent else text)
        if self.recommendations and indent:
            yield b"\n" + b" " * indent
        yield b"]" + tail + b"\n"
