"""The whole pipeline, one stage after another: source bytes to a ``schema.Report``.

read (``readers``) → tables (``table``) → for each table: stitch (``stitch``) → then, row by row,
clean cells (``stitch.cells``) → analyse (``analyze``) → assemble (``assemble``). The profile
and the limits are resolved once here and handed to the stages that need them.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from extract.analyze import analyze_row, analyze_table, analyze_title
from extract.assemble import AssembledTable, assemble_report, assemble_row, assemble_table
from extract.errors import InputReadError, LimitError
from extract.limits import Limits, time_limit
from extract.profile import Profile
from extract.readers import RawDocument, read_document
from extract.stitch import build_cells, stitch_rows
from extract.table import Tables, find_tables
from schema import Report

ProfileLike = Profile | dict[str, object] | str | os.PathLike[str] | None


def read_tables(data: bytes, name: str, profile: Profile, limits: Limits) -> tuple[RawDocument, Tables]:
    """The first two steps: the source's raw rows, and the tables found in them (``audit`` uses these too)."""
    document = read_document(data, name, limits)
    return document, find_tables(document, profile)


def parse_bytes(
    data: bytes, *, name: str = "<bytes>", profile: ProfileLike = None, limits: Limits | None = None
) -> Report:
    """Parse a text export or a PDF from its bytes; ``name`` labels errors and ``source.file``.

    ``profile`` (a ``Profile``, a dict, or a TOML file's path) overrides the inferred layout;
    ``limits`` bound the work (input size, PDF pages and time). The cyclic garbage collector is
    paused during the parse (``cyclic_gc_paused``), so the work grows linearly with the input.
    """
    resolved = Profile.resolve(profile)
    limits = limits or Limits()
    with time_limit(limits.timeout, name), cyclic_gc_paused():
        document, found = read_tables(data, name, resolved, limits)
        info, title_notes = analyze_title(found.title, found.title_line)
        tables: list[AssembledTable] = []
        for index, table in enumerate(found.tables):
            stitched = stitch_rows(table, resolved)
            context = analyze_table(info, index, stitched.rows)
            rows = []
            for position, row in enumerate(stitched.rows):
                # One row at a time: its clean text lives only while its record is built.
                cells = build_cells(row.cells, split_gaps=resolved.split_gaps)
                rows.append(assemble_row(row, cells, analyze_row(context, position, row, cells)))
            tables.append(assemble_table(table, stitched, rows))
        return assemble_report(document, found, info, title_notes, tables)


def parse_text(
    text: str, *, name: str = "<string>", profile: ProfileLike = None, limits: Limits | None = None
) -> Report:
    """Parse a text export already in memory as ``str``."""
    # Lone surrogates cannot be UTF-8: kept as bytes, they fail decoding with a located error.
    return parse_bytes(text.encode("utf-8", errors="surrogatepass"), name=name, profile=profile, limits=limits)


def _over(size: str, name: str, limits: Limits) -> LimitError:
    return LimitError(f"the input is {size} bytes, over the limit of {limits.max_bytes:,} (--max-bytes raises it)",
                      file=name)


def read_stream(stream: BinaryIO, name: str, limits: Limits) -> bytes:
    """At most ``limits.max_bytes`` bytes of ``stream`` (a pipe, a device, a file): one byte more is an error,
    and nothing past it is read."""
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise _over("more than " + f"{limits.max_bytes:,}", name, limits)
    return data


def read_file(source: str | os.PathLike[str], limits: Limits) -> bytes:
    """The bytes of the file at ``source``; over ``limits.max_bytes`` is an error, found before it is read
    where the file's size is known, and after at most the limit and one byte otherwise (a pipe, /dev/zero)."""
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:  # refuse before reading it into memory
            raise _over(f"{size:,}", str(source), limits)
        with path.open("rb") as stream:
            return read_stream(stream, str(source), limits)
    except OSError as exc:
        raise InputReadError(f"cannot read the file: {exc.strerror or exc}", file=str(source)) from None


def parse(source: str | os.PathLike[str], *, profile: ProfileLike = None, limits: Limits | None = None) -> Report:
    """Parse the report at ``source`` (a path) into a validated ``schema.Report``.

    >>> from extract import parse
    >>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
    >>> report.recommendations[8].next_steps.references
    []
    >>> report.recommendations[7].action_taken.references
    [7]
    """
    limits = limits or Limits()
    return parse_bytes(read_file(source, limits), name=str(source), profile=profile, limits=limits)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then back as it was.

    A text parse makes no reference cycles (tests/test_batch.py checks every sample), so
    reference counting frees all it discards; the cyclic collector would only re-scan every
    live object, again each time the heap has grown by a quarter: 6 full scans and 13% of
    the time of a 10,000-row report, a share that grows with the report. A PDF's few cycles
    (pdfminer's) are collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
