"""Command line: ``report-extract INPUT... [--format F] [-o FILE|OUTDIR|-]`` (also ``python -m extract``).

Exit status 0 on success; 1 when any input failed (each with one line
``FILE:LINE: what is wrong`` on stderr) or an output cannot be written; 2 for a
wrong command line.
"""

from __future__ import annotations

import argparse
import logging
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from extract.cli.atomic import write_atomic
from extract.cli.batch import Job, Outcome, default_workers, expand, run_all
from extract.errors import ExtractError
from extract.limits import Limits
from extract.outputs import EXTENSIONS, FORMATS
from extract.readers import SUFFIXES


def _formats_help() -> str:
    """One paragraph per output format, from the formats' table."""
    lines = []
    for fmt in FORMATS.values():
        lines.extend(textwrap.wrap(f"{fmt.name} ({fmt.extension}): {fmt.description}.", width=78,
                                   initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False))
    return "\n".join(lines)


DESCRIPTION = f"""\
Parse recommendations-and-responses reports, as PDFs or as the tab-separated
text export of their table (cells holding HTML fragments), into validated JSON:
page-break continuations stitched, vertically merged cells resolved, cell text
cleaned into paragraphs and lists, cross references and audiences found.

One input: the output goes to standard output, or with -o to FILE (written to
a temporary file and renamed, so no half-written file is ever left). Several
inputs or a folder (its {", ".join(SUFFIXES)} files): -o OUTDIR writes OUTDIR/NAME.json
(or the format's extension, below) for each; with the default JSON, -o -
writes JSON Lines (one whole report a line) on standard output. -j N parses with
N processes.

--format (default {next(iter(FORMATS))}):
{_formats_help()}

Warnings go to standard error as FILE:LINE: warning: MESSAGE [CODE]; they are
also in the JSON's "diagnostics".
Bad input gives one line FILE:LINE: what is wrong; the other inputs are still
written, and the exit status is 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="report-extract",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", metavar="INPUT", nargs="+",
                        help="a report (a PDF, or its table's text export), or a folder of them")
    parser.add_argument("-o", "--output", metavar="FILE|OUTDIR|-",
                        help="one input: write the output to FILE; several: write OUTDIR/NAME.json (or the "
                             "format's extension) each; -: JSON Lines of whole reports on standard output")
    parser.add_argument("-f", "--format", choices=list(EXTENSIONS), default="json",
                        help="output format (default json)")
    parser.add_argument("-j", "--jobs", type=int, default=default_workers(), metavar="N",
                        help=f"parse with N worker processes (default: the number of cores, {default_workers()})")
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


def _progress(done: int, total: int, name: str) -> None:
    print(f"\r[{done}/{total}] {Path(name).name[:60]:<60}", end="" if done < total else "\n",
          file=sys.stderr, flush=True)


def _write(outcome: Outcome, output: str | None, batch: bool, extension: str) -> str | None:
    """Write one outcome's output where it goes; return an error line if that fails."""
    if output == "-" or output is None:
        sys.stdout.flush()
        for part in outcome.parts:
            sys.stdout.buffer.write(part)
        sys.stdout.buffer.flush()
        return None
    target = Path(output) / (Path(outcome.path).stem + extension) if batch else Path(output)
    try:
        write_atomic(target, *outcome.parts)
    except ExtractError as error:
        return str(error)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # pdfminer logs its repairs of damaged files as warnings; our own report says what matters,
    # in one line, so keep its log off standard error.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    paths = expand(args.inputs)
    batch = len(args.inputs) > 1 or Path(args.inputs[0]).is_dir() or (
        args.output not in (None, "-") and Path(args.output).is_dir())
    extension = EXTENSIONS[args.format]
    if batch and args.output is None:
        parser.error("several inputs or a folder need -o OUTDIR (one file each) or -o - (JSON Lines of whole reports)")
    if batch and args.output == "-" and args.format != "json":
        parser.error(f"-o - with several inputs writes JSON Lines of whole reports (--format json); "
                     f"--format {args.format} needs -o OUTDIR (one {extension} file each)")
    if batch and args.output != "-":
        stems = [Path(path).stem for path in paths]
        clash = next((stem for stem in stems if stems.count(stem) > 1), None)
        if clash is not None:
            parser.error(f"two inputs would both write {clash}{extension} into {args.output}")
        Path(args.output).mkdir(parents=True, exist_ok=True)
    limits = Limits(max_bytes=args.max_bytes, max_pages=args.max_pages, timeout=args.timeout)
    jobs = [Job(path, args.profile, limits, args.audit, compact=args.output == "-", format=args.format)
            for path in paths]
    show_progress = batch and not args.quiet and sys.stderr.isatty()
    failures: list[str] = []
    for done, outcome in enumerate(run_all(jobs, args.jobs), start=1):
        if show_progress:
            _progress(done, len(jobs), outcome.path)
        error = outcome.error or _write(outcome, args.output, batch, extension)
        if error:
            failures.append(error)
            if not batch:
                print(error, file=sys.stderr)
        elif not args.quiet:
            for line in outcome.warnings:
                print(line, file=sys.stderr)
    if batch and failures:
        print(f"{len(failures)} of {len(jobs)} inputs failed:", file=sys.stderr)
        for line in failures:
            print(line, file=sys.stderr)
    return 1 if failures else 0


__all__ = ["DESCRIPTION", "build_parser", "main"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
