"""The page-break rule, top to bottom: a table's body rows to logical rows of clean cells.

A row that did not fit on its page goes on at the top of the next one. Every
reader hands it on as the page shows it (``extract.readers.raw`` states the
contract); the table stage drops the repeated header and reads each row's
identifier. This package puts the row back together, in three steps:

1. **Continuation rows** (``rows``): a row whose identifier cell is empty continues
   the numbered row before it; its cells become further fragments of that row's
   cells, column by column, in page order. A row can run over any number of pages.
2. **Merged cells** (``rows``): a row whose inheritable cells are all empty was
   vertically merged with the row above; it takes those cells, marked
   ``inherited_from``, with an ``inherited-cells`` warning. A lone empty cell
   stays empty, with an ``empty-cell`` warning.
3. **Joining the text** (``join``, ``cells``): each cell's fragments are parsed into
   blocks and joined in order. A fragment carries a sentence on (one space, no
   new paragraph) when it begins in lower case or the text before it cannot end a
   sentence (a comma, an opening bracket, "and", "of", "the" …); a list after a
   list continues it; a fragment before the break that stopped just after a
   bullet makes the next fragment's first text a new list item. Anything else
   starts a new block. Every fragment leaves a provenance entry (line, page, box
   and how it joined): the merge log.

A new stitching rule is a new case in ``tests/fixtures/page_breaks.txt`` and a
change in the one step it belongs to.
"""

from extract.stitch.cells import CellText, build_cell, build_cells
from extract.stitch.join import FUNCTION_WORDS, Blocks, cannot_end_sentence, ends_with_open_item, starts_lower
from extract.stitch.rows import CellSource, LogicalRow, Stitched, stitch_rows

__all__ = [
    "FUNCTION_WORDS",
    "Blocks",
    "CellSource",
    "CellText",
    "LogicalRow",
    "Stitched",
    "build_cell",
    "build_cells",
    "cannot_end_sentence",
    "ends_with_open_item",
    "starts_lower",
    "stitch_rows",
]
