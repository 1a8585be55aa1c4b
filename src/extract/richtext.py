"""One cell's HTML fragment to blocks: paragraphs and lists of clean text.

- ``<p>`` (and other block tags) make paragraphs, ``<ul>``/``<ol>``/``<li>`` make lists;
  list items lose leading bullet glyphs ("• ").
- Inline tags (``<i>``, ``<a>``) become plain text; entities are decoded; whitespace
  is collapsed; a space left before ``, . ; : )`` by a tag boundary is removed
  ("<i>Board Guide</i> , both" -> "Board Guide, both").
- In a cell with no block tags at all, two or more spaces separate paragraphs, and
  paragraphs that start with a bullet glyph form a list.
- ``<script>``/``<style>`` content, comments and processing instructions never
  reach the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import lxml.html
from lxml import etree

# The parser's options, set explicitly: no network access for anything a fragment
# points at, libxml2's size and depth limits kept (huge_tree off), comments and
# processing instructions dropped. lxml's HTMLParser has no entity-resolution or
# DTD-loading switch: libxml2's HTML parser decodes only HTML's predefined
# character entities and never loads a DTD or an external entity.
_PARSER = lxml.html.HTMLParser(
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    recover=True,
    default_doctype=False,
    collect_ids=False,
)

_LIST_TAGS = frozenset({"ul", "ol"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "section", "article", "pre", "table", "tr", "td", "th", "dl", "dt", "dd"}
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})
_BULLET = re.compile(r"[•◦▪▫‣⁃●○■□∙·]\s*")
_PARAGRAPH_GAP = re.compile(r"\s{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:)])")  # used with .match: at the start only
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph (one item) or a list (its items), each item clean text."""

    kind: Literal["paragraph", "list"]
    items: tuple[str, ...]


def collapse(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) to one space."""
    return " ".join(text.split())


def plain_text(fragment: str) -> str:
    """A fragment's text with tags dropped and whitespace collapsed (cheap: no HTML parse).

    For identifier cells and emptiness checks only; cell text goes through ``parse_fragment``.
    """
    if "<" in fragment:
        fragment = _TAG.sub(" ", fragment)
    if "&" in fragment:
        fragment = fragment.replace("&nbsp;", " ").replace("&#160;", " ")
    return collapse(fragment)


def is_blank(fragment: str) -> bool:
    """Whether a fragment holds no text at all."""
    return not plain_text(fragment)


def parse_fragment(fragment: str) -> tuple[TextBlock, ...]:
    """Blocks of one cell fragment, in order; empty blocks are dropped."""
    if "<" not in fragment and "&" not in fragment:
        return _plain_blocks(fragment)
    root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=_PARSER)
    if not _has_block(root):
        return _plain_blocks(_inline_text(root))
    blocks: list[TextBlock] = []
    _collect_blocks(root, blocks)
    return tuple(blocks)


def _has_block(element: etree._Element) -> bool:
    return any(isinstance(el.tag, str) and el.tag in _BLOCK_TAGS for el in element.iterdescendants())


def _plain_blocks(text: str) -> tuple[TextBlock, ...]:
    paragraphs = [collapse(part) for part in _PARAGRAPH_GAP.split(text)]
    blocks: list[TextBlock] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        bullet = _BULLET.match(paragraph)
        if bullet and paragraph[bullet.end():]:
            item = paragraph[bullet.end():]
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = TextBlock("list", blocks[-1].items + (item,))
            else:
                blocks.append(TextBlock("list", (item,)))
        else:
            blocks.append(TextBlock("paragraph", (paragraph,)))
    return tuple(blocks)


def _tail(element: etree._Element) -> str:
    """An element's tail, without a space that a tag boundary left before punctuation."""
    tail = element.tail or ""
    space = _SPACE_BEFORE_PUNCT.match(tail)
    return tail[space.end():] if space else tail


def _inline_text(element: etree._Element) -> str:
    """The text inside an element, whitespace kept, scripts and styles skipped."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            if child.tag == "br":
                parts.append(" ")
            else:
                parts.append(_inline_text(child))
        parts.append(_tail(child))
    return "".join(parts)


def _collect_blocks(element: etree._Element, blocks: list[TextBlock]) -> None:
    """Walk a container: block children become blocks, loose inline text a paragraph."""
    loose: list[str] = [element.text or ""]

    def flush() -> None:
        text = collapse("".join(loose))
        if text:
            blocks.append(TextBlock("paragraph", (text,)))
        loose.clear()

    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag in _SKIP_TAGS or tag is None:
            pass
        elif tag in _LIST_TAGS or tag == "li":
            flush()
            items = tuple(_list_items(child))
            if items:
                if tag == "li" and blocks and blocks[-1].kind == "list" and not _starts_new_list(child):
                    blocks[-1] = TextBlock("list", blocks[-1].items + items)
                else:
                    blocks.append(TextBlock("list", items))
        elif tag in _BLOCK_TAGS:
            flush()
            if _has_block(child):
                _collect_blocks(child, blocks)
            else:
                text = collapse(_inline_text(child))
                if text:
                    blocks.append(TextBlock("paragraph", (text,)))
        else:
            loose.append(" " if tag == "br" else _inline_text(child))
        loose.append(_tail(child))
    flush()


def _starts_new_list(li: etree._Element) -> bool:
    """A bare ``<li>`` continues the list just before it unless other content intervened."""
    previous = li.getprevious()
    return previous is None or previous.tag != "li"


def _list_items(element: etree._Element) -> list[str]:
    """The items of a list (nested lists flattened) or of one bare ``<li>``."""
    if element.tag == "li":
        nested = [el for el in element if isinstance(el.tag, str) and el.tag in _LIST_TAGS]
        own = collapse(_text_without(element, nested))
        own = own[_BULLET.match(own).end():] if _BULLET.match(own) else own
        items = [own] if own else []
        for sub in nested:
            items.extend(_list_items(sub))
        return items
    items: list[str] = []
    for child in element:
        if isinstance(child.tag, str) and (child.tag == "li" or child.tag in _LIST_TAGS):
            items.extend(_list_items(child))
    return items


def _text_without(element: etree._Element, excluded: list[etree._Element]) -> str:
    if not excluded:
        return _inline_text(element)
    parts = [element.text or ""]
    for child in element:
        if child not in excluded and isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            parts.append(_inline_text(child))
        parts.append(_tail(child))
    return "".join(parts)
