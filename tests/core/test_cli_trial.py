"""What a second new-user trial of the command line found, run as the user runs it: ``python -m eventcoder.cli``
in a subprocess (stderr a pipe, as in a log or CI), on a real project file coded by the real coder."""

from __future__ import annotations

import json
import os
import re
import sqlite3

import pytest

from cli_checks import rows as _rows
from cli_checks import run_cli as cli
from eventcoder.cli import main

from ..conftest import REPO

PLACES = [("Russia", "India"), ("France", "Germany"), ("Japan", "China"), ("Brazil", "Argentina"),
          ("Kenya", "Uganda")]
DOCS = 20


def _article(i: int) -> str:
    a, b = PLACES[i % len(PLACES)]
    return (f"Dispatch {i}\n\nThe foreign minister of {a} met the president of {b} on day {i} of the talks. "
            f"{a} accused {b} of breaking the agreement, and {b} rejected the demand.")


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    """A project of 20 documents imported and coded (in CAMEO) by subprocesses; (db, stderr of `code`)."""
    folder = tmp_path_factory.mktemp("trial")
    for i in range(DOCS):
        (folder / f"dispatch_{i:02}.txt").write_text(_article(i), encoding="utf-8")
    db = folder / "news.db"
    made = cli("import", str(folder), "--db", str(db))
    assert made.returncode == 0, made.stderr
    run = cli("code", "--db", str(db))
    assert run.returncode == 0, run.stderr
    return db, run.stderr


def test_code_prints_plain_progress_lines_when_stderr_is_not_a_terminal(coded):
    _db, err = coded
    lines = [line for line in err.splitlines() if line.startswith("coded ")]
    assert "\r" not in err  # no carriage-return animation in a log
    assert lines and all(re.fullmatch(rf"coded \d+/{DOCS} documents", line) for line in lines), err
    done = [int(line.split()[1].split("/")[0]) for line in lines]
    assert done == sorted(set(done)) and done[-1] == DOCS
    assert {2, 10, 20} <= set(done)  # a line at each tenth of the run (every 2 of 20 documents)


def test_coding_a_cameo_project_in_plover_is_refused_and_changes_nothing(coded):
    db, _ = coded
    before = _rows(db, "SELECT * FROM events ORDER BY id"), _rows(db, "SELECT * FROM meta ORDER BY key")
    assert before[0] and {r[0] for r in _rows(db, "SELECT DISTINCT scheme FROM events")} == {"CAMEO"}
    for args in (["--doc", "1"], []):
        refused = cli("code", "--scheme", "plover", *args, "--db", str(db))
        assert refused.returncode == 1
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert f"{db} is coded in CAMEO" in lines[0] and "--scheme cameo" in lines[0]
        assert "new project" in lines[0] and "nothing was changed" in lines[0]
    after = _rows(db, "SELECT * FROM events ORDER BY id"), _rows(db, "SELECT * FROM meta ORDER BY key")
    assert after == before
    # the same scheme again is fine (and changes nothing the analyst decided)
    again = cli("code", "--scheme", "cameo", "--doc", "1", "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert {r[0] for r in _rows(db, "SELECT DISTINCT scheme FROM events")} == {"CAMEO"}


def test_exporting_in_another_scheme_does_not_make_it_the_projects(coded, tmp_path):
    db, _ = coded
    scheme = _rows(db, "SELECT value FROM meta WHERE key = 'scheme'")
    out = tmp_path / "plover.csv"
    made = cli("export", "--format", "csv", "--out", str(out), "--status", "all", "--scheme", "plover",
               "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert _rows(db, "SELECT value FROM meta WHERE key = 'scheme'") == scheme == [("cameo",)]  # records nothing
    again = cli("code", "--doc", "2", "--db", str(db))  # so the project still codes in its own scheme
    assert again.returncode == 0, again.stderr


def test_a_new_project_may_take_plover(tmp_path):
    (tmp_path / "a.txt").write_text(_article(1), encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", str(tmp_path / "a.txt"), "--db", str(db)).returncode == 0
    run = cli("code", "--scheme", "plover", "--db", str(db))
    assert run.returncode == 0, run.stderr
    codes = {r[0] for r in _rows(db, "SELECT event_code FROM events")}
    assert codes and not any(c[:1].isdigit() for c in codes)  # PLOVER types, no CAMEO numbers


def test_events_lists_each_event_with_codes_as_stored(coded, tmp_path):
    db, _ = coded
    copy = tmp_path / "copy.db"
    assert cli("backup", "--db", str(db), "--out", str(copy)).returncode == 0
    first = _rows(copy, "SELECT id FROM events WHERE document_id = 2 ORDER BY id")[0][0]
    con = sqlite3.connect(copy)
    with con:
        con.execute("UPDATE events SET status = 'accepted' WHERE id = ?", [first])
    con.close()
    stored = _rows(copy, "SELECT e.id, e.document_id, e.status, coalesce(e.source_code, '-'), e.event_code, "
                         "coalesce(e.target_code, '-'), coalesce(s.text, '-') FROM events e "
                         "LEFT JOIN spans s ON s.id = e.trigger_span_id WHERE e.document_id = 2 "
                         "ORDER BY e.sentence_start, e.id")
    listed = cli("events", "--doc", "2", "--db", str(copy))
    assert listed.returncode == 0, listed.stderr
    header, *lines = listed.stdout.splitlines()
    assert header.split() == ["id", "doc", "status", "source", "code", "target", "trigger"]
    got = [tuple(line.split(None, 6)) for line in lines]
    assert got == [tuple(str(v) for v in row) for row in stored]
    assert any(code.startswith("0") for *_, code, _t, _w in got)  # leading zeros kept ("010", "040" ...)
    assert f"{len(stored)} event(s)" in listed.stderr
    only = cli("events", "--status", "accepted", "--json", "--db", str(copy))
    records = [json.loads(line) for line in only.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in records] == [(first, "accepted")]
    assert isinstance(records[0]["event_code"], str) and records[0]["event_code"] == stored[0][4]
    missing = cli("events", "--doc", "999", "--db", str(copy))
    assert missing.returncode == 1 and "no document with id 999" in missing.stderr


def test_documents_shows_which_documents_are_marked_done(coded, tmp_path, capsys):
    db, _ = coded
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    from eventcoder.core.store import Project

    with Project(copy) as project:
        project.set_document_done(3, True)
    capsys.readouterr()
    assert main(["documents", "--db", str(copy)]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert "done" in header.split()
    at = header.split().index("done")
    marks = {int(line.split()[0]): line.split()[at] for line in lines}
    assert marks[3] == "yes" and {marks[i] for i in marks if i != 3} == {"-"}


def test_db_before_the_command_or_alone_names_the_project(coded, tmp_path):
    db, _ = coded
    listed = cli("--db", str(db), "documents")  # the same as `documents --db`
    assert listed.returncode == 0 and listed.stdout.count("Dispatch") == DOCS, listed.stderr
    # `eventcoder --db FILE` opens the window on FILE, as `eventcoder gui --db FILE`: with no display it says so
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for argv in (["--db", str(db)], ["gui", "--db", str(db)], [str(db)], ["--annotator", "ann", str(db)]):
        opened = cli(*argv, env=env)  # `eventcoder news.db` too: a project file named alone is the window on it
        assert opened.returncode == 1 and "usage:" not in opened.stderr, opened.stderr
        assert "no display to open the window on" in opened.stderr
    # ... and the FILE reaches the window's opening: a mistyped folder is refused as by every command
    for argv in (["--db", str(tmp_path / "nope" / "x.db")], ["gui", "--db", str(tmp_path / "nope" / "x.db")],
                 [str(tmp_path / "nope" / "x.db")]):
        refused = cli(*argv)
        assert refused.returncode == 1 and "the folder" in refused.stderr and "does not exist" in refused.stderr
        assert not (tmp_path / "nope").exists()
    stray = cli("notacommand")  # a word that is no command and no project file is still argparse's error
    assert stray.returncode == 2 and "invalid choice: 'notacommand'" in stray.stderr
    two = cli("--db", str(db), "documents", "--db", str(tmp_path / "other.db"))
    assert two.returncode == 1 and "two projects named" in two.stderr


def test_the_command_lines_messages_recommend_work_for_the_project_named(coded, tmp_path, capsys):
    db, _ = coded
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    capsys.readouterr()
    assert main(["actors", "remove", "Nobody Known", "--db", str(copy)]) == 1
    err = capsys.readouterr().err
    suggested = re.search(r"`eventcoder (actors list --db \S+)`", err)
    assert suggested and suggested.group(1) == f"actors list --db {copy}", err
    assert main(suggested.group(1).split()) == 0  # the command it names runs, on this project
    # `eventcoder corpus sample` and the window's "cannot open project" dialog recommend `eventcoder --db FILE`
    for path in ("desktop/eventcoder/corpus_cli.py", "desktop/eventcoder/app/dialogs.py"):
        assert "eventcoder --db " in (REPO / path).read_text(encoding="utf-8")
    # ... which opens the window (test_db_before_the_command_or_alone_names_the_project); the README says so
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ("`eventcoder --db news.db` (or `eventcoder gui --db news.db`, or just `eventcoder news.db`) opens it on "
            "news.db") in readme
    assert "--scheme plover --db news.db" not in readme  # no example codes a CAMEO project in PLOVER
