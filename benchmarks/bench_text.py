"""`make bench`: the text route against floors measured in the same run, at growing sizes.

Builds reports in the raw text style from the HQIP sample's rows (renumbered;
page breaks, repeated headers and continuation rows at the sample's own rate)
with 1,000, 10,000 and 50,000 rows, and measures each in a fresh process:
  floor a: lxml parsing every cell's HTML fragment (the work no correct parser skips);
  floor b: a, plus pydantic validating and dumping our own output;
  parse:   report-extract's whole parse to JSON.
Then the command's start-up against importing its libraries, and 200 copies of
the sample through -j 1 and -j 2. Prints ratios; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench-text"
SAMPLE = ROOT / "samples" / "hqip-engaging-clinicians-2014.txt"
MEASURE = ROOT / "benchmarks" / "measure.py"
IMPORTS = "import bs4, lxml.html; from pydantic import BaseModel"


def build(rows: int, folder: Path = BUILD) -> Path:
    """A report of ``rows`` numbered rows made of the sample's rows, pages and continuations."""
    target = folder / f"rows-{rows}.txt"
    if target.exists():
        return target
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    first_row = next(i for i, line in enumerate(lines) if line.split("\t")[0] == "1")
    preamble, body = lines[:first_row], lines[first_row:]
    out = list(preamble)
    number = 0
    while number < rows:
        for line in body:
            cells = line.split("\t")
            if cells[0].isdigit():
                if number == rows:
                    break
                number += 1
                cells[0] = str(number)
            out.append("\t".join(cells))
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    return target


def measure(task: str, path: Path | None, runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        args = [sys.executable, str(MEASURE), task] + ([str(path)] if path else [])
        seconds, rss = subprocess.run(args, check=True, capture_output=True, text=True).stdout.split()
        times.append(float(seconds))
        peaks.append(int(rss))
    return min(times), min(peaks)


def timed(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--build", type=Path, default=BUILD, help="where the generated reports go")
    args = parser.parse_args(argv)
    _, idle = measure("idle", None, args.runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}; "
          f"best of {args.runs} runs, each a fresh process\n")
    print(f"{'rows':>7} {'MB':>6} {'rows/s':>9} {'MB/s':>6} {'parse/floor a':>14} {'parse/floor b':>14} "
          f"{'peak above idle / input':>24}")
    timings = {}
    for rows in args.rows:
        path = build(rows, args.build)
        size = path.stat().st_size
        floor_a, _ = measure("floor-a", path, args.runs)
        validate, _ = measure("validate", path, args.runs)
        parse, peak = measure("parse", path, args.runs)
        timings[rows] = parse
        print(f"{rows:>7} {size / 1e6:>6.1f} {rows / parse:>9.0f} {size / 1e6 / parse:>6.2f} "
              f"{parse / floor_a:>13.1f}x {parse / (floor_a + validate):>13.1f}x "
              f"{(peak - idle) * 1024 / size:>23.1f}x")
    if 1000 in timings and 10000 in timings:
        print(f"\n10,000 rows took {timings[10000] / timings[1000]:.1f}x the time of 1,000 rows")
    runs = max(args.runs, 5)
    # As installed from a wheel: bytecode compiled (PYTHONDONTWRITEBYTECODE would otherwise leave
    # every run compiling the sources).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    start_up = timed([sys.executable, "-m", "extract", "-q", str(SAMPLE)], runs)
    imports = timed([sys.executable, "-c", IMPORTS], runs)
    one_model = timed([sys.executable, "-c", IMPORTS + "\nclass M(BaseModel):\n    x: int"], runs)
    print(f"start-up: python -m extract on the sample took {start_up / imports:.2f}x the time of importing "
          f"bs4, lxml.html and pydantic, and {start_up / one_model:.2f}x the time of that plus defining one "
          f"pydantic model (which alone took {one_model / imports:.2f}x; best of {runs})")
    folder = args.build / "copies"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in range(args.copies):
        shutil.copy(SAMPLE, folder / f"copy-{index:03d}.txt")
    serial = timed([sys.executable, "-m", "extract", "-q", "-j", "1", str(folder), "-o", str(args.build / "out-1")], 1)
    parallel = timed([sys.executable, "-m", "extract", "-q", "-j", "2", str(folder), "-o", str(args.build / "out-2")], 1)
    print(f"{args.copies} copies of the sample: -j 2 took {parallel / serial:.2f}x the time of -j 1 "
          f"(a speed-up of {serial / parallel:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
