"""`make bench-pdf`: the PDF route's speed and memory as pages grow, against floors measured in the same run.

Renders a ~50-page and a ~500-page PDF with the fixture generator (cached in
build/), then measures, each in a fresh process and best of --runs:
  - idle: the interpreter with extract and pdfplumber imported (memory baseline);
  - floor: pdfplumber reading every page's words, closing each page (time baseline);
  - parse: report-extract's whole parse to JSON.
Prints ratios, not absolute claims: parse time / floor time, 500 / 50 pages, and
peak memory above the idle interpreter.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

from bench_text import measure_rounds  # the same rounds as the text route: a slow spell hits every file alike

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
ROWS_PER_REPEAT_PAGES = 5.1  # pages per repetition of the report's 20 rows, as rendered


def render(pages: int) -> Path:
    target = BUILD / f"bench-{pages}.pdf"
    if not target.exists():
        BUILD.mkdir(exist_ok=True)
        repeat = max(1, round(pages / ROWS_PER_REPEAT_PAGES))
        print(f"rendering {target.relative_to(ROOT)} ({repeat} copies of the table) ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "samples" / "make_pdfs.py"), "--repeat", str(repeat),
                        "--out", str(target)], check=True)
    return target


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs=2, default=[50, 500], metavar=("SMALL", "LARGE"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=Path, nargs=2, metavar=("SMALL", "LARGE"),
                        help="measure these PDFs instead of rendering (the tests use the samples)")
    args = parser.parse_args(argv)
    small, large = args.files if args.files else (render(n) for n in args.pages)
    best = measure_rounds([("idle-pdf", None)] + [(task, path) for path in (small, large) for task in ("floor", "parse")],
                          args.runs)
    idle_rss = best["idle-pdf", None][1]
    results = {}
    for path in (small, large):
        floor_time, floor_rss = best["floor", path]
        parse_time, parse_rss = best["parse", path]
        results[path] = (page_count(path), floor_time, parse_time, floor_rss - idle_rss, parse_rss - idle_rss)
    print(f"\nmachine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores; best of {args.runs} rounds (each task once a round), every run a fresh process")
    print(f"{'pages':>6} {'parse / floor time':>19} {'floor peak MiB':>15} {'parse peak MiB':>15} {'parse KiB / page':>17}")
    print(f"{'':>6} {'':>19} {'(above idle)':>15} {'(above idle)':>15}")
    for pages, floor_time, parse_time, floor_extra, parse_extra in results.values():
        print(f"{pages:>6} {parse_time / floor_time:>18.2f}x {floor_extra / 1024:>15.1f} "
              f"{parse_extra / 1024:>15.1f} {parse_extra / pages:>17.1f}")
    (p1, f1, t1, fm1, m1), (p2, f2, t2, fm2, m2) = results.values()
    print(f"\n{p2} pages / {p1} pages = {p2 / p1:.1f}x the pages: parse {t2 / t1:.2f}x the time "
          f"(floor {f2 / f1:.2f}x), {m2 / max(m1, 1):.2f}x the peak memory above idle (floor {fm2 / max(fm1, 1):.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
