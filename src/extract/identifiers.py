"""Item identifiers as printed ("1", "1.2", "R4", "(a)") and the numbering scheme they follow.

A table follows one scheme; its order may run up or down. ``key`` orders
identifiers within a scheme; ``number`` is the integer where the identifier is one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_INTEGER = re.compile(r"([0-9]{1,9})\.?")
_DOTTED = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,4}){1,3})\.?")
_PREFIXED = re.compile(r"([A-Za-z]{1,4})[ .-]?([0-9]{1,6})\.?")
_LETTER = re.compile(r"\(([a-z])\)|([a-z])[.)]")
_DIGITS = re.compile(r"[0-9]{10,}\.?")  # too many digits for an item number


class Identifier(NamedTuple):
    """An item identifier as printed in the identifier column, and how it sorts."""

    text: str
    scheme: str
    """"integer", "dotted", "letter", or "prefixed R" (the prefix, upper-cased, is part of the scheme)."""
    key: tuple[int, ...]
    number: int | None

    def show(self, key: int) -> str:
        """How this scheme prints the one-part key ``key`` (for messages about gaps)."""
        if self.scheme == "letter":
            return f"({chr(96 + key)})"
        if self.scheme.startswith("prefixed "):
            return f"{self.scheme.removeprefix('prefixed ')}{key}"
        return str(key)


def read_identifier(text: str) -> Identifier | None:
    """The identifier a No. cell holds, or None if it holds no identifier of a known scheme."""
    if match := _INTEGER.fullmatch(text):
        number = int(match[1])
        return Identifier(text, "integer", (number,), number)
    if match := _DOTTED.fullmatch(text):
        return Identifier(text, "dotted", tuple(int(part) for part in match[1].split(".")), None)
    if match := _PREFIXED.fullmatch(text):
        return Identifier(text, f"prefixed {match[1].upper()}", (int(match[2]),), None)
    if match := _LETTER.fullmatch(text):
        return Identifier(text, "letter", (ord(match[1] or match[2]) - 96,), None)
    return None


def identifier_problem(text: str, first: Identifier | None) -> str:
    """Why ``text`` is not an identifier of the table whose first identifier is ``first``."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    if _DIGITS.fullmatch(text):
        return f"item number {shown!r} has more than 9 digits"
    if first is None:
        return f"item identifier {shown!r} is not an item number (such as 1, 1.2, R4 or (a))"
    if first.scheme == "integer":
        return f"item number {shown!r} is not an integer"
    return f"item identifier {shown!r} breaks the table's numbering (like {first.text!r})"
