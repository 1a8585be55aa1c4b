"""Every stage's output to the validated ``schema.Report``: the records, the source, the diagnostics.

A row's record is assembled as soon as its clean cells are analysed (``assemble_row``), so
that the clean text of one row at a time is alive beside the records; ``assemble_report``
then puts the records together with the source, the columns and every stage's diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from extract.analyze import Context, RowAnalysis, unlisted_commitments
from extract.diagnostics import NO_ROWS, warning
from extract.readers import RawDocument
from extract.stitch import CellText, LogicalRow, Stitched
from extract.table import Table
from schema import RECOMMENDATION_CELLS, Cell, Commitment, Diagnostic, Recommendation, Record, Report, Source


class AssembledRow(NamedTuple):
    """One logical row as the report holds it: its record, its commitments, and what was noticed on the way."""

    record: Recommendation | Record
    commitments: tuple[Commitment, ...]
    diagnostics: tuple[Diagnostic, ...]
    """The cells' notes, then the analysis's warnings."""
    unlisted: int
    """Date phrases left unlisted for want of a publication date."""


def assemble_row(row: LogicalRow, cells: Mapping[str, CellText], analysis: RowAnalysis) -> AssembledRow:
    """A Recommendation where the table has this report's columns, a Record otherwise."""
    built = {
        key: Cell(text=cell.text, blocks=list(cell.blocks), references=list(analysis.references[key]),
                  inherited_from=cell.inherited_from, provenance=list(cell.provenance))
        for key, cell in cells.items()
    }
    common: dict[str, object] = {
        "number": row.number,
        "id": row.id,
        "audiences": analysis.audiences,
        "pages": sorted({source.page for source in row.rows}),
        "lines": [source.line for source in row.rows],
    }
    model = Recommendation if set(built) == set(RECOMMENDATION_CELLS) else Record
    notes = tuple(note for cell in cells.values() for note in cell.notes)
    return AssembledRow(model.model_validate({**common, **built}), analysis.commitments,
                        notes + analysis.diagnostics, analysis.unlisted)


def assemble_report(document: RawDocument, table: Table, stitched: Stitched, context: Context,
                    rows: Sequence[AssembledRow]) -> Report:
    """The report of one document, from what each stage made of it."""
    diagnostics = [*document.diagnostics, *table.diagnostics, *stitched.diagnostics, *context.diagnostics,
                   *(note for row in rows for note in row.diagnostics),
                   *unlisted_commitments(row.unlisted for row in rows)]
    if not rows:
        diagnostics.append(warning(NO_ROWS, "the table has a header but no rows"))
    diagnostics.sort(key=lambda d: d.line or 0)
    return Report(
        title=table.title,
        report=context.info,
        source=Source.model_validate(document.source._asdict()),
        columns=list(table.columns),
        recommendations=[row.record for row in rows],
        commitments=[commitment for row in rows for commitment in row.commitments],
        diagnostics=diagnostics,
    )
