"""A minimal PDF writer for tests: text in the standard Helvetica fonts, ruling lines, images.

Enough to build small PDFs at test time from committed fixture descriptions, with
no renderer installed. Text uses WinAnsiEncoding, with the codes 1 and 2 mapped to
the ligature glyphs "fi" and "fl" (so a test can put real ligatures on the page).

Runs in a text set other fonts, each continuing where the run before ended (as Word
writes a line): ``{i|Board Guide}`` italic, ``{sym|·}`` a Symbol-font glyph that reads
as a private-use code point (U+F0B7 for "·", as Word's bullet does), ``{mono|o}``
Courier, ``{sc|Diesel}`` small capitals (the first letter full size, the rest capitals
at 80%), ``{ls|Delhi}`` letter-spaced by 4 pt.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

PAGE_WIDTH, PAGE_HEIGHT = 841.89, 595.28
_LIGATURE_CODES = {"ﬁ": "\x01", "ﬂ": "\x02"}
_RUN = re.compile(r"\{(i|sym|mono|sc|ls)\|([^{}]*)\}")
_FONTS = {"regular": "F1", "bold": "F2", "i": "F3", "sym": "F4", "mono": "F5"}


def _string(text: str) -> str:
    encoded = "".join(_LIGATURE_CODES.get(ch, ch) for ch in text)
    raw = encoded.encode("cp1252")
    return "(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").decode("latin-1") + ")"


def _runs(text: str, font: str, size: float) -> str:
    """Text operators for ``text`` with its marked runs, each going on from the one before."""
    ops: list[str] = []
    at = 0
    for match in _RUN.finditer(text):
        if match.start() > at:
            ops.append(f"/{font} {size:.2f} Tf {_string(text[at:match.start()])} Tj")
        kind, body = match.group(1), match.group(2)
        if kind == "sc":
            for word_index, word in enumerate(body.split(" ")):
                space = " " if word_index else ""
                ops.append(f"/{font} {size:.2f} Tf {_string(space + word[:1].upper())} Tj")
                if word[1:]:
                    ops.append(f"/{font} {size * 0.8:.2f} Tf {_string(word[1:].upper())} Tj")
        elif kind == "ls":
            ops.append(f"/{font} {size:.2f} Tf 4 Tc {_string(body)} Tj 0 Tc")
        else:
            ops.append(f"/{_FONTS[kind]} {size:.2f} Tf {_string(body)} Tj")
        at = match.end()
    if at < len(text):
        ops.append(f"/{font} {size:.2f} Tf {_string(text[at:])} Tj")
    return " ".join(ops)


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)
    image: bool = False
    rotate: int = 0
    """The page's /Rotate: how a viewer turns it (the content is drawn as it is)."""

    def text(self, x: float, top: float, text: str, *, size: float = 8.0, bold: bool = False) -> None:
        """Draw text whose top edge is ``top`` points below the page's top."""
        baseline = PAGE_HEIGHT - top - size * 0.8
        font = "F2" if bold else "F1"
        self.ops.append(f"BT {x:.2f} {baseline:.2f} Td {_runs(text, font, size)} ET")

    def rule(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.ops.append(f"0.5 w {x0:.2f} {PAGE_HEIGHT - top0:.2f} m {x1:.2f} {PAGE_HEIGHT - top1:.2f} l S")

    def shade(self, x0: float, top0: float, x1: float, top1: float, grey: float = 0.85) -> None:
        """A filled rectangle with no stroke, as a cell's background is drawn."""
        self.ops.append(f"q {grey:.2f} g {x0:.2f} {PAGE_HEIGHT - top1:.2f} {x1 - x0:.2f} {top1 - top0:.2f} re f Q")

    def picture(self) -> None:
        """A full-page grey image, as a scanner would leave."""
        self.image = True
        self.ops.append(f"q {PAGE_WIDTH:.2f} 0 0 {PAGE_HEIGHT:.2f} 0 0 cm /Im1 Do Q")


def _to_unicode_cmap(*, private: bool = False) -> bytes:
    """Map every code to its WinAnsi character, but 1 and 2 to the ligatures U+FB01 and U+FB02; or
    (``private``, a symbol font as Word embeds it) every code to U+F000 plus the code."""
    if private:
        pairs = [(code, 0xF000 + code) for code in range(32, 256)]
    else:
        pairs = [(1, 0xFB01), (2, 0xFB02)]
    for code in range(32, 256) if not private else ():
        try:
            pairs.append((code, ord(bytes([code]).decode("cp1252"))))
        except UnicodeDecodeError:
            continue
    lines = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:02X}> <{uni:04X}>" for code, uni in chunk)
        lines.append("endbfchar")
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Test-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n" + "\n".join(lines) +
        "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def build_pdf(pages: list[Page]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    encoding = add(b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >>")
    cmap = _to_unicode_cmap()
    to_unicode = add(b"<< /Length " + str(len(cmap)).encode() + b" >>\nstream\n" + cmap + b"\nendstream")
    fonts = []
    for base in ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Courier"):
        fonts.append(add(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding {encoding} 0 R "
            f"/ToUnicode {to_unicode} 0 R >>".encode()
        ))
    regular, bold, italic, mono = fonts
    symbol_cmap = _to_unicode_cmap(private=True)
    symbol_map = add(b"<< /Length " + str(len(symbol_cmap)).encode() + b" >>\nstream\n" + symbol_cmap + b"\nendstream")
    widths = " ".join(["460"] * 224)
    symbol = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol /FirstChar 32 /LastChar 255 /Widths [{widths}] "
                 f"/ToUnicode {symbol_map} 0 R >>".encode())
    pixels = zlib.compress(bytes([128]) * 64)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length " + str(len(pixels)).encode() + b" >>\nstream\n" + pixels + b"\nendstream"
    )
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for page in pages:
        content = "\n".join(page.ops).encode("latin-1")
        stream = add(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
        xobject = f" /XObject << /Im1 {image} 0 R >>" if page.image else ""
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Rotate {page.rotate} "
            f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R /F3 {italic} 0 R /F4 {symbol} 0 R "
            f"/F5 {mono} 0 R >>{xobject} >> /Contents {stream} 0 R >>".encode()
        ))
    assert add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()) == pages_id
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    return write_objects(objects, root=catalog)


def write_objects(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF of ``objects`` (numbered from 1; ``root`` the catalog's number) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
