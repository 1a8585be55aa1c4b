"""`make bench`: the text route against floors measured in the same run, at growing sizes.

Builds reports in the raw text style from the HQIP sample's rows (renumbered;
page breaks, repeated headers and continuation rows at the sample's own rate)
with 1,000, 10,000 and 50,000 rows, and measures each in a fresh process, in rounds
(every task once a round; the best of the rounds):
  floor a: lxml parsing every cell's HTML fragment (the work no correct parser skips);
  floor b: a, plus pydantic validating and dumping our own output;
  parse:   report-extract's whole parse to JSON.
Then the command's start-up against importing its libraries (bs4, lxml.html and pydantic,
as the performance issue sets it; and what the text route loads: lxml.html, pydantic and
one model), and 200 copies of the sample through -j 1 and -j 2. Prints ratios; nothing
here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench-text"
SAMPLE = ROOT / "samples" / "hqip-engaging-clinicians-2014.txt"
MEASURE = ROOT / "benchmarks" / "measure.py"
IMPORTS = "import bs4, lxml.html; from pydantic import BaseModel"
LOADED = "import lxml.html; from pydantic import BaseModel\nclass M(BaseModel):\n    x: int"
"""What the text route loads of its libraries (bs4 only for text that is not clean UTF-8), plus
the first pydantic model, which loads pydantic's schema machinery: the floor for any start."""


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


def measure_once(task: str, path: Path | None) -> tuple[float, int]:
    args = [sys.executable, str(MEASURE), task] + ([str(path)] if path else [])
    seconds, rss = subprocess.run(args, check=True, capture_output=True, text=True).stdout.split()
    return float(seconds), int(rss)


def measure_rounds(tasks: list[tuple[str, Path | None]], runs: int) -> dict[tuple[str, Path | None], tuple[float, int]]:
    """The best time and least peak RSS of each task over ``runs`` rounds, each round running every
    task once in turn: a slow spell of the machine then hits all sizes alike, not one of them."""
    best: dict[tuple[str, Path | None], tuple[float, int]] = {}
    for _ in range(runs):
        for task in tasks:
            seconds, rss = measure_once(*task)
            old_seconds, old_rss = best.get(task, (seconds, rss))
            best[task] = (min(seconds, old_seconds), min(rss, old_rss))
    return best


def timed(commands: list[list[str]], runs: int) -> list[list[float]]:
    """Each command's wall times over ``runs`` rounds, each round running every command once."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[index].append(time.perf_counter() - start)
    return times


def paired_ratio(times: list[float], baseline: list[float]) -> str:
    """The median of the rounds' ratios, with its quartiles: robust to a slow spell, which hits
    both commands of a round alike, where the ratio of two bests is not."""
    ratios = [mine / base for mine, base in zip(times, baseline, strict=True)]
    low, _, high = statistics.quantiles(ratios, n=4)
    return f"{statistics.median(ratios):.2f}x (quartiles {low:.2f}-{high:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=5,
                        help="best of this many runs (this machine's timings vary by a third run to run)")
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--start-up-rounds", type=int, default=60,
                        help="paired rounds of the start-up measurement (one round of three takes about a second; "
                             "its median moves by about 0.05 from run to run at 60 rounds here, more at fewer)")
    parser.add_argument("--build", type=Path, default=BUILD, help="where the generated reports go")
    args = parser.parse_args(argv)
    paths = {rows: build(rows, args.build) for rows in args.rows}
    tasks = [("idle", None)] + [(task, path) for path in paths.values() for task in ("floor-a", "validate", "parse")]
    best = measure_rounds(tasks, args.runs)
    idle = best["idle", None][1]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}; "
          f"best of {args.runs} rounds, each measurement a fresh process\n")
    print(f"{'rows':>7} {'MB':>6} {'rows/s':>9} {'MB/s':>6} {'parse/floor a':>14} {'parse/floor b':>14} "
          f"{'peak MiB above idle':>20} {'peak above idle / input':>24}")
    timings = {}
    for rows, path in paths.items():
        size = path.stat().st_size
        floor_a, validate = best["floor-a", path][0], best["validate", path][0]
        parse, peak = best["parse", path]
        timings[rows] = parse
        print(f"{rows:>7} {size / 1e6:>6.1f} {rows / parse:>9.0f} {size / 1e6 / parse:>6.2f} "
              f"{parse / floor_a:>13.1f}x {parse / (floor_a + validate):>13.1f}x "
              f"{(peak - idle) / 1024:>20.1f} {(peak - idle) * 1024 / size:>23.1f}x")
    if 1000 in timings and 10000 in timings:
        print(f"\n10,000 rows took {timings[10000] / timings[1000]:.1f}x the time of 1,000 rows")
    runs = max(args.start_up_rounds, 2)  # a median and quartiles need two at least
    # As installed from a wheel: bytecode compiled (PYTHONDONTWRITEBYTECODE would otherwise leave
    # every run compiling the sources).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    start_up, imports, loaded = timed([[sys.executable, "-m", "extract", "-q", str(SAMPLE)],
                                       [sys.executable, "-c", IMPORTS], [sys.executable, "-c", LOADED]], runs)
    print(f"start-up: python -m extract on the sample took {paired_ratio(start_up, imports)} the time of "
          f"importing bs4, lxml.html and pydantic, and {paired_ratio(start_up, loaded)} the time of importing "
          f"lxml.html and pydantic and defining one pydantic model (what the text route loads); median of "
          f"{runs} rounds")
    folder = args.build / "copies"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in range(args.copies):
        shutil.copy(SAMPLE, folder / f"copy-{index:03d}.txt")
    serial_times, parallel_times = timed([[sys.executable, "-m", "extract", "-q", "-j", jobs, str(folder), "-o",
                                           str(args.build / f"out-{jobs}")] for jobs in ("1", "2")], 3)
    serial, parallel = min(serial_times), min(parallel_times)
    print(f"{args.copies} copies of the sample: -j 2 took {parallel / serial:.2f}x the time of -j 1 "
          f"(a speed-up of {serial / parallel:.2f}x; best of 3 rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
