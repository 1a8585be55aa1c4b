"""The shape of the code: stages import only earlier stages, one list of diagnostic codes, one
registry of readers and one table of outputs, public names declared, small modules."""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest

from extract import diagnostics
from extract.cli import batch
from extract.outputs import FORMATS
from extract.readers import READERS, SUFFIXES
from helpers import ROOT, SAMPLES
from schema import Report, Source

SRC = ROOT / "src"
PACKAGE = SRC / "extract"

#: The stages in the order data flows through them; a module may import its own stage or an earlier one.
#: The support modules (errors, diagnostics, limits, profile) sit below every stage.
ORDER = ["errors", "diagnostics", "limits", "profile", "fragments", "readers", "table", "stitch", "analyze",
         "assemble", "pipeline", "audit", "compare", "outputs", "cli", "__main__", "__init__"]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (at its top or inside a function), with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_every_module_is_in_a_known_stage() -> None:
    assert {_stage(path) for path in _modules()} <= set(ORDER)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path: Path) -> None:
    own = ORDER.index(_stage(path))
    for line, module in _imports(path):
        if module == "extract" or module.startswith("extract."):
            parts = module.split(".")
            target = parts[1] if len(parts) > 1 else "__init__"
            assert ORDER.index(target) <= own, f"{path.name}:{line} imports {module}, a later stage"


def test_the_schema_never_imports_the_pipeline() -> None:
    for path in sorted((SRC / "schema").rglob("*.py")):
        assert not [m for _, m in _imports(path) if m == "extract" or m.startswith("extract.")], path


def test_modules_stay_small_and_few_stay_flat() -> None:
    sizes = {str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert not {name: lines for name, lines in sizes.items() if lines > 400}
    assert len(list(PACKAGE.glob("*.py"))) <= 12


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_every_package_declares_what_is_public(path: Path) -> None:
    module_name = ".".join(path.relative_to(SRC).parent.parts)
    module = __import__(module_name, fromlist=["__all__"])
    assert hasattr(module, "__all__"), f"{module_name} has no __all__"
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{module_name}.__all__ names {name}, which it lacks"


def test_tests_and_tools_import_public_names_only() -> None:
    private = re.compile(r"^\s*from (?:extract|schema)[\w.]* import .*\b_[A-Za-z]", re.MULTILINE)
    for folder in ("tests", "benchmarks", "fuzz", "samples"):
        for path in sorted((ROOT / folder).glob("*.py")):
            assert not private.search(path.read_text(encoding="utf-8")), f"{path.name} imports a private name"


# --- diagnostics ---------------------------------------------------------------------------------


def _warning_calls() -> list[tuple[Path, int, ast.expr]]:
    """The code argument of every ``warning(...)`` and ``info(...)`` call in the package."""
    calls = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("warning", "info"):
                calls.append((path, node.lineno, node.args[0]))
    return calls


def test_diagnostics_are_made_only_with_a_listed_code() -> None:
    constants = {name for name in diagnostics.__all__ if name.isupper() and name != "CODES"}
    for path in _modules():
        if path.name == "diagnostics.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "Diagnostic(" not in text, f"{path.name} makes a Diagnostic itself: use diagnostics.warning"
    used = set()
    for path, line, code in _warning_calls():
        assert isinstance(code, ast.Name) and code.id in constants, f"{path.name}:{line}: not a code constant"
        used.add(getattr(diagnostics, code.id))
    assert used == set(diagnostics.CODES), "a code listed in extract.diagnostics is never used"


def test_readme_documents_every_diagnostic_code_and_no_other() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Diagnostic codes"):]
    section = section[:section.index("\n#")]
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    assert documented == list(diagnostics.CODES)


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown diagnostic code 'no-such-code'"):
        diagnostics.warning("no-such-code", "message")


def test_the_samples_give_only_listed_codes() -> None:
    for path in sorted(SAMPLES.glob("*.json")):  # each the parse of its sample (tests/test_golden.py)
        report = Report.model_validate_json(path.read_bytes())
        assert {d.code for d in report.diagnostics} <= set(diagnostics.CODES), path.name


# --- registries ----------------------------------------------------------------------------------


def test_source_format_names_are_the_readers() -> None:
    allowed = typing.get_args(Source.model_fields["format"].annotation)
    assert sorted(reader.format for reader in READERS) == sorted(allowed)


def test_folders_are_scanned_for_the_readers_suffixes() -> None:
    assert batch.SUFFIXES is SUFFIXES
    assert set(SUFFIXES) == {suffix for reader in READERS for suffix in reader.suffixes}


def test_format_choices_and_help_come_from_the_table() -> None:
    from extract.cli import build_parser

    parser = build_parser()
    (option,) = [action for action in parser._actions if "--format" in action.option_strings]
    assert list(option.choices or ()) == list(FORMATS)
    described = " ".join(parser.format_help().split())
    for fmt in FORMATS.values():
        assert f"{fmt.name} ({fmt.extension}): {' '.join(fmt.description.split())}." in described
