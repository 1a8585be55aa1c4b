"""Layout: title, the two header forms, group labels, repeated headers, row shapes."""

from __future__ import annotations

import pytest

from extract import parse_text
from extract.errors import HeaderNotFoundError
from extract.table import column_key, strip_title_markup
from helpers import HEADER_LINES, codes, parse_rows, table, warnings
from schema import Record, Report

PAGE_ONE_HEADER = [
    "No.\tRecommendations and audiences\t\tHQIP response\t",
    "\tRecommendation\tTarget audience\tAction taken\tNext steps",
]
ROW = "1\tRec.\tAud\tDone.\tNext."


def _doc(*lines: str) -> str:
    return "\n".join(["", "Title", "", *lines]) + "\n"


def test_page_one_header_form_merges_no_label_and_groups_columns() -> None:
    report = parse_text(_doc(*PAGE_ONE_HEADER, ROW), name="x.txt")
    assert [(c.key, c.label, c.group) for c in report.tables[0].columns] == [
        ("number", "No.", None),
        ("recommendation", "Recommendation", "Recommendations and audiences"),
        ("target_audience", "Target audience", "Recommendations and audiences"),
        ("action_taken", "Action taken", "HQIP response"),
        ("next_steps", "Next steps", "HQIP response"),
    ]


@pytest.mark.parametrize(
    "group_row",
    [
        "Recommendations and audiences\t\t\tHQIP response\t",
        "Recommendations and audiences\t\tHQIP response\t\t",
        "\tRecommendations and audiences\t\tHQIP response\t",
        "No.\tRecommendations and audiences\t\tHQIP response\t",
    ],
)
def test_repeated_group_row_is_recognised_wherever_its_cells_stand(group_row: str) -> None:
    text = _doc(*PAGE_ONE_HEADER, ROW, "", group_row, HEADER_LINES[1], "2\tRec two.\tAud\tDone.\tNext.")
    report = parse_text(text, name="x.txt")
    assert [r.number for r in report.recommendations] == [1, 2]
    assert warnings(report) == []
    assert report.recommendations[1].pages == [2]


def test_other_header_form_on_page_one_is_read_too() -> None:
    report = parse_text(_doc(*HEADER_LINES, ROW), name="x.txt")
    assert [c.key for c in report.tables[0].columns] == ["number", "recommendation", "target_audience", "action_taken", "next_steps"]
    assert report.tables[0].columns[0].group == "Recommendations and audiences"


def test_single_row_header_has_no_groups() -> None:
    report = parse_text(_doc(HEADER_LINES[1], ROW), name="x.txt")
    assert {c.group for c in report.tables[0].columns} == {None}
    assert report.recommendations[0].next_steps.text == "Next."


def test_title_markup_is_stripped_and_parsed(hqip) -> None:  # type: ignore[no-untyped-def]
    assert hqip.title == (
        "Summary of HQIP responses to ‘Engaging Clinicians in Quality Improvement through "
        "National Clinical Audit report (published 8 Oct 2014)"
    )
    assert strip_title_markup("## **Heading**") == "Heading"


@pytest.mark.parametrize(
    ("label", "key"),
    [("No.", "no"), ("No", "no"), ("#", ""), ("Target audience", "target_audience"),
     ("Progress update (Q3)", "progress_update_q3"), ("Accepted?", "accepted")],
)
def test_column_keys_are_snake_case_of_labels(label: str, key: str) -> None:
    # The identifier column's key is "number" whatever its label: the table stage gives it once chosen.
    assert column_key(label) == key


@pytest.mark.parametrize("label", ["No.", "#", "S. No.", "Sl.No", "Med No", "Line no", "Rec no.", "Numb\ner"])
def test_the_identifier_column_is_keyed_number_whatever_its_label(label: str) -> None:
    report = parse_text(_doc(f"{label}\tRecommendation", "1\tDo it.", "2\tDo more."), name="x.txt")
    assert [c.key for c in report.tables[0].columns] == ["number", "recommendation"]
    assert [row.id for row in report.records] == ["1", "2"]


def test_no_header_is_an_error_quoting_the_first_row() -> None:
    with pytest.raises(HeaderNotFoundError) as caught:
        parse_text(_doc(ROW), name="x.txt")
    assert str(caught.value).startswith(
        "x.txt:4: no table found: no header row above the first row of cells, which already holds data: '1 | Rec.")


def test_no_tab_separated_row_is_an_error() -> None:
    with pytest.raises(HeaderNotFoundError, match=r"^x\.txt:2: no table found: no row with two or more cells"):
        parse_text("\nJust a title\nand some prose\n", name="x.txt")


def test_table_of_another_layout_gives_records_under_its_own_keys() -> None:
    text = _doc("Ref\tResponse\tLead\tRecommendation\tAccepted?", "R1\tAgreed.\tNHS England\tDo it.\tYes",
                "R2\tSee response to item 1.\tCCGs\tDo more.\tIn part")
    report = parse_text(text, name="x.txt")
    assert [c.key for c in report.tables[0].columns] == ["number", "response", "lead", "recommendation", "accepted"]
    first, second = report.records
    assert isinstance(first, Record) and (first.id, first.number, first.audiences) == ("R1", None, [])
    assert {key: cell.text for key, cell in first.cells().items()} == {
        "response": "Agreed.", "lead": "NHS England", "recommendation": "Do it.", "accepted": "Yes"}
    assert second.cells()["response"].references == [1]
    assert Report.model_validate_json(report.to_json()).to_json() == report.to_json()


def test_short_row_is_padded_with_a_warning() -> None:
    report = parse_rows("1|Rec.|Aud|Done.")
    assert report.recommendations[0].next_steps.text == ""
    assert codes(report) == ["padded-row", "empty-cell"]
    assert warnings(report)[0].line == 6


def test_trailing_empty_cells_beyond_the_header_are_harmless() -> None:
    assert warnings(parse_rows("1|Rec.|Aud|Done.|Next.||")) == []


def test_text_past_the_last_column_is_quoted_and_the_row_kept() -> None:
    report = parse_rows("1|Rec.|Aud|Done.|Next.|Stray", "2|Two.|Aud|Done.|Next.")
    assert [row.id for row in report.records] == ["1", "2"]
    assert report.recommendations[0].next_steps.text == "Next."
    assert [(d.code, d.line) for d in warnings(report)] == [("extra-cells", 6)]
    assert "kept out: 'Stray'" in warnings(report)[0].message


def test_stray_line_between_rows_becomes_a_diagnostic() -> None:
    report = parse_text(table("1|Rec.|Aud|Done.|Next.", "Page 1 of 9", "2|Rec.|Aud|Done.|Next."), name="x.txt")
    assert codes(report) == ["unplaced-line"]
    assert warnings(report)[0].line == 7 and "'Page 1 of 9'" in warnings(report)[0].message


def test_title_exported_with_tabs_is_still_the_title() -> None:
    text = "Summary of HQIP responses to 'Long report title here' (published 8 Oct 2014)\t\t\t\t\n"
    report = parse_text(text + "\n".join([*PAGE_ONE_HEADER, ROW]) + "\n", name="x.txt")
    assert report.title == "Summary of HQIP responses to 'Long report title here' (published 8 Oct 2014)"
    assert report.tables[0].columns[1].group == "Recommendations and audiences"


def test_repeated_group_row_that_page_one_lacked_is_dropped() -> None:
    text = _doc(HEADER_LINES[1], ROW, "", "\tMy group\t\tOther group\t", HEADER_LINES[1], "2\tTwo.\tAud\tDone.\tNext.")
    report = parse_text(text, name="x.txt")
    assert [r.recommendation.text for r in report.recommendations] == ["Rec.", "Two."]
    assert [(d.code, d.line) for d in warnings(report)] == [("unplaced-line", 7)]  # dropped, but said
    assert "'My group Other group'" in warnings(report)[0].message


def test_identifier_label_may_move_between_header_rows() -> None:
    text = _doc(*HEADER_LINES, ROW, "", *PAGE_ONE_HEADER, "2\tTwo.\tAud\tDone.\tNext.")
    assert [r.number for r in parse_text(text, name="x.txt").recommendations] == [1, 2]


def test_label_without_ascii_letters_gets_a_positional_key() -> None:
    report = parse_text(_doc(HEADER_LINES[1] + "\t備考", ROW + "\tx"), name="x.txt")
    assert (report.tables[0].columns[5].key, report.tables[0].columns[5].label) == ("column_6", "備考")
    assert report.records[0].cells()["column_6"].text == "x"


def test_a_table_without_an_identifier_column_is_read_in_order() -> None:
    report = parse_text(_doc("Recommendation\tTarget audience\tAction taken\tNext steps", "Rec.\tAud\tDone.\tNext.",
                             "Two.\tAud\tDone.\tNext."), name="x.txt")
    assert [(row.id, row.recommendation.text) for row in report.recommendations] == [(None, "Rec."), (None, "Two.")]
    assert [(d.code, d.line) for d in warnings(report)] == [("no-identifier-column", 4)]


def test_column_keys_never_collide_with_each_other_or_a_records_own_fields() -> None:
    text = _doc("No.\tAction\tAction\tAction 2\tPages\tLines", "1\ta\tb\tc\td\te")
    report = parse_text(text, name="x.txt")
    keys = [c.key for c in report.tables[0].columns]
    assert keys == ["number", "action", "action_2", "action_2_2", "pages_2", "lines_2"]
    assert [cell.text for cell in report.records[0].cells().values()] == ["a", "b", "c", "d", "e"]


def test_labels_that_look_like_identifiers_further_along_stay_labels() -> None:
    report = parse_text(_doc("No.\tRecommendation\tYear 1\tQ2", "1\tDo it.\tYes\tNo"), name="x.txt")
    assert [c.key for c in report.tables[0].columns] == ["number", "recommendation", "year_1", "q2"]
