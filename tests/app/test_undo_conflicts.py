"""Two windows on one file, by keyboard: Ctrl+Z / Ctrl+Shift+Z after a colleague's change, an edit refused
for a change made since it was shown, and spans that follow their event. ``Project(path, annotator="colleague")``
is the other window."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from eventcoder.core import commands
from eventcoder.core.model import RowKind
from eventcoder.core.store import Project

CTRL = Qt.KeyboardModifier.ControlModifier
UNDO = ("Z", CTRL)
REDO = ("Z", CTRL | Qt.KeyboardModifier.ShiftModifier)


def _colleague(window) -> Project:
    return Project(window.session.project.path, annotator="colleague")


def test_ctrl_z_after_a_colleague_rejected_is_refused_and_the_step_dropped(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("A")
    with _colleague(window) as other:
        commands.reject_event(other, event.id, expected_version=other.get_event(event.id).version).apply(other)
    keys(UNDO)
    row = project.get_event(event.id)
    assert (row.status, row.annotator) == ("rejected", "colleague")  # not back to a "suggested" nobody made
    message = window.statusBar().currentMessage()
    assert "cannot undo" in message and "changed elsewhere by colleague" in message
    assert window.saved_label.text().startswith("✖ Refused: cannot undo")  # nothing was at risk
    stack = window.session.undo_stack
    assert stack.count() == 0 and not window.actions_by_name["undo"].isEnabled()  # the step is gone
    assert window.session.doc.event(event.id).status == "rejected"  # the window re-read the document
    # the next action works on what is shown, and the label says so
    window.session.set_current_event(event.id)
    keys("A")
    assert project.get_event(event.id).status == "accepted"
    assert window.saved_label.text().startswith("✔ All changes saved")


def test_ctrl_shift_z_after_a_colleague_recoded_is_refused(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("A", UNDO)
    assert project.get_event(event.id).status == "suggested"
    with _colleague(window) as other:
        other.update_event(event.id, event_code="111", annotator="colleague")
    keys(REDO)
    row = project.get_event(event.id)
    assert (row.status, row.event_code, row.annotator) == ("suggested", "111", "colleague")
    assert "cannot redo" in window.statusBar().currentMessage()
    assert window.session.undo_stack.count() == 0 and not window.actions_by_name["redo"].isEnabled()
    assert window.session.doc.event(event.id).event_code == "111"


def test_refused_edit_keeps_what_was_typed_and_shows_the_newer_rest(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("E", "R", "U", "S")  # E puts the caret in Source, its code selected: typing replaces it
    with _colleague(window) as other:
        other.update_event(event.id, date="2021-12-07", annotator="colleague")
    keys(Qt.Key.Key_Return)
    row = project.get_event(event.id)
    assert (row.source_code, row.date) == ("RUSGOV", "2021-12-07")  # nothing of ours written
    editor = window.editor
    assert editor.source.line.text() == "RUS"  # what was typed is still there
    assert editor.date.text() == "2021-12-07"  # the rest shows the newer state
    assert "changed elsewhere by colleague" in editor.error.text()
    editor.source.line.setFocus()
    keys(Qt.Key.Key_Return)  # saved now, over the state the analyst has seen
    row = project.get_event(event.id)
    assert (row.source_code, row.date, row.annotator) == ("RUS", "2021-12-07", "tester")


def test_edit_accepts_the_spans_and_the_trigger_takes_the_new_code(window, keys):
    project = window.session.project
    event = window.session.current_event
    keys("E")
    window.editor.code.line.setFocus()
    window.editor.code.line.selectAll()
    keys("1", "1", Qt.Key.Key_Return)  # 112 -> 11
    trigger = project.get_span(event.trigger_span_id)
    source = project.get_span(event.source_span_id)
    assert project.get_event(event.id).event_code == "11"
    assert (trigger.status, trigger.code) == ("accepted", "11")
    assert source.status == "accepted" and source.code == "RUSGOV"
    keys(UNDO)  # one step: the event and its spans
    assert project.get_span(event.trigger_span_id).status == "suggested"
    assert project.get_span(event.source_span_id).status == "suggested"
    assert project.get_event(event.id).event_code == "112"


def test_new_event_accepts_the_actors_it_uses_in_one_undo_step(window, keys):
    project = window.session.project
    last = max((e for e in window.session.doc.events if e.event_code == "040"), key=lambda e: e.sentence_start)
    window.session.set_current_event(last.id)  # the caret goes to its sentence ("India and Russia also agreed")
    keys("N", "C", "0", "4", "0", Qt.Key.Key_Return)
    made = project.db.execute_returning_dicts("SELECT * FROM events WHERE origin = 'human'")
    assert len(made) == 1
    source, target = project.get_span(made[0]["source_span_id"]), project.get_span(made[0]["target_span_id"])
    assert (source.text, source.status, target.text, target.status) == ("India", "accepted", "Russia", "accepted")
    keys(UNDO)
    assert project.db.execute_returning_dicts("SELECT * FROM events WHERE origin = 'human'") == []
    assert project.get_span(source.id).status == project.get_span(target.id).status == "suggested"


def test_typed_target_links_the_mention_not_the_grammar_phrase(window, keys, tmp_path):
    """The coder left 138's target to the grammar ("sanctions", uncoded); typing IND links "India", and the CSV
    pairs IND with "India", never with "sanctions"."""
    project = window.session.project
    doc = window.session.doc
    threat = next(e for e in doc.events if e.event_code == "138")
    india = project.get_span(threat.target_span_id)
    text = doc.document.text
    start = text.index("sanctions", threat.sentence_start)
    with _colleague(window) as coder:  # as a coding run would store it
        phrase = coder.insert_row(RowKind.SPAN, {
            "document_id": doc.document.id, "start": start, "end": start + len("sanctions"), "text": "sanctions",
            "layer": "actor", "code": None, "status": "suggested", "origin": "model",
            "evidence": "grammar: object of 'impose'"})
        coder.update_event(threat.id, target_span_id=phrase, target_code=None)
    window.poll_project()
    window.session.set_current_event(threat.id)
    keys("E")
    assert window.editor.target.note.text() == "“sanctions”"
    window.editor.target.line.setFocus()
    keys("I", "N", "D", Qt.Key.Key_Return)
    row = project.get_event(threat.id)
    assert (row.target_code, row.target_span_id, row.status) == ("IND", india.id, "accepted")
    assert project.get_span(phrase).code is None  # the word "sanctions" is not coded as India
    assert project.get_span(india.id).status == "accepted"
    out = tmp_path / "accepted.csv"
    job = window.export_events("csv", str(out), "accepted")  # written in the background
    assert job is not None and job.wait(30_000)
    with out.open(encoding="utf-8") as fh:
        exported = {int(r["event_id"]): r for r in csv.DictReader(fh)}
    assert (exported[threat.id]["target_code"], exported[threat.id]["target_text"]) == ("IND", "India")
