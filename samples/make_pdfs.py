"""Render the HQIP report's table as PDF fixtures with WeasyPrint.

The original PDF is not available, so these are made from the text sample:
its parsed rows rendered as an HTML table, A4 landscape, the header repeated on
every page (a <thead>), rows split across pages where they do not fit, and
items 14 and 15's audience and response cells drawn as one merged cell
(rowspan 2), as in the original.

    python samples/make_pdfs.py            # writes the committed fixtures
    python samples/make_pdfs.py --pages 500 --out /tmp/big.pdf   # a long one, for the benchmark
    python samples/make_pdfs.py --html tests/fixtures/html/hqip.html   # the page, as a web page

Needs the `fixtures` extra (WeasyPrint, pypdf); the tests only read the PDFs it
wrote and never need a renderer.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from extract import parse  # noqa: E402
from schema import Cell, Paragraph, Report  # noqa: E402

SOURCE = HERE / "hqip-engaging-clinicians-2014.txt"
KEYS = ("recommendation", "target_audience", "action_taken", "next_steps")

CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 8.2pt; line-height: 1.2; }
h1 { font-size: 11pt; margin: 0 0 8pt 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
th, td { vertical-align: top; text-align: left; padding: 3pt 4pt; }
th { font-weight: bold; }
tr { break-inside: auto; }
td p { margin: 0 0 6pt 0; }
td ul { margin: 0 0 6pt 0; padding: 0; list-style: none; }
td li { padding-left: 9pt; text-indent: -9pt; }
td > :last-child { margin-bottom: 0; }
"""
RULED = "th, td { border: 0.6pt solid #000; }"
UNRULED = "th, td { border: none; } thead { border-bottom: none; }"
WIDTHS = (5, 27, 13, 28, 27)


def _cell_html(cell: Cell) -> str:
    parts = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        else:
            items = "".join(f"<li>•\u00a0{html.escape(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def _rows_html(report: Report, repeat: int = 1) -> str:
    """The table's rows; repeated ``repeat`` times (numbered on) for a long document."""
    rows = []
    spanned: set[int] = set()
    recommendations = report.recommendations
    for index, rec in enumerate(recommendations * repeat):
        shown = rec.id if repeat == 1 else str(index + 1)
        cells = [f"<td>{html.escape(shown)}</td>", f"<td>{_cell_html(rec.recommendation)}</td>"]
        following = recommendations[(index + 1) % len(recommendations)]
        if index in spanned:
            pass
        elif following.target_audience.inherited_from == rec.number:
            spanned.add(index + 1)
            cells += [f'<td rowspan="2">{_cell_html(getattr(rec, key))}</td>' for key in KEYS[1:]]
        else:
            cells += [f"<td>{_cell_html(getattr(rec, key))}</td>" for key in KEYS[1:]]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(rows)


def build_html(report: Report, *, ruled: bool, repeat: int = 1) -> str:
    cols = "".join(f'<col style="width: {w}%">' for w in WIDTHS)
    body = _rows_html(report, repeat)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(report.title or "")}</title>
<style>{CSS}{RULED if ruled else UNRULED}</style></head>
<body><h1>{html.escape(report.title or "")}</h1>
<table><colgroup>{cols}</colgroup>
<thead>
<tr><th rowspan="2">No.</th><th colspan="2">Recommendations and audiences</th><th colspan="2">HQIP response</th></tr>
<tr><th>Recommendation</th><th>Target audience</th><th>Action taken</th><th>Next steps</th></tr>
</thead>
<tbody>
{body}
</tbody></table></body></html>
"""


def render(html_text: str, target: Path) -> None:
    from weasyprint import HTML  # only the generator needs a renderer

    HTML(string=html_text).write_pdf(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="repeat the table's rows N times (a long PDF)")
    parser.add_argument("--unruled", action="store_true", help="with --out: no ruling lines")
    parser.add_argument("--out", type=Path, help="write one PDF here instead of the committed fixtures")
    parser.add_argument("--html", type=Path, help="write the HTML page (the web-page fixture) here instead")
    args = parser.parse_args(argv)
    report = parse(SOURCE)
    if args.html:  # the page itself: the HTML reader's fixture (tests/fixtures/html/)
        args.html.write_text(build_html(report, ruled=True), encoding="utf-8")
        return 0
    if args.out:
        render(build_html(report, ruled=not args.unruled, repeat=args.repeat), args.out)
        return 0
    for ruled, name in ((True, "hqip-engaging-clinicians-2014-ruled.pdf"), (False, "hqip-engaging-clinicians-2014-unruled.pdf")):
        render(build_html(report, ruled=ruled), HERE / name)
        print(f"wrote samples/{name}")
    encrypted = HERE.parent / "tests" / "fixtures" / "encrypted.pdf"
    write_encrypted(HERE / "hqip-engaging-clinicians-2014-ruled.pdf", encrypted, pages=1)
    print(f"wrote {encrypted.relative_to(HERE.parent)}")
    return 0


def write_encrypted(source: Path, target: Path, *, pages: int) -> None:
    """The first pages of a PDF, encrypted with a user password (for the bad-input tests)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages[:pages]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    with target.open("wb") as stream:
        writer.write(stream)


if __name__ == "__main__":
    sys.exit(main())
