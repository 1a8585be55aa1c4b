"""Every stage's output to the validated ``schema.Report``: the records, the source, the diagnostics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extract.analyze import Analysis
from extract.diagnostics import NO_ROWS, warning
from extract.readers import RawDocument
from extract.stitch import CellText, LogicalRow, Stitched
from extract.table import Table
from schema import RECOMMENDATION_CELLS, Cell, Recommendation, Record, Report, Source


def _record(row: LogicalRow, cells: Mapping[str, CellText], analysis: Analysis, index: int) -> Recommendation | Record:
    """A Recommendation where the table has this report's columns, a Record otherwise."""
    references = analysis.references[index]
    built = {
        key: Cell(text=cell.text, blocks=list(cell.blocks), references=list(references[key]),
                  inherited_from=cell.inherited_from, provenance=list(cell.provenance))
        for key, cell in cells.items()
    }
    common: dict[str, object] = {
        "number": row.number,
        "id": row.id,
        "audiences": analysis.audiences[index],
        "pages": sorted({source.page for source in row.rows}),
        "lines": [source.line for source in row.rows],
    }
    if set(built) == set(RECOMMENDATION_CELLS):
        return Recommendation.model_validate({**common, **built})
    return Record.model_validate({**common, **built})


def assemble_report(document: RawDocument, table: Table, stitched: Stitched,
                    cells: Sequence[Mapping[str, CellText]], analysis: Analysis) -> Report:
    """The report of one document, from what each stage made of it."""
    records = [_record(row, row_cells, analysis, index)
               for index, (row, row_cells) in enumerate(zip(stitched.rows, cells, strict=True))]
    notes = [note for row_cells in cells for cell in row_cells.values() for note in cell.notes]
    diagnostics = [*document.diagnostics, *table.diagnostics, *stitched.diagnostics, *notes, *analysis.diagnostics]
    if not records:
        diagnostics.append(warning(NO_ROWS, "the table has a header but no rows"))
    diagnostics.sort(key=lambda d: d.line or 0)
    source = document.source
    return Report(
        title=table.title,
        report=analysis.info,
        source=Source.model_validate(source._asdict()),
        columns=list(table.columns),
        recommendations=records,
        commitments=list(analysis.commitments),
        diagnostics=diagnostics,
    )
