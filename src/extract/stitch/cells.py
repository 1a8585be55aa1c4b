"""A logical cell's fragments to its clean text: blocks joined across page breaks, and the merge log.

Each fragment is parsed into blocks (``extract.fragments``) and joined to the blocks
before it by the carry rules (``join``); each leaves a provenance entry saying where
it came from and how it was joined: the merge log. What the text says (references,
audiences, dates) is the analysis stage's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from extract.fragments import TextBlock, parse_fragment
from extract.stitch.join import ends_with_open_item, join_blocks
from extract.stitch.rows import CellSource
from schema import Join, ListBlock, Paragraph, Provenance, render_blocks


class CellText(NamedTuple):
    """A logical cell's clean text: its blocks, their rendering, the merge log, and where it was inherited from."""

    text: str
    blocks: tuple[Paragraph | ListBlock, ...]
    provenance: tuple[Provenance, ...]
    inherited_from: int | str | None


def _to_schema(block: TextBlock) -> Paragraph | ListBlock:
    if block.kind == "paragraph":
        return Paragraph(text=block.items[0])
    return ListBlock(items=list(block.items))


def build_cell(source: CellSource, *, split_gaps: bool = True) -> CellText:
    """The clean text of a logical cell's fragments; ``split_gaps``: two spaces separate paragraphs."""
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
    schema_blocks = tuple(_to_schema(block) for block in blocks)
    return CellText(render_blocks(list(schema_blocks)), schema_blocks, tuple(provenance), source.inherited_from)


def build_cells(cells: Mapping[str, CellSource], *, split_gaps: bool = True) -> dict[str, CellText]:
    """``build_cell`` of each of a row's cells, by column key."""
    return {key: build_cell(source, split_gaps=split_gaps) for key, source in cells.items()}
