"""Deleting a document in the window: Delete in the documents list (or Edit ▸ Delete document…) asks, then
deletes the document with its spans, events and relations as one transaction and one undo step; Ctrl+Z puts
every row back exactly (ids, versions), Ctrl+Shift+Z deletes it again. A change made elsewhere since the
confirmation refuses it; another window on the file keeps its work."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.app import dialogs
from eventcoder.core.model import Document, Relation
from eventcoder.core.store import Project

from .conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SECOND = "A second article. The envoy of Ruritania met officials in Vienna on Tuesday to discuss grain prices."


def _rows(project, doc_id):
    """Every row of the document, as stored (SELECT *), by table."""
    out = {"documents": project.db.execute_returning_dicts("SELECT * FROM documents WHERE id = ?", [doc_id])}
    for table in ("spans", "events", "relations"):
        out[table] = project.db.execute_returning_dicts(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY id",
                                                        [doc_id])
    return out


def _with_second(window):
    project = window.session.project
    second, _ = project.add_document(Document(text=SECOND, title="Ruritania grain talks"))
    spans = project.spans(1)
    project.add_relation(Relation(1, spans[0].id, spans[1].id, "same_as"))
    window.documents.reload()
    return second


def _press_delete_in_list(window, qtbot):
    table = window.documents.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)


def test_delete_in_the_documents_list_asks_deletes_and_undo_restores_every_row(window, qtbot, keys, monkeypatch):
    project = window.session.project
    second = _with_second(window)
    window.session.reload(1)
    before = _rows(project, 1)
    assert len(before["events"]) == 5 and len(before["spans"]) > 5 and len(before["relations"]) == 1
    asked = []
    monkeypatch.setattr(dialogs, "confirm_delete_document",
                        lambda _parent, title, what: asked.append((title, what)) or True)
    steps = window.session.undo_stack.count()

    _press_delete_in_list(window, qtbot)

    assert asked and asked[0][0] == "S-400 deal being implemented despite US, says Lavrov"
    assert "5 event(s)" in asked[0][1] and "1 relation(s)" in asked[0][1]
    assert _rows(project, 1) == {"documents": [], "spans": [], "events": [], "relations": []}
    assert project.document_ids() == [second]
    assert project.document_ids(search="Lavrov") == []  # gone from the full-text index too
    assert [r.id for r in window.documents.model.rows] == [second]
    assert window.session.document_id == second  # the next document opened in its place
    assert window.session.undo_stack.count() == steps + 1  # one undo step
    assert "Deleted" in window.statusBar().currentMessage()
    assert project.integrity_check() == []

    window.article.setFocus()
    keys(("Z", CTRL))  # undo: every row back, ids and versions as they were
    assert _rows(project, 1) == before
    assert project.document_ids(search="Lavrov") == [1]
    assert [r.id for r in window.documents.model.rows] == [1, second]
    assert window.session.document_id == 1  # and it is shown
    assert len(window.events.model.rows) == 5

    keys(("Z", CTRL | SHIFT))  # redo deletes it again
    assert _rows(project, 1)["documents"] == []
    assert window.session.document_id == second
    assert [r.id for r in window.documents.model.rows] == [second]


def test_the_edit_menu_entry_and_cancel(window, monkeypatch):
    project = window.session.project
    _with_second(window)
    before = _rows(project, 1)
    monkeypatch.setattr(dialogs, "confirm_delete_document", lambda *_a: False)
    window.actions_by_name["delete_document"].trigger()
    assert _rows(project, 1) == before  # cancelled: nothing deleted
    assert window.session.document_id == 1
    assert window.session.undo_stack.count() == 0


def test_a_change_made_elsewhere_while_asking_refuses_the_delete(window, monkeypatch, tmp_path):
    project = window.session.project
    _with_second(window)
    other = Project(project.path, annotator="bob")  # another connection: another window, the command line
    try:
        def meanwhile(*_args):
            event = other.events(1)[0]
            other.update_row("event", event.id, {"status": "accepted"})  # bob decides an event meanwhile
            return True

        monkeypatch.setattr(dialogs, "confirm_delete_document", meanwhile)
        window.actions_by_name["delete_document"].trigger()
        assert len(_rows(project, 1)["events"]) == 5  # nothing deleted: bob's decision is kept
        assert any(e["status"] == "accepted" for e in _rows(project, 1)["events"])
        assert "changed elsewhere" in window.statusBar().currentMessage()
        assert window.session.undo_stack.count() == 0
        assert window.session.document_id == 1  # shown again, as it now is
    finally:
        other.close()


def test_another_window_on_the_file_loses_nothing(window, qtbot, app_project, settings, monkeypatch, tmp_path):
    """Window B (its own connection) accepted an event; A deletes the document; B is told, its undo refused
    rather than written into nothing; A's undo brings B's accepted event back with the rest."""
    project = window.session.project
    _with_second(window)
    b_project = Project(project.path, annotator="bob")
    b = open_window(qtbot, b_project, settings)
    try:
        b.open_document(1)
        b.article.setFocus()
        event = b.session.doc.events[0] if hasattr(b.session.doc, "events") else None
        assert event is not None
        b.session.set_current_event(event.id)
        b.coding.accept()
        assert b_project.get_event(event.id).status == "accepted"

        monkeypatch.setattr(dialogs, "confirm_delete_document", lambda *_a: True)
        window.poll_project()  # A sees B's change first (as its 2 s poll would)
        assert window.actions_by_name["delete_document"].trigger() is None
        assert project.document_ids() == [2]

        b.poll_project()
        assert b.session.document_id is None or b.session.document_id == 2
        assert [r.id for r in b.documents.model.rows] == [2]
        b.undo()  # B's undo of its accept: refused, nothing written
        assert "deleted elsewhere" in b.session.save_problem or "Not saved" in b.statusBar().currentMessage()
        assert b_project.document_ids() == [2]

        window.article.setFocus()
        window.undo()
        assert project.get_event(event.id).status == "accepted"  # B's work is back with the document
        assert project.integrity_check() == []
    finally:
        b.workers.cancel_all()
        b.workers.wait(5000)
        b.close()
        b_project.close()
