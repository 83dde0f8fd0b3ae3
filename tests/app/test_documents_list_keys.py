"""The documents list after a click (the new-user trial on 343f68c): a click on a row opens the document and leaves
the focus in the list, so Delete there deletes the document (asking first) -- never rejects an event -- while J / K
/ A / X still code; and a document deleted elsewhere (the command line) while open says why in the status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from eventcoder.app import dialogs
from eventcoder.cli import main
from eventcoder.core.model import Document

SECOND = "A second article. The envoy of Ruritania met officials in Vienna on Tuesday to discuss grain prices."


def _click_row(window, qtbot, doc_id):
    table = window.documents.table
    row = window.documents.model.row_of(doc_id)
    rect = table.visualRect(window.documents.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_click_on_a_document_keeps_the_focus_in_the_list_and_delete_deletes_it(window, qtbot, keys, monkeypatch):
    project = window.session.project
    second, _ = project.add_document(Document(text=SECOND, title="Ruritania grain talks"))
    window.documents.reload()
    keys("J")  # an event is selected in the first document (what Delete would have rejected)
    assert window.session.current_event is not None
    _click_row(window, qtbot, second)
    assert window.session.document_id == second
    _click_row(window, qtbot, 1)  # back to the first one: opened, the focus still in the list
    assert window.session.document_id == 1
    assert QApplication.focusWidget() is window.documents.table
    keys("J")  # J still moves to a suggestion from the list
    event = window.session.current_event
    assert event is not None and event.status == "suggested"
    keys("A")  # and A accepts it
    assert project.get_event(event.id).status == "accepted"
    assert QApplication.focusWidget() is window.documents.table

    asked = []
    monkeypatch.setattr(dialogs, "confirm_delete_document", lambda _p, title, what: asked.append(title) or True)
    statuses = {e.id: e.status for e in project.events(1)}
    keys(Qt.Key.Key_Delete)  # the first Delete: the document, asked first -- no event rejected
    assert asked == ["S-400 deal being implemented despite US, says Lavrov"]
    assert project.document_ids() == [second]
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert {e.id: e.status for e in project.events(1)} == statuses  # every event back as it was, none rejected


@pytest.mark.parametrize("order", ["id", "useful"])
def test_a_document_deleted_elsewhere_while_open_says_why(window, capsys, order):
    """In import order the list is re-read; in a sorted order its row is removed -- either way the next document
    is not opened in its place unasked, and the header and status bar say who deleted it."""
    project = window.session.project
    second, _ = project.add_document(Document(text=SECOND, title="Ruritania grain talks"))
    pane = window.documents
    pane.order.setCurrentIndex(pane.order.findData(order))
    pane.apply_filter()
    window.open_document(1)
    assert window.session.document_id == 1 and pane.model.order == order
    assert main(["--annotator", "carol", "delete", "--db", str(project.path), "--doc", "1", "--no-backup"]) == 0
    capsys.readouterr()
    window.poll_project()
    message = window.statusBar().currentMessage()
    assert "Document 1 “S-400 deal being implemented despite US, says Lavrov” was deleted elsewhere by carol" in message
    assert "Ctrl+Z" in message and "eventcoder restore" in message
    assert [r.id for r in window.documents.model.rows] == [second]
    assert "was deleted elsewhere by carol" in window.header.text()  # kept above the article, not only for 6 s
    assert window.session.document_id is None
    qtbot_wait = QApplication.processEvents
    qtbot_wait()
    assert not pane.table.currentIndex().isValid()  # nothing picked: a click on the next row opens it
    window.open_document(second)
    assert "deleted" not in window.header.text()
