"""Re-paginate a text export: move page breaks, split cells across pages, drop headers.

Splits follow the exporter's own convention, seen in the HQIP report: the part
before the break has its open tags closed; the part after reopens paragraphs and
inline tags, reopens a list only when the break falls between list items, and
never reopens a list item (a list item carried over goes on as bare text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import HEADER_LINES

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_HEADER_LABELS = {"recommendations and audiences", "hqip response", "no.", "recommendation"}


def _is_header(line: str) -> bool:
    cells = {cell.strip().casefold() for cell in line.split("\t") if cell.strip()}
    return bool(cells) and cells <= _HEADER_LABELS | {"target audience", "action taken", "next steps"}


@dataclass
class Export:
    preamble: list[str]
    """Everything up to and including the first page's column-header row."""
    rows: list[str]
    """Every table row, page breaks and repeated headers removed."""
    breaks: list[int]
    """Indices into ``rows`` of the rows that start a page."""

    @classmethod
    def read(cls, text: str) -> Export:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        first_row = next(i for i, line in enumerate(lines) if "\t" in line and not _is_header(line))
        preamble, rows, breaks = lines[:first_row], [], []
        pending = False
        for line in lines[first_row:]:
            if not line.strip() and "\t" not in line:
                pending = True
            elif not _is_header(line):
                if pending:
                    breaks.append(len(rows))
                    pending = False
                rows.append(line)
        return cls(preamble, rows, breaks)

    def continuation_indices(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.split("\t")[0] == ""]

    def render(self, breaks: list[int] | None = None, *, headers: bool = True, newline: str = "\n") -> str:
        starts = set(self.breaks if breaks is None else breaks)
        out = list(self.preamble)
        for index, row in enumerate(self.rows):
            if index in starts:
                out += ["", *HEADER_LINES] if headers else [""]
            out.append(row)
        return newline.join(out) + newline

    def index_of(self, number: int) -> int:
        return next(i for i, row in enumerate(self.rows) if row.split("\t")[0] == str(number))

    def split(self, number: int, column: int, at: str) -> None:
        """Split row ``number``'s cell at the text ``at`` onto a new page (after its last continuation)."""
        index = self.index_of(number)
        while index + 1 < len(self.rows) and self.rows[index + 1].split("\t")[0] == "":
            index += 1
        cells = self.rows[index].split("\t")
        if at not in cells[column]:
            # The text may already sit in an earlier part of the row: split the owner instead.
            raise ValueError(f"{at!r} is not in the last part of item {number}, column {column}")
        before, after = split_fragment(cells[column], at)
        cells[column] = before
        continuation = [""] * len(cells)
        continuation[column] = after
        self.rows[index] = "\t".join(cells)
        self.rows.insert(index + 1, "\t".join(continuation))
        self.breaks = [b + 1 if b > index else b for b in self.breaks] + [index + 1]
        self.breaks.sort()


def split_fragment(fragment: str, at: str) -> tuple[str, str]:
    position = fragment.index(at)
    head, tail = fragment[:position].rstrip(), fragment[position:]
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(head):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            while stack and stack.pop()[0] != name:
                pass
        else:
            stack.append((name, match.group(0)))
    closers = "".join(f"</{name}>" for name, _ in reversed(stack))
    between_items = tail.lower().startswith("<li")
    reopen = "".join(
        tag for name, tag in stack if name != "li" and (name not in ("ul", "ol") or between_items)
    )
    return head + closers, reopen + tail
