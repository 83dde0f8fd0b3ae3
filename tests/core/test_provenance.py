"""Provenance: how a suggested event was made, as data -- its schema, its round trip through the store, what the
real rule coder records, and the readers that cope without it."""

from __future__ import annotations

import json

import pytest

from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.provenance import (
    FORMAT,
    LearnerDecision,
    Mapping,
    Provenance,
    RuleMatch,
    Step,
    learner_decision,
    learner_ranking,
    provenance_of,
    rules_code,
)
from eventcoder.core.schemes import load_scheme

FULL = Provenance(
    rules=RuleMatch("112", verb="ACCUSE", block="BLAME", pattern="* OF TREASON", where="CAMEO.2.0.txt:7512",
                    steps=(Step("transformation", "112", "~ a (b . ATTACK) SAY = a b 112", 12),
                           Step("noun", text="accusation")),
                    flags=("reported",)),
    mapping=Mapping("CAMEO", "112", "ACCUSE", "allege"),
    learner=LearnerDecision(3, "ACCUSE", 0.91, "kept", "ACCUSE", (("ACCUSE", 0.91), ("AID", 0.06))),
)


def test_the_stored_form_is_the_documented_schema_and_round_trips():
    data = FULL.to_dict()
    assert data == {
        "format": FORMAT,
        "rules": {"code": "112", "verb": "ACCUSE", "block": "BLAME", "pattern": "* OF TREASON",
                  "where": "CAMEO.2.0.txt:7512",
                  "steps": [{"kind": "transformation", "code": "112", "text": "~ a (b . ATTACK) SAY = a b 112",
                             "line": 12},
                            {"kind": "noun", "code": None, "text": "accusation", "line": None}],
                  "flags": ["reported"]},
        "mapping": {"from": "CAMEO", "code": "112", "to": "ACCUSE", "mode": "allege"},
        "learner": {"version": 3, "type": "ACCUSE", "p": 0.91, "decision": "kept", "rules_type": "ACCUSE",
                    "top": [["ACCUSE", 0.91], ["AID", 0.06]]},
    }
    assert Provenance.from_dict(json.loads(json.dumps(data))) == FULL  # as the store's JSON column gives it back
    assert Provenance().to_dict() == {"format": FORMAT, "rules": None, "mapping": None, "learner": None}


@pytest.mark.parametrize("bad", [
    {"format": 99, "rules": None},
    {"rules": {"verb": "ACCUSE"}},  # no code
    {"learner": {"version": 1, "type": "AID", "p": 0.5, "decision": "guessed"}},
    "learner AID 0.50",
    [],
])
def test_unreadable_provenance_counts_as_none(bad):
    event = SuggestedEvent("AID", provenance=bad)  # type: ignore[arg-type]
    assert provenance_of(event) is None
    assert learner_ranking(event) == [] and learner_decision(event) is None and rules_code(event) is None


def test_readers_cope_with_events_that_have_none():
    """Events stored before provenance existed: the CAMEO code is the event's own when numeric, no ranking."""
    assert rules_code(SuggestedEvent("112", evidence="CAMEO 999 -> X")) == "112"
    assert rules_code(SuggestedEvent("ACCUSE", evidence="CAMEO 112 -> ACCUSE")) is None
    event = SuggestedEvent("ACCUSE", provenance=FULL.to_dict(), evidence="")
    assert rules_code(event) == "112" and learner_decision(event) == "kept"
    assert learner_ranking(event) == [("ACCUSE", 0.91), ("AID", 0.06)]


def test_saved_events_keep_their_provenance(project):
    doc_id, _ = project.add_document(Document(text="The US accused Iran.", title="t"))
    spans = [SuggestedSpan(0, 6, "The US", code="USA"), SuggestedSpan(16, 20, "Iran", code="IRN"),
             SuggestedSpan(7, 14, "accused", layer="trigger", code="ACCUSE")]
    events = [SuggestedEvent("ACCUSE", "USA", "IRN", source=0, target=1, trigger=2, sentence_start=0,
                             sentence_end=20, evidence="shown text", provenance=FULL.to_dict())]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=events), scheme="PLOVER")
    (stored,) = project.events(doc_id)
    assert stored.provenance == FULL.to_dict() and provenance_of(stored) == FULL


def test_the_rule_coder_records_its_match_transformations_and_refusals():
    """What the real CAMEO coder records: the code it gave with the entry, pattern and dictionary line behind it,
    and each step that changed the code after the match -- the same the evidence shows in words."""
    from eventcoder.core.pipeline import rules_coder

    coded = rules_coder(load_scheme("cameo")).code_text(
        "The United States accused Iran of supporting militants in Iraq. China refused to send peacekeepers to "
        "Sudan. The United States claimed that Iran had attacked Iraq."
    )
    assert len(coded.events) >= 3
    for e in coded.events:
        rules = provenance_of(e).rules
        assert rules is not None and rules.code == e.event_code and rules.verb and rules.block
        assert rules.where is not None and rules.where.rsplit(":", 1)[1].isdigit()
        assert rules.flags == tuple(e.flags)
        assert (rules.pattern is not None) == ("pattern" in e.evidence)
        assert [s.kind for s in rules.steps].count("transformation") == e.evidence.count("transformation")
    refused = next(e for e in coded.events if "refusal" in e.flags)
    # refusing is 120; the act refused (sending peacekeepers, 074) gives the subcode: refusing peacekeeping, 1224
    assert refused.source_code == "CHN" and refused.event_code == "1224"
    assert [s.to_dict() for s in provenance_of(refused).rules.steps] == [
        {"kind": "refusal", "code": "120", "text": None, "line": None},
        {"kind": "subcode", "code": "1224", "text": "refuses [074]", "line": None}]
    (claim,) = [e for e in coded.events if any(s.kind == "transformation" for s in provenance_of(e).rules.steps)]
    rules = provenance_of(claim).rules
    assert (claim.source_code, claim.event_code, claim.target_code) == ("USA", "112", "IRN")  # an accusation
    assert rules.verb == "ATTACK" and rules.steps[-1].code == "112" and "CLAIM" in rules.steps[-1].text
