"""The committed JSON Schema: current with the models, met by every sample, and strict.

The samples are checked with an independent validator (jsonschema, Draft 2020-12, formats
checked), not with the models that wrote them.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from helpers import ROOT, SAMPLES
from schema import Report
from schema.generate import DIALECT, SCHEMA_FILE, SCHEMA_ID, main, render

Json = dict[str, Any]
GOLDEN = sorted(SAMPLES.glob("*.json"))


def load(name: str) -> Json:
    data: Json = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_is_what_the_models_generate() -> None:
    assert SCHEMA_FILE.is_file(), f"{SCHEMA_FILE} is missing: run make schema"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), (
        f"{SCHEMA_FILE.relative_to(ROOT)} is stale (the models changed): run make schema"
    )


def test_schema_file_is_deterministic_json() -> None:
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    schema = json.loads(text)
    assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert (schema["$schema"], schema["$id"]) == (DIALECT, SCHEMA_ID)
    assert schema["title"].startswith("report-extract Report")
    assert render() == render()


def test_check_says_run_make_schema_when_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.schema.json"
    assert main(["-o", str(out)]) == 0 and out.read_text(encoding="utf-8") == render()
    assert main(["--check", "-o", str(out)]) == 0
    out.write_text(render().replace('"minLength": 1', '"minLength": 0', 1), encoding="utf-8")
    assert main(["--check", "-o", str(out)]) == 1
    assert "stale: run make schema" in capsys.readouterr().err


def test_the_installed_package_has_the_schema() -> None:
    resource = importlib.resources.files("schema") / "report.schema.json"
    assert resource.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "report.schema.json" in setuptools["package-data"]["schema"]


def test_there_are_samples() -> None:
    assert len(GOLDEN) >= 6


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_every_sample_validates(validator: Draft202012Validator, path: Path) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load(path.name))]
    assert errors == []


def test_every_field_written_is_required(validator: Draft202012Validator) -> None:
    # The writer always writes fields that have defaults; the schema describes what is written,
    # so leaving one out fails the schema though the models would read it back.
    data = load("hqip-engaging-clinicians-2014.json")
    del data["tables"][0]["rows"][0]["recommendation"]["inherited_from"]
    Report.model_validate(data)
    assert not validator.is_valid(data)


def _set(path: str, value: Any) -> Callable[[Json], None]:
    """A mutation: set the value at a slash-separated path ('recommendations/0/id')."""
    *parents, last = path.split("/")

    def mutate(data: Json) -> None:
        target: Any = data
        for part in parents:
            target = target[int(part) if part.isdigit() else part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[Json], None]:
    *parents, last = path.split("/")

    def mutate(data: Json) -> None:
        target: Any = data
        for part in parents:
            target = target[int(part) if part.isdigit() else part]
        del target[last]

    return mutate


HQIP_JSON = "hqip-engaging-clinicians-2014.json"
BURNOUT_JSON = "nhs-workforce-burnout-2021.json"
PARAGRAPH = "tables/0/rows/0/recommendation/blocks/0"  # item 1's recommendation: one paragraph
LIST = "tables/0/rows/9/recommendation/blocks/1"  # item 10's recommendation: a paragraph, then a list

MUTATIONS: list[tuple[str, str, Callable[[Json], None]]] = [
    # unknown fields (additionalProperties false)
    ("unknown field in the report", HQIP_JSON, _set("surprise", 1)),
    ("unknown field in a row", HQIP_JSON, _set("tables/0/rows/0/surprise", 1)),
    ("unknown field in a cell", HQIP_JSON, _set("tables/0/rows/0/action_taken/surprise", 1)),
    ("unknown field in a block", HQIP_JSON, _set(f"{PARAGRAPH}/surprise", 1)),
    ("unknown field in provenance", HQIP_JSON, _set("tables/0/rows/0/action_taken/provenance/0/surprise", 1)),
    ("unknown field in the source", HQIP_JSON, _set("source/surprise", 1)),
    # wrong types and values
    ("page count a word", HQIP_JSON, _set("source/page_count", "three")),
    ("number a word", HQIP_JSON, _set("tables/0/rows/0/number", "one")),
    ("negative number", HQIP_JSON, _set("tables/0/rows/0/number", -1)),
    ("cell text a number", HQIP_JSON, _set("tables/0/rows/0/action_taken/text", 5)),
    ("cell a string", HQIP_JSON, _set("tables/0/rows/0/action_taken", "Scoping ...")),
    ("reference a float", HQIP_JSON, _set("tables/0/rows/3/action_taken/references", [1.5])),
    ("unknown block type", HQIP_JSON, _set(f"{PARAGRAPH}/type", "table")),
    ("unknown join", HQIP_JSON, _set("tables/0/rows/0/action_taken/provenance/0/join", "glued")),
    ("line 0", HQIP_JSON, _set("tables/0/rows/0/action_taken/provenance/0/line", 0)),
    ("other schema version", HQIP_JSON, _set("schema_version", "1.1")),
    ("other severity", HQIP_JSON, _set("diagnostics/0/severity", "error")),
    ("not a date", HQIP_JSON, _set("report/published", "2014-13-45")),
    ("other format", HQIP_JSON, _set("source/format", "xlsx")),
    # missing fields
    ("no text", HQIP_JSON, _delete("tables/0/rows/0/action_taken/text")),
    ("no id", HQIP_JSON, _delete("tables/0/rows/0/id")),
    # empty and malformed list items
    ("empty list item", HQIP_JSON, _set(f"{LIST}/items/0", "")),
    ("empty list", HQIP_JSON, _set(f"{LIST}/items", [])),
    ("list item not a string", HQIP_JSON, _set(f"{LIST}/items/0", None)),
    ("empty paragraph", HQIP_JSON, _set(f"{PARAGRAPH}/text", "")),
    ("empty block", HQIP_JSON, _set(PARAGRAPH, {})),
    ("no pages", HQIP_JSON, _set("tables/0/rows/0/pages", [])),
    ("page 0", HQIP_JSON, _set("tables/0/rows/0/pages", [0])),
    # what the validators check that the schema can say
    ("upper-case digest", HQIP_JSON, _set("source/sha256", "A" * 64)),
    ("path in the file name", HQIP_JSON, _set("source/file", "samples/x.txt")),
    ("column key not snake_case", HQIP_JSON, _set("tables/0/columns/1/key", "Recommendation text")),
    # records: extra keys are cells under snake_case keys
    ("record cell not a cell", BURNOUT_JSON, _set("tables/0/rows/0/status", "Accepted")),
    ("unknown field in a record cell", BURNOUT_JSON, _set("tables/0/rows/0/status/surprise", 1)),
]


@pytest.mark.parametrize(("name", "sample", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_mutated_sample_fails_the_schema_and_the_models(
    validator: Draft202012Validator, name: str, sample: str, mutate: Callable[[Json], None]
) -> None:
    data = load(sample)
    assert validator.is_valid(data)
    mutated = copy.deepcopy(data)
    mutate(mutated)
    assert mutated != data, f"{name}: the mutation changed nothing"
    assert not validator.is_valid(mutated), f"{name}: the schema accepts it"
    with pytest.raises(ValidationError):
        Report.model_validate(mutated)


@pytest.mark.parametrize(
    ("path", "value"),
    [("source/page_count", "3"), ("tables/0/rows/0/number", "1"), ("tables/0/rows/0/pages", [True])],
)
def test_the_schema_refuses_what_the_models_would_coerce(
    validator: Draft202012Validator, path: str, value: Any
) -> None:
    # The models read in pydantic's lax mode ("3" and true are read as 3 and 1); the writer never writes them.
    data = load(HQIP_JSON)
    _set(path, value)(data)
    Report.model_validate(data)
    assert not validator.is_valid(data)


def test_the_record_cell_key_mutation_is_a_cell_otherwise(validator: Draft202012Validator) -> None:
    # "Status" fails for its key alone: the same cell under "status_3" is fine for both.
    data = load(BURNOUT_JSON)
    data["tables"][0]["rows"][0]["status_3"] = copy.deepcopy(data["tables"][0]["rows"][0]["status_2"])
    assert validator.is_valid(data)
    Report.model_validate(data)
    data["tables"][0]["rows"][0]["Status"] = data["tables"][0]["rows"][0].pop("status_3")
    assert not validator.is_valid(data)
    with pytest.raises(ValidationError, match="snake_case"):
        Report.model_validate(data)
