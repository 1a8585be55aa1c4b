"""The output formats: a report rendered as ``--format`` asks, and the file extension each one takes."""

from __future__ import annotations

from schema import Report

#: Each format's name (as ``--format`` takes it) and the extension of its files in an output folder.
EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "commitments": ".commitments.csv",
              "markdown": ".md", "html": ".html"}


def render(report: Report, format: str = "json", *, compact: bool = False) -> bytes:
    """``report`` in ``format`` as UTF-8 bytes; ``compact`` puts JSON on one line (a line of JSON Lines)."""
    return b"".join(render_parts(report, format, compact=compact))


def render_parts(report: Report, format: str = "json", *, compact: bool = False) -> tuple[bytes, ...]:
    """``render`` in parts to be written one after the other, so that no part is copied to join them.

    JSON is made as UTF-8 bytes, never as a ``str``: a ``str`` holding any character outside
    Latin-1 takes two bytes a character, and the JSON is the largest object of a run.
    """
    if format == "json":
        return tuple(report.iter_json(indent=None if compact else 2))
    # The exports are imported when asked for: a JSON run does not pay for their start-up.
    if format == "jsonl":
        from extract.export import to_jsonl

        return (to_jsonl(report).encode("utf-8"),)
    if format == "csv":
        from extract.export import to_csv

        return (to_csv(report).encode("utf-8"),)
    if format == "commitments":
        from extract.export import commitments_to_csv

        return (commitments_to_csv(report).encode("utf-8"),)
    if format == "markdown":
        from extract.export import to_markdown

        return (to_markdown(report).encode("utf-8"),)
    if format == "html":
        from extract.review import to_html

        return (to_html(report).encode("utf-8"),)
    raise ValueError(f"unknown format {format!r}; one of {', '.join(EXTENSIONS)}")
