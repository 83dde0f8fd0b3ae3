"""A project opened while the disk was full opens read-only (SQLite cannot make its -shm); once space is freed,
the next change is saved, as "free some space and try again" says. Before, the window (and any long-lived
Project) stayed read-only for the session and refused every retry with "is open read-only (the disk is full)"
long after the disk had room (found by a new user). A real small tmpfs, as tests/core/test_disk_failures.py."""

from __future__ import annotations

import pytest

from disk_checks import fill, needs_mount, small_project, tmpfs
from eventcoder.core.errors import StoreError
from eventcoder.core.store import Project


@pytest.fixture
def small_disk(tmp_path):
    with tmpfs(tmp_path) as mount:
        yield mount


@needs_mount
def test_opened_on_a_full_disk_then_space_freed_the_retry_saves(small_disk):
    db = small_disk / "news.db"
    _doc_id, event_id = small_project(db)
    filler = fill(small_disk)
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
    _doc_id, event_id = small_project(db)
    fill(small_disk)
    with Project(db, annotator="tester") as p:
        for _ in range(2):
            with pytest.raises(StoreError, match="read-only"):
                p.update_event(event_id, status="accepted")
        assert p.readonly and p.get_event(event_id).status != "accepted" and p.document_count() == 1
