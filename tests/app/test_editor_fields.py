"""The event editor's fields: typing keys stay in the fields, PLOVER's multi-valued context, the location."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _row(project, event_id):
    return project.db.execute_returning_dicts("SELECT * FROM events WHERE id = ?", [event_id])[0]


def test_typing_in_an_editor_field_does_not_code(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("E")
    source = window.editor.source.line
    assert source.hasFocus()
    source.clear()
    keys("A", "X", "J", "K", "N", "1")  # each is a coding key in the article; here they are letters
    assert source.text() == "AXJKN1"
    assert _row(project, event.id)["status"] == "suggested"
    assert window.session.current_event.id == event.id and window.editor.mode == "edit"
    keys(Qt.Key.Key_Escape)
    assert window.article.hasFocus()
    keys("A")  # back in the article, A accepts again
    assert _row(project, event.id)["status"] == "accepted"


def test_typing_keys_in_search_box_and_dropdowns_do_not_code(window, keys, qtbot):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys(("F", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))  # Ctrl keys: window-wide
    assert window.documents.search.hasFocus()
    keys("A", "X")
    assert window.documents.search.text() == "AX"
    window.documents.search.clear()
    window.documents.apply_filter()
    # the window in PLOVER, as if the project had opened in it (the Scheme box refuses PLOVER here: the project's
    # events are MINI-CAMEO's, test_scheme_switch_refused.py)
    from eventcoder.core.schemes import load_scheme

    window.session.core.scheme = load_scheme("plover")
    window.session.schemeChanged.emit()
    window.session.set_current_event(event.id)
    window.editor.show_event(window.session.current_event)
    window.editor.code.set_code("PROTEST")
    window.editor._show_roles("PROTEST")
    box = window.editor.mode_box
    assert window.editor.form.isRowVisible(box)
    box.setFocus()
    assert QApplication.focusWidget() is box
    keys("A", "X")  # the combo's keyboard search, not accept / reject
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    keys("D")
    assert box.currentText() == "demo"
    assert _row(project, event.id)["status"] == "suggested"
    # the menus still show the keys, and the article still takes them
    assert window.actions_by_name["accept"].shortcut().toString() == "A"
    window.editor.show_event(window.session.current_event)
    window.article.setFocus()
    keys("X")
    assert _row(project, event.id)["status"] == "rejected"


def test_plover_context_takes_several_values(window, keys):
    project = window.session.project
    from eventcoder.core.schemes import load_scheme

    window.session.core.scheme = load_scheme("plover")  # as opened in PLOVER (the box refuses it on this project)
    window.session.schemeChanged.emit()
    editor = window.editor
    keys("J")
    event = window.session.current_event
    editor.show_event(event)
    editor.code.set_code("ACCUSE")
    editor._show_roles("ACCUSE")
    assert editor.form.isRowVisible(editor.contexts) and not editor.form.isRowVisible(editor.context_box)
    assert "military" in editor.contexts.allowed
    editor.contexts.line.setText("Military | economic|bogus")
    assert not editor.commit()
    assert "bogus" in editor.error.text()
    editor.contexts.line.setText("Military | economic")
    editor.contexts.toggle("legal", True)  # ticked in the ▾ menu
    editor.contexts.toggle("economic", False)
    assert editor.commit()
    assert _row(project, event.id)["context"] == "military|legal"
    editor.show_event(window.session.current_event)
    assert editor.contexts.values() == ["military", "legal"]
    # completion finishes the value after the last |
    completer = editor.contexts.line.completer()
    assert completer.splitPath("military|le") == ["le"]
    editor.contexts.line.setText("military|lega")
    completer.setCompletionPrefix("lega")
    assert completer.currentCompletion() == "military|legal"  # what the completer puts in the field


def test_location_from_a_highlighted_span_or_typed(window, keys):
    project = window.session.project
    text = window.session.doc.document.text
    start = text.index("Afghanistan")
    window.article.show_range(start, start + len("Afghanistan"), select=True)
    keys("3")  # the mini scheme's third label: location
    place = project.db.execute_returning_dicts("SELECT * FROM spans WHERE text = 'Afghanistan'")[0]
    assert place["layer"] == "location"
    event = window.session.current_event
    assert event.event_code == "112"
    window.article.show_range(start, start + len("Afghanistan"), select=True)
    keys("L")
    row = _row(project, event.id)
    assert (row["location"], row["location_span_id"]) == ("Afghanistan", place["id"])
    assert window.editor.location.place_model.stringList() == ["Afghanistan"]
    # typed over: a place name only, no span
    keys("E")
    window.editor.location.line.setFocus()
    window.editor.location.line.clear()
    keys("K", "A", "B", "U", "L", Qt.Key.Key_Return)
    row = _row(project, event.id)
    assert (row["location"], row["location_span_id"]) == ("KABUL", None)
