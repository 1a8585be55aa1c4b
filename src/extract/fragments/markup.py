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
from functools import lru_cache
from typing import Literal, NamedTuple

import lxml.html
from lxml import etree

from extract.fragments.repair import repair_markup
from extract.fragments.text import BULLET_PATTERN, collapse

# The parser's options, set explicitly: no network access for anything a fragment
# points at, libxml2's size and depth limits kept (huge_tree off), comments and
# processing instructions dropped. lxml's HTMLParser has no entity-resolution or
# DTD-loading switch: libxml2's HTML parser decodes only HTML's predefined
# character entities and never loads a DTD or an external entity.
PARSER = lxml.html.HTMLParser(  # type: ignore[call-arg]  # lxml-stubs lacks default_doctype (lxml has it)
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
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template"})
_BULLET = re.compile(BULLET_PATTERN)
_PARAGRAPH_GAP = re.compile(r"\s{2,}")
_GAP_MARK = "\x00"  # stands for a paragraph gap; control characters are removed before it is used
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:)])")  # used with .match: at the start only
# C0 controls (but tab, newline and carriage return) and DEL: not text, and not allowed in XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TextBlock(NamedTuple):
    """A paragraph (one item) or a list (its items), each item clean text."""

    kind: Literal["paragraph", "list"]
    items: tuple[str, ...]


def is_blank(fragment: str) -> bool:
    """Whether a fragment holds no text: exactly when ``parse_fragment`` finds no block."""
    if "<" not in fragment and "&" not in fragment:
        return not collapse(fragment)
    return not parse_fragment(fragment)


@lru_cache(maxsize=4096)
def parse_fragment(fragment: str, *, split_gaps: bool = True) -> tuple[TextBlock, ...]:
    """Blocks of one cell fragment, in order; empty blocks are dropped.

    ``split_gaps``: in a cell without block tags, two or more spaces separate paragraphs.
    """
    fragment = _CONTROL.sub(" ", fragment)
    if "<" not in fragment and "&" not in fragment:
        return _plain_blocks(_PARAGRAPH_GAP.split(fragment) if split_gaps else [fragment])
    fragment = repair_markup(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=PARSER)
    except etree.ParserError:  # "Document is empty": markup only (a lone "<!DOCTYPE"), no text
        return ()
    if not _has_block(root):
        # Two or more spaces in the source text (not ones left by tag boundaries) separate paragraphs.
        return _plain_blocks(_inline_text(root, mark_gaps=split_gaps).split(_GAP_MARK))
    blocks: list[TextBlock] = []
    _collect_blocks(root, blocks)
    return tuple(blocks)


def _has_block(element: etree._Element) -> bool:
    return any(isinstance(el.tag, str) and el.tag in _BLOCK_TAGS for el in element.iterdescendants())


def _plain_blocks(parts: list[str]) -> tuple[TextBlock, ...]:
    """Paragraphs of a cell without block tags; paragraphs opening with a bullet glyph make a list."""
    paragraphs = [collapse(part) for part in parts]
    blocks: list[TextBlock] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        bullet = _BULLET.match(paragraph)
        if bullet and not paragraph[bullet.end():]:
            continue  # a bullet with no item yet, as an empty <li>: markup, not text
        if bullet:
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


def _inline_text(element: etree._Element, *, mark_gaps: bool = False) -> str:
    """The text inside an element, whitespace kept, scripts and styles skipped.

    Block children are set apart by spaces. With ``mark_gaps``, a run of two or more
    spaces inside one text node becomes a gap mark.
    """

    def text(piece: str | None) -> str:
        return _PARAGRAPH_GAP.sub(_GAP_MARK, piece) if mark_gaps and piece else piece or ""

    parts = [text(element.text)]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            if child.tag == "br":
                parts.append(" ")
            elif child.tag in _BLOCK_TAGS:
                parts.append(f" {_inline_text(child, mark_gaps=mark_gaps)} ")
            else:
                parts.append(_inline_text(child, mark_gaps=mark_gaps))
        parts.append(text(_tail(child)))
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


def _item_text(parts: list[str]) -> str:
    text = collapse("".join(parts))
    bullet = _BULLET.match(text)
    return text[bullet.end():] if bullet else text


def _list_items(element: etree._Element) -> list[str]:
    """The items of a list (nested lists flattened, in order) or of one bare ``<li>``.

    Text in a list outside any ``<li>`` becomes an item of its own; text in an item
    after a nested list becomes an item after the nested list's items.
    """
    items: list[str] = []
    loose: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag in _LIST_TAGS or (tag == "li" and element.tag != "li"):
            items.extend(filter(None, [_item_text(loose)]))
            loose = []
            items.extend(_list_items(child))
        elif tag is not None and tag not in _SKIP_TAGS:
            loose.append(" " if tag == "br" else f" {_inline_text(child)} ")
        loose.append(_tail(child))
    items.extend(filter(None, [_item_text(loose)]))
    return items
