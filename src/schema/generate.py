"""The JSON Schema of report-extract's JSON, generated from the models.

``python -m schema.generate`` (``make schema``) writes ``src/schema/report.schema.json``;
``--check`` only says whether the committed file is what the models generate now. An
installed package holds the file: ``importlib.resources.files("schema") / "report.schema.json"``.

>>> from schema.generate import json_schema
>>> schema = json_schema()
>>> schema["$schema"], schema["$id"]
('https://json-schema.org/draft/2020-12/schema', 'urn:report-extract:report:3.0')
>>> sorted(schema["$defs"]["Cell"]["required"])
['blocks', 'inherited_from', 'provenance', 'references', 'text']

The schema describes the JSON as written (pydantic's serialization mode), and every field is
required: the writer (``Report.to_json``, ``Report.iter_json``) always writes every field,
defaults and nulls included. Validation mode would describe what the models *read*, where a
field with a default (``inherited_from``, ``bbox``, ``position``, ``status``, a block's ``type``, ``schema_version``)
may be left out; for this report's models the two modes are otherwise the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from schema.models import SCHEMA_VERSION, Report

SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:report-extract:report:{SCHEMA_VERSION}"
TITLE = f"report-extract Report (schema_version {SCHEMA_VERSION})"

_SNAKE_CASE = "^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
_ASCENDING = {"minItems": 1, "uniqueItems": True, "items": {"type": "integer", "minimum": 1}}

#: What the models' Python validators check that JSON Schema can say, by definition and property.
#: Each narrows the generated schema to what the validators accept, never below: the validators
#: still say more (text trimmed and matching its blocks, pages ascending, identifiers unique).
VALIDATOR_KEYWORDS: dict[str, dict[str, dict[str, Any]]] = {
    "Paragraph": {"text": {"minLength": 1}},
    "ListBlock": {"items": {"minItems": 1, "items": {"type": "string", "minLength": 1}}},
    "Recommendation": {"pages": _ASCENDING, "lines": _ASCENDING},
    "Record": {"pages": _ASCENDING, "lines": _ASCENDING},
    "Column": {"key": {"pattern": _SNAKE_CASE}},
    "Source": {"file": {"pattern": r"^[^/\\]*$"}, "sha256": {"pattern": "^[0-9a-f]{64}$"}},
}
#: A Record's cells stand under snake_case column keys (its fixed fields' names are snake_case too).
RECORD_KEYWORDS: dict[str, Any] = {"propertyNames": {"pattern": _SNAKE_CASE}}


class _WrittenJson(GenerateJsonSchema):
    """Serialization mode with every field required, since every field is written."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        return True if self.mode == "serialization" else super().field_is_required(field, total)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a report as report-extract writes it."""
    generated = Report.model_json_schema(mode="serialization", schema_generator=_WrittenJson)
    definitions = generated["$defs"]
    for name, properties in VALIDATOR_KEYWORDS.items():
        for prop, keywords in properties.items():
            definitions[name]["properties"][prop].update(keywords)
    definitions["Record"].update(RECORD_KEYWORDS)
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **generated, "title": TITLE}


def render() -> str:
    """The schema file's text: keys sorted, indented by two spaces, a newline at the end."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m schema.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=SCHEMA_FILE, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is not up to date")
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is stale: run make schema", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"schema -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
