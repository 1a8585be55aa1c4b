"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

Text that is not clean UTF-8 goes through beautifulsoup4's ``UnicodeDammit``:
UTF-8 with stray Windows-1252 smart quotes is repaired with ``detwingle``, and
text with no UTF-8 in it at all is read as Windows-1252; both with a warning.
bs4 is imported only then: clean UTF-8 (the usual case) does not pay for it.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from extract.diagnostics import ENCODING_REPAIRED, ENCODING_WINDOWS_1252, warning
from extract.errors import EmptyInputError, NotTextError
from schema import Diagnostic

# One well-formed multi-byte UTF-8 sequence (flat alternatives, no nesting).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf][\x80-\xbf]|[\xf0-\xf4][\x80-\xbf][\x80-\xbf][\x80-\xbf]"
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class Decoded(NamedTuple):
    """The source as text, the encoding it was read with, and what decoding noticed."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset; CRLF, CR and LF each end a line."""
    return len(_LINE_BREAK.findall(data, 0, offset)) + 1


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a whole source file, or raise a located ``NotTextError``/``EmptyInputError``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF8):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotTextError(f"invalid UTF-16 at byte offset {exc.start}", file=name) from None
        if "\x00" in text:
            line = len(re.findall(r"\r\n|\r|\n", text[: text.index("\x00")])) + 1
            raise NotTextError("not a text file: NUL character in UTF-16 text", file=name, line=line)
        return _non_empty(Decoded(text, "utf-16"), name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotTextError(
            f"not a text file: NUL byte at byte offset {nul}", file=name, line=_line_of(data, nul)
        )
    controls = len(_CONTROL_BYTES.findall(data[:65536]))
    if controls > max(8, len(data[:65536]) // 100):
        raise NotTextError(f"not a text file: {controls} control bytes in its first 64 KiB", file=name, line=1)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8):]
    else:
        encoding, body = "utf-8", data
    try:
        return _non_empty(Decoded(body.decode("utf-8"), encoding), name)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _non_empty(_decode_dirty(body, name, first_bad), name)


def _decode_dirty(body: bytes, name: str, first_bad: int) -> Decoded:
    from bs4 import UnicodeDammit  # bs4 is slow to import (soupsieve): only for text that is not clean UTF-8

    line = _line_of(body, first_bad)
    if _UTF8_MULTIBYTE.search(body):
        repaired = UnicodeDammit.detwingle(body)
        try:
            text = repaired.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotTextError(
                f"bytes fit no encoding: UTF-8 mixed with bytes that are not Windows-1252 "
                f"at byte offset {exc.start}",
                file=name,
                line=_line_of(repaired, exc.start),
            ) from None
        note = warning(
            ENCODING_REPAIRED,
            "UTF-8 text with stray Windows-1252 characters (e.g. smart quotes); "
            f"repaired, first at byte offset {first_bad}",
            line=line,
        )
        return Decoded(text, "utf-8+windows-1252", (note,))
    dammit = UnicodeDammit(body, known_definite_encodings=["windows-1252"], is_html=False)
    if dammit.original_encoding != "windows-1252" or dammit.unicode_markup is None:
        raise NotTextError(
            f"bytes fit no encoding: invalid UTF-8 at byte offset {first_bad}", file=name, line=line
        )
    note = warning(
        ENCODING_WINDOWS_1252, f"not UTF-8 (first at byte offset {first_bad}); read as Windows-1252", line=line
    )
    return Decoded(dammit.unicode_markup, "windows-1252", (note,))


def _non_empty(decoded: Decoded, name: str) -> Decoded:
    if not decoded.text.strip():
        raise EmptyInputError("the file is empty", file=name, line=1)
    return decoded
