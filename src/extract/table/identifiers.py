"""Item identifiers as printed ("1", "1.2", "R4", "(a)", "001/23", "AO-2022-001"), and the
identifier column found from its cells.

An identifier is one short token (at most one inner space) with a digit in it, or a letter
or roman-numeral enumerator ("(a)", "ii."). Its *shape* is the token with each run of digits
written ``9`` and each run of letters ``A`` (upper case) or ``a``: "001/23" is ``9/9``, "R4"
``A9``, "AO-2022-001" ``A-9-9``. A table's identifiers share one shape; ``key`` (the numbers in
the token, or an enumerator's place) orders them. Dates ("31/12/13", "30-Mar-23") are never
identifiers.

The identifier column is the one whose body cells read as identifiers of one shape down the
table (``find_identifier_column``); among several, a label such as "No." or "Number" decides,
then numbers that run in order, then identifiers that do not repeat, then the leftmost column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from extract.fragments import plain_text

_MAX_LENGTH = 24
_RUNS = re.compile(r"[0-9]+|[A-Z]+|[a-z]+|\s+")
_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_ENUMERATOR = re.compile(r"[(\[]?([A-Za-z]{1,6})[)\].]?")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# 31/12/13, 2013-12-31, 31.12.2013 (dots with a four-digit year only: "1.2.10" is a clause number)
_NUMERIC_DATE = re.compile(r"[0-9]{1,4}([/\-])[0-9]{1,2}\1[0-9]{2,4}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}")
_DIGITS = re.compile(r"[0-9]+")
_QUANTITY = re.compile(r"[%$£€¥,]")  # amounts and shares ("45%", "$ 0.61", "1,234"), never identifiers
_YEARS = range(1800, 2101)

#: Words of a label that name an identifier column ("S. No.", "Sl.No", "Med No", "Rec no.", "#").
IDENTIFIER_WORDS = frozenset({"no", "nos", "num", "number", "#", "ref", "reference", "id", "item", "rec", "code"})
_LABEL_WORDS = re.compile(r"#|[^\W_]+")


class Identifier(NamedTuple):
    """An item identifier as printed, its shape (its scheme), how it sorts, and its integer value."""

    text: str
    scheme: str
    """The shape: "9" for "12", "9.9" for "1.2", "A9" for "R4", "(a)" for "(b)", "9/9" for "001/23"."""
    key: tuple[int, ...]
    number: int | None
    """The integer where the identifier is one ("12", "12."), else None."""
    order: tuple[int, ...] = ()
    """How identifiers of one shape sort: every run of digits and of letters ("B.1" after "A.9"), a
    year after a slash first ("001/24" after "099/23"). Empty for an identifier unlike the rest."""

    def show(self, key: int) -> str:
        """How this scheme prints the one-part key ``key`` (for messages about gaps)."""
        core = self.text[:-1] if self.text.endswith(".") else self.text
        if _DIGITS.search(core):
            return _DIGITS.sub(str(key), core, count=1)
        letters = core.strip("()[]. ")
        place = ord(letters.lower()) - 96 if len(letters) == 1 else None
        lettered = place is not None and (not _ROMAN.fullmatch(letters.lower()) or self.key == (place,))
        if lettered and 1 <= key <= 26:
            letter = chr(96 + key) if letters.islower() else chr(64 + key)
            return core.replace(letters, letter)
        if _ROMAN.fullmatch(letters.lower()) and 1 <= key < 40:
            numeral = _roman(key)
            return core.replace(letters, numeral if letters.islower() else numeral.upper())
        return str(key)


def _is_date(text: str) -> bool:
    if _NUMERIC_DATE.fullmatch(text):
        return True
    lowered = text.casefold()
    return bool(_DIGITS.search(lowered)) and any(month in lowered for month in _MONTHS) and bool(
        re.fullmatch(r"[0-9]{1,2}[\s\-./]?[a-z]{3,9}[\s\-./,]*[0-9]{2,4}|[a-z]{3,9}[\s\-./]?[0-9]{2,4}", lowered))


def shape(text: str) -> str:
    """The token's shape: runs of digits as ``9``, of capitals as ``A``, of small letters as ``a``."""
    def run(match: re.Match[str]) -> str:
        token = match[0]
        if token[0].isdigit():
            return "9"
        if token[0].isspace():
            return " "
        return "A" if token[0].isupper() else "a"
    return _RUNS.sub(run, text)


def read_identifier(text: str) -> Identifier | None:
    """The identifier a cell holds (of any shape), or None where it holds something else."""
    text = text.strip()
    if not text or len(text) > _MAX_LENGTH or text.count(" ") > 1 or "\n" in text or _QUANTITY.search(text):
        return None
    core = text[:-1] if text.endswith(".") and len(text) > 1 else text
    numbers = [int(digits) for digits in _DIGITS.findall(core)]
    if numbers:
        if _is_date(core) or len(max(_DIGITS.findall(core), key=len)) > 9:
            return None
        if any(len(word) > 4 for word in re.findall(r"[A-Za-z]+", core)):
            return None  # words, not a code: "Year 2", "Phase 3a" keep their letters short
        number = numbers[0] if core.isdigit() else None
        return Identifier(text, shape(core), tuple(numbers), number, _order(core))
    enumerator = _ENUMERATOR.fullmatch(core if core.endswith(")") else text)
    if enumerator is None:
        return None
    letters = enumerator[1]
    if letters.lower() in ("", ) or not (letters.islower() or letters.isupper()):
        return None
    if _ROMAN.fullmatch(letters.lower()):
        key = _roman_value(letters.lower())
    elif len(letters) == 1:
        key = ord(letters.lower()) - 96
    else:
        return None
    return Identifier(text, shape(text if text.endswith(")") else core), (key,), None, (key,))


# "001/23" (a padded number, then the year), "12/2013"; not "1/10" (chapter 1, recommendation 10).
_YEAR_AFTER_SLASH = re.compile(r"(?:^|[^0-9])0[0-9]+/[0-9]{2}$|/(?:19|20)[0-9]{2}$")


def _order(core: str) -> tuple[int, ...]:
    """The sort order of a code: its runs of digits and letters in turn (letters by their place in the
    alphabet), a trailing year after a slash ("001/23", "12/2013", not "1/10") first."""
    runs = [int(run) if run.isdigit() else _letters_value(run) for run in re.findall(r"[0-9]+|[A-Za-z]+", core)]
    if _YEAR_AFTER_SLASH.search(core) and len(runs) > 1:
        runs.insert(0, runs.pop())
    return tuple(runs)


def _letters_value(letters: str) -> int:
    value = 0
    for letter in letters.lower():
        value = value * 27 + ord(letter) - 96
    return value


def as_letter(identifier: Identifier, previous: Identifier) -> Identifier:
    """``identifier`` read as a letter where it is "i", "v" or "x" after a letter read as a letter
    ("(h)", "(i)", "(j)"); as it is otherwise (roman after roman: "(iv)", "(v)")."""
    letter, before = (text.text.strip("()[]. ").lower() for text in (identifier, previous))
    if len(letter) != 1 or letter not in "ivx" or len(before) != 1 or not before.isalpha():
        return identifier
    if previous.order != (ord(before) - 96,):
        return identifier  # "(i)" read as roman before it: "(v)" goes on in roman
    place = ord(letter) - 96
    return identifier._replace(key=(place,), order=(place,))


def _roman(value: int) -> str:
    """``value`` (1 to 39) in small roman numerals."""
    ones = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
    return "x" * (value // 10) + ones[value % 10]


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for this, following in pairwise([*text, ""]):
        value = values[this]
        total += -value if following and values[following] > value else value
    return total


def is_identifier_label(label: str) -> bool:
    """Whether a header label names an identifier column: "No.", "S. No.", "Sl.No", "Med No", "Number"."""
    words = _LABEL_WORDS.findall(plain_text(label).casefold())
    if not words or len(words) > 3:
        return False
    # A narrow cell may wrap a label inside its word: "Numb" / "er".
    return words[-1] in IDENTIFIER_WORDS or "".join(words) in IDENTIFIER_WORDS


class ColumnChoice(NamedTuple):
    """The identifier column of a table and why it was taken."""

    column: int | None
    """None where no column reads as identifiers."""
    scheme: str | None
    reason: str


def _candidate(texts: Sequence[str], label: str) -> tuple[tuple[int, ...], str, str] | None:
    """How well a column's body texts read as identifiers: a sort key (higher is better), the shape,
    and a reason; None where they do not."""
    filled = [text for text in texts if text]
    read = [identifier for text in filled if (identifier := read_identifier(text)) is not None]
    if not read:
        return None
    shapes = Counter(identifier.scheme for identifier in read)
    scheme, count = shapes.most_common(1)[0]
    labelled = is_identifier_label(label)
    if not labelled and scheme == "9" and all(identifier.key[0] in _YEARS for identifier in read):
        return None  # a column of years ("2019", "2020") is dates, not numbering
    # A column labelled "No." needs half its cells of one shape; any other, most of them and two at least.
    if labelled and count < 0.5 * len(filled):
        return None
    if not labelled and (count < 0.8 * len(filled) or count < 0.3 * len(texts) or count < 2):
        return None
    keys = [identifier.order for identifier in read if identifier.scheme == scheme]
    steps = list(pairwise(keys))
    rising = sum(1 for a, b in steps if b > a)
    in_order = max(rising, sum(1 for a, b in steps if b < a)) >= 0.8 * len(steps)  # up or down
    unique = len(set(keys)) == len(keys)
    if not (labelled or in_order or (unique and not scheme.isdigit())):
        return None  # unlabelled bare numbers out of order are quantities ("No. of cases"), not identifiers
    parts = [f"{count} of {len(filled)} cells read as identifiers like {read[0].text!r}"]
    if in_order and len(keys) > 1:
        parts.append("in order")
    parts.append("none repeated" if unique else "some repeated")
    if labelled:
        parts.append(f"labelled {label!r}")
    return (int(labelled), int(in_order), int(unique)), scheme, ", ".join(parts)


def _rank(key: tuple[int, ...], index: int) -> tuple[int, ...]:
    """How a candidate column ranks: labelled first, and among labelled ones the leftmost; among the
    others, in order, then not repeating, then the leftmost."""
    labelled, *rest = key
    return (labelled, -index, *rest) if labelled else (labelled, *rest, -index)


def find_identifier_column(columns: Sequence[Sequence[str]], labels: Sequence[str]) -> ColumnChoice:
    """The column (its body cells' plain texts, and its label) whose cells number the rows."""
    # A column labelled as the identifier with no text at all (rows carried over from an earlier
    # page) is still the identifier column where no other labelled one has identifiers.
    best: tuple[tuple[int, ...], int, str, str] | None = None
    for index, (texts, label) in enumerate(zip(columns, labels, strict=True)):
        if is_identifier_label(label) and not any(texts):
            best = ((1, 0, 0), index, "", f"labelled {label!r}; its cells are empty (rows carried over?)")
            break
    # A labelled column that reads as identifiers outranks any unlabelled one: look at those first.
    labelled = [index for index, label in enumerate(labels) if is_identifier_label(label)]
    order = labelled + [index for index in range(len(labels)) if index not in labelled]
    for index in order:
        texts, label = columns[index], labels[index]
        if best is not None and best[0][0] and index not in labelled:
            break
        found = _candidate(texts, label)
        if found is None:
            continue
        if best is None or _rank(found[0], index) > _rank(best[0], best[1]):
            best = (found[0], index, found[1], found[2])
    if best is not None:
        return ColumnChoice(best[1], best[2] or None, best[3])
    # No column reads as one numbering scheme: a column labelled as the identifier still is one,
    # its scheme its most common shape (the first one's, on a tie); the rest are odd identifiers.
    for index, (texts, label) in enumerate(zip(columns, labels, strict=True)):
        if is_identifier_label(label):
            shapes = Counter(identifier.scheme for text in texts if (identifier := read_identifier(text)) is not None)
            scheme = shapes.most_common(1)[0][0] if shapes else None
            return ColumnChoice(index, scheme, f"labelled {label!r}, though its cells do not all read as "
                                "identifiers of one kind")
    return ColumnChoice(None, None, "no column's cells read as identifiers of one kind")
