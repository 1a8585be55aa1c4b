"""One text-route measurement in a fresh process: prints "seconds peak_rss_kib".

    idle              the interpreter with extract imported
    floor-a FILE      lxml parsing every cell's HTML fragment, with the pipeline's parser options
    validate FILE     pydantic validating and dumping the parse's output (the output is made first, untimed)
    parse FILE        the whole parse to JSON
"""

from __future__ import annotations

import resource
import sys
import time


def main(task: str, path: str | None = None) -> None:
    import lxml.html

    import extract
    from extract.richtext import _PARSER
    from schema import Report

    prepared = extract.parse(path).to_json() if task == "validate" else None
    start = time.perf_counter()
    if task == "floor-a":
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                for cell in line.rstrip("\n").split("\t"):
                    if cell.strip():
                        lxml.html.fragment_fromstring(cell, create_parent="div", parser=_PARSER)
    elif task == "validate":
        Report.model_validate_json(prepared).model_dump_json(indent=2)
    elif task == "parse":
        extract.parse(path).to_json()
    elif task != "idle":
        raise SystemExit(f"unknown task {task!r}")
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    main(*sys.argv[1:])
