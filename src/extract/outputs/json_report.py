"""A parsed report as JSON: the whole report, validated, as the schema describes it (the default)."""

from __future__ import annotations

from collections.abc import Iterator

from schema import Report


def render_json(report: Report, *, compact: bool = False) -> Iterator[bytes]:
    """``--format json``: the report's JSON as UTF-8 in parts of a row each, made as they are asked for,
    indented (``compact``: on one line).

    JSON is made as UTF-8 bytes, never as a ``str``: a ``str`` holding any character outside
    Latin-1 takes two bytes a character, and the JSON is the largest object of a run.
    """
    return report.iter_json(indent=None if compact else 2)
