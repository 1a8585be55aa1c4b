"""Readers: source bytes to raw rows, one module per input format, behind a small registry.

A reader is recognised from the input's bytes (never from its name), reads it with
``read(data, name, limits) -> RawDocument`` and meets the contract stated in
``extract.readers.raw``. Its entry here says how it is recognised, which file
suffixes a folder of inputs is scanned for, and its name, which is the output's
``source.format``. Each reader's module is imported only when an input of its
format comes: a text export never loads pdfplumber.

To add a format: write its module (``read`` meeting the raw contract, errors as
``ExtractError``s naming the file), add a ``Reader`` to ``READERS`` before the
text export (which takes anything), and add its name to ``schema.Source.format``
(a change of the output's schema: the schema package sits below this one).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import NamedTuple, cast

from extract.errors import LimitError, NotTextError
from extract.limits import Limits
from extract.readers.delimited import is_delimited
from extract.readers.office import is_other_office_file, refuse
from extract.readers.raw import RawCell, RawDocument, RawRow, SourceInfo, source_file_name

ReadFunction = Callable[[bytes, str, Limits], RawDocument]


def is_pdf(data: bytes) -> bool:
    """A PDF starts with ``%PDF-`` after at most whitespace or a byte-order mark. Other bytes before
    ``%PDF-`` (PDF readers accept it anywhere in the first 1 KiB) make a PDF if pdfminer opens it,
    or if the input is binary (a NUL byte in its first 64 KiB: a damaged PDF, said so); a text
    export that mentions ``%PDF-`` near its top stays text."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n\f").startswith(b"%PDF-"):
        return True
    return b"%PDF-" in head and (b"\x00" in data[:65536] or _opens_as_pdf(data))


def _opens_as_pdf(data: bytes) -> bool:
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # anything pdfminer cannot open is not a PDF to us
        return False
    return True


_WORD_PART = re.compile(rb"word/document[0-9]*\.xml")


def is_docx(data: bytes) -> bool:
    """A Word document: a zip archive holding ``word/document.xml`` (``word/document2.xml`` as Word
    Online names it), named in its local headers too, so a truncated one is still told apart, and
    said to be damaged."""
    return data.startswith(b"PK\x03\x04") and _WORD_PART.search(data) is not None


_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table")
#: A saved fragment of a page may open with any element: one of these, where the file holds a
#: table's rows (``<tr``) and no line of a text export (cells apart by tabs).
_ELEMENT_OPENING = re.compile(rb"<(?:div|h[1-6]|p|section|article|main|header|nav|aside|meta|title|link|base|"
                              rb"style|script|noscript|svg|blockquote|ul|ol|dl|figure|form|center|span|a|b|i|"
                              rb"em|strong|font|br|hr|img|caption|thead|tbody|tr)[\s/>]", re.IGNORECASE)
#: A tab between words, or between a word and a tag: a text export's cells ("1\t<p>Do it.</p>").
#: A page's tabs indent its lines or stand between tags.
_CELLS_APART = re.compile(rb"[^\s>]\t+\S|\S\t+[^\s<]")


def is_html(data: bytes) -> bool:
    """A web page: markup that opens (after a byte-order mark, blank space and comments) with
    ``<!DOCTYPE html``, ``<html``, ``<head``, ``<body`` or a ``<table``; or with another element
    (``<div>``, ``<h1>``, ``<p>`` …) where the file holds a table's rows and no tab parts two words
    (a text export's title may be markup, but its cells are apart by tabs); UTF-16 pages too."""
    head = data[:4096]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00"
    if utf16:
        head = head.replace(b"\x00", b"")
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    while head.startswith(b"<!--") and b"-->" in head:
        head = head[head.index(b"-->") + 3:].lstrip()
    if head.lower().startswith(b"<?xml"):
        head = head[head.find(b">") + 1:].lstrip()
    if head[:16].lower().startswith(_HTML_OPENINGS):
        return True
    if _ELEMENT_OPENING.match(head) is None:
        return False
    text = (data.replace(b"\x00", b"") if utf16 else data).lower()
    return b"<tr" in text and _CELLS_APART.search(text, 0, 65536) is None


def _any(data: bytes) -> bool:
    return True


class Reader(NamedTuple):
    """One input format: its name, how it is recognised, and where its read function lives."""

    format: str
    """The name of the format: ``source.format`` of what it reads."""
    suffixes: tuple[str, ...]
    """File suffixes (lower case) a folder of inputs is scanned for."""
    recognises: Callable[[bytes], bool]
    """Whether the input's bytes are of this format."""
    module: str
    """The module holding ``read``, imported on first use."""

    def read(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read ``data`` (the input named ``name``) into raw rows."""
        function = cast(ReadFunction, importlib.import_module(self.module).read)
        return function(data, name, limits)


#: Every reader, in the order they are tried; the first that recognises the bytes reads them.
READERS = (
    Reader("pdf", (".pdf",), is_pdf, "extract.readers.pdf"),
    Reader("docx", (".docx",), is_docx, "extract.readers.docx"),
    Reader("html", (".html", ".htm"), is_html, "extract.readers.html"),
    Reader("delimited", (".csv", ".tsv"), is_delimited, "extract.readers.delimited"),
    Reader("text", (".txt",), _any, "extract.readers.text_export"),
)

#: The file suffixes a folder of inputs is scanned for.
SUFFIXES = tuple(suffix for reader in READERS for suffix in reader.suffixes)


def reader_for(data: bytes) -> Reader:
    """The reader of ``data``: the first whose test it passes."""
    return next(reader for reader in READERS if reader.recognises(data))


def read_document(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Raw rows of ``data`` from the reader of its format; over ``limits.max_bytes`` is an error."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise LimitError(
            f"the input is {len(data):,} bytes, over the limit of {limits.max_bytes:,} (--max-bytes raises it)",
            file=name)
    if is_other_office_file(data):
        refuse(data, name)
    export = own_export(data)
    if export is not None:
        raise NotTextError(f"{export}, not a report: leave it out of the inputs", file=name)
    return reader_for(data).read(data, name, limits)


#: The header report-extract's CSV exports open with (``--format csv``, ``commitments``): their
#: report columns, ``outputs.tables.REPORT_COLUMNS`` (a test holds the two together; the readers
#: come before the outputs and cannot import them).
_OWN_CSV = b"file,sha256,responder,report_title,published,"
_OWN_PAGE = b'<meta name="generator" content="report-extract'


def own_export(data: bytes) -> str | None:
    """What ``data`` is where it is one of report-extract's own exports read back (a folder that holds
    last run's ``all.csv`` or review page beside the reports), said for a person; else None."""
    if data.removeprefix(b"\xef\xbb\xbf").startswith(_OWN_CSV):
        return "report-extract's own CSV export"
    if is_html(data) and _OWN_PAGE in data[:65536]:
        return "report-extract's own review page"
    return None


__all__ = [
    "READERS",
    "SUFFIXES",
    "RawCell",
    "RawDocument",
    "RawRow",
    "Reader",
    "SourceInfo",
    "is_delimited",
    "is_docx",
    "is_html",
    "is_other_office_file",
    "is_pdf",
    "own_export",
    "read_document",
    "reader_for",
    "source_file_name",
]
