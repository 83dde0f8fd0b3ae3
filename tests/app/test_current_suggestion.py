"""One "current suggestion" rule for the keyboard and the mouse (as in Prodigy / INCEpTION-style review): when a
document opens -- a click in the documents list, Alt+Down / Alt+Up, the window's start -- its first suggestion in
text order is current (A decides it at once), and J / K move on from it. Before, Alt+Down selected the first
suggestion while a click selected none, so J after Alt+Down skipped one. Real widgets, real clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan

SECOND = "Ruritania accused Freedonia of shelling Ostra. Freedonia threatened Ruritania with sanctions on Monday."
ALT = Qt.KeyboardModifier.AltModifier


def _second_document(project) -> int:
    doc_id, _ = project.add_document(Document(text=SECOND, title="Ruritania and Freedonia"))
    cut = SECOND.index(".") + 1
    project.save_coded(doc_id, CodedDocument(
        spans=[SuggestedSpan(0, 9, "Ruritania", code="RUR"), SuggestedSpan(18, 27, "Freedonia", code="FRE")],
        events=[SuggestedEvent("138", "FRE", "RUR", 1, 0, None, cut + 1, len(SECOND), confidence=0.6),
                SuggestedEvent("112", "RUR", "FRE", 0, 1, None, 0, cut, confidence=0.7)]), scheme="MINI-CAMEO")
    return doc_id


def _click_row(window, qtbot, doc_id):
    table = window.documents.table
    rect = table.visualRect(window.documents.model.index(window.documents.model.row_of(doc_id), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _current(window):
    event = window.session.current_event
    assert event is not None
    assert window.events.view.currentIndex().row() == window.events.model.row_of(event.id)  # the list agrees
    return event.event_code, event.source_code


def test_a_click_and_alt_down_both_make_the_first_suggestion_current_and_j_moves_on_from_it(window, qtbot, keys):
    project = window.session.project
    second = _second_document(project)
    window.documents.reload()
    first_doc = window.session.document_id
    assert _current(window) == ("112", "RUSGOV")  # the window opened the seed article on its first suggestion

    _click_row(window, qtbot, second)  # the mouse
    assert window.session.document_id == second
    assert QApplication.focusWidget() is window.documents.table
    assert _current(window) == ("112", "RUR")  # first in text order (stored second)
    keys("J")
    assert _current(window) == ("138", "FRE")  # J moves on from it, skipping nothing
    keys("K")
    assert _current(window) == ("112", "RUR")

    keys((Qt.Key.Key_Up, ALT))  # the keyboard: the previous document
    assert window.session.document_id == first_doc
    assert _current(window) == ("112", "RUSGOV")
    keys("J")
    assert _current(window) == ("010", "RUSGOV")  # the seed's second suggestion, as after a click
    keys((Qt.Key.Key_Down, ALT))
    assert window.session.document_id == second and _current(window) == ("112", "RUR")
    keys("A")  # A at once decides the current one and moves on
    assert project.get_event(window.session.current_event_id).event_code == "138"
    assert {e.event_code: e.status for e in project.events(second)} == {"112": "accepted", "138": "suggested"}

    _click_row(window, qtbot, first_doc)  # a click back agrees with Alt+Up
    assert _current(window) == ("112", "RUSGOV")


def test_a_document_without_suggestions_opens_with_none_current(window, qtbot, keys):
    project = window.session.project
    empty, _ = project.add_document(Document(text="Nothing happened in Ostra on Sunday.", title="quiet"))
    window.documents.reload()
    _click_row(window, qtbot, empty)
    assert window.session.document_id == empty and window.session.current_event is None
    keys("J")
    assert window.session.current_event is None
    assert "No more suggestions" in window.statusBar().currentMessage()
