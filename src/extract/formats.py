"""The output formats: a report rendered as ``--format`` asks, and the file extension each one takes."""

from __future__ import annotations

from schema import Report

#: Each format's name (as ``--format`` takes it) and the extension of its files in an output folder.
EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "markdown": ".md", "html": ".html"}


def render(report: Report, format: str = "json", *, compact: bool = False) -> str:
    """``report`` as text in ``format``; ``compact`` puts JSON on one line (a line of JSON Lines)."""
    if format == "json":
        return report.model_dump_json() + "\n" if compact else report.to_json()
    # The exports are imported when asked for: a JSON run does not pay for their start-up.
    if format == "jsonl":
        from extract.export import to_jsonl

        return to_jsonl(report)
    if format == "csv":
        from extract.export import to_csv

        return to_csv(report)
    if format == "markdown":
        from extract.export import to_markdown

        return to_markdown(report)
    if format == "html":
        from extract.review import to_html

        return to_html(report)
    raise ValueError(f"unknown format {format!r}; one of {', '.join(EXTENSIONS)}")
