"""Pydantic models for report-extract's output.

>>> from schema import Report
>>> report = Report.model_validate_json(open("samples/hqip-engaging-clinicians-2014.json").read())
"""

from schema.models import (
    SCHEMA_VERSION,
    BBox,
    Block,
    Cell,
    Column,
    Diagnostic,
    Join,
    ListBlock,
    Paragraph,
    Provenance,
    Recommendation,
    Report,
    ReportInfo,
    Severity,
    Source,
    render_blocks,
)

__all__ = [
    "SCHEMA_VERSION",
    "BBox",
    "Block",
    "Cell",
    "Column",
    "Diagnostic",
    "Join",
    "ListBlock",
    "Paragraph",
    "Provenance",
    "Recommendation",
    "Report",
    "ReportInfo",
    "Severity",
    "Source",
    "render_blocks",
]
