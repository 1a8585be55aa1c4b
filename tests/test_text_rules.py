"""Cross references, audiences and the title line."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import parse_text
from extract.analyze import find_references, parse_date, parse_title, split_audience
from helpers import parse_rows, table, warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See response to item 7.", (7,)),
        ("See the response to item 9", (9,)),
        ("See the response 9", (9,)),
        ("As outlined in our response to recommendation 1 HQIP has developed", (1,)),
        ("See responses to items 7 and 9.", (7, 9)),
        ("see items 7, 8 and 10; also item 7", (7, 8, 10)),
        ("See recommendations 3-5.", (3, 4, 5)),
        ("See item no. 4", (4,)),
        ("over the next 6 – 12 months", ()),
        ("HQIP commissions four Clinical Outcome Review Programmes", ()),
        ("NHS 111 and a 2-day conference in 2014/15", ()),
        ("at an individual data item level", ()),
        ("In item 7, 2015 results", (7,)),
        ("recommendation 5, 10 trusts", (5,)),
        ("See recommendation 2 - 6 months later", (2,)),
        ("see item number 7", (7,)),
        ("See items 3 to 5", (3, 4, 5)),
        ("revisit its decision with respect to recommendation 004/11", ("004/11",)),  # never item 4
    ],
)
def test_find_references(text: str, expected: tuple[int | str, ...]) -> None:
    assert find_references(text) == expected


def test_reference_to_an_item_not_in_the_table_is_a_warning() -> None:
    report = parse_rows("1|One.|A|See response to item 7.|Next.")
    assert report.recommendations[0].action_taken.references == [7]
    assert [(d.code, d.message) for d in warnings(report)] == [
        ("unknown-reference", "item 1: refers to item 7, which is not in the table")
    ]


def test_a_dotted_reference_is_not_the_item_without_its_dot() -> None:
    """Item 1.1 is not item 11: a reference to one, where only the other is in the table, is unknown."""
    rows = [f"{n}|Rec {n}.|A|Done.|Next." for n in range(1, 11)] + ["11|Rec 11.|A|See recommendation 1.1.|Next."]
    report = parse_rows(*rows)
    assert report.recommendations[10].action_taken.references == ["1.1"]
    assert [(d.code, d.message) for d in warnings(report)] == [
        ("unknown-reference", "item 11: refers to item 1.1, which is not in the table")
    ]
    dotted = parse_rows("1.1|Rec.|A|Done.|Next.", "1.2|Rec.|A|See recommendation 1.1.|Next.")
    assert [d.code for d in warnings(dotted)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Commissioners and Suppliers of National Clinical Audit",
         ["Commissioners of National Clinical Audit", "Suppliers of National Clinical Audit"]),
        ("Provider Organisations", ["Provider Organisations"]),
        ("Boards, Managers and Staff of NHS Trusts", ["Boards of NHS Trusts", "Managers of NHS Trusts", "Staff of NHS Trusts"]),
        ("Department of Health and Social Care", ["Department of Health and Social Care"]),
        ("Trusts; CCGs.", ["Trusts", "CCGs"]),
        ("NHS England; CCGs and providers of care", ["NHS England", "CCGs and providers of care"]),
        ("Commissioners and Suppliers Of NCA", ["Commissioners Of NCA", "Suppliers Of NCA"]),
        ("", []),
    ],
)
def test_split_audience(text: str, expected: list[str]) -> None:
    assert split_audience(text) == expected


def test_audiences_come_from_every_paragraph_and_item_without_repeats() -> None:
    report = parse_rows("1|One.|<ul><li>Trusts</li><li>Commissioners and Suppliers of NCA</li><li>Trusts</li></ul>|B|C")
    assert report.recommendations[0].audiences == ["Trusts", "Commissioners of NCA", "Suppliers of NCA"]


def test_hqip_title() -> None:
    info = parse_title(
        "Summary of HQIP responses to ‘Engaging Clinicians in Quality Improvement through "
        "National Clinical Audit report (published 8 Oct 2014)"
    )
    assert (info.responder, info.title, info.published) == (
        "HQIP", "Engaging Clinicians in Quality Improvement through National Clinical Audit", dt.date(2014, 10, 8)
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("NHS England's response to 'Better Births' (published 23 February 2016)",
         ("NHS England", "Better Births", dt.date(2016, 2, 23))),
        ("Response to the Health and Social Care Committee report, 3 July 2019",
         (None, "Health and Social Care Committee", dt.date(2019, 7, 3))),
        ("The Government's response to the Workforce Review report, July 2019",
         ("Government", "Workforce Review", None)),
        ("Response to the CQC report, July 12, 2019.", (None, "CQC", dt.date(2019, 7, 12))),
        ("Summary of responses to the NCEPOD report, 2 May 2019", (None, "NCEPOD", dt.date(2019, 5, 2))),
        ("Trust response to audit findings, actions and owners", (None, None, None)),
        ("a response to " * 3200, (None, None, None)),
    ],
)
def test_common_title_variants(title: str, expected: tuple[object, ...]) -> None:
    info = parse_title(title)
    assert (info.responder, info.title, info.published) == expected


def test_other_titles_keep_nothing_but_the_title() -> None:
    assert parse_title("Annual report 2014").model_dump() == {"responder": None, "title": None, "published": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8 Oct 2014", dt.date(2014, 10, 8)), ("8th October 2014", dt.date(2014, 10, 8)),
     ("October 8, 2014", dt.date(2014, 10, 8)), ("2014-10-08", dt.date(2014, 10, 8)),
     ("31 Sept 2014", None), ("Autumn 2014", None)],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_unreadable_publication_date_is_a_warning() -> None:
    report = parse_text(table("1|One.|A|B|C", title="X's response to 'Y' (published autumn 2014)"), name="x.txt")
    assert (report.report.responder, report.report.title, report.report.published) == ("X", "Y", None)
    assert [d.code for d in warnings(report)] == ["title-date"]
