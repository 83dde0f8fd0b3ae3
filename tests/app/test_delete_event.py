"""Ctrl+Delete deletes an event the analyst made (one transaction, one undo step); a model's suggestion is
rejected instead, never deleted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eventcoder.core import commands
from eventcoder.core.errors import StoreError

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _row(project, event_id):
    rows = project.db.execute_returning_dicts("SELECT * FROM events WHERE id = ?", [event_id])
    return dict(rows[0]) if rows else None


def _count(project):
    return project.db.execute("SELECT count(*) FROM events").fetchone()[0]


def test_ctrl_delete_deletes_the_analysts_event_and_undo_brings_it_back(window, keys):
    project = window.session.project
    keys("J")
    keys("N", "C", "1", "1", "2", Qt.Key.Key_Return)
    made = window.session.current_event
    assert made.origin == "human"
    stored = _row(project, made.id)
    before, steps = _count(project), window.session.undo_stack.count()
    history = project.history_mark()
    window.article.setFocus()

    keys((Qt.Key.Key_Delete, CTRL))
    assert _row(project, made.id) is None and _count(project) == before - 1
    assert window.events.model.row_of(made.id) is None
    assert window.session.current_event_id != made.id
    assert window.session.undo_stack.count() == steps + 1  # one undo step
    journal = [dict(r) for r in project.db.execute_returning_dicts(
        "SELECT action, table_name, row_id FROM history WHERE id > ?", [history])]
    assert journal == [{"action": "delete event 112", "table_name": "events", "row_id": made.id}]

    keys(("Z", CTRL))  # undo: the same event, same id, same fields
    back = _row(project, made.id)
    assert back is not None
    assert {k: v for k, v in back.items() if k not in ("version", "updated_at")} == {
        k: v for k, v in stored.items() if k not in ("version", "updated_at")}
    assert window.events.model.row_of(made.id) is not None
    keys(("Z", CTRL | SHIFT))  # redo deletes it again
    assert _row(project, made.id) is None


def test_ctrl_delete_on_a_suggestion_rejects_it(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    assert event.origin == "model" and event.status == "suggested"
    before = _count(project)
    keys((Qt.Key.Key_Delete, CTRL))
    assert _count(project) == before
    assert _row(project, event.id)["status"] == "rejected"
    assert "rejected, not deleted" in window.statusBar().currentMessage()


def test_the_command_refuses_a_model_event_and_an_event_changed_since(app_project):
    project = app_project
    suggestion = project.events()[0]
    with pytest.raises(StoreError, match="suggested by the model"):
        commands.delete_analyst_event(project, suggestion.id)
    assert project.get_event(suggestion.id) is not None
    from eventcoder.core.model import Event

    made = project.add_event(Event(suggestion.document_id, "040", source_code="IND", target_code="RUS",
                                   status="accepted", origin="human", annotator="tester"))
    stale = made.version
    project.update_event(made.id, note="changed elsewhere")
    with pytest.raises(StoreError, match="changed elsewhere"):
        commands.delete_analyst_event(project, made.id, expected_version=stale).apply(project)
    assert project.get_event(made.id).note == "changed elsewhere"
    inverse = commands.delete_analyst_event(project, made.id).apply(project)
    assert _row(project, made.id) is None
    inverse.apply(project)
    assert project.get_event(made.id).note == "changed elsewhere"
