"""Re-paginating the HQIP report leaves its recommendations unchanged."""

from __future__ import annotations

import codecs

import pytest

from extract import parse_bytes, parse_text
from helpers import warnings
from repaginate import Export, split_fragment
from schema import Report

KEYS = ("recommendation", "target_audience", "action_taken", "next_steps")
NEXT_STEPS, RECOMMENDATION, ACTION_TAKEN = 4, 1, 3


def essence(report: Report) -> list[dict[str, object]]:
    """What a re-pagination must not change: every cell's content, not where it stood."""
    return [
        {
            "number": rec.number,
            "audiences": rec.audiences,
            **{
                key: rec.model_dump(include={key: {"text", "blocks", "references", "inherited_from"}})[key]
                for key in KEYS
            },
        }
        for rec in report.recommendations
    ]


def messages(report: Report) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in warnings(report)]


@pytest.fixture
def export(hqip_text: str) -> Export:
    return Export.read(hqip_text)


def test_rendering_unchanged_gives_the_same_report_lines_and_pages_included(export: Export, hqip: Report) -> None:
    assert len(export.breaks) == 9
    report = parse_text(export.render(), name=hqip.source.file)
    assert report.model_dump(exclude={"source"}) == hqip.model_dump(exclude={"source"})


def test_one_row_per_page(export: Export, hqip: Report) -> None:
    report = parse_text(export.render(list(range(1, len(export.rows)))), name="x.txt")
    assert essence(report) == essence(hqip)
    assert messages(report) == messages(hqip)
    assert report.source.page_count == len(export.rows)


def test_only_the_page_breaks_that_split_rows(export: Export, hqip: Report) -> None:
    report = parse_text(export.render(export.continuation_indices()), name="x.txt")
    assert essence(report) == essence(hqip)
    assert report.source.page_count == 4
    assert [r.pages for r in report.recommendations if r.number in (9, 10, 19)] == [[1, 2], [2, 3], [3, 4]]


def test_page_breaks_moved_by_one_row(export: Export, hqip: Report) -> None:
    continuations = set(export.continuation_indices())
    moved = sorted({b if b in continuations else b + 1 for b in export.breaks} - {len(export.rows)})
    assert moved != export.breaks
    assert essence(parse_text(export.render(moved), name="x.txt")) == essence(hqip)


def test_repeated_headers_dropped(export: Export, hqip: Report) -> None:
    report = parse_text(export.render(headers=False), name="x.txt")
    assert essence(report) == essence(hqip)
    assert [r.pages for r in report.recommendations] == [r.pages for r in hqip.recommendations]


def test_crlf_with_byte_order_mark(export: Export, hqip: Report) -> None:
    data = codecs.BOM_UTF8 + export.render(newline="\r\n").encode("utf-8")
    report = parse_bytes(data, name="x.txt")
    assert essence(report) == essence(hqip)
    assert report.source.encoding == "utf-8-sig"


def test_cell_split_mid_sentence_across_two_pages(export: Export, hqip: Report) -> None:
    export.split(5, NEXT_STEPS, "their use of national audit data")
    export.split(18, ACTION_TAKEN, "resonate with local")
    report = parse_text(export.render(), name="x.txt")
    assert essence(report) == essence(hqip)
    five = next(r for r in report.recommendations if r.number == 5)
    assert five.pages == [3, 4]
    assert [p.join.value for p in five.next_steps.provenance] == ["start", "carried_sentence"]


def test_cell_split_across_three_pages(export: Export, hqip: Report) -> None:
    export.split(5, NEXT_STEPS, "participation in national audit")
    export.split(5, NEXT_STEPS, "<p>We aim to undertake")
    export.split(5, NEXT_STEPS, "across the National Clinical Audit and Patient")
    report = parse_text(export.render(), name="x.txt")
    assert essence(report) == essence(hqip)
    five = next(r for r in report.recommendations if r.number == 5)
    assert five.pages == [3, 4, 5, 6]
    assert [p.join.value for p in five.next_steps.provenance] == [
        "start", "carried_sentence", "new_block", "carried_sentence"
    ]


def test_split_inside_a_list_item(export: Export, hqip: Report) -> None:
    export.split(13, RECOMMENDATION, "with clinical leads, commissioners")
    report = parse_text(export.render(), name="x.txt")
    assert essence(report) == essence(hqip)
    thirteen = next(r for r in report.recommendations if r.number == 13)
    assert [p.join.value for p in thirteen.recommendation.provenance] == ["start", "carried_list_item"]


def test_split_between_list_items(export: Export, hqip: Report) -> None:
    export.split(13, RECOMMENDATION, "<li>• the role of national")
    report = parse_text(export.render(), name="x.txt")
    assert essence(report) == essence(hqip)
    thirteen = next(r for r in report.recommendations if r.number == 13)
    assert [p.join.value for p in thirteen.recommendation.provenance] == ["start", "continued_list"]


def test_split_a_row_the_report_already_splits_again(export: Export, hqip: Report) -> None:
    export.split(9, NEXT_STEPS, "networks and events.")
    export.split(10, ACTION_TAKEN, "to audit providers on enabling")
    report = parse_text(export.render(), name="x.txt")
    assert essence(report) == essence(hqip)


def test_split_fragment_closes_and_reopens_tags() -> None:
    assert split_fragment("<p>One <i>two three</i></p>", "three") == ("<p>One <i>two</i></p>", "<p><i>three</i></p>")
    assert split_fragment("<ul><li>a b</li></ul>", "b") == ("<ul><li>a</li></ul>", "b</li></ul>")
    assert split_fragment("<ul><li>a</li><li>b</li></ul>", "<li>b") == ("<ul><li>a</li></ul>", "<ul><li>b</li></ul>")
