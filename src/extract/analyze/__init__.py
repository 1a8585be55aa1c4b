"""What the clean text says: references, audiences, the title's details, dated commitments, status.

The modules are pure functions on clean text (``references``, ``audiences``,
``title``, ``commitments``, ``status``); ``analyze_table`` reads the title and indexes the
table's items, and ``analyze_row`` applies them to one logical row's clean cells,
checking what needs the whole table (a reference to an item the table lacks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from extract.analyze.audiences import AUDIENCE_KEYS, cell_audiences, split_audience
from extract.analyze.commitments import DatePhrase, find_date_phrases
from extract.analyze.references import Reference, find_references
from extract.analyze.status import status_of
from extract.analyze.title import parse_date, parse_title
from extract.diagnostics import NO_COMMITMENTS, NO_TITLE, TITLE_DATE, UNKNOWN_REFERENCE, warning
from extract.stitch import CellText, LogicalRow
from schema import RECOMMENDATION_CELLS, Commitment, Diagnostic, ReportInfo, Status
from schema.resolve import ItemIndex


class Context(NamedTuple):
    """What the analysis of a table's rows needs: the title's details, the table, and its items."""

    info: ReportInfo
    table: int
    """The table's index in the document, from 0."""
    items: ItemIndex[LogicalRow]


class RowAnalysis(NamedTuple):
    """The analysis of one logical row's clean cells."""

    references: dict[str, tuple[Reference, ...]]
    """Each cell's references, by column key."""
    audiences: list[str]
    commitments: tuple[Commitment, ...]
    unlisted: int
    """Date phrases not listed as commitments, for want of a publication date to count from."""
    diagnostics: tuple[Diagnostic, ...]
    status: Status | None = None
    """The response's status, where a status or response column states one."""


#: A stand-in publication date, only to count the phrases that go unlisted without one.
_ANY_DAY = dt.date(2000, 1, 1)


def _record_order(cells: Mapping[str, CellText]) -> list[str]:
    """The keys in the order the output's record lists its cells: a table with exactly a
    ``Recommendation``'s cells lists them in that model's order, any other in column order."""
    return list(RECOMMENDATION_CELLS) if set(cells) == set(RECOMMENDATION_CELLS) else list(cells)


def _commitments(table: int, index: int, row: LogicalRow, cells: Mapping[str, CellText],
                 published: dt.date) -> list[Commitment]:
    """Date phrases in every response cell: all cells but the recommendation and the audience.

    A vertically merged cell's phrases are listed under each row it covers, marked ``inherited_from``.
    """
    found = []
    for key in _record_order(cells):
        if key == "recommendation" or key in AUDIENCE_KEYS:
            continue
        cell = cells[key]
        for date in find_date_phrases(cell.text, published):
            found.append(Commitment(
                table=table, row=index, item=row.number, id=row.id, field=key, phrase=date.phrase, offset=date.start,
                start=date.first, end=date.last, tense=date.tense, inherited_from=cell.inherited_from))
    return found


def _reference_checks(items: ItemIndex[LogicalRow], row: LogicalRow, cells: Mapping[str, CellText],
                      references: Mapping[str, tuple[Reference, ...]]) -> list[Diagnostic]:
    diagnostics = []
    for key in _record_order(cells):
        cell = cells[key]
        if cell.inherited_from is not None:
            continue
        for target in references[key]:
            if not items.matches(target):
                who = f"item {row.id}" if row.id is not None else f"the row on line {row.line}"
                diagnostics.append(warning(
                    UNKNOWN_REFERENCE, f"{who}: refers to item {target}, which is not in the table",
                    line=cell.provenance[0].line, page=cell.provenance[0].page))
    return diagnostics


def _title_checks(title: str | None, title_line: int | None, info: ReportInfo) -> list[Diagnostic]:
    if title is None:
        return [warning(NO_TITLE, "no title line before the table")]
    if info.title is not None and info.published is None:
        return [warning(TITLE_DATE, "the publication date in the title could not be read", line=title_line, page=1)]
    return []


def analyze_title(title: str | None, title_line: int | None) -> tuple[ReportInfo, list[Diagnostic]]:
    """The title's details (responder, report, publication date), and what could not be read."""
    info = parse_title(title)
    return info, _title_checks(title, title_line, info)


def analyze_table(info: ReportInfo, table: int, rows: Sequence[LogicalRow]) -> Context:
    """What the analysis of a table's rows needs: the items a reference may point to."""
    return Context(info, table, ItemIndex(rows))


def analyze_row(context: Context, index: int, row: LogicalRow, cells: Mapping[str, CellText]) -> RowAnalysis:
    """References, audiences and commitments of one row's clean cells (``index``: the row's place in its table).

    Rows are analysed one at a time, so that each row's clean text is needed only while its
    record is built.
    """
    references = {key: find_references(cell.text) for key, cell in cells.items()}
    audience = next((cells[key] for key in AUDIENCE_KEYS if key in cells), None)
    audiences = cell_audiences(audience.blocks) if audience else []
    diagnostics = _reference_checks(context.items, row, cells, references)
    published = context.info.published
    stated = status_of({key: cells[key].text for key in _record_order(cells)})
    status = Status(value=stated[0], phrase=stated[1], field=stated[2]) if stated else None
    if published is not None:
        commitments = tuple(_commitments(context.table, index, row, cells, published))
        return RowAnalysis(references, audiences, commitments, 0, tuple(diagnostics), status)
    # Ranges and tense count from the publication date; without it, count what goes unlisted.
    unlisted = len(_commitments(context.table, index, row, cells, _ANY_DAY))
    return RowAnalysis(references, audiences, (), unlisted, tuple(diagnostics), status)


def unlisted_commitments(counts: Iterable[int]) -> list[Diagnostic]:
    """A warning saying how many date phrases (``RowAnalysis.unlisted``, row by row) went unlisted for
    want of a publication date, if any did."""
    unlisted = sum(counts)
    if not unlisted:
        return []
    return [warning(NO_COMMITMENTS, f"{unlisted} date phrase{'s' if unlisted > 1 else ''} in the responses not "
                    "listed as commitments: the title gives no publication date to count from")]


__all__ = [
    "AUDIENCE_KEYS",
    "Context",
    "DatePhrase",
    "Reference",
    "RowAnalysis",
    "analyze_row",
    "analyze_table",
    "analyze_title",
    "cell_audiences",
    "find_date_phrases",
    "find_references",
    "parse_date",
    "parse_title",
    "split_audience",
    "unlisted_commitments",
]
