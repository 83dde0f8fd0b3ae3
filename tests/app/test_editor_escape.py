"""Leaving the event editor by keyboard while an actor completion list is open (typing a letter opens it)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _open_source_field(window, keys):
    keys("J")
    keys("E")
    source = window.editor.source.line
    assert source.hasFocus()
    shown = source.text()
    source.selectAll()
    keys("E")  # a letter many actor names contain: the completion list opens
    assert source.completer().popup().isVisible()
    return source, shown


def test_escape_with_the_completion_list_open_cancels_the_edit_and_returns_to_the_article(window, keys, qtbot):
    source, shown = _open_source_field(window, keys)
    keys(Qt.Key.Key_Escape)
    if not window.article.hasFocus():  # the first Esc may only close the list, as in every Qt completer
        keys(Qt.Key.Key_Escape)
    assert window.article.hasFocus()
    assert source.text() == shown  # the draft is dropped, the event's own source shown again
    keys("J")  # a coding key again: it moves to the next suggestion, it types nothing into the field
    assert source.text() != shown + "j" and not source.hasFocus()


def test_ctrl_1_leaves_the_editor_even_with_the_completion_list_open(window, keys):
    source, _shown = _open_source_field(window, keys)
    keys((Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    if not window.article.hasFocus():
        keys((Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    assert window.article.hasFocus()
