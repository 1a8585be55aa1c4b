"""Small ruled-table PDFs built at test time with the minimal writer."""

from __future__ import annotations

from dataclasses import dataclass

from pdfwriter import Page

COLUMNS = (40.0, 80.0, 330.0, 430.0, 630.0, 800.0)
HEADER = (
    ("No.", "Recommendations and audiences", "", "HQIP response", ""),
    ("", "Recommendation", "Target audience", "Action taken", "Next steps"),
)
PITCH, GAP, INDENT, PADDING = 10.0, 6.0, 9.0, 4.0


@dataclass
class CellLines:
    """Lines of one cell: (text, indented, gap before)."""

    lines: list[tuple[str, bool, bool]]

    @classmethod
    def parse(cls, block: str) -> CellLines:
        lines: list[tuple[str, bool, bool]] = []
        gap = False
        for raw in block.split("\n"):
            if not raw.strip():
                gap = bool(lines)
                continue
            indented = raw.startswith("> ")
            lines.append((raw[2:] if indented else raw, indented, gap))
            gap = False
        return cls(lines)

    def height(self) -> float:
        return sum(PITCH + (GAP if gap else 0) for _, _, gap in self.lines)


def draw_row(page: Page, top: float, cells: list[CellLines], *, bold: bool = False, ruled: bool = True) -> float:
    """Draw one table row (ruled unless told otherwise); return its bottom."""
    height = max((cell.height() for cell in cells), default=PITCH) + 2 * PADDING
    for column, cell in enumerate(cells):
        y = top + PADDING
        for text, indented, gap in cell.lines:
            y += GAP if gap else 0
            page.text(COLUMNS[column] + PADDING + (INDENT if indented else 0), y, text, bold=bold)
            y += PITCH
    bottom = top + height
    if ruled:
        page.rule(COLUMNS[0], bottom, COLUMNS[-1], bottom)
        for x in COLUMNS:
            page.rule(x, top, x, bottom)
    return bottom


def table_page(
    rows: list[list[CellLines]],
    *,
    title: str | None = "Summary of HQIP responses to 'T' (published 1 Jan 2015)",
    header: bool = True,
    ruled: bool = True,
) -> Page:
    page = Page()
    if title:
        page.text(COLUMNS[0], 20, title, size=10, bold=True)
    top = 40.0
    if ruled:
        page.rule(COLUMNS[0], top, COLUMNS[-1], top)
    for labels in HEADER if header else ():
        top = draw_row(page, top, [CellLines.parse(label) for label in labels], bold=True, ruled=ruled)
    for row in rows:
        top = draw_row(page, top, row, ruled=ruled)
    return page


def single_cell_table(cell: str, elsewhere: str = "Next.") -> Page:
    parse = CellLines.parse
    return table_page([[parse("1"), parse(cell), parse("Providers"), parse("Done."), parse(elsewhere)]])
