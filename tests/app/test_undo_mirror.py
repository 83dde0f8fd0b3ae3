"""The window's QUndoStack mirrors the core session's history: same steps, same index, whichever side moves,
and a step core refused is gone from both."""

from __future__ import annotations

from eventcoder.core import commands
from eventcoder.core.store import Project


def _session(app_project):
    from eventcoder.app.session import CodingSession

    scheme, problem = CodingSession.initial_scheme(app_project)
    assert problem is None, problem
    session = CodingSession(app_project, scheme)
    session.open_document(app_project.document_ids()[0])
    return session


def _mirrored(session) -> list[tuple[int, str]]:
    stack = session.undo_stack
    return [(stack.command(i).step_id, stack.text(i)) for i in range(stack.index())]


def _core(session) -> list[tuple[int, str]]:
    return [(s.id, s.label) for s in session.core.history.undo_steps]


def test_either_side_moves_both(qapp, app_project):
    session = _session(app_project)
    stack = session.undo_stack
    first = session.core.move_to_suggestion()
    session.core.accept()
    session.core.reject()
    assert stack.count() == 2 and _mirrored(session) == _core(session)
    assert stack.undoText() == session.core.history.undo_label()

    session.core.undo()  # a script's undo: the stack follows
    assert stack.index() == 1 and stack.canRedo() and _mirrored(session) == _core(session)
    stack.undo()  # Ctrl+Z: core follows
    assert stack.index() == 0 and not session.core.history.can_undo()
    assert app_project.get_event(first.id).status == "suggested"
    stack.redo()
    session.core.redo()
    assert stack.index() == 2 and _mirrored(session) == _core(session) and not session.core.history.can_redo()

    with session.macro("two at once"):
        event = session.core.move_to_suggestion()
        session.do(lambda: commands.accept_event(app_project, event.id, expected_version=event.version))
        session.do(commands.set_document_done(app_project, session.document_id, True))
    assert stack.count() == 3 and stack.undoText() == "two at once"
    stack.undo()
    assert app_project.get_event(event.id).status == "suggested" and not app_project.get_document(
        session.document_id).done

    stack.clear()
    assert not session.core.history.can_undo() and not session.core.history.can_redo()


def test_a_refused_step_leaves_both(qapp, app_project):
    session = _session(app_project)
    stack = session.undo_stack
    refusals = []
    session.refused.connect(refusals.append)
    event = session.core.move_to_suggestion()
    session.core.accept()
    other_event = session.current_event
    session.core.accept()
    with Project(app_project.path, annotator="colleague") as other:
        other.update_event(other_event.id, date="2021-12-07", annotator="colleague")
    stack.undo()  # Ctrl+Z on the step the colleague's change made stale
    assert stack.count() == 1 and _mirrored(session) == _core(session)
    assert refusals and "changed elsewhere by colleague" in refusals[-1]
    assert session.save_state == "failed"

    with Project(app_project.path, annotator="colleague") as other:
        other.update_event(event.id, date="2021-12-08", annotator="colleague")
    assert not session.core.undo()  # refused from the script's side: the stack drops the step too
    assert stack.count() == 0 and not session.core.history.can_undo()
    assert app_project.get_event(event.id).status == "accepted"


def test_every_report_of_the_core_session_is_a_signal(qapp, app_project):
    from eventcoder.core.session import SessionListener

    session = _session(app_project)
    heard: list[tuple[str, tuple]] = []
    reports = [name for name in vars(SessionListener) if not name.startswith("_")]
    assert {"document_edited", "message", "refused", "save_state_changed"} <= set(reports)
    for name in reports:
        signal = "".join(part.capitalize() if i else part for i, part in enumerate(name.split("_")))
        getattr(session, signal).connect(lambda *args, _name=name: heard.append((_name, args)))
    listener = session.core.listener
    for name in reports:
        method = getattr(listener, name)
        args = (7,) if name == "document_edited" else ("why",) if name in ("message", "refused") else ()
        method(*args)
    assert [name for name, _ in heard] == reports
    assert dict(heard)["document_edited"] == (7,) and dict(heard)["refused"] == ("why",)


def test_deleting_a_relation_is_checked_against_the_one_shown(qapp, app_project):
    from eventcoder.core.model import Relation, RowKind

    session = _session(app_project)
    doc = session.doc
    first, second = sorted(doc.spans.values(), key=lambda s: s.start)[:2]
    session.do(commands.add_relation(Relation(doc.document.id, first.id, second.id, "ally")))
    (shown,) = session.doc.relations
    session.set_current_relation(shown.id)
    with Project(app_project.path, annotator="colleague") as other:
        other.update_row(RowKind.RELATION, shown.id, {"type": "rival"})  # changed elsewhere since it was shown
    assert not session.delete_relation()
    assert "changed elsewhere by colleague" in session.save_problem
    assert [r.type for r in session.doc.relations] == ["rival"]  # nothing deleted; the newer row shown
    session.set_current_relation(shown.id)
    assert session.delete_relation() and session.doc.relations == []
    session.undo()
    assert [r.type for r in session.doc.relations] == ["rival"]
