"""Backups that can be trusted: matched by exact project name, whole or absent, checked before a restore."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcoder import cli
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document
from eventcoder.core.store import Project


def _project(path: Path, docs: int = 3) -> Path:
    with Project(path) as p:
        for k in range(docs):
            p.add_document(Document(text=f"Report {k}: the two delegations met again in the capital."))
    return path


def test_rotation_of_one_project_never_touches_another_projects_backups(tmp_path):
    news, news_2024 = _project(tmp_path / "news.db"), _project(tmp_path / "news-2024.db")
    with Project(news_2024) as other:
        theirs = [other.backup() for _ in range(3)]
    with Project(news) as p:
        for _ in range(14):
            p.backup()
        assert all(b.name.startswith("news-2") and not b.name.startswith("news-2024") for b in p.backups())
        assert len(p.backups()) == 14
        p.rotate_backups(keep_recent=2)
        assert len(p.backups()) == 2
    assert all(path.exists() for path in theirs), "news.db's rotation deleted news-2024.db's backups"
    with Project(news_2024) as other:
        assert sorted(other.backups()) == sorted(theirs)


def test_a_backup_interrupted_by_kill_never_counts(tmp_path):
    from eventcoder.core.store import verify_backup

    db = _project(tmp_path / "big.db", docs=1)
    with Project(db) as p:  # enough pages that the copy takes a moment
        for k in range(3000):
            p.add_document(Document(text=f"Filler article {k}. " + "The ministers discussed trade. " * 40))
    script = ("import sys; from eventcoder.core.store import Project\n"
              "p = Project(sys.argv[1]); print('go', flush=True); p.backup()\n")
    made_any = False
    for delay in (0.0, 0.02, 0.05, 0.1):
        proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Project(db) as p:
            for backup in p.backups():  # whatever carries a backup's name is whole
                assert verify_backup(backup) == [], backup
                made_any = True
            leftovers = list(p.backup_dir.glob(".*.partial")) if p.backup_dir.is_dir() else []
            for partial in leftovers:
                with pytest.raises(StoreError, match="unfinished backup"):
                    p.restore(partial)
    with Project(db) as p:
        assert p.auto_backup(min_age_s=0) is not None or made_any


def test_empty_or_damaged_backups_are_refused_and_never_count_as_fresh(tmp_path):
    from eventcoder.core.store import verify_backup

    db = _project(tmp_path / "news.db")
    with Project(db) as p:
        p.backup_dir.mkdir()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        empty = p.backup_dir / f"news-{stamp}-000001.db"
        empty.write_bytes(b"")  # what a full disk left behind
        half = p.backup_dir / f"news-{stamp}-000002.db"
        good = p.backup(tmp_path / "whole.db")
        half.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a copy cut short
        for bad, why in ((empty, "empty file"), (half, "not a usable backup")):
            with pytest.raises(StoreError, match=why):
                p.restore(bad)
        assert p.document_count() == 3
        made = p.auto_backup()  # the empty and the cut one are not a fresh backup
        assert made is not None and verify_backup(made) == []


def test_restore_refuses_an_empty_project_over_a_full_one_unless_forced(tmp_path, capsys):
    db = _project(tmp_path / "news.db", docs=5)
    blank = tmp_path / "blank.db"
    Project(blank).close()
    with Project(blank) as b:
        backup = b.backup(tmp_path / "blank-backup.db")
    assert cli.main(["restore", str(backup), "--db", str(db)]) == 1
    assert "holds no documents and the project has 5" in capsys.readouterr().err
    with Project(db) as p:
        assert p.document_count() == 5
    assert cli.main(["restore", str(backup), "--db", str(db), "--force"]) == 0
    with Project(db) as p:
        assert p.document_count() == 0


def test_restore_of_something_that_is_not_a_backup(tmp_path, capsys):
    db = _project(tmp_path / "news.db")
    notes = tmp_path / "notes.db"
    notes.write_text("a text file with a .db name\n")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    for bad, why in ((notes, "not a usable backup"), (other, "no EventCoder project inside"), (db, "is the project")):
        assert cli.main(["restore", str(bad), "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert why in err and "Traceback" not in err and err.count("\n") == 1
    with Project(db) as p:
        assert p.document_count() == 3 and p.integrity_check() == []


def test_restore_writes_a_marker_other_windows_see(tmp_path):
    db = _project(tmp_path / "news.db")
    with Project(db) as window, Project(db) as cli_side:
        saved = cli_side.backup()
        before = window.restore_id()
        cli_side.add_document(Document(text="An article added after the backup was taken."))
        cli_side.restore(saved)
        assert window.restore_id() not in (None, before)
        assert window.document_count() == 3
        assert any(h["action"] == "restore" for h in window.history(5))


def test_a_backup_is_a_single_self_contained_file(tmp_path):
    db = _project(tmp_path / "news.db")
    with Project(db) as p:
        made = p.backup()
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not Path(str(made) + "-wal").exists()


def test_backup_onto_the_project_itself_is_refused(tmp_path, capsys):
    db = _project(tmp_path / "news.db")
    assert cli.main(["backup", "--db", str(db), "--out", str(db)]) == 1
    assert "open" in capsys.readouterr().err
    with Project(db) as p:
        assert p.document_count() == 3 and p.integrity_check() == []


def test_check_reports_a_damaged_file_instead_of_a_traceback(tmp_path, capsys):
    db = _project(tmp_path / "news.db", docs=50)
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # no project is open on it here
        fh.seek(size // 4)
        fh.write(b"\xde\xad\xbe\xef" * (size // 8))  # the middle half overwritten
    code = cli.main(["check", "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert "PROBLEMS" in out and "restore" in out
    code = cli.main(["documents", "--db", str(db)])  # what it can read, or one line saying why not
    err = capsys.readouterr().err
    assert "Traceback" not in err and (code == 0 or err.startswith("eventcoder: "))
