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

from extract.fragments import BULLETS, TextBlock
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
    f"(?:<li\\b[^>]*>\\s*(?:[{BULLETS}]|&bull;|&#8226;|&#x2022;)?\\s*(?:</li>\\s*)?(?:</[ou]l>\\s*)*"
    f"|(?:^|\\s)[{BULLETS}]\\s*)$",
    re.IGNORECASE,
)


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


def _replace_last_item(block: TextBlock, addition: str) -> TextBlock:
    return TextBlock(block.kind, block.items[:-1] + (f"{block.items[-1]} {addition}",))


def join_blocks(
    before: tuple[TextBlock, ...], after: tuple[TextBlock, ...], *, open_item: bool = False
) -> tuple[tuple[TextBlock, ...], Join]:
    """Join a continuation's blocks to the blocks before it; say how.

    ``open_item``: the text before stopped just after opening a list item, so the continuation's
    first paragraph (or list) is that item, whatever its case.
    """
    last, first = before[-1], after[0]
    tail = last.items[-1]
    if open_item:
        items = first.items if first.kind == "list" else first.items[:1]
        if last.kind == "list":
            return before[:-1] + (TextBlock("list", last.items + items),) + after[1:], Join.CONTINUED_LIST
        return before + (TextBlock("list", items),) + after[1:], Join.NEW_BLOCK
    if first.kind == "list" and last.kind == "list":
        if not cannot_end_sentence(tail):
            return before[:-1] + (TextBlock("list", last.items + first.items),) + after[1:], Join.CONTINUED_LIST
        carried = _replace_last_item(last, first.items[0])
        rest = (TextBlock("list", first.items[1:]),) + after[1:] if len(first.items) > 1 else after[1:]
        join = Join.CARRIED_LIST_ITEM
    elif first.kind == "paragraph" and (starts_lower(first.items[0]) or cannot_end_sentence(tail)):
        carried = _replace_last_item(last, first.items[0])
        rest = after[1:]
        join = Join.CARRIED_SENTENCE if last.kind == "paragraph" else Join.CARRIED_LIST_ITEM
    else:
        return before + after, Join.NEW_BLOCK
    if carried.kind == "list" and rest and rest[0].kind == "list":
        # Items after the carried-on item in the same fragment belong to the same list.
        carried = TextBlock("list", carried.items + rest[0].items)
        rest = rest[1:]
    return before[:-1] + (carried,) + rest, join
