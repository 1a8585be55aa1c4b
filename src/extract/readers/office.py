"""Office formats not read here (a legacy .doc or .xls, an OpenDocument file, an Excel workbook):
one clear line saying what to save the file as."""

from __future__ import annotations

from typing import NoReturn

from extract.errors import NotTextError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse(data: bytes, name: str) -> NoReturn:
    """Refuse the file, saying what to save it as (``extract.readers.is_other_office_file``)."""
    if data.startswith(_OLE2):
        what = "a legacy Word or Excel file (.doc, .xls)"
    elif b"application/vnd.oasis.opendocument" in data[:200]:
        what = "an OpenDocument file (.odt, .ods)"
    else:
        what = "an Excel workbook (.xlsx)"
    raise NotTextError(f"{what} is not read: save it as .docx (Word), or its tables as tab-separated text", file=name)


__all__ = ["refuse"]
