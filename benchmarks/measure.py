"""One measurement in a fresh process: prints "seconds peak_rss_kib" for one task.

    python benchmarks/measure.py idle              # the interpreter with extract and its command line imported
    python benchmarks/measure.py idle-pdf          # the same, with pdfplumber imported too
    python benchmarks/measure.py floor FILE.pdf    # pdfplumber reading every page's words: the PDF floor
    python benchmarks/measure.py floor-a FILE      # lxml parsing every cell's HTML fragment: the text floor
    python benchmarks/measure.py floor-docx FILE   # python-docx reading every table cell's text: the Word floor
    python benchmarks/measure.py validate FILE     # pydantic validating and dumping the parse's output
    python benchmarks/measure.py parse FILE        # report-extract FILE -o OUT: the whole parse, JSON written
"""

from __future__ import annotations

import resource
import sys
import time


def _floor_pdf(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def _floor_docx(path: str) -> None:
    import docx

    for table in docx.Document(path).tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def _floor_text(path: str) -> None:
    import lxml.html

    from extract.fragments import PARSER

    with open(path, encoding="utf-8") as stream:
        for line in stream:
            for cell in line.rstrip("\n").split("\t"):
                if cell.strip():
                    lxml.html.fragment_fromstring(cell, create_parent="div", parser=PARSER)


def _cli(path: str) -> None:
    """What `report-extract FILE -o OUT` does: parse, then write the JSON."""
    import os
    import tempfile

    from extract.cli import main

    with tempfile.TemporaryDirectory() as folder:
        if main([path, "-q", "-o", os.path.join(folder, "out.json")]) != 0:
            raise SystemExit(f"report-extract failed on {path}")


def main(task: str, path: str | None = None) -> None:
    import extract
    import extract.cli  # "parse" runs the command line: idle is that program, loaded
    from schema import Report

    if task in ("floor", "idle-pdf"):
        import pdfplumber  # noqa: F401 - imported before the clock starts
    if task == "floor-docx":
        import docx  # noqa: F401 - imported before the clock starts, as the parse's import is not timed either
    prepared = extract.parse(path).to_json() if task == "validate" else None  # made before the clock starts
    tasks = {
        "idle": lambda: None,
        "idle-pdf": lambda: None,
        "floor": lambda: _floor_pdf(path),
        "floor-a": lambda: _floor_text(path),
        "floor-docx": lambda: _floor_docx(path),
        "validate": lambda: Report.model_validate_json(prepared).model_dump_json(indent=2),
        "parse": lambda: _cli(path),
    }
    if task not in tasks:
        raise SystemExit(f"unknown task {task!r}; one of {', '.join(tasks)}")
    start = time.perf_counter()
    tasks[task]()
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    main(*sys.argv[1:])
