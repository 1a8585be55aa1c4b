"""Command line: ``report-extract INPUT... [--format F] [-o FILE|OUTDIR|-]`` (also ``python -m extract``).

Exit status 0 on success; 1 when any input failed (each with one line
``FILE:LINE: what is wrong`` on stderr) or an output cannot be written; 2 for a
wrong command line; 130 when interrupted (Ctrl-C), with every output finished by
then written. A reader of standard output that goes away (``| head``) ends the
command quietly.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

from extract.cli.atomic import write_atomic
from extract.cli.batch import Job, Outcome, expand, run_all
from extract.cli.options import STDIN, Plan, build_parser, stderr_line, version
from extract.errors import ExtractError
from extract.limits import Limits
from extract.outputs import FORMATS, iter_parts
from extract.pipeline import read_stream
from schema import Report

#: The exit status of a command ended by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130
#: The exit status of a command whose standard output was closed by its reader (128 + SIGPIPE).
BROKEN_PIPE = 141


class _StdoutGone(Exception):
    """Standard output cannot take more: its reader went away (``| head``; no message), or it
    failed (a full disk; the message says so)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message)
        self.message = message


def _write_stdout(parts: Iterable[bytes]) -> None:
    """Write to standard output, or raise ``_StdoutGone``."""
    try:
        sys.stdout.flush()
        for part in parts:
            sys.stdout.buffer.write(part)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise _StdoutGone from None
    except OSError as exc:
        raise _StdoutGone(f"<stdout>: cannot write the output: {exc.strerror or exc}") from None


def _detach_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit has nowhere to fail."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _write(outcome: Outcome, target: Path | None) -> str | None:
    """Write one outcome's output where it goes; return an error line if that fails."""
    if target is None:
        _write_stdout(outcome.parts)
        return None
    try:
        write_atomic(target, outcome.parts)
    except ExtractError as error:
        return str(error)
    return None


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C in the block takes effect at its end, so that what the block does is done whole
    (signals reach only the main thread: elsewhere the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt


class _Progress:
    """A progress line on a terminal; warnings are printed above it, on lines of their own."""

    def __init__(self, total: int, shown: bool) -> None:
        self.total, self.shown, self.done, self.line = total, shown, 0, ""

    def clear(self) -> None:
        if self.shown and self.line:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def step(self, name: str) -> None:
        self.done += 1
        if self.shown:
            self.line = f"[{self.done}/{self.total}] {Path(name).name[:60]}"
            print(f"\r\033[K{self.line}", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.shown and self.line:
            print(file=sys.stderr, flush=True)


def _read_stdin(limits: Limits) -> tuple[bytes | None, str | None]:
    try:
        return read_stream(sys.stdin.buffer, "<stdin>", limits), None
    except ExtractError as error:
        return None, str(error)


def _href(path: str, target: Path | None) -> str | None:
    """A link to the input ``path`` from where its output is written (the working folder for standard
    output): a relative URL, None for standard input."""
    if path == STDIN:
        return None
    from urllib.parse import quote

    try:
        relative = os.path.relpath(Path(path).resolve(), (target.parent if target else Path.cwd()).resolve())
    except ValueError:  # another drive (Windows): the absolute path
        relative = str(Path(path).resolve())
    return quote(Path(relative).as_posix(), errors="surrogateescape")  # a name in another encoding: its bytes


def _write_combined(plan: Plan, reports: list[Report], as_of: dt.date | None) -> str | None:
    """Write every report read into the one file ``-o`` names; an error line if that fails or
    nothing was read."""
    if not reports:
        return f"{plan.output}: not written: no input could be read"
    target = Path(str(plan.output))
    kind = FORMATS[plan.format]
    try:
        with _interrupt_deferred():
            if kind.database:
                kind.function()(target, reports)
            else:
                write_atomic(target, iter_parts(reports, plan.format, as_of=as_of))
    except ExtractError as error:
        return str(error)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["diff"]:  # report-extract diff OLD NEW (a file named "diff" is ./diff)
        from extract.cli.diff import main as diff

        return diff(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    # pdfminer logs its repairs of damaged files as warnings; our own report says what matters,
    # in one line, so keep its log off standard error.
    for library in ("pdfminer", "pdfplumber"):
        logging.getLogger(library).setLevel(logging.ERROR)
    paths = expand(args.inputs)
    plan = Plan(parser, args, paths)
    paths = plan.paths
    if plan.batch and args.output != STDIN and not plan.combined:
        try:
            Path(args.output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            stderr_line(f"{args.output}: cannot make the output folder: {exc.strerror or exc}")
            return 1
    limits = Limits(max_bytes=args.max_bytes, max_pages=args.max_pages, timeout=args.timeout)
    data, error = _read_stdin(limits) if paths == [STDIN] else (None, None)
    if error is not None:
        stderr_line(error)
        return 1
    jobs = [Job("<stdin>" if path == STDIN else path, args.profile, limits, args.audit,
                compact=args.output == STDIN, format=plan.format, data=data, combined=plan.combined,
                as_of=args.as_of,
                source_href=_href(path, plan.target(path)) if FORMATS[plan.format].sourced else None)
            for path in paths]
    progress = _Progress(len(jobs), plan.batch and not args.quiet and sys.stderr.isatty())
    failures: list[str] = []
    warnings = 0
    waiting: dict[int, Outcome] = {}  # standard output keeps the inputs' order
    reports: dict[int, Report | None] = {}  # one file of many: every report, in the inputs' order
    next_out = 0
    finished = 0  # inputs whose output is written, or whose failure is known
    try:
        for index, outcome in run_all(jobs, args.jobs):
            progress.step(outcome.path)
            target = plan.target(paths[index])
            if plan.combined:
                reports[index] = outcome.report
                ready, target = [outcome], None
            elif target is None:
                waiting[index] = outcome
                ready = []
                while next_out in waiting:
                    ready.append(waiting.pop(next_out))
                    next_out += 1
            else:
                ready = [outcome]
            for done in ready:
                # A file is written and counted, or neither; standard output may block (| less),
                # so Ctrl-C stops it at once.
                with _interrupt_deferred() if target is not None else nullcontext():
                    error = done.error or (None if plan.combined else _write(done, target))
                    finished += 1
                progress.clear()
                if error:
                    failures.append(error)
                    if not plan.batch:
                        stderr_line(error)
                elif not args.quiet:
                    for line in done.warnings:
                        stderr_line(line)
                    warnings += len(done.warnings)
    except KeyboardInterrupt:
        progress.finish()
        stderr_line(f"interrupted: {plan.output} not written" if plan.combined else
                    f"interrupted: {finished} of {len(jobs)} inputs done, their outputs written")
        return INTERRUPTED
    except _StdoutGone as gone:
        # Nothing more can be written, and Python must not try again at exit.
        _detach_stdout()
        if gone.message is None:
            return BROKEN_PIPE
        progress.finish()
        stderr_line(gone.message)
        return 1
    progress.finish()
    if plan.batch and failures:
        stderr_line(f"{len(failures)} of {len(jobs)} inputs failed:")
        for line in failures:
            stderr_line(line)
    read = [report for _, report in sorted(reports.items()) if report is not None]
    output_error = None
    if plan.combined and (read or plan.batch):  # one input that failed has said so
        try:
            output_error = _write_combined(plan, read, args.as_of)
        except KeyboardInterrupt:  # taken at the end of the write, which is done whole
            stderr_line(f"interrupted: {plan.output} was written first")
            return INTERRUPTED
        if output_error:
            stderr_line(output_error)
    if progress.shown:
        stderr_line(f"done: {len(jobs) - len(failures)} of {len(jobs)} inputs written, {warnings} warnings, "
                    f"{len(failures)} failed")
    return 1 if failures or output_error else 0


__all__ = ["BROKEN_PIPE", "INTERRUPTED", "build_parser", "main", "version"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
