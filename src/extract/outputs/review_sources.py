"""What the review page shows of the source itself: a PDF row's page regions as pictures, and the
source fragments of a text, Word, web or spreadsheet input as written.

- **A PDF**: each row's cells' boxes (their provenance) on each page it spans, put together into
  one region a page, from the page's left edge (the identifier is no cell of the row, but shows),
  rendered with pdfplumber (pypdfium2) at ``RESOLUTION`` dots an inch on the page as the reader
  read it (turned upright where it turned it; the visible area, the crop box, only) and embedded
  as a PNG ``data:`` URI, so the page still travels as one file. Inherited cells are left out
  (their boxes are another row's).
- **Any other input**: the reader's raw cell of each fragment, as written (markup and all): found
  by its ``position`` (a Word or web table's table, row and grid column) or, for a text export or
  spreadsheet text, as the field at its column's place on its line.
"""

from __future__ import annotations

import base64
import io
from typing import NamedTuple

from extract.readers import RawDocument, is_pdf, read_document
from extract.readers.pdf import turned_upright
from schema import Provenance, Report

#: Dots an inch of a page picture: the 7-page sample's page stays under 2 MB.
RESOLUTION = 96
#: Points of page around a row's region.
_MARGIN = 4.0


class Crop(NamedTuple):
    """A picture of the part of a page a row came from."""

    page: int
    uri: str
    """A ``data:image/png;base64,…`` URI."""
    width: int
    height: int


def pdf_crops(data: bytes, report: Report) -> dict[tuple[int, int], list[Crop]]:
    """Each row's (table, row) pictures, one a page it spans, in page order."""
    regions: dict[tuple[int, int], dict[int, list[float]]] = {}
    for t, table in enumerate(report.tables):
        for r, row in enumerate(table.rows):
            pages: dict[int, list[float]] = {}
            for cell in row.cells().values():
                if cell.inherited_from is not None:
                    continue
                for place in cell.provenance:
                    if place.bbox is None:
                        continue
                    box = place.bbox
                    known = pages.get(place.page)
                    pages[place.page] = [box.x0, box.top, box.x1, box.bottom] if known is None else [
                        min(known[0], box.x0), min(known[1], box.top), max(known[2], box.x1), max(known[3], box.bottom)]
            if pages:
                regions[t, r] = pages
    on_page: dict[int, list[tuple[int, int]]] = {}  # the rows each page holds part of, in order
    for key, pages in regions.items():
        for number in pages:
            on_page.setdefault(number, []).append(key)
    wanted = sorted(on_page)
    if not wanted:
        return {}
    import pdfplumber

    crops: dict[tuple[int, int], list[Crop]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in wanted:  # one page's picture in memory at a time
            if not 1 <= number <= len(pdf.pages):
                continue
            stored = pdf.pages[number - 1]
            page = turned_upright(stored)  # as the reader read it: the boxes are measured on it
            picture = stored.to_image(resolution=RESOLUTION)  # the visible area (the crop box)
            image, scale, frame = picture.original, picture.scale, picture.bbox
            extra = (page.rotation - stored.rotation) % 360
            if extra:  # a PDF turns clockwise, a picture the other way
                image, frame = image.rotate(-extra, expand=True), page.bbox
            left_edge, top_edge, right_edge, bottom_edge = frame
            for key in on_page[number]:
                # from the page's left edge, so that the row's identifier shows (it is no cell of the row)
                _, top, x1, bottom = regions[key][number]
                region = (left_edge, max(top_edge, top - _MARGIN), min(right_edge, x1 + _MARGIN),
                          min(bottom_edge, bottom + _MARGIN))
                left, upper, right, lower = (round((value - origin) * scale) for value, origin in
                                             zip(region, (left_edge, top_edge, left_edge, top_edge), strict=True))
                piece = image.crop((left, upper, right, lower))
                out = io.BytesIO()
                piece.save(out, format="PNG", optimize=True)
                uri = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
                crops.setdefault(key, []).append(Crop(number, uri, piece.width, piece.height))
            if page is not stored:
                page.close()
            stored.close()
            del image
    return crops


class Sources(NamedTuple):
    """What the review page shows of the source, where it has the source's bytes."""

    crops: dict[tuple[int, int], list[Crop]]
    """A PDF's rows' pictures, by (table, row)."""
    fragments: Fragments | None
    """Any other input's fragments as written."""
    href: str | None
    """A link to the source file from where the page is written (a PDF's opens at a page)."""


def sources(data: bytes, name: str, report: Report, href: str | None = None) -> Sources:
    """What the review page of ``report`` shows of its source ``data``."""
    if is_pdf(data):
        return Sources(pdf_crops(data, report), None, href)
    return Sources({}, source_fragments(data, name), href)


class Fragments:
    """The reader's raw cells of a non-PDF input, to look each provenance entry's fragment up."""

    def __init__(self, document: RawDocument) -> None:
        self.by_position = {cell.position: cell.text for row in document.rows for cell in row.cells
                            if cell.position is not None}
        self.by_line = {row.line: [cell.text for cell in row.cells] for row in document.rows}

    def fragment(self, place: Provenance, column: int | None) -> str | None:
        """The fragment as written, or None where it cannot be found."""
        if place.position is not None:
            return self.by_position.get(place.position)
        fields = self.by_line.get(place.line)
        if fields is None or column is None or column >= len(fields):
            return None
        return fields[column]


def source_fragments(data: bytes, name: str) -> Fragments | None:
    """The raw cells of a non-PDF input (None for a PDF, or one that cannot be read again)."""
    if is_pdf(data):
        return None
    try:
        document = read_document(data, name)
    except Exception:  # the report was made from these bytes; a failure here only loses the folds
        return None
    return Fragments(document)


__all__ = ["RESOLUTION", "Crop", "Fragments", "Sources", "pdf_crops", "source_fragments", "sources"]
