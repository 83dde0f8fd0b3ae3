"""A project on a read-only filesystem whose -wal still holds committed changes (a window killed before it
checkpointed, the drive then mounted read-only) is read with its log: an immutable connection ignored the -wal,
so the documents list, `events` and every export showed the project without its last acknowledged changes (found
by a new user). Without a -shm SQLite cannot read the log there: refused with why and what to do, never read
without it, and `eventcoder check` does not call the file damaged. A real tmpfs, remounted read-only."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from disk_checks import needs_mount, tmpfs
from eventcoder import cli
from eventcoder.core.errors import StoreError
from eventcoder.core.store import Project

WRITER = textwrap.dedent("""
    import os, sys
    from eventcoder.core.model import Document, Event
    from eventcoder.core.store import Project
    p = Project(sys.argv[1], annotator="tester")
    doc_id, _ = p.add_document(Document(text="The envoys met in the port city and agreed on a ceasefire."))
    p.add_event(Event(doc_id, event_code="040", source_code="AAA", target_code="BBB", status="accepted"))
    os._exit(0)  # killed: committed, never checkpointed
""")


@pytest.fixture
def disk(tmp_path):
    with tmpfs(tmp_path, "2m") as mount:
        yield mount


def _killed_writer(db) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(db)], check=True)
    assert os.path.getsize(f"{db}-wal") > 0  # the changes are in the log only


@needs_mount
def test_the_log_is_read_on_a_read_only_filesystem(disk, tmp_path, capsys):
    db = disk / "news.db"
    _killed_writer(db)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    with Project(db) as p:
        assert p.readonly and p.document_count() == 1 and [e.event_code for e in p.events()] == ["040"]
    out = tmp_path / "events.csv"
    assert cli.main(["export", "--out", str(out), "--db", str(db)]) == 0
    assert ",040," in out.read_text(encoding="utf-8")
    capsys.readouterr()


@needs_mount
def test_without_its_shm_it_is_refused_with_why_not_read_without_the_log(disk, capsys):
    db = disk / "news.db"
    _killed_writer(db)
    os.unlink(f"{db}-shm")  # nobody has it open
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    with pytest.raises(StoreError, match="news.db-wal holds changes not yet written into the file"):
        Project(db)
    assert cli.main(["documents", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "copy news.db and news.db-wal together into a writable folder" in err and "Traceback" not in err
    assert cli.main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "holds changes not yet written" in out and "damaged" not in out
