"""Markup that would lose text in an HTML parser, mended before the parse.

An HTML parser drops text it reads as markup. In a cell fragment that text is the
publisher's, so it is kept:

- a ``<`` that opens no tag (no ``>`` before the next ``<`` or the end: "Budget
  a<b then rises") and an unterminated ``<!--`` are text (comments are dropped
  first, as the parser drops them);
- a CDATA section is text; so is everything after ``<plaintext>``;
- a tag of a name no HTML element has is text ("<Recommendation ID>", an address in
  angle brackets, "North<South and East>West");
- ``<title>``, ``<iframe>``, ``<textarea>``, ``<xmp>``, ``<noembed>``, ``<noframes>``
  and ``<noscript>`` are inline elements like any other; an image is its ``alt`` text;
- numeric references to characters no text may hold (C0 controls but tab and line
  ends, U+FFFE, U+FFFF, surrogates, beyond U+10FFFF) are spaces, as raw control
  characters are;
- nesting deeper than libxml2 builds (256 elements) loses its inline tags, and if
  still too deep all its tags: the text stays, its structure goes.

What is still dropped (scripts, styles, comments, templates) is reported by the
cell stage (``extract.stitch.cells``), which compares the words with
``text.source_words``.
"""

from __future__ import annotations

import html
import re

from extract.fragments.text import is_element_name

#: The deepest nesting kept as it is (libxml2 stops building the tree at 256).
MAX_DEPTH = 200

_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_OPEN_COMMENT = re.compile(r"<!--")
# A "<" opening a tag that never closes, with words after its name: "a<b then rises" (a bare
# "<b" or "<!DOCTYPE" at the end is markup).
_UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z!/?][^<>\s]*\s+[^<>\s][^<>]*(?:<|\Z))")
_PLAINTEXT = re.compile(r"<plaintext\b[^<>]*>(.*)", re.DOTALL | re.IGNORECASE)
# Elements whose content an HTML parser reads as raw text or moves out of the body: read as spans.
_RAW = re.compile(r"<(/?)(?:title|iframe|textarea|xmp|noembed|noframes|noscript)\b", re.IGNORECASE)
_IMG = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_STRUCTURE = frozenset({"p", "div", "ul", "ol", "li", "table", "tr", "td", "th", "dl", "dt", "dd", "blockquote",
                        "section", "article", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br"})


def _char_ref(match: re.Match[str]) -> str:
    digits = match[1] or match[2]
    code = int(digits, 16 if match[1] else 10) if len(digits) <= 8 else -1
    allowed = code in (9, 10, 13) or (
        0x20 <= code <= 0x10FFFF and code != 0x7F and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF))
    return match[0] if allowed else " "


def _unknown_tag(match: re.Match[str]) -> str:
    """A tag of a name no HTML element has ("<Recommendation ID>", "<jane@example.org>") is text."""
    return match[0] if is_element_name(match[2]) else "&lt;" + match[0][1:]


def _alt_text(match: re.Match[str]) -> str:
    alt = _ALT.search(match[1])
    if alt is None:
        return match[0]
    value = next(group for group in alt.groups() if group is not None)
    return f"{match[0]}{html.escape(html.unescape(value), quote=False)}"


def _depth(fragment: str) -> int:
    depth = deepest = 0
    for tag in _TAG.finditer(fragment):
        closing, name, self_closing = tag[1], tag[2].lower(), tag[3]
        if name in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flatten(fragment: str) -> str:
    """Inline tags dropped; if the structure alone is still too deep, every tag."""
    fragment = _TAG.sub(lambda tag: tag[0] if tag[2].lower() in _STRUCTURE else "", fragment)
    if _depth(fragment) > MAX_DEPTH:
        fragment = _TAG.sub(lambda tag: " " if tag[2].lower() in _STRUCTURE else "", fragment)
    return fragment


def repair_markup(fragment: str) -> str:
    """``fragment`` with the markup that would lose text mended (see the module's rules)."""
    if "&#" in fragment:
        fragment = _CHAR_REF.sub(_char_ref, fragment)
    if "<" not in fragment:
        return fragment
    if "<![" in fragment:
        fragment = _CDATA.sub(lambda m: html.escape(m[1], quote=False), fragment)
    if "<!--" in fragment:  # comments are dropped (as the parser would); one left open is text
        fragment = _OPEN_COMMENT.sub("&lt;!--", _COMMENT.sub("", fragment))
    fragment = _UNCLOSED_TAG.sub("&lt;", fragment)
    fragment = _TAG_NAME.sub(_unknown_tag, fragment)
    lowered = fragment.lower()
    if "<plaintext" in lowered:
        fragment = _PLAINTEXT.sub(lambda m: html.escape(m[1], quote=False), fragment)
    if _RAW.search(fragment):
        fragment = _RAW.sub(r"<\1span", fragment)
    if "<img" in lowered:
        fragment = _IMG.sub(_alt_text, fragment)
    if fragment.count("<") > MAX_DEPTH and _depth(fragment) > MAX_DEPTH:
        fragment = _flatten(fragment)
    return fragment
