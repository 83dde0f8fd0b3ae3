"""A full disk and a read-only project: a message ("cannot save: ..."), nothing half-written, a retry works.

These use a real small filesystem (a tmpfs of a few hundred KB, mounted for the test) rather than a
simulated error: SQLite, the backup and the export all meet the real ENOSPC / EROFS.
"""

from __future__ import annotations

import subprocess

import pytest

from disk_checks import fill, needs_mount, small_project, tmpfs
from eventcoder import cli
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document, Event
from eventcoder.core.store import Project


@pytest.fixture
def small_disk(tmp_path):
    with tmpfs(tmp_path) as mount:
        yield mount


@needs_mount
def test_full_disk_refuses_the_change_with_a_message_and_a_retry_saves_it(small_disk):
    db = small_disk / "news.db"
    doc_id, event_id = small_project(db)
    with Project(db) as p:
        filler = fill(small_disk)
        failures = 0
        for k in range(200):  # the WAL grows with each commit until one needs a block the disk lacks
            try:
                p.add_event(Event(doc_id, event_code="042", source_code="AAA", location=f"place {k} " * 20))
            except StoreError as exc:
                assert str(exc).startswith("cannot save: the disk is full"), exc
                failures += 1
                break
        assert failures == 1, "the disk never filled"
        count = len(p.events())
        assert p.integrity_check() == []
        filler.unlink()
        p.update_event(event_id, status="accepted")  # the retry, with space again
        assert p.get_event(event_id).status == "accepted" and len(p.events()) == count


@needs_mount
def test_cli_on_a_nearly_full_disk_still_lists_documents(small_disk, capsys):
    db = small_disk / "news.db"
    small_project(db)
    filler = fill(small_disk, leave=48 * 1024)  # room for the WAL, not for a backup
    assert cli.main(["documents", "--db", str(db)]) == 0  # the automatic backup fails, the command does not
    out, err = capsys.readouterr()
    assert "envoys met" in out and "warning: no backup made" in err and "Traceback" not in err
    # an export reads the project and writes only its file: with room for that file, it is written whole
    code = cli.main(["export", "--format", "csv", "--out", str(small_disk / "out.csv"), "--status", "all",
                     "--db", str(db)])
    capsys.readouterr()
    assert code == 0 and ",040," in (small_disk / "out.csv").read_text(encoding="utf-8")
    (small_disk / "out.csv").unlink()
    fill(small_disk)  # and to the last byte: the project still opens (read-only) and lists its documents
    assert cli.main(["documents", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "envoys met" in out and "Traceback" not in err
    # ... and an export that has no room fails in one line, leaving no part of its file
    code = cli.main(["export", "--format", "csv", "--out", str(small_disk / "out.csv"), "--status", "all",
                     "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("eventcoder: ") and "Traceback" not in err
    assert not (small_disk / "out.csv").exists() and not list(small_disk.glob("out.csv*"))
    filler.unlink()
    with Project(db) as p:
        assert p.integrity_check() == [] and p.document_count() == 1


@needs_mount
def test_read_only_project_reads_and_exports_but_refuses_writes_with_a_message(small_disk, tmp_path, capsys):
    db = small_disk / "news.db"
    small_project(db)
    seed = tmp_path / "more.txt"
    seed.write_text("Talks resume\n\nThe two sides resumed talks on Monday after a pause of a week.\n")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert cli.main(["documents", "--db", str(db)]) == 0
    assert "envoys met" in capsys.readouterr().out
    out_csv = tmp_path / "events.csv"
    assert cli.main(["export", "--status", "all", "--format", "csv", "--out", str(out_csv), "--db", str(db)]) == 0
    assert "040" in out_csv.read_text()
    assert cli.main(["check", "--db", str(db)]) == 0
    capsys.readouterr()
    for argv in (["import", str(seed)], ["code", "--all"], ["train"]):
        assert cli.main([*argv, "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert "read-only" in err and "Traceback" not in err, (argv, err)
    with Project(db) as p:
        assert p.readonly and p.document_count() == 1
        with pytest.raises(StoreError, match="cannot save: .*read-only"):
            p.add_document(Document(text="Refused: the folder is read-only."))
