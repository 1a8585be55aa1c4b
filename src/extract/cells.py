"""A logical cell's fragments to a ``schema.Cell``: blocks joined across page breaks.

A continuation fragment carries a sentence on when it begins in lower case or when
the text before it cannot end a sentence (it ends in a comma, an opening bracket
or a word such as "and", "of", "the"): its first paragraph joins the last
paragraph or the last list item with one space. A fragment that opens with a list
after a list continues that list. Anything else starts a new block. Each fragment
leaves a provenance entry saying how it was joined: the merge log.
"""

from __future__ import annotations

from extract.references import find_references
from extract.richtext import TextBlock, ends_with_open_item, parse_fragment
from extract.stitch import CellSource
from schema import Cell, Join, ListBlock, Paragraph, Provenance, render_blocks

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


def _to_schema(block: TextBlock) -> Paragraph | ListBlock:
    if block.kind == "paragraph":
        return Paragraph(text=block.items[0])
    return ListBlock(items=list(block.items))


def build_cell(source: CellSource, *, split_gaps: bool = True) -> Cell:
    """The Cell of a logical cell's fragments; ``split_gaps``: two spaces separate paragraphs."""
    blocks: tuple[TextBlock, ...] = ()
    provenance: list[Provenance] = []
    open_item = False
    for fragment in source.fragments:
        parsed = parse_fragment(fragment.text, split_gaps=split_gaps)
        if not parsed:
            open_item = open_item or ends_with_open_item(fragment.text)
            continue  # a blank fragment
        if blocks:
            blocks, join = join_blocks(blocks, parsed, open_item=open_item)
        else:
            blocks, join = parsed, Join.START
        open_item = ends_with_open_item(fragment.text)
        provenance.append(Provenance(line=fragment.line, page=fragment.page, join=join, bbox=fragment.bbox))
    if not provenance:
        first = source.fragments[0]
        provenance.append(Provenance(line=first.line, page=first.page, join=Join.START, bbox=first.bbox))
    schema_blocks = [_to_schema(block) for block in blocks]
    text = render_blocks(schema_blocks)
    return Cell(
        text=text,
        blocks=schema_blocks,
        references=list(find_references(text)),
        inherited_from=source.inherited_from,
        provenance=provenance,
    )
