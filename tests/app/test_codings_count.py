"""The status bar's "N/25 new codings" after every edit reads only the journal entries since its last count
(``core/store/codings_count.py``), and stays the count ``Project.codings_since`` gives: the window's own
changes, undo and redo, another process's codings in the same file, a new model, another scheme, a restore."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from eventcoder.core import commands, learn
from eventcoder.core.model import CodedDocument, Document
from eventcoder.core.store import Project
from eventcoder.core.store.codings_count import CodingsCounter

from .conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
EMPTY = CodedDocument(spans=[], events=[], sentences=[])


def _corpus(project: Project, n: int) -> None:
    """``n`` documents imported and coded through the store (two journal entries each, none a coding)."""
    with project.transaction():
        for k in range(n):
            doc_id, _ = project.add_document(Document(text=f"Report {k}: the ministers met again.", title=f"R{k}"))
            project.save_coded(doc_id, EMPTY, scheme="MINI-CAMEO")


def _sqlite_steps(project: Project, work) -> int:
    """How many SQLite virtual-machine steps ``work`` takes on the project's connection (in hundreds)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    project.db.conn.set_progress_handler(count, 100)
    try:
        work()
    finally:
        project.db.conn.set_progress_handler(None, 100)
    return steps[0]


def test_each_edit_reads_only_the_new_journal_entries(qtbot, app_project, settings, keys):
    _corpus(app_project, 3_000)  # 6,000 journal entries before the analyst's first coding
    window = open_window(qtbot, app_project, settings)
    try:
        window.update_learner_status()
        keys("J", "A")
        window.retraining.check_timer.stop()
        scan = _sqlite_steps(app_project, lambda: learn.codings_since_model(app_project, window.session.scheme,
                                                                             limit=1000))
        counted = _sqlite_steps(app_project, window.update_learner_status)
        assert window.retraining.codings_since_model == 1
        assert "1/25 new codings" in window.learner_label.text()
        assert scan > 60  # the scan from the mark reads every entry since it (6,000+ steps)
        assert counted < scan / 10, (counted, scan)  # the window's count: the accept's entries, the slot's text
    finally:
        window.workers.cancel_all()
        window.close()


def test_another_process_codings_show_at_the_next_refresh(qtbot, window, keys):
    project = window.session.project
    keys("J", "A", "X")
    window.retraining.check_timer.stop()
    window.update_learner_status()
    assert window.retraining.codings_since_model == 2
    pending = [e.id for e in window.session.doc.events if e.status == "suggested"]
    with Project(project.path, annotator="colleague") as other:  # another process, same file
        commands.accept_event(other, pending[0]).apply(other)
        commands.reject_event(other, pending[1]).apply(other)
    window.update_learner_status()
    assert window.retraining.codings_since_model == 4 == learn.codings_since_model(project, window.session.scheme)
    assert "4/25 new codings" in window.learner_label.text()
    keys(("Z", CTRL))  # the window's undo takes its coding back
    window.update_learner_status()
    assert window.retraining.codings_since_model == 3 == learn.codings_since_model(project, window.session.scheme)


def test_the_counter_agrees_with_the_journal_scan(app_project):
    from eventcoder.core.session import CodingSession

    project = app_project
    session = CodingSession(project, CodingSession.initial_scheme(project)[0])
    session.open_document(project.document_ids()[0])
    name = session.scheme.name
    kept: dict[tuple, CodingsCounter] = {}  # counters kept across the changes (counting on from their first count)

    def agree(expected: int, mark: int = 0, scheme: str | None = name, limit: int = -1) -> None:
        """A counter kept since the first call with these arguments, one capped at 2 and a new one each give
        what the journal scan gives."""
        wanted = project.codings_since(mark, scheme, limit)
        assert wanted == expected
        running = kept.setdefault((mark, scheme, limit), CodingsCounter())
        capped = kept.setdefault((mark, scheme, "capped"), CodingsCounter())
        assert running.codings_since(project, mark, scheme, limit) == wanted
        assert capped.codings_since(project, mark, scheme, 2) == project.codings_since(mark, scheme, 2)
        assert CodingsCounter().codings_since(project, mark, scheme, limit) == wanted

    agree(0)
    session.move_to_suggestion()
    session.accept()
    agree(1)
    session.reject()
    agree(2)
    agree(1, limit=1)
    session.undo()  # taken back: not a coding
    agree(1)
    agree(1, limit=1)
    session.undo()
    agree(0)
    agree(0, limit=1)  # under the limit again
    session.redo()
    session.redo()
    agree(2)
    # decided: edited again, still one coding (an accepted one: an edit of a rejected event accepts it)
    first = next(e for e in session.doc.events if e.status == "accepted")
    session.edit_event(first.id, date="2021-12-09")
    agree(2)
    # a note alone decides nothing: on a pending suggestion (it stays pending) or a decided event, no coding
    pending = next(e for e in session.doc.events if e.status == "suggested")
    session.edit_event(pending.id, note="check the date against the wire copy")
    assert project.get_event(pending.id).status == "suggested"
    agree(2)
    session.edit_event(first.id, note="source named in the second paragraph")
    agree(2)
    session.undo()
    session.undo()
    agree(2)
    session.move_to_suggestion()
    session.accept()
    agree(3)  # the capped counter stays at 2, counting again only when something was journalled
    session.undo()
    agree(2)
    mark = project.history_mark()
    agree(0, mark)  # counted from a later mark
    session.move_to_suggestion()
    session.accept()
    agree(1, mark)
    agree(0, mark, scheme="PLOVER")  # codings of another scheme are not this one's
    agree(3, 0, scheme=None)
    with Project(project.path, annotator="colleague") as other:
        event = next(e for e in other.events(session.document_id) if e.status == "suggested")
        commands.accept_event(other, event.id).apply(other)
        done = next(e for e in other.events(session.document_id) if e.status == "rejected")
        commands.accept_event(other, done.id).apply(other)  # one counted before the mark, changed again
    agree(3, mark)
    agree(4)

    # a new model: counted from its mark (what learn.codings_since_model reads)
    project.save_model(learn.KIND, name, blob="{}", metrics="{}", trained_on=json.dumps({"history_mark": mark}))
    assert CodingsCounter().since_model(project, learn.KIND, name) == learn.codings_since_model(project, name) == 3
    # an entry of a change not yet committed is counted, never kept (it may roll back)
    counter = kept[(mark, name, -1)]
    with pytest.raises(RuntimeError), project.transaction():
        event = next(e for e in project.events(session.document_id) if e.status == "suggested")
        commands.accept_event(project, event.id).apply(project)
        assert counter.codings_since(project, mark, name) == 4
        raise RuntimeError("rolled back")
    agree(3, mark)
