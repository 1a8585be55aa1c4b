"""A target-audience cell to a normalised list of single audiences.

Each paragraph or list item is an audience; "A and B of X" (or "A, B and C of X")
shares its "of X" and becomes ["A of X", "B of X"] when the heads are alike (short,
capitalised the same way); ";" separates audiences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schema import ListBlock, Paragraph

#: Column keys whose cell is split into ``audiences``, the first present.
AUDIENCE_KEYS = ("target_audience", "audience", "audiences", "target_audiences")

_SHARED_TAIL = re.compile(r"(?P<heads>\S.*?)\s+(?P<tail>(?:of|for|in)\s+\S.*)", re.IGNORECASE)
_HEAD_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_MAX_HEAD_WORDS = 3


def split_audience(text: str) -> list[str]:
    """Single audiences of one line of audience text."""
    audiences: list[str] = []
    for part in text.split(";"):
        part = part.strip().rstrip(".").strip()
        if not part:
            continue
        shared = _SHARED_TAIL.fullmatch(part)
        if shared:
            heads = _HEAD_SEPARATOR.split(shared["heads"])
            alike = len({head[:1].isupper() for head in heads}) == 1  # "Commissioners and Suppliers"
            if len(heads) > 1 and alike and all(0 < len(h.split()) <= _MAX_HEAD_WORDS for h in heads):
                audiences.extend(f"{head} {shared['tail']}" for head in heads)
                continue
        audiences.append(part)
    return audiences


def cell_audiences(blocks: Iterable[Paragraph | ListBlock]) -> list[str]:
    """Single audiences of an audience cell's blocks (each paragraph or list item a line), each once."""
    lines: list[str] = []
    for block in blocks:
        lines.extend([block.text] if isinstance(block, Paragraph) else block.items)
    unique: dict[str, None] = {}
    for line in lines:
        for audience in split_audience(line):
            unique.setdefault(audience, None)
    return list(unique)
