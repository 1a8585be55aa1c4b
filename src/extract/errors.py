"""Errors that locate the problem: every error carries the file, line and page.

``str(error)`` is the one line the command line prints: ``FILE:LINE: message``.
"""

from __future__ import annotations


class ExtractError(Exception):
    """Base of every error report-extract raises on bad input."""

    def __init__(
        self,
        message: str,
        *,
        file: str = "<input>",
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.page = page

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        page = f" (page {self.page})" if self.page is not None else ""
        return f"{where}: {self.message}{page}"


class InputReadError(ExtractError):
    """The input could not be read at all (missing, a folder, permissions)."""


class EmptyInputError(ExtractError):
    """The input holds nothing but whitespace."""


class NotTextError(ExtractError):
    """The input is binary, or its bytes fit no text encoding we read."""


class HeaderNotFoundError(ExtractError):
    """The document holds no table: no header row (two or more labels) was found."""


class PdfError(ExtractError):
    """A PDF that cannot be read: encrypted, damaged, or without a table."""


class ProfileError(ExtractError):
    """A layout profile that cannot be read, or that does not fit the document."""


class EntityError(ExtractError):
    """An entity declaration (``<!ENTITY``) in a cell: never expanded, refused."""


class LimitError(ExtractError):
    """The input is over a limit: its size, its page count, or the time it takes."""


class OutputError(ExtractError):
    """The output file could not be written."""
