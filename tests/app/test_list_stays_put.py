"""The events list keeps its rows where they are while the analyst decides (as INCEpTION and Prodigy do): a
decided row stays in its place and the selection moves on to the next suggestion; Ctrl+Z / Ctrl+Shift+Z select
the event the step touched (or, when it is gone, its neighbour) and show it in the article."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.app.session import event_position

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _selected_row(window) -> int:
    return window.events.view.currentIndex().row()


def test_a_decided_row_stays_in_its_place_and_the_selection_moves_on(window, keys):
    pane = window.events
    window.focus_events()  # Ctrl+2: the keys go to the events list
    first = window.session.current_event
    order = pane.listed_ids()
    assert order == [e.id for e in window.session.doc.events]  # opened: suggestions first, in text order
    row = pane.model.row_of(first.id)
    assert row == 0 and _selected_row(window) == 0

    keys("A")  # accept: the row stays at the top, shown accepted; the next suggestion (row 1) is selected
    assert pane.listed_ids() == order
    assert pane.model.events[0].status == "accepted"
    following = window.session.current_event
    assert following.status == "suggested" and following.id == order[1]
    assert _selected_row(window) == 1 and pane.view.hasFocus()

    keys("X", Qt.Key.Key_Return)  # reject, accept: still no row moves, the selection walks down
    assert pane.listed_ids() == order
    assert [e.status for e in pane.model.events[:3]] == ["accepted", "rejected", "accepted"]
    assert _selected_row(window) == 3 and window.session.current_event.id == order[3]

    keys(("Z", CTRL))  # an undo does not move rows either
    assert pane.listed_ids() == order and pane.model.events[2].status == "suggested"

    # the core's order (decided last) is taken again when the document is opened again
    window.session.open_document(window.session.document_id)
    fresh = pane.listed_ids()
    assert fresh == [e.id for e in window.session.doc.events] and fresh != order
    statuses = [e.status for e in pane.model.events]
    assert statuses == sorted(statuses, key=lambda s: s != "suggested")


def test_a_new_event_joins_the_list_without_moving_the_others(window, keys):
    pane = window.events
    keys("J", "A")
    order = pane.listed_ids()
    keys("N", "C", "1", "1", "2", Qt.Key.Key_Return)  # a new event in the current sentence
    made = window.session.current_event
    assert made.origin == "human"
    shown = pane.listed_ids()
    assert [i for i in shown if i != made.id] == order  # every row that was there is where it was
    assert _selected_row(window) == pane.model.row_of(made.id)
    window.article.setFocus()
    keys((Qt.Key.Key_Delete, CTRL))  # deleting it takes its row out, the rest stay
    assert pane.listed_ids() == order


def test_undo_and_redo_select_the_event_they_touched_and_show_it(window, keys):
    pane, session = window.events, window.session
    keys("J")
    first = session.current_event
    keys("A", "X")  # accept the first, reject the second: the third is selected now
    second = next(e for e in session.doc.events if e.status == "rejected")
    assert session.current_event.id not in (first.id, second.id)
    window.article.setFocus()

    keys(("Z", CTRL))  # undo the reject: the second is selected again, in the list and in the article
    assert session.current_event_id == second.id and session.current_event.status == "suggested"
    assert _selected_row(window) == pane.model.row_of(second.id)
    assert window.article.caret() == event_position(session.current_event, session.doc.spans)

    keys(("Z", CTRL))  # undo the accept: the first
    assert session.current_event_id == first.id and session.current_event.status == "suggested"
    assert _selected_row(window) == pane.model.row_of(first.id)
    assert window.article.caret() == event_position(session.current_event, session.doc.spans)

    keys("J", "J")  # move away, then redo: the redone accept's event is selected and shown
    assert session.current_event_id not in (first.id, second.id)
    keys(("Z", CTRL | SHIFT))
    assert session.current_event_id == first.id and session.current_event.status == "accepted"
    assert _selected_row(window) == pane.model.row_of(first.id)
    assert window.article.caret() == event_position(session.current_event, session.doc.spans)


def test_undoing_a_new_event_selects_its_neighbour(window, keys):
    pane, session = window.events, window.session
    keys("J", "A")
    keys("N", "C", "1", "1", "2", Qt.Key.Key_Return)
    made = session.current_event
    shown = pane.listed_ids()
    at = shown.index(made.id)
    neighbour = shown[at + 1] if at + 1 < len(shown) else shown[at - 1]
    keys("J")  # somewhere else first
    window.article.setFocus()

    keys(("Z", CTRL))  # undo the new event: it is gone, its neighbour in the list is selected and shown
    assert session.doc.event(made.id) is None and pane.model.row_of(made.id) is None
    assert session.current_event_id == neighbour
    assert _selected_row(window) == pane.model.row_of(neighbour)
    assert window.article.caret() == event_position(session.current_event, session.doc.spans)

    keys(("Z", CTRL | SHIFT))  # redo makes it again: selected
    assert session.current_event_id == made.id and pane.model.row_of(made.id) is not None
    assert _selected_row(window) == pane.model.row_of(made.id)
