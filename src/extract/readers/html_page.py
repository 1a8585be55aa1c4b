"""A web page's markup parsed into a tree that holds all of its text.

lxml's HTML parser (libxml2, with the cells' safe settings: ``extract.fragments.PARSER``) builds
no element deeper than 256 levels and drops, without a word, what stands deeper: an old page
whose ``<font>`` tags were never closed loses its table's later rows. A page whose tree reaches
that depth is parsed again without the tags that only style or group (``<font>``, ``<span>``,
``<div>`` …: their text kept, a block's as words apart); one still that deep, with its tables'
and headings' tags only; one whose tables nest that deep is read as far as the parser builds it,
with a warning. An image's ``alt`` text is text where the image stands;
``<script>``, ``<style>``, ``<template>`` and ``<noscript>`` are never read.
"""

from __future__ import annotations

import html
import re
from typing import Any

import lxml.html
from lxml import etree

from extract.diagnostics import LOST_TEXT, info, warning
from extract.errors import NotTextError
from extract.fragments import PARSER
from schema import Diagnostic

NEVER_READ = ("script", "style", "template", "noscript")
#: libxml2's deepest element, ``<html>`` included: anything deeper is not built.
PARSER_DEPTH = 256
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NEVER_READ_CONTENT = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_IMG = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
#: The tags that make a page's tables, lists, paragraphs and headings: kept when the page is flattened.
_STRUCTURE = frozenset({"html", "head", "title", "body", "table", "caption", "thead", "tbody", "tfoot", "tr", "td",
                        "th", "p", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
                        "pre", "meta"})
_BLOCKS = frozenset({"div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote", "figure",
                     "figcaption", "center", "form", "fieldset", "address", "hr"})


def _alt_text(match: re.Match[str]) -> str:
    alt = _ALT.search(match[1])
    value = next((group for group in alt.groups() if group is not None), "") if alt else ""
    return f" {html.escape(html.unescape(value), quote=False)} " if value.strip() else match[0]


def _depth(root: Any) -> int:
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


#: The tags of a page's tables and headings: all that is kept of a page nested too deep even without
#: its styling and grouping tags (5,000 lists one inside the other).
_TABLES = frozenset({"html", "head", "title", "body", "table", "caption", "thead", "tbody", "tfoot", "tr", "td",
                     "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "meta"})


def _flattened(text: str, kept: frozenset[str]) -> str:
    """The page with only the ``kept`` tags, the others' text kept (a block's words apart)."""
    text = _NEVER_READ_CONTENT.sub(" ", text)
    return _TAG.sub(lambda tag: tag[0] if tag[2].lower() in kept else
                    ("" if tag[2].lower() not in _BLOCKS | _STRUCTURE else " "), text)


def _parse(text: str, name: str) -> Any:
    try:
        return lxml.html.document_fromstring(text, parser=PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise NotTextError(f"the page cannot be parsed as HTML ({exc})", file=name) from None


def parse_page(text: str, name: str) -> tuple[Any, list[Diagnostic]]:
    """The page's tree (never-read elements dropped) and what reading it noticed."""
    text = _XML_DECLARATION.sub("", text)  # XHTML's declaration: lxml takes no encoding declaration in text
    if "<img" in text or "<IMG" in text:
        text = _IMG.sub(_alt_text, text)
    root = _parse(text, name)
    notes: list[Diagnostic] = []
    if _depth(root) >= PARSER_DEPTH:
        root = _parse(_flattened(text, _STRUCTURE), name)
        notes.append(info(LOST_TEXT, f"the page's markup nests deeper than an HTML parser builds ({PARSER_DEPTH} "
                          "elements): read without its styling and grouping tags (<font>, <span>, <div> …)"))
    if _depth(root) >= PARSER_DEPTH:
        root = _parse(_flattened(text, _TABLES), name)
        notes[-1] = info(LOST_TEXT, f"the page's markup nests deeper than an HTML parser builds ({PARSER_DEPTH} "
                         "elements): read with its tables and headings only, every other tag dropped (the text kept)")
    if _depth(root) >= PARSER_DEPTH:
        notes[-1] = warning(LOST_TEXT, f"the page's tables nest deeper than an HTML parser builds ({PARSER_DEPTH} "
                            "elements): what stands deeper is not read")
    for element in list(root.iter(*NEVER_READ)):
        element.drop_tree()
    return root, notes
