"""The parts of a Word file around its body: footnotes and endnotes, headers and footers.

Each is read as lines of text after the body (as a PDF shows them at a page's foot or head), so
that nothing the document says is dropped without a word: the table stage reports them as text
outside the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extract.readers.docx_numbering import number_format

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _part(document: Any, kind: str) -> Any:
    """The parsed XML of the document's part of one kind ("footnotes"), or None."""
    from docx.oxml import parse_xml

    part = next((rel.target_part for rel in document.part.rels.values()
                 if not rel.is_external and rel.reltype.endswith(f"/{kind}")), None)
    try:
        return parse_xml(part.blob) if part is not None else None
    except Exception:  # a damaged part: the body is still read
        return None


def notes(document: Any, text: Callable[[Any], str]) -> list[str]:
    """The document's footnotes, then its endnotes, each a line opening with the mark Word shows
    by default ("1", "2" …; endnotes "i", "ii" …), numbered in the order the text refers to them
    (notes nothing refers to after them); ``text`` reads a paragraph."""
    lines: list[str] = []
    body = document.element.body
    for kind, kind_format in (("footnote", "decimal"), ("endnote", "lowerRoman")):
        root = _part(document, f"{kind}s")
        if root is None:
            continue
        found = {note.get(f"{_W}id"): note for note in root.iterchildren(f"{_W}{kind}")
                 if note.get(f"{_W}type") in (None, "normal")}
        order = list(dict.fromkeys(ref.get(f"{_W}id") for ref in body.iter(f"{_W}{kind}Reference")))
        order += [key for key in found if key not in order]
        count = 0
        for key in (key for key in order if key in found):
            said = " ".join(line for paragraph in found[key].iter(f"{_W}p") if (line := text(paragraph)))
            if said:
                count += 1
                lines.append(f"{number_format(count, kind_format)} {said}")
    return lines


def running_text(document: Any, text: Callable[[Any], str]) -> list[str]:
    """The text of the document's headers and footers, each once (a header repeated by several
    sections, or on every page, is one line), headers first, in the order of their parts' names."""
    from docx.oxml import parse_xml

    lines: list[str] = []
    for kind in ("header", "footer"):
        parts = sorted((rel.target_part for rel in document.part.rels.values()
                        if not rel.is_external and rel.reltype.endswith(f"/{kind}")), key=lambda p: str(p.partname))
        for part in parts:
            try:
                root = parse_xml(part.blob)
            except Exception:  # a damaged part: the body is still read
                continue
            said = " ".join(line for paragraph in root.iter(f"{_W}p") if (line := text(paragraph)))
            if said and said not in lines:
                lines.append(said)
    return lines


__all__ = ["notes", "running_text"]
