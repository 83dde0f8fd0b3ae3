"""A code typed in one role of an event changes that role only (the new-user trial on 343f68c).

The coder suggested "KENGOV 057 Sign formal agreement -> KEN" with its source on "The two leaders" (words it coded
ETHGOV: both leaders, one code) and its target on "Nairobi" (KEN). The analyst pressed E, Tab, Tab, typed ETHGOV
in Target and Enter. The event was saved with its words swapped (source KENGOV on "Nairobi", target ETHGOV on
"The two leaders"), "Nairobi" was recoded KENGOV and accepted, and the project's actor dictionary learned
"Nairobi -> KENGOV". Expected: the target becomes ETHGOV, the source is untouched, "Nairobi" keeps its code and
nothing is learned. Real coder, real store, real widgets (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from eventcoder.core import pipeline
from eventcoder.core import project_actors as pa
from eventcoder.core.model import Document
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

from .conftest import open_window

TEXT = ("Kenya and Ethiopia sign trade pact\n\nNAIROBI, March 4, 2025 - Kenyan President William Ruto met Ethiopian "
        "Prime Minister Abiy Ahmed on Tuesday. The two leaders signed a formal agreement in Nairobi to expand "
        "cross-border trade.\n")


@pytest.fixture
def kenya_window(qtbot, tmp_path, settings):
    project = Project(tmp_path / "trial.db", annotator="tester")
    doc_id, _ = project.add_document(Document(text=TEXT, title="Kenya and Ethiopia sign trade pact",
                                              published="2025-03-04"))
    project.set_meta("scheme", "cameo")
    pipeline.code_documents(project, load_scheme("cameo"), [doc_id])
    win = open_window(qtbot, project, settings)
    yield win
    win.workers.cancel_all()
    win.workers.wait(5000)
    win.close()
    project.close()


def _spans_by_text(project, doc_id):
    return {s.text: s for s in project.spans(doc_id)}


def _the_trial_event(window):
    """The suggestion the trial edited: one of the two leaders 057 -> KEN on "The two leaders" / "Nairobi" (the
    trial's was KENGOV's; since a government is no target of its own act as its country, it is ETHGOV's)."""
    session = window.session
    spans = session.doc.spans
    found = [e for e in session.doc.events if e.source_code in ("KENGOV", "ETHGOV")
             and (e.event_code, e.target_code) == ("057", "KEN")]
    assert found, [(e.source_code, e.event_code, e.target_code) for e in session.doc.events]
    event = found[0]
    assert (spans[event.source_span_id].text, spans[event.target_span_id].text) == ("The two leaders", "Nairobi")
    return event


def test_typing_a_target_changes_the_target_only(kenya_window, keys, qtbot):
    window = kenya_window
    session, project = window.session, window.session.project
    event = _the_trial_event(window)
    before = _spans_by_text(project, session.document_id)
    session.set_current_event(event.id)
    window.article.setFocus()
    keys("E", Qt.Key.Key_Tab, Qt.Key.Key_Tab)  # the trial's keys: Source, Event, then Target
    assert QApplication.focusWidget() is window.editor.target.line
    window.editor.target.line.selectAll()
    # the other leader's code, which the source's words carry too (the trap: the words were swapped)
    other = "ETHGOV" if event.source_code == "KENGOV" else "KENGOV"
    qtbot.keyClicks(window.editor.target.line, other)
    keys(Qt.Key.Key_Return)

    saved = project.get_event(event.id)
    assert saved.status == "accepted"
    assert (saved.source_code, saved.source_span_id) == (event.source_code, event.source_span_id)  # untouched
    assert saved.target_code == other
    assert saved.target_span_id != event.source_span_id  # never the source's words
    after = _spans_by_text(project, session.document_id)
    assert after["Nairobi"].code == "KEN"  # not recoded
    if other[:3] == "KEN":  # the words name Kenya: they stay the target, accepted with the event
        assert saved.target_span_id == event.target_span_id and after["Nairobi"].status == "accepted"
    else:
        assert after["Nairobi"].status == before["Nairobi"].status
    assert after["The two leaders"].code == before["The two leaders"].code
    # nothing learned from it but its own code (an accepted target's words are learned as they are coded)
    assert [a.code for a in pa.project_actors(project) if a.key == "NAIROBI"] in ([], ["KEN"])
    assert not [a for a in pa.project_actors(project) if a.code == "KENGOV" and a.key != "WILLIAM RUTO"]

    window.article.setFocus()
    keys(("Z", Qt.KeyboardModifier.ControlModifier))  # one undo step takes it back
    undone = project.get_event(event.id)
    assert (undone.target_code, undone.target_span_id, undone.status) == ("KEN", event.target_span_id, "suggested")


def test_typing_a_more_specific_code_over_a_country_does_not_teach_the_country_a_role(kenya_window, keys, qtbot):
    """Target "Nairobi" (KEN) retyped KENGOV: the words name Kenya, so they stay the target, but they keep their
    own code -- a country's name is not learned as its government from a code typed in a field."""
    window = kenya_window
    session, project = window.session, window.session.project
    event = _the_trial_event(window)
    session.set_current_event(event.id)
    window.article.setFocus()
    keys("E", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    window.editor.target.line.selectAll()
    qtbot.keyClicks(window.editor.target.line, "KENGOV")
    keys(Qt.Key.Key_Return)
    saved = project.get_event(event.id)
    assert (saved.target_code, saved.target_span_id) == ("KENGOV", event.target_span_id)
    assert project.get_span(event.target_span_id).code == "KEN"
    assert [a.code for a in pa.project_actors(project) if a.key == "NAIROBI"] in ([], ["KEN"])  # its own code only
