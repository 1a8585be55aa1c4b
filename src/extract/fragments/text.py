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
