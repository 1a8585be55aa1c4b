"""The words of a fragment as its source has them, by simple rules of their own.

Independent of the HTML parser (``markup``) and of the repairs made before it
(``repair``): the audit and the cell stage's lost-text check compare what the parse
kept with these. The rules:

- scripts, styles, comments and processing instructions are not text;
- a CDATA section's content is text, and so is everything after ``<plaintext>``;
- an image's ``alt`` is text;
- a tag is an HTML element's (or a namespaced one's) name in angle brackets, its
  attributes quoted or not; a block tag or ``<br>`` separates words, any other tag
  does not ("im<b>port</b>ant" is one word); anything else with a ``<`` is text;
- character references are decoded, those to characters no text may hold are spaces,
  and zero-width characters are dropped, as the cell text drops them.
"""

from __future__ import annotations

import html
import re

from extract.fragments.text import is_element_name

_NOT_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<\?[^<>]*>", re.DOTALL | re.IGNORECASE)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_PLAINTEXT = re.compile(r"<plaintext\b[^<>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"""<img\b[^<>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^<>]*>""", re.IGNORECASE)
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)(?:"[^"]*"|'[^']*'|[^<>"'])*>|<![A-Za-z][^<>]*>""")
_SEPARATING = frozenset("p div ul ol li h1 h2 h3 h4 h5 h6 blockquote section article pre table tr td th dl dt dd br"
                        .split())
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))
_WORD = re.compile(r"[^\W_]+")


def _tag(match: re.Match[str]) -> str:
    name = match[2]
    if name is None:  # <!DOCTYPE ...>
        return ""
    if not is_element_name(name):
        return match[0]  # not markup: its words are text
    return " " if name.lower() in _SEPARATING else ""


def _char_ref(match: re.Match[str]) -> str:
    digits = match[1] or match[2]
    code = int(digits, 16 if match[1] else 10) if len(digits) <= 8 else -1
    text_may_hold = code in (9, 10, 13) or (
        0x20 <= code <= 0x10FFFF and code != 0x7F and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF))
    return chr(code) if text_may_hold else " "


def _markup_words(fragment: str) -> str:
    fragment = _NOT_TEXT.sub(" ", fragment)
    fragment = _CDATA.sub(lambda m: f" {html.escape(m[1], quote=False)} ", fragment)
    fragment = _IMAGE.sub(lambda m: f" {m[1] or m[2] or m[3] or ''} ", fragment)
    return _TAG.sub(_tag, fragment)


def source_words(fragment: str) -> list[str]:
    """The words of a fragment as its source has them: runs of letters and digits (see the module)."""
    if "<" in fragment:
        plaintext = _PLAINTEXT.search(fragment)
        if plaintext:
            fragment = _markup_words(fragment[:plaintext.start()]) + " " + fragment[plaintext.end():]
        else:
            fragment = _markup_words(fragment)
    if "&" in fragment:
        fragment = html.unescape(_CHAR_REF.sub(_char_ref, fragment))
    return _WORD.findall(fragment.translate(_ZERO_WIDTH))


def words(text: str) -> list[str]:
    """The words of clean text by the rule ``source_words`` counts them with."""
    return _WORD.findall(text)
