from eventcoder.core import commands
from eventcoder.core.model import CodedDocument, Document, Event, Relation, Span, SuggestedEvent, SuggestedSpan

TEXT = "India and Russia agreed to work together. The US threatened sanctions on India."


def _suggested(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    coded = CodedDocument(
        spans=[SuggestedSpan(0, 5, "India", code="IND"), SuggestedSpan(10, 16, "Russia", code="RUS")],
        events=[SuggestedEvent("030", "IND", "RUS", source=0, target=1, sentence_start=0, sentence_end=41)],
    )
    project.save_coded(doc_id, coded)
    return doc_id, project.events(doc_id)[0]


def test_accept_then_undo_restores_everything(project):
    doc_id, ev = _suggested(project)
    inverse = commands.accept_event(project, ev.id).apply(project)
    assert project.get_event(ev.id).status == "accepted"
    assert {s.status for s in project.spans(doc_id)} == {"accepted"}
    redo = inverse.apply(project)
    assert project.get_event(ev.id).status == "suggested"
    assert {s.status for s in project.spans(doc_id)} == {"suggested"}
    redo.apply(project)
    assert project.get_event(ev.id).status == "accepted"


def test_reject_is_one_history_transaction_and_undoable(project):
    _, ev = _suggested(project)
    inverse = commands.reject_event(project, ev.id).apply(project)
    assert project.get_event(ev.id).status == "rejected"
    inverse.apply(project)
    assert project.get_event(ev.id).status == "suggested"


def test_add_event_with_new_spans_and_undo(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    cmd = commands.add_event(
        Event(document_id=doc_id, event_code="138", source_code="USA", target_code="IND"),
        new_spans={
            "source": Span(document_id=doc_id, start=46, end=48, text="US", code="USA"),
            "target": Span(document_id=doc_id, start=73, end=78, text="India", code="IND"),
        },
    )
    inverse = cmd.apply(project)
    (ev,) = project.events(doc_id)
    assert ev.origin == "human" and ev.status == "accepted" and ev.annotator == "tester"
    assert project.get_span(ev.source_span_id).text == "US"
    assert project.get_span(ev.target_span_id).text == "India"
    redo = inverse.apply(project)
    assert project.events(doc_id) == [] and project.spans(doc_id) == []
    redo.apply(project)
    (again,) = project.events(doc_id)
    assert again.id == ev.id and again.source_span_id == ev.source_span_id  # same ids after redo


def test_edit_suggestion_makes_it_accepted_and_undo_returns_it(project):
    _, ev = _suggested(project)
    inverse = commands.edit_event(project, ev.id, event_code="036").apply(project)
    edited = project.get_event(ev.id)
    assert (edited.event_code, edited.status) == ("036", "accepted")
    inverse.apply(project)
    back = project.get_event(ev.id)
    assert (back.event_code, back.status) == ("030", "suggested")


def test_delete_span_detaches_events_and_relations_undoably(project):
    doc_id, ev = _suggested(project)
    spans = project.spans(doc_id)
    commands.add_relation(
        Relation(document_id=doc_id, from_span_id=spans[0].id, to_span_id=spans[1].id, type="ally")
    ).apply(project)
    inverse = commands.delete_span(project, spans[0].id).apply(project)
    assert project.get_event(ev.id).source_span_id is None
    assert project.relations(doc_id) == []
    inverse.apply(project)
    assert project.get_event(ev.id).source_span_id == spans[0].id
    assert len(project.relations(doc_id)) == 1


def test_mark_span_and_relabel(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    inverse = commands.add_span(Span(document_id=doc_id, start=46, end=48, text="US", layer="actor")).apply(project)
    (span,) = project.spans(doc_id)
    assert (span.origin, span.status) == ("human", "accepted")
    undo_relabel = commands.relabel_span(project, span.id, code="USAGOV", expected_version=span.version).apply(project)
    assert project.get_span(span.id).code == "USAGOV"
    undo_relabel.apply(project)  # undone in stack order: the relabel, then the mark
    assert project.get_span(span.id).code is None
    inverse.apply(project)
    assert project.spans(doc_id) == []
