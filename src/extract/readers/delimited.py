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
from collections import Counter

from extract.errors import ExtractError
from extract.limits import Limits
from extract.readers.decode import decode_bytes
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name

# A cell that opens with a quote and runs on past its line's end: a quoted cell holding a line break.
_QUOTED_LINES = re.compile(r'(?:^|[\t,])"(?:[^"\r\n]|"")*\r?\n', re.MULTILINE)
# A cell quoted whole, as a spreadsheet quotes one holding a quote or a tab ("Publish the ""X"" report.").
_QUOTED_CELL = re.compile(r'(?:^|\t)"(?:[^"]|"")*"(?=\t|\r?\n|$)', re.MULTILINE)
# A blank line between tab-separated lines: a text export's page break (a spreadsheet has none).
_PAGE_GAP = re.compile(r"\t[^\n]*\n[ \r]*\n[^\n]*\t")
_SAMPLE = 65536


def _head(data: bytes) -> str:
    """The start of the input as text, for telling its format (UTF-16 with a BOM, else UTF-8)."""
    sample = data[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return sample.decode("utf-16", errors="replace")
    return sample.decode("utf-8", errors="replace")


def _width(head: str, delimiter: str, cut: bool) -> int:
    """The width of the records of two or more fields (not a title's): the one that at least two of
    them and more than half have (a row short of a cell or with a note beyond the table is an odd row,
    which the table stage pads or reports); 0 where no width is that common, or the records do
    not parse. ``cut``: the sample ends inside the input (its last record may be cut short)."""
    try:
        records = [record for record in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
                   if any(field.strip() for field in record)][:41]
    except csv.Error:
        return 0
    body = [record for record in (records[:-1] if cut else records) if len(record) >= 2]  # not a title's
    widths = Counter(len(record) for record in body)
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
    return width if count >= 2 and 2 * count > len(body) else 0


def delimiter_of(data: bytes) -> str | None:
    """The delimiter of spreadsheet text, or None for anything else (a text export, prose).

    Tab-separated where most records (past a title) are of one width and some cell is quoted as a
    spreadsheet quotes it (whole, or running past its line's end: a text export never quotes a
    cell); else comma- or semicolon-separated where most are of one width, three or more, or two
    with quotes."""
    head, cut = _head(data), len(data) > _SAMPLE
    if "\t" in head and _width(head, "\t", cut) >= 2 and (
            _QUOTED_LINES.search(head) or (_QUOTED_CELL.search(head) and not _PAGE_GAP.search(head))):
        return "\t"
    for delimiter in (",", ";"):
        width = _width(head, delimiter, cut)
        if width >= 3 or (width == 2 and '"' in head):
            if "\t" not in head or _width(head, "\t", cut) < 2:
                return delimiter
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
    start, width = 1, 0
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            cells = tuple(RawCell(_cell(text), line, 1) for text in record)
            filled = [index for index, cell in enumerate(cells) if cell.text]
            if filled:
                rows.append(RawRow(cells, line, 1))
                width = max(width, filled[-1] + 1)
    except csv.Error as exc:  # a cell past the csv module's size limit, a NUL
        raise ExtractError(f"the delimited text cannot be read ({exc})", file=name, line=start) from None
    # a spreadsheet pads every record to its widest (Excel's trailing separators): columns no record
    # fills are not columns
    rows = [row._replace(cells=row.cells[:width]) if len(row.cells) > width else row for row in rows]
    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="delimited",
        encoding=decoded.encoding,
        page_count=1,
    )
    return RawDocument(name, source, tuple(rows), decoded.diagnostics)


__all__ = ["delimiter_of", "is_delimited", "read"]
