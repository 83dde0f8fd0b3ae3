"""Writing files so that a crash or a full disk never leaves half of one: write beside the target, flush it to
disk, rename it into place. The store's backups and the corpus's shards and manifest use these (no SQL here).

Never pass an open project file: closing a descriptor on it drops the process's SQLite locks (see guard.py).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO


def free_bytes(folder: Path) -> int | None:
    """The bytes free to the user on the disk holding ``folder`` (None when the system cannot say)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def fsync_file(path: Path) -> None:
    """Flush ``path`` (a file, or a folder on POSIX) to disk; OSError when it cannot be."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk where the system allows it."""
    with contextlib.suppress(OSError):
        fsync_file(folder)


def temp_beside(path: Path) -> Path:
    """A hidden temporary name in ``path``'s folder (a rename from there into place is atomic)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def write_file_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """``write(tmp)`` to a temporary file beside ``path``, flush it, rename it to ``path``; on any failure the
    temporary file is removed and ``path`` is left as it was."""
    tmp = temp_beside(path)
    try:
        write(tmp)
        fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def renamed_into_place(path: Path, tmp: Path, open_tmp: Callable[[], IO]) -> Iterator[IO]:
    """The file ``open_tmp()`` opens on ``tmp`` (beside ``path``), to write in the block: flushed and renamed to
    ``path`` when the block ends, removed (``path`` left as it was) when it raises."""
    try:
        with open_tmp() as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_text(path: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """A UTF-8 text file to write that appears at ``path`` whole (flushed, renamed) when the block ends, and not
    at all when it raises."""
    tmp = temp_beside(path)
    return renamed_into_place(path, tmp, lambda: open(tmp, "w", encoding="utf-8"))


def write_text_atomic(path: Path, text: str) -> None:
    """``text`` as the whole of ``path`` (UTF-8), never half written."""
    with atomic_text(path) as fh:
        fh.write(text)
