"""The to-do queue's "most useful next" order: documents whose suggestions the coder is least sure of first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.core.model import Document, Event

ALT = Qt.KeyboardModifier.AltModifier


def test_most_useful_next_order_in_the_documents_list(qtbot, window, keys):
    project = window.session.project
    first = window.session.document_id
    ids = [project.add_document(Document(text=f"Report number {k}. Nothing else.", title=f"Report {k}"))[0]
           for k in range(3)]
    for doc_id, conf in zip(ids, (0.8, 0.05, None), strict=True):
        if conf is not None:
            project.add_event(Event(document_id=doc_id, event_code="112", confidence=conf, status="suggested"))
    pane = window.documents
    pane.model.refresh()
    assert [r.id for r in pane.model.rows] == [first, *ids]
    pane.order.setCurrentIndex(pane.order.findData("useful"))
    order = [r.id for r in pane.model.rows]
    assert order[0] == ids[1] and order[-1] == ids[2]  # least confident first; nothing pending last
    assert order.index(ids[0]) < order.index(ids[2])
    window.open_document(order[0])
    window.focus_article()
    keys((Qt.Key.Key_Down, ALT))  # the next document is the next in this order
    assert window.session.document_id == order[1]
    # deciding the first one's suggestions (and background jobs re-reading the list) does not re-sort it
    low = next(e for e in project.events(ids[1]))
    project.update_event(low.id, status="accepted")
    pane.model.refresh_loaded()
    assert [r.id for r in pane.model.rows] == order
    assert pane.model.rows[0].accepted == 1  # the row itself is up to date
    pane.order.activated.emit(pane.order.currentIndex())  # picking the order again re-sorts
    resorted = [r.id for r in pane.model.rows]
    assert resorted[-2:] == [ids[1], ids[2]]  # nothing pending any more: with the others, in import order
    pane.order.setCurrentIndex(pane.order.findData("id"))
    assert [r.id for r in pane.model.rows] == [first, *ids]
    assert pane.table.currentIndex().row() == [first, *ids].index(order[1])  # the open document stays selected


def test_a_sorted_list_pages_through_a_snapshot_no_row_skipped_or_repeated(window):
    from eventcoder.app.documents_pane import PAGE
    from eventcoder.core.model import Document, Event

    project = window.session.project
    for k in range(PAGE + 50):
        doc_id, _ = project.add_document(Document(text=f"Dispatch {k}.", title=f"Dispatch {k}"))
        project.add_event(Event(document_id=doc_id, event_code="112", confidence=(k % 97) / 100, status="suggested"))
    pane = window.documents
    pane.order.setCurrentIndex(pane.order.findData("useful"))
    model = pane.model
    snapshot = project.ordered_document_ids(order="useful")
    assert len(model.rows) == PAGE
    for summary in model.rows[:10]:  # the analyst finishes some: in a fresh sort they would move to the end
        project.set_document_done(summary.id, True)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    ids = [r.id for r in model.rows]
    assert len(ids) == len(set(ids)) == project.document_count()
    assert ids == snapshot  # the order it was sorted in, not re-sorted under the analyst
