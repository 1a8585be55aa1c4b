"""What changed between two editions of a report: rows added, removed and changed, cell by cell.

Rows are matched by their text where it is the same (a row moved or renumbered unchanged), then by
identifier (the k-th row with an id in the old edition with the k-th row with that id in the new),
then, among the rows left, by the similarity of their words (a renumbered and edited
recommendation: at least ``SIMILAR`` of its words in order, difflib's ratio, measured against the
few rows that share the most of its less common words). A matched row whose
cells or status differ is changed; each changed cell is given word by word. Cells are compared by
column key; a key only one edition has is a cell added or removed.

>>> from extract import parse_text
>>> old = parse_text("T\\n\\nNo.\\tRecommendation\\tStatus\\n1\\tFix it.\\tUnder consideration\\n", name="a.txt")
>>> new = parse_text("T\\n\\nNo.\\tRecommendation\\tStatus\\n1\\tFix it.\\tAccepted\\n", name="b.txt")
>>> [(row.change, row.new_id, [(cell.key, cell.change) for cell in row.cells]) for row in compare(old, new).rows]
[('changed', '1', [('status_2', 'changed')])]
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Literal, NamedTuple

from schema import Recommendation, Record, Report

Row = Recommendation | Record
#: The least similarity (difflib's ratio of their words) for two rows without a shared identifier to be one.
SIMILAR = 0.6


class Words(NamedTuple):
    """A run of words in a word-by-word diff: kept (``equal``), gone (``delete``) or new (``insert``)."""

    op: Literal["equal", "delete", "insert"]
    text: str


class CellChange(NamedTuple):
    """A cell that differs between the editions."""

    key: str
    label: str
    change: Literal["changed", "added", "removed"]
    old: str | None
    new: str | None
    words: tuple[Words, ...]


class RowChange(NamedTuple):
    """A row added, removed or changed."""

    change: Literal["changed", "added", "removed"]
    old_id: str | None
    new_id: str | None
    section: str | None
    matched_by: Literal["id", "text"] | None
    old_status: str | None
    new_status: str | None
    cells: tuple[CellChange, ...]
    text: str
    """The row's recommendation (or first cell's) text, to tell it by."""


class Comparison(NamedTuple):
    """Every row that changed between two editions, in the new edition's order (removed rows last,
    in the old's), and how many rows are unchanged."""

    old: Report
    new: Report
    rows: tuple[RowChange, ...]
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.rows)

    def count(self, change: str) -> int:
        return sum(1 for row in self.rows if row.change == change)


def word_diff(old: str, new: str) -> tuple[Words, ...]:
    """``old`` to ``new`` word by word: runs of kept, deleted and inserted words."""
    before, after = old.split(), new.split()
    runs: list[Words] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(Words("equal" if op == "equal" else "delete", " ".join(before[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(Words("insert", " ".join(after[j1:j2])))
    return tuple(runs)


def _labels(report: Report) -> dict[str, str]:
    return {column.key: column.label for table in report.tables for column in table.columns}


def _text(row: Row) -> str:
    cells = row.cells()
    cell = cells.get("recommendation") or next(iter(cells.values()))
    return cell.text


def _all_text(row: Row) -> list[str]:
    return " ".join(cell.text for cell in row.cells().values()).split()


def _match(old: Sequence[Row], new: Sequence[Row]) -> dict[int, tuple[int, Literal["id", "text"]]]:
    """New row index -> (old row index, how they were matched): rows of the same text first (a row
    moved or renumbered unchanged), then by identifier, then by the similarity of their words."""
    matched: dict[int, tuple[int, Literal["id", "text"]]] = {}
    words = [_all_text(row) for row in old]
    new_words = [_all_text(row) for row in new]
    by_text: dict[tuple[str, ...], list[int]] = {}
    for index, found in enumerate(words):
        by_text.setdefault(tuple(found), []).append(index)
    for index, row in enumerate(new):
        same = by_text.get(tuple(new_words[index]))
        if same:
            twin = same.pop(0)
            matched[index] = (twin, "id" if old[twin].id == row.id else "text")
    taken = {old_index for old_index, _ in matched.values()}
    by_id: dict[str, list[int]] = {}
    for index, row in enumerate(old):
        if row.id is not None and index not in taken:
            by_id.setdefault(row.id, []).append(index)
    for index, row in enumerate(new):
        waiting = by_id.get(row.id) if row.id is not None and index not in matched else None
        if waiting:
            matched[index] = (waiting.pop(0), "id")
    taken = {old_index for old_index, _ in matched.values()}
    _match_by_words(words, new_words, matched, [i for i in range(len(old)) if i not in taken])
    return matched


#: A word in more than this many of the rows left is too common to point at a row's match.
_COMMON = 25
#: The most candidates a row is measured against (those sharing the most of its words).
_CANDIDATES = 5


def _match_by_words(words: list[list[str]], new_words: list[list[str]],
                    matched: dict[int, tuple[int, Literal["id", "text"]]], left: list[int]) -> None:
    """Match the rows left by the similarity of their words: each new row is measured against the few
    old rows that share the most of its less common words (an index, so the work grows with the rows,
    not with their square)."""
    index: dict[str, list[int]] = {}
    for candidate in left:
        for word in set(words[candidate]):
            index.setdefault(word.casefold(), []).append(candidate)
    free = set(left)
    for position, mine in enumerate(new_words):
        if position in matched or not free:
            continue
        shared: dict[int, int] = {}
        for word in {word.casefold() for word in mine}:
            rows = index.get(word, ())
            if len(rows) <= _COMMON:
                for candidate in rows:
                    if candidate in free:
                        shared[candidate] = shared.get(candidate, 0) + 1
        best, score = None, SIMILAR
        for candidate in sorted(shared, key=lambda c: (-shared[c], c))[:_CANDIDATES]:
            matcher = difflib.SequenceMatcher(None, words[candidate], mine, autojunk=False)
            if matcher.quick_ratio() >= score and (ratio := matcher.ratio()) >= score:
                best, score = candidate, ratio
        if best is not None:
            matched[position] = (best, "text")
            free.discard(best)


def _cells(old: Row, new: Row, labels: dict[str, str]) -> tuple[CellChange, ...]:
    before, after = old.cells(), new.cells()
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was.text == now.text:
            continue
        change: Literal["changed", "added", "removed"] = (
            "changed" if was is not None and now is not None else "added" if now is not None else "removed")
        old_text, new_text = was.text if was else None, now.text if now else None
        changes.append(CellChange(key, labels.get(key, key), change, old_text, new_text,
                                  word_diff(old_text or "", new_text or "")))
    return tuple(changes)


def compare(old: Report, new: Report) -> Comparison:
    """What changed from the ``old`` edition to the ``new``."""
    old_rows, new_rows = old.records, new.records
    matched = _match(old_rows, new_rows)
    labels = {**_labels(old), **_labels(new)}
    rows: list[RowChange] = []
    unchanged = 0
    for index, row in enumerate(new_rows):
        status = row.status.value if row.status else None
        if index not in matched:
            rows.append(RowChange("added", None, row.id, row.section, None, None, status, (), _text(row)))
            continue
        old_index, how = matched[index]
        was = old_rows[old_index]
        was_status = was.status.value if was.status else None
        cells = _cells(was, row, labels)
        if cells or was_status != status or was.id != row.id:
            rows.append(RowChange("changed", was.id, row.id, row.section, how, was_status, status, cells, _text(row)))
        else:
            unchanged += 1
    kept = {old_index for old_index, _ in matched.values()}
    for index, row in enumerate(old_rows):
        if index not in kept:
            status = row.status.value if row.status else None
            rows.append(RowChange("removed", row.id, None, row.section, None, status, None, (), _text(row)))
    return Comparison(old, new, tuple(rows), unchanged)


__all__ = ["SIMILAR", "CellChange", "Comparison", "RowChange", "Words", "compare", "word_diff"]
