"""A status-bar refusal can be read whole: its slot's tooltip is the whole text, and a click on it (or on the
message) opens the Messages box with it whole and the session's earlier messages; an undo refused because
someone changed the row since says "Refused" (nothing of the analyst's was at risk), a change refused says
"Not saved"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from eventcoder.core import commands
from eventcoder.core.store import Project

LONG = "a colleague with a rather long annotator name that no status bar slot can hold"


def _refused_undo(window, keys):
    keys("J")
    event = window.session.current_event
    keys("A")
    with Project(window.session.project.path, annotator=LONG) as other:
        commands.reject_event(other, event.id, expected_version=other.get_event(event.id).version).apply(other)
    window.article.setFocus()
    keys(("Z", Qt.KeyboardModifier.ControlModifier))


def test_a_refused_undo_says_refused_and_is_readable_whole_on_a_click(window, keys, qtbot):
    window.resize(1000, 700)
    _refused_undo(window, keys)
    qtbot.wait(100)
    label = window.saved_label
    text = label.text()
    assert text.startswith("✖ Refused: cannot undo") and LONG in text and "Not saved" not in text
    assert label.displayed_text() != text  # cut to fit its slot ...
    assert label.toolTip() == text  # ... whole in its tooltip
    assert window.statusBar().currentMessage().startswith("Refused: cannot undo")

    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    box = window.messages_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == text  # whole
    assert "Refused: cannot undo" in box.detailedText()  # the session's messages
    box.accept()

    # a click on the message itself opens it whole too (here the refusal, which still stands)
    window.resize(1480, 900)  # room for the message beside the slots
    qtbot.wait(50)
    bar = window.statusBar()
    assert bar.message_room() > 40
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(20, bar.height() // 2))
    assert window.messages_box.isVisible() and window.messages_box.text() == text
    window.messages_box.accept()


def test_a_refused_change_still_says_not_saved(window, keys):
    keys("J")
    event = window.session.current_event
    with Project(window.session.project.path, annotator="colleague") as other:
        commands.reject_event(other, event.id, expected_version=other.get_event(event.id).version).apply(other)
    keys("A")  # the analyst's decision was not saved
    assert window.saved_label.text().startswith("✖ Not saved: ")
    assert window.saved_label.toolTip() == window.saved_label.text()
