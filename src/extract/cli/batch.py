"""Many inputs at once: expand folders, parse each input (in worker processes), collect outcomes.

A worker never raises: each input's outcome is its output (in the job's format) and warnings,
or its one-line error.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from extract.audit import audit
from extract.errors import ExtractError
from extract.limits import Limits
from extract.outputs import iter_parts
from extract.pipeline import cyclic_gc_paused, parse_bytes, read_file
from extract.readers import SUFFIXES
from schema import Report, Severity


class Job(NamedTuple):
    """One input to parse, and how: what a worker process receives."""

    path: str
    profile: str | None = None
    limits: Limits = Limits()
    audit: bool = False
    compact: bool = False
    """JSON on one line (for JSON Lines) instead of indented."""
    format: str = "json"
    """The output format: a key of ``extract.outputs.FORMATS``."""
    data: bytes | None = None
    """The input itself, where it is not a file to read (standard input)."""
    as_of: dt.date | None = None
    """The date commitments are due by (``--as-of``)."""
    source_href: str | None = None
    """A link to the input from where its output is written (the review page's link into a PDF)."""
    combined: bool = False
    """The report itself is the outcome (one file of many reports is made of them all at the end)."""


class Outcome(NamedTuple):
    """What a job made: its output, or the one-line error that stopped it, and its warnings."""

    path: str
    parts: Iterable[bytes] = ()
    """The output, in the job's format, as UTF-8: parts to write one after the other (made as they are
    written in this process; whole where they come from a worker process)."""
    warnings: tuple[str, ...] = ()
    error: str | None = None
    report: Report | None = None
    """The report, for a job that is to be combined with others into one file."""


def expand(inputs: Sequence[str]) -> list[str]:
    """Files as given; a folder stands for its files of a format a reader reads (``readers.SUFFIXES``),
    sorted by name; a file named twice (or through a link) is read once, where it is first named."""
    paths: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            paths.extend(str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            paths.append(name)
    seen: set[tuple[int, int]] = set()
    once: list[str] = []
    for name in paths:  # a file named twice ("samples samples/", a link to it) is read once
        try:
            status = os.stat(name)
        except OSError:
            once.append(name)  # its reading says what is wrong with it
            continue
        if (status.st_dev, status.st_ino) not in seen:
            seen.add((status.st_dev, status.st_ino))
            once.append(name)
    return once


def _warnings(report: Report, name: str) -> tuple[str, ...]:
    return tuple(
        f"{name if d.line is None else f'{name}:{d.line}'}: {d.severity.value}: {d.message} [{d.code}]"
        for d in report.diagnostics if d.severity is Severity.WARNING
    )


def run_one(job: Job) -> Outcome:
    """Parse one input; any failure becomes its one-line error. The cyclic collector is
    paused meanwhile (see ``cyclic_gc_paused``): this is the command line's own process."""
    with cyclic_gc_paused():
        return _run_one(job)


def _run_one(job: Job) -> Outcome:
    try:
        # Read once: a pipe or a FIFO cannot be read again for the audit.
        data = read_file(job.path, job.limits) if job.data is None else job.data
        report = parse_bytes(data, name=job.path, profile=job.profile, limits=job.limits)
        warnings = _warnings(report, job.path)
        if job.audit:
            checked = audit(data, report, profile=job.profile, limits=job.limits)
            if not checked.ok:
                return Outcome(job.path, error=f"{job.path}: {checked.summary()}")
            warnings += (f"{job.path}: {checked.summary()}",)
        if job.combined:
            return Outcome(job.path, (), warnings, report=report)
        return Outcome(job.path, iter_parts(report, job.format, compact=job.compact, as_of=job.as_of, source=data,
                                            source_href=job.source_href), warnings)
    except ExtractError as error:
        return Outcome(job.path, error=str(error))
    except Exception as error:  # a bug of ours: still one line, no traceback
        detail = " ".join(str(error).split())[:300]
        message = f"internal error, please report it: {type(error).__name__}: {detail}"
        return Outcome(job.path, error=f"{job.path}: {message}")


def _run_indexed(indexed: tuple[int, Job]) -> tuple[int, Outcome]:
    """In a worker: the outcome with its output made whole, to be sent back."""
    outcome = run_one(indexed[1])
    with cyclic_gc_paused():
        return indexed[0], outcome._replace(parts=tuple(outcome.parts))


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the command's to handle (it ends the workers), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_all(jobs: Sequence[Job], workers: int) -> Iterator[tuple[int, Outcome]]:
    """Each job's index and outcome as soon as it is done; ``workers`` processes (1: in this process,
    in order). Interrupted (``KeyboardInterrupt`` in this process), the workers are ended at once and
    the interrupt goes on to the caller, which has every outcome yielded so far."""
    if workers <= 1 or len(jobs) <= 1:
        for index, job in enumerate(jobs):
            yield index, run_one(job)
        return
    import multiprocessing  # slow to import: only when used

    pool = multiprocessing.Pool(min(workers, len(jobs)), initializer=_ignore_interrupts)
    try:
        yield from pool.imap_unordered(_run_indexed, enumerate(jobs))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def default_workers() -> int:
    return os.cpu_count() or 1
