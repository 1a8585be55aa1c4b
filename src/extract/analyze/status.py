"""A row's response status in a small fixed vocabulary, with the phrase as written.

Where it is read from, in order:

- **A status column**: the last column (the latest, in a status report with one column per
  date: "Status at 30-Jun-22", "Status at 30-Jun-23") whose key speaks of a status or an
  acceptance (``status``, ``accepted``, ``decision``, ``outcome``, ``agreed``) and whose cell
  states one: "Accepted", "Accepted in part", "Being implemented", "Yes" under "Accepted?".
- **A response column** (``response``, ``reply``, ``position``, ``comment``, ``update``,
  ``progress``): a short cell (a few words, "Accepted and implemented") read whole, a longer one
  by the opening words of its first sentence ("The Government accepts this recommendation",
  "Agreed in part. …", "We do not accept …").

The vocabulary, the most advanced stage a cell states winning ("Accepted and implemented" is
``implemented``, "Accepted and being implemented" ``in_progress``, "Not accepted" ``rejected``):
``no_further_action``, ``rejected``, ``implemented``, ``in_progress``, ``under_consideration``,
``accepted_in_part``, ``accepted_in_principle``, ``accepted``, ``noted``. A short cell's phrase is
its text; a longer one's, the sentence the status is stated in.

>>> status_of({"response": "The Government accepts this recommendation. Work has begun on a plan for 2025."})
('accepted', 'The Government accepts this recommendation.', 'response')
>>> status_of({"status_at_30_jun_22": "Under consideration", "status_at_30_jun_23": "Accepted and implemented"})
('implemented', 'Accepted and implemented', 'status_at_30_jun_23')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from extract.analyze.commitments import sentence_of

_I = re.IGNORECASE
#: The vocabulary, the most advanced stage first.
STATUSES = ("no_further_action", "rejected", "implemented", "in_progress", "under_consideration", "accepted_in_part",
            "accepted_in_principle", "accepted", "noted")
#: Each status and how it is worded, the most advanced stage first: the first that a cell states wins.
_WORDINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no_further_action", re.compile(r"\bno\s+further\s+action\b|\bNFA\b", _I)),
    ("rejected", re.compile(r"\b(?:not\s+(?:accepted|agreed|supported)|reject(?:s|ed)?|declined?|"
                            r"(?:does|do|did)\s+not\s+(?:accept|agree|support))\b", _I)),
    ("implemented", re.compile(r"(?<!being\s)(?<!partially\s)(?<!not\s)(?<!be\s)(?<!been\s)\b"
                               r"(?:implemented|completed?)\b", _I)),
    ("in_progress", re.compile(r"\b(?:being\s+implemented|partially\s+implemented|in\s+progress|under\s?way|"
                               r"on\s?going)\b", _I)),
    ("under_consideration", re.compile(r"\b(?:under\s+(?:consideration|review)|being\s+considered|"
                                       r"(?:will|to)\s+consider)\b", _I)),
    ("accepted_in_part", re.compile(r"\b(?:(?:accept(?:s|ed)?|agree(?:s|d)?|support(?:s|ed)?)\s+in\s+part|"
                                    r"partially\s+(?:accepted|agreed|supported)|partly\s+(?:accepted|agreed))\b", _I)),
    ("accepted_in_principle", re.compile(r"\b(?:accept(?:s|ed)?|agree(?:s|d)?|support(?:s|ed)?)\s+in\s+principle\b",
                                         _I)),
    ("accepted", re.compile(r"\b(?:accept(?:s|ed)?|agree(?:s|d)?|support(?:s|ed)?)\b", _I)),
    ("noted", re.compile(r"\b(?:noted|notes?)\b", _I)),
)
#: What a short cell under an "Accepted?" column says alone.
_ANSWERS = {"yes": "accepted", "no": "rejected", "in part": "accepted_in_part", "partly": "accepted_in_part",
            "partially": "accepted_in_part", "in principle": "accepted_in_principle"}
_STATUS_KEY = re.compile(r"status|accept|agree|decision|outcome")
_RESPONSE_KEY = re.compile(r"respon|reply|position|comment|update|progress")
#: A cell of at most this many words is read whole; a longer one by its opening words.
_SHORT = 8
_OPENING = 6
#: What follows a response's status wording when it is of the recommendation.
_OF_IT = re.compile(r"\W*(?:\w+\W+){0,3}?(?:recommendations?|proposals?|in\s+full|in\s+part|in\s+principle|"
                    r"fully|without\s+reservation)\b", _I)

Stated = tuple[str, str, str]
"""The status, the phrase as written, and the key of the column it was read from."""


def _stated(text: str, short: bool) -> tuple[str, int] | None:
    """The status ``text`` states and where its wording starts, or None. A long text states one only
    in its opening words, of the recommendation ("accepts this recommendation", "in full") or in a
    short sentence of its own ("Agreed in part.")."""
    words = text.split()
    if not words:
        return None
    if short and " ".join(words).rstrip(".").casefold() in _ANSWERS:
        return _ANSWERS[" ".join(words).rstrip(".").casefold()], 0
    window = text if short else text[:sum(len(word) + 1 for word in words[:_OPENING])]
    for status, wording in _WORDINGS:
        if status == "noted" and not short and not re.match(r"\W*(?:\w+\s+){0,2}not(?:ed|es?)\b", window, _I):
            continue  # "it should be noted that …" states nothing
        found = wording.search(window)
        if found is not None and (short or _of_the_recommendation(text, found.start(), found.end())):
            return status, found.start()
    return None


def _of_the_recommendation(text: str, start: int, end: int) -> bool:
    """A status worded in a longer text is of the recommendation: its sentence is short ("Agreed in
    part."), or the recommendation follows the wording ("accepts this recommendation", "in full")."""
    sentence = sentence_of(text, start, end)
    return len(sentence.split()) <= _SHORT or _OF_IT.match(text, end) is not None


def _read(key: str, text: str) -> Stated | None:
    text = text.strip()
    short = len(text.split()) <= _SHORT
    stated = _stated(text.split("\n\n", 1)[0] if not short else text, short)
    if stated is None:
        return None
    status, start = stated
    phrase = " ".join(text.split()) if short else sentence_of(text, start, start + 1)
    return status, phrase, key


def status_of(cells: Mapping[str, str]) -> Stated | None:
    """The status a row's cells (their text by column key, in column order) state, or None."""
    statuses = [key for key in cells if _STATUS_KEY.search(key)]
    responses = [key for key in cells if _RESPONSE_KEY.search(key) and key not in statuses]
    for key in [*reversed(statuses), *responses]:  # the latest status column first
        found = _read(key, cells[key])
        if found is not None:
            return found
    return None


__all__ = ["STATUSES", "Stated", "status_of"]
