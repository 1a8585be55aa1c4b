"""PDF to raw rows, with pdfplumber: the same RawRow types the text route makes.

Each page's table is found from its ruling lines first (the lattice strategy);
a page without rules falls back to text alignment: columns from the header's
labels, a new row wherever the identifier column has text. Every table row
(header rows included: the table stage recognises and drops repeated headers)
becomes a RawRow whose cells are HTML fragments rebuilt from the words
(see ``cell_text``), each with its page and bounding box. A cell that a merged
cell spans is empty, as in the text export. Text outside the table is kept as
one-cell rows: the title on page 1, anything else becomes a diagnostic later.

A row's ``line`` is its ordinal in the document (the PDF has no lines to count).

The package: this module opens the PDF and loops over its pages; ``tables`` finds
the table on a page; ``cell_text`` holds the PDF's cell-text rules (lines to
paragraphs and lists). pdfplumber is imported here only, so the text route never
loads it.
"""

from __future__ import annotations

import hashlib
import io
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from extract.diagnostics import UNMAPPED_GLYPHS, warning
from extract.errors import ExtractError, LimitError, NotTextError, PdfError
from extract.limits import Limits
from extract.readers.pdf.cell_text import (
    Line,
    Word,
    cell_fragment,
    lead_width,
    line_pitches,
    vocabulary,
    words_to_lines,
)
from extract.readers.pdf.inflate import Allowance, bounded_inflation
from extract.readers.pdf.tables import PageTable, find_page_tables
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name
from schema import BBox, Diagnostic


@dataclass(slots=True)
class _PendingCell:
    lines: list[Line]
    bbox: BBox | None
    merged: bool = False
    """Covered by a merged cell above it."""
    lead: float | None = None
    """The width the cell's first word needs at the end of a line (with a space before it)."""
    room: float | None = None
    """The room left at the end of the cell's last line."""


@dataclass(slots=True)
class _PendingRow:
    page: int
    cells: list[_PendingCell] | None = None
    text: str | None = None
    """For a row outside the table: its text."""
    region: int = 0
    """For a table row: which table on its page, from 1."""


@dataclass(slots=True)
class _PageResult:
    rows: list[_PendingRow] = field(default_factory=list)
    pitch: float | None = None
    columns: tuple[float, ...] | None = None


def _words(page: Any) -> tuple[list[Word], list[Word]]:
    """The page's words: upright ones (the table's), and rotated ones (kept, reported as outside)."""
    upright: list[Word] = []
    rotated: list[Word] = []
    for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False):
        word = Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], "bold" in w["fontname"].lower(),
                    w["fontname"])
        (upright if w["upright"] else rotated).append(word)
    return upright, rotated


def _outside_rows(lines: Sequence[Line], page: int) -> list[_PendingRow]:
    """Lines outside the table: blocks of lines close together become one row each."""
    rows: list[_PendingRow] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and rows and line.top - previous.bottom < 0.6 * line.size:
            rows[-1].text = f"{rows[-1].text} {line.text}"
        else:
            rows.append(_PendingRow(page, text=line.text))
        previous = line
    return rows


def _read_page(page: Any, number: int, columns: tuple[float, ...] | None) -> _PageResult:
    words, rotated = _words(page)
    tables: list[PageTable] = find_page_tables(page, words, columns) if words else []
    if not tables:
        return _PageResult(_outside_rows(words_to_lines(words + rotated), number), columns=columns)
    result = _PageResult(columns=tables[-1].columns or columns)
    pitches: list[float] = []
    above = 0.0
    for region, table in enumerate(tables, start=1):
        # Text between the table before (or the top of the page) and this one: headings, prose.
        result.rows.extend(_outside_rows(words_to_lines(
            [w for w in words if w.top >= above and w.bottom <= table.top]), number))
        grid = [[words_to_lines(cell_words) for _, cell_words in row] for row in table.rows]
        reach = _column_reach(table, grid) if table.columns is not None else None
        for r, row in enumerate(table.rows):
            cells = []
            for c, (box, cell_words) in enumerate(row):
                lines = grid[r][c]
                pitches.extend(line_pitches(lines))
                room = _room(lines, box, reach, c)
                cells.append(_PendingCell(lines, box, (r, c) in table.merged, lead_width(cell_words), room))
            result.rows.append(_PendingRow(number, cells, region=region))
        above = table.bottom
    last = tables[-1]
    unplaced = [w for table in tables for w in table.unplaced]
    result.rows.extend(_outside_rows(words_to_lines([w for w in words if w.top >= last.bottom] + unplaced + rotated),
                                     number))
    result.pitch = statistics.median(pitches) if pitches else None
    return result


_SIDEWAYS = 0.1  # a page is turned only where fewer than this share of its characters stand upright


def _upright_share(page: Any) -> float:
    """The share of the page's characters that read left to right, upright."""
    chars = page.chars
    return sum(1 for char in chars if char["upright"] and char["matrix"][0] > 0) / len(chars) if chars else 1.0


def turned_upright(page: Any) -> Any:
    """The page turned so that its text reads upright: a page whose /Rotate turns its text on its
    side, or whose text is drawn sideways (a landscape table on a portrait page), is read in the
    turn where nearly all its characters stand upright. The page itself where a tenth of them
    already does (a table with some labels set sideways stays as it is)."""
    import copy

    from pdfplumber.page import Page

    if _upright_share(page) >= _SIDEWAYS:
        return page  # upright, or labels set sideways in an upright table (a compliance matrix's header)
    for extra in (90, 270, 180):
        turned_obj = copy.copy(page.page_obj)
        rotation = (page.rotation + extra) % 360
        turned_obj.attrs = {**page.page_obj.attrs, "Rotate": rotation}
        turned_obj.rotate = rotation
        turned = Page(page.pdf, turned_obj, page.page_number, page.initial_doctop)
        if _upright_share(turned) > 1 - _SIDEWAYS:
            return turned
        turned.close()
    return page


def _column_reach(table: PageTable, grid: Sequence[Sequence[Sequence[Line]]]) -> list[float | None]:
    """For a table without rules: how far right each column's text runs, from the lines that
    wrapped (every line of a cell but its last); None where no line in the column wrapped (nothing
    shows how wide it is: a label over it may overhang, a short line is short)."""
    width = max((len(row) for row in table.rows), default=0)
    reach: list[float | None] = [None] * width
    for lines_of in grid:
        for c, lines in enumerate(lines_of):
            for line in lines[:-1]:
                current = reach[c]
                reach[c] = line.x1 if current is None else max(current, line.x1)
    return reach


def _room(lines: Sequence[Line], box: BBox | None, reach: list[float | None] | None, column: int) -> float | None:
    """The room left after a cell's last line: to its box's right edge less the padding (taken as its
    left padding) in a ruled table, or to the furthest its column's wrapped lines run without rules."""
    if not lines:
        return None
    if reach is not None:
        limit = reach[column] if column < len(reach) else None
    else:
        limit = box.x1 - (min(line.x0 for line in lines) - box.x0) if box is not None else None
    return limit - lines[-1].x1 if limit is not None else None


def _cause(exc: Exception) -> Exception:
    """pdfplumber wraps pdfminer's errors (and ours, raised while pdfminer was at work) in
    PdfminerException: the original."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc


def _declared_pages(pdf: Any) -> int | None:
    """The page count the page tree declares (its /Count), known before any page is loaded."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:  # no page tree, or a damaged one: pdfplumber's reading says what is wrong
        return None
    return count if isinstance(count, int) else None


def _open(data: bytes, name: str, limits: Limits) -> Any:
    import pdfplumber

    pdf = None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        declared = _declared_pages(pdf)
        if declared is not None and declared > limits.max_pages:  # refused before the pages are loaded
            raise LimitError(f"the PDF has {declared} pages, over the limit of {limits.max_pages} "
                             "(--max-pages raises it)", file=name)
        _ = pdf.pages  # parse the page tree now, so a damaged file fails here
    except BaseException:
        if pdf is not None:
            pdf.close()
        raise
    return pdf


def _opened(data: bytes, name: str, limits: Limits) -> Any:
    """``_open``, its failures said as our errors."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return _open(data, name, limits)
    except ExtractError:  # over a limit (the time, a stream's size) while pdfminer was at work
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        cause = _cause(exc)
        if isinstance(cause, ExtractError):
            raise cause from None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfError("the PDF is encrypted and needs a password; decrypt it first", file=name) from None
        raise PdfError(
            f"the PDF is damaged or truncated and cannot be read ({type(cause).__name__})", file=name
        ) from None


def _read_pages(data: bytes, name: str, limits: Limits,
                allowance: Allowance) -> tuple[list[_PageResult], int, bool, bool]:
    """Every page's rows, the page count, and whether the PDF has text and images."""
    started = time.monotonic()
    pdf = _opened(data, name, limits)
    results: list[_PageResult] = []
    has_text = has_images = False
    try:
        if len(pdf.pages) > limits.max_pages:
            raise LimitError(f"the PDF has {len(pdf.pages)} pages, over the limit of {limits.max_pages} "
                             "(--max-pages raises it)", file=name)
        for number, page in enumerate(pdf.pages, start=1):
            if time.monotonic() - started > limits.timeout:  # where no timer signal can (another thread)
                raise LimitError(f"reading the PDF took over {limits.timeout:g} s (--timeout raises it)",
                                 file=name, page=number)
            allowance.start_page(number)
            try:
                has_text = has_text or bool(page.chars)
                has_images = has_images or bool(page.images)
                if (turned := turned_upright(page)) is not page:
                    page.close()
                    page = turned
                results.append(_read_page(page, number, results[-1].columns if results else None))
            except ExtractError:
                raise
            except Exception as exc:
                if isinstance(cause := _cause(exc), ExtractError):  # ours, wrapped by pdfplumber
                    raise cause from None
                raise PdfError(f"cannot read the page ({type(exc).__name__}: {exc})", file=name, page=number) from None
            finally:
                page.close()
        page_count = len(pdf.pages)
    finally:
        pdf.close()
    return results, page_count, has_text, has_images


def read(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Read every page's table into raw rows; close each page when done with it."""
    limits = limits or Limits()
    allowance = Allowance(limits.max_page_inflate, limits.max_inflate, name)
    with bounded_inflation(allowance):
        results, page_count, has_text, has_images = _read_pages(data, name, limits, allowance)
    if not has_text:
        if has_images:
            raise NotTextError("the PDF has no text layer (a scanned document?); it needs OCR first", file=name)
        raise NotTextError("the PDF holds no text", file=name)
    if not any(row.cells for result in results for row in result.rows):
        raise PdfError(f"no table found in the PDF ({page_count} pages looked at)", file=name)
    rows = _finish_rows(results)
    notes = tuple(note for row in rows if (note := _unmapped(row)) is not None)
    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        encoding=None,
        page_count=page_count,
    )
    return RawDocument(name, source, tuple(rows), notes)


_CID = re.compile(r"\(cid:[0-9]+\)")


def _unmapped(row: RawRow) -> Diagnostic | None:
    """A warning for a row with glyphs that pdfminer could not map to characters (``(cid:36)``)."""
    found = [match[0] for cell in row.cells for match in _CID.finditer(cell.text)]
    if not found:
        return None
    return warning(UNMAPPED_GLYPHS, f"{len(found)} glyph{'s' if len(found) > 1 else ''} with no mapping to characters "
                   f"(the font has no ToUnicode table), kept in the text as {found[0]} …: the text there is not "
                   "readable; OCR or the publisher's text is needed", line=row.line, page=row.page)


def _finish_rows(results: list[_PageResult]) -> list[RawRow]:
    """Cell lines to HTML fragments, once the whole document's words are known."""
    known: set[str] = set()
    inner: set[str] = set()
    pitches = [result.pitch for result in results if result.pitch]
    fallback = statistics.median(pitches) if pitches else 10.0
    for result in results:
        for row in result.rows:
            for cell in row.cells or ():
                known |= vocabulary(cell.lines, inner)
            if row.text:  # prose too: "number" written whole there mends "Numb" / "er" in a narrow cell
                known |= vocabulary([Line(row.text, 0.0, 0.0, 0.0, 0.0)], inner)
    rows: list[RawRow] = []
    for result in results:
        pitch = result.pitch or fallback
        for pending in result.rows:
            ordinal = len(rows) + 1
            if pending.cells is None:
                cells: tuple[RawCell, ...] = (RawCell(pending.text or "", ordinal, pending.page),)
            else:
                cells = tuple(
                    RawCell(cell_fragment(cell.lines, pitch, known, cell.bbox.x1 if cell.bbox else None, inner),
                            ordinal, pending.page, cell.bbox, cell.merged, cell.lead, cell.room)
                    for cell in pending.cells
                )
            rows.append(RawRow(cells, ordinal, pending.page, pending.page * 1000 + pending.region))
    return rows


__all__ = ["read", "turned_upright"]
