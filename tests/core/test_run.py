"""Coding stored documents with the real model and CAMEO dictionaries: idempotent, analyst decisions kept; the
provenance of what it suggests stored as data; the learner's counts read from it."""

import pytest

from eventcoder.core import commands
from eventcoder.core.io.importers import import_paths
from eventcoder.core.pipeline import code_documents
from eventcoder.core.schemes import load_scheme

from ..conftest import SEEDS


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def test_recoding_the_seed_is_idempotent_and_keeps_decisions(project, cameo):
    (doc_id,) = [i for _, i in import_paths(project, [SEEDS]).imported]
    first = code_documents(project, cameo, [doc_id])
    assert first["documents"] == 1 and first["events"] >= 4
    events = project.events(doc_id)
    spans = project.spans(doc_id)
    assert {e.origin for e in events} == {"model"} and all(e.evidence for e in events)
    for e in events:  # how each was made, as data: the rules' code and match, no mapping, no learner
        rules = e.provenance["rules"]
        assert rules["code"] == e.event_code and rules["verb"] and rules["where"].count(":") == 1
        assert e.provenance["mapping"] is None and e.provenance["learner"] is None
    assert any(e.provenance["rules"]["pattern"] for e in events)
    by_code = {e.event_code: e for e in events}
    # fewer, better: nothing is suggested below the calibrated confidence (suggest/confidence.py)
    assert all(e.confidence >= 0.2 for e in events)
    assert any(e.event_code == "012" and e.source_code == "RUS" for e in events)  # "raised its concerns" (not 040)
    # the two countries' cooperation: an intent (03) or diplomatic cooperation (05) between them
    assert any(e.event_code[:2] in ("03", "05") and {e.source_code, e.target_code} == {"IND", "RUS"} for e in events)
    assert len(events) < 20  # "not much else": no event for every "said"
    threat = max(events, key=lambda e: e.confidence)  # the one the analyst accepts below

    again = code_documents(project, cameo, [doc_id])
    assert again["events"] == 0 and again["kept"] == len(events) and len(project.events(doc_id)) == len(events)
    assert len(project.spans(doc_id)) == len(spans)

    commands.accept_event(project, threat.id).apply(project)
    rejected = next(e for e in events if e.id != threat.id)
    commands.reject_event(project, rejected.id).apply(project)
    third = code_documents(project, cameo, [doc_id])
    assert third["already_decided"] == 2
    after = {e.id: e for e in project.events(doc_id)}
    assert after[threat.id].status == "accepted" and after[rejected.id].status == "rejected"
    assert len(after) == len(events)  # nothing suggested twice
    assert all(isinstance(code, str) for code in by_code)


def _span(start, end, text, layer, code):
    from eventcoder.core.model import SuggestedSpan

    return SuggestedSpan(start=start, end=end, text=text, layer=layer, code=code)


def test_mapping_drops_a_reverse_event_the_scheme_cannot_tell_apart():
    """[042:043] (visit / host) both map to CONSULT/visit: the reverse would be the same event twice."""
    from eventcoder.core.model import CodedDocument, SuggestedEvent
    from eventcoder.core.suggest.run import map_coded

    plover = load_scheme("plover")

    def coded(forward: str, backward: str, reverse_flag: bool = True) -> CodedDocument:
        spans = [
            _span(0, 5, "Putin", "actor", "RUSGOV"),
            _span(30, 35, "China", "actor", "CHN"),
            _span(16, 21, "visit", "trigger", forward),
            _span(16, 21, "visit", "trigger", backward),
        ]
        flags = ("reverse",) if reverse_flag else ()
        events = [
            SuggestedEvent(forward, "RUSGOV", "CHN", source=0, target=1, trigger=2, sentence_start=0),
            SuggestedEvent(backward, "CHN", "RUSGOV", source=1, target=0, trigger=3, sentence_start=0, flags=flags),
        ]
        return CodedDocument(spans=spans, events=events)

    out = map_coded(coded("042", "043"), plover)
    assert [(e.source_code, e.event_code, e.mode, e.target_code) for e in out.events] == [
        ("RUSGOV", "CONSULT", "visit", "CHN")
    ]
    assert out.events[0].provenance["mapping"] == {"from": "CAMEO", "code": "042", "to": "CONSULT", "mode": "visit"}
    assert [s.code for s in out.spans if s.layer == "trigger"] == ["CONSULT"]
    # a reverse whose type differs from its forward event's stays (175:140: COERCE, PROTEST)
    assert len(map_coded(coded("175", "140"), plover).events) == 2
    # coordinated actors acting on each other are no reverse events: both stay
    assert len(map_coded(coded("040", "040", reverse_flag=False), plover).events) == 2


def test_code_reports_what_the_type_learner_decided(project, tmp_path, capsys):
    import numpy as np

    from eventcoder.cli import main
    from eventcoder.core import learn
    from eventcoder.core.learn.classifier import LogisticModel
    from eventcoder.core.learn.learner import NEVER, TypeLearner
    from eventcoder.core.model import Document

    plover = load_scheme("plover")
    text = "Russian troops attacked Ukrainian soldiers on Monday. France sent food aid to Egypt."
    doc_id, _ = project.add_document(Document(text=text, title="t"))
    project.set_meta("scheme", "PLOVER")
    no_model = code_documents(project, plover, [doc_id])
    assert "model_version" not in no_model and "learner_decided" not in no_model
    rules = [e.event_code for e in project.events(doc_id)]
    assert "ASSAULT" in rules and "AID" in rules

    model = LogisticModel({"bias": 0}, ["AID", "ASSAULT"], np.array([[0.0, 0.0]]), np.zeros(2))
    model.W[0, model.classes.index("AID")] = 4.0  # always AID
    learn.save_model(project, TypeLearner(model, "PLOVER", threshold=0.0, add_threshold=NEVER))
    totals = code_documents(project, plover, [doc_id])
    assert {"documents", "spans", "events", "already_decided", "learned"} <= set(totals)  # the keys stay
    assert totals["model_version"] == 1
    assert totals["learner_decided"] == len(rules)
    assert totals["learner_retyped"] == totals["learned"] == rules.count("ASSAULT")
    assert totals["learner_confirmed"] == rules.count("AID")
    assert totals["learner_added"] == totals["learner_dropped"] == 0
    stored = project.events(doc_id)
    decisions = sorted(e.provenance["learner"]["decision"] for e in stored)
    assert decisions == sorted(["retyped"] * rules.count("ASSAULT") + ["kept"] * rules.count("AID"))
    retyped = next(e for e in stored if e.provenance["learner"]["decision"] == "retyped")
    assert retyped.provenance["learner"]["rules_type"] == "ASSAULT" and retyped.event_code == "AID"
    assert retyped.provenance["mapping"]["code"].startswith("1")  # the CAMEO code behind the rules' ASSAULT

    project.close()
    assert main(["code", "--db", str(project.path)]) == 0
    out = capsys.readouterr().out
    assert f"type learner (model v1) decided {len(rules)} suggestion(s): {rules.count('AID')} kept" in out


def test_learner_counts_read_the_provenance_not_the_evidence():
    """The counts of what the learner did come from each event's provenance: rewording the evidence of every
    event (it is display text) changes none of them."""
    from eventcoder.core.learn.coder import learner_counts
    from eventcoder.core.model import CodedDocument, SuggestedEvent
    from eventcoder.core.provenance import LearnerDecision, Provenance

    def decided(code: str, decision: str) -> SuggestedEvent:
        learner = LearnerDecision(1, code, 0.9, decision, None if decision == "added" else "AID")
        return SuggestedEvent(code, evidence="reworded tooltip", provenance=Provenance(learner=learner).to_dict())

    kept, retyped, added = decided("AID", "kept"), decided("ASSAULT", "retyped"), decided("ACCUSE", "added")
    untouched = SuggestedEvent("AID", evidence="learner AID 0.90 (model v1; top: AID 0.90)")  # only looks decided
    gone = SuggestedEvent("FIGHT")
    coded = CodedDocument(events=[kept, retyped, untouched, added])
    counts = learner_counts([kept, retyped, untouched, gone], coded)
    assert counts == {"learner_decided": 4, "learner_confirmed": 1, "learner_retyped": 1, "learner_added": 1,
                      "learner_dropped": 1}
