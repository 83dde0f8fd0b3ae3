"""Team layers: an annotator may not change another annotator's layer, whichever path the change takes. The refusal
is the commands' own (core/commands.py ``check_layer_owner``, inside the change's transaction): the window's
session showing every layer, the command line and a script applying a command get the same error type and the
same words, nothing is written and no undo step is recorded. The owner still changes their own events; with team
layers off every row is everyone's. Real SQLite files, the real command line in a subprocess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli_checks import run_cli
from decision_checks import SECOND, TEXT, border_row
from eventcoder.core import commands
from eventcoder.core.errors import EventCoderError
from eventcoder.core.model import Event
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

PREFIX = ("event 112 (id 3) is in bob's layer: another annotator's layer is read only, ann codes in their own (the "
          "shared suggestion it decides is 1: ")


@pytest.fixture
def db(tmp_path) -> Path:
    """Team layers on; the model's 112 (id 1) and 141 (id 2); bob's rejection of 1 (id 3) and bob's own 173 (id 4)."""
    path = tmp_path / "team.db"
    doc_id = border_row(path, annotator="bob")
    with Project(path, annotator="bob") as project:
        project.set_team_layers(True)
        commands.reject_event(project, 1).apply(project)
        commands.add_event(Event(doc_id, "173", source_code="PLM", sentence_start=SECOND, sentence_end=len(TEXT),
                                 status="accepted", annotator="bob")).apply(project)
        assert [(e.id, e.status, e.annotator, e.decides) for e in project.events(doc_id)] == [
            (1, "suggested", None, None), (3, "rejected", "bob", 1), (2, "suggested", None, None),
            (4, "accepted", "bob", None)]
    return path


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("events", "spans", "history")}
    finally:
        con.close()


def test_the_windows_session_showing_every_layer_refuses_another_annotators_events(db):
    before = _rows(db)
    with Project(db, annotator="ann") as project:
        session = CodingSession.open(project)
        session.set_layer_view("all")  # every row shown: coding is allowed there, but not in bob's rows
        session.open_document(1)
        assert {e.id for e in session.doc.events} == {1, 2, 3, 4}
        for change in (lambda: session.accept(3), lambda: session.reject(3),
                       lambda: session.edit_event(3, event_code="111"),
                       lambda: session.edit_event(3, note="mine now")):  # a note alone too
            assert change() is False
            assert session.save_state == "failed"
            assert session.save_problem == PREFIX + "A, X or E on it decides it in yours); nothing was written"
        assert session.delete_event(4) is False  # bob's own event: not ann's to delete
        assert session.save_problem == ("event 173 (id 4) is in bob's layer: another annotator's layer is read "
                                        "only, ann codes in their own; nothing was written")
        assert not session.history.can_undo()  # no step recorded
        assert session.accept(1)  # the shared suggestion: decided in ann's own layer
        mine = next(e for e in project.events(1) if e.annotator == "ann")
        assert (mine.status, mine.decides) == ("accepted", 1)
    after = _rows(db)
    assert after["events"][:4] == before["events"] and after["spans"][:5] == before["spans"][:5]


def test_a_command_applied_by_a_script_refuses_with_the_same_error(db):
    before = _rows(db)
    with Project(db, annotator="ann") as project:
        for command in (commands.accept_event(project, 3), commands.edit_event(project, 3, event_code="111"),
                        commands.edit_event(project, 4, note="x")):
            with pytest.raises(commands.AnotherAnnotatorsLayer) as refused:
                command.apply(project)
            assert isinstance(refused.value, EventCoderError)
        assert refused.value.decides is None and str(refused.value).startswith("event 173 (id 4) is in bob's layer")
        with pytest.raises(commands.AnotherAnnotatorsLayer):
            commands.delete_analyst_event(project, 4)
    assert _rows(db) == before
    with Project(db, annotator="bob") as project:  # bob changes his own
        commands.accept_event(project, 3).apply(project)
        commands.edit_event(project, 4, note="checked").apply(project)
        assert (project.get_event(3).status, project.get_event(4).note) == ("accepted", "checked")
        project.set_team_layers(False)
    with Project(db, annotator="ann") as project:  # team layers off: every row is everyone's
        commands.reject_event(project, 3).apply(project)
        assert (project.get_event(3).status, project.get_event(3).annotator) == ("rejected", "ann")


def test_the_command_line_refuses_with_the_commands_words(db):
    before = _rows(db)
    for argv, verb, how in ((("accept", "3"), "accepted", "`eventcoder accept 1`"),
                            (("reject", "3@1"), "rejected", "`eventcoder reject 1`"),
                            (("edit", "3", "--code", "111"), "changed", "`eventcoder edit 1`")):
        done = run_cli("--annotator", "ann", *argv, "--db", str(db))
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.strip() == f"eventcoder: {PREFIX}{how} decides it in yours); nothing was {verb}"
    assert _rows(db) == before
    done = run_cli("--annotator", "bob", "accept", "3", "--db", str(db))
    assert done.returncode == 0, done.stderr
