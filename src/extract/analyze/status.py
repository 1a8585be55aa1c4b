"""A row's response status in a small fixed vocabulary, with the phrase as written.

Where it is read from, in order:

- **A status column**: the last column (the latest, in a status report with one column per
  date: "Status at 30-Jun-22", "Status at 30-Jun-23") whose key has the word ``status`` or
  ``rag``, or is a short one opening with an acceptance (``accepted``, ``agreed``, ``decision``;
  not ``agreed_action``), and whose cell states one: "Accepted", "Accepted in part", "Being
  implemented", "Yes" under "Accepted?".
- **A response column** (a key with the word ``response``, ``reply``, ``position``,
  ``comment``, ``update`` or ``progress``): a short cell (a few words, "Accepted and
  implemented") read whole, a longer one by the opening words of one of its first sentences,
  where they are of the recommendation ("The Government accepts this recommendation", "However,
  we do not accept this recommendation") or a sentence of their own ("Agreed in part.").

A wording turned round by a negation within two words before it is not that status: "cannot
accept", "will not accept" are ``rejected``; "not yet implemented" is not ``implemented``. An
acceptance whose sentence says "in part", "partially" or "principle" is ``accepted_in_part`` or
``accepted_in_principle``.

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
#: Words that turn the wording after them (within two words) round: "cannot accept", "not yet implemented".
_NEGATION = re.compile(r"\b(?:not|cannot|can't|unable\s+to|won't|never|no\s+longer)\b(?:\W+\w+){0,2}\W*$", _I)
_AGREEING = r"(?:accept(?:s|ed|ing)?|agree(?:s|d|ing)?|support(?:s|ed|ing)?)"
#: Each status and how it is worded, the most advanced stage first: the first that a cell states wins.
_WORDINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no_further_action", re.compile(r"\bno\s+further\s+action\b|\bNFA\b", _I)),
    ("rejected", re.compile(rf"\b(?:(?:not|cannot|can't|unable\s+to|won't)\b(?:\W+\w+){{0,2}}?\W+{_AGREEING}|"
                            r"reject(?:s|ed)?|declined?|disagree(?:s|d)?)\b", _I)),
    ("implemented", re.compile(r"(?<!being\s)(?<!partially\s)(?<!be\s)(?<!been\s)(?<!to\s)\b"
                               r"(?:implemented|completed?)\b", _I)),
    ("in_progress", re.compile(r"\b(?:being\s+implemented|partially\s+(?:implemented|completed?)|in\s+progress|"
                               r"under\s?way|on\s?going)\b", _I)),
    ("under_consideration", re.compile(r"\b(?:under\s+(?:consideration|review)|being\s+considered|"
                                       r"(?:will|to)\s+consider)\b", _I)),
    ("accepted", re.compile(rf"\b{_AGREEING}\b", _I)),
    ("noted", re.compile(r"\b(?:noted|notes?)\b", _I)),
)
#: What makes an acceptance partial or one in principle, anywhere in its sentence.
_IN_PART = re.compile(r"\bin\s+part\b|\bpartial(?:ly)?\b|\bpartly\b", _I)
_IN_PRINCIPLE = re.compile(r"\bprinciples?\b", _I)
#: What a short cell under an "Accepted?" column says alone.
_ANSWERS = {"yes": "accepted", "no": "rejected", "in part": "accepted_in_part", "partly": "accepted_in_part",
            "partially": "accepted_in_part", "in principle": "accepted_in_principle"}
#: The words of a column key (``status_at_30_jun_23``) that make it a status or a response column; a
#: key opening with an acceptance word is one where it is short ("accepted", "agreed_y_n"), not an
#: "agreed_action".
_STATUS_WORDS = frozenset({"status", "rag"})
_ACCEPTANCE_WORDS = frozenset({"accepted", "accept", "acceptance", "agreed", "decision"})
_RESPONSE_WORDS = frozenset({"response", "responses", "reply", "position", "comment", "comments", "update",
                             "progress"})
#: A cell of at most this many words is read whole; a longer one by its first sentences' opening words.
_SHORT = 8
_OPENING = 6
_SENTENCES = 3
#: What follows a response's status wording when it is of the recommendation.
_OF_IT = re.compile(r"\W*(?:\w+\W+){0,5}?(?:recommendations?|in\s+full|in\s+part|in\s+principle|"
                    r"fully|without\s+reservation)\b", _I)
#: A sentence that notes the recommendation opens so ("Noted.", "The Government notes …").
_NOTES = re.compile(r"\W*(?:\w+\s+){0,2}not(?:ed|es?)\b", _I)
#: A sentence that is nothing but a status ("Agreed in part.", "We agree."): at most this many words.
_BARE = 4

Stated = tuple[str, str, str]
"""The status, the phrase as written, and the key of the column it was read from."""


def _found(text: str, start: int, window_end: int, short: bool) -> tuple[str, int] | None:
    """The most advanced status worded in ``text[start:window_end]`` (all of a short cell), not turned
    round by a negation, and of the recommendation where the text is long."""
    for status, wording in _WORDINGS:
        for found in wording.finditer(text, start, window_end):
            if status != "rejected" and _NEGATION.search(text, max(0, found.start() - 40), found.start()):
                continue  # "not yet implemented", "cannot accept" (rejected, above)
            if status == "noted" and not short and not _NOTES.match(text, start):
                continue  # "it should be noted that …" states nothing
            if not short and not _of_the_recommendation(text, found.start(), found.end()):
                continue
            if status == "accepted":
                sentence = text if short else sentence_of(text, found.start(), found.end())
                status = ("accepted_in_principle" if _IN_PRINCIPLE.search(sentence) else
                          "accepted_in_part" if _IN_PART.search(sentence) else status)
            return status, found.start()
    return None


def _stated(text: str, short: bool) -> tuple[str, int] | None:
    """The status ``text`` states and where its wording starts, or None. A long text states one only
    in the opening words of one of its first sentences, of the recommendation ("accepts this
    recommendation", "in full") or as a sentence of its own ("Agreed in part.")."""
    words = text.split()
    if not words:
        return None
    if short and " ".join(words).rstrip(".").casefold() in _ANSWERS:
        return _ANSWERS[" ".join(words).rstrip(".").casefold()], 0
    if short:
        return _found(text, 0, len(text), True)
    begin = 0
    for _ in range(_SENTENCES):
        sentence = sentence_of(text, begin, begin + 1)
        if not sentence:
            break
        at = text.find(sentence, begin)
        opening = at + sum(len(word) + 1 for word in sentence.split()[:_OPENING])
        found = _found(text[:at + len(sentence)], at, opening, False) if at >= 0 else None
        if found is not None:
            return found
        begin = at + len(sentence) + 1 if at >= 0 else len(text)
        if begin >= len(text):
            break
    return None


def _of_the_recommendation(text: str, start: int, end: int) -> bool:
    """A status worded in a longer text is of the recommendation: its sentence is the status alone
    ("Agreed in part.", "We agree."), or the recommendation follows the wording ("accepts this
    recommendation", "in full")."""
    return len(sentence_of(text, start, end).split()) <= _BARE or _OF_IT.match(text, end) is not None


def _read(key: str, text: str) -> Stated | None:
    text = text.strip()
    short = len(text.split()) <= _SHORT
    stated = _stated(text.split("\n\n", 1)[0] if not short else text, short)
    if stated is None:
        return None
    status, start = stated
    phrase = " ".join(text.split()) if short else sentence_of(text, start, start + 1)
    return status, phrase, key


def _is_status_column(key: str) -> bool:
    words = key.split("_")
    return bool(set(words) & _STATUS_WORDS) or (words[0] in _ACCEPTANCE_WORDS and "action" not in key
                                                  and len(words) <= 3)


def _is_response_column(key: str) -> bool:
    return bool(set(key.split("_")) & _RESPONSE_WORDS)


def status_of(cells: Mapping[str, str]) -> Stated | None:
    """The status a row's cells (their text by column key, in column order) state, or None."""
    statuses = [key for key in cells if _is_status_column(key)]
    responses = [key for key in cells if _is_response_column(key) and key not in statuses]
    for key in [*reversed(statuses), *responses]:  # the latest status column first
        found = _read(key, cells[key])
        if found is not None:
            return found
    return None


__all__ = ["STATUSES", "Stated", "status_of"]
