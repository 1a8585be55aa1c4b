"""The examples in docstrings run, from the project's root like README's."""

from __future__ import annotations

import doctest

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
