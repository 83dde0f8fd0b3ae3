"""A document's date: shown in the documents list, typed there (Ctrl+Shift+D, F2 or a double-click), saved as
one undoable command; a date that is not YYYY-MM-DD is refused with the reason, nothing written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from eventcoder.core import commands
from eventcoder.core.errors import StoreError

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _published(project, doc_id):
    return project.db.execute("SELECT published FROM documents WHERE id = ?", [doc_id]).fetchone()[0]


def _date_cell(window, doc_id):
    model = window.documents.model
    return model.index(model.row_of(doc_id), 2).data()


def _type_date(keys, qtbot, text):
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.objectName() == "document_date_editor"
    editor.selectAll()
    keys(*text, Qt.Key.Key_Return) if text else keys(Qt.Key.Key_Backspace, Qt.Key.Key_Return)
    qtbot.wait(10)


def test_ctrl_shift_d_types_the_document_date_and_undo_restores_it(window, keys, qtbot):
    project = window.session.project
    doc_id = window.session.document_id
    assert _published(project, doc_id) == "2021-12-06" and _date_cell(window, doc_id) == "2021-12-06"

    keys(("D", CTRL | SHIFT))
    _type_date(keys, qtbot, "2021-12-07")
    assert _published(project, doc_id) == "2021-12-07"
    assert _date_cell(window, doc_id) == "2021-12-07"
    assert window.session.doc.document.published == "2021-12-07"  # new events take it
    assert "2021-12-07" in window.header.text()  # the article's header shows it
    assert "set the document date" in window.session.undo_stack.undoText()

    window.article.setFocus()
    keys(("Z", CTRL))
    assert _published(project, doc_id) == "2021-12-06" and _date_cell(window, doc_id) == "2021-12-06"
    keys(("Z", CTRL | SHIFT))
    assert _published(project, doc_id) == "2021-12-07"

    # a bad date: refused, said why, nothing written
    keys(("D", CTRL | SHIFT))
    _type_date(keys, qtbot, "2021-13-01")
    assert _published(project, doc_id) == "2021-12-07" and _date_cell(window, doc_id) == "2021-12-07"
    assert "not a date" in window.session.save_problem

    # F2 on the date cell edits it too; empty clears the date
    window.documents.table.setCurrentIndex(window.documents.model.index(window.documents.model.row_of(doc_id), 2))
    window.documents.table.setFocus()
    keys(Qt.Key.Key_F2)
    _type_date(keys, qtbot, "")
    assert _published(project, doc_id) is None and _date_cell(window, doc_id) == ""


def test_ctrl_delete_in_a_text_field_deletes_a_word_not_the_event(window, keys):
    keys("N", "C", "1", "1", "2", Qt.Key.Key_Return)
    made = window.session.current_event
    editor = window.editor
    editor.show_event(made)
    editor.note.setFocus()
    keys(*"two words", Qt.Key.Key_Home, (Qt.Key.Key_Delete, CTRL))
    assert editor.note.text() in ("words", " words")
    assert window.session.project.get_event(made.id) is not None


@pytest.mark.parametrize("typed, stored", [("2024-02-29", "2024-02-29"), (" 2024-02-20 ", "2024-02-20"),
                                           ("", None), (None, None)])
def test_set_document_date_takes_iso_dates(app_project, typed, stored):
    doc_id = app_project.document_ids()[0]
    commands.set_document_date(app_project, doc_id, typed).apply(app_project)
    assert app_project.get_document(doc_id).published == stored


@pytest.mark.parametrize("typed", ["2023-02-29", "20240220", "2024-2-5", "Feb 20, 2024", "2024-02-20T10:00"])
def test_set_document_date_refuses_anything_else(app_project, typed):
    doc_id = app_project.document_ids()[0]
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        commands.set_document_date(app_project, doc_id, typed)
    assert app_project.get_document(doc_id).published == "2021-12-06"


def test_ctrl_z_of_a_date_after_a_colleague_changed_it_is_refused_naming_them(window, keys, qtbot):
    from eventcoder.core.store import Project

    project = window.session.project
    doc_id = window.session.document_id
    keys(("D", CTRL | SHIFT))
    _type_date(keys, qtbot, "2021-12-07")
    assert _published(project, doc_id) == "2021-12-07"
    with Project(project.path, annotator="colleague") as other:  # another window on the same file
        commands.set_document_date(other, doc_id, "2021-12-08").apply(other)
    window.article.setFocus()
    keys(("Z", CTRL))
    assert _published(project, doc_id) == "2021-12-08"  # theirs, not put back to a date nobody set now
    message = window.statusBar().currentMessage()
    assert "cannot undo" in message and "changed elsewhere by colleague" in message
    assert window.session.undo_stack.count() == 0  # the step is dropped
    assert window.session.doc.document.published == "2021-12-08"  # the window re-read the document
