"""Word's automatic numbering: the number Word shows before a numbered paragraph.

Word keeps no text for it: a paragraph says which list it is in (``w:numPr``: a ``numId`` and a
level, on the paragraph or through its style), ``numbering.xml`` says how that list's levels count
(start, format, ``lvlText`` such as "%1." or "%1.%2"), and the count runs through the document in
order. ``Numbering.label`` gives each paragraph its number as Word would show it ("3.", "b)",
"iv."), or None for a bullet or an unnumbered paragraph; it must see the paragraphs in order.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _val(element: Any, tag: str, default: str = "") -> str:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val", default) if child is not None else default


def _roman(value: int) -> str:
    out = ""
    for numeral, amount in _ROMAN:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def _letters(value: int) -> str:
    return chr(96 + (value - 1) % 26 + 1) * ((value - 1) // 26 + 1) if value > 0 else ""


#: Formats that show no number: a bullet, or nothing.
_UNNUMBERED = frozenset({"bullet", "none"})


def number_format(value: int, kind: str) -> str | None:
    """``value`` as the format ``kind`` shows it; None for a bullet or no number. A format of a script
    or a shape not written here (circled, full-width, ordinal words …) is shown as a decimal, as is
    a level that names none (the format's default)."""
    if kind in _UNNUMBERED:
        return None
    formats = {"decimalZero": f"{value:02d}", "lowerLetter": _letters(value), "upperLetter": _letters(value).upper(),
               "lowerRoman": _roman(value), "upperRoman": _roman(value).upper()}
    return formats.get(kind, str(value))


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


class Numbering:
    """The document's lists and their counts so far."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, level) -> start, format, text
        self.styles: dict[str, tuple[str, int]] = {}  # styleId -> its numId and level
        self.counts: dict[str, list[int]] = {}  # counter -> the count at each level
        #: numId -> its counter: lists of one definition (abstractNum) count on together, as Word
        #: counts them.
        self.counter: dict[str, str] = {}
        #: The levels a list restarts (a startOverride): counted afresh from its first paragraph there,
        #: the levels above it going on.
        self.restarts: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for definition in root.iterchildren(f"{_W}abstractNum") if root is not None else ():
            abstract[definition.get(f"{_W}abstractNumId", "")] = {
                _int(level.get(f"{_W}ilvl", "0"), 0): (_int(_val(level, "start", "1"), 1), _val(level, "numFmt"),
                                                     _val(level, "lvlText"))
                for level in definition.iterchildren(f"{_W}lvl")}
        for num in root.iterchildren(f"{_W}num") if root is not None else ():
            num_id = num.get(f"{_W}numId", "")
            self.counter[num_id] = f"abstract {_val(num, 'abstractNumId')}"
            for level, (start, kind, text) in abstract.get(_val(num, "abstractNumId"), {}).items():
                self.levels[num_id, level] = (start, kind, text)
            for override in num.iterchildren(f"{_W}lvlOverride"):
                level = _int(override.get(f"{_W}ilvl", "0"), 0)
                if (num_id, level) in self.levels and override.find(f"{_W}startOverride") is not None:
                    self.restarts.add((num_id, level))
                    _, kind, text = self.levels[num_id, level]
                    self.levels[num_id, level] = (_int(_val(override, "startOverride", "1"), 1), kind, text)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            properties = style.find(f"{_W}pPr")
            numbered = properties.find(f"{_W}numPr") if properties is not None else None
            if numbered is not None:
                level = _int(_val(numbered, "ilvl", "0"), 0)
                self.styles[style.get(f"{_W}styleId", "")] = (_val(numbered, "numId"), level)

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        properties = paragraph.find(f"{_W}pPr")
        if properties is None:
            return None
        numbered = properties.find(f"{_W}numPr")
        if numbered is not None and _val(numbered, "numId"):
            num_id, level = _val(numbered, "numId"), _int(_val(numbered, "ilvl", "0"), 0)
        else:
            found = self.styles.get(_val(properties, "pStyle"))
            if found is None:
                return None
            num_id, level = found
        return (num_id, level) if num_id not in ("", "0") and (num_id, level) in self.levels else None

    def is_listed(self, paragraph: Any) -> bool:
        """A paragraph of a list (numbered or bulleted), by its own numbering or its style's."""
        return self._list_of(paragraph) is not None

    def label(self, paragraph: Any) -> str | None:
        """The number Word shows before ``paragraph`` ("3.", "b)"), counting it; None where it has none."""
        found = self._list_of(paragraph)
        if found is None:
            return None
        num_id, level = found
        counts = self.counts.setdefault(self.counter.get(num_id, f"num {num_id}"), [])
        while len(counts) <= level:
            counts.append(0)
        if (num_id, level) in self.restarts:
            self.restarts.discard((num_id, level))
            counts[level] = 0  # the list's own start, from its first paragraph at this level
        counts[level] += 1
        del counts[level + 1:]  # a deeper level starts again under a new item of this one
        start, kind, text = self.levels[num_id, level]
        if number_format(start, kind) is None:
            return None  # a bullet, or no number shown
        label = text
        for depth in range(level, -1, -1):
            start_at, kind_at, _ = self.levels.get((num_id, depth), (1, "decimal", ""))
            value = start_at + (counts[depth] if depth < len(counts) else 1) - 1
            label = label.replace(f"%{depth + 1}", number_format(value, kind_at) or str(value))
        return label.strip() or None


__all__ = ["Numbering", "number_format"]
