"""Bounds on the work one document may cost, with defaults a caller can change."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of an input is read before giving up with an error."""

    max_bytes: int = 64 * MIB
    """The largest input read; larger is an error before anything is parsed."""
    max_pages: int = 2000
    """The most PDF pages read."""
    timeout: float = 600.0
    """Seconds a PDF may take to read, checked after each page."""
