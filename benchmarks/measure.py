"""One measurement in a fresh process: prints "seconds peak_rss_kib" for one task.

    python benchmarks/measure.py idle              # the interpreter with the imports only
    python benchmarks/measure.py floor FILE.pdf    # pdfplumber reading every page's words: the floor
    python benchmarks/measure.py parse FILE        # report-extract's whole parse to JSON
"""

from __future__ import annotations

import resource
import sys
import time


def main(task: str, path: str | None = None) -> None:
    import pdfplumber

    import extract

    start = time.perf_counter()
    if task == "floor":
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()
    elif task == "parse":
        extract.parse(path).to_json()
    elif task != "idle":
        raise SystemExit(f"unknown task {task!r}")
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    main(*sys.argv[1:])
