"""A parsed report as JSON Lines: one table row a line, each the row's full JSON."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from schema import Recommendation, Record, Report

#: A row as ``to_jsonl`` writes it: validate one line with ``ROW.validate_json(line)``.
Row = Annotated[Recommendation | Record, Field(union_mode="left_to_right")]
ROW: TypeAdapter[Recommendation | Record] = TypeAdapter(Row)


def to_jsonl(report: Report) -> str:
    """One row a line: each the row model's compact JSON (a Recommendation or a Record, all its cells
    with their blocks, references and provenance), in document order. The report's title, source,
    columns and diagnostics are not in it: that is ``--format json``."""
    return "".join(record.model_dump_json() + "\n" for record in report.records)


def render_jsonl(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format jsonl``: ``to_jsonl`` as UTF-8."""
    return (to_jsonl(report).encode("utf-8"),)
