"""The raw rows every ingester hands to the layout stage.

Nothing downstream needs to know which ingester ran: a text export and a PDF
both become a ``RawDocument`` of ``RawRow``s of ``RawCell``s, each cell knowing
where it came from.
"""

from __future__ import annotations

from typing import NamedTuple

from schema import BBox, Diagnostic


class RawCell(NamedTuple):
    """One cell as the source holds it: an HTML fragment or plain text."""

    text: str
    line: int
    page: int
    bbox: BBox | None = None


class RawRow(NamedTuple):
    """One source row: a tab-separated line, or a lone line of text (one cell)."""

    cells: tuple[RawCell, ...]
    line: int
    page: int

    @property
    def is_tabular(self) -> bool:
        return len(self.cells) > 1

    @property
    def is_blank(self) -> bool:
        return all(not cell.text.strip() for cell in self.cells)


class SourceInfo(NamedTuple):
    """What the source file is: its bare name, digest, format, encoding and page count."""

    file: str
    sha256: str
    format: str
    encoding: str | None
    page_count: int


class RawDocument(NamedTuple):
    """Every non-blank row of the source, in order, with what was detected on reading."""

    name: str
    """The file as the caller named it, for error messages (``source.file`` is its bare name)."""
    source: SourceInfo
    rows: tuple[RawRow, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
