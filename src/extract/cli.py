"""Command line: ``report-extract INPUT [-o FILE]`` (also ``python -m extract``).

Exit status 0 on success; 1 with one line ``FILE:LINE: what is wrong`` on stderr
for bad input or an output that cannot be written; 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from extract.audit import audit
from extract.errors import ExtractError
from extract.limits import Limits
from extract.output import write_atomic
from extract.pipeline import parse
from schema import Report

DESCRIPTION = """\
Parse a recommendations-and-responses report, as a PDF or as the tab-separated
text export of its table (cells holding HTML fragments), into validated JSON:
page-break continuations stitched, vertically merged cells resolved, cell text
cleaned into paragraphs and lists, cross references and audiences found.

The JSON goes to standard output, or with -o to FILE (written to a temporary
file and renamed, so no half-written file is ever left). Warnings go to
standard error as FILE:LINE: warning: MESSAGE [CODE]; they are also in the
JSON's "diagnostics". Bad input exits with status 1 and one line
FILE:LINE: what is wrong."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="report-extract",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", help="the report: a PDF, or its table's text export")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the JSON to FILE instead of standard output")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings on standard error")
    parser.add_argument("--profile", metavar="FILE", help="a layout profile (TOML) overriding the inferred layout")
    defaults = Limits()
    parser.add_argument("--max-bytes", type=int, default=defaults.max_bytes, metavar="N",
                        help=f"refuse an input larger than N bytes (default {defaults.max_bytes:,})")
    parser.add_argument("--max-pages", type=int, default=defaults.max_pages, metavar="N",
                        help=f"refuse a PDF of more than N pages (default {defaults.max_pages})")
    parser.add_argument("--timeout", type=float, default=defaults.timeout, metavar="SECONDS",
                        help=f"give up on a PDF after SECONDS (default {defaults.timeout:g})")
    parser.add_argument("--audit", action="store_true",
                        help="check that every word of the table's cells is in the output as often; exit 1 if not")
    return parser


def _print_warnings(report: Report, name: str) -> None:
    for diagnostic in report.diagnostics:
        where = name if diagnostic.line is None else f"{name}:{diagnostic.line}"
        print(f"{where}: {diagnostic.severity.value}: {diagnostic.message} [{diagnostic.code}]", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # pdfminer logs its repairs of damaged files as warnings; our own report says what matters,
    # in one line, so keep its log off standard error.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        limits = Limits(max_bytes=args.max_bytes, max_pages=args.max_pages, timeout=args.timeout)
        report = parse(args.input, profile=args.profile, limits=limits)
        checked = audit(args.input, report, profile=args.profile) if args.audit else None
        if checked is not None and not checked.ok:
            print(f"{args.input}: {checked.summary()}", file=sys.stderr)
            return 1
        text = report.to_json()
        if args.output:
            write_atomic(args.output, text)
    except ExtractError as error:
        print(str(error), file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: still one line, no traceback
        detail = " ".join(str(error).split())[:300]
        print(f"{args.input}: internal error, please report it: {type(error).__name__}: {detail}", file=sys.stderr)
        return 1
    if not args.quiet:
        _print_warnings(report, args.input)
        if checked is not None:
            print(f"{args.input}: {checked.summary()}", file=sys.stderr)
    if not args.output:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
