"""The audit: no word of a table cell is lost or duplicated, on every sample and re-paginated variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import parse, parse_text
from extract.audit import audit
from extract.cli import main
from helpers import HQIP, SAMPLES
from repaginate import Export
from schema import Report

INPUTS = sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.pdf")])


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_every_sample_passes_the_audit(source: Path) -> None:
    checked = audit(source, parse(source))
    assert checked.ok, checked.summary()
    assert checked.source_words > 200


def _variants(text: str) -> list[str]:
    split = Export.read(text)
    split.split(5, 4, "their use of national audit data")
    split.split(13, 1, "with clinical leads, commissioners")
    split.split(5, 4, "<p>We aim to undertake")
    one_per_page = Export.read(text)
    return [split.render(), one_per_page.render(list(range(1, len(one_per_page.rows)))), Export.read(text).render(headers=False)]


def test_re_paginated_variants_pass_the_audit(hqip_text: str) -> None:
    for variant in _variants(hqip_text):
        report = parse_text(variant, name="variant.txt")
        checked = audit(variant.encode("utf-8"), report)
        assert checked.ok, checked.summary()


def test_the_audit_finds_a_lost_row(hqip: Report) -> None:
    data = json.loads(hqip.to_json())
    del data["tables"][0]["rows"][-1]
    checked = audit(HQIP, Report.model_validate(data))
    assert not checked.ok
    assert checked.missing["HQIP"] == 2 and checked.missing["outlier"] == 1
    assert checked.summary().startswith("audit: the output differs from the table's cells: '20' 1 fewer, ")


def test_the_audit_counts_an_inherited_cell_once(hqip: Report) -> None:
    assert hqip.recommendations[14].next_steps.inherited_from == 14
    assert audit(HQIP, hqip).ok


def test_audit_flag_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--audit", str(HQIP)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{HQIP}: audit: all 2567 words of the table's cells are in the output, as often"
    )


def test_audit_of_a_missing_file_is_our_error(hqip: Report, tmp_path: Path) -> None:
    from extract.errors import InputReadError

    with pytest.raises(InputReadError, match="cannot read the file"):
        audit(tmp_path / "gone.txt", hqip)
