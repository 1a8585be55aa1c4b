"""What the clean text says: references, audiences, the title's details, dated commitments.

The modules are pure functions on clean text (``references``, ``audiences``,
``title``, ``commitments``); ``analyze`` applies them to a table's logical rows
and their clean cells, and checks what can be checked across rows (a reference
to an item the table lacks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from extract.analyze.audiences import AUDIENCE_KEYS, cell_audiences, split_audience
from extract.analyze.commitments import DatePhrase, find_date_phrases
from extract.analyze.references import Reference, find_references
from extract.analyze.title import parse_date, parse_title
from extract.diagnostics import NO_COMMITMENTS, NO_TITLE, TITLE_DATE, UNKNOWN_REFERENCE, warning
from extract.stitch import CellText, LogicalRow
from schema import RECOMMENDATION_CELLS, Commitment, Diagnostic, ReportInfo
from schema.resolve import ItemIndex


class Analysis(NamedTuple):
    """The analysis stage's output, row by row in the order of the logical rows."""

    info: ReportInfo
    references: tuple[dict[str, tuple[Reference, ...]], ...]
    """Each row's cells' references, by column key."""
    audiences: tuple[list[str], ...]
    commitments: tuple[Commitment, ...]
    diagnostics: tuple[Diagnostic, ...]


#: A stand-in publication date, only to count the phrases that go unlisted without one.
_ANY_DAY = dt.date(2000, 1, 1)


def _record_order(cells: Mapping[str, CellText]) -> list[str]:
    """The keys in the order the output's record lists its cells: a table with exactly a
    ``Recommendation``'s cells lists them in that model's order, any other in column order."""
    return list(RECOMMENDATION_CELLS) if set(cells) == set(RECOMMENDATION_CELLS) else list(cells)


def _commitments(rows: Sequence[LogicalRow], cells: Sequence[Mapping[str, CellText]],
                 published: dt.date) -> list[Commitment]:
    """Date phrases in every response cell: all cells but the recommendation and the audience.

    A vertically merged cell's phrases are listed under each row it covers, marked ``inherited_from``.
    """
    found = []
    for row, row_cells in zip(rows, cells, strict=True):
        for key in _record_order(row_cells):
            if key == "recommendation" or key in AUDIENCE_KEYS:
                continue
            cell = row_cells[key]
            for date in find_date_phrases(cell.text, published):
                found.append(Commitment(
                    item=row.number, id=row.id, field=key, phrase=date.phrase, offset=date.start,
                    start=date.first, end=date.last, tense=date.tense, inherited_from=cell.inherited_from))
    return found


def _reference_checks(rows: Sequence[LogicalRow], cells: Sequence[Mapping[str, CellText]],
                      references: Sequence[Mapping[str, tuple[Reference, ...]]]) -> list[Diagnostic]:
    index = ItemIndex(rows)
    diagnostics = []
    for row, row_cells, row_references in zip(rows, cells, references, strict=True):
        for key in _record_order(row_cells):
            cell = row_cells[key]
            if cell.inherited_from is not None:
                continue
            for target in row_references[key]:
                if not index.matches(target):
                    diagnostics.append(warning(
                        UNKNOWN_REFERENCE, f"item {row.id}: refers to item {target}, which is not in the table",
                        line=cell.provenance[0].line, page=cell.provenance[0].page))
    return diagnostics


def _title_checks(title: str | None, title_line: int | None, info: ReportInfo) -> list[Diagnostic]:
    if title is None:
        return [warning(NO_TITLE, "no title line before the table")]
    if info.title is not None and info.published is None:
        return [warning(TITLE_DATE, "the publication date in the title could not be read", line=title_line, page=1)]
    return []


def analyze(title: str | None, title_line: int | None, rows: Sequence[LogicalRow],
            cells: Sequence[Mapping[str, CellText]]) -> Analysis:
    """References, audiences and commitments of the rows' clean cells, and the title's details."""
    info = parse_title(title)
    references = tuple({key: find_references(cell.text) for key, cell in row_cells.items()} for row_cells in cells)
    audiences = []
    for row_cells in cells:
        audience = next((row_cells[key] for key in AUDIENCE_KEYS if key in row_cells), None)
        audiences.append(cell_audiences(audience.blocks) if audience else [])
    diagnostics = _title_checks(title, title_line, info)
    diagnostics.extend(_reference_checks(rows, cells, references))
    if info.published is not None:
        commitments = _commitments(rows, cells, info.published)
    else:
        commitments = []
        # Ranges and tense count from the publication date; without it, say what goes unlisted.
        unlisted = len(_commitments(rows, cells, _ANY_DAY))
        if unlisted:
            diagnostics.append(warning(
                NO_COMMITMENTS, f"{unlisted} date phrase{'s' if unlisted > 1 else ''} in the responses not listed "
                "as commitments: the title gives no publication date to count from"))
    return Analysis(info, references, tuple(audiences), tuple(commitments), tuple(diagnostics))


__all__ = [
    "AUDIENCE_KEYS",
    "Analysis",
    "DatePhrase",
    "Reference",
    "analyze",
    "cell_audiences",
    "find_date_phrases",
    "find_references",
    "parse_date",
    "parse_title",
    "split_audience",
]
