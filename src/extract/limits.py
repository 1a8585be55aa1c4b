"""Bounds on the work one document may cost, with defaults a caller can change, and the timer
that holds the time limit around a whole parse."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from extract.errors import LimitError

MIB = 1024 * 1024
#: The longest time limit a timer can hold (about 115 days); a longer one is no limit.
MAX_TIMEOUT = 1e7


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of an input is read before giving up with an error."""

    max_bytes: int = 64 * MIB
    """The largest input read; larger is an error before anything is parsed (a stream of unknown
    size is read up to this and one byte more)."""
    max_pages: int = 2000
    """The most PDF pages read."""
    timeout: float = 600.0
    """Seconds one input may take, its whole parse (see ``time_limit``)."""
    max_page_inflate: int = 256 * MIB
    """The most bytes a PDF page's compressed streams (its contents, fonts) may inflate to."""
    max_inflate: int = 1024 * MIB
    """The most bytes all of a PDF's compressed streams may inflate to (fonts are kept from page
    to page)."""

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_page_inflate", "max_inflate"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a whole number of 1 or more, got {value!r}")
        if not (isinstance(self.timeout, int | float) and 0 < self.timeout <= MAX_TIMEOUT):
            raise ValueError(f"Limits.timeout must be a number of seconds over 0 and up to {MAX_TIMEOUT:g}, "
                             f"got {self.timeout!r}")


@contextmanager
def time_limit(seconds: float, name: str) -> Iterator[None]:
    """Raise ``LimitError`` in the block once ``seconds`` have passed, wherever the parse is.

    A timer signal (SIGALRM) interrupts Python code at any point, so an input that makes a
    library loop for ever is stopped too. Signals reach only the main thread: in another thread,
    or where the caller's own timer is running, the PDF reader's check between pages is the
    bound. A single call into C (inflating one stream) ends before the signal is handled; the
    size bounds keep those calls short.
    """
    if (threading.current_thread() is not threading.main_thread() or not 0 < seconds < MAX_TIMEOUT
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    running = True

    def expired(signum: int, frame: FrameType | None) -> None:
        if running:
            raise LimitError(f"reading the input took over {seconds:g} s (--timeout raises it)", file=name)

    previous = signal.signal(signal.SIGALRM, expired)
    try:
        # Once over, again every tenth of a second: a library that catches every exception in a
        # loop may swallow one, not all of them. Set inside the try: a limit that is over at once
        # still disarms the timer on the way out.
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
        yield
    finally:
        running = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
