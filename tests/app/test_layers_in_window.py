"""Several annotators in one project file, in the window: my layer by default, another's on demand (View ▸ Show
layer), coding only in my own; File ▸ Export of one layer, in the background."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from eventcoder.app import dialogs
from eventcoder.core import commands
from eventcoder.core.io.exporters import export_formats
from eventcoder.core.store import Project

from .conftest import close_window, seed_project, window_as


def test_my_layer_by_default_another_on_demand(qtbot, keys, tmp_path):
    path = tmp_path / "team.db"
    project = seed_project(path)
    project.set_team_layers(True)
    doc_id = project.document_ids()[0]
    suggestions = [e.id for e in project.events(doc_id)]
    with Project(path, annotator="ben") as ben:  # ben decided every suggestion first, in his own layer
        for event_id in suggestions:
            commands.accept_event(ben, event_id).apply(ben)
    win = window_as(qtbot, tmp_path, project, "ana")
    try:
        assert win.actions_by_name["team_layers"].isChecked()
        doc = win.session.doc
        # my layer: the suggestions ben decided are still mine to decide; none of ben's events, nor his spans
        assert sorted(e.id for e in doc.events) == sorted(suggestions)
        assert {e.status for e in doc.events} == {"suggested"}
        assert win.events.model.rowCount() == len(suggestions)
        assert all(s.annotator != "ben" for s in doc.spans.values())
        assert set(win.article._spans) <= set(doc.spans)
        keys("J", "A")  # I accept the first one: my event; the suggestion stays pending for everyone else
        mine = [e for e in win.session.doc.events if e.annotator == "ana"]
        assert len(mine) == 1 and mine[0].status == "accepted" and mine[0].decides in suggestions
        assert project.get_event(mine[0].decides).status == "suggested"
        assert win.events.model.rowCount() == len(suggestions)  # one decided, in place of its suggestion
        keys((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))  # undo: my decision (and its spans) go
        assert {e.status for e in win.session.doc.events} == {"suggested"}
        assert not [e for e in project.events(doc_id) if e.annotator == "ana"]
        keys((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))  # redo
        mine = [e for e in win.session.doc.events if e.annotator == "ana"]
        assert len(mine) == 1 and mine[0].status == "accepted"
        win.events.all_documents.setChecked(True)  # the events of every document: of my layer too
        assert win.events.lister.wait()
        assert win.events.model.rowCount() == len(suggestions)
        assert "ben" not in {win.events.model.events[i].annotator for i in range(win.events.model.rowCount())}
        win.events.all_documents.setChecked(False)
        # View ▸ Show layer ▸ ben: his accepted events, read only
        win.actions_by_name["show_layer_ben"].trigger()
        shown = win.session.doc.events
        assert {(e.status, e.annotator) for e in shown} == {("accepted", "ben")} and len(shown) == len(suggestions)
        assert "showing ben’s layer" in win.annotator_label.text()
        assert win.events.model.rowCount() == len(suggestions)
        before = len(project.events(doc_id))
        win.session.set_current_event(shown[0].id)  # one of ben's events, picked in the list
        keys("X")
        assert project.get_event(shown[0].id).status == "accepted"
        assert len(project.events(doc_id)) == before  # nothing written in another's layer
        assert "Mine to code" in win.statusBar().currentMessage()
        win.actions_by_name["show_layer_mine"].trigger()
        assert [e.annotator for e in win.session.doc.events if e.annotator] == ["ana"]
        assert win.annotator_label.text().endswith(">ana</a>")
        # File ▸ Export: the layers offered, and ben's exported in the background job
        choices, first = dialogs.layer_choices(project)
        assert [c.annotator for c in choices] == [None, "ana", "ben", None] and choices[first].annotator == "ana"
        dialog = dialogs.ExportDialog(win, export_formats(), tmp_path, "team", (choices, first))
        dialog.layer_box.setCurrentIndex(2)
        dialog.path.setText(str(tmp_path / "ben.csv"))
        choice = dialog.choice()
        assert (choice.layer, choice.annotator) == (None, "ben")
        dialog.deleteLater()
        job = win.export_events(choice.fmt, choice.path, choice.status, layer=choice.layer,
                                annotator=choice.annotator)
        assert job is not None and job.wait(30_000) and job.error is None
        rows = list(csv.DictReader((tmp_path / "ben.csv").open(encoding="utf-8")))
        assert len(rows) == len(suggestions) and {r["annotator"] for r in rows} == {"ben"}
        assert f"Exported {len(suggestions)} accepted events of ben’s layer" in win.statusBar().currentMessage()
        job = win.export_events("csv", str(tmp_path / "ana.csv"), "accepted", annotator="ana")
        assert job is not None and job.wait(30_000)
        rows = list(csv.DictReader((tmp_path / "ana.csv").open(encoding="utf-8")))
        assert [(r["annotator"], r["event_id"]) for r in rows] == [("ana", str(mine[0].id))]
    finally:
        close_window(win)
        project.close()


def test_team_layers_toggle_in_the_window(qtbot, tmp_path):
    path = tmp_path / "solo.db"
    project = seed_project(path)
    win = window_as(qtbot, tmp_path, project, "ana")
    try:
        toggle = win.actions_by_name["team_layers"]
        assert not toggle.isChecked()
        toggle.trigger()
        assert project.team_layers()
        with Project(path) as other:
            assert other.team_layers()  # the setting is the file's, for every window and the CLI
        first = win.session.doc.events[0]
        assert win.session.core.accept(first.id)
        assert project.get_event(first.id).status == "suggested"
    finally:
        close_window(win)
        project.close()


def test_export_for_an_annotator_runs_in_the_background_and_cancels_cleanly(qtbot, tmp_path):
    from eventcoder.app import adjudication

    project = seed_project(tmp_path / "p.db")
    win = window_as(qtbot, tmp_path, project, "ana")
    try:
        folder = tmp_path / "copies"
        folder.mkdir()
        names = [f"coder{i}" for i in range(6)]
        job = adjudication.start_package(win, str(folder), names)
        assert job is not None and win.io.busy  # the window goes on while the copies are written
        job.cancel()
        assert job.wait(60_000) and job.error is None
        assert job.outcome.cancelled and list(folder.iterdir()) == []  # nothing left behind
        assert "cancelled" in win.statusBar().currentMessage()
        job = adjudication.start_package(win, str(folder), names[:2])
        assert job is not None and job.wait(60_000) and not job.outcome.cancelled
        assert sorted(p.name for p in folder.glob("*.db")) == ["coder0.db", "coder1.db"]
        assert job.value == 2  # progress: copies written
    finally:
        close_window(win)
        project.close()
