"""Writing outputs atomically: a temporary file in the same folder, then a rename.

No reader ever sees a half-written file, and an existing output is replaced only
once the new one is complete. The temporary is named ``.NAME.PID.RANDOM.tmp``:
removed when the write fails or is interrupted, and, if the process was killed
outright (``kill -9``), removed by the next write of the same output, once no
process with that id is running.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from extract.errors import OutputError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):  # none, or a number no process id can be
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def remove_stale_temporaries(target: Path) -> None:
    """Remove temporaries of earlier writes of ``target`` whose process is gone."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[^.]+\.tmp")
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match and len(match[1]) <= 10 and int(match[1]) != os.getpid() and not _alive(int(match[1])):
            try:
                if path.is_file() and not path.is_symlink():
                    path.unlink()
            except OSError:
                pass  # not ours to insist on


def _write_through(target: Path, parts: Iterable[bytes | str]) -> None:
    """Write into something that is not a regular file (a device such as /dev/null, a FIFO): it
    cannot be replaced by a rename, and must not be."""
    try:
        with target.open("wb") as stream:
            for part in parts:
                stream.write(part.encode("utf-8") if isinstance(part, str) else part)
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}", file=str(target)) from None


def write_atomic(path: str | os.PathLike[str], parts: Iterable[bytes | str]) -> None:
    """Write ``parts`` one after the other (bytes, or text as UTF-8) to ``path``, whole or not at all;
    each part is written as it comes, so the whole output need never be in memory.

    A symbolic link is followed: the file it points to is replaced, the link stays. A path that
    is not a regular file (/dev/null, a FIFO) is written into as it is."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        _write_through(target, parts)
        return
    folder = target.parent
    remove_stale_temporaries(target)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
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
    except BaseException:  # interrupted (Ctrl-C): no temporary left behind
        Path(temporary).unlink(missing_ok=True)
        raise
