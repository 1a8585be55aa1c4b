"""Words of one PDF table cell to an HTML fragment of paragraphs and lists.

- Words on the same baseline make a line; wrapped lines join within a paragraph.
- A vertical step clearly larger than the page's usual line pitch starts a new paragraph.
- A line that opens with a bullet glyph starts a list item; so does a line with a
  hanging indent (the lines after it stand further right). Indented lines after an
  item go on with that item.
- A line that ends in a hyphen joins the next without a space. The hyphen stays
  ("re-" + "commissioned") unless the joined word occurs unhyphenated elsewhere in
  the document (then the break was a soft one: "im-" + "provement").
- A line that ends in a slash joins the next without a space ("mechanism/lever").
- Ligatures (ﬁ, ﬂ …), soft hyphens and non-breaking spaces are normalised.

The fragment goes on to the same stages as the text export's cells (see ``extract.readers.raw``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from extract.fragments import opens_with_bullet

LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00a0": " ", "\u00ad": ""}
)
_HYPHENS = ("-", "\u2010")
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010'’][^\W\d_]+)*")
_INDENT_TOLERANCE = 2.0
_PARAGRAPH_STEP = 1.3
_NO_SPACE = 0.12  # a gap narrower than this share of the font size is no space (a space is 0.2-0.33)
_LETTER_GAP_SLACK = 0.15
_LETTER_SPACING = 0.3  # letters set apart by more than this share of the size (a space is 0.2-0.28) are spaced
_SPACE = 0.25  # a space's width, as a share of the font size
_DIGIT_RUN = re.compile(r"[0-9]+")
_LETTER = re.compile(r"[^\W\d_][^\w\s]?")  # a letter set apart, perhaps with its punctuation ("e.")


class Word(NamedTuple):
    """A word as pdfplumber reads it: its text, its box in PDF points, its font size, and bold or not."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    font: str = ""


class Line(NamedTuple):
    """A line of a cell's words, joined left to right: its text, where it starts and its largest font size."""

    text: str
    x0: float
    top: float
    bottom: float
    size: float
    x1: float = 0.0
    """Where the line's last word ends."""

    @property
    def bullet(self) -> bool:
        return opens_with_bullet(self.text)


def normalise(text: str) -> str:
    return text.translate(LIGATURES)


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into lines by their vertical position, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) < 0.5 * max(word.size, 1.0):
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def words_to_lines(words: Iterable[Word]) -> list[Line]:
    """Lines of text, top to bottom."""
    result = []
    for line in group_lines(words):
        text = line_text(line)
        if text:
            result.append(Line(text, line[0].x0, min(w.top for w in line), max(w.bottom for w in line),
                               max(w.size for w in line), max(w.x1 for w in line)))
    return result


def line_text(line: Sequence[Word]) -> str:
    """A line's words joined: a space between words, none where a change of font or size split a
    word with no gap ("Guide" in italics, then ","; small capitals "D" + "IESEL"); letter-spaced
    letters ("D e l h i") joined into their words; Word's second-level bullet ("o" in Courier) a bullet."""
    parts: list[str] = []
    spaced = _letter_spaced(line)
    for index, word in enumerate(line):
        text = normalise(word.text)
        if index == 0 and text == "o" and "courier" in word.font.lower() and line[1:] and line[1].font != word.font:
            text = "◦"  # Word's second-level bullet
        if index and (word.x0 - line[index - 1].x1 < _NO_SPACE * min(word.size, line[index - 1].size)
                      or (index - 1 in spaced and index in spaced and spaced[index - 1] == spaced[index])):
            parts[-1] += text
        else:
            parts.append(text)
    return " ".join(parts).strip()


def _letter_spaced(line: Sequence[Word]) -> dict[int, int]:
    """Letters set apart ("D e l h i"): the index of each single-letter word in a run of three or more
    with even gaps, mapped to its word within the run (a wider gap parts words: "N e w  D e l h i").
    Runs of capitals alone ("A B C") are left as written."""
    found: dict[int, int] = {}
    index = 0
    while index < len(line):
        end = index
        while end < len(line) and _LETTER.fullmatch(line[end].text):
            end += 1
        run = line[index:end]
        gaps = [b.x0 - a.x1 for a, b in pairwise(run)]
        # Set apart wider than a space ("a, b, c and d" has spaces), some in lower case ("A B C" is letters).
        if len(run) >= 3 and any(word.text[0].islower() for word in run) and min(gaps) > _LETTER_SPACING * run[0].size:
            letter_gap = min(gaps)
            word_number = 0
            for offset, word in enumerate(run):
                if offset and gaps[offset - 1] > letter_gap + _LETTER_GAP_SLACK * word.size:
                    word_number += 1
                found[index + offset] = word_number
        index = max(end, index + 1)
    return found


def lead_width(words: Sequence[Word]) -> float | None:
    """The width a cell's first word needs at the end of the line before (with a space before it)."""
    if not words:
        return None
    top = min(word.top for word in words)
    first = min((word for word in words if word.top - top < 0.5 * max(word.size, 1.0)), key=lambda word: word.x0)
    return first.x1 - first.x0 + _SPACE * first.size


def line_pitches(lines: Sequence[Line]) -> list[float]:
    return [b.top - a.top for a, b in pairwise(lines) if b.top > a.top]


def vocabulary(lines: Iterable[Line], inner: set[str] | None = None) -> set[str]:
    """Words written whole (not broken at a line end), lower-cased, for the hyphen rule; ``inner``
    gathers those that stand inside a line, neither first nor last (a word broken at a line's
    end leaves its pieces there, never inside a line)."""
    words: set[str] = set()
    for line in lines:
        text = line.text[:-1] if line.text.endswith(_HYPHENS) else line.text
        found = [match.group(0).casefold() for match in _WORD.finditer(text)]
        words.update(found)
        if inner is not None:
            inner.update(found[1:-1])
    return words


def _shape(token: str) -> str:
    return _DIGIT_RUN.sub("9", token)


def _splits_a_word(before: Line, after: Line, right: float | None, known: set[str],
                   inner: set[str] | None = None) -> bool:
    """Whether a cell too narrow for a word broke it inside, with no hyphen ("Numb" / "er",
    "Consideratio" / "n", "Dengue/Chikung" / "unya", "009/2" / "2"): the line before runs to the
    cell's right edge, the line after goes on in lower case or digits, and the word put together
    is one the document writes whole, while its pieces are not words it writes inside a line (or
    the first is not, and the whole word is; or the broken word stands alone on its line); a word
    alone on its line that is none the document writes inside a line, broken before a last letter
    alone ("Recipien" / "t"); or a code (digits in it) filling its line alone."""
    if right is None or right - before.x1 > 2 * before.size or not after.text[:1].isalnum() or after.text[:1].isupper():
        return False
    head, tail = before.text, after.text.split(" ", 1)[0]
    if " " not in head and any(char.isdigit() for char in head + tail):
        # A code broken inside ("009/2" + "2", "1,234,5" + "67"), never two values of one shape one
        # under the other ("4.50" / "24.28", "12/03/2015" / "14/05/2016", "2014/15" / "2015/16").
        return right - before.x1 <= before.size and _shape(head) != _shape(tail)
    if " " not in head and head.isalpha():  # a word too long for the cell, alone on its line
        whole = (head + tail).casefold().strip(".,;:")
        # the word the document writes whole, or one broken before its last letter ("Recipien" / "t"):
        # no word the document writes inside a line, then a lone letter that is no word alone on its line
        return whole in known or (inner is not None and head.casefold() not in inner and len(after.text) == 1
                                  and after.text.isalpha() and after.text not in "aAI")
    # The end of a longer line: only pieces that are no words of the document ("look in" / "to" is two),
    # or a piece that is none before one that is, where the word put together is written inside a line
    # ("Under considerati" / "on")
    head_match = re.search(r"[^\W\d_]+$", head)
    tail_match = re.match(r"[^\W\d_]+", tail)
    if inner is None or head_match is None or tail_match is None:
        return False
    start, piece = head_match.group(0).casefold(), tail_match.group(0).casefold()
    if start in inner:
        return False
    return (piece not in inner and start + piece in known) or start + piece in inner


def join_lines(before: str, after: str, known: set[str]) -> str:
    """Join a wrapped line to the text before it: one space, or a hyphen break mended."""
    if before.endswith(_HYPHENS) and len(before) > 1 and before[-2].isalnum() and after[:1].isdigit():
        return before + after  # a code or a date broken at its hyphen: "AO-2022-" + "001", "27-Jul-" + "16"
    if before.endswith(_HYPHENS) and len(before) > 1 and before[-2].isalpha() and after[:1].isalpha():
        head = re.search(r"[^\W\d_]+$", before[:-1])
        tail = re.match(r"[^\W\d_]+", after)
        if head and tail and (head.group(0) + tail.group(0)).casefold() in known:
            return before[:-1] + after
        return before + after
    if before.endswith("/") and after[:1].isalnum():
        return before + after  # "mechanism/" + "lever": a break after a slash adds no space
    return f"{before} {after}"


@dataclass(slots=True)
class _Block:
    kind: str  # "paragraph", "item" or "lead" (text carried over from the page before)
    text: str


def lines_to_blocks(lines: Sequence[Line], pitch: float, known: set[str],
                    right: float | None = None, inner: set[str] | None = None) -> list[_Block]:
    """Paragraphs and list items of a cell's lines, in order; ``right``: the cell's right edge;
    ``inner``: the words the document writes inside a line (``vocabulary``)."""
    if not lines:
        return []
    base = min(line.x0 for line in lines)
    blocks: list[_Block] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        gap = previous is not None and line.top - previous.top > pitch * _PARAGRAPH_STEP
        indented = line.x0 > base + _INDENT_TOLERANCE
        hanging = (
            not indented
            and following is not None
            and not following.bullet
            and following.x0 > line.x0 + _INDENT_TOLERANCE
            and following.top - line.top <= pitch * _PARAGRAPH_STEP
        )
        if line.bullet:
            blocks.append(_Block("item", line.text[1:].strip()))
        elif hanging:
            blocks.append(_Block("item", line.text))
        elif not blocks:
            blocks.append(_Block("lead" if indented else "paragraph", line.text))
        elif gap or (blocks[-1].kind == "item" and not indented):
            blocks.append(_Block("paragraph", line.text))
        elif previous is not None and _splits_a_word(previous, line, right, known, inner):
            blocks[-1].text += line.text
        else:
            blocks[-1].text = join_lines(blocks[-1].text, line.text, known)
    return [block for block in blocks if block.text]


def blocks_to_html(blocks: Sequence[_Block]) -> str:
    parts: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "item":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{html.escape(block.text, quote=False)}</li>")
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        if block.kind == "lead":
            parts.append(html.escape(block.text, quote=False))
        else:
            parts.append(f"<p>{html.escape(block.text, quote=False)}</p>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)


def cell_fragment(lines: Sequence[Line], pitch: float, known: set[str], right: float | None = None,
                  inner: set[str] | None = None) -> str:
    """The HTML fragment of one cell's lines; ``right``: the cell's right edge, where it has one."""
    return blocks_to_html(lines_to_blocks(lines, pitch, known, right, inner))
