"""Deleting a document in the window: Edit ▸ Delete document…, or Delete in the documents list.

It asks first (what goes with the document: its events and highlights), then runs the core command
(:class:`~eventcoder.core.commands.DeleteDocument`: one transaction, one undo step). Ctrl+Z brings the document
back with every row it had, ids included, and shows it; Ctrl+Shift+Z deletes it again. The delete expects the
document's rows as the confirmation read them: if another window, a coding run or the command line changed them
meanwhile it is refused (nothing deleted) and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ..core import commands
from ..core.errors import EventCoderError
from ..core.model import Status
from ..core.store.document_removal import DocumentRows, rows_digest
from . import dialogs

if TYPE_CHECKING:
    from .main_window import MainWindow


def install(window: MainWindow) -> None:
    """The Edit menu's *Delete document…* and the documents list's Delete key; the list follows undo and redo."""
    action = QAction("&Delete document…", window)
    action.setObjectName("action_delete_document")
    action.setToolTip("The document with its events, highlights and relations (asks first; Ctrl+Z undoes)")
    action.triggered.connect(lambda _checked=False: delete_document(window))
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
    menu = menus.get("Edit")
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    window.actions_by_name["delete_document"] = action
    table = window.documents.table
    key = QAction("Delete document", table)
    key.setObjectName("documents_delete_key")
    key.setShortcut(QKeySequence.StandardKey.Delete)
    key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list only: Delete elsewhere rejects
    key.triggered.connect(lambda _checked=False: delete_document(window))
    table.addAction(key)
    window.session.undo_stack.indexChanged.connect(lambda _index: follow_history(window))


def picked_document(window: MainWindow) -> int | None:
    """The document the list's current row shows, else the one open."""
    pane = window.documents
    row = pane.table.currentIndex().row()
    if 0 <= row < len(pane.model.rows):
        return pane.model.rows[row].id
    return window.session.document_id


def what_goes(rows: DocumentRows) -> str:
    """What deleting the document takes with it, in words."""
    events = rows.events
    decided = sum(1 for e in events if e["status"] != Status.SUGGESTED or e["origin"] != "model")
    parts = [f"{len(events)} event(s) ({decided} decided or made by an analyst, {len(events) - decided} "
             "suggested)" if events else "no events",
             f"{len(rows.spans)} highlight(s)", f"{len(rows.relations)} relation(s)"]
    return "It goes with " + ", ".join(parts) + "."


def delete_document(window: MainWindow, doc_id: int | None = None) -> bool:
    """Ask, then delete the document (``doc_id``, else the list's current one) as one undoable step; the next
    document in the list opens in its place. False when nothing was deleted (no document, cancelled, refused)."""
    session = window.session
    doc_id = doc_id if doc_id is not None else picked_document(window)
    if doc_id is None:
        window.show_message("Select a document in the documents list first")
        return False
    refused = session.coding_refused()
    if refused:
        window.show_message(refused)
        return False
    try:
        rows = session.project.document_rows(doc_id)
    except EventCoderError as exc:
        window.show_message(f"Cannot delete document {doc_id}: {exc}")
        return False
    if not dialogs.confirm_delete_document(window, rows.title, what_goes(rows)):
        return False
    neighbour = _neighbour(window, doc_id)
    was_open = session.document_id == doc_id
    if was_open:
        session.open_document(None)  # nothing on screen reads the rows being deleted
    short = rows.title if len(rows.title) <= 24 else rows.title[:23] + "…"  # the undo text, in the status bar
    inverse = session.do(commands.DeleteDocument(doc_id, label=f"delete document “{short}”",
                                                 expected_state=rows_digest(rows)))
    if inverse is None:  # refused (changed elsewhere since the confirmation): nothing was deleted
        window.documents.model.refresh()
        if was_open:
            window.open_document(doc_id if _exists(window, doc_id) else neighbour)
        return False
    if session.document_id is None:  # follow_history (on the undo stack's move) re-read the list already
        window.open_document(neighbour)
        window.documents.follow_session()
    window.show_message(f"Deleted “{short}” ({what_goes(rows)[len('It goes with '):-1]}); Ctrl+Z brings it back")
    return True


def _exists(window: MainWindow, doc_id: int) -> bool:
    try:
        window.session.project.get_document(doc_id)
    except EventCoderError:
        return False
    return True


def _neighbour(window: MainWindow, doc_id: int) -> int | None:
    """The document shown after ``doc_id`` in the list (before it, at the end), or None."""
    model = window.documents.model
    row = model.row_of(doc_id, fetch=False)
    if row is None:
        return next((r.id for r in model.rows if r.id != doc_id), None)
    for other in (row + 1, row - 1):
        if 0 <= other < len(model.rows):
            return model.rows[other].id
    return None


def follow_history(window: MainWindow) -> None:
    """After a step (done, undone, redone): a document the step deleted leaves the list (its neighbour opens if
    it was on screen); a document an undo brought back joins the list again and opens."""
    session = window.session
    history = session.core.history
    done = history.undo_steps[-1].command if history.undo_steps else None
    undone = history.redo_steps[0].command if history.redo_steps else None
    model = window.documents.model
    listed = {r.id for r in model.rows}
    if isinstance(done, commands.RestoreDocument):  # a delete was just done or redone
        gone = done.rows.document_id
        if gone not in listed and session.document_id != gone:
            return  # seen to already
        shown = session.document_id
        neighbour = _neighbour(window, gone)
        _refresh(window)
        if shown == gone or shown is None:
            session.open_document(None)
            window.open_document(neighbour if neighbour is not None and _exists(window, neighbour)
                                 else window.documents.first_document())
        window.documents.follow_session()
    elif isinstance(undone, commands.DeleteDocument):  # a delete was just undone: the document is back
        back = undone.document_id
        if back in listed or not _exists(window, back):
            return
        _refresh(window)
        window.open_document(back)
        window.documents.follow_session()


def _refresh(window: MainWindow) -> None:
    try:
        window.documents.model.refresh()
    except EventCoderError as exc:
        window.show_message(f"Could not re-read the documents: {exc}")
