"""Pydantic models for report-extract's output.

>>> from pathlib import Path
>>> from schema import Report
>>> report = Report.model_validate_json(Path("samples/hqip-engaging-clinicians-2014.json").read_text())
>>> report.recommendations[14].next_steps.inherited_from
14
"""

from schema.cells import BBox, Block, Cell, Join, ListBlock, Paragraph, Position, Provenance, render_blocks
from schema.lines import RowLine
from schema.models import (
    RECOMMENDATION_CELLS,
    SCHEMA_VERSION,
    Column,
    Commitment,
    Diagnostic,
    Recommendation,
    Record,
    Report,
    ReportInfo,
    Row,
    Severity,
    Source,
    Status,
    StatusValue,
    Table,
)
from schema.resolve import (
    Answer,
    ReferenceCycleError,
    Resolution,
    ResolveError,
    Resolver,
    UnknownItemError,
)

__all__ = [
    "RECOMMENDATION_CELLS",
    "SCHEMA_VERSION",
    "Answer",
    "BBox",
    "Block",
    "Cell",
    "Column",
    "Commitment",
    "Diagnostic",
    "Join",
    "ListBlock",
    "Paragraph",
    "Position",
    "Provenance",
    "Recommendation",
    "Record",
    "ReferenceCycleError",
    "Report",
    "ReportInfo",
    "Resolution",
    "ResolveError",
    "Resolver",
    "Row",
    "RowLine",
    "Severity",
    "Source",
    "Status",
    "StatusValue",
    "Table",
    "UnknownItemError",
    "render_blocks",
]
