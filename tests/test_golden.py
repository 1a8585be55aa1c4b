"""Golden files: every sample parses to its committed JSON, byte for byte.

Golden files are written only by `make extract`; a missing one fails here.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from extract import parse
from helpers import SAMPLES
from schema import Report

INPUTS = sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.pdf")])


def test_there_are_samples() -> None:
    assert INPUTS, f"no samples in {SAMPLES}"


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_sample_matches_its_golden_file(source: Path) -> None:
    golden = source.with_suffix(".json")
    assert golden.exists(), f"{golden.name} is missing: run `make extract` and read it against {source.name}"
    expected = golden.read_text(encoding="utf-8")
    actual = parse(source).to_json()
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile=f"{golden.name} (golden)", tofile=f"{source.name} (parsed now)", n=2,
            )
        )
        pytest.fail(f"parse differs from the golden file; if intended, run `make extract` and review:\n{diff[:6000]}")


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_golden_file_reads_back_into_the_models_unchanged(source: Path) -> None:
    golden = source.with_suffix(".json").read_text(encoding="utf-8")
    assert Report.model_validate_json(golden).to_json() == golden


def test_golden_output_is_independent_of_the_folder(tmp_path: Path) -> None:
    source = INPUTS[0]
    copy = tmp_path / "elsewhere" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    assert parse(copy).to_json() == parse(source).to_json()
