"""Team coding end to end: two annotators code the seed article in their own windows and files, the files are
merged, the differences adjudicated in the window by keyboard, and the curated export holds exactly the chosen
codings. Also the first-run name prompt and the team picture."""

from __future__ import annotations

import csv
import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableWidget

from eventcoder.app import annotator
from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.store import Project

from .conftest import close_window, open_window, saved_name_only, seed_project

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def settings_for(tmp_path, name: str | None) -> QSettings:
    settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
    if name:
        settings.setValue(annotator.SETTING, name)
        saved_name_only()
    return settings


def code_in_window(qtbot, keys, path, tmp_path, name: str, decisions: str) -> None:
    """``name`` codes the seed article in their own window and file: one key per suggestion (A accept, X reject),
    in text order (112 attempts, 010 said, 040 same page, 138 threatened, 040 agreed)."""
    project = seed_project(path)
    win = open_window(qtbot, project, settings_for(tmp_path, name))
    assert project.annotator == name
    assert win.annotator_label.text().endswith(f">{name}</a>")
    keys(*decisions)  # the first suggestion is current once the window opens the article
    assert {e.status for e in project.events()} == {"accepted", "rejected"}
    assert {e.annotator for e in project.events()} == {name}
    close_window(win)
    project.close()


def test_two_annotators_merge_and_adjudicate_by_keyboard(qtbot, keys, tmp_path, capsys):
    ann, bob, team = tmp_path / "ann.db", tmp_path / "bob.db", tmp_path / "team.db"
    code_in_window(qtbot, keys, ann, tmp_path, "ann", "AXAAA")  # ann: no bare "said" 010
    code_in_window(qtbot, keys, bob, tmp_path, "bob", "AAAXA")  # bob: no 138 threat

    assert main(["merge", str(ann), str(bob), "--into", str(team)]) == 0
    assert "10 event(s) (ann 5, bob 5)" in capsys.readouterr().out  # accepted and rejected

    project = Project(team)
    win = open_window(qtbot, project, settings_for(tmp_path, "cur"))
    keys((Qt.Key.Key_A, CTRL_SHIFT))  # Code ▸ Adjudicate
    view = win.adjudication_view
    qtbot.waitUntil(lambda: view.isVisible() and QApplication.focusWidget() is view and view.cur is not None)
    # the three agreed codings went in at once; two differ: bob's "said" 010 and ann's 138
    assert [(i.agreed, i.decided) for i in view.cur.items].count((True, True)) == 3
    assert view.cur.progress() == (0, 2)
    assert "0 of 2" in view.progress_label.text()
    first = view.current()
    assert {w: (c.code if c else None) for w, c in first.slot.members.items()} == {"ann": None, "bob": "010"}
    assert "<u>said</u>" in view.sentence.text()
    assert view.table.rowCount() == 3 and view.table.item(1, 2).text() == "010"

    keys("2")  # take bob's 010 ...
    assert view.cur.progress() == (1, 2) and view.cur.differing[0].chosen == "bob"
    keys((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))  # ... undo: undecided again
    assert view.cur.progress() == (0, 2) and view.current() is view.cur.differing[0]
    keys("0")  # no event here; moves on to the next undecided
    second = view.current()
    assert {w: (c.code if c else None) for w, c in second.slot.members.items()} == {"ann": "138", "bob": None}
    keys("1")  # ann's 138
    assert view.cur.progress() == (2, 2)
    assert "2 of 2" in view.progress_label.text()
    keys("K")
    assert view.current().decided and "no event" in view.decision_label.text()
    keys("E")  # nothing taken here ("no event"): nothing to edit
    assert view.isVisible() and QApplication.focusWidget() is view
    keys("J", "E")  # ann's 138, taken: E opens the curated event itself in the window's event editor
    chosen = view.current().decision
    assert win.session.current_event.id == chosen["id"] and win.editor.mode != "idle"
    history = [h["action"] for h in project.history(10)]
    assert "curate: take ann's 138" in history and "curate: no event" in history
    close_window(win)
    project.close()

    out = tmp_path / "curated.csv"
    assert main(["export", "--db", str(team), "--layer", "curated", "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((r["event_code"], r["source_code"], r["target_code"], r["annotator"]) for r in rows) == [
        ("040", "IND", "RUS", "cur"), ("040", "IND", "RUS", "cur"), ("112", "RUSGOV", "USA", "cur"),
        ("138", "USA", "IND", "cur")]
    with Project(team) as project:
        curated = project.curated_rows()
        assert sorted((r["event_code"], r["status"], r["curated_from_annotator"]) for r in curated) == [
            ("010", "rejected", None), ("040", "accepted", "ann"), ("040", "accepted", "ann"),
            ("112", "accepted", "ann"), ("138", "accepted", "ann")]


def test_first_run_asks_the_name_once(qtbot, app_project, tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTCODER_ANNOTATOR", raising=False)
    asked = []
    monkeypatch.setattr(annotator, "ask_name", lambda parent, current: asked.append(current) or "  Zoë  Li ")
    settings = settings_for(tmp_path, None)
    win = open_window(qtbot, app_project, settings)
    assert asked and app_project.annotator == "Zoë Li" and settings.value(annotator.SETTING) == "Zoë Li"
    assert "Zoë Li" in win.annotator_label.text()
    event = app_project.events()[0]
    win.session.do(commands.accept_event(app_project, event.id))
    assert app_project.get_event(event.id).annotator == "Zoë Li"
    close_window(win)
    second = open_window(qtbot, app_project, settings)  # the setting answers: no second question
    assert len(asked) == 1 and app_project.annotator == "Zoë Li"
    monkeypatch.setattr(annotator, "ask_name", lambda parent, current: "Ann")
    second.actions_by_name["coding_as"].trigger()
    assert app_project.annotator == "Ann" and settings.value(annotator.SETTING) == "Ann"
    close_window(second)


def test_team_picture(qtbot, keys, tmp_path, capsys):
    ann, bob, team = tmp_path / "ann.db", tmp_path / "bob.db", tmp_path / "team.db"
    code_in_window(qtbot, keys, ann, tmp_path, "ann", "AXAAA")
    code_in_window(qtbot, keys, bob, tmp_path, "bob", "AAAXA")
    assert main(["merge", str(ann), str(bob), "--into", str(team)]) == 0
    capsys.readouterr()
    project = Project(team)
    win = open_window(qtbot, project, settings_for(tmp_path, "cur"))
    win.actions_by_name["team_picture"].trigger()  # computed in the background
    qtbot.waitUntil(lambda: getattr(win, "team_view", None) is not None and win.team_view.isVisible())
    view = win.team_view
    people = {view.people.item(r, 0).text(): (view.people.item(r, 3).text(), view.people.item(r, 4).text())
              for r in range(view.people.rowCount())}
    assert people == {"ann": ("4", "1"), "bob": ("4", "1")}
    levels = {view.figures.item(r, 0).text(): view.figures.item(r, 2).text() for r in range(view.figures.rowCount())}
    assert set(levels) == {"event", "code", "root", "source", "target", "triple"}
    assert main(["agreement", str(team), "--json"]) == 0
    alpha = json.loads(capsys.readouterr().out)["alpha"]
    assert levels["code"] == f"{alpha['code']:.3f}"
    assert view.months.rowCount() == 1
    # a figure opens: every slot of the code level, with the events paired and the ones a coder rejected (each
    # pressed X on a suggestion the other accepted, ann on 010 and bob on 138: "no event" on purpose, not missing)
    explained = view.explain("code")
    table = explained.findChild(QTableWidget, "explain_units")
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert len(cells) == 5 and not any("missing" in cell for row in cells for cell in row)
    assert any(row[2].startswith("138  · event") and row[3] == "(no event)  · rejected" for row in cells)
    assert any(row[2] == "(no event)  · rejected" and row[3].startswith("010  · event") for row in cells)
    explained.close()
    view.close()
    close_window(win)
    project.close()


def test_export_for_annotators_from_the_window(qtbot, window, tmp_path, monkeypatch):
    from eventcoder.app import adjudication, dialogs

    monkeypatch.setattr(adjudication, "ask_package", lambda parent: (["ann", "bob"], True, 1))
    monkeypatch.setattr(dialogs, "ask_export_folder", lambda parent, default: str(tmp_path / "team"))
    window.actions_by_name["export_for_annotator"].trigger()  # written in the background (jobs.package_job)
    qtbot.waitUntil(lambda: "written" in window.statusBar().currentMessage(), timeout=30_000)
    for name in ("ann", "bob"):
        with Project(tmp_path / "team" / f"{name}.db") as copy:
            assert copy.get_meta("team_annotator") == name and copy.document_count() == 1  # the one shared
            assert {e.status for e in copy.events()} == {"suggested"}  # the coder's suggestions, no decisions
    assert "2 project file(s) written" in window.statusBar().currentMessage()
