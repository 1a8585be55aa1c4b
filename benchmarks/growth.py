"""Growth checks for `make bench`: each shape of input at a size n and at 4n, the time ratio
(linear work gives about 4x, quadratic about 16x), each measured in a fresh process, best of
the rounds. Also the peak memory of short rows against their input. Nothing is pass/fail.

    python benchmarks/growth.py [--scale K] [--runs N]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HEADER = "No.\tRecommendation\tResponse"


def columns_report(n: int) -> str:
    """One row under n columns."""
    labels = "\t".join(f"Column {i}" for i in range(n))
    cells = "\t".join(f"text {i}" for i in range(n))
    return f"Title\n\nNo.\t{labels}\n1\t{cells}\n"


def list_continuations(n: int) -> str:
    """One row continued over n page breaks, each continuation adding a list item."""
    lines = ["Title", "", HEADER, "1\t<ul><li>first item</li></ul>\tDone."]
    for i in range(n):
        lines += ["", HEADER, f"\t<ul><li>item {i}</li></ul>\t"]
    return "\n".join(lines) + "\n"


def carried_sentence(n: int) -> str:
    """One row whose sentence is carried on over n page breaks."""
    lines = ["Title", "", HEADER, "1\tThe sentence goes on and\tDone."]
    for _ in range(n):
        lines += ["", HEADER, "\tgoes on and\t"]
    return "\n".join(lines) + "\n"


def short_rows(n: int) -> str:
    """n rows of a few characters each."""
    return "Title\n\n" + HEADER + "\n" + "".join(f"{i}\tR{i}\tOk.\n" for i in range(1, n + 1))


def renumbered_edition(n: int, *, new: bool = False) -> str:
    """n rows; the new edition numbers every row afresh and changes a word of each, so that every
    row of ``report-extract diff`` is matched by its words."""
    lines = ["Title", "", HEADER]
    for i in range(1, n + 1):
        done = "was done" if new else "is due"
        lines.append(f"{i + n if new else i}\tTrusts should review item{i} and section{i * 7} of the plan{i * 13} "
                     f"this year.\tThe review {done}.")
    return "\n".join(lines) + "\n"


SHAPES = {
    # name: (builder, n, task)
    "csv, many columns": (columns_report, 5000, "csv"),
    "html, many columns": (columns_report, 2000, "html"),
    "continuation rows adding list items": (list_continuations, 5000, "json"),
    "a sentence carried over page breaks": (carried_sentence, 5000, "json"),
    "library parse (no caller GC pause)": (short_rows, 20000, "library"),
    "diff of two editions, every row renumbered": (renumbered_edition, 2000, "diff"),
}


def _run(path: str, task: str) -> None:
    """In this process: the task on the file (the measured part)."""
    import extract

    start = time.perf_counter()
    report = extract.parse(path)
    if task == "diff":
        from extract.compare import compare

        compare(report, extract.parse(path.replace(".txt", "-new.txt")))
    elif task != "library":
        extract.render(report, task)
    print(f"{time.perf_counter() - start:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


def _measure(path: Path, task: str) -> tuple[float, int]:
    out = subprocess.run([sys.executable, __file__, "--run", str(path), task], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), int(out[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", type=Path, default=Path(__file__).resolve().parent.parent / "build" / "growth")
    parser.add_argument("--shapes", type=int, default=len(SHAPES), help="measure only the first N shapes")
    parser.add_argument("--run", nargs=2, metavar=("FILE", "TASK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        _run(*args.run)
        return 0
    args.build.mkdir(parents=True, exist_ok=True)
    print("growth: time at 4n / time at n (linear about 4x, quadratic about 16x)")
    for name, (builder, size, task) in list(SHAPES.items())[:args.shapes]:
        n = max(int(size * args.scale), 1)
        times = []
        for factor in (1, 4):
            path = args.build / f"{builder.__name__}-{n * factor}.txt"
            path.write_text(builder(n * factor), encoding="utf-8")
            if task == "diff":
                path.with_name(path.stem + "-new.txt").write_text(renumbered_edition(n * factor, new=True),
                                                                  encoding="utf-8")
            times.append(min(_measure(path, task)[0] for _ in range(args.runs)))
        print(f"  {name}: n = {n:,}: {times[0]:.2f} s, 4n: {times[1]:.2f} s, {times[1] / times[0]:.1f}x")
    n = max(int(100_000 * args.scale), 1)
    path, tiny = args.build / f"short-rows-{n}.txt", args.build / "short-rows-1.txt"
    path.write_text(short_rows(n), encoding="utf-8")
    tiny.write_text(short_rows(1), encoding="utf-8")
    idle = min(_measure(tiny, "library")[1] for _ in range(args.runs))
    peak = min(_measure(path, "library")[1] for _ in range(args.runs))
    size = path.stat().st_size
    print(f"memory: {n:,} short rows ({size / 1e6:.1f} MB): peak {(peak - idle) / 1024:.0f} MiB above idle, "
          f"{(peak - idle) * 1024 / size:.0f}x the input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
