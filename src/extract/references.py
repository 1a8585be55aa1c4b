"""Cross references in cell text: the item numbers a cell points to.

"See response to item 7." -> [7]; "See the response 9" -> [9];
"As outlined in our response to recommendation 1" -> [1]; "items 7 and 9" -> [7, 9];
"items 3-5" -> [3, 4, 5]. Lists and ranges are read only after a plural
("items", "recommendations", "responses"): "item 7, 2015 results" is [7].
Patterns are flat (no nested quantifiers); further numbers are read one at a time.
"""

from __future__ import annotations

import re

# "item 7", "items 7", "recommendation 1", "item no. 7", "item number 7"
_KEYWORD = re.compile(
    r"\b(?:item|recommendation)(?P<plural>s?)\s+(?:no\.?\s*|number\s+)?(\d+)\b", re.IGNORECASE
)
# "See the response 9", "see response to 9", "see also our responses 4"
_SEE_RESPONSE = re.compile(
    r"\bsee\s+(?:also\s+)?(?:the\s+|our\s+)?response(?P<plural>s?)\s+(?:to\s+)?(\d+)\b", re.IGNORECASE
)
# ", 8", " and 9", " & 9", " or 9" after a number (read after a plural keyword only)
_NEXT_NUMBER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|or|&)\s+)(\d+)\b", re.IGNORECASE)
# "-9", " – 9" or " to 9" after a number: a range (after a plural keyword only)
_RANGE_END = re.compile(r"\s?[-–]\s?(\d+)\b|\sto\s(\d+)\b")
_MAX_RANGE = 50


def find_references(text: str) -> tuple[int, ...]:
    """Item numbers mentioned as references, in order of first mention, without repeats."""
    found: list[tuple[int, int]] = []
    for pattern in (_KEYWORD, _SEE_RESPONSE):
        for match in pattern.finditer(text):
            found.extend(_numbers_from(text, match))
    seen: dict[int, None] = {}
    for _, number in sorted(found):
        seen.setdefault(number, None)
    return tuple(seen)


def _numbers_from(text: str, match: re.Match[str]) -> list[tuple[int, int]]:
    """The first number of a match and any list or range that follows it, with positions."""
    numbers = [(match.start(2), int(match.group(2)))]
    if not match.group("plural"):
        return numbers
    position = match.end(2)
    while True:
        span = _RANGE_END.match(text, position)
        if span:
            end = span.group(1) or span.group(2)
            low, high = numbers[-1][1], int(end)
            if low < high <= low + _MAX_RANGE:
                numbers.extend((span.start(), n) for n in range(low + 1, high + 1))
            position = span.end()
            continue
        more = _NEXT_NUMBER.match(text, position)
        if not more:
            return numbers
        numbers.append((more.start(1), int(more.group(1))))
        position = more.end(1)
