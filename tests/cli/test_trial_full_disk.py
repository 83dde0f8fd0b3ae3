"""New-user trial on a full disk, through the real command in its own process.

No small filesystem can be mounted in CI, so the disk is made full the way tests/core/test_resuggest_replace.py
does it: SQLite's own ``PRAGMA max_page_count`` on the command's connection to the project (a real SQLITE_FULL
from SQLite, set by the driver below before the command runs); an export's file is limited by the kernel's
file-size limit (``RLIMIT_FSIZE``: every write past it fails, as a write to a full disk does).
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from eventcoder.core.store import Project
from eventcoder.core.store.bulk import bulk_insert

# the command, with its connection to PROJECT allowed EXTRA more pages than the file has when it is opened
DRIVER = """
import sqlite3, sys
project, extra = sys.argv[1], int(sys.argv[2])
connect = sqlite3.connect
def limited(database, *args, **kwargs):
    conn = connect(database, *args, **kwargs)
    if str(database) == project:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra}")
    return conn
sqlite3.connect = limited
from eventcoder import cli
code = cli.main(sys.argv[3:])
print(f"spacy loaded: {'spacy' in sys.modules}", file=sys.stderr)
sys.exit(code)
"""


def _limited(db: Path, extra_pages: int, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, str(db), str(extra_pages), *argv, "--db", str(db)],
                          capture_output=True, text=True, timeout=600)


def _cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *argv], capture_output=True, text=True,
                          timeout=600, **kwargs)


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"article{n:03}.txt"
        path.write_text(f"Talks in town {n}\n\n" + f"The council of town {n} met on Monday and agreed on a plan. " * 60,
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_an_import_the_disk_stops_says_how_many_came_in_and_lists_the_rest(tmp_path):
    db = tmp_path / "news.db"
    first = tmp_path / "first.txt"
    first.write_text("Envoys met\n\nThe envoys met in the port city on Monday.\n", encoding="utf-8")
    assert _cli("import", str(first), "--db", str(db)).returncode == 0
    paths = _articles(tmp_path / "in", 200)
    run = _limited(db, 100, "import", str(tmp_path / "in"))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    with Project(db) as project:
        stored = sorted(project.get_document(i).source for i in project.document_ids())
        assert project.integrity_check() == []
    imported = [p for p in paths if p.name in stored]
    missing = [p for p in paths if p.name not in stored]
    assert 0 < len(imported) < 200 and imported == paths[: len(imported)]  # each file whole, in order, then none
    lines = run.stderr.splitlines()
    assert lines[0] == (f"eventcoder: cannot save: {len(imported)} imported, the rest not (disk full); free some "
                        "space and import the files not imported again (a file imported twice is added once):")
    assert lines[1:21] == [f"  not imported {p}" for p in missing[:20]]
    assert lines[21] == f"  ... and {len(missing) - 20:,} more not imported"
    assert "nothing of this change was written" not in run.stderr


def test_code_on_a_full_disk_refuses_before_it_parses_anything(tmp_path):
    db = tmp_path / "news.db"
    paths = _articles(tmp_path / "in", 3)
    assert _cli("import", *map(str, paths), "--db", str(db)).returncode == 0
    with Project(db) as project:
        before = project.get_meta("coding_run")
    run = _limited(db, 0, "code", "--all")
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0] == ("eventcoder: cannot store suggestions: the disk is full; free some space "
                                          "and try again; nothing was changed")
    assert "spacy loaded: False" in run.stderr  # refused before the parser was even loaded
    with Project(db) as project:
        assert project.counts()["events_suggested"] == 0 and project.get_meta("coding_run") == before
        assert project.get_meta("write_probe") is None and project.integrity_check() == []


def _big_project(db: Path) -> None:
    """One long article, many events on its long sentences: every export format is far over 400 KB."""
    sentence = "The ministers of the two countries met in the capital and agreed to keep talking. " * 40
    text = " ".join(f"{sentence.strip()} ({n})." for n in range(60))
    with Project(db) as project:
        bulk_insert(project, [{"text": text, "title": "Talks"}])
        doc_id = project.document_ids()[0]
        events, start = [], 0
        for n in range(60):
            end = text.index(f"({n}).", start) + len(f"({n}).")
            events += [{"document_id": doc_id, "event_code": "040", "source_code": "RUSGOV", "target_code": "UKRGOV",
                        "sentence_start": start, "sentence_end": end, "location": "Nairobi"} for _ in range(80)]
            start = end + 1
        bulk_insert(project, events=events)
    with sqlite3.connect(db) as conn:  # all in the file: the command only reads it (reads are not limited)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_an_export_that_cannot_be_written_names_its_file_leaves_none_and_no_generator_noise(tmp_path):
    db = tmp_path / "news.db"
    _big_project(db)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for fmt, name in (("csv", "events.csv"), ("tsv", "events.tsv"), ("jsonl", "events.jsonl"),
                      ("doccano", "events.doccano.jsonl"), ("brat", "brat")):  # (a .spacy file is compressed: small)
        out = out_dir / name
        run = _cli("export", "--format", fmt, "--status", "all", "--out", str(out), "--db", str(db),
                   preexec_fn=_file_size_limit(400_000))
        assert run.returncode == 1, (fmt, run.stdout, run.stderr)
        errors = [line for line in run.stderr.splitlines() if not line.startswith("eventcoder: warning: no backup")]
        assert errors == [f"eventcoder: {out}: cannot write it (File too large); nothing was written"], (fmt, errors)
        assert list(out_dir.iterdir()) == [], fmt  # no part of a file, no temporary file, no new folder
