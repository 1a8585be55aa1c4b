"""Report.resolve: pointers such as "See response to item 9" followed to the cells that answer.

Expected texts are read from the samples' source text, not from the parser's output.
"""

from __future__ import annotations

import pytest

from extract import parse, parse_text
from helpers import HQIP, SAMPLES, parse_rows
from schema import (
    Answer,
    ReferenceCycleError,
    Report,
    Resolution,
    ResolveError,
    Resolver,
    UnknownItemError,
)
from schema.resolve import is_pointer, item_key

# From samples/hqip-engaging-clinicians-2014.txt.
ITEM_7_ACTION = (
    "New NCA contracts now require that audit providers map data items to the relevant standard so that "
    "participants can track the purpose of data collection at an individual data item level.\n\n"
    "All new contracts require that data extracted is always accessible locally and this local availability "
    "should be accompanied by reporting mechanisms which have local utility to support quality improvement."
)
ITEM_9_ACTION = (
    "Regional events for local clinicians are regularly delivered by the audit providers and are highly valued. "
    "Newsletters and peer review processes are also employed by the audits. Examples of action plans are often "
    "collected and disseminated, as are case studies of successful improvement."
)
# Item 9's next steps run from page 4 onto page 5; its fourth paragraph is split by the break.
ITEM_9_NEXT_FIRST = (
    "We will work with NHS England and other partners on the development of QI networks "
    "as part of a national QI strategy"
)
ITEM_9_NEXT_SPLIT = (
    "We will continue to actively support the sharing of best practice through our website, social media, "
    "networks and events."
)
ITEM_14_ACTION_START = "Regional training has been provided for clinical audit support staff and clinicians"
CELLS = ("recommendation", "target_audience", "action_taken", "next_steps")


def chains(resolution: Resolution) -> dict[str, tuple[str, ...]]:
    return {answer.field: answer.chain for answer in resolution.answers}


# A real chain: item 8's action taken is "See response to item 7."; its next steps are empty.
def test_a_pointer_is_followed_to_the_same_cell_of_the_item_it_names(hqip: Report) -> None:
    resolution = hqip.resolve(8)
    assert resolution.item == "8"
    assert chains(resolution) == {
        "recommendation": ("8",), "target_audience": ("8",), "action_taken": ("8", "7"), "next_steps": ("8",),
    }
    assert resolution.chain == ("8", "7")
    assert list(resolution.cells) == list(CELLS)
    assert resolution.cells["action_taken"].text == ITEM_7_ACTION
    assert resolution["action_taken"].item == "7" and resolution["action_taken"].followed
    # Answering cells are the items' own Cell objects, not copies.
    assert resolution.cells["action_taken"] is hqip.recommendations[6].action_taken
    # An empty cell answers itself, with nothing.
    assert resolution.cells["next_steps"].text == "" and not resolution["next_steps"].followed
    assert resolution.cells["recommendation"].text.startswith("Consider ways to provide real-time feedback")


@pytest.mark.parametrize(
    ("item", "action_chain", "next_chain", "next_start"),
    [
        # "See the response to item 9" (no full stop), and with one
        (12, ("12", "9"), ("12", "9"), ITEM_9_NEXT_FIRST),
        # "See response to item 9." in both
        (17, ("17", "9"), ("17", "9"), ITEM_9_NEXT_FIRST),
        # "See the response 9", then next steps of its own
        (19, ("19", "9"), ("19",), "We will explore developing an area of the website"),
    ],
)
def test_pointers_to_item_9(hqip: Report, item: int, action_chain: tuple[str, ...],
                            next_chain: tuple[str, ...], next_start: str) -> None:
    resolution = hqip.resolve(item)
    assert resolution["action_taken"].chain == action_chain
    assert resolution.cells["action_taken"].text == ITEM_9_ACTION
    assert resolution["next_steps"].chain == next_chain
    assert resolution.cells["next_steps"].text.startswith(next_start)
    assert resolution.chain == (str(item), "9")


def test_an_answer_followed_across_a_page_break_keeps_all_of_it(hqip: Report) -> None:
    cell = hqip.resolve(12).cells["next_steps"]
    assert [block.text for block in cell.blocks][0] == ITEM_9_NEXT_FIRST  # type: ignore[union-attr]
    assert ITEM_9_NEXT_SPLIT in cell.text
    assert cell.text.endswith("examples of effective and innovative improvement activities.")
    assert {p.page for p in cell.provenance} == {4, 5}


def test_a_cell_with_text_and_a_reference_answers_itself(hqip: Report) -> None:
    # Item 4: "As outlined in our response to recommendation 1 HQIP has developed a strategy ..."
    answer = hqip.resolve(4)["action_taken"]
    assert answer.chain == ("4",) and not answer.followed
    assert answer.cell.text.startswith("As outlined in our response to recommendation 1 HQIP has developed a strategy")
    assert answer.cell.references == [1]
    assert hqip.resolve(4).chain == ("4",)


def test_inherited_cells_answer_with_the_text_they_repeat(hqip: Report) -> None:
    # Item 15's audience, action and next steps are item 14's vertically merged cells.
    resolution = hqip.resolve(15)
    assert resolution.chain == ("15",)
    assert resolution.cells["recommendation"].inherited_from is None
    for field in ("target_audience", "action_taken", "next_steps"):
        assert resolution[field].chain == ("15",)
        assert resolution.cells[field].inherited_from == 14
    assert resolution.cells["target_audience"].text == "Provider Organisations"
    assert resolution.cells["action_taken"].text.startswith(ITEM_14_ACTION_START)


def test_one_field(hqip: Report) -> None:
    resolution = hqip.resolve(8, "action_taken")
    assert [answer.field for answer in resolution.answers] == ["action_taken"]
    assert resolution.chain == ("8", "7") and resolution.cells["action_taken"].text == ITEM_7_ACTION
    with pytest.raises(ValueError, match="item 8 has no cell 'response'"):
        hqip.resolve(8, "response")
    with pytest.raises(KeyError):
        resolution["next_steps"]


def test_items_are_named_by_number_or_identifier(hqip: Report) -> None:
    assert hqip.resolve("8") == hqip.resolve(8) == hqip.resolve(" 8 ")
    assert isinstance(hqip.resolve(8), Resolution) and isinstance(hqip.resolve(8).answers[0], Answer)
    with pytest.raises(TypeError):
        hqip.resolve(True)


@pytest.mark.parametrize("item", [21, 0, "21", "R4", "eight"])
def test_an_item_not_in_the_report_is_named(hqip: Report, item: int | str) -> None:
    with pytest.raises(UnknownItemError) as caught:
        hqip.resolve(item)
    assert caught.value.item == item and caught.value.referrer is None
    assert str(caught.value) == f"item {item!r} is not in the report"
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ResolveError)


def test_a_pointer_to_an_item_not_in_the_report_is_named() -> None:
    report = parse_rows(
        "1|Rec one.|Aud|Done one.|Next one.",
        "2|Rec two.|Aud|See response to item 9.|Next two.",
    )
    assert report.resolve(2, "next_steps").cells["next_steps"].text == "Next two."
    with pytest.raises(UnknownItemError) as caught:
        report.resolve(2)
    assert (caught.value.item, caught.value.referrer, caught.value.field) == (9, "2", "action_taken")
    assert str(caught.value) == "item 2's action_taken points to item 9, which is not in the report"


def test_a_chain_of_pointers_is_followed_to_its_end() -> None:
    report = parse_rows(
        "1|Rec one.|Aud|Done one.|Next one.",
        "2|Rec two.|Aud|See response to item 1.|Next two.",
        "3|Rec three.|Aud|As item 2 above|See the response 1",
        "4|Rec four.|Aud|Please see the response to recommendation 3.|Next four.",
    )
    resolution = report.resolve(4)
    assert resolution["action_taken"].chain == ("4", "3", "2", "1")
    assert resolution.cells["action_taken"].text == "Done one."
    assert report.resolve(3)["next_steps"].chain == ("3", "1")
    assert report.resolve(3).cells["next_steps"].text == "Next one."


def test_a_chain_through_the_real_report(hqip_text: str) -> None:
    # Item 9's action taken made a pointer to item 7: 12, 17 and 19 now reach 7 through 9.
    text = hqip_text.replace(ITEM_9_ACTION, "See response to item 7.")
    report = parse_text(text, name=HQIP.name)
    for item in (12, 17, 19):
        resolution = report.resolve(item)
        assert resolution["action_taken"].chain == (str(item), "9", "7")
        assert resolution.cells["action_taken"].text == ITEM_7_ACTION
    assert report.resolve(12)["next_steps"].chain == ("12", "9")  # the next steps still stop at 9
    assert report.resolve(12).chain == ("12", "9", "7")


def test_a_cycle_is_named() -> None:
    report = parse_rows(
        "1|Rec one.|Aud|See response to item 2.|Next one.",
        "2|Rec two.|Aud|See response to item 3.|Next two.",
        "3|Rec three.|Aud|See the response to item 1.|Next three.",
        "4|Rec four.|Aud|See response to item 4.|Next four.",
    )
    with pytest.raises(ReferenceCycleError) as caught:
        report.resolve(1)
    assert caught.value.chain == ("1", "2", "3", "1") and caught.value.field == "action_taken"
    assert str(caught.value) == "the action_taken cells of items 1 -> 2 -> 3 -> 1 point round in a cycle"
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, ResolveError)
    with pytest.raises(ReferenceCycleError, match=r"items 4 -> 4 point round"):
        report.resolve(4)
    assert report.resolve(2, "next_steps").cells["next_steps"].text == "Next two."


def test_a_cycle_in_the_real_report(hqip_text: str) -> None:
    # Item 7's action taken made a pointer back to item 8, which points to 7.
    start = hqip_text.index("<p>New NCA contracts now require")
    end = hqip_text.index("\t", start)
    text = hqip_text[:start] + "See the response to item 8." + hqip_text[end:]
    report = parse_text(text, name=HQIP.name)
    assert report.recommendations[6].action_taken.text == "See the response to item 8."
    with pytest.raises(ReferenceCycleError, match=r"action_taken cells of items 8 -> 7 -> 8"):
        report.resolve(8)
    with pytest.raises(ReferenceCycleError, match=r"items 7 -> 8 -> 7"):
        report.resolve(7, "action_taken")
    assert report.resolve(7, "next_steps").chain == ("7",)


def test_a_pointer_to_several_items_answers_itself() -> None:
    report = parse_rows(
        "1|Rec one.|Aud|Done one.|Next one.",
        "2|Rec two.|Aud|Done two.|Next two.",
        "3|Rec three.|Aud|See responses to items 1 and 2.|Next three.",
    )
    answer = report.resolve(3)["action_taken"]
    assert answer.chain == ("3",)
    assert answer.cell.text == "See responses to items 1 and 2." and answer.cell.references == [1, 2]


# Records: a table with other columns, identifiers "1.1" with no number.
BURNOUT = SAMPLES / "nhs-workforce-burnout-2021.txt"
ITEM_1_1_PROGRESS = (
    "Health Education England will publish a long-term workforce strategy. "
    "The first assessment of projected demand for staff will follow in 2022."
)
ITEM_2_2_PROGRESS = (
    "The NHS People Plan sets out these expectations, and employers' progress is tracked through the NHS Staff Survey."
)


def test_record_rows_with_dotted_identifiers() -> None:
    report = parse(BURNOUT)
    resolution = report.resolve("1.1")
    assert resolution.item == "1.1" and resolution.chain == ("1.1",)
    assert list(resolution.cells) == ["recommendation", "lead", "timescale", "status_2", "progress_update"]
    assert resolution.cells["progress_update"].text == ITEM_1_1_PROGRESS
    # 2.1's progress update ends "See the response to 1.1 for the wider strategy.": it answers itself.
    answer = report.resolve("2.1")["progress_update"]
    assert answer.chain == ("2.1",) and answer.cell.references == ["1.1"]
    assert answer.cell.text.endswith("See the response to 1.1 for the wider strategy.")
    # "11" and 1 are not 1.1.
    for item in ("11", 1, 11):
        with pytest.raises(UnknownItemError):
            report.resolve(item)


def test_a_pointer_between_record_rows() -> None:
    text = BURNOUT.read_text(encoding="utf-8").replace(ITEM_2_2_PROGRESS, "See the response to 1.1.")
    report = parse_text(text, name=BURNOUT.name)
    resolution = report.resolve("2.2")
    assert resolution["progress_update"].chain == ("2.2", "1.1")
    assert resolution.cells["progress_update"].text == ITEM_1_1_PROGRESS
    assert resolution.cells["status_2"].text == "Accepted"  # answers itself


def test_identifiers_match_as_references_write_them() -> None:
    path = SAMPLES / "dh-safer-maternity-care-2016.txt"
    # R4's response pointed at R1: "See response to R1."
    text = path.read_text(encoding="utf-8").replace(
        "A fund of £8 million will be available to trusts in 2017/18 for training and equipment.  "
        "Bids will be assessed by NHS Improvement against criteria published in January 2017.",
        "See response to R1.",
    )
    report = parse_text(text, name=path.name)
    for asked in ("R4", "r4", "R-4", "R4.", "(r4)"):
        resolution = report.resolve(asked, "response")
        assert resolution.item == "R4" and resolution.chain == ("R4", "R1")
        assert resolution.cells["response"].text.startswith("We accept this recommendation in full.")
    # R5: "... between units of different sizes and case mix. See responses to R2 and R4." answers itself.
    assert report.resolve("R5").chain == ("R5",)


@pytest.mark.parametrize("identifier", ["R4", "r4", "R-4", "R4.", "r 4", "(R4)", "R.4"])
def test_item_key_folds_how_a_reference_may_write_an_identifier(identifier: str) -> None:
    assert item_key(identifier) == "r4"


def test_item_key_keeps_a_dot_between_digits() -> None:
    assert item_key("1.1") == item_key("1.1.") == "1.1" != item_key("11")


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("See response to item 7.", True),
        ("See the response to item 9", True),
        ("See the response 9", True),
        ("As item 4 above", True),
        ("Please refer to our response to recommendation 1.", True),
        ("See also item 9.", True),
        ("See response to R4", True),
        ("As outlined in our response to recommendation 1 HQIP has developed a strategy.", False),
        ("See the response to 1.1 for the wider strategy.", False),
        ("Agreed in part; see response to item 1.", False),
        ("See responses to items 7 and 9.", False),
        ("Not applicable.", False),
        ("", False),
    ],
)
def test_what_counts_as_a_bare_pointer(text: str, pointer: bool) -> None:
    report = parse_rows("1|Rec.|Aud|Done.|Next.", f"2|Rec.|Aud|{text}|Next.")
    cell = report.recommendations[1].action_taken
    assert is_pointer(cell) is pointer


def test_every_item_of_every_sample_resolves() -> None:
    for path in sorted(SAMPLES.glob("*.json")):
        report = Report.model_validate_json(path.read_bytes())
        resolver = Resolver(report.records)
        for row in report.records:
            resolution = resolver.resolve(row.id)
            assert resolution == report.resolve(row.id)
            assert list(resolution.cells) == list(row.cells())
            assert not any(is_pointer(cell) for cell in resolution.cells.values())
