"""Word (.docx) to raw rows, with python-docx: the same RawRow types the other readers make.

The document body is read in order: a paragraph outside a table is a one-cell row (the first
is the title, a later one above a table its heading); a table (``w:tbl``) is its rows, each a
``RawRow`` of ``RawCell``s, every table its own ``region`` (two tables are never one, however
alike their headers). A table nested in a cell is kept as text of that cell.

- **Merged cells.** A cell spanning grid columns (``w:gridSpan``) is followed by empty cells for
  the columns it covers; a cell continuing a vertical merge (``w:vMerge`` without ``restart``) is
  empty and marked ``merged``, so the stages after give the merged text to each row it covers.
- **Cell text** is an HTML fragment: each paragraph a ``<p>``, numbered and bulleted paragraphs
  (``w:numPr``, or a List style) items of a ``<ul>``, a numbered one after the number Word shows.
  Runs are joined with formatting dropped; a tab is a space, a line break a space; hyperlinks' and
  content controls' (``w:sdt``) text is read; tracked changes are read as accepted (insertions in,
  deletions out); field codes and hidden text are not text.
- **Provenance.** Word stores no pages: a cell's ``page`` counts the page breaks Word recorded
  when it last laid the document out (``w:lastRenderedPageBreak``) and the manual ones before it,
  from 1; its ``line`` is the row's ordinal in the document, as in a PDF; its ``position`` the
  table (from 1, in body order), the row (from 1, every ``w:tr`` counted) and the grid column.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from extract.errors import ExtractError, NotTextError
from extract.limits import Limits
from extract.readers.docx_numbering import Numbering
from extract.readers.docx_parts import notes, running_text
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name
from schema import Position

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
#: A drawing's fallback for older readers repeats its text box: read the drawing's own once.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Elements whose text is not the document's (deleted or moved-away text, field codes, properties).
_SKIPPED = frozenset({f"{_W}{tag}" for tag in ("del", "moveFrom", "instrText", "delInstrText", "rPr", "pPr",
                                                "tcPr", "trPr", "tblPr", "sectPr", "fldChar", "sdtPr")}
                     | {_FALLBACK})
_BREAKS = frozenset({f"{_W}lastRenderedPageBreak"})
_MAX_SPAN = 63  # Word's widest table: a gridSpan past it is markup gone wrong


class _Pages:
    """The page count so far: page breaks Word recorded, and manual ones; a table row's breaks (Word
    records one in every cell of a row that opens a page) count once."""

    def __init__(self) -> None:
        self.page = 1

    @staticmethod
    def breaks(element: Any) -> int:
        return sum(1 for node in element.iter(f"{_W}lastRenderedPageBreak", f"{_W}br")
                   if node.tag in _BREAKS or node.get(f"{_W}type") == "page")

    def see(self, element: Any) -> None:
        self.page += self.breaks(element)

    def see_row(self, row: Any) -> None:
        self.page += min(1, self.breaks(row))


def _hidden(run: Any) -> bool:
    properties = run.find(f"{_W}rPr")
    vanish = properties.find(f"{_W}vanish") if properties is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _placeholder(sdt: Any) -> bool:
    """A content control still showing its placeholder ("Click or tap here to enter text."): no answer."""
    properties = sdt.find(f"{_W}sdtPr")
    return properties is not None and properties.find(f"{_W}showingPlcHdr") is not None


def _symbol(node: Any) -> str:
    try:
        code = int(node.get(f"{_W}char", ""), 16)
    except ValueError:
        return ""
    return chr(code) if 0 < code <= 0x10FFFF else ""


def _text(element: Any) -> str:
    """A paragraph's text: its runs in order (inside hyperlinks, insertions, content controls and
    smart tags too), a tab or a line break a space, deleted text and field codes left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if (tag == f"{_W}r" and _hidden(child)) or (tag == _SDT and _placeholder(child)):
                continue
            if tag == _P:  # a paragraph inside this one (a text box's): its own words
                parts.append(" ")
                walk(child)
                parts.append(" ")
            elif tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}sym":
                parts.append(_symbol(child))
            else:
                walk(child)

    walk(element)
    return " ".join("".join(parts).split())


def _is_list_item(paragraph: Any, styles: dict[str, str]) -> bool:
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return False
    if properties.find(f"{_W}numPr") is not None:
        return True
    style = properties.find(f"{_W}pStyle")
    name = styles.get(style.get(f"{_W}val", ""), "") if style is not None else ""
    return name.casefold().startswith(("list bullet", "list number"))


def _blocks(container: Any) -> Iterator[Any]:
    """The block elements of a body or a cell in order, content controls opened."""
    for child in container:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None and not _placeholder(child):
                yield from _blocks(content)
        elif child.tag in (_P, _TBL):
            yield child


def _cell_fragment(cell: Any, styles: dict[str, str], numbering: Numbering) -> str:
    """A cell's paragraphs as ``<p>``, its list paragraphs as ``<ul>`` items (a numbered one after
    the number Word shows); a nested table's text as paragraphs of the cell. A cell whose only
    paragraph is an empty numbered one (a "No." column numbered by Word) is the number it shows;
    an empty numbered paragraph beside text is nothing."""
    parts: list[str] = []
    items: list[str] = []
    numbers: list[str] = []  # the numbers of empty numbered paragraphs
    for block in _blocks(cell):
        if block.tag == _TBL:
            texts = [_numbered(paragraph, numbering) for paragraph in block.iter(_P)]
            paragraphs = [f"<p>{html.escape(text, quote=False)}</p>" for text in texts if text]
        else:
            text, number = _text(block), numbering.label(block)
            if not text:
                numbers.extend([number] if number is not None else [])
                continue
            if _is_list_item(block, styles) or numbering.is_listed(block):
                items.append(f"<li>{html.escape(f'{number} {text}' if number else text, quote=False)}</li>")
                continue
            paragraphs = [f"<p>{html.escape(text, quote=False)}</p>"]
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        parts.extend(paragraphs)
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    if not parts and len(numbers) == 1:
        return f"<p>{html.escape(numbers[0], quote=False)}</p>"
    return "".join(parts)


def _numbered(paragraph: Any, numbering: Numbering) -> str:
    """A paragraph's text after the number Word shows before it, if any."""
    text, number = _text(paragraph), numbering.label(paragraph)
    return f"{number} {text}" if text and number else text


def _cells(row: Any) -> Iterator[Any]:
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _cells(content)


def _property(cell: Any, name: str) -> Any:
    properties = cell.find(f"{_W}tcPr")
    return properties.find(f"{_W}{name}") if properties is not None else None


def _table_rows(table: Any, region: int, first_line: int, pages: _Pages,
                styles: dict[str, str], numbering: Numbering) -> list[RawRow]:
    rows: list[RawRow] = []
    for number, tr in enumerate(table.iterchildren(_TR), start=1):
        pages.see_row(tr)  # a row that opens a page is on it
        line, page = first_line + len(rows), pages.page
        # each cell's text and whether it continues a vertical merge, one per grid column
        texts: list[tuple[str, bool]] = [("", False)] * _grid_skip(tr, "gridBefore")
        for tc in _cells(tr):
            span = _property(tc, "gridSpan")
            merge = _property(tc, "vMerge")
            continues = merge is not None and merge.get(f"{_W}val", "continue") != "restart"
            texts.append(("" if continues else _cell_fragment(tc, styles, numbering), continues))
            texts.extend([("", continues)] * ((_number(span, 1) if span is not None else 1) - 1))
        cells = [RawCell(text, line, page, None, merged, position=Position(table=region, row=number, column=column))
                 for column, (text, merged) in enumerate(texts, start=1)]
        if any(cell.text for cell in cells):
            rows.append(RawRow(tuple(cells), line, page, region, marks_merges=True))
    return rows


def _number(element: Any, default: int) -> int:
    """An element's ``w:val`` as a count from 1 to Word's widest table (odd values read as ``default``)."""
    try:
        value = int(element.get(f"{_W}val", str(default)))
    except ValueError:
        return default
    return value if 1 <= value <= _MAX_SPAN else default


def _grid_skip(row: Any, name: str) -> int:
    """The grid columns a row leaves out before its first cell (``w:gridBefore``)."""
    properties = row.find(f"{_W}trPr")
    skip = properties.find(f"{_W}{name}") if properties is not None else None
    return _number(skip, 0) if skip is not None else 0


def _open(data: bytes, name: str) -> Any:
    import docx  # python-docx, only for Word files

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if b"macroEnabled" in data or b"template.main" in data:
            raise NotTextError("a macro-enabled or template Word file (.docm, .dotx, .dotm) is not read: save it "
                               "as .docx", file=name) from None
        raise NotTextError(f"the Word document is damaged or truncated and cannot be read ({type(exc).__name__}); "
                           "save it again as .docx", file=name) from None
    except (zipfile.BadZipFile, KeyError) as exc:
        raise NotTextError(f"the Word document is damaged or truncated and cannot be read ({type(exc).__name__}); "
                           "save it again as .docx", file=name) from None
    except Exception as exc:  # lxml's and python-docx's many errors on a damaged part
        raise ExtractError(f"the Word document is damaged and cannot be read ({type(exc).__name__})",
                           file=name) from None


def read(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Read a Word document's paragraphs and tables into raw rows, in body order."""
    document = _open(data, name)
    styles = {style.style_id: style.name or "" for style in document.styles}
    numbering = Numbering(document)
    pages = _Pages()
    rows: list[RawRow] = []
    region = 0
    title = (document.core_properties.title or "").strip()
    first = next((block for block in _blocks(document.element.body) if block.tag == _TBL or _text(block)), None)
    if title and (first is None or first.tag == _TBL):  # no text above the first table: the title property
        rows.append(RawRow((RawCell(html.escape(title, quote=False), 1, 1),), 1, 1))
    for block in _blocks(document.element.body):
        if block.tag == _TBL:
            region += 1
            rows.extend(_table_rows(block, region, len(rows) + 1, pages, styles, numbering))
            continue
        text = _numbered(block, numbering)  # a numbered heading keeps its number
        if text:
            line = len(rows) + 1
            rows.append(RawRow((RawCell(html.escape(text, quote=False), line, pages.page),), line, pages.page))
        pages.see(block)
    # footnotes and endnotes, headers and footers: lines after the body, as at a page's foot
    for text in [*notes(document, _text), *running_text(document, _text)]:
        line = len(rows) + 1
        rows.append(RawRow((RawCell(html.escape(text, quote=False), line, pages.page),), line, pages.page))

    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="docx",
        encoding=None,
        page_count=pages.page,
    )
    return RawDocument(name, source, tuple(rows), ())


__all__ = ["read"]
