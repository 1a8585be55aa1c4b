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

from importlib import resources

from lxml import html
from lxml.html import HtmlElement

from extract.outputs.review_table import (
    JOIN_SHORT,
    JOIN_WORDS,
    E,
    RowIndex,
    classes,
    link_to,
    table_elements,
    xml_text,
)
from extract.outputs.tables import cell_keys
from schema import Diagnostic, Report

_LINE_AFTER = frozenset({"head", "meta", "title", "style", "body", "header", "section", "aside", "main", "footer",
                         "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "dl",
                         "dt", "dd", "p", "div", "h1", "h2"})


def _stylesheet() -> str:
    return resources.files("extract.outputs").joinpath("review.css").read_text(encoding="utf-8")



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
        items.append(E.div(classes("fact", width), E.dt(xml_text(term)),
                           E.dd(classes("mono" if term == "SHA-256" else ""), xml_text(value))))
    return E.dl(classes("facts"), *items)


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
    return E.ul(classes("summary"),
                *(E.li(E.strong(str(n)), " " + (one if n == 1 else many)) for n, one, many in counts))


def _diagnostic(diagnostic: Diagnostic, index: RowIndex) -> HtmlElement:
    where = ", ".join(part for part in (
        f"line {diagnostic.line}" if diagnostic.line is not None else "",
        f"p. {diagnostic.page}" if diagnostic.page is not None else "") if part)
    item = E.li(classes("diagnostic", diagnostic.severity.value),
                E.span(classes("severity"), xml_text(diagnostic.severity.value)), " ",
                E.code(classes("code"), xml_text(diagnostic.code)), " ",
                E.span(classes("message"), xml_text(diagnostic.message)))
    if where:
        row = index.by_line.get(diagnostic.line) if diagnostic.line is not None else None
        item.append(E.span(classes("where"), link_to(row, where) if row is not None else xml_text(where)))
    return item


def _diagnostics(report: Report, index: RowIndex) -> HtmlElement:
    section = E.section({"id": "diagnostics", "class": "diagnostics"},
                        E.h2("Diagnostics ", E.span(classes("count"), str(len(report.diagnostics)))))
    if report.diagnostics:
        section.append(E.ul(*(_diagnostic(d, index) for d in report.diagnostics)))
    else:
        section.append(E.p(classes("none"), "None: the parser noticed nothing to warn about."))
    return section


def _legend() -> HtmlElement:
    joins = E.dl(classes("joins"))
    for join, words in JOIN_SHORT.items():
        joins.append(E.dt(JOIN_WORDS[join]))
        joins.append(E.dd(words))
    return E.aside(
        classes("legend"),
        E.h2("Reading the table"),
        E.ul(
            E.li(E.span(classes("fragment", "sample"), "p. 4 · line 24"),
                 " where each source fragment of a cell stands in the original (for a PDF, line is the row's ordinal)"),
            E.li(E.span(classes("fragment", "joined", "page-break", "sample"), "⤷ p. 5 · line 28 · carried sentence"),
                 " a fragment joined to the text before it across a page break, and how:"),
        ),
        joins,
        E.ul(
            E.li(E.span(classes("inherited-note", "sample"), "same as item 14"),
                 " a vertically merged cell: the named item's cell, repeated"),
            E.li(E.span(classes("refs", "sample"), "→ item 7"), " an item the cell refers to"),
            E.li(E.span(classes("tag", "sample"), "audience"),
                 " the audiences read from an audience cell, where they are not simply its paragraphs"),
        ),
    )


# --- the table ---------------------------------------------------------------------------------

def to_html(report: Report) -> str:
    """The review page of ``report``: a complete HTML5 document, UTF-8, with a newline at the end."""
    index = RowIndex(report)
    heading = report.title or report.source.file
    page = E.html(
        {"lang": "en"},
        E.head(
            E.meta({"charset": "utf-8"}),
            E.meta({"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            E.meta({"name": "generator", "content": f"report-extract (schema {report.schema_version})"}),
            E.title(xml_text(f"Review: {heading}")),
            E.style(_stylesheet()),
        ),
        E.body(
            E.header(classes("page-header"),
                     E.p(classes("kicker"), "Extraction review"),
                     E.h1(xml_text(heading)),
                     _facts(report),
                     _summary(report)),
            E.div(classes("top"), _diagnostics(report, index), _legend()),
            E.main(*(part for t, table in enumerate(report.tables)
                     for part in table_elements(table, t, index, several=len(report.tables) > 1))),
            E.footer(classes("page-footer"),
                     xml_text(f"report-extract, schema {report.schema_version} · {report.source.file} · "
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
