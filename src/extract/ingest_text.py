"""Text export to raw rows: one tab-separated line per table row.

Pages: the export starts every page with a blank line, so once the table has
begun (after the first tab-separated line), each run of blank lines starts a
new page. Lines before the table (the title) are on page 1. A line of nothing
but tabs is an empty table row, not a page break.
"""

from __future__ import annotations

import hashlib
import re

from extract.decode import decode_bytes
from extract.errors import EntityError
from extract.raw import RawCell, RawDocument, RawRow, SourceInfo

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def read_text_export(data: bytes, name: str) -> RawDocument:
    """Split a text export into raw rows, each cell knowing its line and page."""
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
        table_started = table_started or row.is_tabular
        rows.append(row)
    source = SourceInfo(
        file=re.split(r"[\\/]", name)[-1] or name,
        sha256=hashlib.sha256(data).hexdigest(),
        format="text",
        encoding=decoded.encoding,
        page_count=page,
    )
    return RawDocument(name, source, tuple(rows), decoded.diagnostics)
