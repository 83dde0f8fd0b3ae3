"""Shared helpers of the tests that meet a real full or read-only filesystem (importable as ``disk_checks``:
pytest's ``pythonpath`` in pyproject.toml): a small tmpfs mounted for the test, filled to the last byte, and a
project with one document and one event on it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcoder.core.model import Document, Event
from eventcoder.core.store import Project

needs_mount = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="mounting a small tmpfs needs root on Linux (CI runs as root)",
)


@contextlib.contextmanager
def tmpfs(tmp_path: Path, size: str = "640k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted under ``tmp_path`` for the block (unmounted after, even when the test failed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem to the last byte, then give back ``leave`` bytes."""
    filler = folder / "filler.bin"
    for chunk in (4096, 1):
        with contextlib.suppress(OSError), open(filler, "ab", buffering=0) as fh:
            while True:
                fh.write(b"\0" * chunk)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def small_project(path: Path) -> tuple[int, int]:
    """A project at ``path`` with one document and one suggested event: (document id, event id)."""
    with Project(path) as p:
        doc_id, _ = p.add_document(Document(text="The envoys met in the port city and agreed on a ceasefire."))
        event = p.add_event(Event(doc_id, event_code="040", source_code="AAA", target_code="BBB"))
        return doc_id, event.id
