"""Plain-text primitives on cell fragments: whitespace, tags dropped, bullet glyphs.

Cheap and free of any HTML parse: header labels, identifier cells and the PDF
reader's lines go through these; cell text goes through ``markup.parse_fragment``.
"""

from __future__ import annotations

import html
import re

#: Bullet glyphs that open a list item, in text export cells and in PDF lines alike.
BULLETS = "•◦▪▫‣⁃●○■□∙·"
#: Word's bullets in the Symbol and Wingdings fonts, read as the private-use code points the fonts
#: map them to (U+F0B7, Symbol's dot, is Word's default; U+F0A7 and U+F0A8 squares, U+F076 a
#: diamond, U+F0D8 and U+F0E0 arrows, U+F0FC a tick): bullets where a space and an item's text
#: follow them (a tick alone in a cell is a tick, kept). Code points that are letters in the Symbol
#: font (U+F06E and U+F071, Wingdings' squares, are also ν and θ) are not taken.
SYMBOL_BULLETS = "\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0e0\uf0fc"
#: A bullet glyph at the start of a paragraph, with the space after it (a regular expression).
BULLET_PATTERN = f"[{BULLETS}]\\s*|[{SYMBOL_BULLETS}]\\s+(?=\\S)"


def opens_with_bullet(text: str) -> bool:
    """Whether ``text`` opens with a bullet glyph (a Word symbol bullet only where a space and text follow)."""
    return text[:1] in BULLETS or (text[:1] in SYMBOL_BULLETS and text[1:2].isspace() and bool(text[1:].strip()))

_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<", so a stray "<" costs no rescans
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))


#: The names of HTML's elements (and legacy ones still written): a tag of another name ("<Recommendation
#: ID>", "<jane@example.org>", "North<South and East>West") is text that happens to hold a "<".
HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br
button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
i iframe img input ins isindex kbd keygen label legend li link listing main map mark marquee menu menuitem meta
meter nav nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre progress
q rb rp rt rtc ruby s samp script search section select slot small source span strike strong style sub summary
sup svg math table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp
""".split())
_NAMESPACED = re.compile(r"[a-z][a-z0-9]*:[a-z][\w.-]*")  # Word's <o:p>, <st1:place>: markup


def is_element_name(name: str) -> bool:
    """Whether a tag named ``name`` is markup: an HTML element, or a namespaced one (``o:p``)."""
    name = name.lower()
    return name in HTML_ELEMENTS or _NAMESPACED.fullmatch(name) is not None


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


#: An abbreviation's full stop at the end of a text: it ends no sentence.
_ABBREVIATION = re.compile(r"(?:^|[\s(.])(?:(?i:dr|mr|mrs|ms|prof|st|no|nos|vs|cf|approx|e\.g|i\.e|etc)|[A-Z])\.$")


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation's full stop ("Dr.", "e.g.", "No.", "U.K."), which
    ends no sentence."""
    return _ABBREVIATION.search(text[-12:]) is not None
