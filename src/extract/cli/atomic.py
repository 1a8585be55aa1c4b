"""Writing outputs atomically: a temporary file in the same folder, then a rename.

No reader ever sees a half-written file, and an existing output is replaced only
once the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from extract.errors import OutputError


def write_atomic(path: str | os.PathLike[str], *parts: bytes | str) -> None:
    """Write ``parts`` one after the other (bytes, or text as UTF-8) to ``path``, whole or not at all."""
    target = Path(path)
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write into {str(folder)!r}: {exc.strerror or exc}", file=str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for part in parts:
                stream.write(part.encode("utf-8") if isinstance(part, str) else part)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write the output: {exc.strerror or exc}", file=str(target)) from None
