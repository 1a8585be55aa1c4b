"""`make bench`'s Word line: the DOCX route's time per table row against python-docx's own reading.

Writes the HQIP table as a Word document with N copies of its 20 rows (python-docx, into build/),
then measures, each in a fresh process and best of --runs rounds: the *floor*, python-docx opening
the document and reading every table cell's text (the least any reader of it does), and the
*parse*, report-extract's whole parse to JSON. Prints the ratio of the two, and how the parse
grows from the small document to the large one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_text import measure_rounds

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
sys.path.insert(0, str(ROOT / "samples"))


def write(copies: int, build: Path = BUILD) -> Path:
    """The HQIP table typed in Word style (samples/make_word_pdfs.py: repeating header, merged cells,
    Word bullets), its 20 body rows ``copies`` times over, numbered on."""
    target = build / f"bench-{copies * 20}-rows.docx"
    if not target.exists():
        import copy
        import io

        import docx
        from make_word_pdfs import VARIANTS, build_docx

        from extract import parse

        report = parse(ROOT / "samples" / "hqip-engaging-clinicians-2014.txt")
        document = docx.Document(io.BytesIO(build_docx(report, VARIANTS[0])))
        table = document.tables[0]._tbl
        body = table.tr_lst[2:]  # after the two header rows
        for copy_number in range(1, copies):
            for index, row in enumerate(body):
                added = copy.deepcopy(row)
                number = next(added.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
                number.text = str(copy_number * len(body) + index + 1)
                table.append(added)
        build.mkdir(exist_ok=True)
        document.save(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, nargs=2, default=[10, 100], metavar=("SMALL", "LARGE"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", type=Path, default=BUILD, help="where the generated documents go")
    args = parser.parse_args(argv)
    small, large = (write(copies, args.build) for copies in args.copies)
    best = measure_rounds([(task, path) for path in (small, large) for task in ("floor-docx", "parse")], args.runs)
    print(f"\n{'rows':>6} {'parse s':>8} {'floor s':>8} {'parse / floor':>14} {'ms / row':>9}")
    results = []
    for copies, path in zip(args.copies, (small, large), strict=True):
        rows = copies * 20
        parse_time, floor_time = best["parse", path][0], best["floor-docx", path][0]
        results.append((rows, parse_time, floor_time))
        print(f"{rows:>6} {parse_time:>8.2f} {floor_time:>8.2f} {parse_time / floor_time:>13.2f}x "
              f"{1000 * parse_time / rows:>9.2f}")
    (r1, t1, f1), (r2, t2, f2) = results
    print(f"\n{r2} rows / {r1} rows = {r2 / r1:.0f}x the rows: parse {t2 / t1:.2f}x the time (floor {f2 / f1:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
