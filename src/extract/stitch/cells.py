"""A logical cell's fragments to its clean text: blocks joined across page breaks, and the merge log.

Each fragment is parsed into blocks (``extract.fragments``) and joined to the blocks
before it by the carry rules (``join``); each leaves a provenance entry saying where
it came from and how it was joined: the merge log. What the text says (references,
audiences, dates) is the analysis stage's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from extract.diagnostics import LOST_TEXT, warning
from extract.fragments import TextBlock, parse_fragment, source_words, words
from extract.readers.raw import RawCell
from extract.stitch.join import Blocks, ends_with_open_item
from extract.stitch.rows import CellSource
from schema import Diagnostic, Join, ListBlock, Paragraph, Provenance, render_blocks


class CellText(NamedTuple):
    """A logical cell's clean text: its blocks, their rendering, the merge log, and where it was inherited from."""

    text: str
    blocks: tuple[Paragraph | ListBlock, ...]
    provenance: tuple[Provenance, ...]
    inherited_from: int | str | None
    notes: tuple[Diagnostic, ...] = ()
    """Text of the source that the parse could not keep (``lost-text``)."""


def _to_schema(block: TextBlock) -> Paragraph | ListBlock:
    if block.kind == "paragraph":
        return Paragraph(text=block.items[0])
    return ListBlock(items=list(block.items))


@lru_cache(maxsize=4096)
def _missing_words(text: str, split_gaps: bool) -> tuple[str, ...]:
    """The source's words that the parse of a fragment did not keep, in source order."""
    source = source_words(text)
    kept_words = [word for block in parse_fragment(text, split_gaps=split_gaps) for item in block.items
                  for word in words(item)]
    if len(kept_words) == len(source) and sorted(kept_words) == sorted(source):
        return ()  # the usual case, without counting
    kept = Counter(kept_words)
    missing = []
    for word in source:
        if kept[word] > 0:
            kept[word] -= 1
        else:
            missing.append(word)
    return tuple(missing)


def _lost(fragment: RawCell, split_gaps: bool) -> Diagnostic | None:
    """A warning quoting the source's words that the parse of a fragment with markup did not keep."""
    if "<" not in fragment.text and "&" not in fragment.text:
        return None  # plain text: split, never parsed
    missing = _missing_words(fragment.text, split_gaps)
    if not missing:
        return None
    shown = " ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
    return warning(LOST_TEXT, f"a cell's markup hides {len(missing)} word{'s' if len(missing) > 1 else ''} that "
                   f"are not in the output: {shown!r}", line=fragment.line, page=fragment.page)


def _wrapped(before: RawCell, after: RawCell) -> bool | None:
    """What the layout says of a page break between two fragments of a cell: True where the first
    word after it would not have fitted at the end of the last line before it (that line was
    wrapped: the paragraph goes on), False where it would have (the paragraph ended there), None
    where the source is not laid out (a text export) or the break is not a page's."""
    if before.room is None or after.lead is None or before.page == after.page:
        return None
    return after.lead > before.room


def build_cell(source: CellSource, *, split_gaps: bool = True) -> CellText:
    """The clean text of a logical cell's fragments; ``split_gaps``: two spaces separate paragraphs."""
    blocks = Blocks()
    provenance: list[Provenance] = []
    notes: list[Diagnostic] = []
    open_item = False
    before = None  # the last fragment with text
    for fragment in source.fragments:
        parsed = parse_fragment(fragment.text, split_gaps=split_gaps)
        if source.inherited_from is None and (note := _lost(fragment, split_gaps)):
            notes.append(note)
        if not parsed:
            open_item = open_item or ends_with_open_item(fragment.text)
            continue  # a blank fragment
        if blocks and before is not None:
            join = blocks.join(parsed, open_item=open_item, wrapped=_wrapped(before, fragment))
        else:
            blocks.extend(parsed)
            join = Join.START
        open_item = ends_with_open_item(fragment.text)
        before = fragment
        provenance.append(Provenance(line=fragment.line, page=fragment.page, join=join, bbox=fragment.bbox,
                                     position=fragment.position))
    if not provenance:
        first = source.fragments[0]
        provenance.append(Provenance(line=first.line, page=first.page, join=Join.START, bbox=first.bbox,
                                     position=first.position))
    schema_blocks = tuple(_to_schema(block) for block in blocks.text_blocks())
    return CellText(render_blocks(list(schema_blocks)), schema_blocks, tuple(provenance), source.inherited_from,
                    tuple(notes))


def build_cells(cells: Mapping[str, CellSource], *, split_gaps: bool = True) -> dict[str, CellText]:
    """``build_cell`` of each of a row's cells, by column key."""
    return {key: build_cell(source, split_gaps=split_gaps) for key, source in cells.items()}
