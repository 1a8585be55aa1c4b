"""`make corpus`: every document in a folder (default ../shared/real/) through the parser, one line
each: tables, rows, rows with an id, warnings by code and seconds, or the one-line refusal.

    python benchmarks/corpus.py [FOLDER] [--timeout SECONDS]

The folder's documents are data nobody here made; none is committed into the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "real"
SUFFIXES = (".pdf", ".txt", ".docx", ".html", ".htm", ".csv")


def read_one(path: Path, timeout: float) -> str:
    """One document's line."""
    import extract
    from extract.errors import ExtractError

    started = time.perf_counter()
    try:
        report = extract.parse(path, limits=extract.Limits(timeout=timeout))
    except ExtractError as error:
        return f"refused ({time.perf_counter() - started:.1f} s): {error.message}"[:200]
    seconds = time.perf_counter() - started
    codes = Counter(d.code for d in report.diagnostics if d.severity.value == "warning")
    warnings = ", ".join(f"{code} {count}" for code, count in sorted(codes.items())) or "none"
    with_id = sum(1 for record in report.records if record.id)
    tables = len(report.tables)
    return (f"{tables} table{'s' if tables != 1 else ''}, {len(report.records)} rows, {with_id} with an id, "
            f"warnings: {warnings} ({seconds:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder (the real documents are not here)", file=sys.stderr)
        return 1
    documents = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in SUFFIXES)
    width = max((len(p.name) for p in documents), default=0)
    for path in documents:
        print(f"{path.name:<{width}}  {read_one(path, args.timeout)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
