"""Undo and redo are version-checked, edits check the version shown, and spans follow their event.

Two ``Project`` connections on one file stand in for two windows: ``project`` (annotator "tester") is this
window, ``other`` (annotator "colleague") the other one.
"""

from __future__ import annotations

import pytest

from eventcoder.core import commands
from eventcoder.core.errors import StoreError
from eventcoder.core.io.export_base import event_rows
from eventcoder.core.model import CodedDocument, Document, Event, RowKind, Span, SuggestedEvent, SuggestedSpan
from eventcoder.core.session import empty_scheme
from eventcoder.core.store import Project

TEXT = "Chile and Peru signed a fisheries pact in Lima. Brazil threatened sanctions on Peru over the pact."


def _at(phrase: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase, after)
    return start, start + len(phrase)


def _span(phrase: str, code: str | None, layer: str = "actor", after: int = 0, evidence: str = "dictionary"):
    start, end = _at(phrase, after)
    return SuggestedSpan(start, end, phrase, layer=layer, code=code, evidence=evidence)


@pytest.fixture
def coded(project):
    """Model suggestions: CHL 057 PER (trigger "signed"), and BRA 130 with the grammar phrase "sanctions" as
    target (uncoded, as the role completion suggests it)."""
    doc_id, _ = project.add_document(Document(text=TEXT, title="Pact"))
    second = TEXT.index("Brazil")
    spans = [
        _span("Chile", "CHL"), _span("Peru", "PER"), _span("signed", "057", layer="trigger"),
        _span("Brazil", "BRA"), _span("threatened", "130", layer="trigger"),
        _span("sanctions", None, after=second, evidence="grammar: object of 'threatened'"),
        _span("Peru", "PER", after=second),
    ]
    events = [
        SuggestedEvent("057", "CHL", "PER", source=0, target=1, trigger=2, sentence_start=0, sentence_end=second),
        SuggestedEvent("130", "BRA", None, source=3, target=5, trigger=4, sentence_start=second,
                       sentence_end=len(TEXT)),
    ]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=events))
    by_text = {}
    for s in project.spans(doc_id):
        by_text.setdefault(s.text, []).append(s)
    pact, threat = sorted(project.events(doc_id), key=lambda e: e.sentence_start)
    return doc_id, pact, threat, by_text


@pytest.fixture
def other(project):
    with Project(project.path, annotator="colleague") as p:
        yield p


def _history(project) -> int:
    return project.history_mark()


def _export(project, event_id: int) -> dict:
    """The event as every export writes it (text fields, "" for none)."""
    return next(r for r in event_rows(project, empty_scheme(), None) if r["event_id"] == str(event_id))


def test_undo_after_a_colleague_rejected_is_refused_whole_and_says_who(project, other, coded):
    _doc, pact, _threat, spans = coded
    undo = commands.accept_event(project, pact.id, expected_version=pact.version).apply(project)
    shown = other.get_event(pact.id)
    commands.reject_event(other, pact.id, expected_version=shown.version).apply(other)
    mark = _history(project)
    with pytest.raises(StoreError) as refused:
        undo.apply(project)
    assert "changed elsewhere" in str(refused.value) and "colleague" in str(refused.value)
    row = project.get_event(pact.id)
    assert (row.status, row.annotator) == ("rejected", "colleague")  # the colleague's decision stands
    assert project.get_span(spans["Chile"][0].id).status == "accepted"  # no half-undone spans either
    assert _history(project) == mark  # nothing written


def test_undo_refused_when_only_one_of_its_spans_changed_elsewhere(project, other, coded):
    _doc, pact, _threat, spans = coded
    undo = commands.accept_event(project, pact.id).apply(project)
    peru = other.get_span(spans["Peru"][0].id)
    other.update_row(RowKind.SPAN, peru.id, {"code": "PERGOV", "annotator": "colleague"}, expected_version=peru.version)
    with pytest.raises(StoreError, match="changed elsewhere by colleague"):
        undo.apply(project)
    assert project.get_event(pact.id).status == "accepted"  # all or nothing: the event was not undone alone
    assert project.get_span(peru.id).code == "PERGOV"


def test_redo_after_a_colleague_decided_is_refused(project, other, coded):
    _doc, pact, _threat, _spans = coded
    undo = commands.accept_event(project, pact.id).apply(project)
    redo = undo.apply(project)
    other.update_event(pact.id, expected_version=other.get_event(pact.id).version, event_code="036",
                       annotator="colleague")
    with pytest.raises(StoreError, match="changed elsewhere by colleague"):
        redo.apply(project)
    row = project.get_event(pact.id)
    assert (row.event_code, row.annotator) == ("036", "colleague")


def test_inverses_expect_the_version_they_produced_and_own_undos_chain(project, coded):
    _doc, pact, _threat, spans = coded
    undo_accept = commands.accept_event(project, pact.id).apply(project)
    assert undo_accept.commands[0].expected_version == project.get_event(pact.id).version
    shown = project.get_event(pact.id)
    undo_edit = commands.edit_event(project, pact.id, date="2022-01-02").apply(project)
    assert undo_edit.commands[0].expected_version == shown.version + 1
    redo_edit = undo_edit.apply(project)  # the version goes up again, the state is the accepted one
    undo_accept.apply(project)  # so the older step still matches
    assert project.get_event(pact.id).status == "suggested"
    assert project.get_span(spans["Chile"][0].id).status == "suggested"
    with pytest.raises(StoreError, match="changed elsewhere"):
        redo_edit.apply(project)  # out of order: the row is no longer as the undone edit left it


def test_undo_of_a_new_event_is_refused_once_a_colleague_changed_it(project, other, coded):
    doc_id, _pact, _threat, spans = coded
    chile, peru = spans["Chile"][0], spans["Peru"][0]
    undo = commands.add_event(Event(doc_id, "036", "CHL", "PER", source_span_id=chile.id, target_span_id=peru.id,
                                    sentence_start=0, sentence_end=47)).apply(project)
    event_id = undo.commands[0].row_id
    other.update_event(event_id, expected_version=1, date="2022-03-04")
    with pytest.raises(StoreError, match="changed elsewhere by colleague"):
        undo.apply(project)
    assert project.get_event(event_id).date == "2022-03-04"


def test_undo_of_a_span_a_colleague_now_uses_is_a_store_error(project, other, coded):
    doc_id, *_ = coded
    start, end = _at("Lima")
    undo = commands.add_span(Span(doc_id, start, end, "Lima", layer="location")).apply(project)
    other.add_event(Event(doc_id, "036", location="Lima", location_span_id=undo.row_id, status="accepted",
                          origin="human"))
    with pytest.raises(StoreError, match="used by something added elsewhere"):
        undo.apply(project)  # not sqlite3.IntegrityError
    assert project.get_span(undo.row_id).text == "Lima"


def test_restoring_a_deleted_event_gets_its_own_id_back(project, other, coded):
    doc_id, _pact, threat, _spans = coded
    undo = commands.delete_event(threat.id).apply(project)
    theirs = other.add_event(Event(doc_id, "042", status="accepted", origin="human"))
    assert theirs.id != threat.id  # event ids are never given again (m008)
    undo.apply(project)
    assert project.get_event(threat.id).event_code == threat.event_code
    assert project.get_event(theirs.id).event_code == "042"


def test_restoring_a_deleted_span_gets_its_own_id_back(project, other, coded):
    doc_id, *_ = coded
    start, end = _at("Lima")
    added = commands.add_span(Span(doc_id, start, end, "Lima", layer="location")).apply(project)
    span_id = added.row_id
    undo = commands.delete_span(project, span_id).apply(project)
    theirs = other.add_span(Span(doc_id, start, end, "Lima", layer="location", status="accepted", origin="human"))
    assert theirs.id > span_id  # span ids are never given again (m014): the colleague's span does not take it
    undo.apply(project)
    assert project.get_span(span_id).annotator == project.annotator
    assert project.get_span(theirs.id).annotator == other.annotator


def test_edit_and_relabel_check_the_version_that_was_shown(project, other, coded):
    _doc, pact, _threat, spans = coded
    shown = project.get_event(pact.id)
    other.update_event(pact.id, date="2022-05-06")
    mark = _history(project)
    with pytest.raises(StoreError, match="changed elsewhere by colleague"):
        commands.edit_event(project, pact.id, expected_version=shown.version, event_code="036").apply(project)
    peru = project.get_span(spans["Peru"][0].id)
    other.update_row(RowKind.SPAN, peru.id, {"code": "PERGOV"})
    with pytest.raises(StoreError, match="changed elsewhere"):
        commands.relabel_span(project, peru.id, code="PERMIL", expected_version=peru.version).apply(project)
    assert _history(project) == mark + 1  # only the colleague's span change
    assert project.get_event(pact.id).event_code == "057" and project.get_span(peru.id).code == "PERGOV"


def test_accepting_or_editing_brings_the_spans_in_line_in_one_step(project, coded):
    _doc, pact, _threat, spans = coded
    signed = spans["signed"][0]
    undo = commands.edit_event(project, pact.id, event_code="036").apply(project)
    assert project.get_event(pact.id).status == "accepted"
    trigger = project.get_span(signed.id)
    assert (trigger.status, trigger.code) == ("accepted", "036")  # the trigger carries the event's code
    assert {project.get_span(s[0].id).status for s in (spans["Chile"], spans["Peru"])} == {"accepted"}
    undo.apply(project)  # one step undoes the spans too
    trigger = project.get_span(signed.id)
    assert (trigger.status, trigger.code) == ("suggested", "057")
    assert project.get_span(spans["Chile"][0].id).status == "suggested"


def test_a_new_event_accepts_the_spans_it_uses(project, coded):
    doc_id, _pact, _threat, spans = coded
    chile, peru = spans["Chile"][0], spans["Peru"][0]
    undo = commands.add_event(Event(doc_id, "036", "CHL", "PER", source_span_id=chile.id, target_span_id=peru.id,
                                    sentence_start=0, sentence_end=47)).apply(project)
    assert project.get_span(chile.id).status == project.get_span(peru.id).status == "accepted"
    undo.apply(project)
    assert project.get_span(chile.id).status == project.get_span(peru.id).status == "suggested"


def test_a_typed_code_never_recodes_words_that_do_not_name_it(project, coded):
    _doc, _pact, threat, spans = coded
    sanctions, brazil = spans["sanctions"][0], spans["Brazil"][0]
    peru_here = spans["Peru"][1]  # the Peru of this sentence, not of the first
    roles = {"target": commands.RoleWords("PER", sanctions.id)}
    commands.edit_event(project, threat.id, expected_version=threat.version, roles=roles).apply(project)
    row = project.get_event(threat.id)
    assert (row.target_code, row.target_span_id) == ("PER", peru_here.id)  # the mention of Peru, linked
    assert project.get_span(sanctions.id).code is None  # "sanctions" is not coded as Peru
    assert (_export(project, threat.id)["target_code"], _export(project, threat.id)["target_text"]) == ("PER", "Peru")
    # another actor typed over a coded span, with no mention of it in the sentence: the code, and no words
    shown = project.get_event(threat.id)
    roles = {"source": commands.RoleWords("CHL", brazil.id)}
    commands.edit_event(project, threat.id, expected_version=shown.version, roles=roles).apply(project)
    row = project.get_event(threat.id)
    assert (row.source_code, row.source_span_id) == ("CHL", None)
    assert project.get_span(brazil.id).code == "BRA"
    assert _export(project, threat.id)["source_text"] == ""
    # the same actor more specifically: the event's role takes the code and the words, which keep their own (a
    # country's name is not its government everywhere: recoding it would teach the project "Brazil" = BRAGOV)
    shown = project.get_event(threat.id)
    roles = {"source": commands.RoleWords("BRAGOV", brazil.id)}
    commands.edit_event(project, threat.id, expected_version=shown.version, roles=roles).apply(project)
    row = project.get_event(threat.id)
    assert (row.source_code, row.source_span_id) == ("BRAGOV", brazil.id)
    assert project.get_span(brazil.id).code == "BRA"
    # words the analyst selected for the role are coded with what they typed
    start, end = _at("the pact", TEXT.index("Brazil"))
    shown = project.get_event(threat.id)
    roles = {"target": commands.RoleWords("XYZ", new_span=Span(shown.document_id, start, end, "the pact"))}
    commands.edit_event(project, threat.id, expected_version=shown.version, roles=roles).apply(project)
    made = project.get_span(project.get_event(threat.id).target_span_id)
    assert (made.text, made.code, made.status, made.origin) == ("the pact", "XYZ", "accepted", "human")


def test_own_new_event_still_undoes_after_an_edit_and_its_undo(project, coded):
    doc_id, _pact, _threat, spans = coded
    chile, peru = spans["Chile"][0], spans["Peru"][0]
    undo_add = commands.add_event(Event(doc_id, "036", "CHL", "PER", source_span_id=chile.id,
                                        target_span_id=peru.id, sentence_start=0, sentence_end=47)).apply(project)
    event_id = undo_add.commands[0].row_id
    event = project.get_event(event_id)
    undo_edit = commands.edit_event(project, event_id, expected_version=event.version, date="2022-03-05")
    undo_edit = undo_edit.apply(project)
    undo_edit.apply(project)  # the edit undone: the row is as the new-event step left it, at a later version
    undo_add.apply(project)  # so the new event's own undo is not taken for someone else's change
    with pytest.raises(StoreError):
        project.get_event(event_id)


def test_accepting_an_accepted_event_writes_no_new_version(project, coded):
    _doc_id, pact, _threat, _spans = coded
    commands.accept_event(project, pact.id, expected_version=pact.version).apply(project)
    accepted = project.get_event(pact.id)
    commands.accept_event(project, pact.id, expected_version=accepted.version).apply(project)
    assert project.get_event(pact.id).version == accepted.version  # another window's accept still fits
