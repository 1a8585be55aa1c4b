"""``report-extract diff OLD NEW``: what changed between two editions of a report.

Each of OLD and NEW is a report in any format report-extract reads, or its JSON as report-extract
wrote it (this schema version's); ``-`` reads one of them from standard input. The changes go to
standard output, as text for a person (rows added ``+``, removed ``-``, changed ``~``, a changed
cell's words as ``[-gone-]{+new+}``) or with ``--format json`` for a program. Exit status, as
``diff``'s: 0 when nothing changed, 1 when something did, 2 for trouble (a wrong command line, an
input that cannot be read, an output that cannot be written: one line on standard error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from extract.compare import Comparison, RowChange, Words, compare
from extract.errors import ExtractError
from extract.limits import Limits
from schema import Report

#: The exit status for trouble, as ``diff`` has it; for Ctrl-C, as the shell reports it.
TROUBLE = 2
INTERRUPTED = 130


def _load(path: str, limits: Limits) -> Report:
    """A report from a file: report-extract's JSON of it, or any input it reads."""
    from pydantic import ValidationError

    from extract.pipeline import parse_bytes, read_file, read_stream

    data = read_stream(sys.stdin.buffer, "<stdin>", limits) if path == "-" else read_file(path, limits)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":  # JSON (report-extract's, BOM or not)
        try:
            return Report.model_validate_json(data.removeprefix(b"\xef\xbb\xbf"))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ExtractError(f"not a report of this version's JSON ({where}: {first['msg']}); extract the "
                               "source again", file=path) from None
    return parse_bytes(data, name="<stdin>" if path == "-" else path, limits=limits)


def _words(runs: Sequence[Words]) -> str:
    return " ".join(run.text if run.op == "equal" else f"[-{run.text}-]" if run.op == "delete" else f"{{+{run.text}+}}"
                    for run in runs)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _row_text(row: RowChange) -> list[str]:
    mark = {"added": "+", "removed": "-", "changed": "~"}[row.change]
    name = row.new_id if row.change != "removed" else row.old_id
    if row.change == "changed" and row.old_id != row.new_id:
        name = f"{row.old_id} → {row.new_id}"
    head = f"{mark} {name or '(no identifier)'}" + (f" ({row.section})" if row.section else "")
    if row.matched_by == "text":
        head += " [matched by its text]"
    if row.change != "changed":
        return [f"{head}: {_short(row.text)}"]
    lines = [head + (f": status {row.old_status} → {row.new_status}" if row.old_status != row.new_status else "")]
    for cell in row.cells:
        if cell.change == "changed":
            lines.append(f"    {cell.label}: {_words(cell.words)}")
        else:
            text = cell.new if cell.new is not None else cell.old or ""
            lines.append(f"    {cell.label} ({cell.change}): {_short(text)}")
    return lines


def to_text(comparison: Comparison) -> str:
    """The changes for a person to read."""
    old, new = comparison.old, comparison.new
    lines = [f"--- {old.source.file}" + (f"  {old.title}" if old.title else ""),
             f"+++ {new.source.file}" + (f"  {new.title}" if new.title else ""),
             f"{comparison.count('changed')} changed, {comparison.count('added')} added, "
             f"{comparison.count('removed')} removed, {comparison.unchanged} unchanged"]
    for row in comparison.rows:
        lines.extend(_row_text(row))
    return "\n".join(lines) + "\n"


def to_json(comparison: Comparison) -> str:
    """The changes for a program: both editions' files, the counts, and each row's changes."""
    def edition(report: Report) -> dict[str, object]:
        return {"file": report.source.file, "sha256": report.source.sha256, "title": report.title}

    return json.dumps({
        "old": edition(comparison.old), "new": edition(comparison.new),
        "summary": {"changed": comparison.count("changed"), "added": comparison.count("added"),
                    "removed": comparison.count("removed"), "unchanged": comparison.unchanged},
        "rows": [{"change": row.change, "old_id": row.old_id, "new_id": row.new_id, "section": row.section,
                  "matched_by": row.matched_by, "old_status": row.old_status, "new_status": row.new_status,
                  "text": row.text,
                  "cells": [{"key": cell.key, "label": cell.label, "change": cell.change, "old": cell.old,
                             "new": cell.new, "words": [{"op": run.op, "text": run.text} for run in cell.words]}
                            for cell in row.cells]}
                 for row in comparison.rows],
    }, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str]) -> int:
    """``report-extract diff OLD NEW [--format text|json]``."""
    from extract.cli.options import stderr_line

    parser = argparse.ArgumentParser(
        prog="report-extract diff", description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", metavar="OLD", help="the earlier edition (any input, or its report-extract JSON; "
                                                   "- for standard input)")
    parser.add_argument("new", metavar="NEW", help="the later edition")
    parser.add_argument("-f", "--format", choices=["text", "json"], default="text",
                        help="text for a person (default), json for a program")
    args = parser.parse_args(argv)
    if args.old == args.new == "-":
        parser.error("- (standard input) can be only one of OLD and NEW")
    limits = Limits()
    try:
        comparison = compare(_load(args.old, limits), _load(args.new, limits))
    except ExtractError as error:
        stderr_line(str(error))
        return TROUBLE
    except KeyboardInterrupt:
        stderr_line("interrupted")
        return INTERRUPTED
    except Exception as error:  # a bug of ours: still one line, no traceback
        detail = " ".join(str(error).split())[:300]
        stderr_line(f"internal error, please report it: {type(error).__name__}: {detail}")
        return TROUBLE
    try:
        sys.stdout.write(to_json(comparison) if args.format == "json" else to_text(comparison))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (| head): what it read was right
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        stderr_line(f"<stdout>: cannot write the output: {exc.strerror or exc}")
        return TROUBLE
    return 1 if comparison.changed else 0


__all__ = ["TROUBLE", "main", "to_json", "to_text"]
