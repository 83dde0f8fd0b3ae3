"""No coded work lost: refused imports, edits changed elsewhere, other connections' commits, the saved label."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from eventcoder.app import dialogs
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Event, RowKind
from eventcoder.core.store import Project


def _counts(project):
    tables = ("documents", "spans", "events", "relations", "history")
    return {t: project.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def _bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return empty, binary


def test_import_of_binary_and_empty_files_is_refused_by_name(window, tmp_path, monkeypatch, warnings_shown):
    project = window.session.project
    empty, binary = _bad_files(tmp_path)
    before = _counts(project)
    monkeypatch.setattr(dialogs, "ask_import_files", lambda *a, **k: [str(empty), str(binary)])
    window.actions_by_name["import_files"].trigger()
    assert window.io.current is not None and window.io.current.wait(10_000)  # imported in the background
    assert len(warnings_shown) == 1
    title, text = warnings_shown[0]
    assert title == "Nothing imported"
    assert "empty.txt: empty file" in text and "photo.txt: binary file" in text
    assert _counts(project) == before
    assert window.documents.model.rowCount() == before["documents"]
    assert window.session.doc is not None  # the open document stays


def test_dropped_binary_file_is_refused_by_name(window, tmp_path, warnings_shown):
    project = window.session.project
    _empty, binary = _bad_files(tmp_path)
    before = _counts(project)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(binary))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert window.io.current is not None and window.io.current.wait(10_000)  # imported in the background
    assert len(warnings_shown) == 1 and "photo.txt: binary file" in warnings_shown[0][1]
    assert _counts(project) == before


def test_edit_changed_elsewhere_is_refused_and_the_newer_state_shown(window, keys, tmp_path):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("E")
    window.editor.source.line.setText("RUS")
    with Project(project.path, annotator="colleague") as other:  # a second window on the same file
        other.update_event(event.id, target_code="IND")
    undo_steps = window.session.undo_stack.count()
    keys(Qt.Key.Key_Return)
    row = project.get_event(event.id)
    assert (row.source_code, row.target_code) == ("RUSGOV", "IND")  # theirs kept, ours refused
    assert window.session.undo_stack.count() == undo_steps  # no broken undo entry
    assert "changed elsewhere" in window.editor.error.text()
    assert "Not saved" in window.saved_label.text() and "All changes saved" not in window.saved_label.text()
    assert "changed elsewhere" in window.statusBar().currentMessage()
    assert window.session.current_event.target_code == "IND"  # the window re-read the document
    assert window.editor.target.line.text() == "IND"
    # the next edit, made on the newer state, is saved
    keys("E")
    window.editor.source.line.setText("RUS")
    keys(Qt.Key.Key_Return)
    assert project.get_event(event.id).source_code == "RUS"
    assert window.saved_label.text().startswith("✔ All changes saved")


def test_half_saved_edit_is_rolled_back(window, keys, monkeypatch):
    """A refused edit after its span's code changed: the span change is undone and no undo step is left."""
    project = window.session.project
    keys("J")
    event = window.session.current_event
    source_span = project.get_span(event.source_span_id)
    steps = window.session.undo_stack.count()
    with Project(project.path, annotator="colleague") as other:
        other.update_event(event.id, date="2021-12-07")
    keys("E")
    window.editor.source.line.setText("RUS")  # relabels the source span, then edits the event
    keys(Qt.Key.Key_Return)
    assert project.get_span(source_span.id).code == source_span.code
    assert project.get_event(event.id).source_code == event.source_code
    assert window.session.undo_stack.count() == steps and not window.session.undo_stack.canRedo()


def test_undo_refused_after_a_change_elsewhere_drops_the_step(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("A")
    assert window.session.undo_stack.count() == 1
    with Project(project.path) as other:
        other.delete_row(RowKind.EVENT, event.id)
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert window.saved_label.text().startswith("✖ Refused: cannot undo")  # an undo refused lost no work
    assert window.session.undo_stack.count() == 0  # not left pretending it was undone
    assert window.session.doc.event(event.id) is None


def test_accept_of_an_event_deleted_elsewhere_reports_and_reloads(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    with Project(project.path) as other:
        other.delete_row(RowKind.EVENT, event.id)
    keys("A")
    assert "Not saved" in window.saved_label.text()
    assert window.session.doc.event(event.id) is None
    assert window.events.model.row_of(event.id) is None


def test_other_connection_commits_appear_after_the_poll(window, qtbot):
    from eventcoder.app import main_window

    assert window.watch.isActive() and window.watch.interval() == main_window.POLL_MS <= 2000
    project = window.session.project
    doc = window.session.doc.document
    shown = window.events.model.rowCount()
    with Project(project.path, annotator="colleague") as other:
        other.add_event(Event(doc.id, event_code="040", source_code="IND", target_code="RUS",
                              status="accepted", origin="human", annotator="colleague"))
    qtbot.waitUntil(lambda: window.events.model.rowCount() == shown + 1, timeout=5000)
    assert any(e.annotator == "colleague" for e in window.session.doc.events)
    row = window.documents.model.row_of(doc.id)
    assert window.documents.model.rows[row].accepted >= 1


def test_poll_keeps_what_the_analyst_is_typing(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("E")
    window.editor.source.line.setText("RUS")
    with Project(project.path, annotator="colleague") as other:
        other.update_event(event.id, date="2021-12-07")
    window.poll_project()
    assert window.editor.source.line.text() == "RUS"  # not wiped by the re-read
    assert window.session.current_event.date == "2021-12-07"


def test_saved_label_only_after_the_commit_returned(window, keys, monkeypatch):
    from eventcoder.core import commands

    seen = []
    real = commands.UpdateRow.apply

    def slow_apply(self, project):
        seen.append(window.saved_label.text())
        return real(self, project)

    monkeypatch.setattr(commands.UpdateRow, "apply", slow_apply)
    keys("J", "A")
    assert seen and all("All changes saved" not in text for text in seen)
    assert window.saved_label.text().startswith("✔ All changes saved")

    def refuse(self, project):
        raise StoreError("disk full")

    monkeypatch.setattr(commands.UpdateRow, "apply", refuse)
    keys("A")
    assert window.saved_label.text() == "✖ Not saved: disk full"
    assert dataclasses.is_dataclass(commands.UpdateRow)


def test_accept_of_an_event_changed_elsewhere_is_refused_and_shows_the_newer_state(window, keys):
    """Another analyst re-coded the event after this window showed it: A writes nothing, the window re-reads,
    and A on what is now shown is saved."""
    project = window.session.project
    keys("J")
    event = window.session.current_event
    with Project(project.path, annotator="colleague") as other:
        other.update_event(event.id, event_code="111")
    keys("A")
    row = project.get_event(event.id)
    assert (row.status, row.event_code) == ("suggested", "111")
    assert "changed elsewhere" in window.statusBar().currentMessage()
    assert window.session.doc.event(event.id).event_code == "111"  # the window re-read the document
    window.session.set_current_event(event.id)
    keys("A")
    assert project.get_event(event.id).status == "accepted"
