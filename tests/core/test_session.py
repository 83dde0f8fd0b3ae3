"""The coding session without Qt (core/session.py): a script codes a document end to end -- open, next
suggestion, accept, edit, a new event in a sentence, undo, redo -- and an undo refused after another
connection changed the row writes nothing and drops its step."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventcoder.core.document import segment
from eventcoder.core.model import CodedDocument, Document, RowKind, SuggestedEvent, SuggestedSpan
from eventcoder.core.session import (
    CLEARED,
    DROPPED,
    RECORDED,
    REDONE,
    UNDONE,
    CodingSession,
    RequiredRolesMissing,
    SessionListener,
    missing_roles,
    role_problem,
    roles_for,
)
from eventcoder.core.store import Project

SCHEME = """\
name: BALTIC-TEST
version: "1"
description: Invented codes for the session tests.
score_name: score
roles:
  - {name: source, required: true}
  - {name: target, required: false}
  - {name: date, required: false}
event_types:
  - {code: "04", label: Consult, score: 1.0}
  - {code: "040", parent: "04", label: Meet, score: 1.0,
     roles: [{name: source, required: true}, {name: target, required: true}]}
  - {code: "11", label: Disapprove, score: -2.0}
  - {code: "111", parent: "11", label: Criticise, score: -2.0}
  - {code: "112", parent: "11", label: Accuse, score: -2.0}
  - {code: "12", label: Reject, score: -4.0}
actor_codes:
  - {code: "EST", name: Estonia, kind: country}
  - {code: "FIN", name: Finland, kind: country}
  - {code: "LVA", name: Latvia, kind: country}
span_labels:
  - {layer: actor, label: Actor}
  - {layer: trigger, label: Trigger}
"""

TEXT = (
    "Ferry talks break down in Tallinn\n"
    "\n"
    "TALLINN, May 2, 2024 - Estonia accused Finland of blocking the ferry deal on Thursday. Finland rejected "
    "the claim.\n"
    "\n"
    "Latvia and Estonia met in Riga to discuss the timetable."
)
OTHER = "Fishing boats stay in port\n\nNo boat left Pärnu harbour on Friday as the storm went on."


def suggestions(text: str) -> CodedDocument:
    """What a coder might suggest: its sentences are the document's (core/document.py)."""
    bounds = segment(text).bounds()
    spans: list[SuggestedSpan] = []

    def span(words: str, code: str | None, after: str, layer: str = "actor") -> int:
        start = text.index(words, text.index(after))
        spans.append(SuggestedSpan(start, start + len(words), words, layer=layer, code=code, confidence=0.9))
        return len(spans) - 1

    def sentence(at: int) -> tuple[int, int]:
        return next(b for b in bounds if b[0] <= spans[at].start < b[1])

    est, fin = span("Estonia", "EST", "TALLINN, May"), span("Finland", "FIN", "TALLINN, May")
    accused = span("accused", None, "TALLINN, May", "trigger")
    fin2, rejected = span("Finland", "FIN", "the ferry deal"), span("rejected", None, "the ferry deal", "trigger")
    span("Latvia", "LVA", "Latvia"), span("Estonia", "EST", "Latvia and")
    events = [
        SuggestedEvent("112", "EST", "FIN", est, fin, accused, *sentence(accused), date="2024-05-02", confidence=0.8),
        SuggestedEvent("12", "FIN", None, fin2, None, rejected, *sentence(rejected), date="2024-05-02",
                       confidence=0.6),
    ]
    return CodedDocument(spans=spans, events=events, sentences=bounds)


class Told(SessionListener):
    """What the session told its views (the window turns these into signals)."""

    def __init__(self) -> None:
        self.refusals: list[str] = []
        self.edited: list[int] = []

    def refused(self, text: str) -> None:
        self.refusals.append(text)

    def document_edited(self, document_id: int) -> None:
        self.edited.append(document_id)


@pytest.fixture
def coded(scheme_project):
    project = scheme_project(SCHEME, "baltic")
    doc_id, _ = project.add_document(Document(TEXT, title="Ferry talks", published="2024-05-02"))
    other_id, _ = project.add_document(Document(OTHER, title="Storm"))
    project.save_coded(doc_id, suggestions(TEXT), scheme="BALTIC-TEST")
    return project, doc_id, other_id


def test_a_script_codes_a_document_end_to_end(coded):
    project, doc_id, other_id = coded
    told = Told()
    session = CodingSession.open(project, told)
    assert session.scheme.name == "BALTIC-TEST"

    # the documents in import order; Alt+Down past the end opens nothing
    assert session.document_order("id") == [doc_id, other_id]
    assert session.next_document() == doc_id
    assert session.next_document() == other_id and session.next_document() is None
    assert session.document_id == other_id
    assert session.next_document(-1) == doc_id

    # opened (Alt+Up): the first suggestion in text order is current; A accepts it and selects the next one
    first = session.current_event
    assert (first.event_code, first.source_code, first.target_code) == ("112", "EST", "FIN")
    assert session.accept()
    assert project.get_event(first.id).status == "accepted"
    assert {project.get_span(i).status for i in (first.source_span_id, first.target_span_id)} == {"accepted"}
    second = session.current_event
    assert second.event_code == "12" and session.move_to_suggestion(-1) is None  # K: no earlier suggestion left

    # E … Enter: an edited suggestion becomes the analyst's event
    assert session.edit_event(event_code="111", target_code="EST")
    row = project.get_event(second.id)
    assert (row.event_code, row.target_code, row.status, row.annotator) == ("111", "EST", "accepted", "analyst")

    # N C 040 Enter with the caret on "Riga": the sentence's two actors fill source and target
    caret = TEXT.index("Riga")
    made = session.new_event("040", at=caret)
    sentence = segment(TEXT).sentence_at(caret)
    assert (made.sentence_start, made.sentence_end) == sentence.bounds
    assert TEXT[made.sentence_start:made.sentence_end] == "Latvia and Estonia met in Riga to discuss the timetable."
    assert (made.source_code, made.target_code, made.origin, made.date) == ("LVA", "EST", "human", "2024-05-02")
    assert project.get_span(made.source_span_id).status == "accepted"
    assert session.current_event_id == made.id
    assert [s.label for s in session.history.undo_steps] == ["accept event 112", "edit event 12 → 111", "new event 040"]

    # Ctrl+Z takes the new event and the acceptance of its spans back in one step; Ctrl+Shift+Z redoes it
    assert session.undo()
    assert made.id not in {e.id for e in project.events(doc_id)}
    assert project.get_span(made.source_span_id).status == "suggested"
    assert session.history.redo_label() == "new event 040"
    assert session.redo()
    assert project.get_event(made.id).source_code == "LVA" and session.doc.event(made.id) is not None
    assert session.save_state == "saved" and told.edited and not told.refusals

    # Ctrl+D
    assert session.set_done()
    assert project.get_document(doc_id).done


def test_an_undo_refused_after_another_connection_changed_the_row_writes_nothing_and_drops_its_step(coded):
    project, doc_id, _ = coded
    told = Told()
    session = CodingSession.open(project, told)
    session.open_document(doc_id)
    first = session.current_event  # opened: the first suggestion is current
    session.accept()
    second = session.current_event
    session.reject()
    with Project(project.path, annotator="colleague") as other:  # another window on the same file
        other.update_event(second.id, event_code="111", annotator="colleague")
    seen = []
    session.history.listeners.append(lambda change, step: seen.append((change, step.label if step else None)))

    assert not session.undo()
    row = project.get_event(second.id)
    assert (row.status, row.event_code, row.annotator) == ("rejected", "111", "colleague")  # theirs, untouched
    assert session.save_state == "failed"
    assert "cannot undo “reject event 12”" in session.save_problem and "changed elsewhere by colleague" in (
        session.save_problem)
    assert told.refusals == [session.save_problem]
    assert seen == [(DROPPED, "reject event 12")]
    assert [s.label for s in session.history.undo_steps] == ["accept event 112"]  # dropped, not left pretending
    assert not session.history.can_redo()
    assert session.doc.event(second.id).event_code == "111"  # the document was read again

    # the step before it still undoes: it touched another row
    assert session.undo()
    assert project.get_event(first.id).status == "suggested" and session.save_state == "saved"
    assert seen[1:] == [(UNDONE, "accept event 112")]
    assert session.redo() and seen[-1] == (REDONE, "accept event 112")


def test_a_redo_refused_after_the_row_was_deleted_elsewhere(coded):
    project, doc_id, _ = coded
    session = CodingSession.open(project)
    session.open_document(doc_id)
    event = session.current_event  # opened: the first suggestion is current
    session.accept()
    session.undo()
    with Project(project.path, annotator="colleague") as other:
        other.delete_row(RowKind.EVENT, event.id)
    assert not session.redo()
    assert "cannot redo" in session.save_problem and "deleted elsewhere" in session.save_problem
    assert not session.history.can_redo() and not session.history.can_undo()
    assert session.doc.event(event.id) is None


def test_required_roles_come_from_the_scheme_and_a_missing_one_writes_nothing(coded):
    project, doc_id, _ = coded
    session = CodingSession.open(project)
    scheme = session.scheme
    assert [(r.name, r.required) for r in roles_for(scheme, "040").values()] == [("source", True), ("target", True)]
    assert list(roles_for(scheme, "112")) == ["source", "target", "date"]  # the scheme's default roles
    assert list(roles_for(scheme, "999")) == ["source", "target", "date"]
    assert missing_roles(scheme, "040", {"source": True}) == ["target"]
    assert missing_roles(scheme, "112", {"source": True}) == []
    assert role_problem("040", ["source", "target"]) == "Source and target are required for 040"

    session.open_document(doc_id)
    before = len(project.events(doc_id))
    caret = TEXT.index("the claim")  # "Finland rejected the claim.": one actor only
    with pytest.raises(RequiredRolesMissing, match="Target is required for 040") as refused:
        session.new_event("040", at=caret)
    assert refused.value.roles == ("target",)
    assert len(project.events(doc_id)) == before and not session.history.can_undo()
    made = session.new_event("112", at=caret)  # one actor is enough for an accusation
    assert (made.source_code, made.target_code) == ("FIN", None)
    with pytest.raises(RequiredRolesMissing, match="Source is required for 112"):
        session.edit_event(made.id, source_code=None, source_span_id=None)
    assert project.get_event(made.id).source_code == "FIN"


def test_a_macro_is_one_step_and_a_refusal_inside_takes_back_what_it_did(coded):
    from eventcoder.core import commands

    project, doc_id, _ = coded
    session = CodingSession.open(project)
    session.open_document(doc_id)
    accuse, reject = (e for e in session.doc.events if e.status == "suggested")
    with session.macro("decide both"):
        session.do(lambda: commands.accept_event(project, accuse.id, expected_version=accuse.version))
        session.do(lambda: commands.reject_event(project, reject.id, expected_version=reject.version))
    assert [s.label for s in session.history.undo_steps] == ["decide both"]
    assert session.undo()
    assert {project.get_event(i).status for i in (accuse.id, reject.id)} == {"suggested"}

    session.history.clear()
    stale = project.get_event(reject.id)
    with Project(project.path, annotator="colleague") as other:
        other.update_event(reject.id, date="2024-05-03")
    with session.macro("decide both"):
        session.do(lambda: commands.accept_event(project, accuse.id))
        session.do(lambda: commands.reject_event(project, reject.id, expected_version=stale.version))
    assert project.get_event(accuse.id).status == "suggested"  # taken back: no half of the step stays
    assert not session.history.can_undo() and session.save_state == "failed"


def test_history_tells_its_listeners_and_another_project_forgets_it(coded, tmp_path):
    project, doc_id, _ = coded
    session = CodingSession.open(project)
    session.open_document(doc_id)
    seen = []
    session.history.listeners.append(lambda change, step: seen.append(change))
    session.accept()  # the first suggestion, current since the document opened
    with Project(tmp_path / "other.db") as elsewhere:
        session.project = elsewhere
        assert seen == [RECORDED, CLEARED] and session.doc is None and not session.history.can_undo()


def test_the_core_session_runs_without_qt():
    code = ("import sys, eventcoder.core.session, eventcoder.core.document; "
            "sys.exit(1 if any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
