"""Time-bound commitments: date phrases in cell text, their ranges and tense."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import extract.analyze.commitments
from extract import commitments_to_csv, parse_text
from extract.analyze.commitments import DatePhrase, add_months, find_date_phrases
from extract.outputs.tables import COMMITMENT_COLUMNS
from helpers import SAMPLES, codes, parse_rows, table
from schema import Report

HQIP_PUBLISHED = dt.date(2014, 10, 8)
HQIP_PATH = SAMPLES / "hqip-engaging-clinicians-2014.txt"
Found = list[tuple[str, str, str, str]]  # (phrase, first, last, tense), dates in ISO


def found(text: str, published: dt.date = HQIP_PUBLISHED) -> Found:
    return [(p.phrase, p.first.isoformat(), p.last.isoformat(), p.tense) for p in find_date_phrases(text, published)]


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def cells(report: dict[str, Any], fields: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    """(id, field, text) of each cell; every field but the recommendation when ``fields`` is None."""
    return [
        (item["id"], field, cell["text"])
        for table in report["tables"]
        for item in table["rows"]
        for field, cell in item.items()
        if isinstance(cell, dict) and "text" in cell and (field in fields if fields else field != "recommendation")
    ]


def test_docstring_example() -> None:
    result = doctest.testmod(extract.analyze.commitments)
    assert result.attempted > 0
    assert result.failed == 0


# --- The phrases the issue names, in their sentences from the HQIP report (published 2014-10-08) ---

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The new HQIP website launching early 2015 will be modelled to improve clarity",
         [("early 2015", "2015-01-01", "2015-04-30", "future")]),
        ("2015/16", [("2015/16", "2015-04-01", "2016-03-31", "future")]),
        ("a review of best practice across the Programme in 2015/16 to improve our understanding",
         [("in 2015/16", "2015-04-01", "2016-03-31", "future")]),
        ("HQIP is providing Root Cause Analysis training for clinicians in 2014/15",
         [("in 2014/15", "2014-04-01", "2015-03-31", "future")]),
        ("A feasibility study into the provision of QI training will be undertaken in 2014/15.",
         [("in 2014/15", "2014-04-01", "2015-03-31", "future")]),
        ("December 2014 and January 2015", [("December 2014 and January 2015", "2014-12-01", "2015-01-31", "future")]),
        ("Regional training for clinicians will take place over December 2014 and January 2015 HQIP will develop",
         [("over December 2014 and January 2015", "2014-12-01", "2015-01-31", "future")]),
        ("which has been completed by all National Clinical Audits and will publish in December 2014.",
         [("in December 2014", "2014-12-01", "2014-12-31", "future")]),
        ("In the next 12 months, HQIP plans to develop activities",
         [("In the next 12 months", "2014-10-08", "2015-10-08", "future")]),
        ("We will be working with NHS England over the next 6 – 12 months to develop and agree",
         [("over the next 6 – 12 months", "2014-10-08", "2015-10-08", "future")]),
        ("Workshops on achieving local improvement were successfully delivered earlier this year.",
         [("earlier this year", "2014-01-01", "2014-10-07", "past")]),
        ("We will develop a Reporting for Impact guidance document. This will complete in early 2015.",
         [("in early 2015", "2015-01-01", "2015-04-30", "future")]),
    ],
)
def test_issue_phrases(text: str, expected: Found) -> None:
    assert found(text) == expected


# --- The general rules, at publication 2014-10-08 ---

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # months, days, month ranges
        ("Dec 2014", [("Dec 2014", "2014-12-01", "2014-12-31", "future")]),
        ("due Sept 2015", [("Sept 2015", "2015-09-01", "2015-09-30", "future")]),
        ("due Sept. 2015", [("Sept. 2015", "2015-09-01", "2015-09-30", "future")]),
        ("in February 2016", [("in February 2016", "2016-02-01", "2016-02-29", "future")]),
        ("by the end of March 2015", [("by the end of March 2015", "2014-10-08", "2015-03-31", "future")]),
        ("by 31 March 2015", [("by 31 March 2015", "2014-10-08", "2015-03-31", "future")]),
        ("between December 2014 and March 2015",
         [("between December 2014 and March 2015", "2014-12-01", "2015-03-31", "future")]),
        ("from January to March 2015", [("from January to March 2015", "2015-01-01", "2015-03-31", "future")]),
        ("November to February 2015", [("November to February 2015", "2014-11-01", "2015-02-28", "future")]),
        ("December 2014 – February 2015",
         [("December 2014 – February 2015", "2014-12-01", "2015-02-28", "future")]),
        ("December 2014-January 2015", [("December 2014-January 2015", "2014-12-01", "2015-01-31", "future")]),
        ("in March 2015 and June 2015", [("in March 2015", "2015-03-01", "2015-03-31", "future"),
                                         ("June 2015", "2015-06-01", "2015-06-30", "future")]),
        ("In May 2015 we", [("In May 2015", "2015-05-01", "2015-05-31", "future")]),
        # parts of a year, seasons, halves, quarters
        ("mid 2015", [("mid 2015", "2015-05-01", "2015-08-31", "future")]),
        ("by mid-2015", [("by mid-2015", "2014-10-08", "2015-08-31", "future")]),
        ("late 2015", [("late 2015", "2015-09-01", "2015-12-31", "future")]),
        ("at the end of 2015", [("the end of 2015", "2015-09-01", "2015-12-31", "future")]),
        ("by the end of 2015", [("by the end of 2015", "2014-10-08", "2015-12-31", "future")]),
        ("early next year", [("early next year", "2015-01-01", "2015-04-30", "future")]),
        ("by the end of the year", [("by the end of the year", "2014-10-08", "2014-12-31", "future")]),
        ("spring 2015", [("spring 2015", "2015-03-01", "2015-05-31", "future")]),
        ("summer 2015", [("summer 2015", "2015-06-01", "2015-08-31", "future")]),
        ("autumn 2015", [("autumn 2015", "2015-09-01", "2015-11-30", "future")]),
        ("winter 2015", [("winter 2015", "2015-12-01", "2016-02-29", "future")]),
        ("winter 2015/16", [("winter 2015/16", "2015-12-01", "2016-02-29", "future")]),
        ("will report in the spring", [("in the spring", "2015-03-01", "2015-05-31", "future")]),
        ("will report in the autumn", [("in the autumn", "2014-09-01", "2014-11-30", "future")]),
        ("a pilot was run in the summer", [("in the summer", "2014-06-01", "2014-08-31", "past")]),
        ("the first half of 2015", [("the first half of 2015", "2015-01-01", "2015-06-30", "future")]),
        ("in the second half of 2015", [("in the second half of 2015", "2015-07-01", "2015-12-31", "future")]),
        ("Q1 2015", [("Q1 2015", "2015-01-01", "2015-03-31", "future")]),
        ("Q4 2015/16", [("Q4 2015/16", "2016-01-01", "2016-03-31", "future")]),
        # years and financial years
        ("in 2015", [("in 2015", "2015-01-01", "2015-12-31", "future")]),
        ("by 2016", [("by 2016", "2014-10-08", "2016-12-31", "future")]),
        ("2016", [("2016", "2016-01-01", "2016-12-31", "future")]),  # a timescale cell
        ("between 2015 and 2016", [("between 2015 and 2016", "2015-01-01", "2016-12-31", "future")]),
        ("2015-16", [("2015-16", "2015-04-01", "2016-03-31", "future")]),
        ("2015/2016", [("2015/2016", "2015-04-01", "2016-03-31", "future")]),
        ("FY2015/16", [("FY2015/16", "2015-04-01", "2016-03-31", "future")]),
        ("from 2014/15 to 2016/17", [("from 2014/15 to 2016/17", "2014-04-01", "2017-03-31", "future")]),
        ("1999/00", [("1999/00", "1999-04-01", "2000-03-31", "past")]),
        # relative to publication
        ("within 3 months", [("within 3 months", "2014-10-08", "2015-01-08", "future")]),
        ("Within 12 months", [("Within 12 months", "2014-10-08", "2015-10-08", "future")]),
        ("within a year", [("within a year", "2014-10-08", "2015-10-08", "future")]),
        ("within the next six weeks", [("within the next six weeks", "2014-10-08", "2014-11-19", "future")]),
        ("over the next two years", [("over the next two years", "2014-10-08", "2016-10-08", "future")]),
        ("over the last 12 months", [("over the last 12 months", "2013-10-08", "2014-10-07", "past")]),
        ("next year", [("next year", "2015-01-01", "2015-12-31", "future")]),
        ("this year", [("this year", "2014-10-08", "2014-12-31", "future")]),
        ("later this year", [("later this year", "2014-10-08", "2014-12-31", "future")]),
        ("last year", [("last year", "2013-01-01", "2013-12-31", "past")]),
        ("this financial year", [("this financial year", "2014-10-08", "2015-03-31", "future")]),
        ("Two workshops were held this year.", [("this year", "2014-01-01", "2014-10-07", "past")]),
        ("the audit has run this financial year", [("this financial year", "2014-04-01", "2014-10-07", "past")]),
        ("last financial year", [("last financial year", "2013-04-01", "2014-03-31", "past")]),
        ("in the next financial year", [("in the next financial year", "2015-04-01", "2016-03-31", "future")]),
        # prepositions
        ("before April 2015", [("before April 2015", "2014-10-08", "2015-03-31", "future")]),
        ("in place since June 2013", [("since June 2013", "2013-06-01", "2014-10-07", "past")]),
        ("until at least March 2015", [("until at least March 2015", "2014-10-08", "2015-03-31", "future")]),
        ("available from early 2015", [("from early 2015", "2015-01-01", "2015-04-30", "future")]),
        ("was published in September 2014", [("in September 2014", "2014-09-01", "2014-09-30", "past")]),
    ],
)
def test_rules(text: str, expected: Found) -> None:
    assert found(text) == expected


# --- A range straddling publication: its sentence's wording decides the tense ---

@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("HQIP is providing training in 2014/15", "future"),  # no past wording: part of it is to come
        ("Training will be delivered in 2014/15", "future"),
        ("Training was delivered in 2014/15.", "past"),
        ("We have delivered training in 2014/15", "past"),
        ("We have started and will continue in 2014/15", "future"),  # future wording wins
        ("Training was delivered last spring. More will run in 2014/15.", "future"),  # its own sentence only
        ("The audit ran in 2014", "future"),
        ("The audit was run in 2014", "past"),
    ],
)
def test_straddling_tense(text: str, tense: str) -> None:
    (phrase,) = find_date_phrases(text, HQIP_PUBLISHED)
    assert phrase.first < HQIP_PUBLISHED <= phrase.last
    assert phrase.tense == tense


# --- Near misses: no date phrase at all ---

@pytest.mark.parametrize(
    "text",
    [
        "the programme for the HQIP Annual 2-day conference",
        "HQIP commissions four Clinical Outcome Review Programmes",
        "calls to NHS 111",
        "See response to item 12.",
        "As set out in recommendation 3.1",
        "services available 24/7",
        "1/2 of trusts",
        "in 2015/17",  # not consecutive years: not a financial year
        "2014/2016",
        "in 1850",
        "in 2100",
        "within 10 minutes",
        "completion within 24 hours will be reported monthly",
        "flags patients for discharge the next day",
        "Champions will meet twice a year",
        "funded for 12 months",
        "the 2015 results",
        "Strategy 2015 – 2017 sets out",
        "the autumn conference",  # a season without a year counts only after a preposition
        "trusts may 2015 figures show",  # lower-case "may" is not the month
        "Compliance was 78% and our target is 95%",
        "a quarterly seminar programme and an annual conference",
        "This will continue to be a priority for the future.",
        "Until then, weekend discharges will be reviewed each Monday",
        "We will fund training in the first year.",
        "£2015 was spent",
    ],
)
def test_near_misses(text: str) -> None:
    assert find_date_phrases(text, HQIP_PUBLISHED) == []


# --- Month arithmetic clamps the day ---

@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2015, 1, 31), 1, dt.date(2015, 2, 28)),
        (dt.date(2016, 1, 31), 1, dt.date(2016, 2, 29)),
        (dt.date(2014, 10, 31), 4, dt.date(2015, 2, 28)),
        (dt.date(2015, 3, 31), -1, dt.date(2015, 2, 28)),
        (dt.date(2014, 10, 8), 12, dt.date(2015, 10, 8)),
        (dt.date(2014, 12, 15), 1, dt.date(2015, 1, 15)),
    ],
)
def test_add_months_clamps(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_relative_ranges_clamp() -> None:
    assert found("within 1 month", dt.date(2015, 1, 31)) == [("within 1 month", "2015-01-31", "2015-02-28", "future")]
    assert found("over the past 3 months", dt.date(2015, 5, 31)) == [
        ("over the past 3 months", "2015-02-28", "2015-05-30", "past")]


# --- The HQIP report: every action_taken and next_steps cell, phrases read from the text by hand ---

HQIP_EXPECTED: dict[tuple[str, str], Found] = {
    ("2", "next_steps"): [("over the next 6 – 12 months", "2014-10-08", "2015-10-08", "future")],
    ("3", "next_steps"): [("In the next 12 months", "2014-10-08", "2015-10-08", "future"),
                          ("early 2015", "2015-01-01", "2015-04-30", "future")],
    ("5", "next_steps"): [("in December 2014", "2014-12-01", "2014-12-31", "future"),
                          ("in 2015/16", "2015-04-01", "2016-03-31", "future")],
    ("6", "next_steps"): [("in early 2015", "2015-01-01", "2015-04-30", "future")],
    ("10", "action_taken"): [("in 2014/15", "2014-04-01", "2015-03-31", "future")],
    ("14", "next_steps"): [("over December 2014 and January 2015", "2014-12-01", "2015-01-31", "future")],
    ("15", "next_steps"): [("over December 2014 and January 2015", "2014-12-01", "2015-01-31", "future")],
    ("16", "action_taken"): [("earlier this year", "2014-01-01", "2014-10-07", "past")],
    ("16", "next_steps"): [("In 2015/16", "2015-04-01", "2016-03-31", "future")],
    ("18", "next_steps"): [("in 2014/15", "2014-04-01", "2015-03-31", "future")],
}
HQIP = load("hqip-engaging-clinicians-2014")
HQIP_CELLS = cells(HQIP, ("action_taken", "next_steps"))


def test_hqip_sample_is_the_one_read() -> None:
    assert HQIP["report"]["published"] == HQIP_PUBLISHED.isoformat()
    assert len(HQIP_CELLS) == 40
    assert set(HQIP_EXPECTED) <= {(item, field) for item, field, _ in HQIP_CELLS}


@pytest.mark.parametrize(("item", "field", "text"), HQIP_CELLS, ids=[f"{i}-{f}" for i, f, _ in HQIP_CELLS])
def test_hqip_cells(item: str, field: str, text: str) -> None:
    assert found(text) == HQIP_EXPECTED.get((item, field), [])


# --- The other samples: every cell but the recommendation ---

OTHER_EXPECTED: dict[str, dict[tuple[str, str], Found]] = {
    "dh-safer-maternity-care-2016": {  # published 2016-11-14
        ("R1", "response"): [("by March 2017", "2016-11-14", "2017-03-31", "future")],
        ("R2", "response"): [("from early 2018", "2018-01-01", "2018-04-30", "future")],
        ("R3", "response"): [("by the end of 2018", "2016-11-14", "2018-12-31", "future")],
        ("R4", "response"): [("in 2017/18", "2017-04-01", "2018-03-31", "future"),
                             ("in January 2017", "2017-01-01", "2017-01-31", "future")],
    },
    "nhs-workforce-burnout-2021": {  # published 2021-06-08
        ("1.1", "timescale"): [("Within 12 months", "2021-06-08", "2022-06-08", "future")],
        ("1.1", "progress_update"): [("in 2022", "2022-01-01", "2022-12-31", "future")],
        ("1.2", "timescale"): [("2022", "2022-01-01", "2022-12-31", "future")],
        ("2.1", "progress_update"): [("until at least March 2022", "2021-06-08", "2022-03-31", "future"),
                                     ("in the autumn", "2021-09-01", "2021-11-30", "future")],
        ("2.2", "timescale"): [("Within 6 months", "2021-06-08", "2021-12-08", "future")],
    },
    "trust-discharge-audit-2020": {  # published 2020-03-02
        ("6", "response"): [("from April 2020", "2020-04-01", "2020-04-30", "future")],
        ("5", "response"): [("in January 2020", "2020-01-01", "2020-01-31", "past"),
                            ("by June 2020", "2020-03-02", "2020-06-30", "future")],
        ("4", "response"): [("in January 2020", "2020-01-01", "2020-01-31", "past"),
                            ("by June 2020", "2020-03-02", "2020-06-30", "future")],
        ("3", "response"): [("since November 2019", "2019-11-01", "2020-03-01", "past")],
        ("1", "response"): [("in May 2020", "2020-05-01", "2020-05-31", "future")],
    },
}


@pytest.mark.parametrize("name", sorted(OTHER_EXPECTED))
def test_other_samples(name: str) -> None:
    report = load(name)
    published = dt.date.fromisoformat(report["report"]["published"])
    got = {(item, field): found(text, published) for item, field, text in cells(report)}
    assert set(OTHER_EXPECTED[name]) <= set(got)
    assert {key: value for key, value in got.items() if value} == OTHER_EXPECTED[name]


# --- Offsets, order and determinism over every sample cell ---

def all_cells() -> list[tuple[str, dt.date]]:
    texts = []
    for path in sorted(SAMPLES.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(report["report"]["published"])
        texts += [(text, published) for _, _, text in cells(report, None)]
    return texts


def test_offsets_round_trip_and_order() -> None:
    phrases = 0
    for text, published in all_cells():
        result = find_date_phrases(text, published)
        for phrase in result:
            assert text[phrase.start:phrase.end] == phrase.phrase
            assert phrase.first <= phrase.last
        assert all(a.end <= b.start for a, b in zip(result, result[1:]))
        phrases += len(result)
    assert phrases > 20


def test_deterministic() -> None:
    texts = all_cells()
    forward: list[list[DatePhrase]] = [find_date_phrases(text, published) for text, published in texts]
    backward = [find_date_phrases(text, published) for text, published in reversed(texts)]
    assert forward == backward[::-1]
    source = (SAMPLES / "hqip-engaging-clinicians-2014.txt").read_text(encoding="utf-8")
    assert find_date_phrases(source, HQIP_PUBLISHED) == find_date_phrases(source, HQIP_PUBLISHED)


# --- In the report: Report.commitments, its checks, and the commitments CSV ----------------------

HQIP_COMMITMENTS = [  # (id, field, phrase, start, end, tense, inherited_from), read off the source
    ("2", "next_steps", "over the next 6 – 12 months", "2014-10-08", "2015-10-08", "future", None),
    ("3", "next_steps", "In the next 12 months", "2014-10-08", "2015-10-08", "future", None),
    ("3", "next_steps", "early 2015", "2015-01-01", "2015-04-30", "future", None),
    ("5", "next_steps", "in December 2014", "2014-12-01", "2014-12-31", "future", None),
    ("5", "next_steps", "in 2015/16", "2015-04-01", "2016-03-31", "future", None),
    ("6", "next_steps", "in early 2015", "2015-01-01", "2015-04-30", "future", None),
    ("10", "action_taken", "in 2014/15", "2014-04-01", "2015-03-31", "future", None),
    ("14", "next_steps", "over December 2014 and January 2015", "2014-12-01", "2015-01-31", "future", None),
    ("15", "next_steps", "over December 2014 and January 2015", "2014-12-01", "2015-01-31", "future", 14),
    ("16", "action_taken", "earlier this year", "2014-01-01", "2014-10-07", "past", None),
    ("16", "next_steps", "In 2015/16", "2015-04-01", "2016-03-31", "future", None),
    ("18", "next_steps", "in 2014/15", "2014-04-01", "2015-03-31", "future", None),
]


def test_report_commitments_of_the_hqip_sample(hqip: Report) -> None:
    got = [(c.id, c.field, c.phrase, c.start.isoformat(), c.end.isoformat(), c.tense, c.inherited_from)
           for c in hqip.commitments]
    assert got == HQIP_COMMITMENTS
    for commitment in hqip.commitments:
        row = next(rec for rec in hqip.recommendations if rec.id == commitment.id)
        assert commitment.item == row.number
        text = row.cells()[commitment.field].text
        assert text[commitment.offset:].startswith(commitment.phrase)


def test_the_recommendation_and_audience_columns_are_not_searched() -> None:
    report = parse_rows("1|Publish by March 2015.|Trusts in 2015|Done in January 2015.|Next in 2015/16.")
    assert [(c.field, c.phrase) for c in report.commitments] == [
        ("action_taken", "in January 2015"), ("next_steps", "in 2015/16")]


def test_without_a_publication_date_no_dates_are_read() -> None:
    report = parse_text(table("1|A.|Trusts|Done.|Next in 2015/16.", title="**Summary of responses**"), name="x.txt")
    assert report.commitments == []
    assert "no-commitments" in codes(report)


def test_a_commitment_must_point_at_its_phrase(hqip: Report) -> None:
    data = json.loads(hqip.to_json())
    data["commitments"][0]["offset"] += 1
    with pytest.raises(ValidationError, match="is not at offset"):
        Report.model_validate(data)
    data = json.loads(hqip.to_json())
    data["commitments"][0]["id"] = "99"
    with pytest.raises(ValidationError, match="names item '99', but table 0 row 1 is item '2'"):
        Report.model_validate(data)
    data = json.loads(hqip.to_json())
    data["commitments"][0]["field"] = "surprise"
    with pytest.raises(ValidationError, match="field 'surprise', which is not in the table"):
        Report.model_validate(data)
    data = json.loads(hqip.to_json())
    data["commitments"][0]["end"] = "2000-01-01"
    with pytest.raises(ValidationError, match="before start"):
        Report.model_validate(data)


def test_commitments_csv(hqip: Report) -> None:
    text = commitments_to_csv(hqip)
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert records[0] == list(COMMITMENT_COLUMNS)
    # the report's fields, table, row, then the item and the rest
    assert {tuple(record[:5]) for record in records[1:]} == {(
        hqip.source.file, hqip.source.sha256, "HQIP", hqip.report.title, "2014-10-08")}
    assert [tuple(record[8:]) for record in records[1:]] == [
        tuple("" if value is None else str(value) for value in row) for row in HQIP_COMMITMENTS]
    assert [record[7] for record in records[1:]] == [row[0] for row in HQIP_COMMITMENTS]  # item numbers
    assert all(hqip.tables[int(r[5])].rows[int(r[6])].id == r[8] for r in records[1:])


def test_as_of_a_date_each_commitment_is_due_or_upcoming_with_its_sentence(tmp_path: Path, hqip: Report) -> None:
    from extract.cli import main

    target = tmp_path / "due.commitments.csv"
    assert main(["-q", str(HQIP_PATH), "-o", str(target), "--as-of", "2015-06-30"]) == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert [(r["phrase"], r["end"], r["due"]) for r in records] == [
        (c.phrase, c.end.isoformat(), "due" if c.end.isoformat() < "2015-06-30" else "upcoming")
        for c in hqip.commitments]
    assert {r["due"] for r in records} == {"due", "upcoming"}
    for record in records:  # the whole sentence the phrase stands in, from the cell's text
        cell = hqip.tables[int(record["table"])].rows[int(record["row"])].cells()[record["field"]].text
        assert record["phrase"] in record["sentence"] and record["sentence"] in cell
        end = cell.index(record["sentence"]) + len(record["sentence"])
        assert record["sentence"][-1] in ".!?" or cell[end:end + 1] in ("", "\n")  # a paragraph's end
    first = next(r for r in records if r["phrase"] == "early 2015")
    assert first["sentence"] == ("The new HQIP website launching early 2015 will be modelled to improve clarity and "
                                 "search functions by topic and by audience.")


@pytest.mark.parametrize(("argv", "message"), [
    (["--as-of", "2015-06-30", "--format", "csv"], "--as-of applies to --format commitments, not csv"),
    (["--as-of", "30/06/2015", "--format", "commitments"], "not a date as YYYY-MM-DD: '30/06/2015'"),
])
def test_as_of_is_for_commitments_and_a_date(argv: list[str], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from extract.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["-q", str(HQIP_PATH), *argv])
    assert exited.value.code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize(("text", "phrase", "sentence"), [
    ("Work began in 2014. Dr. Smith will report by March 2017, e.g. to the U.K. board. Then more.", "by March 2017",
     "Dr. Smith will report by March 2017, e.g. to the U.K. board."),
    ("See No. 4 above. The fund opens in April 2016 for bids.", "in April 2016", "The fund opens in April 2016 for bids."),
    ("- The plan is due by June 2015\n- Another item", "by June 2015", "The plan is due by June 2015"),
])
def test_the_sentence_of_a_commitment_runs_past_abbreviations(text: str, phrase: str, sentence: str) -> None:
    from extract.analyze.commitments import sentence_of

    start = text.index(phrase)
    assert sentence_of(text, start, start + len(phrase)) == sentence
