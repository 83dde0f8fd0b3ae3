"""Re-running suggestions never brings back what an analyst already decided, whatever code it now carries."""

from __future__ import annotations

from eventcoder.core import commands
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan

TEXT = "The coast guard seized two fishing boats near the reef on Tuesday."


def _coded(code: str = "171") -> CodedDocument:
    return CodedDocument(
        spans=[
            SuggestedSpan(4, 15, "coast guard", code="AAAMIL"),
            SuggestedSpan(16, 22, "seized", layer="trigger", code=code),
            SuggestedSpan(27, 40, "fishing boats", code="BBB"),
        ],
        events=[SuggestedEvent(code, "AAAMIL", "BBB", source=0, target=2, trigger=1, sentence_start=0,
                               sentence_end=len(TEXT))],
    )


def test_an_edited_and_accepted_suggestion_is_not_suggested_again(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    project.save_coded(doc_id, _coded(), scheme="CAMEO")
    (event,) = project.events(doc_id)
    # recoded by the analyst, target too: only the suggestion it came from still names it
    commands.edit_event(project, event.id, event_code="1721", target_code="CCC").apply(project)
    assert project.get_event(event.id).status == "accepted"
    again = project.save_coded(doc_id, _coded(), scheme="CAMEO")  # Ctrl+Shift+R: the coder still says 171
    assert again["events"] == 0 and again["already_decided"] == 1
    assert [(e.event_code, e.target_code, e.status) for e in project.events(doc_id)] == [("1721", "CCC", "accepted")]


def test_same_sentence_and_actors_with_another_trigger_is_the_same_event(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    project.save_coded(doc_id, _coded(), scheme="CAMEO")
    (event,) = project.events(doc_id)
    commands.reject_event(project, event.id).apply(project)
    moved = _coded("173")
    reef = TEXT.index("reef")  # a newer model reads it differently
    moved.spans[1] = SuggestedSpan(reef, reef + 4, "reef", layer="trigger", code="173")
    assert project.save_coded(doc_id, moved, scheme="CAMEO")["events"] == 0
    other_pair = _coded("173")
    other_pair.events[0] = SuggestedEvent("173", "BBB", "AAAMIL", source=2, target=0, trigger=None,
                                          sentence_start=0, sentence_end=len(TEXT))
    assert project.save_coded(doc_id, other_pair, scheme="CAMEO")["events"] == 1  # a different dyad: new


def test_a_document_marked_done_is_left_as_the_analyst_finished_it(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    project.save_coded(doc_id, _coded(), scheme="CAMEO")
    (event,) = project.events(doc_id)
    commands.accept_event(project, event.id).apply(project)
    project.set_document_done(doc_id, True)
    extra = _coded()
    extra.spans.append(SuggestedSpan(58, 65, "Tuesday", layer="trigger", code="010"))
    extra.events.append(SuggestedEvent("010", "BBB", None, source=2, target=None, trigger=3, sentence_start=0,
                                       sentence_end=len(TEXT)))
    result = project.save_coded(doc_id, extra, scheme="CAMEO")
    assert result["done_skipped"] == 1 and result["events"] == 0
    summary = project.document_summary(doc_id)
    assert summary.done and summary.suggested == 0  # not "1 to decide" while ticked
    project.set_document_done(doc_id, False)
    assert project.save_coded(doc_id, extra, scheme="CAMEO")["events"] == 1  # to do again: re-suggested


def test_a_suggestion_made_again_keeps_its_id_and_a_vanished_one_goes(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    project.save_coded(doc_id, _coded(), scheme="CAMEO")
    (event,) = project.events(doc_id)
    again = _coded()
    again.events[0].confidence = 0.9  # a newer model is surer of the same suggestion
    project.save_coded(doc_id, again, scheme="CAMEO")
    (same,) = project.events(doc_id)
    assert same.id == event.id and same.confidence == 0.9 and same.version == event.version + 1
    project.save_coded(doc_id, again, scheme="CAMEO")
    assert project.get_event(event.id).version == same.version  # nothing changed: not even the version
    project.save_coded(doc_id, _coded("173"), scheme="CAMEO")  # the coder now reads it otherwise
    (other,) = project.events(doc_id)
    assert other.id != event.id and other.event_code == "173"
