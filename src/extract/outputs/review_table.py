"""The review page's tables: each row and cell with where its text came from, and links between rows.

Shared with ``review`` (the page around them): the element builder, escaping, anchors and the
index of rows. A row's element id is ``item-ID`` for the first row with an identifier, else
``row-TABLE-ROW`` (from 1), so that every row can be linked to.
"""

from __future__ import annotations

import math
import re
from urllib.parse import quote

from lxml.html import HtmlElement
from lxml.html import builder as B

from extract.analyze import AUDIENCE_KEYS
from extract.outputs.review_sources import Crop, Fragments, Sources
from schema import Cell, Column, Join, ListBlock, Paragraph, Provenance, Recommendation, Record, Report, Table
from schema.resolve import ItemIndex

Row = Recommendation | Record

E = B.E

#: How each kind of join is described on the page.
JOIN_WORDS = {
    Join.START: "start",
    Join.CARRIED_SENTENCE: "carried sentence",
    Join.CARRIED_LIST_ITEM: "carried list item",
    Join.CONTINUED_LIST: "continued list",
    Join.NEW_BLOCK: "new block",
}
JOIN_HELP = {
    Join.START: "The cell's first fragment.",
    Join.CARRIED_SENTENCE: "Carried a sentence on: appended to the last paragraph with one space.",
    Join.CARRIED_LIST_ITEM: "Carried a sentence on: appended to the last list item with one space.",
    Join.CONTINUED_LIST: "Added further items to the list the text before it ended with.",
    Join.NEW_BLOCK: "Started a new paragraph (or list) after the text before it.",
}

#: The same, briefly, for the legend.
JOIN_SHORT = {
    Join.CARRIED_SENTENCE: "appended to the last paragraph",
    Join.CARRIED_LIST_ITEM: "appended to the last list item",
    Join.CONTINUED_LIST: "more items for the list before it",
    Join.NEW_BLOCK: "a new paragraph or list",
}

# Characters XML (and so lxml) cannot hold: C0 controls but tab and line feed, lone surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: Elements followed by a line break in the source, to keep it readable; a line break after any of
#: them renders as nothing (they are blocks, table parts, or items of a flex or grid container).


def xml_text(text: object) -> str:
    """Text as lxml can hold it: characters XML cannot carry become U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text))


def classes(*names: str) -> dict[str, str]:
    """A class attribute of the non-empty names; none at all when every name is empty."""
    value = " ".join(name for name in names if name)
    return {"class": value} if value else {}


def anchor(identifier: str) -> str:
    """The id of a row's element: ``item-`` and the identifier as printed."""
    return xml_text(f"item-{identifier}")


def href(identifier: str) -> str:
    """A link to an item's row: ``#item-ID``."""
    return _element_href(anchor(identifier))


def _element_href(element_id: str) -> str:
    """A link to an element: ``#`` and its id, percent-encoding only what a URL fragment cannot hold."""
    return "#" + quote(element_id, safe="-._~!$&'()*+,;=:@/?")


def link_to(element_id: str, text: str) -> HtmlElement:
    return E.a({"href": _element_href(element_id)}, xml_text(text))


def _spans(values: list[int], singular: str, plural: str) -> str:
    """``p. 4`` or ``pp. 4–5`` style: consecutive values joined by a dash."""
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    text = ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
    return f"{singular if len(values) == 1 else plural} {text}"


class RowIndex:
    """What the page needs to know across rows: identifiers by number, rows by source line."""

    def __init__(self, report: Report) -> None:
        self.items: ItemIndex[Row] = ItemIndex(report.records)
        # The first row with an identifier is the item (``anchor``); a sub-row, a repeat and a row
        # without one are ``row-TABLE-ROW``, counted from 1.
        self.elements: dict[tuple[int, int], str] = {}
        seen: set[str] = set()
        for t, table in enumerate(report.tables):
            for r, row in enumerate(table.rows):
                first = row.id is not None and row.id not in seen
                own = f"row-{t + 1}-{r + 1}"
                self.elements[t, r] = anchor(row.id) if first and row.id is not None else own
                seen.add(row.id or "")
        self.by_line = {line: self.elements[t, r] for t, table in enumerate(report.tables)
                        for r, row in enumerate(table.rows) for line in row.lines}

    def item(self, reference: int | str) -> str | None:
        """The identifier of the item a reference (a number or an identifier) names, if the table has
        it: by the rule the parser's check and ``Report.resolve`` use (``schema.resolve.ItemIndex``)."""
        row = self.items.find(reference)
        return row.id if row is not None else None

    def link(self, reference: int | str) -> HtmlElement:
        target = self.item(reference)
        text = f"item {reference}"
        return link_to(anchor(target), text) if target is not None else E.span(classes("unresolved"), xml_text(text))


# --- header and diagnostics --------------------------------------------------------------------

def _blocks(cell: Cell) -> list[HtmlElement]:
    out: list[HtmlElement] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            out.append(E.p(xml_text(block.text)))
        elif isinstance(block, ListBlock):
            out.append(E.ul(*(E.li(xml_text(item)) for item in block.items)))
    return out


def _pieces(cell: Cell) -> list[str]:
    """The cell's paragraphs and list items: the audiences, where the audience cell was not split further."""
    return [text for block in cell.blocks
            for text in ([block.text] if isinstance(block, Paragraph) else block.items)]


def _fragment(previous: Provenance | None, fragment: Provenance) -> HtmlElement:
    where = f"p. {fragment.page} · line {fragment.line}"
    attributes = {"data-join": fragment.join.value, "data-page": str(fragment.page), "data-line": str(fragment.line)}
    tip = JOIN_HELP[fragment.join]
    if fragment.bbox is not None:
        box = fragment.bbox
        tip += f" Box on the page: x {box.x0:g}–{box.x1:g}, y {box.top:g}–{box.bottom:g} pt."
    attributes["title"] = xml_text(tip)
    if previous is None or fragment.join is Join.START:
        return E.li(classes("fragment"), attributes, where)
    kind = "page-break" if fragment.page != previous.page else "same-page"
    return E.li(classes("fragment", "joined", kind), attributes,
                f"⤷ {where} · ", E.span(classes("join"), JOIN_WORDS[fragment.join]))


def _source(cell: Cell, column: int | None, fragments: Fragments) -> HtmlElement | None:
    """The cell's source fragments as written, folded: each with its line or its table position."""
    found = []
    for place in cell.provenance:
        text = fragments.fragment(place, column)
        if text is None:
            continue
        where = (f"table {place.position.table} · row {place.position.row} · column {place.position.column}"
                 if place.position is not None else f"line {place.line}")
        found.append(E.li(E.span(classes("where"), where), E.pre(classes("raw"), xml_text(text))))
    if not found:
        return None
    return E.details(classes("source"), E.summary("source as written"), E.ol(*found))


def _cell(row: Row, key: str, cell: Cell | None, index: RowIndex, audience_key: str | None,
          column: int | None = None, sources: Sources | None = None) -> HtmlElement:
    if cell is None:  # a row without this column (never in a parsed table, but the model allows it)
        return E.td(classes("cell", "missing"), {"data-key": key}, E.p(classes("empty-note"), "no such cell"))
    pages = sorted({p.page for p in cell.provenance})
    spans = len(pages) > 1
    td = E.td(classes("cell", "empty" if not cell.text else "", "inherited" if cell.inherited_from is not None else "",
                   "spans-pages" if spans else ""), {"data-key": key})
    if spans:
        td.append(E.span(classes("span-badge"), {"title": "This cell runs over a page break."},
                         _spans(pages, "p.", "pp.")))
    if cell.inherited_from is not None:
        source = index.item(cell.inherited_from)
        text = f"same as item {cell.inherited_from}"
        note = link_to(anchor(source), text) if source is not None else xml_text(text)
        td.append(E.p(classes("inherited-note"), note))
    content = _blocks(cell)
    td.append(E.div(classes("content"), *content) if content else E.p(classes("empty-note"), "empty"))
    meta = E.div(classes("meta"))
    if cell.inherited_from is not None:
        meta.append(E.span(classes("from"), xml_text(f"item {cell.inherited_from}'s cell:")))
    fragments = E.ol(classes("fragments"))
    previous: Provenance | None = None
    for fragment in cell.provenance:
        fragments.append(_fragment(previous, fragment))
        previous = fragment
    meta.append(fragments)
    if cell.references:
        refs = E.p(classes("refs"), "→ ")
        for n, reference in enumerate(cell.references):
            if n:
                refs.append(E.span(", "))
            refs.append(index.link(reference))
        meta.append(refs)
    if key == audience_key and row.audiences and row.audiences != _pieces(cell):
        meta.append(E.p(classes("audiences"), "audiences: ",
                        *(E.span(classes("tag"), xml_text(audience)) for audience in row.audiences)))
    if sources is not None and sources.fragments is not None:
        folded = _source(cell, column, sources.fragments)
        if folded is not None:
            meta.append(folded)
    td.append(meta)
    return td


def _header(table: Table, keys: list[str]) -> HtmlElement:
    by_key = {column.key: column for column in table.columns}
    columns = [by_key.get(key) or Column(key=key, label=key, group=None) for key in keys]
    number_label = xml_text(by_key["number"].label if "number" in by_key else "No.")
    grouped = any(column.group for column in columns)
    if not grouped:
        return E.thead(E.tr(E.th({"scope": "col", "class": "id"}, number_label),
                            *(E.th({"scope": "col", "data-key": c.key}, xml_text(c.label)) for c in columns)))
    top = E.tr(classes("groups"), E.th({"scope": "col", "rowspan": "2", "class": "id"}, number_label))
    bottom = E.tr()
    n = 0
    while n < len(columns):
        group = columns[n].group
        if group is None:
            top.append(E.th({"scope": "col", "rowspan": "2", "data-key": columns[n].key}, xml_text(columns[n].label)))
            n += 1
            continue
        span = 1
        while n + span < len(columns) and columns[n + span].group == group:
            span += 1
        top.append(E.th({"scope": "colgroup", "colspan": str(span), "class": "group"}, xml_text(group)))
        for column in columns[n:n + span]:
            bottom.append(E.th({"scope": "col", "data-key": column.key}, xml_text(column.label)))
        n += span
    return E.thead(top, bottom)


def _widths(table: Table, keys: list[str]) -> HtmlElement:
    """Column widths by how much text each column holds (square root, so no column starves)."""
    weights = []
    rows = [row.cells() for row in table.rows]
    for key in keys:
        lengths = [len(cells[key].text) for cells in rows if key in cells]
        weights.append(math.sqrt(sum(lengths) / len(lengths)) if lengths else 0.0)
    floor = max(0.6 * sum(weights) / len(weights), 1.0) if weights else 1.0
    weights = [max(weight, floor) for weight in weights]
    total = sum(weights) or 1.0
    cols = [E.col(classes("id"))]
    cols += [E.col({"data-key": key, "style": f"width: {90 * w / total:.1f}%"})
             for key, w in zip(keys, weights, strict=True)]
    return E.colgroup(*cols)


def _pictures(crops: list[Crop], width: int, href: str | None) -> HtmlElement:
    """A row's page regions as printed, one picture a page, each with a link to the PDF at that page."""
    figures = []
    for crop in crops:
        caption = [f"p. {crop.page} as printed"]
        if href is not None:
            caption += [" · ", E.a({"href": xml_text(f"{href}#page={crop.page}")}, "open the PDF at this page")]
        figures.append(E.figure(E.img({"src": crop.uri, "width": str(crop.width), "height": str(crop.height),
                                       "alt": f"page {crop.page} of the source, where this row stands"}),
                                E.figcaption(*caption)))
    return E.tr(classes("page-image"), E.td({"colspan": str(width)},
                                            E.details({"open": "open"}, E.summary("the row on the page"), *figures)))


def _row(row: Row, element_id: str, keys: list[str], index: RowIndex, audience_key: str | None,
         columns: dict[str, int] | None = None, sources: Sources | None = None) -> HtmlElement:
    cells = row.cells()
    name = (row.id or "") + (f" ({row.part})" if row.part else "")
    head = E.th({"scope": "row", "class": "id"},
                E.a(classes("id-link"), {"href": _element_href(element_id)}, xml_text(name or "–")),
                E.div(classes("rowmeta"), _spans(row.pages, "p.", "pp.")),
                E.div(classes("rowmeta"), _spans(row.lines, "line", "lines")))
    if audience_key is None and row.audiences:  # audiences without an audience column: not from a parse
        tags = (E.span(classes("tag"), xml_text(audience)) for audience in row.audiences)
        head.append(E.p(classes("audiences"), *tags))
    return E.tr({"id": element_id, "class": "row"}, head,
                *(_cell(row, key, cells.get(key), index, audience_key, (columns or {}).get(key), sources)
                  for key in keys))


def table_elements(table: Table, position: int, index: RowIndex, *, several: bool,
                   sources: Sources | None = None) -> list[HtmlElement]:
    keys = [column.key for column in table.columns if column.key != "number"]
    for record in table.rows:
        keys.extend(key for key in record.cells() if key not in keys)
    audience_key = next((key for key in AUDIENCE_KEYS if key in keys), None)
    columns = {column.key: n for n, column in enumerate(table.columns)}  # a text export's field on its line
    body = E.tbody()
    section = None
    for r, row in enumerate(table.rows):
        if row.section is not None and row.section != section:
            body.append(E.tr(classes("section"), E.th({"scope": "rowgroup", "colspan": str(len(keys) + 1)},
                                                   xml_text(row.section))))
        section = row.section
        body.append(_row(row, index.elements[position, r], keys, index, audience_key, columns, sources))
        crops = sources.crops.get((position, r)) if sources is not None else None
        if crops:
            body.append(_pictures(crops, len(keys) + 1, sources.href if sources is not None else None))
    if not table.rows:
        body.append(E.tr(E.td({"colspan": str(len(keys) + 1), "class": "no-rows"}, "The table has no rows.")))
    parts = []
    if table.heading or several:
        parts.append(E.h2(classes("table-heading"), xml_text(table.heading or f"Table {position + 1}")))
    parts.append(E.table(classes("report"), _widths(table, keys), _header(table, keys), body))
    return parts
