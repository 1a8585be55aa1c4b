"""Following "See response to item 9" to the cells that answer an item: ``Report.resolve``.

>>> from pathlib import Path
>>> from schema import Report
>>> report = Report.model_validate_json(Path("samples/hqip-engaging-clinicians-2014.json").read_text())
>>> answer = report.resolve(12)
>>> answer.chain
('12', '9')
>>> answer["action_taken"].chain, answer.cells["action_taken"].text[:38]
(('12', '9'), 'Regional events for local clinicians a')
>>> report.resolve("r-99")
Traceback (most recent call last):
...
schema.resolve.UnknownItemError: item 'r-99' is not in the report

The rules, per cell (column) of the item asked for:

- A cell is *followed* when its whole text is a pointer to exactly one item: the words
  of "See (also) (the/our) response(s) to item/recommendation N", "As item N above",
  "Please refer to ..." and the item itself, nothing else ("See the response to item 9.",
  "See response to item 9", "See the response 9", "As item 4 above"). It is followed to the
  *same* cell of that item (action_taken of 8 to action_taken of 7), and on through a chain.
- A cell with anything more than a pointer ("As outlined in our response to recommendation 1
  HQIP has developed ...") answers itself: it is the answer, its ``references`` kept as they
  are. So does a cell that points to several items ("See responses to R2 and R4."): no one
  cell can stand for it, so it is returned for the caller to follow each reference.
- An empty cell answers itself (with nothing); a cell repeated from a vertically merged cell
  (``inherited_from``) is a cell like any other: it answers with the text it repeats, and is
  followed only if that text is a pointer. Inheritance is not a step of the chain.
- An item is named by its number (``7``) or its identifier (``"R4"``, ``"1.1"``); an
  identifier matches as a reference would write it: ``"R4"``, ``"r4"``, ``"R-4"`` and ``"R4."``
  are one, but ``"11"`` is not ``"1.1"`` (:func:`item_key`). An exact identifier wins.
- An item that is not in the report, asked for or pointed to by a followed cell, raises
  :class:`UnknownItemError` (a ``KeyError``) naming it; pointers that go round raise
  :class:`ReferenceCycleError` (a ``ValueError``) naming the cycle. Both are
  :class:`ResolveError`. A reference in a cell that answers itself is never followed, so
  it is never checked here (the parser's ``unknown-reference`` diagnostic reports those).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeAlias, TypeVar

if TYPE_CHECKING:  # the models import this module; it needs them only for types
    from schema.cells import Cell
    from schema.models import Recommendation, Record

    Row: TypeAlias = Recommendation | Record

__all__ = [
    "Answer",
    "ItemIndex",
    "ReferenceCycleError",
    "Resolution",
    "ResolveError",
    "Resolver",
    "UnknownItemError",
    "is_pointer",
    "item_key",
]

# Spaces, hyphens, brackets and dots, but a dot between digits: "1.1" is not "11".
_KEY_NOISE = re.compile(r"[\s\-()]|(?<![0-9])\.|\.(?![0-9])")
# The words a cell may have besides its reference and still be only a pointer to it.
_POINTER_WORDS = frozenset(
    """see also please refer to the our response responses answer reply item items recommendation
    recommendations no number as per above below earlier in at under same""".split()
)
# Words and identifiers: "item", "9", "R4", "1.1" (a range "3-5" is two tokens).
_TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)*")


def item_key(identifier: str) -> str:
    """An identifier as a reference may write it: "R-4", "r4" and "R4." are one; a dot
    between digits is kept, so that "11" does not match item 1.1. ``ItemIndex`` applies it for
    the parser, ``Report.resolve`` and the review page alike."""
    return _KEY_NOISE.sub("", identifier).casefold()


class _Item(Protocol):
    """Anything with an item's number and identifier: a record, or the parser's logical row."""

    @property
    def number(self) -> int | None: ...

    @property
    def id(self) -> str | None: ...


ItemT = TypeVar("ItemT", bound=_Item)


class ItemIndex(Generic[ItemT]):
    """Which item a reference names: the one rule for the parser's unknown-reference check,
    ``Report.resolve`` and the review page's links.

    A number names the item with that number; otherwise the reference, as text, names the item
    with that identifier as printed, or else the items whose :func:`item_key` it shares ("r1" and
    "R-1" name item R1). The index is built once, the keys only on the first miss.
    """

    def __init__(self, items: Iterable[ItemT]) -> None:
        # Rows without an identifier cannot be named; where an identifier repeats (sub-rows, an item
        # listed under two sections), the first row with it is the item.
        self._items = [item for item in items if item.id is not None]
        self._by_number: dict[int, ItemT] = {}
        self._by_id: dict[str, ItemT] = {}
        for item in self._items:
            if item.number is not None:
                self._by_number.setdefault(item.number, item)
            self._by_id.setdefault(item.id or "", item)
        self._by_key: dict[str, list[ItemT]] | None = None

    def matches(self, reference: int | str) -> list[ItemT]:
        """Every item ``reference`` may name: one where it names one, several where it is ambiguous."""
        if isinstance(reference, int) and not isinstance(reference, bool) and reference in self._by_number:
            return [self._by_number[reference]]
        identifier = str(reference)
        if identifier in self._by_id:
            return [self._by_id[identifier]]
        if self._by_key is None:
            self._by_key = {}
            for item in self._items:
                key = item_key(item.id or "")
                if not any(other.id == item.id for other in self._by_key.get(key, ())):
                    self._by_key.setdefault(key, []).append(item)
        return list(self._by_key.get(item_key(identifier), ()))

    def find(self, reference: int | str) -> ItemT | None:
        """The one item ``reference`` names, or None where it names none or several."""
        found = self.matches(reference)
        return found[0] if len(found) == 1 else None


def is_pointer(cell: Cell) -> bool:
    """Whether the cell's whole text is a pointer to exactly one item, to be followed."""
    if len(cell.references) != 1:
        return False
    target = str(cell.references[0]).casefold()
    words = _TOKEN.findall(cell.text.casefold())
    return target in words and all(word == target or word in _POINTER_WORDS for word in words)


class ResolveError(Exception):
    """``Report.resolve`` could not answer an item."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # not KeyError's repr of the message
        return self.message


class UnknownItemError(ResolveError, KeyError):
    """An item that is not in the report: the one asked for, or one a followed cell points to.

    ``item`` is the missing item as asked or as written in the cell; ``referrer`` and ``field``
    name the item and cell that point to it (both None for the item asked for).
    """

    def __init__(self, item: int | str, *, referrer: str | None = None, field: str | None = None,
                 matches: Iterable[str] = ()) -> None:
        self.item, self.referrer, self.field = item, referrer, field
        matches = list(matches)
        what = f"item {item!r}"
        if referrer is not None:
            what = f"item {referrer}'s {field} points to item {item!r}, which"
        if matches:
            message = f"{what} does not name one item: it matches items {', '.join(matches)}"
        else:
            message = f"{what} is not in the report"
        super().__init__(message)


class ReferenceCycleError(ResolveError, ValueError):
    """Pointers that lead back to an item already on the chain.

    ``chain`` is the items visited, ending with the one visited twice; ``field`` the cell followed.
    """

    def __init__(self, field: str, chain: tuple[str, ...]) -> None:
        self.field, self.chain = field, chain
        super().__init__(f"the {field} cells of items {' -> '.join(chain)} point round in a cycle")


@dataclass(frozen=True, slots=True)
class Answer:
    """How one cell of the item asked for is answered."""

    field: str
    """The cell's column key ("action_taken")."""
    chain: tuple[str, ...]
    """The items visited (identifiers as printed), from the item asked for to the one answering."""
    cell: Cell
    """The answering cell: the ``field`` cell of the last item on the chain, never a bare pointer."""

    @property
    def item(self) -> str:
        """The identifier of the item whose cell answers."""
        return self.chain[-1]

    @property
    def followed(self) -> bool:
        """Whether the answer is another item's cell, reached through a pointer."""
        return len(self.chain) > 1


@dataclass(frozen=True, slots=True)
class Resolution:
    """The cells that answer an item: ``Report.resolve``'s result (not part of the JSON)."""

    item: str
    """The identifier, as printed, of the item asked for."""
    answers: tuple[Answer, ...]
    """One per cell of the item, in column order; only the asked cell's when one was asked for."""

    @property
    def chain(self) -> tuple[str, ...]:
        """Every item visited, in order of first visit, the item asked for first: ``('12', '9')``."""
        return tuple(dict.fromkeys(item for answer in self.answers for item in answer.chain))

    @property
    def cells(self) -> dict[str, Cell]:
        """The answering cell under each column key."""
        return {answer.field: answer.cell for answer in self.answers}

    def __getitem__(self, field: str) -> Answer:
        for answer in self.answers:
            if answer.field == field:
                return answer
        raise KeyError(field)


def _name(row: Row) -> str:
    """The identifier of a row the index holds (it holds only rows with one)."""
    assert row.id is not None
    return row.id


class Resolver:
    """Resolves items of one report; its index is built once, so resolving every item is linear.

    ``Report.resolve(item)`` is ``Resolver(report.records).resolve(item)``.
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        self._index: ItemIndex[Row] = ItemIndex(rows)

    def resolve(self, item: int | str, field: str | None = None) -> Resolution:
        """The cells that answer ``item``: every cell of it, or the ``field`` cell only."""
        row = self._find(item)
        cells = row.cells()
        if field is not None and field not in cells:
            raise ValueError(f"item {row.id} has no cell {field!r}; its cells are {', '.join(cells)}")
        fields = list(cells) if field is None else [field]
        return Resolution(item=_name(row), answers=tuple(self._follow(row, key) for key in fields))

    def _follow(self, row: Row, field: str) -> Answer:
        chain = [_name(row)]
        while True:
            cells = row.cells()
            if field not in cells:
                raise ValueError(f"item {row.id} has no cell {field!r}, followed from item {chain[0]}")
            cell = cells[field]
            if not is_pointer(cell):
                return Answer(field=field, chain=tuple(chain), cell=cell)
            target = self._find(cell.references[0], referrer=row.id, field=field)
            if _name(target) in chain:
                raise ReferenceCycleError(field, (*chain, _name(target)))
            chain.append(_name(target))
            row = target

    def _find(self, item: int | str, *, referrer: str | None = None, field: str | None = None) -> Row:
        if isinstance(item, bool) or not isinstance(item, int | str):
            raise TypeError(f"an item is an int or a str, got {item!r}")
        matches = self._index.matches(item)
        if len(matches) == 1:
            return matches[0]
        raise UnknownItemError(item, referrer=referrer, field=field, matches=[_name(row) for row in matches])
