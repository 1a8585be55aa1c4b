"""Delimited text from a spreadsheet to raw rows: tab- or comma-separated, cells quoted where they
hold the delimiter, a quote or line breaks (Excel's "Unicode Text" export is UTF-16 with tabs and
quotes; its CSV export uses commas), read with the csv module rather than split at line ends.

A record is a row; a cell's lines (Alt+Enter in a spreadsheet cell) are its paragraphs, and a line
opening with a bullet glyph a list item, as in a text export's plain cells. ``line`` is the
source line a record starts on; a spreadsheet has no pages, so every row is on page 1.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re

from extract.errors import ExtractError
from extract.limits import Limits
from extract.readers.decode import decode_bytes
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name

# A cell that opens with a quote and runs on past its line's end: a quoted cell holding a line break.
_QUOTED_LINES = re.compile(r'(?:^|[\t,])"(?:[^"\r\n]|"")*\r?\n', re.MULTILINE)
_SAMPLE = 65536


def _head(data: bytes) -> str:
    """The start of the input as text, for telling its format (UTF-16 with a BOM, else UTF-8)."""
    sample = data[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return sample.decode("utf-16", errors="replace")
    return sample.decode("utf-8", errors="replace")


def delimiter_of(data: bytes) -> str | None:
    """The delimiter of spreadsheet text: a tab where a quoted cell holds a line break (a text
    export never quotes its cells); a comma where the text has no tab and its first records after
    a title are of one width (three or more, or two with quoted cells); None for anything else
    (a text export, prose)."""
    head = _head(data)
    if "\t" in head:
        return "\t" if _QUOTED_LINES.search(head) else None
    try:
        records = [record for record in csv.reader(io.StringIO(head, newline="")) if any(record)][:21]
    except csv.Error:
        return None
    body = records[1:-1] if len(data) > _SAMPLE else records[1:]  # a title first; the sample's last cut short
    widths = {len(record) for record in body}
    # Records of one width after the title: three or more columns, or two where quotes show it is CSV.
    if len(body) >= 2 and len(widths) == 1 and (min(widths) >= 3 or (min(widths) == 2 and '"' in head)):
        return ","
    return None


def is_delimited(data: bytes) -> bool:
    return delimiter_of(data) is not None


def _cell(text: str) -> str:
    """A spreadsheet cell's lines as paragraphs: two spaces between them, as a text export's plain cells."""
    return "  ".join(line.strip() for line in text.splitlines() if line.strip())


def read(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Read spreadsheet text's records into raw rows, quoted line breaks kept inside their cells."""
    decoded = decode_bytes(data, name)
    delimiter = delimiter_of(data) or "\t"
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
    rows: list[RawRow] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            cells = tuple(RawCell(_cell(text), line, 1) for text in record)
            if any(cell.text for cell in cells):
                rows.append(RawRow(cells, line, 1))
    except csv.Error as exc:  # a cell past the csv module's size limit, a NUL
        raise ExtractError(f"the delimited text cannot be read ({exc})", file=name, line=start) from None
    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="delimited",
        encoding=decoded.encoding,
        page_count=1,
    )
    return RawDocument(name, source, tuple(rows), decoded.diagnostics)


__all__ = ["delimiter_of", "is_delimited", "read"]
