"""The title line to what it says: who responded, to which report, published when.

"Summary of HQIP responses to 'Engaging Clinicians ... Audit report (published 8 Oct 2014)"
-> responder "HQIP", title "Engaging Clinicians ... Audit", published 2014-10-08.
"X's response to 'Y' (published D)" and "Response to the Y report, Month YYYY" are
read the same way (a date without a day leaves ``published`` empty).
A title of another shape keeps the title alone and leaves the rest empty.
"""

from __future__ import annotations

import datetime as dt
import re

from schema import ReportInfo

_RESPONSE_TITLE = re.compile(
    r"(?:summary\s+of\s+)?(?:the\s+)?(?P<responder>\S.*?)(?:['’]s)?\s+responses?\s+to\s+(?:the\s+)?"
    r"[‘'\"“]?(?P<title>\S.*?)[’'\"”]?(?:\s+report)?[’'\"”]?\s*"
    r"\((?:published\s+)?(?P<date>[^()]*)\)",
    re.IGNORECASE,
)
# "Response to the Y report, July 2019", "NHS England's response to the Y report, 3 July 2019"
_RESPONSE_COMMA_DATE = re.compile(
    r"(?:summary\s+of\s+)?(?:(?:the\s+)?(?P<responder>\S.*?)(?:['’]s)?\s+)?responses?\s+to\s+(?:the\s+)?"
    r"[‘'\"“]?(?P<title>\S.*?)[’'\"”]?(?:\s+report)?[’'\"”]?,\s*(?P<date>[^()]*[0-9]{4})\.?",
    re.IGNORECASE,
)
_MAX_TITLE = 400  # longer lines are kept whole but not taken apart (the patterns backtrack on long text)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """A full date written as "8 Oct 2014", "October 8, 2014" or "2014-10-08"; else None."""
    text = text.strip()
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_MONTH_YEAR.fullmatch(text):
            day, month, year = match[1], match[2], match[3]
        elif match := _MONTH_DAY_YEAR.fullmatch(text):
            month, day, year = match[1], match[2], match[3]
        else:
            return None
        month_number = _MONTHS.get(month.casefold())
        return dt.date(int(year), month_number, int(day)) if month_number else None
    except ValueError:
        return None


def parse_title(title: str | None) -> ReportInfo:
    if not title or len(title) > _MAX_TITLE:
        return ReportInfo()
    match = _RESPONSE_TITLE.fullmatch(title.strip()) or _RESPONSE_COMMA_DATE.fullmatch(title.strip())
    if not match:
        return ReportInfo()
    return ReportInfo(
        responder=match["responder"].strip() if match["responder"] else None,
        title=match["title"].strip(),
        published=parse_date(match["date"]),
    )
