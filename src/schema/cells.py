"""The values a report holds by the hundred thousand: cells, their blocks, and their provenance.

Each is a slotted pydantic dataclass: validated like the models, but a few dozen bytes instead
of a model's several hundred (no per-instance ``__dict__`` or fields-set). Each is decorated with
``dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)`` (spelt out, so that type
checkers see the dataclass).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass

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
class Position:
    """Where a cell sits in a source that holds its tables as tables (a Word file, a web page)."""

    table: int = Field(ge=1, description="The source's table, from 1, in document order (a table nested in a "
                       "cell is part of that cell and not counted; a web page's layout table is not counted, the "
                       "tables it lays out are).")
    row: int = Field(ge=1, description="The table's row, from 1, counting every row the source holds (header "
                     "rows and empty rows too; a web page's <tfoot> rows last, where they are read).")
    column: int = Field(ge=1, description="The grid column, from 1 (a merged cell's first column; columns a row "
                        "skips before its first cell counted).")


@dataclass(frozen=True, slots=True, kw_only=True, config=_VALUE)
class Provenance:
    """Where one source fragment of a cell came from, and how it was joined."""

    line: int = Field(ge=1, description="Source line (text export, web page, spreadsheet text) or the row's "
                      "ordinal in the document (PDF, Word file), from 1.")
    page: int = Field(ge=1, description="Page of the original document, from 1. A Word file stores no pages: "
                      "counted from the page breaks Word recorded when it last laid the document out (1 where it "
                      "never did); a web page and spreadsheet text are one page.")
    join: Join
    bbox: BBox | None = Field(default=None, description="The fragment's box on the page (PDF); null elsewhere.")
    position: Position | None = Field(default=None, description="The table, row and grid column the fragment "
                                      "was read from (Word file, web page); null elsewhere.")


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
