"""Parsed reports as an Excel workbook (openpyxl): the rows, the commitments and the reports.

Sheets: ``rows`` (the columns of ``to_rows``), ``commitments`` (those of ``commitments_to_csv``)
and ``reports`` (one line per input: file, digest, format, title, what the title says, pages,
tables, rows, warnings). Identifiers are text cells ("1.10" is not the number 1.1); lists are
joined with "; "; a cell opening with ``=`` is text, never a formula. The bytes are the same for
the same reports: the workbook's timestamps and its zip entries' dates are fixed. A control
character (which a workbook's XML cannot hold) is shown as U+FFFD; a cell longer than Excel's
32,767 characters ends with "…" at the limit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from extract.outputs.review_table import xml_text
from extract.outputs.tables import COMMITMENT_COLUMNS, Reports, columns, commitment_rows, reports_of, to_rows
from schema import Report, Severity

#: The one date the workbook states (its created and modified times): 1980-01-01, as its zip entries.
_EPOCH = "1980-01-01T00:00:00Z"
REPORT_COLUMNS = ("file", "sha256", "format", "title", "responder", "report_title", "published", "pages",
                  "tables", "rows", "warnings")
#: Excel's limit on a cell's text: a longer cell ends with "…" at it (the CSV and JSON hold it whole).
_CELL_LIMIT = 32767


def _value(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str):
        value = xml_text(value)  # characters a workbook's XML cannot hold are U+FFFD
        if len(value) > _CELL_LIMIT:
            value = value[:_CELL_LIMIT - 1] + "…"
    return value


def _sheet(workbook: Any, title: str, header: list[str], rows: Iterable[list[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell

    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even where it starts with "=" or looks like a number
            cells.append(cell)
        sheet.append(cells)
    sheet.freeze_panes = "A2"


def _report_line(report: Report) -> list[Any]:
    info = report.report
    return [report.source.file, report.source.sha256, report.source.format, report.title, info.responder,
            info.title, info.published.isoformat() if info.published else None, report.source.page_count,
            len(report.tables), len(report.records),
            sum(1 for d in report.diagnostics if d.severity is Severity.WARNING)]


def to_xlsx(reports: Reports) -> bytes:
    """The workbook of one report or several, as bytes."""
    try:
        from openpyxl import Workbook
    except ImportError:  # a dependency: only a broken installation lacks it
        raise ImportError("writing a workbook needs openpyxl: pip install openpyxl", name="openpyxl") from None
    every = reports_of(reports)
    workbook = Workbook(write_only=True)
    names = columns(every)
    _sheet(workbook, "rows", names, ([row[name] for name in names] for row in to_rows(every)))
    _sheet(workbook, "commitments", list(COMMITMENT_COLUMNS), commitment_rows(every))
    _sheet(workbook, "reports", list(REPORT_COLUMNS), (_report_line(report) for report in every))
    out = io.BytesIO()
    workbook.save(out)
    return _fixed(out.getvalue())


def _fixed(data: bytes) -> bytes:
    """The workbook with its stated times and its zip entries' dates fixed, so that the same reports
    give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + _EPOCH.encode(), content)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def render(reports: Reports, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format xlsx``: ``to_xlsx``."""
    return (to_xlsx(reports),)
