"""Parsed reports as JSON Lines: one table row a line, each with its report's fields.

>>> from extract import LINE, parse, to_jsonl
>>> line = LINE.validate_json(to_jsonl(parse("samples/hqip-engaging-clinicians-2014.txt")).splitlines()[9])
>>> line.file, line.responder, line.table, line.row.id
('hqip-engaging-clinicians-2014.txt', 'HQIP', 0, '10')
"""

from __future__ import annotations

from pydantic import TypeAdapter

from extract.outputs.tables import Reports, reports_of
from schema import Recommendation, Record, Row, RowLine

#: A table row as a line holds it under ``"row"``: ``ROW.validate_python(json.loads(line)["row"])``.
ROW: TypeAdapter[Recommendation | Record] = TypeAdapter(Row)
#: A line as ``to_jsonl`` writes it: validate one with ``LINE.validate_json(line)``.
LINE: TypeAdapter[RowLine] = TypeAdapter(RowLine)


def to_jsonl(reports: Reports) -> str:
    """One row a line, for one report or several one after the other: each a compact JSON object
    (``schema.RowLine``) with the report's fields (``file``, ``sha256``, ``responder``,
    ``report_title``, ``published``), the table's index and heading (``table``, ``table_heading``)
    and the row's full JSON under ``row`` (a Recommendation or a Record: every cell with its blocks,
    references and provenance). The report's source details, columns and diagnostics are not in it:
    that is ``--format json``."""
    lines: list[str] = []
    for report in reports_of(reports):
        info = report.report
        for index, table in enumerate(report.tables):
            for record in table.rows:
                line = RowLine.model_construct(file=report.source.file, sha256=report.source.sha256,
                                               responder=info.responder, report_title=info.title,
                                               published=info.published, table=index,
                                               table_heading=table.heading, row=record)
                lines.append(line.model_dump_json() + "\n")
    return "".join(lines)


def render_jsonl(reports: Reports, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format jsonl``: ``to_jsonl`` as UTF-8."""
    return (to_jsonl(reports).encode("utf-8"),)
