"""Every stage's output to the validated ``schema.Report``: rows, tables, the source, the diagnostics.

A row's record is assembled as soon as its clean cells are analysed (``assemble_row``), so
that the clean text of one row at a time is alive beside the records; ``assemble_table``
puts a table's records under its heading and columns, and ``assemble_report`` puts the
tables together with the source, the title and every stage's diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import schema
from extract.analyze import RowAnalysis, unlisted_commitments
from extract.diagnostics import NO_ROWS, warning
from extract.readers import RawDocument
from extract.stitch import CellText, LogicalRow, Stitched
from extract.table import Table, Tables
from schema import (
    RECOMMENDATION_CELLS,
    Cell,
    Commitment,
    Diagnostic,
    Recommendation,
    Record,
    Report,
    ReportInfo,
    Source,
)


class AssembledRow(NamedTuple):
    """One logical row as the report holds it: its record, its commitments, and what was noticed on the way."""

    record: Recommendation | Record
    commitments: tuple[Commitment, ...]
    diagnostics: tuple[Diagnostic, ...]
    """The cells' notes, then the analysis's warnings."""
    unlisted: int
    """Date phrases left unlisted for want of a publication date."""


class AssembledTable(NamedTuple):
    """One table as the report holds it, with its rows' commitments and every diagnostic of its stages."""

    table: schema.Table
    commitments: tuple[Commitment, ...]
    diagnostics: tuple[Diagnostic, ...]
    unlisted: int


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
        "part": row.part,
        "section": row.section,
        "status": analysis.status,
        "audiences": analysis.audiences,
        "pages": sorted({source.page for source in row.rows}),
        "lines": [source.line for source in row.rows],
    }
    model = Recommendation if set(built) == set(RECOMMENDATION_CELLS) else Record
    notes = tuple(note for cell in cells.values() for note in cell.notes)
    return AssembledRow(model.model_validate({**common, **built}), analysis.commitments,
                        notes + analysis.diagnostics, analysis.unlisted)


def assemble_table(table: Table, stitched: Stitched, rows: Sequence[AssembledRow]) -> AssembledTable:
    """A table of the report: its heading, pages, columns and records."""
    diagnostics = [*table.diagnostics, *stitched.diagnostics, *(note for row in rows for note in row.diagnostics)]
    if not rows:
        line = table.heading_line
        diagnostics.append(warning(NO_ROWS, "the table has a header but no rows", line=line,
                                   page=table.pages[0]))
    model = schema.Table(heading=table.heading, pages=list(table.pages), columns=list(table.columns),
                         rows=[row.record for row in rows])
    return AssembledTable(model, tuple(c for row in rows for c in row.commitments), tuple(diagnostics),
                          sum(row.unlisted for row in rows))


def assemble_report(document: RawDocument, found: Tables, info: ReportInfo, title_notes: Sequence[Diagnostic],
                    tables: Sequence[AssembledTable]) -> Report:
    """The report of one document, from what each stage made of it."""
    diagnostics = [*document.diagnostics, *found.diagnostics, *title_notes,
                   *(note for table in tables for note in table.diagnostics),
                   *unlisted_commitments(table.unlisted for table in tables)]
    diagnostics.sort(key=lambda d: d.line or 0)
    return Report(
        title=found.title,
        report=info,
        source=Source.model_validate(document.source._asdict()),
        tables=[table.table for table in tables],
        commitments=[commitment for table in tables for commitment in table.commitments],
        diagnostics=diagnostics,
    )
