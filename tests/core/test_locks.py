"""The process keeps its SQLite locks: nothing opens the project file outside SQLite while it is open.

Closing any descriptor on a file drops every POSIX lock the process holds on it. These tests hold a
project open with two ``Project`` objects (as the window and its workers do), let another process open
and close the file over and over, ``kill -9`` the first at a random moment, and count the acknowledged
writes that reached the file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcoder.core import guard
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document
from eventcoder.core.store import Project

HELPERS = Path(__file__).parent / "helpers"
TRIALS = int(os.environ.get("EVENTCODER_LOCK_TRIALS", "6"))
LINUX_LOCKS = Path("/proc/locks")


def locks_on(path: Path, pid: int) -> list[str]:
    """The POSIX locks ``pid`` holds on ``path`` (Linux's /proc/locks lists device, inode and range)."""
    st = os.stat(path)
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    return [line for line in LINUX_LOCKS.read_text().splitlines()
            if line.split()[4] == str(pid) and line.split()[5] == key]


def _new(path: Path) -> None:
    with Project(path) as p:
        p.add_document(Document(text="India and Russia agreed to work together."))


@pytest.mark.skipif(not LINUX_LOCKS.exists(), reason="/proc/locks is Linux's")
def test_a_second_project_in_the_process_keeps_the_first_ones_lock(tmp_path):
    db = tmp_path / "locks.db"
    _new(db)
    first = Project(db)
    try:
        first.document_count()
        assert locks_on(db, os.getpid()), "an open project holds a shared lock on its file"
        for _ in range(3):  # a worker's connection, opened and closed (first run, Ctrl+R, retraining)
            with Project(db) as worker:
                worker.document_count()
        first.document_count()
        assert locks_on(db, os.getpid()), "the lock was dropped by another connection's open/close"
    finally:
        first.close()


def test_python_cannot_open_a_project_file_that_is_open(tmp_path):
    db = tmp_path / "guarded.db"
    _new(db)
    with Project(db) as p:
        for name in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
            with pytest.raises(StoreError, match="only ever read or written through SQLite"):
                open(name, "rb")  # noqa: SIM115 - the point is that it is refused
        link = tmp_path / "link.db"
        link.symlink_to(db)
        hard = tmp_path / "hard.db"
        os.link(db, hard)
        for other_name in (link, hard):  # other names of the same file
            with pytest.raises(StoreError):
                open(other_name, "rb")  # noqa: SIM115
        with pytest.raises(StoreError):
            os.replace(tmp_path / "nothing", db)
        with pytest.raises(StoreError):
            os.remove(str(db) + "-wal")
        assert guard.is_open_project_file(db) and p.document_count() == 1
    with open(db, "rb") as fh:  # closed: an ordinary file again
        assert fh.read(16) == b"SQLite format 3\x00"
    assert not guard.is_open_project_file(db)


def test_two_projects_on_one_file_guard_until_both_close(tmp_path):
    db = tmp_path / "two.db"
    _new(db)
    a, b = Project(db), Project(db)
    a.close()
    with pytest.raises(StoreError):
        open(db, "rb")  # noqa: SIM115
    b.close()
    b.close()  # closing twice is harmless and does not unguard another file
    with open(db, "rb"):
        pass


def test_header_check_goes_through_sqlite(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a project\n" * 10)
    with pytest.raises(StoreError, match="not an SQLite file"):
        Project(junk)
    assert junk.read_text().startswith("these are my notes")  # refused, untouched
    assert not guard.is_open_project_file(junk)


def _run_trial(db: Path, rng: random.Random) -> tuple[list[int], int]:
    writer = subprocess.Popen([sys.executable, str(HELPERS / "lock_writer.py"), str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    reader = subprocess.Popen([sys.executable, str(HELPERS / "file_reader.py"), str(db), "1.2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if LINUX_LOCKS.exists():
        time.sleep(0.2)
        assert locks_on(db, writer.pid), "the writer lost its lock after its second Project closed"
    time.sleep(rng.uniform(0.4, 1.2))
    writer.send_signal(signal.SIGKILL)
    out, _ = writer.communicate()
    reader_out, reader_err = reader.communicate(timeout=60)
    assert reader.returncode == 0, reader_err
    return [int(x) for x in out.split()], int(reader_out)


def test_kill_9_beside_another_process_loses_no_acknowledged_write(tmp_path):
    rng = random.Random(11)
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        _new(db)
        acknowledged, reads = _run_trial(db, rng)
        assert acknowledged and reads > 5
        with Project(db) as p:
            assert p.integrity_check() == []
            stored = {e.id for e in p.events()}
        missing = sorted(set(acknowledged) - stored)
        assert not missing, f"trial {trial}: {len(missing)} of {len(acknowledged)} acknowledged events lost"


@pytest.mark.slow
def test_kill_9_beside_another_process_slow(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "TRIALS", 100)
    test_kill_9_beside_another_process_loses_no_acknowledged_write(tmp_path)
