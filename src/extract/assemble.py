"""Logical rows to the validated ``schema.Report``."""

from __future__ import annotations

import datetime as dt

from extract.audiences import cell_audiences
from extract.cells import build_cell
from extract.commitments import find_date_phrases
from extract.layout import Layout
from extract.raw import RawDocument
from extract.stitch import LogicalRow, Stitched
from extract.title import parse_title
from schema import RECOMMENDATION_CELLS, Commitment, Diagnostic, Recommendation, Record, Report, Source
from schema.resolve import item_key


#: Column keys whose cell is split into ``audiences``, the first present.
AUDIENCE_KEYS = ("target_audience", "audience", "audiences", "target_audiences")


def _record(row: LogicalRow, split_gaps: bool) -> Recommendation | Record:
    """A Recommendation where the table has this report's columns, a Record otherwise."""
    cells = {key: build_cell(source, split_gaps=split_gaps) for key, source in row.cells.items()}
    audience = next((cells[key] for key in AUDIENCE_KEYS if key in cells), None)
    common = {
        "number": row.number,
        "id": row.id,
        "audiences": cell_audiences(audience) if audience else [],
        "pages": sorted({source.page for source in row.rows}),
        "lines": [source.line for source in row.rows],
    }
    if set(cells) == set(RECOMMENDATION_CELLS):
        return Recommendation(**common, **cells)
    return Record(**common, **cells)


#: A stand-in publication date, only to count the phrases that go unlisted without one.
_ANY_DAY = dt.date(2000, 1, 1)


def _commitments(records: list[Recommendation | Record], published: dt.date) -> list[Commitment]:
    """Date phrases in every response cell: all cells but the recommendation and the audience.

    A vertically merged cell's phrases are listed under each row it covers, marked ``inherited_from``.
    """
    found = []
    for rec in records:
        for key, cell in rec.cells().items():
            if key == "recommendation" or key in AUDIENCE_KEYS:
                continue
            for date in find_date_phrases(cell.text, published):
                found.append(Commitment(
                    item=rec.number, id=rec.id, field=key, phrase=date.phrase, offset=date.start,
                    start=date.first, end=date.last, tense=date.tense, inherited_from=cell.inherited_from))
    return found


def _reference_checks(records: list[Recommendation | Record]) -> list[Diagnostic]:
    known: set[int | str] = {rec.number for rec in records if rec.number is not None}
    known |= {item_key(rec.id) for rec in records}
    diagnostics = []
    for rec in records:
        for cell in rec.cells().values():
            if cell.inherited_from is not None:
                continue
            for target in cell.references:
                if (item_key(target) if isinstance(target, str) else target) not in known:
                    diagnostics.append(Diagnostic(
                        code="unknown-reference",
                        message=f"item {rec.id}: refers to item {target}, which is not in the table",
                        line=cell.provenance[0].line, page=cell.provenance[0].page))
    return diagnostics


def assemble_report(document: RawDocument, layout: Layout, stitched: Stitched) -> Report:
    split_gaps = layout.profile.paragraphs == "two-spaces"
    recommendations = [_record(row, split_gaps) for row in stitched.rows]
    info = parse_title(layout.title)
    diagnostics = [*document.diagnostics, *layout.diagnostics, *stitched.diagnostics]
    if layout.title is None:
        diagnostics.append(Diagnostic(code="no-title", message="no title line before the table"))
    elif info.title is not None and info.published is None:
        diagnostics.append(Diagnostic(code="title-date", line=layout.title_line, page=1,
                                      message="the publication date in the title could not be read"))
    diagnostics.extend(_reference_checks(recommendations))
    if not recommendations:
        diagnostics.append(Diagnostic(code="no-rows", message="the table has a header but no rows"))
    if info.published is not None:
        commitments = _commitments(recommendations, info.published)
    else:
        commitments = []
        # Ranges and tense count from the publication date; without it, say what goes unlisted.
        unlisted = len(_commitments(recommendations, _ANY_DAY))
        if unlisted:
            diagnostics.append(Diagnostic(
                code="no-commitments", message=f"{unlisted} date phrase{'s' if unlisted > 1 else ''} in the "
                "responses not listed as commitments: the title gives no publication date to count from"))
    diagnostics.sort(key=lambda d: d.line or 0)
    source = document.source
    return Report(
        title=layout.title,
        report=info,
        source=Source(file=source.file, sha256=source.sha256, format=source.format,
                      encoding=source.encoding, page_count=source.page_count),
        columns=list(layout.columns),
        recommendations=recommendations,
        commitments=commitments,
        diagnostics=diagnostics,
    )
