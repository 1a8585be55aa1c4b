"""Office formats not read here (a legacy .doc or .xls, an OpenDocument file, an Excel workbook):
told from their bytes, and refused in one line saying what to save the file as."""

from __future__ import annotations

from typing import NoReturn

from extract.errors import NotTextError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_holds(data: bytes, member: str) -> bool:
    """Whether ``data`` is a zip archive with ``member`` in it (Office files are zips of XML parts)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _kind(data: bytes) -> str | None:
    """What kind of office file ``data`` is, said for a person; None where it is none of them."""
    if data.startswith(_OLE2):
        return "a legacy Word or Excel file (.doc, .xls)"
    if data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument" in data[:200]:
        return "an OpenDocument file (.odt, .ods)"
    if _zip_holds(data, "xl/workbook.xml"):
        return "an Excel workbook (.xlsx)"
    return None


def is_other_office_file(data: bytes) -> bool:
    """A file of an office format not read here: a legacy Word or Excel file (OLE2), an
    OpenDocument file, or an Excel workbook."""
    return _kind(data) is not None


def refuse(data: bytes, name: str) -> NoReturn:
    """Refuse the file, saying what to save it as."""
    raise NotTextError(f"{_kind(data) or 'an office file'} is not read: save it as .docx (Word), or its tables "
                       "as tab-separated text", file=name)


__all__ = ["is_other_office_file", "refuse"]
