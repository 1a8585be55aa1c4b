"""Cross references in cell text: the items a cell points to.

"See response to item 7." -> [7]; "See the response 9" -> [9];
"As outlined in our response to recommendation 1" -> [1]; "items 7 and 9" -> [7, 9];
"items 3-5" -> [3, 4, 5]; "See response to R4" -> ["R4"]; "recommendation 1.2" -> ["1.2"];
"recommendation 004/11" -> ["004/11"] (never 4).
An integer identifier is given as an int, any other as the identifier's text.
Lists and ranges are read only after a plural ("items", "recommendations",
"responses"): "item 7, 2015 results" is [7]. "1.1" is never read as 1.
Patterns are flat (no unbounded nested quantifiers); further items are read one at a time.
"""

from __future__ import annotations

import re

# An identifier: "R4", "1.2", "7"; not the start of a longer one ("1.1" is not 1).
_ID = (r"([A-Za-z]{1,4}[0-9]{1,6}|[0-9]{1,4}(?:\.[0-9]{1,4}){1,3}|[0-9]{1,4}/[0-9]{1,4}|[0-9]{1,9})"
       r"(?![0-9A-Za-z]|[./][0-9])")
# "item 7", "items 7", "recommendation 1", "item no. 7", "item number 7", "item R4"
_KEYWORD = re.compile(r"\b(?:item|recommendation)(?P<plural>s?)\s+(?:no\.?\s*|number\s+)?" + _ID, re.IGNORECASE)
# "See the response 9", "see response to 9", "see also our responses 4", "see response to R4"
_SEE_RESPONSE = re.compile(
    r"\bsee\s+(?:also\s+)?(?:the\s+|our\s+)?response(?P<plural>s?)\s+(?:to\s+)?" + _ID, re.IGNORECASE
)
# ", 8", " and 9", " & 9", " or 9" after an item (read after a plural keyword only)
_NEXT_NUMBER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|or|&)\s+)" + _ID, re.IGNORECASE)
# "-9", " – 9" or " to 9" after a number: a range (after a plural keyword only)
_RANGE_END = re.compile(r"\s?[-–]\s?(\d+)\b|\sto\s(\d+)\b")
_MAX_RANGE = 50


Reference = int | str


def _value(token: str) -> Reference:
    return int(token) if token.isdigit() else token


def find_references(text: str) -> tuple[Reference, ...]:
    """Items mentioned as references, in order of first mention, without repeats."""
    found: list[tuple[int, Reference]] = []
    for pattern in (_KEYWORD, _SEE_RESPONSE):
        for match in pattern.finditer(text):
            found.extend(_numbers_from(text, match))
    seen: dict[Reference, None] = {}
    for _, item in sorted(found, key=lambda pair: pair[0]):
        seen.setdefault(item, None)
    return tuple(seen)


def _numbers_from(text: str, match: re.Match[str]) -> list[tuple[int, Reference]]:
    """The first item of a match and any list or range that follows it, with positions."""
    numbers: list[tuple[int, Reference]] = [(match.start(2), _value(match.group(2)))]
    if not match.group("plural"):
        return numbers
    position = match.end(2)
    while True:
        span = _RANGE_END.match(text, position)
        if span:
            low, high = numbers[-1][1], int(span.group(1) or span.group(2))
            if isinstance(low, int) and low < high <= low + _MAX_RANGE:
                numbers.extend((span.start(), n) for n in range(low + 1, high + 1))
            position = span.end()
            continue
        more = _NEXT_NUMBER.match(text, position)
        if not more:
            return numbers
        numbers.append((more.start(1), _value(more.group(1))))
        position = more.end(1)
