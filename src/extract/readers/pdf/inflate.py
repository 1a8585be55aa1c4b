"""A bound on what a PDF's compressed streams may inflate to, page by page.

pdfminer inflates every Flate stream whole with ``zlib.decompress``: a few hundred
kilobytes can inflate to gigabytes. While a PDF is read, pdfminer's ``pdftypes``
module is given a ``zlib`` of its own whose ``decompress`` and ``decompressobj`` count
what they make and raise ``LimitError`` past the page's allowance, before making it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from extract.errors import LimitError


class Allowance:
    """The bytes the current page may still inflate to."""

    def __init__(self, limit: int, name: str) -> None:
        self.limit, self.name, self.page, self.used = limit, name, 1, 0

    def start_page(self, page: int) -> None:
        self.page, self.used = page, 0

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise LimitError(f"the page's compressed streams inflate to over {self.limit:,} bytes "
                             "(a decompression bomb?)", file=self.name, page=self.page)

    def room(self) -> int:
        return max(self.limit - self.used, 0) + 1


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
    """What pdfminer's ``pdftypes`` sees as ``zlib`` while a PDF is read."""

    error = zlib.error

    def __init__(self, allowance: Allowance) -> None:
        self._allowance = allowance

    def decompressobj(self, wbits: int = zlib.MAX_WBITS) -> _BoundedDecompressor:
        return _BoundedDecompressor(self._allowance, wbits)

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inner = zlib.decompressobj(wbits)
        out = inner.decompress(data, self._allowance.room())
        self._allowance.take(len(out))
        if not inner.eof:  # as zlib.decompress says of a stream that stops short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


@contextmanager
def bounded_inflation(allowance: Allowance) -> Iterator[None]:
    """pdfminer's streams inflate within ``allowance`` in the block."""
    from pdfminer import pdftypes

    previous = vars(pdftypes)["zlib"]
    setattr(pdftypes, "zlib", BoundedZlib(allowance))  # noqa: B010 - pdfminer's own name for the module
    try:
        yield
    finally:
        setattr(pdftypes, "zlib", previous)  # noqa: B010
