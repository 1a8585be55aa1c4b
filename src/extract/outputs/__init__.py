"""Outputs: a parsed report rendered as ``--format`` asks, one module per format behind one table.

``FORMATS`` is the table: each format's name (as ``--format`` takes it), the
extension of its files in an output folder, what it is (the command line's help
is made from these), and where its renderer lives. A renderer takes the report
(and ``compact``, JSON on one line) and gives the output as UTF-8 bytes in parts
to be written one after the other. Each module is imported only when its format
is asked for: a JSON run does not pay for the others' start-up.

To add an output: write its module with a renderer, add a ``Format`` here, and a
line to README's table of exports.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from typing import NamedTuple, cast

from schema import Report

Renderer = Callable[..., Iterable[bytes]]


class Format(NamedTuple):
    """One output format: its name, its files' extension, what it is, and its renderer."""

    name: str
    extension: str
    description: str
    """What the output is, one sentence for the command line's help."""
    renderer: str
    """``module:function`` of the renderer, imported when the format is used."""
    many: bool = False
    """One file can hold many reports (``-o all.csv`` with a folder of inputs): the renderer takes a
    list of reports as well as one."""
    sourced: bool = False
    """Shows the source itself where it is given its bytes (``source``) and a link to it from where
    the output is written (``source_href``)."""
    dated: bool = False
    """Takes ``as_of``: the date by which each commitment is due or upcoming."""
    database: bool = False
    """Written in place into a database file (``-o FILE`` only, for one input or many), not as bytes:
    the renderer is ``write(path, reports)``."""

    def function(self) -> Callable[..., object]:
        """The renderer (or a database's writer), imported."""
        module, function = self.renderer.split(":")
        return cast(Callable[..., object], getattr(importlib.import_module(module), function))

    def iter_parts(self, report: Report | list[Report], *, compact: bool = False,
                   as_of: dt.date | None = None, source: bytes | None = None,
                   source_href: str | None = None) -> Iterable[bytes]:
        """The report in this format, as UTF-8 bytes in parts, made as they are asked for where the
        renderer can (JSON: a row at a time), so that the whole output need not be in memory.
        ``as_of``: the date commitments are due by (``--format commitments`` only)."""
        if self.database:
            raise ValueError(f"--format {self.name} is written into a file: extract.outputs.{self.name}")
        if as_of is not None and not self.dated:
            raise ValueError(f"--as-of applies to --format {', '.join(n for n, f in FORMATS.items() if f.dated)}")
        renderer = cast(Renderer, self.function())
        extra: dict[str, object] = {"as_of": as_of} if as_of is not None else {}
        if self.sourced and source is not None:
            extra.update(source=source, source_href=source_href)
        return renderer(report, compact=compact, **extra)


#: Every output format, by name, in the order the command line lists them; the first is the default.
FORMATS = {
    f.name: f
    for f in (
        Format("json", ".json", "the report, validated JSON: title, source, columns, rows, diagnostics",
               "extract.outputs.json_report:render_json"),
        Format("jsonl", ".jsonl", "one table row a line: its report's fields (file, sha256, responder, "
               "report_title, published), its table's index and heading, and the row's full JSON (cells and "
               "provenance)", "extract.outputs.jsonl:render_jsonl", many=True),
        Format("csv", ".csv", "one record per row (the report's fields, table and heading, number, id, one text "
               "column per cell, audiences, references, inherited_from, pages, lines), UTF-8 with a byte-order "
               "mark, CRLF", "extract.outputs.tables:render_csv", many=True),
        Format("commitments", ".commitments.csv", "the dated commitments as CSV, one a record (the report's "
               "fields, table, row, item, id, field, phrase, start, end, tense, inherited_from)",
               "extract.outputs.tables:render_commitments", many=True, dated=True),
        Format("xlsx", ".xlsx", "an Excel workbook: sheets of rows (as csv, identifiers as text), commitments "
               "and reports", "extract.outputs.xlsx:render", many=True),
        Format("sqlite", ".sqlite", "a SQLite database of every input (reports, tables, rows, cells with a "
               "full-text index, references, commitments, diagnostics, and views): a report read again is "
               "replaced, never doubled", "extract.outputs.sqlite:write_sqlite", many=True, database=True),
        Format("markdown", ".md", "the table for a code-hosting site", "extract.outputs.markdown:render"),
        Format("html", ".html", "a self-contained review page, each cell with its pages, lines and page-break "
               "joins, each PDF row's page region as a picture, any other input's fragments as written, and "
               "the commitments", "extract.outputs.review:render", sourced=True),
    )
}

#: Each format's name and the extension of its files in an output folder.
EXTENSIONS = {name: f.extension for name, f in FORMATS.items()}


def iter_parts(report: Report | list[Report], format: str = "json", *, compact: bool = False,
               as_of: dt.date | None = None, source: bytes | None = None,
               source_href: str | None = None) -> Iterable[bytes]:
    """``render`` in parts to be written one after the other as they are made (see ``Format.iter_parts``)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    if isinstance(report, list) and not FORMATS[format].many:
        raise ValueError(f"--format {format} holds one report; several are one file only as "
                         f"{', '.join(name for name, f in FORMATS.items() if f.many)}")
    return FORMATS[format].iter_parts(report, compact=compact, as_of=as_of, source=source, source_href=source_href)


def render_parts(report: Report | list[Report], format: str = "json", *, compact: bool = False) -> tuple[bytes, ...]:
    """``render`` in parts to be written one after the other, so that no part is copied to join them."""
    return tuple(iter_parts(report, format, compact=compact))


def render(report: Report | list[Report], format: str = "json", *, compact: bool = False) -> bytes:
    """``report`` in ``format`` as UTF-8 bytes; ``compact`` puts JSON on one line (a line of JSON Lines).
    A list of reports, for a format that holds many (``Format.many``), is one file of them all."""
    return b"".join(render_parts(report, format, compact=compact))


__all__ = ["EXTENSIONS", "FORMATS", "Format", "iter_parts", "render", "render_parts"]
