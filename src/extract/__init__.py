"""report-extract: recommendation-and-response report tables to validated JSON.

>>> from extract import parse
>>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
>>> report.report.responder, str(report.report.published)
('HQIP', '2014-10-08')
>>> print(report.to_json()[:1])
{

The library: ``parse``, ``parse_bytes`` and ``parse_text`` give a ``schema.Report``;
``Profile`` and ``Limits`` shape and bound the parse; ``audit`` checks a report's
words against its source; ``cyclic_gc_paused`` speeds a long parse up; the outputs
(``render`` and ``FORMATS``, ``to_rows``, ``to_csv``, ``commitments_to_csv``,
``to_markdown``, ``to_jsonl`` with ``LINE`` and ``ROW``, ``to_html``, ``to_xlsx``, ``to_dataframe``,
``write_sqlite``)
are imported on first use; each table export takes one report or a list of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import schema as _schema

if not hasattr(_schema, "SCHEMA_VERSION"):  # another distribution's top-level "schema" (PyPI's "schema")
    import sys as _sys
    from pathlib import Path as _Path

    _CLASH = (f"report-extract's package 'schema' is replaced by another one at "
              f"{getattr(_schema, '__file__', '?')} (PyPI's 'schema' installs the same top-level name): "
              "install report-extract in a virtual environment of its own")
    if _sys.argv[:1] == ["-m"] or _Path(_sys.argv[0]).name == "report-extract":  # the command line: one line
        print(f"report-extract: {_CLASH}", file=_sys.stderr)
        raise SystemExit(1)
    raise ImportError(_CLASH, name="schema")

from extract.audit import Audit, audit
from extract.errors import ExtractError
from extract.limits import Limits
from extract.pipeline import cyclic_gc_paused, parse, parse_bytes, parse_text
from extract.profile import Profile

if TYPE_CHECKING:
    from extract.outputs import FORMATS, render
    from extract.outputs.dataframe import to_dataframe
    from extract.outputs.jsonl import LINE, ROW, to_jsonl
    from extract.outputs.markdown import to_markdown
    from extract.outputs.review import to_html
    from extract.outputs.sqlite import write_sqlite
    from extract.outputs.tables import commitments_to_csv, to_csv, to_rows
    from extract.outputs.xlsx import to_xlsx

#: Names imported on first use (PEP 562), so that ``import extract`` does not load every output.
_LAZY = {
    "FORMATS": "extract.outputs",
    "render": "extract.outputs",
    "LINE": "extract.outputs.jsonl",
    "ROW": "extract.outputs.jsonl",
    "to_dataframe": "extract.outputs.dataframe",
    "to_xlsx": "extract.outputs.xlsx",
    "write_sqlite": "extract.outputs.sqlite",
    "to_jsonl": "extract.outputs.jsonl",
    "to_markdown": "extract.outputs.markdown",
    "to_html": "extract.outputs.review",
    "commitments_to_csv": "extract.outputs.tables",
    "to_csv": "extract.outputs.tables",
    "to_rows": "extract.outputs.tables",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata is slow to load: only when asked for
        from extract.cli.options import version

        return version()
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMATS",
    "LINE",
    "ROW",
    "Audit",
    "ExtractError",
    "Limits",
    "Profile",
    "audit",
    "commitments_to_csv",
    "cyclic_gc_paused",
    "parse",
    "parse_bytes",
    "parse_text",
    "render",
    "to_csv",
    "to_dataframe",
    "to_html",
    "to_jsonl",
    "to_markdown",
    "to_rows",
    "to_xlsx",
    "write_sqlite",
]
