"""``eventcoder delete`` (documents with everything on them, one transaction, a backup first; an unknown id
refused, nothing deleted) and ``eventcoder status`` (counts, and a coding run in progress in another process:
shown while it lives, gone when it ends or its process died). Real project files, real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from eventcoder.cli import main
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

ARTICLES = [
    "Ruritania accused Freedonia of shelling the border town of Ostra on Monday.",
    "The foreign minister of Freedonia met the Ruritanian envoy in Vienna to discuss a ceasefire.",
    "Protesters in the capital of Ruritania demanded the release of three journalists.",
]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _project(path: Path) -> Project:
    project = Project(path, annotator="tester")
    for n, text in enumerate(ARTICLES, start=1):
        doc_id, _ = project.add_document(Document(text=text, title=f"article {n}"))
        coded = CodedDocument(spans=[SuggestedSpan(0, 9, text[:9], code="RUR"),
                                     SuggestedSpan(10, 18, text[10:18], layer="trigger")],
                              events=[SuggestedEvent("112", "RUR", None, 0, None, 1, 0, len(text), confidence=0.5)])
        project.save_coded(doc_id, coded, scheme="CAMEO")
    return project


def _rows(project: Project, doc_id: int) -> dict:
    return {table: project.db.execute_returning_dicts(f"SELECT * FROM {table} WHERE document_id = ?", [doc_id])
            for table in ("spans", "events", "relations")}


def test_delete_removes_the_documents_with_everything_on_them_after_a_backup(capsys, tmp_path):
    db = tmp_path / "news.db"
    _project(db).close()
    code, out, err = run(capsys, "delete", "--doc", "1", "3", "--db", str(db))
    assert code == 0, err
    assert "deleted document 1 “article 1”: 1 event(s), 2 span(s), 0 relation(s)" in out
    assert "deleted document 3" in out
    assert "before-delete" in err and "eventcoder restore" in err
    with Project(db) as project:
        assert project.document_ids() == [2]
        assert _rows(project, 1) == {"spans": [], "events": [], "relations": []}
        assert project.integrity_check() == []
        journal = project.db.execute_returning_dicts(
            "SELECT before FROM history WHERE table_name = 'documents' AND action = 'delete document 1'")
        assert json.loads(journal[0]["before"])["text"] == ARTICLES[0]  # the journal keeps the deleted text
    backup = next((tmp_path / "backups").glob("news-*-before-delete.db"))
    with Project(backup, readonly=True) as before:
        assert before.document_ids() == [1, 2, 3]  # the state before the delete, whole


def test_delete_refuses_an_unknown_id_and_deletes_nothing(capsys, tmp_path):
    db = tmp_path / "news.db"
    _project(db).close()
    code, out, err = run(capsys, "delete", "--doc", "2", "99", "--db", str(db))
    assert code == 1 and out == ""
    assert err.strip() == (f"eventcoder: no document with id 99 in {db} (`eventcoder documents --db {db}` lists "
                           "them); nothing was deleted")
    with Project(db) as project:
        assert project.document_ids() == [1, 2, 3]
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").glob("*before-delete*"))
    code, _out, err = run(capsys, "delete", "--doc", "1", "--db", str(tmp_path / "missing.db"))
    assert code == 1 and "no such project" in err


def test_status_counts_the_project(capsys, tmp_path):
    db = tmp_path / "news.db"
    _project(db).close()
    code, out, _err = run(capsys, "status", "--db", str(db))
    assert code == 0
    assert out.splitlines() == [f"{db}: 3 document(s), 0 marked done",
                                "events: 3 suggested, 0 accepted, 0 rejected; 6 span(s), 0 relation(s)",
                                "no coding run in progress"]


RUNNER = textwrap.dedent("""
    import sys, time
    from eventcoder.core.store import Project
    project = Project(sys.argv[1], annotator="ann")
    with project.coding_run(40, "CAMEO") as report:
        report(12)
        project.run_progress(project.coding_runs(others_only=False)[0].id, 12, force=True)
        print("running", flush=True)
        if sys.argv[2] == "end":
            sys.stdin.readline()
        else:
            time.sleep(60)
    print("ended", flush=True)
""")


def _runner(db: Path, how: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(db), how], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "running"
    return proc


def test_status_shows_a_run_of_another_process_until_it_ends(capsys, tmp_path):
    db = tmp_path / "news.db"
    _project(db).close()
    proc = _runner(db, "end")
    try:
        code, out, _err = run(capsys, "status", "--db", str(db))
        assert code == 0
        line = out.splitlines()[-1]
        assert line.startswith("coding run in progress in CAMEO: 12/40 document(s), started ")
        assert f"by ann (pid {proc.pid})" in line
        code, out, _err = run(capsys, "status", "--db", str(db), "--json")
        runs = json.loads(out)["runs_in_progress"]
        assert [(r["pid"], r["done"], r["total"], r["annotator"]) for r in runs] == [(proc.pid, 12, 40, "ann")]
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "ended"
        assert proc.wait(30) == 0
        _code, out, _err = run(capsys, "status", "--db", str(db))
        assert out.splitlines()[-1] == "no coding run in progress"
    finally:
        proc.kill()


def test_a_run_whose_process_died_is_not_in_progress(capsys, tmp_path):
    db = tmp_path / "news.db"
    _project(db).close()
    proc = _runner(db, "sleep")
    os.kill(proc.pid, signal.SIGKILL)  # no chance to remove its record
    proc.wait(30)
    with Project(db) as project:
        assert len(project.coding_runs(alive_only=False)) == 1  # still recorded ...
        assert project.coding_runs() == []  # ... but dead: not in progress
    _code, out, _err = run(capsys, "status", "--db", str(db))
    assert out.splitlines()[-1] == "no coding run in progress"
    with Project(db) as project:  # the next run clears the dead one away
        with project.coding_run(1, "CAMEO"):
            assert [r.pid for r in project.coding_runs(alive_only=False)] == [os.getpid()]
        assert project.coding_runs(alive_only=False) == []


def test_eventcoder_code_records_its_run_while_it_codes(tmp_path):
    """The real `eventcoder code` in its own process: its run is visible in the file while it works."""
    db = tmp_path / "news.db"
    with Project(db) as project:
        for n in range(12):
            project.add_document(Document(text=f"Item {n}. " + " ".join(ARTICLES), title=f"article {n}"))
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "code", "--all", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    try:
        with Project(db, readonly=True) as reader:
            deadline = time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                seen = seen or reader.coding_runs()
                time.sleep(0.05)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert seen and seen[0].pid == proc.pid and seen[0].total == 12
    with Project(db) as project:
        assert project.coding_runs(alive_only=False) == []  # removed when it ended
