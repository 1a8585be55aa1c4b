"""The models: forbid unknown fields, name bad values, round-trip exactly."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extract import parse, parse_text
from helpers import HQIP, SAMPLES, parse_rows, table
from schema import Cell, Column, ListBlock, Paragraph, Record, Report, Source


def test_report_round_trips_through_json(hqip: Report) -> None:
    out = hqip.to_json()
    assert Report.model_validate_json(out).to_json() == out
    assert out.endswith("}\n") and "\\u" not in out and "‘" in out


def test_output_has_no_absolute_paths_or_timestamps(hqip: Report) -> None:
    out = hqip.to_json()
    assert str(HQIP.parent) not in out
    assert json.loads(out)["source"]["file"] == HQIP.name


def test_unknown_fields_are_refused(hqip: Report) -> None:
    data = json.loads(hqip.to_json())
    data["tables"][0]["rows"][0]["surprise"] = 1
    with pytest.raises(ValidationError, match="surprise"):
        Report.model_validate(data)


def test_cell_text_must_match_its_blocks() -> None:
    with pytest.raises(ValidationError, match="does not match its blocks"):
        Cell(text="wrong", blocks=[Paragraph(text="right")], references=[], provenance=[])
    cell = Cell(text="Lead:\n\n- a\n- b", blocks=[Paragraph(text="Lead:"), ListBlock(items=["a", "b"])],
                references=[], provenance=[])
    assert cell.text == "Lead:\n\n- a\n- b"


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (lambda: Paragraph(text=" padded "), "' padded '"),
        (lambda: ListBlock(items=[]), "[]"),
        (lambda: Column(key="Target audience", label="x", group=None), "'Target audience'"),
        (lambda: Source(file="/abs/x.txt", sha256="0" * 64, format="text", encoding="utf-8", page_count=1), "'/abs/x.txt'"),
        (lambda: Source(file="x.txt", sha256="XYZ", format="text", encoding="utf-8", page_count=1), "'XYZ'"),
    ],
)
def test_validators_name_the_bad_value(build, named: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        build()
    assert named in str(caught.value)


def test_a_repeated_identifier_is_valid_and_names_its_first_row(hqip: Report) -> None:
    # Schema 2.0: the same item may be listed twice (under two sections, or as sub-rows); the
    # parser warns (duplicate-item), the schema keeps both, and the first row is the item.
    data = json.loads(hqip.to_json())
    data["tables"][0]["rows"][1].update(number=1, id="1")
    data["commitments"] = [c for c in data["commitments"] if c["row"] != 1]
    report = Report.model_validate(data)
    assert [row.id for row in report.recommendations[:2]] == ["1", "1"]
    assert report.resolve(1)["recommendation"].cell == report.recommendations[0].recommendation


def test_a_commitment_must_name_a_row_that_is_there(hqip: Report) -> None:
    data = json.loads(hqip.to_json())
    data["commitments"][0]["row"] = 99
    with pytest.raises(ValidationError, match="points at table 0 row 99, which is not in the report"):
        Report.model_validate(data)
    data["commitments"][0]["row"] = 0
    with pytest.raises(ValidationError, match="but table 0 row 0 is item '1'"):
        Report.model_validate(data)


def test_a_record_of_another_table_round_trips() -> None:
    cell = {"text": "Agreed.", "blocks": [{"type": "paragraph", "text": "Agreed."}], "references": [],
            "inherited_from": None, "provenance": [{"line": 5, "page": 1, "join": "start", "bbox": None}]}
    record = {"number": None, "id": "R4", "part": None, "section": None, "audiences": [], "pages": [1],
              "lines": [5], "response": cell}
    report = Report.model_validate({**json.loads(_minimal([record]))})
    assert isinstance(report.records[0], Record)
    assert report.records[0].cells()["response"].text == "Agreed."
    assert Report.model_validate_json(report.to_json()).to_json() == report.to_json()
    with pytest.raises(ValidationError, match="snake_case column keys, got 'Bad Key'"):
        Report.model_validate(json.loads(_minimal([{**record, "Bad Key": cell}])))


def _minimal(rows: list[dict[str, object]] | None = None) -> str:
    return json.dumps({
        "title": None, "report": {}, "commitments": [], "diagnostics": [],
        "source": {"file": "x.txt", "sha256": "0" * 64, "format": "text", "encoding": "utf-8", "page_count": 1},
        "tables": [] if rows is None else [{"heading": None, "pages": [1], "columns": [], "rows": rows}],
    })


def test_one_json_schema_covers_both_kinds_of_row() -> None:
    schema = Report.model_json_schema()
    assert {"Recommendation", "Record", "Cell"} <= set(schema["$defs"])
    rows = schema["$defs"]["Table"]["properties"]["rows"]["items"]
    assert {ref["$ref"] for ref in rows["anyOf"]} == {"#/$defs/Recommendation", "#/$defs/Record"}
    assert schema["$defs"]["Record"]["additionalProperties"] == {"$ref": "#/$defs/Cell"}
    assert schema["$defs"]["Recommendation"]["additionalProperties"] is False


@pytest.mark.parametrize("indent", [2, None])
@pytest.mark.parametrize(
    "source",
    sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".pdf")) + ["header-only", "one-row"],
)
def test_json_in_pieces_is_the_whole_json(source: str, indent: int | None) -> None:
    if source == "header-only":
        report = parse_text(table(), name="x.txt")
        assert report.recommendations == []
    elif source == "one-row":
        report = parse_rows("1\tA recommendation.\tTrusts\tDone.\tMore.")
    else:
        report = parse(SAMPLES / source)
    pieces = list(report.iter_json(indent=indent))
    assert b"".join(pieces) == (report.model_dump_json(indent=indent) + "\n").encode("utf-8")
    # Per table: what comes before its rows, each row, and the bracket closing them; then the rest.
    assert len(pieces) == len(report.recommendations) + 2 * len(report.tables) + 1


def test_rows_with_the_same_fields_share_one_fields_set(hqip: Report) -> None:
    # Memory per row: pydantic's per-instance set of field names was a third of a short row.
    rows = hqip.recommendations
    assert len({id(row.model_fields_set) for row in rows}) == 1
    assert rows[0].model_fields_set == set(type(rows[0]).model_fields)
    record = Report.model_validate_json(_minimal()).model_copy(update={"title": "New"})
    assert record.model_fields_set >= {"title"}
    # A copy with an update gets its own set: the shared one is not touched.
    copied = rows[0].model_copy(update={"id": "new"})
    assert copied.model_fields_set is not rows[0].model_fields_set
    assert rows[1].model_fields_set == set(type(rows[0]).model_fields)
    with pytest.raises(ValidationError, match="frozen"):
        rows[0].id = "changed"  # type: ignore[misc]
    # Records with other cells have their own shared set.
    other = parse_text("Title\n\nNo.\tRecommendation\tResponse\n1\tA\tDone.\n2\tB\tDone.\n").records
    assert other[0].model_fields_set is other[1].model_fields_set
    assert other[0].model_fields_set == {"number", "id", "part", "section", "status", "audiences", "pages", "lines",
                                          "recommendation", "response"}
