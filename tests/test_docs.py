"""The examples in docstrings run, from the project's root like README's."""

from __future__ import annotations

import csv
import doctest
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import extract
import extract.outputs.tables
import extract.pipeline
import schema
import schema.generate
import schema.resolve
from helpers import ROOT


@pytest.mark.parametrize(
    "module",
    [extract, extract.outputs.tables, extract.pipeline, schema, schema.generate, schema.resolve],
    ids=lambda m: m.__name__,
)
def test_docstring_examples(module, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def _blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in readme.split(f"```{language}\n")[1:]]


def test_readme_command_line_examples_run_as_a_user_runs_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a shell with the environment activated (its bin folder first on PATH), from a folder
    holding the samples, every line of the Command line section's block runs."""
    (block,) = [b for b in _blocks("sh") if "report-extract --version" in b]
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    bin_folder = str(Path(sys.executable).parent)
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
           "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(Path(bin_folder).parent)}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["source"]["file"] == "<stdin>"
    assert (tmp_path / "review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "table.csv").read_text(encoding="utf-8-sig").startswith(
        "file,sha256,responder,report_title,published,table,table_heading,number,id,")
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".csv"] * 6
    with (tmp_path / "all.csv").open(encoding="utf-8-sig", newline="") as stream:  # every sample's rows
        assert len({row["file"] for row in csv.DictReader(stream)}) == 6


def test_readme_library_examples_run_as_written(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    blocks = [block for block in _blocks("python") if ">>>" not in block]
    assert len(blocks) >= 4
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # README's own examples
    assert "9 [4, 5]" in capsys.readouterr().out
