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
    data["recommendations"][0]["surprise"] = 1
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


@pytest.mark.parametrize(("field", "value", "message"), [("number", 1, "number 1"), ("id", "1", "id '1'")])
def test_duplicate_identifiers_are_refused(hqip: Report, field: str, value: object, message: str) -> None:
    data = json.loads(hqip.to_json())
    data["recommendations"][1][field] = value
    with pytest.raises(ValidationError, match=f"recommendation {message} occurs twice"):
        Report.model_validate(data)


def test_a_record_of_another_table_round_trips() -> None:
    cell = {"text": "Agreed.", "blocks": [{"type": "paragraph", "text": "Agreed."}], "references": [],
            "inherited_from": None, "provenance": [{"line": 5, "page": 1, "join": "start", "bbox": None}]}
    record = {"number": None, "id": "R4", "audiences": [], "pages": [1], "lines": [5], "response": cell}
    report = Report.model_validate({**json.loads(_minimal()), "recommendations": [record]})
    assert isinstance(report.records[0], Record)
    assert report.records[0].cells()["response"].text == "Agreed."
    assert Report.model_validate_json(report.to_json()).to_json() == report.to_json()
    with pytest.raises(ValidationError, match="snake_case column keys, got 'Bad Key'"):
        Report.model_validate({**json.loads(_minimal()), "recommendations": [{**record, "Bad Key": cell}]})


def _minimal() -> str:
    return json.dumps({
        "title": None, "report": {}, "columns": [], "commitments": [], "diagnostics": [],
        "source": {"file": "x.txt", "sha256": "0" * 64, "format": "text", "encoding": "utf-8", "page_count": 1},
        "recommendations": [],
    })


def test_one_json_schema_covers_both_kinds_of_row() -> None:
    schema = Report.model_json_schema()
    assert {"Recommendation", "Record", "Cell"} <= set(schema["$defs"])
    rows = schema["properties"]["recommendations"]["items"]
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
    assert len(pieces) == len(report.recommendations) + (3 if report.recommendations and indent else 2)


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
    assert other[0].model_fields_set == {"number", "id", "audiences", "pages", "lines", "recommendation", "response"}
