"""Cell fragments to text: the primitives every stage uses, at the bottom of the pipeline.

A fragment is what a reader puts in a raw cell: an HTML fragment or plain text
(see ``extract.readers.raw``). ``text`` has the cheap helpers (whitespace, tags
dropped, bullet glyphs); ``markup`` parses one fragment into blocks of clean
text (paragraphs and lists). Nothing here knows about rows, tables or pages.
"""

from extract.fragments.markup import PARSER, TextBlock, is_blank, parse_fragment
from extract.fragments.repair import repair_markup
from extract.fragments.text import (
    BULLETS,
    SYMBOL_BULLETS,
    collapse,
    ends_with_abbreviation,
    opens_with_bullet,
    plain_text,
)
from extract.fragments.words import source_words, words

__all__ = ["BULLETS", "PARSER", "SYMBOL_BULLETS", "TextBlock", "collapse", "ends_with_abbreviation", "is_blank",
           "opens_with_bullet", "parse_fragment", "plain_text", "repair_markup", "source_words", "words"]
