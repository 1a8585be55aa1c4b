"""Helpers shared by the tests: small inline text exports."""

from __future__ import annotations

from pathlib import Path

from extract import parse_text
from schema import Diagnostic, Report, Severity

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
HQIP = SAMPLES / "hqip-engaging-clinicians-2014.txt"

HEADER_LINES = [
    "Recommendations and audiences\t\t\tHQIP response\t",
    "No.\tRecommendation\tTarget audience\tAction taken\tNext steps",
]


def table(*rows: str, title: str = "**Summary of HQIP responses to ‘A report (published 1 Jan 2015)**") -> str:
    """A small text export: title, one page header, then the given rows ('|' for tab)."""
    lines = ["", title, "", *HEADER_LINES, *(row.replace("|", "\t") for row in rows)]
    return "\n".join(lines) + "\n"


def page_break() -> list[str]:
    return ["", *HEADER_LINES]


def parse_rows(*rows: str) -> Report:
    return parse_text(table(*rows), name="inline.txt")


def codes(report: Report) -> list[str]:
    """The codes of the report's warnings (not its notes for the record, severity "info")."""
    return [d.code for d in warnings(report)]


def warnings(report: Report) -> list[Diagnostic]:
    """The report's warnings, without its notes for the record (which column is the identifier)."""
    return [d for d in report.diagnostics if d.severity is Severity.WARNING]
