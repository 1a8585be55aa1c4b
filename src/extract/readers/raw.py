"""The raw rows every reader hands to the table stage, and the contract a reader meets.

Nothing downstream knows which reader ran: a text export and a PDF both become a
``RawDocument`` of ``RawRow``s of ``RawCell``s. The contract every reader meets:

- **Rows in document order.** One ``RawRow`` per table row as the source draws it
  (header rows and repeated headers included: the table stage recognises them),
  and one single-cell row per line or block of text outside the table (the title,
  footers): the table stage keeps the first as the title and reports the others.
  A row cut by a page break is two raw rows, one on each page.
- **Cells are fragments.** A cell's ``text`` is an HTML fragment or plain text
  (``extract.fragments`` reads both): paragraphs as ``<p>`` (or, in plain text,
  runs of two or more spaces apart), list items as ``<li>`` or lines opening with
  a bullet glyph (``fragments.BULLETS``). A cell that a merged cell spans is
  empty, as the text export leaves it.
- **A continuation fragment is written as the page shows it.** The part of a row
  on the next page is a row whose identifier cell is empty; each of its cells
  holds just the text on that page. A sentence carried over starts as loose text
  or a paragraph; a list item carried over starts as loose text or a first
  ``<li>``; a page that breaks straight after a bullet leaves the bullet (or an
  empty ``<li>``) as the last thing in the fragment before. The reader never
  joins across pages: ``extract.stitch`` does, by one rule for every reader.
- **Merged cells.** A cell covered by a merged cell above it is empty and, where
  the source says so, marked ``merged``: a row whose identifier cell is merged is
  a sub-row of the item above (``extract.table.rows``), not a continuation.
- **Tables.** Several tables follow one another in the rows; text between them
  (a heading) is one-cell rows, and a table's header row starts it. Where the
  source draws tables apart (a PDF's ruled grids), ``RawRow.region`` numbers them.
- **Provenance.** Every cell knows its ``line`` (the source line; in a PDF the
  row's ordinal in the document), its 1-based ``page`` and, where the source has
  geometry, its ``bbox`` in PDF points; where the source holds tables as tables
  (Word, HTML), its ``position``: table, row and grid column, from 1.
- **The source.** ``SourceInfo.file`` is ``source_file_name(name)``; ``format``
  is the reader's name in the registry (``extract.readers``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from schema import BBox, Diagnostic, Position


class RawCell(NamedTuple):
    """One cell as the source holds it: an HTML fragment or plain text."""

    text: str
    line: int
    page: int
    bbox: BBox | None = None
    merged: bool = False
    """Covered by a merged cell above it (the lower part of a vertically merged cell), where the source
    says so (a ruled PDF's grid, a DOCX ``vMerge``, an HTML ``rowspan``); its text is then empty."""
    lead: float | None = None
    """Where the source is laid out (a PDF): the width the cell's first word needs at the end of a line,
    a space before it included, in points."""
    room: float | None = None
    """Where the source is laid out: the room left at the end of the cell's last line, in points. A
    page break whose next fragment's first word would not have fitted there wrapped a paragraph."""
    position: Position | None = None
    """Where the source holds its tables as tables (a Word file, a web page): the table, row and grid
    column the cell was read from."""


class RawRow(NamedTuple):
    """One source row: a tab-separated line, or a lone line of text (one cell)."""

    cells: tuple[RawCell, ...]
    line: int
    page: int
    region: int = 0
    """Which of the source's tables the row was drawn in, where the source tells them apart (a PDF's
    ruled grids, counted through the document): a new region is a new table unless its header repeats."""
    marks_merges: bool = False
    """The source says which cells are merged (a Word or web table): an empty cell is empty, never
    taken for a merged one by the text export's guess."""

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


_FOLDER_SEPARATOR = re.compile(r"[\\/]")


def source_file_name(name: str) -> str:
    """``source.file`` for an input named ``name``: its bare file name, whichever separator
    its folders use ("C:\\reports\\x.pdf", "a/b.txt" and "x\\" give "x.pdf", "b.txt" and "x").
    A name with no file name in it at all (empty, or only separators) gives ``"<input>"``; bytes of
    the name that are no UTF-8 are U+FFFD."""
    parts = [part for part in _FOLDER_SEPARATOR.split(name) if part]
    return _valid_text(parts[-1]) if parts else "<input>"


def _valid_text(name: str) -> str:
    """A file name as text every output can hold: bytes that were no UTF-8 (a name from a folder in
    another encoding, held by Python as lone surrogates) as U+FFFD."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")
