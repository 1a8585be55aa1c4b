"""How a continuation fragment joins the text before it: the carry rules of a page break.

A continuation fragment carries a sentence on when it begins in lower case or when
the text before it cannot end a sentence (it ends in a comma, an opening bracket
or a word such as "and", "of", "the"): its first paragraph joins the last
paragraph or the last list item with one space. A fragment that opens with a list
after a list continues that list. A fragment before the break that stops just
after a list item was opened (an empty ``<li>``, a last bullet glyph) makes the
next fragment's first text that item, whatever its case. Anything else starts a
new block.
"""

from __future__ import annotations

import re

from extract.fragments import BULLETS, SYMBOL_BULLETS, TextBlock, ends_with_abbreviation
from schema import Join

#: Words after which a sentence cannot end: articles, prepositions, conjunctions,
#: possessives and auxiliaries.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from into onto upon via per
    than that which who whom whose whether if because as so such both either neither
    our their its his her your my this these those is are was were be been being
    will would shall should can could may might must has have had do does did not
    including between within across about towards toward among amongst through during
    without under over against also""".split()
)
_OPEN_ENDINGS = tuple(",([{‘“/&–—")
#: A fragment that stops just after a list item was opened: an empty ``<li>`` (perhaps only its
#: bullet) or, in plain text, a last bullet glyph with nothing after it.
_OPEN_ITEM = re.compile(
    f"(?:<li\\b[^>]*>\\s*(?:[{BULLETS}{SYMBOL_BULLETS}]|&bull;|&#8226;|&#x2022;)?\\s*(?:</li>\\s*)?(?:</[ou]l>\\s*)*"
    f"|(?:^|\\s)[{BULLETS}{SYMBOL_BULLETS}]\\s*)$",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"[.!?:;][\"'’”)\]]*$")


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: a stop, not an abbreviation's ("Dr." / "Smith" goes on)."""
    return bool(_SENTENCE_END.search(text)) and not ends_with_abbreviation(text)



def cannot_end_sentence(text: str) -> bool:
    """Whether ``text`` stops where no sentence can end."""
    text = text.rstrip()
    if not text:
        return False
    if text.endswith(_OPEN_ENDINGS):
        return True
    last_word = text.rsplit(None, 1)[-1].lstrip("([{‘“'\"").casefold()
    return last_word in FUNCTION_WORDS


def starts_lower(text: str) -> bool:
    """Whether the first letter or digit of ``text`` is a lower-case letter."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.islower()


def ends_with_open_item(fragment: str) -> bool:
    """Whether the fragment stops where a list item was begun and has no text yet (a page break
    straight after a bullet): the next fragment's first text is that item, not the one before."""
    return _OPEN_ITEM.search(fragment[-200:]) is not None


class _Block:
    """A block while a cell's fragments are joined: its items, each a list of the parts carried on
    into it, joined with one space at the end (so joining stays linear in the fragments)."""

    __slots__ = ("items", "kind")

    def __init__(self, kind: str, items: list[list[str]]) -> None:
        self.kind, self.items = kind, items


class Blocks:
    """A cell's blocks as its fragments are joined, in place; ``text_blocks`` gives them whole."""

    def __init__(self) -> None:
        self._blocks: list[_Block] = []

    def __bool__(self) -> bool:
        return bool(self._blocks)

    def extend(self, blocks: tuple[TextBlock, ...]) -> None:
        self._blocks.extend(_Block(block.kind, [[item] for item in block.items]) for block in blocks)

    def join(self, after: tuple[TextBlock, ...], *, open_item: bool = False, wrapped: bool | None = None) -> Join:
        """Join a continuation's blocks to the blocks so far; say how.

        ``open_item``: the text before stopped just after opening a list item, so the continuation's
        first paragraph (or list) is that item, whatever its case. ``wrapped``: what the layout says
        (a PDF's): True where the continuation's first word would not have fitted on the line before
        the break (the text goes on, unless that line ends a sentence: a paragraph may end on a full
        line), False where it would have (a new paragraph, unless it opens in lower case); None where
        only the text can tell.
        """
        last, first = self._blocks[-1], after[0]
        tail = last.items[-1][-1]
        if open_item:
            items, rest = (first.items if first.kind == "list" else first.items[:1]), after[1:]
            if rest and rest[0].kind == "list":  # the open item's text, then the list's next items
                items, rest = items + rest[0].items, rest[1:]
            if last.kind == "list":
                last.items.extend([item] for item in items)
                self.extend(rest)
                return Join.CONTINUED_LIST
            self.extend((TextBlock("list", items), *rest))
            return Join.NEW_BLOCK
        if first.kind == "list" and last.kind == "list":
            if not cannot_end_sentence(tail):
                last.items.extend([item] for item in first.items)
                self.extend(after[1:])
                return Join.CONTINUED_LIST
            last.items[-1].append(first.items[0])
            rest = (TextBlock("list", first.items[1:]), *after[1:]) if len(first.items) > 1 else after[1:]
            join = Join.CARRIED_LIST_ITEM
        elif first.kind == "paragraph" and (starts_lower(first.items[0]) or (
                cannot_end_sentence(tail) if wrapped is None else wrapped and not _ends_sentence(tail))):
            last.items[-1].append(first.items[0])
            rest = after[1:]
            join = Join.CARRIED_SENTENCE if last.kind == "paragraph" else Join.CARRIED_LIST_ITEM
        else:
            self.extend(after)
            return Join.NEW_BLOCK
        if last.kind == "list" and rest and rest[0].kind == "list":
            # Items after the carried-on item in the same fragment belong to the same list.
            last.items.extend([item] for item in rest[0].items)
            rest = rest[1:]
        self.extend(rest)
        return join

    def text_blocks(self) -> tuple[TextBlock, ...]:
        return tuple(TextBlock("paragraph" if block.kind == "paragraph" else "list",
                               tuple(" ".join(parts) for parts in block.items)) for block in self._blocks)
