"""PDF tables as Word and LibreOffice lay them out: group labels centred over the columns they
group, header-only grids (shaded or boxed) over unruled rows, and paragraphs that run on across a
page break. Small PDFs built here with the minimal writer (tests/pdfwriter.py); the LibreOffice
renderings of the HQIP table are checked in tests/test_word_pdfs.py."""

from __future__ import annotations

from extract import parse_bytes
from helpers import warnings
from pdfwriter import Page, build_pdf

TITLE = "Summary of responses to 'T' (published 1 Jan 2015)"
STARTS = (40.0, 80.0, 330.0, 430.0, 630.0)
RIGHT = 800.0


def _centred(page: Page, left: float, right: float, top: float, text: str) -> None:
    width = len(text) * 4.6  # about Helvetica-Bold's width at 8 pt
    page.text((left + right - width) / 2, top, text, bold=True)


def _grouped_header(page: Page, top: float) -> float:
    """HQIP's two header lines, the group labels centred over their columns; the line under them."""
    page.text(STARTS[0] + 4, top, "No.", bold=True)
    _centred(page, STARTS[1], STARTS[3], top, "Recommendations and audiences")
    _centred(page, STARTS[3], RIGHT, top, "HQIP response")
    for x, label in zip(STARTS[1:], ("Recommendation", "Target audience", "Action taken", "Next steps"), strict=True):
        page.text(x + 4, top + 12, label, bold=True)
    return top + 30


def _body(page: Page, top: float, rows: list[tuple[str, ...]]) -> None:
    for cells in rows:
        for x, text in zip(STARTS, cells, strict=True):
            page.text(x + 4, top, text)
        top += 20


ROWS = [("1", "Commissioners should consider a strategy.", "Commissioners", "Done.", "None."),
        ("2", "Trusts should publish results.", "Trusts", "Guidance issued.", "Review in 2015.")]


def test_group_labels_centred_over_their_columns_are_not_columns() -> None:
    page = Page()
    page.text(40, 20, TITLE, size=10, bold=True)
    _body(page, _grouped_header(page, 40), ROWS)
    report = parse_bytes(build_pdf([page]), name="grouped.pdf")
    (table,) = report.tables
    assert [c.label for c in table.columns] == ["No.", "Recommendation", "Target audience", "Action taken",
                                                "Next steps"]
    assert [[cell.text for cell in row.cells().values()] for row in table.rows] == [list(row[1:]) for row in ROWS]
    assert warnings(report) == []
