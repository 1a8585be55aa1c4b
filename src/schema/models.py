"""The report's data model: what report-extract emits and what readers load back.

Every model forbids unknown fields and is frozen (fields cannot be reassigned),
so a value read back with ``Report.model_validate_json`` is exactly what was written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from schema.cells import Cell
from schema.resolve import Resolution, Resolver

SCHEMA_VERSION: Final = "3.0"
"""1.1: ``commitments`` added. 2.0: ``tables`` (each with its heading, pages, columns and rows)
replace the report's ``columns`` and ``recommendations``; rows gain ``part`` and ``section`` and
may have no identifier; commitments name their ``table`` and ``row``. 2.1: ``source.format``
adds ``"docx"``, ``"html"`` and ``"delimited"``. 3.0: provenance gains ``position`` (a Word or
web table's table, row and column); rows gain ``status``, so a column keyed ``status`` is now
``status_2``."""

#: The cells of a recommendation, in table order.
RECOMMENDATION_CELLS = ("recommendation", "target_audience", "action_taken", "next_steps")

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


#: One ``__pydantic_fields_set__`` per distinct set of field names, shared by every instance with
#: those names (bounded, so that arbitrary column keys cannot grow it without end).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_MAX_FIELDS_SETS = 1024


class _SharedFieldsSet(BaseModel):
    """A frozen model whose fields-set is shared with every other instance that set the same fields.

    Pydantic keeps, on each instance, a ``set`` of the field names it was given: 728 bytes for a
    row's 5 to 9 names, a third of a short row's memory (pydantic/pydantic#12924 would store it as
    bits). The models are frozen, and pydantic writes to the set only on attribute assignment, so
    one set per distinct set of names serves every instance; ``model_copy`` copies it first.
    """

    def model_post_init(self, context: Any, /) -> None:
        fields = self.__pydantic_fields_set__
        key = frozenset(fields)
        shared = _FIELDS_SETS.get(key)
        if shared is None and len(_FIELDS_SETS) < _MAX_FIELDS_SETS:
            shared = _FIELDS_SETS[key] = fields
        if shared is not None and shared is not fields:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


class _Model(_SharedFieldsSet):
    model_config = ConfigDict(extra="forbid", frozen=True)


_PART = ("Where the identifier cell spans several sub-rows (one drug, one outbreak each), the sub-row's "
         "place under it, from 1; null otherwise.")
_SECTION = "The section row (a label spanning the table, such as 'Rail') that the row stands under, if any."


def _ascending(value: list[int]) -> list[int]:
    if not value or sorted(set(value)) != value or value[0] < 1:
        raise ValueError(f"must be a non-empty ascending list of positive numbers, got {value}")
    return value


StatusValue = Literal["no_further_action", "rejected", "implemented", "in_progress", "under_consideration",
                      "accepted_in_part", "accepted_in_principle", "accepted", "noted"]


class Status(_Model):
    """The response's status as the row states it, in a small fixed vocabulary, with its wording."""

    value: StatusValue = Field(description="The status: the most advanced stage the wording states "
                               "('Accepted and implemented' is 'implemented').")
    phrase: str = Field(min_length=1, description="The wording as written: a status cell's text ('Accepted in "
                        "part', 'Yes' under 'Accepted?'), or the sentence of a response that states it ('The "
                        "Government accepts this recommendation.').")
    field: str = Field(description="The key of the column it was read from: the last status column that states "
                       "one, else the first response column that does.")


_STATUS = "The response's status, where a status or response column states one (see Status); else null."


class Recommendation(_Model):
    """One logical row of a table with this report's columns: a recommendation and the response to it."""

    number: int | None = Field(ge=0, description="The identifier as an integer, or null where it is not one.")
    id: str | None = Field(description="The identifier as printed in the identifier column, or null where "
                           "the row has none.")
    part: int | None = Field(ge=1, description=_PART)
    section: str | None = Field(description=_SECTION)
    status: Status | None = Field(default=None, description=_STATUS)
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


class Record(_SharedFieldsSet):
    """One logical row of a table with other columns: its cells stand under their column keys."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Cell]

    number: int | None = Field(ge=0, description="The identifier as an integer, or null where it is not one.")
    id: str | None = Field(description="The identifier as printed, or null where the row has none.")
    part: int | None = Field(ge=1, description=_PART)
    section: str | None = Field(description=_SECTION)
    status: Status | None = Field(default=None, description=_STATUS)
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
    format: Literal["text", "pdf", "docx", "html", "delimited"]
    encoding: str | None = Field(description="The text encoding the file was read with; null for a PDF or a Word file.")
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
    """Something the parser dealt with that a reader should check."""
    INFO = "info"
    """A choice the parser made that needs no checking, said for the record (which column numbers the rows)."""


class Diagnostic(_Model):
    """Something the parser noticed and dealt with, pointing at the source."""

    code: str = Field(description="Stable kebab-case code, e.g. 'inherited-cells'.")
    severity: Severity = Severity.WARNING
    message: str
    line: int | None = Field(default=None, ge=1)
    page: int | None = Field(default=None, ge=1)


class Commitment(_Model):
    """A date phrase in a response cell: what was promised (or reported done) for when."""

    table: int = Field(ge=0, description="The table the row is in: its index in ``tables``, from 0.")
    row: int = Field(ge=0, description="The row: its index in the table's ``rows``, from 0.")
    item: int | None = Field(description="The row's number, or null where its identifier is not an integer.")
    id: str | None = Field(description="The row's identifier as printed, or null where it has none.")
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


Row = Annotated[Recommendation | Record, Field(union_mode="left_to_right")]


class Table(_Model):
    """One table of the document: what stands above it, where it is, its columns and its rows."""

    heading: str | None = Field(description="The heading or line of text just above the table, if any.")
    pages: list[int] = Field(description="Pages the table spans in the original.")
    columns: list[Column]
    rows: list[Row] = Field(
        description="Every row, in document order: a Recommendation where the table has this report's "
        "columns, a Record (cells under their own column keys) otherwise."
    )

    @field_validator("pages")
    @classmethod
    def _ascending(cls, value: list[int]) -> list[int]:
        return _ascending(value)


class Report(_Model):
    """A parsed recommendations-and-responses report."""

    schema_version: Literal["3.0"] = SCHEMA_VERSION
    title: str | None = Field(description="The document's title: the first text above its first table, "
                              "without markup.")
    report: ReportInfo
    source: Source
    tables: list[Table] = Field(description="Every table of the document, in document order.")
    commitments: list[Commitment] = Field(
        description="Date phrases in the response cells (every cell but the recommendation and the audience), "
        "in table, row and column order: a timeline of what was promised."
    )
    diagnostics: list[Diagnostic]

    @model_validator(mode="after")
    def _commitments_point_into_the_tables(self) -> Report:
        for commitment in self.commitments:
            where = f"table {commitment.table} row {commitment.row}"
            if commitment.table >= len(self.tables) or commitment.row >= len(self.tables[commitment.table].rows):
                raise ValueError(f"commitment {commitment.phrase!r} points at {where}, which is not in the report")
            rec = self.tables[commitment.table].rows[commitment.row]
            if rec.id != commitment.id:
                raise ValueError(f"commitment {commitment.phrase!r} names item {commitment.id!r}, but {where} "
                                 f"is item {rec.id!r}")
            cell = rec.cells().get(commitment.field)
            if cell is None:
                raise ValueError(f"commitment {commitment.phrase!r} points at {where} field "
                                 f"{commitment.field!r}, which is not in the table")
            if cell.text[commitment.offset:commitment.offset + len(commitment.phrase)] != commitment.phrase:
                raise ValueError(f"commitment {commitment.phrase!r} is not at offset {commitment.offset} "
                                 f"of {where} {commitment.field}")
        return self

    @property
    def recommendations(self) -> list[Recommendation | Record]:
        """Every row of every table, in document order (``records`` is the same list)."""
        return [row for table in self.tables for row in table.rows]

    @property
    def records(self) -> list[Recommendation | Record]:
        """Every row of every table, in document order; each has ``number``, ``id`` and ``cells()``."""
        return self.recommendations

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
        bare = [table.model_copy(update={"rows": []}) for table in self.tables]
        empty = serialize(self.model_copy(update={"tables": bare}), indent=indent)
        marker = b'"rows": []' if indent else b'"rows":[]'
        # Raw newlines and quoted keys occur in JSON only as structure (a row's own keys are not
        # in ``empty``), so the marker occurs once per table, in order.
        parts = empty.split(marker)
        # Rows stand four levels deep: report, tables, table, rows.
        inner = b"\n" + b" " * (4 * indent) if indent else b""
        for table, part in zip(self.tables, parts, strict=False):
            yield part + marker[:-1]
            for index, row in enumerate(table.rows):
                text = row.__pydantic_serializer__.to_json(row, indent=indent)
                yield (b"," if index else b"") + inner + (text.replace(b"\n", inner) if indent else text)
            yield (b"\n" + b" " * (3 * indent) if table.rows and indent else b"") + b"]"
        yield parts[-1] + b"\n"
