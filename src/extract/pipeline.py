"""The whole pipeline, one stage after another: source bytes to a ``schema.Report``."""

from __future__ import annotations

import os
from pathlib import Path

from extract.assemble import assemble_report
from extract.errors import InputReadError, LimitError
from extract.ingest_text import read_text_export
from extract.layout import find_layout
from extract.limits import Limits
from extract.profile import Profile
from extract.raw import RawDocument
from extract.stitch import stitch_rows
from schema import Report


def is_pdf(data: bytes) -> bool:
    """A PDF starts with ``%PDF-`` (readers accept it anywhere in the first 1 KiB)."""
    return b"%PDF-" in data[:1024]


def read_document(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Raw rows from either ingester; pdfplumber is imported only for a PDF."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise LimitError(
            f"the input is {len(data):,} bytes, over the limit of {limits.max_bytes:,} (--max-bytes raises it)",
            file=name)
    if is_pdf(data):
        from extract.ingest_pdf import read_pdf

        return read_pdf(data, name, limits)
    return read_text_export(data, name)


ProfileLike = Profile | dict[str, object] | str | os.PathLike[str] | None


def parse_bytes(
    data: bytes, *, name: str = "<bytes>", profile: ProfileLike = None, limits: Limits | None = None
) -> Report:
    """Parse a text export or a PDF from its bytes; ``name`` labels errors and ``source.file``.

    ``profile`` (a ``Profile``, a dict, or a TOML file's path) overrides the inferred layout;
    ``limits`` bound the work (input size, PDF pages and time).
    """
    resolved = Profile.resolve(profile)
    document = read_document(data, name, limits)
    layout = find_layout(document, resolved)
    stitched = stitch_rows(layout, document.name)
    return assemble_report(document, layout, stitched)


def parse_text(
    text: str, *, name: str = "<string>", profile: ProfileLike = None, limits: Limits | None = None
) -> Report:
    """Parse a text export already in memory as ``str``."""
    # Lone surrogates cannot be UTF-8: kept as bytes, they fail decoding with a located error.
    return parse_bytes(text.encode("utf-8", errors="surrogatepass"), name=name, profile=profile, limits=limits)


def parse(source: str | os.PathLike[str], *, profile: ProfileLike = None, limits: Limits | None = None) -> Report:
    """Parse the report at ``source`` (a path) into a validated ``schema.Report``.

    >>> from extract import parse
    >>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
    >>> report.recommendations[8].next_steps.references
    []
    >>> report.recommendations[7].action_taken.references
    [7]
    """
    path = Path(source)
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:  # refuse before reading it into memory
            raise LimitError(
                f"the input is {size:,} bytes, over the limit of {limits.max_bytes:,} (--max-bytes raises it)",
                file=str(source))
        data = path.read_bytes()
    except OSError as exc:
        raise InputReadError(f"cannot read the file: {exc.strerror or exc}", file=str(source)) from None
    return parse_bytes(data, name=str(source), profile=profile, limits=limits)
