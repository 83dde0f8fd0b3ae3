"""``eventcoder undo``: the annotator's last ``accept``, ``reject`` or ``edit`` from the command line taken back as
the window's Ctrl+Z takes back its own last step -- the same rows afterwards (versions included), the spans and the
learned actors with them, journalled as "undo: ...", in one transaction -- and refused with a clear message when
there is nothing to undo (exit 1) or anyone changed those events since (exit 3, nothing written, the step kept).
Real project files, the real command line in subprocesses."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from decision_checks import border_row, cli
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project


@pytest.fixture
def db(tmp_path) -> Path:
    """The model's 112 NORGOV -> OST (id 1) and 141 PLM (id 2, second sentence)."""
    path = tmp_path / "news.db"
    border_row(path)
    return path


def _state(db: Path, versions: bool = True) -> dict:
    """Every event and span row as stored (without time stamps; without versions unless asked), and what the
    project's actor dictionary learned."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        gone = {"created_at", "updated_at"} | (set() if versions else {"version"})
        rows = {t: [{k: r[k] for k in r.keys() if k not in gone} for r in con.execute(f"SELECT * FROM {t} ORDER BY id")]
                for t in ("events", "spans")}
    finally:
        con.close()
    with Project(db, readonly=True) as project:
        rows["learned"] = sorted((c.text, c.code) for c in project.learned_actor_codings())
    return rows


def _journal(db: Path) -> list[tuple[str, str, str, int]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT who, action, table_name, row_id FROM history ORDER BY id").fetchall()
    finally:
        con.close()


def _ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


NOTHING = ("eventcoder: nothing to undo: ann has no accept, reject or edit from the command line left to undo in "
           "{db} (the window's changes are undone with its Ctrl+Z); nothing was written")


def test_undo_takes_back_the_last_decision_as_the_windows_ctrl_z_does(db, tmp_path):
    before = _state(db, versions=False)
    window = tmp_path / "window.db"
    border_row(window)
    with Project(window, annotator="ann") as project:  # the window's session: A on 1, then Ctrl+Z
        session = CodingSession.open(project)
        session.open_document(1)
        assert session.accept(1) and session.undo()
    _ok(cli(db, "accept", "1"))
    assert _state(db)["learned"] == [("Ostrania", "OST"), ("Zorvan Kettel", "NORGOV")]
    out = _ok(cli(db, "undo"))
    lines = out.splitlines()
    assert lines[0].startswith("undone: accept event 112 (made from the command line at ")
    assert lines[0].endswith(" UTC)")
    assert lines[1:] == ["event 1: NORGOV 112 OST, a pending suggestion of the coder (version 3)"]
    assert _state(db) == _state(window)  # the window's rows after its undo, versions included
    assert _state(db, versions=False) == before  # the rows as they were, the learned actors forgotten
    undone = [entry for entry in _journal(db) if entry[1].startswith("undo: ")]
    assert undone and {(who, action) for who, action, _t, _r in undone} == {("ann", "undo: accept event 112")}
    nothing = cli(db, "undo")  # one step: used up
    assert nothing.returncode == 1 and nothing.stdout == ""
    assert nothing.stderr.strip() == NOTHING.format(db=db)


def test_undo_of_an_edit_puts_back_the_code_the_words_and_what_was_learned(db):
    before = _state(db, versions=False)
    _ok(cli(db, "edit", "1", "--code", "111", "--target", "plm", "--note", "checked"))
    edited = _state(db)
    assert (edited["events"][0]["event_code"], edited["events"][0]["target_code"]) == ("111", "PLM")
    _ok(cli(db, "undo"))
    assert _state(db, versions=False) == before


def test_several_events_are_undone_whole_or_not_at_all_and_a_change_since_refuses_it(db):
    _ok(cli(db, "accept", "1", "2"))
    decided = _state(db, versions=False)
    _ok(cli(db, "edit", "1", "--note", "seen", who="bob"))  # bob changes one of them since
    changed = _state(db)
    refused = cli(db, "undo")
    assert refused.returncode == 3 and refused.stdout == ""
    assert refused.stderr.startswith("eventcoder: cannot undo “accept 2 events”: event 112 (id 1) was changed "
                                     "elsewhere by bob (edit event 112, ")
    assert refused.stderr.rstrip().endswith("(now version 3, not 2); nothing was written")
    assert _state(db) == changed  # event 2 not undone either: one transaction
    assert [e["status"] for e in changed["events"]] == ["accepted", "accepted"]
    _ok(cli(db, "edit", "1", "--note", "", who="bob"))  # bob takes his note back: the rows as the decision left them
    assert _state(db, versions=False) == decided
    _ok(cli(db, "undo"))  # the step was kept: now it applies
    assert [e["status"] for e in _state(db)["events"]] == ["suggested", "suggested"]


def test_undo_is_each_annotators_own_and_a_decision_that_wrote_nothing_keeps_the_step(db):
    _ok(cli(db, "reject", "2"))
    bob = cli(db, "undo", who="bob")
    assert bob.returncode == 1 and "nothing to undo: bob has no accept" in bob.stderr
    _ok(cli(db, "reject", "2"))  # rejected already: nothing written, the step stays the rejection
    _ok(cli(db, "accept", "1", who="bob"))
    out = _ok(cli(db, "undo"))
    assert out.splitlines()[0].startswith("undone: reject event 141 ")
    state = _state(db)
    assert [(e["status"], e["annotator"]) for e in state["events"]] == [("accepted", "bob"), ("suggested", None)]


def test_in_a_team_file_undo_removes_the_annotators_own_decision(db):
    with Project(db) as project:
        project.set_team_layers(True)
    before = _state(db)
    out = _ok(cli(db, "accept", "1", who="bob"))
    assert "deciding the shared suggestion 1 in bob's layer" in out
    assert len(_state(db)["events"]) == 3 and len(_state(db)["spans"]) == 8  # bob's event, his span copies
    out = _ok(cli(db, "undo", who="bob"))
    assert "event 3: removed" in out.splitlines()
    assert _state(db) == before  # bob's rows gone, the shared suggestion as it was


def test_a_copy_of_the_file_made_as_another_project_has_nothing_to_undo(db, tmp_path):
    _ok(cli(db, "accept", "1"))
    copy = tmp_path / "ann.db"
    shutil.copy(db, copy)
    with Project(copy) as project:  # what `eventcoder package` does to its copies: another project's id
        project.set_meta("project_uuid", None)
    refused = cli(copy, "undo")
    assert refused.returncode == 1 and refused.stderr.strip() == NOTHING.format(db=copy)
    assert json.loads(sqlite3.connect(db).execute(
        "SELECT value FROM meta WHERE key = 'cli_undo_step:ann'").fetchone()[0])["label"] == "accept event 112"
    _ok(cli(db, "undo"))  # in the file itself it is still there


def test_only_row_changes_are_kept_for_a_later_undo(db):
    from eventcoder.core import commands
    from eventcoder.core.errors import StoreError

    with Project(db, annotator="ann") as project:
        inverse = commands.accept_event(project, 1).apply(project)
        record = commands.command_record(inverse)
        assert commands.command_from_record(json.loads(json.dumps(record))) == inverse  # the same command back
        with pytest.raises(StoreError, match="cannot be kept for a later undo"):
            commands.command_record(commands.SetAnnotatorDone(1, "ann", True))
