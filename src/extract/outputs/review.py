"""The review page: one self-contained HTML5 page to check an extraction against the original.

``to_html(report)`` gives the reconstructed table with, on each cell, where its text came from:
the page and line of every source fragment and how each fragment was joined to the text before
it (a page-break join is marked), inherited (vertically merged) cells marked with the item they
repeat, references linked within the page, the diagnostics and a legend (its examples from this
report's own rows) at the top, and the commitments (each dated phrase, its range and tense,
linked to its row) at the foot.

The page is built with lxml's element builder, so every piece of text is escaped when it is
serialised; it has its CSS embedded (with print rules), no scripts and no external resource (page
pictures are ``data:`` URIs): the only links are to anchors within the page (``#item-ID``) and,
for a PDF, to the source PDF at a page. The output is deterministic.
"""

from __future__ import annotations

from importlib import resources
from typing import NamedTuple

from lxml import html
from lxml.html import HtmlElement

from extract.outputs.review_sources import sources
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
from schema import Diagnostic, Join, Report

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


class _Examples(NamedTuple):
    """The legend's examples, each from this report's own rows (None where it has none)."""

    fragment: str | None
    joined: tuple[str, str] | None
    inherited: str | None
    reference: str | None
    audience: str | None


def _examples(report: Report) -> _Examples:
    fragment = joined = inherited = reference = audience = None
    for row in report.records:
        audience = audience or (row.audiences[0] if row.audiences else None)
        for cell in row.cells().values():
            if cell.inherited_from is not None:
                inherited = inherited or f"same as item {cell.inherited_from}"
                continue
            reference = reference or (f"→ item {cell.references[0]}" if cell.references else None)
            previous = None
            for place in cell.provenance:
                fragment = fragment or f"p. {place.page} · line {place.line}"
                if joined is None and previous is not None and place.join is not Join.START and \
                        place.page != previous.page:
                    joined = (f"⤷ p. {place.page} · line {place.line} · {JOIN_WORDS[place.join]}",
                              JOIN_WORDS[place.join])
                previous = place
    return _Examples(fragment, joined, inherited, reference, audience)


def _sample(text: str | None, *names: str) -> HtmlElement:
    """A legend sample from this report, or a note that it has none."""
    if text is None:
        return E.span(classes("none-here"), "(none in this report)")
    return E.span(classes(*names, "sample"), xml_text(text))


def _legend(report: Report) -> HtmlElement:
    examples = _examples(report)
    joins = E.dl(classes("joins"))
    for join, words in JOIN_SHORT.items():
        joins.append(E.dt(JOIN_WORDS[join]))
        joins.append(E.dd(words))
    return E.aside(
        classes("legend"),
        E.h2("Reading the table"),
        E.ul(
            E.li(_sample(examples.fragment, "fragment"),
                 " where each source fragment of a cell stands in the original (for a PDF or a Word file, "
                 "line is the row's ordinal)"),
            E.li(_sample(examples.joined[0] if examples.joined else None, "fragment", "joined", "page-break"),
                 " a fragment joined to the text before it across a page break, and how:"),
        ),
        joins,
        E.ul(
            E.li(_sample(examples.inherited, "inherited-note"),
                 " a vertically merged cell: the named item's cell, repeated"),
            E.li(_sample(examples.reference, "refs"), " an item the cell refers to"),
            E.li(_sample(examples.audience, "tag"),
                 " the audiences read from an audience cell, where they are not simply its paragraphs"),
        ),
    )


def _commitments(report: Report, index: RowIndex) -> HtmlElement:
    """Every dated phrase of the responses: its range, tense and the cell it is in, linked to its row."""
    section = E.section({"id": "commitments", "class": "commitments"},
                        E.h2("Commitments ", E.span(classes("count"), str(len(report.commitments)))))
    if not report.commitments:
        section.append(E.p(classes("none"), "None: no dated phrase in the responses"
                           + ("" if report.report.published else " (or no publication date to count from)") + "."))
        return section
    body = E.tbody()
    for c in report.commitments:
        labels = {column.key: column.label for column in report.tables[c.table].columns}
        row = index.elements[c.table, c.row]
        name = c.id or f"row {c.row + 1}"
        body.append(E.tr(
            E.td(link_to(row, name)), E.td(xml_text(labels.get(c.field, c.field))),
            E.td(xml_text(c.phrase)), E.td(classes("mono"), c.start.isoformat()),
            E.td(classes("mono"), c.end.isoformat()), E.td(c.tense),
            E.td(xml_text(f"item {c.inherited_from}'s" if c.inherited_from is not None else ""))))
    head = E.thead(E.tr(*(E.th({"scope": "col"}, label) for label in
                          ("Row", "Cell", "Phrase", "From", "To", "Tense", "Repeated from"))))
    section.append(E.table(classes("commitment-table"), head, body))
    return section


# --- the table ---------------------------------------------------------------------------------

def to_html(report: Report, *, source: bytes | None = None, source_href: str | None = None) -> str:
    """The review page of ``report``: a complete HTML5 document, UTF-8, with a newline at the end.

    With ``source``, the bytes the report was read from, the page also shows the source itself: a
    PDF row's page regions as pictures (with a link to ``source_href#page=N``, the PDF from where
    the page is written), or any other input's fragments as written, folded under each cell."""
    index = RowIndex(report)
    shown = sources(source, report.source.file, report, source_href) if source is not None else None
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
            E.div(classes("top"), _diagnostics(report, index), _legend(report)),
            E.main(*(part for t, table in enumerate(report.tables)
                     for part in table_elements(table, t, index, several=len(report.tables) > 1,
                                                sources=shown))),
            _commitments(report, index),
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


def render(report: Report, *, compact: bool = False, source: bytes | None = None,
           source_href: str | None = None) -> tuple[bytes, ...]:
    """``--format html``: ``to_html`` as UTF-8."""
    return (to_html(report, source=source, source_href=source_href).encode("utf-8"),)
