"""The window retrains the type learner in the background: after every 25 new codings and on demand (Ctrl+T),
with the real coder, a real project file and a real worker thread; the analyst keeps coding meanwhile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eventcoder.core import commands, learn
from eventcoder.core.model import Document
from eventcoder.core.pipeline import code_documents
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

CTRL = Qt.KeyboardModifier.ControlModifier
ACTORS = ["Russia", "France", "Japan", "Egypt", "Brazil", "Turkey", "Chile", "Kenya"]
TEMPLATES = [
    "{a} attacked {b} on Monday.",
    "{a} sent food aid to {b}.",
    "{a} criticized {b} over the election.",
    "{a} demanded that {b} release the prisoners.",
]


@pytest.fixture
def learning_window(qtbot, tmp_path, settings):
    from eventcoder.app.main_window import MainWindow
    from eventcoder.app.session import CodingSession

    plover = load_scheme("plover")
    project = Project(tmp_path / "learn.db", annotator="tester")
    project.set_meta("scheme", "plover")
    text = " ".join(t.format(a=a, b=ACTORS[(k + 3) % len(ACTORS)])
                    for k, a in enumerate(ACTORS) for t in TEMPLATES)
    doc_id, _ = project.add_document(Document(text=text, title="Thirty-two events"))
    code_documents(project, plover, [doc_id])
    scheme, problem = CodingSession.initial_scheme(project)
    assert problem is None and scheme.name == "PLOVER"
    win = MainWindow(CodingSession(project, scheme), settings)
    qtbot.addWidget(win)
    win.restore_document()
    win.show()
    qtbot.waitExposed(win)
    win.article.setFocus()
    win.update_learner_status()
    yield win
    win.workers.cancel_all()
    win.workers.wait(20000)
    win.close()
    project.close()


def decide(window, n: int) -> list[int]:
    """The analyst decides ``n`` suggestions through the window's undoable commands (every 4th rejected)."""
    session = window.session
    pending = [e for e in session.doc.events if e.status == "suggested"][:n]
    assert len(pending) == n
    for k, e in enumerate(pending):
        factory = commands.reject_event if k % 4 == 3 else commands.accept_event
        session.do(lambda e=e, f=factory: f(session.project, e.id))
    return [e.id for e in pending]


def test_retrains_by_itself_after_25_codings_without_blocking(qtbot, learning_window):
    window = learning_window
    project = window.session.project
    assert window.learner_label.text() == "no type learner yet · 0/25 new codings"
    decide(window, 24)
    qtbot.wait(window.retraining.check_timer.interval() + 200)
    assert not window.retraining.training and learn.model_status(project)[0] is None
    assert "24/25 new codings" in window.learner_label.text()
    decide(window, 1)
    qtbot.waitUntil(lambda: window.retraining.training, timeout=5000)
    assert "retraining…" in window.learner_label.text()
    # the analyst goes on coding while it trains: the window answers and saves at once
    other = next(e for e in window.session.doc.events if e.status == "suggested")
    window.session.do(lambda: commands.accept_event(project, other.id))
    assert project.get_event(other.id).status == "accepted"
    qtbot.waitUntil(lambda: not window.retraining.training, timeout=120_000)
    summary = learn.model_summary(project, window.session.scheme)
    assert summary["version"] == 1 and summary["from_project"] >= 25
    text = window.learner_label.text()
    assert text.startswith("type learner v1 · F1 ") and "(rules" in text
    assert "trained on" in window.statusBar().currentMessage()
    assert "Cross-validated type F1" in window.learner_label.toolTip()
    # codings made while it trained count towards the next one, not lost
    assert learn.codings_since_model(project, window.session.scheme) >= 1
    assert window.retraining.codings_since_model == learn.codings_since_model(project, window.session.scheme)


def test_retrain_on_demand_and_a_clear_message_when_it_cannot(qtbot, learning_window, keys):
    window = learning_window
    project = window.session.project
    keys(("T", CTRL))  # nothing decided yet: nothing to learn from
    qtbot.waitUntil(lambda: not window.retraining.training, timeout=60_000)
    assert "Type learner not retrained: not enough codings" in window.statusBar().currentMessage()
    assert learn.model_status(project)[0] is None
    decide(window, 8)
    window.retraining.check_timer.stop()
    keys(("T", CTRL))
    assert window.retraining.training
    keys(("T", CTRL))  # a second request while one runs is refused, not queued twice
    assert "already retraining" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.retraining.training, timeout=120_000)
    assert learn.model_status(project)[0] == 1
    assert window.learner_label.text().startswith("type learner v1")


def test_suggestions_asked_for_during_retraining_run_after_it(qtbot, learning_window):
    window = learning_window
    decide(window, 8)
    window.retraining.check_timer.stop()
    window.retrain_learner()
    worker = window.suggest_documents([window.session.document_id], show_progress=False)  # queued, not refused
    assert worker is not None
    assert "after the retraining" in window.model_label.text()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=120_000)
    assert window.model_state == "model ready"
    assert learn.model_status(window.session.project)[0] == 1
    assert "Suggested" in window.statusBar().currentMessage()


def test_after_retraining_the_untouched_queue_is_re_suggested_with_the_new_model(qtbot, learning_window):
    window = learning_window
    project = window.session.project
    other, _ = project.add_document(Document(text="Kenya sent food aid to Chile on Friday.", title="Next"))
    code_documents(project, load_scheme("plover"), [other])
    decide(window, 8)
    window.retraining.check_timer.stop()
    before = project.history_mark()
    window.retrain_learner()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=120_000)
    if not learn.model_summary(project)["active"]:  # re-suggests by itself only when the learner is in use
        assert window.refresh_queue() is not None
        qtbot.waitUntil(lambda: not window.workers.busy, timeout=60_000)
    coded = [h for h in project.history(50) if h["id"] > before and h["action"] == "code"]
    assert [h["row_id"] for h in coded] == [other]  # the open document, where the analyst works, is left alone
    assert window.documents.model.rows and window.model_state == "model ready"


def test_switching_project_while_it_retrains_leaves_the_other_project_alone(qtbot, learning_window, tmp_path):
    window = learning_window
    decide(window, 8)
    window.retraining.check_timer.stop()
    window.retrain_learner()
    assert window.retraining.training
    other = tmp_path / "other.db"
    window.switch_project(str(other))
    assert not window.retraining.training and "retraining" not in window.learner_label.text()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=120_000)
    qtbot.wait(50)
    assert window.session.project.path == other
    assert learn.model_status(window.session.project)[0] is None
    assert "trained on" not in window.statusBar().currentMessage()
    assert window.learner_label.text().startswith("no type learner yet")


def test_alternatives_come_from_the_provenance_while_a_job_holds_the_coder(learning_window):
    from eventcoder.app.alternatives import alternatives_for, stored_alternatives
    from eventcoder.core.provenance import LearnerDecision, Provenance

    window = learning_window
    plover = window.session.scheme
    event = next(e for e in window.session.doc.events)
    event.event_code = "ACCUSE"
    top = (("ACCUSE", 0.78), ("REQUEST", 0.05), ("CONCEDE", 0.04))
    event.provenance = Provenance(learner=LearnerDecision(1, "ACCUSE", 0.78, "retyped", "AID", top)).to_dict()
    assert stored_alternatives(event, plover) == [("REQUEST", 0.05), ("CONCEDE", 0.04)]
    assert alternatives_for(window.session.project, event, plover, use_learner=False) == [
        ("REQUEST", 0.05), ("CONCEDE", 0.04)]
    window.retrain_learner()  # the worker holds the coder: the editor's 1/2/3 still offer the learner's ranking
    assert window.workers.busy and window.alternatives(event) == [("REQUEST", 0.05), ("CONCEDE", 0.04)]


def test_a_cancelled_retraining_never_passes_for_the_next_one(qtbot, learning_window):
    import threading

    window = learning_window
    decide(window, 8)
    window.retraining.check_timer.stop()
    # the coder's lane is busy (a coding run, say), so the retraining is still queued when it is cancelled: on a
    # loaded machine a retraining of 8 codings could otherwise finish before the switch below reaches it
    release = threading.Event()
    window.workers.start(lambda _worker: release.wait(60), kind="code")
    window.retrain_learner()
    # picking the scheme again cancels it (a switch to CAMEO is refused: the project's events are PLOVER's)
    assert window.switch_scheme("plover")
    assert not window.retraining.training
    window.retrain_learner()  # queued behind the cancelled one
    release.set()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=120_000)
    qtbot.wait(50)
    assert not window.retraining.training
    assert learn.model_status(window.session.project, window.session.scheme)[0] == 1
    assert window.learner_label.text().startswith("type learner v1")
