"""The command line's options: the parser, its help (from the readers' and the outputs' tables),
suggestions for a mistyped option or value, and the checks that need more than one option."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from extract.cli.batch import default_workers
from extract.limits import MAX_TIMEOUT, Limits
from extract.outputs import FORMATS
from extract.readers import SUFFIXES

STDIN = "-"


def _formats_help() -> str:
    """One paragraph per output format, from the formats' table."""
    import textwrap  # only to build the parser

    lines = []
    for fmt in FORMATS.values():
        lines.extend(textwrap.wrap(f"{fmt.name} ({fmt.extension}): {fmt.description}.", width=78,
                                   initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False))
    return "\n".join(lines)


def description() -> str:
    """The command's description in ``--help``, with the readers' suffixes and the formats' table."""
    return f"""\
Parse recommendations-and-responses reports, as PDFs or as the tab-separated
text export of their table (cells holding HTML fragments), into validated JSON:
page-break continuations stitched, vertically merged cells resolved, cell text
cleaned into paragraphs and lists, cross references and audiences found.

One input (- for standard input): the output goes to standard output, or with
-o to FILE (written to a temporary file and renamed, so no half-written file is
ever left; the format is taken from FILE's extension unless --format is given).
Several inputs or a folder (its {", ".join(SUFFIXES)} files), or -o OUTDIR/ with a
trailing slash: -o OUTDIR writes OUTDIR/NAME.json (or the format's extension,
below) for each; -o FILE.csv, .jsonl, .commitments.csv, .xlsx or .sqlite writes
every row of every input into that one file; with the default JSON, -o - writes JSON Lines (one whole report
a line) on standard output. -j N parses with N processes.

--format (default {next(iter(FORMATS))}):
{_formats_help()}

report-extract diff OLD NEW [--format json] says what changed between two
editions of a report (exit status 0: nothing, 1: something, 2: trouble).

Warnings go to standard error as FILE:LINE: warning: MESSAGE [CODE]; they are
also in the JSON's "diagnostics", with notes for the record (severity "info":
which column was taken as the identifier column, and why).
Bad input gives one line FILE:LINE: what is wrong; the other inputs are still
written, and the exit status is 1. Ctrl-C stops at once, keeps every output
already made, and exits with 130."""


def version() -> str:
    """The installed version of report-extract."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("report-extract")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for (importlib.metadata is slow to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        try:
            print(f"{parser.prog} {version()}", flush=True)
        except OSError as exc:
            stderr_line(f"<stdout>: cannot write the output: {exc.strerror or exc}")
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            parser.exit(1)
        parser.exit()


#: Other names users give formats: suggested as the format's own name.
_FORMAT_ALIASES = {"md": "markdown", "htm": "html", "ndjson": "jsonl"}


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose errors suggest the nearest option or value for a typo."""

    def format_help(self) -> str:
        if self.description is None:
            self.description = description()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        import difflib  # only for a wrong command line

        unknown = re.match(r"unrecognized arguments: (\S+)", message)
        if unknown and unknown[1].startswith("-"):
            options = [s for action in self._actions for s in action.option_strings if s.startswith("--")]
            nearest = difflib.get_close_matches(unknown[1].split("=")[0], options, n=1, cutoff=0.6)
            if nearest:
                message += f" (did you mean {nearest[0]}?)"
        invalid = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if invalid:
            choices = re.findall(r"'([^']*)'|(\w+)", invalid[2])
            names = {a or b: a or b for a, b in choices}
            names.update({alias: name for alias, name in _FORMAT_ALIASES.items() if name in names})
            nearest = difflib.get_close_matches(invalid[1].casefold(), list(names), n=1, cutoff=0.5)
            if nearest:
                message += f" (did you mean {names[nearest[0]]}?)"
        super().error(message)


def _number(text: str, kind: type[int] | type[float], what: str) -> int | float:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None


def _count(text: str) -> int:
    value = int(_number(text, int, "a whole number"))
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _seconds(text: str) -> float:
    value = float(_number(text, float, "a number of seconds"))
    if not 0 < value <= MAX_TIMEOUT:  # nan, inf, 0 and negative fail this too
        raise argparse.ArgumentTypeError(f"must be over 0 and at most {MAX_TIMEOUT:g} seconds, got {text}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _jobs(text: str) -> int:
    value = int(_number(text, int, "a whole number"))
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (every core) or more, got {value}")
    return value or default_workers()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="report-extract",
        # The description is made when help is shown (``format_help``): textwrap is slow to load.
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", metavar="INPUT", nargs="+",
                        help="a report (a PDF, or its table's text export), a folder of them, or - for "
                             "standard input")
    parser.add_argument("-o", "--output", metavar="FILE|OUTDIR|-",
                        help="one input: write the output to FILE; several, or OUTDIR/: write OUTDIR/NAME.json "
                             "(or the format's extension) each, or every row of them all into one FILE.csv, "
                             ".jsonl, .commitments.csv, .xlsx or .sqlite; -: JSON Lines of whole reports on "
                             "standard output")
    parser.add_argument("-f", "--format", choices=list(FORMATS), default=None,
                        help="output format (default: from -o FILE's extension, else json)")
    parser.add_argument("-j", "--jobs", type=_jobs, default=default_workers(), metavar="N",
                        help=f"parse with N worker processes (0: every core; default {default_workers()})")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings on standard error")
    parser.add_argument("--profile", metavar="FILE", help="a layout profile (TOML) overriding the inferred layout")
    defaults = Limits()
    parser.add_argument("--max-bytes", type=_count, default=defaults.max_bytes, metavar="N",
                        help=f"refuse an input larger than N bytes (default {defaults.max_bytes:,})")
    parser.add_argument("--max-pages", type=_count, default=defaults.max_pages, metavar="N",
                        help=f"refuse a PDF of more than N pages (default {defaults.max_pages})")
    parser.add_argument("--timeout", type=_seconds, default=defaults.timeout, metavar="SECONDS",
                        help=f"give up on an input after SECONDS (default {defaults.timeout:g})")
    parser.add_argument("--as-of", type=_date, metavar="DATE",
                        help="with --format commitments: mark each commitment due (its range ended before DATE, "
                             "YYYY-MM-DD) or upcoming, with the sentence it comes from")
    parser.add_argument("--audit", action="store_true",
                        help="check that every word of the table's cells is in the output as often; exit 1 if not")
    parser.add_argument("--version", action=_Version)
    return parser


#: Extensions that name a format for ``-o FILE``, beyond each format's own.
_EXTENSION_ALIASES = {".htm": "html", ".markdown": "markdown", ".db": "sqlite", ".sqlite3": "sqlite"}


def format_of(output: str) -> str | None:
    """The format ``-o FILE``'s extension names; None where it names none ("out.xyz")."""
    name = Path(output).name.casefold()
    # The longest extension first: ".commitments.csv" before ".csv".
    for fmt in sorted(FORMATS.values(), key=lambda f: -len(f.extension)):
        if name.endswith(fmt.extension) and len(name) > len(fmt.extension):
            return fmt.name
    return _EXTENSION_ALIASES.get(Path(name).suffix)


class Plan:
    """What the command line asks for, checked: the inputs, where each output goes, in which format."""

    def __init__(self, parser: argparse.ArgumentParser, args: argparse.Namespace, paths: list[str]) -> None:
        self.inputs: list[str] = args.inputs
        self.output: str | None = args.output
        output = self.output
        folder_output = output not in (None, STDIN) and (
            str(output).endswith(("/", os.sep)) or Path(str(output)).is_dir())
        self.batch = len(self.inputs) > 1 or Path(self.inputs[0]).is_dir() or folder_output
        named = format_of(str(output)) if output not in (None, STDIN) and not folder_output else None
        database = FORMATS[str(args.format or named)].database if (args.format or named) else False
        if database and (output in (None, STDIN) or folder_output):
            parser.error(f"--format {args.format or named} writes a database file: give -o FILE"
                         f"{FORMATS[str(args.format or named)].extension}")
        #: Several inputs into one file (-o all.csv), or any into a database.
        self.combined = database or (self.batch and named is not None)
        kind = FORMATS[str(args.format or named)] if self.combined else None
        if kind is not None and not kind.many:
            parser.error(f"-o {output}: several inputs go into one file only as "
                         f"{', '.join(f.extension for f in FORMATS.values() if f.many)}; for one "
                         f"{kind.extension} file each, name a folder (-o {output}/)")
        if STDIN in self.inputs and self.batch:
            parser.error("- (standard input) is read only as the one input, written to standard output or -o FILE")
        fmt = args.format
        if fmt is None:
            fmt = named if self.combined and named is not None else "json"
            if output not in (None, STDIN) and not self.batch and Path(str(output)).suffix:
                named = format_of(str(output))
                if named is None:
                    parser.error(f"cannot tell the format from -o {output}'s extension (known: "
                                 f"{', '.join(f.extension for f in FORMATS.values())}); give --format")
                fmt = named
        self.format: str = fmt
        self.extension = FORMATS[fmt].extension
        if args.as_of is not None and not FORMATS[fmt].dated:
            parser.error(f"--as-of applies to --format "
                         f"{', '.join(name for name, f in FORMATS.items() if f.dated)}, not {fmt}")
        if self.batch and output is None:
            parser.error("several inputs or a folder need -o OUTDIR (one file each) or -o - (JSON Lines of whole "
                         "reports)")
        if self.batch and output == STDIN and fmt != "json":
            parser.error(f"-o - with several inputs writes JSON Lines of whole reports (--format json); "
                         f"--format {fmt} needs -o OUTDIR (one {self.extension} file each)")
        if self.batch and output not in (None, STDIN) and not self.combined:
            if Path(str(output)).exists() and not Path(str(output)).is_dir():
                parser.error(f"-o {output} is a file: several inputs need a folder")
            stems = [Path(path).stem for path in paths]
            clash = next((stem for stem in stems if stems.count(stem) > 1), None)
            if clash is not None:
                parser.error(f"two inputs would both write {clash}{self.extension} into {output}")
        if self.combined and output not in (None, STDIN):
            # last run's one file, found again in a folder of inputs, is the output, not an input
            given, out = _identities(p for p in self.inputs if p != STDIN), _identity(str(output))
            paths = [path for path in paths if _identity(path) != out or out in given]
        self.paths: list[str] = paths
        """The inputs to read, in order."""
        inputs = _identities(path for path in paths if path != STDIN)
        for path in paths:
            target = self.target(path)
            overwritten = inputs.get(_identity(target)) if target is not None else None
            if overwritten is not None:
                parser.error(f"the output {target} is the input {overwritten}: it would be overwritten")

    def target(self, path: str) -> Path | None:
        """Where the output of the input ``path`` is written; None for standard output."""
        if self.output in (None, STDIN):
            return None
        if self.batch and not self.combined:
            return Path(self.output) / (Path(path).stem + self.extension)
        return Path(self.output)


def _identity(path: str | Path) -> tuple[int, int] | str:
    """What makes two names one file: its device and inode where it exists (hard links, symbolic
    links), else its resolved path."""
    try:
        status = os.stat(path)
        return status.st_dev, status.st_ino
    except OSError:
        return str(Path(path).resolve())


def _identities(paths: Iterable[str]) -> dict[tuple[int, int] | str, str]:
    return {_identity(path): path for path in paths}


def stderr_line(text: str) -> None:
    """One line on standard error, whatever happens to it (a closed stream is not an error of ours)."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
