"""The review page: one self-contained HTML5 page to check an extraction against the original.

``to_html(report)`` gives the reconstructed table with, on each cell, where its text came from:
the page and line of every source fragment and how each fragment was joined to the text before
it (a page-break join is marked), inherited (vertically merged) cells marked with the item they
repeat, references linked within the page, and the diagnostics at the top.

The page is built with lxml's element builder, so every piece of text is escaped when it is
serialised; it has its CSS embedded (with print rules), no scripts and no external URL: the only
links are to anchors within the page (``#item-ID``). The output is deterministic.
"""

from __future__ import annotations

import math
import re
from importlib import resources
from urllib.parse import quote

from lxml import html
from lxml.html import HtmlElement
from lxml.html import builder as B

from extract.analyze import AUDIENCE_KEYS
from extract.outputs.tables import cell_keys
from schema import Cell, Column, Diagnostic, Join, ListBlock, Paragraph, Provenance, Recommendation, Record, Report
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
_LINE_AFTER = frozenset({"head", "meta", "title", "style", "body", "header", "section", "aside", "main", "footer",
                         "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "dl",
                         "dt", "dd", "p", "div", "h1", "h2"})


def _t(text: object) -> str:
    """Text as lxml can hold it: characters XML cannot carry become U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text))


def _cls(*names: str) -> dict[str, str]:
    """A class attribute of the non-empty names; none at all when every name is empty."""
    value = " ".join(name for name in names if name)
    return {"class": value} if value else {}


def anchor(identifier: str) -> str:
    """The id of a row's element: ``item-`` and the identifier as printed."""
    return _t(f"item-{identifier}")


def href(identifier: str) -> str:
    """A link to a row: ``#item-ID``, percent-encoding only what a URL fragment cannot hold."""
    return "#" + quote(anchor(identifier), safe="-._~!$&'()*+,;=:@/?")


def _link(identifier: str, text: str) -> HtmlElement:
    return E.a({"href": href(identifier)}, _t(text))


def _stylesheet() -> str:
    return resources.files("extract.outputs").joinpath("review.css").read_text(encoding="utf-8")


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


class _Index:
    """What the page needs to know across rows: identifiers by number, rows by source line."""

    def __init__(self, report: Report) -> None:
        self.items: ItemIndex[Row] = ItemIndex(report.records)
        self.by_line = {line: row.id for row in report.records for line in row.lines}

    def item(self, reference: int | str) -> str | None:
        """The identifier of the item a reference (a number or an identifier) names, if the table has
        it: by the rule the parser's check and ``Report.resolve`` use (``schema.resolve.ItemIndex``)."""
        row = self.items.find(reference)
        return row.id if row is not None else None

    def link(self, reference: int | str) -> HtmlElement:
        target = self.item(reference)
        text = f"item {reference}"
        return _link(target, text) if target is not None else E.span(_cls("unresolved"), _t(text))


# --- header and diagnostics --------------------------------------------------------------------


def _facts(report: Report) -> HtmlElement:
    info, source = report.report, report.source
    facts: list[tuple[str, str]] = []
    if info.responder:
        facts.append(("Responder", info.responder))
    if info.title:
        facts.append(("Report", info.title))
    if info.published:
        facts.append(("Published", info.published.isoformat()))
    facts += [
        ("Source", source.file),
        ("Format", source.format + (f", {source.encoding}" if source.encoding else "")),
        ("Pages", str(source.page_count)),
        ("SHA-256", source.sha256),
    ]
    items = []
    for term, value in facts:
        width = {"Report": "wide", "SHA-256": "sha"}.get(term, "")
        items.append(E.div(_cls("fact", width), E.dt(_t(term)),
                           E.dd(_cls("mono" if term == "SHA-256" else ""), _t(value))))
    return E.dl(_cls("facts"), *items)


def _summary(report: Report) -> HtmlElement:
    cells = [cell for row in report.records for cell in row.cells().values()]
    spanning = sum(1 for cell in cells if len({p.page for p in cell.provenance}) > 1)
    inherited = sum(1 for cell in cells if cell.inherited_from is not None)
    empty = sum(1 for cell in cells if not cell.text)
    counts = [
        (len(report.records), "row", "rows"),
        (len(cell_keys(report)), "column", "columns"),
        (spanning, "cell across a page break", "cells across page breaks"),
        (inherited, "inherited cell", "inherited cells"),
        (empty, "empty cell", "empty cells"),
        (len(report.diagnostics), "diagnostic", "diagnostics"),
    ]
    return E.ul(_cls("summary"), *(E.li(E.strong(str(n)), " " + (one if n == 1 else many)) for n, one, many in counts))


def _diagnostic(diagnostic: Diagnostic, index: _Index) -> HtmlElement:
    where = ", ".join(part for part in (
        f"line {diagnostic.line}" if diagnostic.line is not None else "",
        f"p. {diagnostic.page}" if diagnostic.page is not None else "") if part)
    item = E.li(_cls("diagnostic", diagnostic.severity.value),
                E.span(_cls("severity"), _t(diagnostic.severity.value)), " ",
                E.code(_cls("code"), _t(diagnostic.code)), " ",
                E.span(_cls("message"), _t(diagnostic.message)))
    if where:
        row = index.by_line.get(diagnostic.line) if diagnostic.line is not None else None
        item.append(E.span(_cls("where"), _link(row, where) if row is not None else _t(where)))
    return item


def _diagnostics(report: Report, index: _Index) -> HtmlElement:
    section = E.section({"id": "diagnostics", "class": "diagnostics"},
                        E.h2("Diagnostics ", E.span(_cls("count"), str(len(report.diagnostics)))))
    if report.diagnostics:
        section.append(E.ul(*(_diagnostic(d, index) for d in report.diagnostics)))
    else:
        section.append(E.p(_cls("none"), "None: the parser noticed nothing to warn about."))
    return section


def _legend() -> HtmlElement:
    joins = E.dl(_cls("joins"))
    for join, words in JOIN_SHORT.items():
        joins.append(E.dt(JOIN_WORDS[join]))
        joins.append(E.dd(words))
    return E.aside(
        _cls("legend"),
        E.h2("Reading the table"),
        E.ul(
            E.li(E.span(_cls("fragment", "sample"), "p. 4 · line 24"),
                 " where each source fragment of a cell stands in the original (for a PDF, line is the row's ordinal)"),
            E.li(E.span(_cls("fragment", "joined", "page-break", "sample"), "⤷ p. 5 · line 28 · carried sentence"),
                 " a fragment joined to the text before it across a page break, and how:"),
        ),
        joins,
        E.ul(
            E.li(E.span(_cls("inherited-note", "sample"), "same as item 14"),
                 " a vertically merged cell: the named item's cell, repeated"),
            E.li(E.span(_cls("refs", "sample"), "→ item 7"), " an item the cell refers to"),
            E.li(E.span(_cls("tag", "sample"), "audience"),
                 " the audiences read from an audience cell, where they are not simply its paragraphs"),
        ),
    )


# --- the table ---------------------------------------------------------------------------------


def _blocks(cell: Cell) -> list[HtmlElement]:
    out: list[HtmlElement] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            out.append(E.p(_t(block.text)))
        elif isinstance(block, ListBlock):
            out.append(E.ul(*(E.li(_t(item)) for item in block.items)))
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
    attributes["title"] = _t(tip)
    if previous is None or fragment.join is Join.START:
        return E.li(_cls("fragment"), attributes, where)
    kind = "page-break" if fragment.page != previous.page else "same-page"
    return E.li(_cls("fragment", "joined", kind), attributes,
                f"⤷ {where} · ", E.span(_cls("join"), JOIN_WORDS[fragment.join]))


def _cell(row: Row, key: str, cell: Cell | None, index: _Index, audience_key: str | None) -> HtmlElement:
    if cell is None:  # a row without this column (never in a parsed table, but the model allows it)
        return E.td(_cls("cell", "missing"), {"data-key": key}, E.p(_cls("empty-note"), "no such cell"))
    pages = sorted({p.page for p in cell.provenance})
    spans = len(pages) > 1
    td = E.td(_cls("cell", "empty" if not cell.text else "", "inherited" if cell.inherited_from is not None else "",
                   "spans-pages" if spans else ""), {"data-key": key})
    if spans:
        td.append(E.span(_cls("span-badge"), {"title": "This cell runs over a page break."},
                         _spans(pages, "p.", "pp.")))
    if cell.inherited_from is not None:
        source = index.item(cell.inherited_from)
        text = f"same as item {cell.inherited_from}"
        td.append(E.p(_cls("inherited-note"), _link(source, text) if source is not None else _t(text)))
    content = _blocks(cell)
    td.append(E.div(_cls("content"), *content) if content else E.p(_cls("empty-note"), "empty"))
    meta = E.div(_cls("meta"))
    if cell.inherited_from is not None:
        meta.append(E.span(_cls("from"), _t(f"item {cell.inherited_from}'s cell:")))
    fragments = E.ol(_cls("fragments"))
    previous: Provenance | None = None
    for fragment in cell.provenance:
        fragments.append(_fragment(previous, fragment))
        previous = fragment
    meta.append(fragments)
    if cell.references:
        refs = E.p(_cls("refs"), "→ ")
        for n, reference in enumerate(cell.references):
            if n:
                refs.append(E.span(", "))
            refs.append(index.link(reference))
        meta.append(refs)
    if key == audience_key and row.audiences and row.audiences != _pieces(cell):
        meta.append(E.p(_cls("audiences"), "audiences: ",
                        *(E.span(_cls("tag"), _t(audience)) for audience in row.audiences)))
    td.append(meta)
    return td


def _header(report: Report, keys: list[str]) -> HtmlElement:
    by_key = {column.key: column for column in report.columns}
    columns = [by_key.get(key) or Column(key=key, label=key, group=None) for key in keys]
    number_label = _t(by_key["number"].label if "number" in by_key else "No.")
    grouped = any(column.group for column in columns)
    if not grouped:
        return E.thead(E.tr(E.th({"scope": "col", "class": "id"}, number_label),
                            *(E.th({"scope": "col", "data-key": c.key}, _t(c.label)) for c in columns)))
    top = E.tr(_cls("groups"), E.th({"scope": "col", "rowspan": "2", "class": "id"}, number_label))
    bottom = E.tr()
    n = 0
    while n < len(columns):
        group = columns[n].group
        if group is None:
            top.append(E.th({"scope": "col", "rowspan": "2", "data-key": columns[n].key}, _t(columns[n].label)))
            n += 1
            continue
        span = 1
        while n + span < len(columns) and columns[n + span].group == group:
            span += 1
        top.append(E.th({"scope": "colgroup", "colspan": str(span), "class": "group"}, _t(group)))
        for column in columns[n:n + span]:
            bottom.append(E.th({"scope": "col", "data-key": column.key}, _t(column.label)))
        n += span
    return E.thead(top, bottom)


def _widths(report: Report, keys: list[str]) -> HtmlElement:
    """Column widths by how much text each column holds (square root, so no column starves)."""
    weights = []
    rows = [row.cells() for row in report.records]
    for key in keys:
        lengths = [len(cells[key].text) for cells in rows if key in cells]
        weights.append(math.sqrt(sum(lengths) / len(lengths)) if lengths else 0.0)
    floor = max(0.6 * sum(weights) / len(weights), 1.0) if weights else 1.0
    weights = [max(weight, floor) for weight in weights]
    total = sum(weights) or 1.0
    cols = [E.col(_cls("id"))]
    cols += [E.col({"data-key": key, "style": f"width: {90 * w / total:.1f}%"})
             for key, w in zip(keys, weights, strict=True)]
    return E.colgroup(*cols)


def _row(row: Row, keys: list[str], index: _Index, audience_key: str | None) -> HtmlElement:
    cells = row.cells()
    head = E.th({"scope": "row", "class": "id"},
                E.a(_cls("id-link"), {"href": href(row.id)}, _t(row.id)),
                E.div(_cls("rowmeta"), _spans(row.pages, "p.", "pp.")),
                E.div(_cls("rowmeta"), _spans(row.lines, "line", "lines")))
    if audience_key is None and row.audiences:  # audiences without an audience column: not from a parse
        head.append(E.p(_cls("audiences"), *(E.span(_cls("tag"), _t(audience)) for audience in row.audiences)))
    return E.tr({"id": anchor(row.id), "class": "row"}, head,
                *(_cell(row, key, cells.get(key), index, audience_key) for key in keys))


def _table(report: Report, index: _Index) -> HtmlElement:
    keys = cell_keys(report)
    audience_key = next((key for key in AUDIENCE_KEYS if key in keys), None)
    body = E.tbody(*(_row(row, keys, index, audience_key) for row in report.records))
    if not report.records:
        body.append(E.tr(E.td({"colspan": str(len(keys) + 1), "class": "no-rows"}, "The table has no rows.")))
    return E.table(_cls("report"), _widths(report, keys), _header(report, keys), body)


def to_html(report: Report) -> str:
    """The review page of ``report``: a complete HTML5 document, UTF-8, with a newline at the end."""
    index = _Index(report)
    heading = report.title or report.source.file
    page = E.html(
        {"lang": "en"},
        E.head(
            E.meta({"charset": "utf-8"}),
            E.meta({"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            E.meta({"name": "generator", "content": f"report-extract (schema {report.schema_version})"}),
            E.title(_t(f"Review: {heading}")),
            E.style(_stylesheet()),
        ),
        E.body(
            E.header(_cls("page-header"),
                     E.p(_cls("kicker"), "Extraction review"),
                     E.h1(_t(heading)),
                     _facts(report),
                     _summary(report)),
            E.div(_cls("top"), _diagnostics(report, index), _legend()),
            E.main(_table(report, index)),
            E.footer(_cls("page-footer"),
                     _t(f"report-extract, schema {report.schema_version} · {report.source.file} · "
                        f"SHA-256 {report.source.sha256}")),
        ),
    )
    for element in page.iter():
        if element.tag in _LINE_AFTER and not element.tail:
            element.tail = "\n"
    text: str = html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode", method="html")
    return text + "\n"


def render(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format html``: ``to_html`` as UTF-8."""
    return (to_html(report).encode("utf-8"),)
