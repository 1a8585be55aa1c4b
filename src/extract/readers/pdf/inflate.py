"""A bound on what a PDF's compressed streams may inflate to: per page, and for the whole PDF.

pdfminer inflates every Flate and LZW stream whole: a few hundred kilobytes can inflate to
gigabytes. pdfminer's ``pdftypes`` module is given, once, a ``zlib`` and an ``lzwdecode`` of
its own: where the current thread is reading a PDF under an ``Allowance``, they count what they
make and raise ``LimitError`` past it, before making more; anywhere else (another library's use
of pdfminer, another thread) they are zlib's and pdfminer's own.
"""

from __future__ import annotations

import io
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from extract.errors import LimitError

_CURRENT = threading.local()


class Allowance:
    """The bytes the current page, and the whole PDF, may still inflate to."""

    def __init__(self, page_limit: int, document_limit: int, name: str) -> None:
        self.page_limit, self.document_limit, self.name = page_limit, document_limit, name
        self.page, self.used, self.total = 1, 0, 0

    def start_page(self, page: int) -> None:
        self.page, self.used = page, 0

    def take(self, size: int) -> None:
        self.used += size
        self.total += size
        if self.used > self.page_limit:
            raise LimitError(f"the page's compressed streams inflate to over {self.page_limit:,} bytes "
                             "(a decompression bomb?)", file=self.name, page=self.page)
        if self.total > self.document_limit:
            raise LimitError(f"the PDF's compressed streams inflate to over {self.document_limit:,} bytes "
                             "(a decompression bomb?)", file=self.name, page=self.page)

    def room(self) -> int:
        return max(min(self.page_limit - self.used, self.document_limit - self.total), 0) + 1


def _allowance() -> Allowance | None:
    return getattr(_CURRENT, "allowance", None)


class _BoundedDecompressor:
    def __init__(self, allowance: Allowance, wbits: int) -> None:
        self._inner = zlib.decompressobj(wbits)
        self._allowance = allowance

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self._allowance.room()
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._allowance.take(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class BoundedZlib:
    """What pdfminer's ``pdftypes`` sees as ``zlib``."""

    error = zlib.error

    def decompressobj(self, wbits: int = zlib.MAX_WBITS) -> Any:
        allowance = _allowance()
        return zlib.decompressobj(wbits) if allowance is None else _BoundedDecompressor(allowance, wbits)

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        allowance = _allowance()
        if allowance is None:
            return zlib.decompress(data, wbits, bufsize)
        inner = zlib.decompressobj(wbits)
        out = inner.decompress(data, allowance.room())
        allowance.take(len(out))
        if not inner.eof:  # as zlib.decompress says of a stream that stops short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's ``lzwdecode``, counting what it makes against the allowance."""
    from pdfminer.lzw import LZWDecoder

    allowance = _allowance()
    chunks = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        if allowance is not None:
            allowance.take(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def _install() -> None:
    from pdfminer import pdftypes

    if not isinstance(vars(pdftypes)["zlib"], BoundedZlib):
        setattr(pdftypes, "zlib", BoundedZlib())  # noqa: B010 - pdfminer's own names
        setattr(pdftypes, "lzwdecode", bounded_lzwdecode)  # noqa: B010


@contextmanager
def bounded_inflation(allowance: Allowance) -> Iterator[None]:
    """pdfminer's streams inflate within ``allowance`` in the block, in this thread."""
    _install()
    previous = _allowance()
    _CURRENT.allowance = allowance
    try:
        yield
    finally:
        _CURRENT.allowance = previous
