"""A parsed report as JSON: the whole report, validated, as the schema describes it (the default)."""

from __future__ import annotations

from schema import Report


def render_json(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format json``: the report's JSON as UTF-8 in parts, indented (``compact``: on one line).

    JSON is made as UTF-8 bytes, never as a ``str``: a ``str`` holding any character outside
    Latin-1 takes two bytes a character, and the JSON is the largest object of a run.
    """
    return tuple(report.iter_json(indent=None if compact else 2))
