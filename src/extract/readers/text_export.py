"""Text export to raw rows: one tab-separated line per table row.

Pages: the export starts every page with a blank line, so once the table has
begun (at the first line with two tab-separated cells of text), each run of
blank lines starts a new page. Lines before the table (the title) are on page 1. A line of nothing
but tabs is an empty table row, not a page break.
"""

from __future__ import annotations

import hashlib
import re

from extract.errors import EntityError
from extract.limits import Limits
from extract.readers.decode import decode_bytes
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def read(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Split a text export into raw rows, each cell knowing its line and page (``limits``: the
    registry's size check is all a text export needs)."""
    decoded = decode_bytes(data, name)
    rows: list[RawRow] = []
    page = 1
    table_started = False
    pending_break = False
    for number, line in enumerate(_LINE_BREAK.split(decoded.text), start=1):
        if not line.strip() and "\t" not in line:
            pending_break = pending_break or table_started
            continue
        if pending_break:
            page += 1
            pending_break = False
        if "<!" in line and _ENTITY.search(line):
            raise EntityError("an <!ENTITY declaration in a cell: entity declarations are not read", file=name,
                              line=number, page=page)
        cells = tuple(RawCell(text, number, page) for text in line.split("\t"))
        row = RawRow(cells, number, page)
        # The table starts at a row with two cells of text: a title with trailing tabs is not one.
        table_started = table_started or sum(1 for cell in cells if cell.text.strip()) >= 2
        rows.append(row)
    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="text",
        encoding=decoded.encoding,
        page_count=page,
    )
    return RawDocument(name, source, tuple(rows), decoded.diagnostics)
