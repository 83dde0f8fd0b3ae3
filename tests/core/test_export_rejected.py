"""A rejected event is an analyst's "no event here": the spaCy export's ``doc.cats`` give its root 0.0 and the
doccano export draws no ``EV_<code>`` relation for it (both did, with ``--status all`` or ``rejected``: a text
classifier or doccano would learn the rejected suggestion as an event; found by a new user). The events keep
their status in ``user_data["events"]`` / ``events``."""

from __future__ import annotations

import json

from eventcoder.core import commands
from eventcoder.core.io.exporters import export
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.schemes import load_scheme

TEXT = "Qatar met Egypt in Doha. Egypt praised Qatar."


def _project(project):
    doc_id, _ = project.add_document(Document(text=TEXT, title="talks"))
    project.save_coded(doc_id, CodedDocument(
        spans=[SuggestedSpan(0, 5, "Qatar", code="QAT"), SuggestedSpan(10, 15, "Egypt", code="EGY"),
               SuggestedSpan(6, 9, "met", layer="trigger", code="036"),
               SuggestedSpan(25, 30, "Egypt", code="EGY"), SuggestedSpan(39, 44, "Qatar", code="QAT"),
               SuggestedSpan(31, 38, "praised", layer="trigger", code="051")],
        events=[SuggestedEvent("036", "QAT", "EGY", source=0, target=1, trigger=2, sentence_start=0, sentence_end=24),
                SuggestedEvent("051", "EGY", "QAT", source=3, target=4, trigger=5, sentence_start=25,
                               sentence_end=45)]), scheme="CAMEO")
    met, praised = project.events(doc_id)
    commands.reject_event(project, met.id).apply(project)
    commands.accept_event(project, praised.id).apply(project)
    return project


def test_spacy_cats_count_no_rejected_event(project, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    _project(project)
    out = tmp_path / "all.spacy"
    export(project, "spacy", out, load_scheme("cameo"), None)
    (doc,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    assert doc.cats["05"] == 1.0 and doc.cats["03"] == 0.0
    assert [(e["event_code"], e["status"]) for e in doc.user_data["events"]] == [("036", "rejected"),
                                                                                  ("051", "accepted")]


def test_doccano_draws_no_relation_for_a_rejected_event(project, tmp_path):
    _project(project)
    out = tmp_path / "all.jsonl"
    export(project, "doccano", out, load_scheme("cameo"), None)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["type"] for r in record["relations"]] == ["EV_051"]
    assert [(e["event_code"], e["status"]) for e in record["events"]] == [("036", "rejected"), ("051", "accepted")]
