"""A web page (HTML) to raw rows, with lxml: the same RawRow types the other readers make.

The page is parsed with the cells' own safe parser settings (no network, libxml2's limits,
comments and processing instructions dropped); ``<script>``, ``<style>``, ``<template>`` and
``<noscript>`` are never read. The encoding comes from a byte-order mark, the page's ``<meta
charset>``, or else UTF-8 or Windows-1252 (with a warning), as a text export's.

- **The title** is the page's first ``<h1>``, or else its ``<title>``: the first row.
- **Text outside tables**: each heading, paragraph and list item is a one-cell row in order (the
  line just above a table is its heading; a ``<caption>`` is, before anything else).
- **Tables**: every outermost ``<table>`` in order (a layout table read through: the tables in it
  are the page's), its own ``region``; its rows (``<thead>``,
  ``<tbody>``, ``<tfoot>`` or bare) in order, ``<th>`` and ``<td>`` alike (the table stage tells
  header rows). A cell spanning columns (``colspan``) leaves the columns it covers empty; one
  spanning rows (``rowspan``) leaves the cells under it empty and marked ``merged``. A cell's
  content is its inner HTML (``<p>``, ``<ul>``, ``<ol>``, ``<br>`` read by ``extract.fragments``);
  a table nested in a cell is kept as paragraphs of that cell.
- **Provenance**: ``line`` is the source line the cell's element starts on; ``page`` is 1;
  ``position`` the table (from 1, the page's tables in order, a layout table not counted), row
  (from 1, in reading order: ``<tfoot>`` rows last) and grid column.
"""

from __future__ import annotations

import codecs
import copy
import hashlib
import html
import re
from typing import Any

import lxml.html
from lxml import etree

from extract.fragments import collapse
from extract.limits import Limits
from extract.readers.decode import decode_bytes
from extract.readers.html_page import parse_page
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name
from schema import Diagnostic, Position

_TEXT_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "pre",
                          "figcaption", "address", "summary", "legend"})
#: Elements inside a line of text: their text is part of the line around them.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                     "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                     "time", "u", "var", "wbr", "big", "tt", "strike", "nobr"})
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_MAX_SPAN = 1000  # a colspan or rowspan past this is markup gone wrong: read as 1


def _decode(data: bytes, name: str) -> tuple[str, str, tuple[Diagnostic, ...]]:
    """The page's text, the encoding it was read with, and what decoding noticed: a BOM, else the
    page's own charset, else UTF-8, else Windows-1252 with a warning (as a text export)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding, ()
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        encoding = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(encoding, errors="replace"), encoding, ()
        except LookupError:
            pass  # an unknown charset: as if none were declared
    decoded = decode_bytes(data, name)
    return decoded.text, decoded.encoding, decoded.diagnostics


def _text(element: Any) -> str:
    """An element's text as it reads: a space where a block or a line break parts words, none around
    inline markup ("<b>in full</b>," is "in full,")."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            parts.append(node.text or "" if node.tag in _INLINE and node.tag != "br" else f" {node.text or ''}")
        else:
            parts.append(" " if node.tag not in _INLINE else "")
            if node is not element:
                parts.append(node.tail or "")
    return collapse("".join(parts))


def _span(cell: Any, name: str) -> int:
    try:
        value = int(cell.get(name, "1"))
    except ValueError:
        return 1
    return value if 1 <= value <= _MAX_SPAN else 1


def _inner_html(cell: Any) -> str:
    """A cell's content as an HTML fragment; a nested table's cells as paragraphs (read from a copy:
    the page's own tree is never changed while its rows are walked)."""
    cell = copy.deepcopy(cell)
    while (nested := cell.find(".//table")) is not None:  # the outermost first; those inside go with it
        caption = nested.find("caption")
        texts = [_text(caption)] if caption is not None else []
        texts += [_text(inner) for inner in nested.iter("td", "th")
                  if next(inner.iterancestors("table"), None) is nested]
        texts.append(_stray_text(nested))
        parent = nested.getparent()
        index = parent.index(nested)
        parent.remove(nested)
        for offset, text in enumerate(text for text in texts if text):
            paragraph = etree.Element("p")
            paragraph.text = text
            parent.insert(index + offset, paragraph)
    for node in cell.iter():  # white space in markup is one space (a page's line breaks and indents)
        if not isinstance(node.tag, str) or node.tag == "pre" or any(a.tag == "pre" for a in node.iterancestors()):
            continue
        node.text = _SPACES.sub(" ", node.text) if node.text else node.text
        if node is not cell and node.tail:
            node.tail = _SPACES.sub(" ", node.tail)
    parts = [html.escape(cell.text or "", quote=False)]
    parts.extend(lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in cell)
    return "".join(parts)


def _rows_of(table: Any) -> list[Any]:
    """A table's own rows (not those of a table nested in a cell): header and body rows in order,
    footer rows last wherever the markup puts ``<tfoot>``."""
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    return sorted(rows, key=lambda row: row.getparent() is not None and row.getparent().tag == "tfoot")


def _covered(below: dict[int, int], cells: list[RawCell], line: int, where: Position) -> None:
    """Add the cells from the row's next column on that a rowspan above covers (marked merged), counted down."""
    while below.get(len(cells), 0) > 0:
        below[len(cells)] -= 1
        cells.append(RawCell("", line, 1, None, True, position=_at(where, len(cells))))


def _at(where: Position, column: int) -> Position:
    return Position(table=where.table, row=where.row, column=column + 1)


def _table_rows(table: Any, region: int) -> list[RawRow]:
    rows: list[RawRow] = []
    below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for number, tr in enumerate(_rows_of(table), start=1):
        line, where = tr.sourceline or 1, Position(table=region, row=number, column=1)
        cells: list[RawCell] = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            _covered(below, cells, line, where)
            width, height = _span(td, "colspan"), _span(td, "rowspan")
            if height > 1:
                below.update((len(cells) + offset, height - 1) for offset in range(width))
            cells.append(RawCell(_inner_html(td), td.sourceline or line, 1, position=_at(where, len(cells))))
            for _ in range(width - 1):
                cells.append(RawCell("", line, 1, position=_at(where, len(cells))))
        _covered(below, cells, line, where)
        if cells:
            rows.append(RawRow(tuple(cells), line, 1, region, marks_merges=True))
    return rows


def _title(root: Any) -> Any:
    first = next(root.iter("h1"), None)
    return first if first is not None and _text(first) else next(root.iter("title"), None)


def _stray_text(table: Any) -> str:
    """Text a table holds outside its cells and caption (``<table>Table 1<tr>``, a ``<div>`` in a
    ``<tr>``): a browser shows it above the table."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                if child.tag in ("thead", "tbody", "tfoot", "tr"):
                    parts.append(" ")
                    walk(child)
                    parts.append(" ")
                elif child.tag not in ("td", "th", "caption", "colgroup", "col"):
                    parts.append(f" {_text(child)} ")
            parts.append(child.tail or "")

    walk(table)
    return collapse("".join(parts))


def _own_cells(table: Any) -> list[list[Any]]:
    return [[cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            for row in _rows_of(table)]


def _is_layout(table: Any) -> bool:
    """A table that lays a page out rather than holding data: marked so (``role="presentation"``),
    or one holding a table in a cell that has no header cells of its own and either has not two
    rows of two cells with text outside the tables in them, or holds more text in its tables than
    in its own cells (a banner, a menu and a footer around the content)."""
    if table.get("role", "").strip().lower() in ("presentation", "none"):
        return True
    nested = [inner for inner in table.iterdescendants("table")
              if next(inner.iterancestors("table"), None) is table]
    if not nested or table.find("thead") is not None:
        return False
    rows = _own_cells(table)
    if any(cell.tag == "th" for row in rows for cell in row):
        return False
    own = [[_own_text(cell) for cell in row] for row in rows]
    texts = sum(1 for row in own if sum(1 for text in row if text) >= 2)
    return texts < 2 or sum(len(_text(inner)) for inner in nested) > sum(len(text) for row in own for text in row)


def _own_text(cell: Any) -> str:
    """A cell's text outside the tables in it."""
    parts = [cell.text or ""]
    for child in cell:
        if isinstance(child.tag, str) and child.tag != "table":
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return collapse(" ".join(parts))


class _Flow:
    """The page's content in document order: each table holding data, and each line of text
    outside them (a heading, paragraph or list item; loose text between blocks is a line too).
    A layout table is read through: its cells' content as if it stood on the page."""

    def __init__(self, skip: Any) -> None:
        self.skip = skip  # the title, read first
        self.items: list[Any | tuple[int, str]] = []

    def read(self, container: Any) -> None:
        run: list[str] = [container.text or ""]
        filled = bool(run[0].strip())  # the run holds words: its line is where the first stands
        line = container.sourceline or 1
        for child in container:
            if not isinstance(child.tag, str) or child is self.skip:
                pass
            elif child.tag == "table":
                line, filled = self._flush(run, line), False
                if _is_layout(child):
                    caption = child.find("caption")
                    if caption is not None:
                        self._line(caption.sourceline or line, _text(caption))
                    self._line(child.sourceline or line, _stray_text(child))
                    for cell in (cell for row in _own_cells(child) for cell in row):
                        self.read(cell)
                else:
                    self.items.append(child)
            elif child.tag in _TEXT_BLOCKS and child.find(".//table") is None:
                line, filled = self._flush(run, line), False
                self._line(child.sourceline or line, _text(child))
            elif child.tag in _INLINE and not any(
                    isinstance(inner.tag, str) and inner.tag not in _INLINE for inner in child.iterdescendants()):
                words = f" {_text(child)} " if child.tag == "br" else _text(child)
                if not filled and words.strip():
                    line, filled = child.sourceline or line, True
                run.append(words)
            else:  # a block holding other blocks (a <div>, a <section>, a list)
                line, filled = self._flush(run, line), False
                self.read(child)
            if child.tail and child.tail.strip():
                if not filled:  # text after an element stands on (or after) its last line
                    line, filled = max((e.sourceline for e in child.iter() if e.sourceline), default=line), True
                run.append(child.tail)
        self._flush(run, line)

    def _flush(self, run: list[str], line: int) -> int:
        self._line(line, collapse("".join(run)))
        run.clear()
        return line

    def _line(self, line: int, text: str) -> None:
        if text:
            self.items.append((line, text))


def read(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Read a web page's tables and the text around them into raw rows, in document order."""
    text, encoding, notes = _decode(data, name)
    root, noticed = parse_page(text, name)
    rows: list[RawRow] = []
    title = _title(root)
    if title is not None and _text(title):
        line = title.sourceline or 1
        rows.append(RawRow((RawCell(html.escape(_text(title), quote=False), line, 1),), line, 1))
    body = root.find("body")
    flow = _Flow(title)
    flow.read(body if body is not None else root)
    region = 0
    for item in flow.items:
        if isinstance(item, tuple):
            line, content = item
            rows.append(RawRow((RawCell(html.escape(content, quote=False), line, 1),), line, 1))
            continue
        region += 1
        caption = item.find("caption")
        for above in (caption, item):  # the caption, then text the table holds outside its cells
            content = (_text(above) if above is caption else _stray_text(above)) if above is not None else ""
            if content:
                line = above.sourceline or 1
                rows.append(RawRow((RawCell(html.escape(content, quote=False), line, 1),), line, 1))
        rows.extend(_table_rows(item, region))
    source = SourceInfo(
        file=source_file_name(name),
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        encoding=encoding,
        page_count=1,
    )
    return RawDocument(name, source, tuple(rows), (*notes, *noticed))


__all__ = ["read"]
