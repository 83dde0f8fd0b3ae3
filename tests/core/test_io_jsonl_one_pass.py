"""The PLOVER JSON Lines export reads what it writes in one pass over the store's export rows: the offsets of
each event's sentence, trigger, source and target come with its row (no per-document re-read of events, spans
or the document row), and each document's text is written once, on its first record."""

from __future__ import annotations

import json

from eventcoder.core.io.exporters import export
from eventcoder.core.model import Document, Event, Span
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

TEXTS = ["Ruritania accused Freedonia of shelling Ostra. Freedonia denied it on Monday.",
         "Officials in Ostra met envoys from Ruritania on Tuesday."]


def _span(project, doc_id, text, words, layer, code=None):
    start = text.index(words)
    return project.add_span(Span(doc_id, start, start + len(words), words, layer, code, status="accepted",
                                 origin="model"))


def test_offsets_come_with_the_rows_and_texts_once(tmp_path, monkeypatch):
    cameo = load_scheme("cameo")
    with Project(tmp_path / "p.db", annotator="ana") as project:
        expected = []
        for text in TEXTS:
            doc_id, _ = project.add_document(Document(text=text, published="2025-03-04"))
            first = text.index(".") + 1
            src = _span(project, doc_id, text, text.split()[0], "actor", "RUR")
            trig = _span(project, doc_id, text, text.split()[1], "trigger", "112")
            project.add_event(Event(doc_id, "112", source_code="RUR", source_span_id=src.id,
                                    trigger_span_id=trig.id, sentence_start=0, sentence_end=first,
                                    status="accepted", origin="model"))
            expected.append((doc_id, (src.start, src.end), (trig.start, trig.end), (0, first)))
            project.add_event(Event(doc_id, "010", target_code="FRE", sentence_start=first + 1,
                                    sentence_end=len(text), status="accepted", origin="model"))  # no words at all
            expected.append((doc_id, (None, None), (None, None), (first + 1, len(text))))
        read_per_document = []
        for name in ("events", "spans", "get_document"):
            real = getattr(Project, name)
            monkeypatch.setattr(Project, name, lambda self, *a, _n=name, _r=real, **k:
                                read_per_document.append(_n) or _r(self, *a, **k))
        out = tmp_path / "events.jsonl"
        assert export(project, "jsonl", out, cameo, "accepted") == 4
        assert read_per_document == []
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    for record, (doc_id, actor, trigger, sentence) in zip(records, expected, strict=True):
        assert record["document_id"] == str(doc_id)
        assert (record["sentence_start"], record["sentence_end"]) == sentence
        assert (record["trigger_start"], record["trigger_end"]) == trigger
        if actor[0] is None:
            assert record["actor"] == [] and record["recipient"][0]["start"] is None
        else:
            assert (record["actor"][0]["start"], record["actor"][0]["end"]) == actor
            assert TEXTS[doc_id - 1][actor[0]:actor[1]] == record["actor"][0]["entity_text"]
    assert [r.get("document_text") for r in records] == [TEXTS[0], None, TEXTS[1], None]
