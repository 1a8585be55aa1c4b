"""Write the HQIP report's table as Word documents (python-docx) and export them to PDF with LibreOffice.

The same content as samples/make_pdfs.py (the text sample's parsed rows), but made the way a Word user
would type it, and put to PDF the way most real reports are: a Word table exported by an office suite.

What the documents have, as Word writes it:

- the title as a bold paragraph above the table; Calibri throughout (Carlito renders its metrics);
- two header rows, both repeating header rows (``w:tblHeader``): "No." merged down into row 2 (vMerge),
  "Recommendations and audiences" and "HQIP response" each spanning two columns (gridSpan);
- body rows allowed to break across pages (no ``w:cantSplit``);
- items 14 and 15 sharing one vertically merged cell in the last three columns (item 14's text);
- a cell's paragraphs as separate paragraphs (space after); its lists as real Word bullets: a
  numbering definition whose level-0 bullet is U+F0B7 in the "Symbol" font, the paragraphs in the
  List Paragraph style with ``w:numPr`` (LibreOffice draws the bullet with OpenSymbol, and the PDF's
  text has the private-use U+F0B7, as in PDFs exported from Word);
- the phrases the source marks ``<i>…</i>`` in italic runs;
- the table the full text width, fixed column widths 5/27/13/28/27 %, modest cell margins.

The variants (written to tests/fixtures/word/, each .docx next to its .pdf):

- hqip-word-ruled-landscape: A4 landscape, every cell bordered (single 0.5 pt lines);
- hqip-word-unruled-shaded: A4 landscape, no borders anywhere, the two header rows shaded D9D9D9;
- hqip-word-unruled-plain: A4 landscape, no borders, no shading;
- hqip-word-ruled-portrait: A4 portrait, bordered, larger type, so many more page breaks.

Each is tuned (type size, page margins) so that its body rows split across page breaks in the three
ways a reader must join: a paragraph going on, mid-sentence, on the next page; a cell going on between
two of its paragraphs; a bullet list going on on the next page. Where they fall (LibreOffice 7.4 with
Carlito; "p2/3" is the break between pages 2 and 3; paragraphs and bullets counted from 1 in their cell):

- hqip-word-ruled-landscape (10 pt, margins 18 mm top and bottom, 20 mm left and right), 7 pages:
  p1/2 item 3: Action taken between its paragraphs 1 and 2, Next steps mid-sentence;
  p2/3 item 5: Action taken between paragraphs 2 and 3, Next steps mid-sentence (paragraph 2);
  p3/4 item 9: mid-sentence in Action taken and in Next steps (paragraph 2);
  p4/5 item 10: Action taken mid-sentence (paragraph 5);
  p5/6 item 13: the Recommendation's list, between bullets 2 and 3;
  p6/7: between rows (17 | 18; LibreOffice moves row 18 whole, leaving a quarter of page 6 empty).
- hqip-word-unruled-shaded (9.5 pt, margins 25 mm / 20 mm), 7 pages:
  p1/2 item 3: Action taken between paragraphs 1 and 2, Next steps mid-sentence;
  p2/3 item 5: mid-sentence in Action taken (paragraph 3) and Next steps (paragraph 2);
  p3/4 item 9: Next steps mid-sentence (paragraph 2);
  p4/5 item 10: Action taken mid-sentence (paragraph 5);
  p5/6 item 13: the Recommendation's list, between bullets 2 and 3;
  p6/7 item 18: Next steps mid-sentence.
- hqip-word-unruled-plain (10 pt, margins 20 mm), 7 pages:
  p1/2 item 3: Action taken between paragraphs 1 and 2, Next steps mid-sentence;
  p2/3 item 5: mid-sentence in Action taken and Next steps (both paragraph 2);
  p3/4 item 9: mid-sentence in Recommendation and Action taken, Next steps between paragraphs 1 and 2;
  p4/5 item 10: Action taken between paragraphs 4 and 5;
  p5/6 item 13: the Recommendation's list, mid-sentence inside bullet 1;
  p6/7 item 18: mid-sentence in Recommendation, Action taken and Next steps.
- hqip-word-ruled-portrait (11 pt, margins 25 mm / 15 mm, columns 6/25/16/27/26 % so that "No." and
  "Commissioners" still fit on a line), 9 pages:
  p1/2 item 2: Action taken mid-sentence;
  p2/3 item 4: Action taken mid-sentence (paragraph 2);
  p3/4: between rows (5 | 6);
  p4/5 item 9: Next steps mid-sentence (paragraph 3);
  p5/6 item 10: the Recommendation's list, mid-sentence inside bullet 2; Action taken mid-sentence
  (paragraph 5, "The Consultant Outcomes | Programme Style Guide");
  p6/7 item 13: mid-sentence in Recommendation, Action taken and Next steps (the row starts at the foot);
  p7/8 item 16: Recommendation and Next steps mid-sentence, Action taken between paragraphs 1 and 2;
  p8/9: between rows (19 | 20).

How LibreOffice draws them: ruling as stroked 0.5 pt lines (one per row boundary across the table,
one per column boundary down the page's part of the table, a closing line under a split row); the
shading as filled rectangles, one per header cell (each painted twice), no lines.

    python samples/make_word_pdfs.py                 # writes the committed fixtures
    python samples/make_word_pdfs.py --only hqip-word-unruled-plain --outdir /tmp/x

Needs python-docx (the `fixtures` extra) and LibreOffice (``soffice``) on the PATH; the tests only read
the files it wrote. The .docx files are byte-for-byte reproducible (fixed core properties, fixed zip
entry dates). LibreOffice 7.4 writes the export time into the PDF's /CreationDate and derives the
trailer's /ID and /DocChecksum from it (it ignores SOURCE_DATE_EPOCH), so its PDFs differ run to run
in those bytes only; this script overwrites them in place, at the same length (see _pin_pdf), so a
rerun with the same LibreOffice and fonts gives identical files. Another LibreOffice version or other
fonts will lay the pages out differently: check the breaks above again after regenerating.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from extract import parse  # noqa: E402
from schema import Cell, Paragraph, Report  # noqa: E402

SOURCE = HERE / "hqip-engaging-clinicians-2014.txt"
OUTDIR = ROOT / "tests" / "fixtures" / "word"
KEYS = ("recommendation", "target_audience", "action_taken", "next_steps")
WIDTHS = (5, 27, 13, 28, 27)  # per cent of the text width
FONT = "Calibri"
BULLET = "\uf0b7"  # Word's default bullet: this character in the Symbol font
GREY = "D9D9D9"
FIXED_DATE = datetime(2015, 1, 12, 9, 0, tzinfo=UTC)
ZIP_DATE = (2015, 1, 12, 9, 0, 0)

MM = 36000  # EMU per millimetre


@dataclass(frozen=True)
class Variant:
    name: str
    landscape: bool
    ruled: bool
    shaded: bool
    size: float  # the cells' type size, pt
    margin_mm: tuple[float, float, float, float]  # top, right, bottom, left
    after: float = 5  # space after a cell's paragraph, pt
    widths: tuple[int, ...] = WIDTHS
    title_size: float = 12


VARIANTS = (
    Variant("hqip-word-ruled-landscape", landscape=True, ruled=True, shaded=False, size=10, margin_mm=(18, 20, 18, 20)),
    Variant("hqip-word-unruled-shaded", landscape=True, ruled=False, shaded=True, size=9.5, margin_mm=(25, 20, 25, 20)),
    Variant("hqip-word-unruled-plain", landscape=True, ruled=False, shaded=False, size=10, margin_mm=(20, 20, 20, 20)),
    # Portrait: the narrow columns a little wider, so that "No." and "Commissioners" still fit on a line.
    Variant(
        "hqip-word-ruled-portrait",
        landscape=False,
        ruled=True,
        shaded=False,
        size=11,
        margin_mm=(25, 15, 25, 15),
        widths=(6, 25, 16, 27, 26),
    ),
)


# --- WordprocessingML helpers -------------------------------------------------------------------


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _italic_phrases() -> list[str]:
    """The phrases the source marks <i>…</i>, longest first."""
    phrases = set(re.findall(r"<i>\s*(.*?)\s*</i>", SOURCE.read_text(encoding="utf-8")))
    return sorted(phrases, key=len, reverse=True)


def _add_runs(paragraph, text: str, italic: re.Pattern[str] | None, *, bold: bool = False) -> None:
    pieces = italic.split(text) if italic else [text]
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        if bold:
            run.bold = True
        if index % 2:  # the split's captured groups: the italic phrases
            run.italic = True


def _set_defaults(doc, variant: Variant) -> None:
    """Calibri everywhere, the cells' size, single line spacing and a little space after each paragraph."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    half_points = str(round(variant.size * 2))
    rpr.find(qn("w:sz")).set(qn("w:val"), half_points)
    rpr.find(qn("w:szCs")).set(qn("w:val"), half_points)
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), str(round(variant.after * 20)))
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(variant.size)


def _add_bullet_numbering(doc) -> str:
    """A bullet list definition as Word writes it (U+F0B7 in Symbol at level 0); returns its numId."""
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = str(max(abstract_ids, default=-1) + 1)
    num_id = str(max(num_ids, default=0) + 1)

    abstract = _el("w:abstractNum", abstractNumId=abstract_id)
    abstract.append(_el("w:nsid", val="5E2A1C3B"))
    abstract.append(_el("w:multiLevelType", val="hybridMultilevel"))
    # Word's bullet library: level 0 Symbol U+F0B7, level 1 "o" in Courier New, level 2 Wingdings U+F0A7, ...
    glyphs = [(BULLET, "Symbol"), ("o", "Courier New"), ("\uf0a7", "Wingdings")] * 3
    for level, (glyph, font) in enumerate(glyphs):
        lvl = _el("w:lvl", ilvl=str(level))
        lvl.append(_el("w:start", val="1"))
        lvl.append(_el("w:numFmt", val="bullet"))
        lvl.append(_el("w:lvlText", val=glyph))
        lvl.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=str(284 + 360 * level), hanging="284"))
        lvl.append(ppr)
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", ascii=font, hAnsi=font, hint="default"))
        lvl.append(rpr)
        abstract.append(lvl)
    # abstractNum elements come before every num
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = _el("w:num", numId=num_id)
    num.append(_el("w:abstractNumId", val=abstract_id))
    numbering.append(num)
    return num_id


def _bullet(paragraph, num_id: str) -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val="0"))
    numpr.append(_el("w:numId", val=num_id))
    # after pStyle, before the spacing/indentation python-docx may add
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _fill(cell, blocks: Cell, italic: re.Pattern[str] | None, num_id: str) -> None:
    """A cell's blocks as paragraphs: the first in the cell's own empty paragraph."""
    paragraphs = []
    for block in blocks.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append((block.text, False))
        else:
            paragraphs.extend((item, True) for item in block.items)
    for index, (text, bulleted) in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if bulleted:
            paragraph.style = "List Paragraph"
            _bullet(paragraph, num_id)
        _add_runs(paragraph, text, italic)


def _header_text(cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = 0
    _add_runs(paragraph, text, None, bold=True)


def _table_properties(table, variant: Variant, text_width: int) -> None:
    """Width, fixed layout, borders (or none) and cell margins, as direct table properties."""
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblStyle")):
        tblpr.remove(old)
    width = tblpr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(text_width))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if variant.ruled:
            borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
        else:
            borders.append(_el(f"w:{side}", val="none", sz="0", space="0", color="auto"))
    margins = _el("w:tblCellMar")
    for side, twips in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85)):
        margins.append(_el(f"w:{side}", w=str(twips), type="dxa"))
    # schema order: tblW, tblBorders, tblLayout, tblCellMar, tblLook (python-docx wrote tblW, tblLayout, tblLook)
    width.addnext(borders)
    tblpr.find(qn("w:tblLayout")).addnext(margins)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_el("w:tblHeader"))


def _shade(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.append(_el("w:shd", val="clear", color="auto", fill=GREY))


def build_docx(report: Report, variant: Variant) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Emu, Pt

    doc = docx.Document()
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the default template's preview picture: not this document's
            package.rels.pop(rel_id)
    _set_defaults(doc, variant)
    num_id = _add_bullet_numbering(doc)
    phrases = _italic_phrases()
    italic = re.compile("(" + "|".join(re.escape(p) for p in phrases) + ")") if phrases else None

    section = doc.sections[0]
    short, long = Emu(210 * MM), Emu(297 * MM)
    section.orientation = WD_ORIENT.LANDSCAPE if variant.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if variant.landscape else (short, long)
    top, right, bottom, left = (Emu(round(m * MM)) for m in variant.margin_mm)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = top, right, bottom, left
    section.header_distance = section.footer_distance = Emu(10 * MM)
    text_width_emu = section.page_width - left - right
    text_width = round(text_width_emu / 635)  # EMU to twips

    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.paragraph_format.space_after = Pt(8)
    run = title.add_run(report.title or "")
    run.bold = True
    run.font.size = Pt(variant.title_size)

    recommendations = report.recommendations
    table = doc.add_table(rows=2 + len(recommendations), cols=5)
    table.autofit = False
    _table_properties(table, variant, text_width)
    widths = [round(text_width * w / 100) for w in variant.widths]
    widths[-1] = text_width - sum(widths[:-1])
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width * 635)
        for cell in column.cells:
            cell.width = Emu(width * 635)

    # The header: two repeating rows, "No." merged down, the two groups each across two columns.
    for row in table.rows[:2]:
        _repeat_header(row)
    if variant.shaded:
        for row in table.rows[:2]:
            for cell in row.cells:
                _shade(cell)
    number = table.cell(0, 0).merge(table.cell(1, 0))
    audiences = table.cell(0, 1).merge(table.cell(0, 2))
    response = table.cell(0, 3).merge(table.cell(0, 4))
    _header_text(number, "No.")
    _header_text(audiences, "Recommendations and audiences")
    _header_text(response, "HQIP response")
    for column, text in enumerate(("Recommendation", "Target audience", "Action taken", "Next steps"), start=1):
        _header_text(table.cell(1, column), text)

    # Items whose last three cells are inherited from the row above share one merged cell with it.
    spanned: set[int] = set()
    for index, rec in enumerate(recommendations[:-1]):
        if recommendations[index + 1].target_audience.inherited_from == rec.number:
            spanned.add(index + 1)
            for column in (2, 3, 4):
                table.cell(2 + index, column).merge(table.cell(3 + index, column))

    for index, rec in enumerate(recommendations):
        row = 2 + index
        _add_runs(table.cell(row, 0).paragraphs[0], rec.id, None)
        _fill(table.cell(row, 1), rec.recommendation, italic, num_id)
        if index in spanned:
            continue
        for column, key in enumerate(KEYS[1:], start=2):
            _fill(table.cell(row, column), getattr(rec, key), italic, num_id)

    core = doc.core_properties
    core.author = core.last_modified_by = "HQIP"
    core.title = report.title or ""
    core.subject = core.keywords = core.comments = core.category = ""
    core.created = core.modified = core.last_printed = FIXED_DATE
    core.revision = 1

    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates (python-docx stamps each entry with the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def convert(documents: list[Path], outdir: Path) -> None:
    """Export the documents to PDF with LibreOffice, in a throwaway profile (works as root, and alongside another)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("make_word_pdfs.py needs LibreOffice (soffice) on the PATH")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *map(str, documents),
        ]
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HOME": str(profile)})
        if result.returncode != 0:
            raise SystemExit(f"soffice failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        missing = [d for d in documents if not (outdir / d.with_suffix(".pdf").name).exists()]
        if missing:
            raise SystemExit(
                f"soffice wrote no PDF for {', '.join(map(str, missing))}:\n{result.stdout}{result.stderr}"
            )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for document in documents:
        _pin_pdf(outdir / document.with_suffix(".pdf").name)


def _pin_pdf(path: Path) -> None:
    """Overwrite, in place and at the same length, what LibreOffice makes different on every run.

    The /CreationDate gets a fixed date; the trailer's /ID and /DocChecksum (which LibreOffice derives
    from the time too) the MD5 of the file with them blanked. Nothing moves, so the cross-reference
    table stays right.
    """
    data = path.read_bytes()
    fixed = FIXED_DATE.strftime("%Y%m%d%H%M%S").encode()
    data, dates = re.subn(rb"(/CreationDate\(D:)\d{14}", lambda m: m.group(1) + fixed, data)
    body, trailer = data[: data.rindex(b"trailer")], data[data.rindex(b"trailer") :]
    sums = re.compile(rb"(/ID \[ <|>\s*<|/DocChecksum /)[0-9A-F]{32}")
    blank = sums.sub(lambda m: m.group(1) + b"0" * 32, trailer)
    digest = hashlib.md5(body + blank, usedforsecurity=False).hexdigest().upper().encode()
    trailer, found = sums.subn(lambda m: m.group(1) + digest, trailer)
    data = body + trailer
    if dates != 1 or found != 3:
        raise SystemExit(f"{path}: expected one /CreationDate and three trailer sums, found {dates} and {found}")
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--only", action="append", choices=[v.name for v in VARIANTS], help="just this variant (repeatable)"
    )
    parser.add_argument("--outdir", type=Path, default=OUTDIR, help="where to write (default: tests/fixtures/word)")
    args = parser.parse_args(argv)
    args.outdir = args.outdir.resolve()
    report = parse(SOURCE)
    args.outdir.mkdir(parents=True, exist_ok=True)
    documents = []
    for variant in VARIANTS:
        if args.only and variant.name not in args.only:
            continue
        path = args.outdir / f"{variant.name}.docx"
        path.write_bytes(build_docx(report, variant))
        documents.append(path)
    for path in list(args.outdir.glob("*.pdf")):
        if path.with_suffix(".docx") in documents:
            path.unlink()
    convert(documents, args.outdir)
    for path in documents:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown} and its .pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
