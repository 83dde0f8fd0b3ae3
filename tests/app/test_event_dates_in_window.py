"""Event dates in the window: the editor shows and edits an event's date in every scheme (CAMEO lists no date
role, yet its events have a date, exported as event_date); Ctrl+Shift+D on the document moves the events that
had the document's date, in one undo step with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from eventcoder.core.model import Document
from eventcoder.core.store import Project

from .conftest import SEED, close_window, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def cameo_window(qtbot, tmp_path: Path, settings):
    project = Project(tmp_path / "cameo.db", annotator="tester")
    project.add_document(Document(text=SEED.read_text(encoding="utf-8"), title="Lavrov", published="2021-12-06"))
    project.set_meta("scheme", "cameo")
    win = open_window(qtbot, project, settings)
    yield win
    close_window(win)
    project.close()


def _new_event(window, keys, code: str = "042") -> int:
    keys("N", "C", *code)
    window.editor.source.line.setText("RUS")  # no coder ran: the sentence has no actor words to pre-fill
    window.editor.target.line.setText("IND")
    window.editor.target.line.setFocus()
    keys(Qt.Key.Key_Return)
    made = window.session.current_event
    assert made is not None and made.event_code == code, window.editor.error.text()
    return made.id


def test_the_cameo_editor_shows_the_event_date_and_saves_a_typed_one(cameo_window, keys, qtbot):
    window = cameo_window
    assert window.session.scheme.name.startswith("CAMEO")
    event_id = _new_event(window, keys)
    editor = window.editor
    assert editor.form.isRowVisible(editor.date) and editor.date.isVisibleTo(window)
    assert editor.date.text() == "2021-12-06"  # the document's date, as made
    editor.date.setFocus()
    editor.date.selectAll()
    keys(*"2021-12-01", Qt.Key.Key_Return)
    assert window.session.project.get_event(event_id).date == "2021-12-01"
    # an impossible day is refused with why, nothing written
    editor.date.setFocus()
    editor.date.selectAll()
    keys(*"2021-12-32", Qt.Key.Key_Return)
    assert window.session.project.get_event(event_id).date == "2021-12-01"
    assert "day is out of range" in editor.error.text()


def test_ctrl_shift_d_moves_the_events_on_the_document_date_and_ctrl_z_both(cameo_window, keys, qtbot):
    window = cameo_window
    project = window.session.project
    follows = _new_event(window, keys)
    window.article.setFocus()
    own = _new_event(window, keys, "051")
    editor = window.editor
    editor.date.setFocus()
    editor.date.selectAll()
    keys(*"2021-11-30", Qt.Key.Key_Return)
    assert project.get_event(own).date == "2021-11-30"

    window.article.setFocus()
    keys(("D", CTRL | SHIFT))
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and field.objectName() == "document_date_editor"
    field.selectAll()
    keys(*"2021-12-09", Qt.Key.Key_Return)
    qtbot.wait(10)
    assert project.get_document(window.session.document_id).published == "2021-12-09"
    assert project.get_event(follows).date == "2021-12-09"  # it had the document's date
    assert project.get_event(own).date == "2021-11-30"  # the analyst's own day stays
    window.session.set_current_event(follows)
    assert window.editor.date.text() == "2021-12-09"  # the editor shows the new date

    window.article.setFocus()
    keys(("Z", CTRL))  # one step: the document and its events
    assert project.get_document(window.session.document_id).published == "2021-12-06"
    assert project.get_event(follows).date == "2021-12-06" and project.get_event(own).date == "2021-11-30"
