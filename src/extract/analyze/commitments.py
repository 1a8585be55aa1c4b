"""Time-bound commitments in cell text: each date phrase with a normalised date range.

``find_date_phrases(text, published)`` gives every date phrase in text order, without
overlaps: its offsets, its range ``first``..``last`` (both inclusive) and its tense.

Phrase boundaries: the date expression plus the preposition written directly before it,
if one of in, during, over, throughout, from, between, by, within, until ("until at
least"), till, before, since; never a verb. "will publish in December 2014" -> "in December
2014"; "take place over December 2014 and January 2015" -> "over December 2014 and
January 2015"; "launching early 2015" -> "early 2015". At one position the longest wins.

Ranges (Y is 1900-2099 or "this/next/last year"; P is the publication date):
- "December 2014", "Dec 2014", "Sept. 2015", "the end of March 2015": the month;
  "31 March 2015": the day. "early Y"/"the start of Y" Jan-Apr, "mid Y"/"mid-Y" May-Aug,
  "late Y"/"the end of Y" Sep-Dec; "the first/second half of Y"; "Q1 Y" (calendar).
- Seasons: spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb ("winter 2015"
  and "winter 2015/16" are Dec 2015-Feb 2016). "in the autumn" (no year): the next one not
  over at P, or the last one over when the sentence is worded in the past (see Tense).
- UK financial years "2015/16", "2015-16", "2015/2016", "FY2015/16": 1 Apr 2015-31 Mar 2016
  ("2015/17" is not a date); "Q1 2015/16" is Apr-Jun 2015.
- A bare year "2015" (the whole year), or a season without a year, only after one of the
  prepositions or as the whole text (a timescale cell): "2015 results" is not a date.
- "X and Y", "between X and Y", "from X to Y", "X – Y" (dash or hyphen): X.first..Y.last;
  "January to March 2015": January takes March's year. "X and Y" without "between" is one
  range only when Y directly follows X: "in March 2015 and June 2015" is two phrases.
- Relative: "the next 12 months" P..P+12 months; "the next 6 – 12 months" P..P+12 months
  (the window the work is done in starts now; the lower figure is how soon it may end);
  "the last 12 months" P-12 months..P-1 day; "within 3 months" P..P+3 months (a count of
  weeks, months or years is a date only after "within"; days, hours, minutes never are);
  "this year", "later this year" P..31 Dec; "earlier this year" (and "this year" in a
  sentence worded in the past, see Tense) 1 Jan..P-1 day; "next year", "last year" the
  calendar year after/before P; likewise "this/next/last financial year" (1 Apr-31 Mar).
  Month arithmetic clamps the day: 31 Jan + 1 month = 28 (or 29) Feb.
- Prepositions: "by/until/within X" P..X.last (X itself if over before P); "before X"
  P..X.first-1 day; "since X" X.first..P-1 day; "in/over/during X": X; "from X" alone: X
  (when it starts; no end is written).

Tense: "past" if the range ends before P, "future" if it starts on or after P. A range
that straddles P takes its sentence's wording: "future" with will/shall/plans/aims/
intends/expects/"to be"/"going to"; else "past" with was/were/has/have/had/did/already/
previously/ago; else "future" (part of it is still to come). At P = 2014-10-08 "will be
undertaken in 2014/15" and "HQIP is providing ... training in 2014/15" are future; "we
have delivered training in 2014/15" would be past.

Not dates: "2-day conference", "four Clinical Outcome Review Programmes", "NHS 111",
"item 12", "recommendation 3.1", "24/7", "1/2", "10 minutes", "within 24 hours", "the next
day", "the autumn conference", lower-case "may 2015", numbers outside 1900-2099.

>>> import datetime as dt
>>> [(p.phrase, str(p.first), str(p.last), p.tense) for p in find_date_phrases(
...     "This will complete in early 2015.", dt.date(2014, 10, 8))]
[('in early 2015', '2015-01-01', '2015-04-30', 'future')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from extract.fragments import ends_with_abbreviation

_DAY = dt.timedelta(days=1)
_WINDOW = 300  # at most this many characters either side of a phrase are read for its sentence
_I = re.IGNORECASE


class DatePhrase(NamedTuple):
    """A date phrase found in a cell's text, and the range of days it means."""

    phrase: str  # exactly as written, text[start:end]
    start: int
    end: int
    first: dt.date  # range start
    last: dt.date  # range end, inclusive
    tense: Literal["future", "past"]  # relative to the publication date


class _Point(NamedTuple):
    first: dt.date
    last: dt.date
    kind: str  # "abs", "year" (a bare year), "season" (no year), "rel" (to publication), "count" ("3 months")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, the day of month clamped: 2015-01-31 + 1 -> 2015-02-28."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _span(year: int, month: int, months: int, kind: str = "abs") -> _Point:
    """``months`` whole months from ``month`` of ``year`` (month 13 is January of the next year)."""
    first = add_months(dt.date(year, 1, 1), month - 1)
    return _Point(first, add_months(first, months) - _DAY, kind)


_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:January|February|March|April|(?-i:May|MAY)|June|July|August|September|October|November"
          r"|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?")  # "may" is a verb
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_PARTS = {"early": (1, 4), "start": (1, 4), "beginning": (1, 4), "mid": (5, 4), "late": (9, 4), "end": (9, 4)}
_PART = r"(?:early|mid|late|(?:the\s+)?(?:end|start|beginning)\s+of)"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")\b"
_COUNT = rf"(?P<n1>{_NUM})(?:\s*(?:[–—-]|to)\s*(?P<n2>{_NUM}))?"  # "12", "6 – 12", "six to twelve"
_Y4 = r"(?<![\d/.,£$])(?:19|20)\d\d"
_YEAR = _Y4 + r"(?![\d/%]|[-–—]\d|\.\d)"  # not "2015/16", "2015-16", "2015.5", "20150"
_YY = r"[/–—-](?P<{}>(?:19|20)?\d\d)(?![\d/])"  # the "/16" of "2015/16", its group named by format()


def _yref(name: str) -> str:
    return rf"(?P<{name}>{_YEAR}|(?:this|next|last)\s+year|the\s+year)"


def _year(ref: str, published: dt.date) -> int:
    word = ref.split()[0].lower()
    return int(ref) if ref.isdigit() else published.year + {"next": 1, "last": -1}.get(word, 0)


def _fy(first: str, second: str) -> int | None:
    """The first year of the financial year "2015/16", or None when the years are not consecutive."""
    start = int(first)
    end = int(second) if len(second) == 4 else start // 100 * 100 + int(second) + (second == "00") * 100
    return start if end == start + 1 else None


def _count(m: re.Match[str]) -> tuple[int, int]:
    """(months, days) in "6 – 12 months" (the larger figure: 12, 0), "2 years" (24, 0), "3 weeks" (0, 21)."""
    n = max(_NUMBERS.get(x.lower()) or int(x) for x in (m["n1"], m["n2"] or m["n1"]))
    unit = m["unit"].lower()
    return (0, 7 * n) if unit == "week" else (n * (12 if unit == "year" else 1), 0)


def _shift(day: dt.date, count: tuple[int, int], sign: int = 1) -> dt.date:
    return add_months(day, sign * count[0]) + sign * dt.timedelta(days=count[1])


_Resolver = Callable[[re.Match[str], dt.date], "_Point | None"]


def _quarter(m: re.Match[str], p: dt.date) -> _Point | None:
    q = int(m["q"])
    if m["qy"]:
        return _span(int(m["qy"]), 3 * q - 2, 3)
    year = _fy(m["qy1"], m["qy2"])
    return _span(year, 3 * q + 1, 3) if year else None


def _month(m: re.Match[str], p: dt.date) -> _Point | None:
    year, month = _year(m["my"], p), _MONTHS[m["mon"][:3].lower()]
    if not m["day"]:
        return _span(year, month, 1)
    try:
        day = dt.date(year, month, int(m["day"]))
    except ValueError:
        return None
    return _Point(day, day, "abs")


def _season(m: re.Match[str], p: dt.date) -> _Point | None:
    season = m["season"].lower()
    if m["sy1"]:  # "winter 2015/16"
        year = _fy(m["sy1"], m["sy2"])
        return _span(year, 12, 3) if year and season == "winter" else None
    return _span(_year(m["sy"], p), _SEASONS[season], 3)


def _season_alone(m: re.Match[str], p: dt.date) -> _Point | None:
    month = _SEASONS[m["season0"].lower()]
    year = next(y for y in range(p.year - 1, p.year + 2) if _span(y, month, 3).last >= p)
    if _past_wording(_sentence(m.string, m.start(), m.end())):
        year = next(y for y in range(p.year, p.year - 3, -1) if _span(y, month, 3).last < p)
    return _span(year, month, 3, "season")


def _rel_span(m: re.Match[str], p: dt.date) -> _Point | None:
    count = _count(m) if m["n1"] else {"week": (0, 7), "month": (1, 0), "year": (12, 0)}[m["unit"].lower()]
    if m["dir"].lower() in ("next", "coming"):
        return _Point(p, _shift(p, count), "rel")
    return _Point(_shift(p, count, -1), p - _DAY, "rel")


def _rel_year(m: re.Match[str], p: dt.date) -> _Point | None:
    which, mod = m["which"].split()[-1].lower(), (m["mod"] or "").lower()
    if (which in ("next", "last") and m["which"].lower().startswith("the") and not m["fin"]) or (
            mod and which not in ("this", "current")):
        return None  # "the next year" is the next 12 months; "later next year" is not read
    shift = {"next": 1, "last": -1}.get(which, 0)
    first, last, _ = _span(p.year + shift, 1, 12)
    if m["fin"]:
        first, last, _ = _span((p.year if p.month >= 4 else p.year - 1) + shift, 4, 12)
    if shift:
        return _Point(first, last, "rel")
    if mod == "earlier" or (not mod and _past_wording(_sentence(m.string, m.start(), m.end()))):
        return _Point(first, p - _DAY, "rel")
    return _Point(p, last, "rel")


_POINTS: list[tuple[re.Pattern[str], _Resolver]] = [
    (re.compile(rf"(?:FY\s?|financial\s+year\s+)?(?P<y1>{_Y4}){_YY.format('y2')}(?:\s+financial\s+year)?", _I),
     lambda m, p: _span(y, 4, 12) if (y := _fy(m["y1"], m["y2"])) else None),
    (re.compile(rf"Q(?P<q>[1-4])\s*(?:(?P<qy1>{_Y4}){_YY.format('qy2')}|(?P<qy>{_YEAR}))", _I),
     _quarter),
    (re.compile(rf"(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+{_yref('hy')}", _I),
     lambda m, p: _span(_year(m["hy"], p), 1 if m["half"].lower() == "first" else 7, 6)),
    (re.compile(rf"(?P<part>{_PART})[\s-]+{_yref('py')}", _I),
     lambda m, p: _span(_year(m["py"], p), *next(v for k, v in _PARTS.items() if k in m["part"].lower()))),
    (re.compile(rf"(?:{_PART}[\s-]+|(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{_MONTH}),?\s+{_yref('my')}",
                _I), _month),
    (re.compile(rf"(?P<season>spring|summer|autumn|winter)\s+(?:(?P<sy1>{_Y4}){_YY.format('sy2')}"
                rf"|{_yref('sy')})", _I), _season),
    (re.compile(r"(?:the|this)\s+(?P<season0>spring|summer|autumn|winter)\b(?!\s+(?:of\s+)?(?:\d|this|next|last))",
                _I), _season_alone),
    (re.compile(rf"the\s+(?P<dir>next|coming|last|past)\s+(?:{_COUNT}\s+)?(?P<unit>week|month|year)s?\b", _I),
     _rel_span),
    (re.compile(rf"{_COUNT}\s+(?P<unit>week|month|year)s?\b", _I),
     lambda m, p: _Point(p, _shift(p, _count(m)), "count")),
    (re.compile(r"(?:(?P<mod>later|earlier)\s+)?(?P<which>this|the\s+current|(?:the\s+)?(?:next|last))"
                r"\s+(?P<fin>financial\s+)?year\b", _I), _rel_year),
    (re.compile(rf"(?P<year>{_YEAR})"), lambda m, p: _span(int(m["year"]), 1, 12, "year")),
]
_PREFIX = re.compile(r"(?P<prep>in|during|over|throughout|from|between|by|within|until|till|before|since)"
                     r"(?:\s+at\s+least)?\s+", _I)
_CONNECTOR = re.compile(r"\s*[–—-]\s*|\s+(?P<word>and|to|until|till|through)\s+", _I)
_MONTH_ALONE = re.compile(rf"(?P<mon>{_MONTH})", _I)
_WORD_START = re.compile(r"(?<!\w)\w")
_NON_SPACE = re.compile(r"\S")
_FUTURE_WORDS = re.compile(r"\b(?:will|shall|plan(?:s|ned)?|aims?|intends?|expects?|to\s+be|going\s+to)\b", _I)
_PAST_WORDS = re.compile(r"\b(?:was|were|has|have|had|did|already|previously|ago)\b", _I)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line, or ';' clause) around text[start:end]."""
    low, high = max(0, start - _WINDOW), min(len(text), end + _WINDOW)  # bounded: linear time overall
    begin = max(low - 1, *(text.rfind(stop, low, start) for stop in ".!?;\n")) + 1
    ends = [i for i in (text.find(stop, end, high) for stop in ".!?;\n") if i >= 0]
    return text[begin:min(ends, default=high)]


_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'’”)]*(?:\s|$))|\n")


def sentence_of(text: str, start: int, end: int) -> str:
    """The whole sentence around text[start:end], as a reader quotes it: from the end of the sentence
    or line before to the end of its own (its closing punctuation kept), a list item's "- " left
    out; at most a few hundred characters either side."""
    low, high = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    ends = [m for m in _SENTENCE_END.finditer(text, low, high)
            if m[0] == "\n" or not ends_with_abbreviation(text[:m.end()])]  # "Dr. Smith" goes on
    begin = max((m.end() for m in ends if m.end() <= start), default=low)
    after = next((m for m in ends if m.start() >= end), None)
    finish = (after.end() if after[0] != "\n" else after.start()) if after else high
    return text[begin:finish].strip().removeprefix("- ").strip()


def _past_wording(sentence: str) -> bool:
    return not _FUTURE_WORDS.search(sentence) and bool(_PAST_WORDS.search(sentence))


def _point_at(text: str, pos: int, published: dt.date) -> tuple[int, _Point] | None:
    """The longest date expression starting at ``pos`` (the earlier pattern on a tie)."""
    best: tuple[int, _Point] | None = None
    for pattern, resolve in _POINTS:
        m = pattern.match(text, pos)
        if m and (best is None or m.end() > best[0]) and (point := resolve(m, published)):
            best = (m.end(), point)
    return best


def _range_after(text: str, pos: int, prep: str | None, a: tuple[int, _Point] | None,
                 published: dt.date) -> tuple[int, _Point] | None:
    """"X – Y", "X to Y", "X and Y" at ``pos``; in "January to March 2015" January takes March's year."""
    month = 0
    if a:
        if a[1].kind not in ("abs", "year"):
            return None
        a_end = a[0]
    elif alone := _MONTH_ALONE.match(text, pos):
        a_end, month = alone.end(), _MONTHS[alone["mon"][:3].lower()]
    else:
        return None
    conn = _CONNECTOR.match(text, a_end)
    b = _point_at(text, conn.end(), published) if conn else None
    if not conn or not b or b[1].kind not in ("abs", "year"):
        return None
    end, later = b
    if a:
        first, kind = a[1].first, "year" if "year" in (a[1].kind, later.kind) else "abs"
        if (conn["word"] or "").lower() == "and" and prep != "between" and later.first != a[1].last + _DAY:
            return None  # "March 2015 and June 2015": two dates, not a range
    elif (later.first.day, later.last) == (1, _span(later.first.year, later.first.month, 1).last):
        first, kind = dt.date(later.first.year - (month > later.first.month), month, 1), later.kind
    else:
        return None
    return (end, _Point(first, later.last, kind)) if first < later.first and first <= later.last else None


def _parse_at(text: str, pos: int, published: dt.date) -> tuple[int, dt.date, dt.date] | None:
    prefix = _PREFIX.match(text, pos)
    prep = prefix["prep"].lower() if prefix else None
    after = prefix.end() if prefix else pos
    point = _point_at(text, after, published)
    found = _range_after(text, after, prep, point, published) or point
    if not found:
        return None
    end, (first, last, kind) = found
    whole = not _NON_SPACE.search(text, 0, pos) and not _NON_SPACE.search(text, end)  # the whole cell: a timescale
    if (kind in ("year", "season") and not prep and not whole) or (kind == "count" and prep != "within"):
        return None
    if prep in ("by", "until", "till", "within"):
        first = published if published <= last else first
    elif prep == "before":
        last = first - _DAY
        first = min(published, last)
    elif prep == "since" and first < published:
        last = published - _DAY
    return (end, first, last) if first <= last else None


#: Every date expression holds one of these (a filter, so it may match more); a phrase begins at
#: most ``_REACH`` characters before its first ("until at least the end of the first half of
#: 2015"), so only the words that close before one are tried. A filter only: the patterns above
#: decide.
_TOKEN = re.compile(r"\b(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spr|sum|aut|win|wee|mon|yea)"
                    r"[a-z]*)", _I)  # a digit, or a word opening as a month, season or unit does
_REACH = 64


def _candidates(text: str) -> Iterator[int]:
    """Word starts in ``text`` that can begin a date phrase, in order, each once."""
    scanned = 0
    for token in _TOKEN.finditer(text):
        for word in _WORD_START.finditer(text, max(scanned, token.start() - _REACH), token.start() + 1):
            yield word.start()
        scanned = max(scanned, token.start() + 1)


def find_date_phrases(text: str, published: dt.date) -> list[DatePhrase]:
    """Every date phrase in ``text``, in order, not overlapping, with its range and tense."""
    found: list[DatePhrase] = []
    pos = 0
    for candidate in _candidates(text):
        if candidate < pos:
            continue  # inside the phrase found last
        parsed = _parse_at(text, candidate, published)
        if parsed is None:
            continue
        end, first, last = parsed
        start = candidate
        if last < published:
            tense: Literal["future", "past"] = "past"
        elif first >= published:
            tense = "future"
        else:
            tense = "past" if _past_wording(_sentence(text, start, end)) else "future"
        found.append(DatePhrase(text[start:end], start, end, first, last, tense))
        pos = end
    return found
