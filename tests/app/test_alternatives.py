"""Alt+1/2/3 in the editor: the learner's alternative codes (parsed afresh, or stored in the event's provenance),
else the code's siblings; the learner status slot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eventcoder.app.alternatives import alternatives_for, model_status_text, sibling_codes, stored_alternatives
from eventcoder.core.model import Document, Event
from eventcoder.core.provenance import LearnerDecision, Provenance
from eventcoder.core.schemes import load_scheme

ALT = Qt.KeyboardModifier.AltModifier


def test_sibling_codes_stand_in_for_the_learner():
    cameo = load_scheme("cameo")
    assert [c for c, _p in sibling_codes(cameo, "112")] == ["110", "111", "113"]
    assert sibling_codes(cameo, "04") == []  # a root: every other root is no help
    assert sibling_codes(cameo, "nonsense") == []


def test_alt_keys_pick_a_sibling_and_save(window, keys):
    project = window.session.project
    event = window.session.current_event
    assert event.event_code == "112"
    assert window.editor.alternatives == [("11", None)]  # the mini scheme's 112 has no siblings: its parent
    assert "<b>1</b> 11" in window.editor.alternatives_label.text()
    keys(("1", ALT))
    row = project.get_event(event.id)
    assert (row.event_code, row.status) == ("11", "accepted")
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert project.get_event(event.id).event_code == "112"
    keys(("3", ALT))  # no third alternative: nothing changes
    assert project.get_event(event.id).event_code == "112"
    assert {f"Alt+{n}" for n in (1, 2, 3)} <= {a.shortcut().toString() for a in window.actions_by_name.values()}


def test_plain_digit_picks_an_alternative_when_no_words_are_selected(window, keys):
    project = window.session.project
    window.focus_article()
    event = window.session.current_event
    assert not window.article.textCursor().hasSelection()
    keys("1")  # no words selected: the first alternative, saved at once, one undo step
    assert project.get_event(event.id).event_code == "11"
    assert window.session.undo_stack.undoText() == "edit event 112 → 11"
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert project.get_event(event.id).event_code == "112"
    spans_before = len(project.spans(event.document_id))
    cursor = window.article.textCursor()  # words selected: 1 labels them, as before
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    window.article.setTextCursor(cursor)
    keys("1")
    assert len(project.spans(event.document_id)) == spans_before + 1
    assert project.get_event(event.id).event_code == "112"


def _decided(code: str, top: list[tuple[str, float]], evidence: str = "") -> Event:
    learner = LearnerDecision(1, code, top[0][1], "kept", code, tuple(top))
    return Event(document_id=1, event_code=code, evidence=evidence, provenance=Provenance(learner=learner).to_dict())


def test_the_ranking_stored_with_the_event_needs_no_parse(project):
    cameo = load_scheme("cameo")
    event = _decided("112", [("112", 0.5), ("138", 0.3), ("nonsense", 0.1), ("040", 0.05), ("010", 0.05)],
                     evidence="reworded: whatever the tooltip says")
    assert stored_alternatives(event, cameo) == [("138", 0.3), ("040", 0.05), ("010", 0.05)]  # current code out
    assert alternatives_for(project, event, cameo, k=2, use_learner=False) == [("138", 0.3), ("040", 0.05)]
    event.document_id, _ = project.add_document(Document(text="The US accused Iran.", title="t"))
    stored = project.get_event(project.add_event(event).id)  # through the store: the same data comes back
    assert stored_alternatives(stored, cameo) == [("138", 0.3), ("040", 0.05), ("010", 0.05)]


def test_evidence_text_is_never_parsed_for_alternatives(project):
    """An event stored before provenance existed, whose evidence reads like the learner's note: the siblings."""
    cameo = load_scheme("cameo")
    old = Event(document_id=1, event_code="112", evidence="learner 112 0.78 (model v1; top: 112 0.78, 138 0.05)")
    assert stored_alternatives(old, cameo) == []
    assert alternatives_for(project, old, cameo, use_learner=False) == sibling_codes(cameo, "112")


def test_learner_alternatives_and_status_when_it_has_a_model(window, keys, monkeypatch):
    learn = pytest.importorskip("eventcoder.core.learn")
    pipeline = pytest.importorskip("eventcoder.core.pipeline")
    calls = []

    def ranked(project, event, scheme=None, k=3):
        calls.append(event.id)
        return [("112", 0.5), ("138", 0.3), ("040", 0.15), ("010", 0.05)]

    monkeypatch.setattr(pipeline, "alternatives", ranked)
    monkeypatch.setattr(learn, "model_status", lambda project, scheme=None: (3, 0.79))
    # a stored learner that beat the rules (active): its alternatives are offered
    monkeypatch.setattr(learn, "model_summary",
                        lambda project, scheme=None: {"version": 3, "scheme": "CAMEO", "active": True})
    window.set_model_state("model ready")
    window.update_learner_status()
    assert window.learner_label.text().startswith("type learner v3 · F1 0.79 · ")
    assert window.learner_label.text().endswith("/25 new codings")
    keys("J", "K")  # away and back to the 112 (current since the article opened): shown anew
    event = window.session.current_event
    assert window.editor.alternatives == [("138", 0.3), ("040", 0.15), ("010", 0.05)]  # the current code left out
    assert "30%" in window.editor.alternatives_label.text()
    keys(("2", ALT))
    assert window.session.project.get_event(event.id).event_code == "040"
    # while a job runs the coder is busy in its thread: siblings only, the learner is not called
    calls.clear()
    assert alternatives_for(window.session.project, event, window.session.scheme, use_learner=False) == [("11", None)]
    assert calls == []


def test_learner_failure_never_breaks_the_editor(window, keys, monkeypatch):
    learn = pytest.importorskip("eventcoder.core.learn")
    pipeline = pytest.importorskip("eventcoder.core.pipeline")

    def broken(*a, **k):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr(pipeline, "alternatives", broken)
    monkeypatch.setattr(learn, "model_status", broken)
    window.set_model_state("model ready")
    keys("J", "K")  # away and back to the 112 (current since the article opened): shown anew
    assert window.editor.alternatives == [("11", None)]
    assert model_status_text(window.session.project, window.session.scheme) == ""
