"""A project opened while the disk was full opens read-only (SQLite cannot make its -shm); once space is freed,
the next change is saved, as "free some space and try again" says. Before, the window (and any long-lived
Project) stayed read-only for the session and refused every retry with "is open read-only (the disk is full)"
long after the disk had room (found by a new user). A real small tmpfs, as tests/core/test_disk_failures.py."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document, Event
from eventcoder.core.store import Project

needs_mount = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="mounting a small tmpfs needs root on Linux (CI runs as root)",
)


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    """Fill the filesystem to the last byte."""
    filler = folder / "filler.bin"
    for chunk in (4096, 1):
        with contextlib.suppress(OSError), open(filler, "ab", buffering=0) as fh:
            while True:
                fh.write(b"\0" * chunk)
    return filler


def _project(path: Path) -> tuple[int, int]:
    with Project(path) as p:
        doc_id, _ = p.add_document(Document(text="The envoys met in the port city and agreed on a ceasefire."))
        event = p.add_event(Event(doc_id, event_code="040", source_code="AAA", target_code="BBB"))
        return doc_id, event.id


@needs_mount
def test_opened_on_a_full_disk_then_space_freed_the_retry_saves(small_disk):
    db = small_disk / "news.db"
    _doc_id, event_id = _project(db)
    filler = _fill(small_disk)
    with Project(db, annotator="tester") as p:
        assert p.readonly and p.readonly_reason == "the disk is full"
        with pytest.raises(StoreError, match="open read-only \\(the disk is full\\); free some space and try again"):
            p.update_event(event_id, status="accepted")
        filler.unlink()
        p.update_event(event_id, status="accepted")  # the same change again, with room now
        assert not p.readonly and p.get_event(event_id).status == "accepted"
    with Project(db) as again:
        assert again.get_event(event_id).status == "accepted" and again.integrity_check() == []


@needs_mount
def test_still_full_it_stays_read_only_and_reads(small_disk):
    db = small_disk / "news.db"
    _doc_id, event_id = _project(db)
    _fill(small_disk)
    with Project(db, annotator="tester") as p:
        for _ in range(2):
            with pytest.raises(StoreError, match="read-only"):
                p.update_event(event_id, status="accepted")
        assert p.readonly and p.get_event(event_id).status != "accepted" and p.document_count() == 1
