"""Plain-text primitives on cell fragments: whitespace, tags dropped, bullet glyphs.

Cheap and free of any HTML parse: header labels, identifier cells and the PDF
reader's lines go through these; cell text goes through ``markup.parse_fragment``.
"""

from __future__ import annotations

import html
import re

#: Bullet glyphs that open a list item, in text export cells and in PDF lines alike.
BULLETS = "•◦▪▫‣⁃●○■□∙·"

_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<", so a stray "<" costs no rescans
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))


# The source's words by simple rules of their own, independent of the HTML parser (for the audit
# and for the check that the parse lost nothing): scripts, styles, comments and processing
# instructions are not text; an image's alt text is; a block tag or <br> separates words, any
# other tag does not ("im<b>port</b>ant" is one word); a "<" that opens no tag is text.
_NOT_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<\?[^<>]*>", re.DOTALL | re.IGNORECASE)
_IMAGE = re.compile(r"""<img\b[^<>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^<>]*>""", re.IGNORECASE)
_SEPARATING_TAG = re.compile(
    r"</?(?:p|div|ul|ol|li|h[1-6]|blockquote|section|article|pre|table|tr|td|th|dl|dt|dd|br)\b[^<>]*>",
    re.IGNORECASE)
_ANY_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_SOURCE_WORD = re.compile(r"[^\W_]+")


def source_words(fragment: str) -> list[str]:
    """The words of a fragment as its source has them: runs of letters and digits, markup stripped
    by the simple rules above (no HTML parse), entities decoded."""
    if "<" in fragment:
        fragment = _NOT_TEXT.sub(" ", fragment)
        fragment = _IMAGE.sub(lambda m: f" {m[1] or m[2] or m[3] or ''} ", fragment)
        fragment = _ANY_TAG.sub("", _SEPARATING_TAG.sub(" ", fragment))
    if "&" in fragment:
        fragment = html.unescape(fragment)
    return _SOURCE_WORD.findall(fragment)


def words(text: str) -> list[str]:
    """The words of clean text by the rule ``source_words`` counts them with."""
    return _SOURCE_WORD.findall(text)


def collapse(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) to one space; drop zero-width ones."""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def plain_text(fragment: str) -> str:
    """A fragment's text with tags dropped, entities decoded and whitespace collapsed (no HTML parse).

    For header labels and identifier cells; cell text goes through ``parse_fragment``.
    """
    if "<" in fragment:
        fragment = _TAG.sub(" ", fragment)
    if "&" in fragment:
        fragment = html.unescape(fragment)
    return collapse(fragment)
