"""The type learner: deterministic training, storage in the project, thresholds, aliases, PLOVER mapping, CLI;
its decisions and the CAMEO code behind a mapped type kept in each event's provenance, read from there."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventcoder.cli import main
from eventcoder.core import learn, pipeline
from eventcoder.core.learn.classifier import LogisticModel
from eventcoder.core.learn.features import Anchor, anchors
from eventcoder.core.learn.learner import NEVER, TypeLearner
from eventcoder.core.learn.train import Record, assign_folds, cross_validate, near_duplicate_groups
from eventcoder.core.model import CodedDocument, Document, Event, SuggestedEvent, SuggestedSpan
from eventcoder.core.pipeline import code_documents, rules_coder
from eventcoder.core.provenance import Mapping, Provenance, RuleMatch
from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.run import map_coded

ACTORS = ["Russia", "France", "Japan", "Egypt", "Brazil", "Turkey"]
TEMPLATES = [
    ("{a} attacked {b} on Monday.", "FIGHT"),
    ("{a} bombed villages in {b}.", "ASSAULT"),
    ("{a} sent food aid to {b}.", "AID"),
    ("{a} criticized {b} over the election.", "DISAPPROVE"),
    ("{a} withdrew its troops from {b}.", "YIELD"),
    ("{a} demanded that {b} release the prisoners.", "DEMAND"),
]


def synthetic(n_per_template: int = 5) -> list[dict]:
    out = []
    for t, (text, code) in enumerate(TEMPLATES):
        for k in range(n_per_template):
            a, b = ACTORS[k % len(ACTORS)], ACTORS[(k + t + 1) % len(ACTORS)]
            out.append(
                {
                    "text": text.format(a=a, b=b),
                    "date": "2020-01-01",
                    "scheme": "PLOVER",
                    "events": [{"code": code, "source_text": a, "target_text": b}],
                }
            )
    return out


@pytest.fixture(scope="module")
def plover():
    return load_scheme("plover")


@pytest.fixture(scope="module")
def gold_records(plover):
    records, skipped = learn.records_from_gold(synthetic(), plover, rules_coder(plover))
    return records, skipped


# ------------------------------------------------------------------ PLOVER mapping


def test_plover_project_gets_plover_types_from_the_real_coder(plover):
    coder = rules_coder(plover)
    doc = coder.code_text("Russian troops attacked Ukrainian soldiers on Monday. France sent food aid to Egypt.")
    types = {e.event_code for e in doc.events}
    assert {"ASSAULT", "AID"} <= types
    assert all(e.event_code in plover.event_types for e in doc.events)
    assert all(e.evidence.startswith("CAMEO ") for e in doc.events)  # display text, as before
    for e in doc.events:  # the data: the CAMEO code the rules gave, mapped to the PLOVER type
        mapping, rules = e.provenance["mapping"], e.provenance["rules"]
        assert mapping["from"] == "CAMEO" and mapping["to"] == e.event_code and mapping["mode"] == e.mode
        assert mapping["code"] == rules["code"] and rules["code"].isdigit()
        assert plover.from_cameo(mapping["code"]) == (e.event_code, e.mode)
    for e in doc.events:
        assert doc.spans[e.trigger].layer == "trigger" and doc.spans[e.trigger].code == e.event_code


def test_mapping_drops_statements_and_reindexes_spans(plover):
    spans = [
        SuggestedSpan(0, 6, "Russia", code="RUS"),
        SuggestedSpan(7, 11, "said", layer="trigger", code="010"),
        SuggestedSpan(12, 18, "France", code="FRA"),
        SuggestedSpan(19, 25, "bombed", layer="trigger", code="195"),
    ]
    events = [
        SuggestedEvent("010", "RUS", "FRA", source=0, target=2, trigger=1, evidence="verb SAY"),
        SuggestedEvent("195", "RUS", "FRA", source=0, target=2, trigger=3, evidence="verb BOMB"),
        SuggestedEvent("0874", "FRA", "RUS", source=2, target=0, trigger=3, evidence="x"),
    ]
    coded = map_coded(CodedDocument(spans=spans, events=events), plover)
    assert [(e.event_code, e.mode) for e in coded.events] == [("ASSAULT", "aerial"), ("RETREAT", "withdraw")]
    assert [s.text for s in coded.spans] == ["Russia", "France", "bombed"]
    assert coded.spans[coded.events[0].trigger].text == "bombed"
    assert coded.spans[coded.events[0].source].text == "Russia"
    assert "CAMEO 195 -> ASSAULT/aerial" in coded.events[0].evidence  # shown; the data is in the provenance
    assert [e.provenance["mapping"] for e in coded.events] == [
        {"from": "CAMEO", "code": "195", "to": "ASSAULT", "mode": "aerial"},
        {"from": "CAMEO", "code": "0874", "to": "RETREAT", "mode": "withdraw"},
    ]
    assert all(e.provenance["rules"] is None for e in coded.events)  # made by hand here, not by the rules


# ------------------------------------------------------------------ aliases, groups


def test_old_names_on_extra_resolve_through_aliases(gold_records, plover):
    records, skipped = gold_records
    labels = {name for r in records for name in r.labels.values()} - {"NONE"}
    assert labels == {"ASSAULT", "AID", "ACCUSE", "CONCEDE|RETREAT", "REQUEST"}
    assert all(len(r.gold) == 1 for r in records)
    bad = [{"text": "Russia attacked France.", "events": [{"code": "NOT_A_TYPE"}]}]
    none, skipped = learn.records_from_gold(bad, plover, rules_coder(plover))
    assert none == [] and skipped == 2  # the unknown code, then the record with nothing left


def test_near_duplicates_share_a_fold():
    base = "The army of Russia attacked the northern town of Kharkiv on Monday, officials said."
    texts = [base, base.replace("Monday", "Tuesday"), "France sent food aid to Egypt after the flood."] + [
        f"Unrelated sentence number {k} about trade talks in city {k}." for k in range(12)
    ]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] != groups[2]
    recs = [Record(t, [], []) for t in texts]
    folds = assign_folds(recs, folds=5, seed=1)
    assert folds[0] == folds[1]
    assert assign_folds(recs, folds=5, seed=1) == folds


# ------------------------------------------------------------------ thresholds


def _record(i: int, gold: str, rule: str, feats: list[str]) -> Record:
    a = Anchor(0, 0, 10, events=[0], rule_type=rule, features=["bias", f"rule={rule}", *feats])
    return Record(f"sentence {i} " + " ".join(feats) + f" {i}", [frozenset([gold])], [a], {0: gold})


def test_rules_stand_when_the_learner_does_not_beat_them():
    # the rules are always right: the learner can at best tie them
    recs = [_record(i, t, t, [f"noise{i}"]) for i, t in enumerate(["AID", "ASSAULT", "ACCUSE"] * 12)]
    cv = cross_validate(recs)
    assert cv.rules_f1 == pytest.approx(1.0)
    assert (cv.threshold, cv.add_threshold) == (NEVER, NEVER) and cv.chosen_f1 == pytest.approx(cv.rules_f1)


def test_learner_takes_over_when_it_beats_the_rules():
    # the rules always say AID; a word tells the type
    word = {"AID": "gave", "ASSAULT": "shelled", "ACCUSE": "blamed"}
    recs = [_record(i, t, "AID", [f"w={word[t]}"]) for i, t in enumerate(["AID", "ASSAULT", "ACCUSE"] * 12)]
    cv = cross_validate(recs)
    assert cv.rules_f1 < 0.5 and cv.learner_f1 > 0.95
    assert cv.threshold < NEVER and cv.chosen_f1 > 0.95


# ------------------------------------------------------------------ training, storage, applying


def test_training_is_deterministic_and_the_model_round_trips(tmp_path, plover):
    from eventcoder.core.store import Project

    extra = synthetic()
    path = tmp_path / "p.db"
    with Project(path, annotator="t") as p:
        one = pipeline.train(p, plover, extra=extra, store=False)
        two = pipeline.train(p, plover, extra=extra)
        assert one.learner.to_dict() == two.learner.to_dict()
        assert (one.rules_f1, one.learner_f1, one.threshold) == (two.rules_f1, two.learner_f1, two.threshold)
        assert two.version == 1 and two.codings == len(extra) and two.from_extra == len(extra)
    with Project(path, annotator="t") as p:
        stored = learn.load_model(p, plover)
        assert stored is not None and stored.version == 1 and stored.scheme == "PLOVER"
        assert stored.to_dict() == json.loads(json.dumps(two.learner.to_dict()))
        version, figure = learn.model_status(p)
        assert version == 1 and figure == pytest.approx(two.chosen_f1)
        assert learn.load_model(p, "cameo") is None
        probe = two.learner.model.predict_proba([["bias", "v=attack"]], np.zeros((1, stored.model.V.shape[0])))
        again = stored.model.predict_proba([["bias", "v=attack"]], np.zeros((1, stored.model.V.shape[0])))
        assert np.allclose(probe, again, atol=1e-4)
        pipeline.train(p, plover, extra=extra)
        assert learn.model_status(p)[0] == 2


def test_project_codings_train_accepted_and_rejected(project, plover):
    from eventcoder.core import commands

    text = " ".join(r["text"] for r in synthetic(2))
    doc_id, _ = project.add_document(Document(text=text, title="t"))
    code_documents(project, plover, [doc_id])
    events = project.events(doc_id)
    assert events
    for k, e in enumerate(events):
        if k % 4 == 3:
            commands.reject_event(project, e.id).apply(project)
        else:
            commands.accept_event(project, e.id).apply(project)
    report = pipeline.train(project, plover)
    assert report.from_project == len(events) and report.from_extra == 0
    assert "NONE" in report.classes


def _always(code: str, other: str, threshold: float = 0.0) -> TypeLearner:
    model = LogisticModel({"bias": 0}, sorted([code, other]), np.array([[0.0, 0.0]]), np.zeros(2))
    model.W[0, model.classes.index(code)] = 4.0
    return TypeLearner(model, "PLOVER", threshold=threshold, add_threshold=NEVER)


def test_code_applies_the_stored_model_and_alternatives(project, plover):
    doc_id, _ = project.add_document(Document(text="Russian troops attacked Ukrainian soldiers on Monday.", title="t"))
    project.set_meta("scheme", "PLOVER")
    learn.save_model(project, _always("AID", "ASSAULT"))
    code_documents(project, plover, [doc_id])
    events = project.events(doc_id)
    assert events and {e.event_code for e in events} == {"AID"}
    e = events[0]
    assert e.evidence.startswith("learner AID 0.98 (model v1") and "rules said ASSAULT" in e.evidence  # display
    assert e.confidence == pytest.approx(0.98)
    assert project.get_span(e.trigger_span_id).code == "AID"
    decided = e.provenance["learner"]
    assert decided == {"version": 1, "type": "AID", "p": pytest.approx(0.982, abs=1e-3), "decision": "retyped",
                       "rules_type": "ASSAULT", "top": [["AID", pytest.approx(0.982, abs=1e-3)],
                                                        ["ASSAULT", pytest.approx(0.018, abs=1e-3)]]}
    assert e.provenance["rules"]["code"] == e.provenance["mapping"]["code"]  # the rules' CAMEO code stays
    alts = pipeline.alternatives(project, e.id)
    assert [t for t, _p in alts] == ["AID", "ASSAULT"] and alts[0][1] > 0.9
    # a model that never applies leaves the rules' types
    learn.save_model(project, _always("AID", "ASSAULT", threshold=NEVER))
    code_documents(project, plover, [doc_id])
    assert {ev.event_code for ev in project.events(doc_id)} == {"ASSAULT"}


def test_most_useful_order_puts_least_confident_first(project):
    ids = [project.add_document(Document(text=f"Text number {k}.", title=str(k)))[0] for k in range(3)]
    for doc_id, conf in zip(ids, (0.9, 0.2, None), strict=True):
        if conf is not None:
            project.add_event(Event(document_id=doc_id, event_code="AID", confidence=conf))
    project.add_event(Event(document_id=ids[0], event_code="AID", confidence=0.5))
    assert learn.most_useful_order(project, ids) == [ids[1], ids[0], ids[2]]
    confs = [project.get_event(i).confidence for i in learn.least_confident_events(project, ids)]
    assert confs == sorted(confs)


def test_codings_since_model_counts_analysts_changes_not_the_coders(project, plover):
    from eventcoder.core import commands

    text = " ".join(r["text"] for r in synthetic(2))
    doc_id, _ = project.add_document(Document(text=text, title="t"))
    code_documents(project, plover, [doc_id])
    assert learn.codings_since_model(project, plover) == 0  # suggestions are not codings
    events = project.events(doc_id)
    for k, e in enumerate(events):
        (commands.reject_event if k % 4 == 3 else commands.accept_event)(project, e.id).apply(project)
    assert learn.codings_since_model(project, plover) == len(events)
    pipeline.train(project, plover)
    assert learn.codings_since_model(project, plover) == 0
    last = len(events) - 1  # the analyst changes her mind on the last one (accepted unless k % 4 == 3)
    inverse = (commands.accept_event if last % 4 == 3 else commands.reject_event)(project, events[-1].id).apply(project)
    code_documents(project, plover, [doc_id])  # re-coding keeps decisions and is not a coding
    assert learn.codings_since_model(project, plover) == 1
    inverse.apply(project)  # an undo takes that coding back
    assert learn.codings_since_model(project, plover) == 0
    assert learn.codings_since_model(project, "cameo") == 0  # PLOVER codings do not count for a CAMEO model
    assert project.codings_since(0) == project.codings_since(0, "PLOVER") > 1
    assert project.codings_since(0, limit=1) == 1  # the window counts only so far


def test_extra_codings_are_kept_in_the_project_for_every_retraining(tmp_path, capsys, plover):
    from eventcoder.core.store import Project

    extra = tmp_path / "coded.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in synthetic()) + "\n", encoding="utf-8")
    db = tmp_path / "keep.db"
    assert main(["train", "--db", str(db), "--extra", str(extra)]) == 0
    assert "30 record(s) from --extra files are kept in the project" in capsys.readouterr().err
    assert main(["train", "--db", str(db), "--extra", str(extra)]) == 0  # the same file twice: kept once
    with Project(db) as p:
        assert p.training_record_count() == 30
        again = pipeline.train(p, plover)  # what the window does: no --extra, the kept records still count
        assert again.from_extra == 30 and again.version == 3
    assert main(["train", "--db", str(db), "--forget-extra"]) == 1  # nothing left to learn from
    assert "not enough codings" in capsys.readouterr().err
    with Project(db) as p:
        assert p.training_record_count() == 0 and learn.model_status(p)[0] == 3


# ------------------------------------------------------------------ the command


def test_train_command_output_and_code_afterwards(tmp_path, capsys):
    extra = tmp_path / "coded.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in synthetic()) + "\n", encoding="utf-8")
    db = tmp_path / "cli.db"
    code = main(["train", "--db", str(db), "--extra", str(extra)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("trained on 30 coding(s) (0 from the project, 30 from --extra; 0 skipped)")
    assert lines[1].startswith("type F1, 5-fold cross-validation")
    assert lines[2].split()[0] == "rules" and 0.0 <= float(lines[2].split()[1]) <= 1.0
    assert lines[3].split()[0] == "learner" and 0.0 <= float(lines[3].split()[1]) <= 1.0
    assert lines[4].split()[0] == "chosen"
    assert lines[5].startswith("threshold: ")
    assert lines[6].startswith("model v1 (PLOVER) stored in ")
    text = tmp_path / "news.txt"
    text.write_text("Turkey bombed villages in Egypt on Friday.", encoding="utf-8")
    assert main(["import", str(text), "--db", str(db)]) == 0
    assert main(["code", "--db", str(db)]) == 0
    assert (
        main(["export", "--format", "csv", "--out", str(tmp_path / "e.csv"), "--status", "all", "--db", str(db)]) == 0
    )
    capsys.readouterr()
    import csv

    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert rows and rows[0]["event_code"] in load_scheme("plover").event_types
    assert rows[0]["source_text"] and rows[0]["target_text"]


def test_train_command_refuses_without_codings(tmp_path, capsys):
    code = main(["train", "--db", str(tmp_path / "empty.db")])
    _out, err = capsys.readouterr()
    assert code == 1 and "not enough codings" in err


def test_train_extra_in_another_scheme_switches_a_cameo_project(tmp_path, capsys):
    from eventcoder.core.store import Project

    db = tmp_path / "cameo.db"
    with Project(db, annotator="t") as p:
        p.set_meta("scheme", "cameo")
    extra = tmp_path / "coded.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in synthetic()) + "\n", encoding="utf-8")
    assert main(["train", "--db", str(db), "--extra", str(extra)]) == 0
    out, err = capsys.readouterr()
    assert "now uses PLOVER" in err and "model v1 (PLOVER)" in out
    with Project(db, annotator="t") as p:
        assert p.get_meta("scheme") == "PLOVER" and learn.model_status(p, "PLOVER")[0] == 1


def test_extra_records_are_parsed_once_per_process(plover, monkeypatch):
    import importlib

    train_mod = importlib.import_module("eventcoder.core.learn.train")  # the module, not the function
    calls = []
    real = train_mod._parse_and_code

    def counting(coder, texts, should_stop=None):
        calls.append(len(texts))
        return real(coder, texts, should_stop)

    monkeypatch.setattr(train_mod, "_parse_and_code", counting)
    # texts no other test uses: the cache lives as long as the process
    extra = [{**r, "text": r["text"].rstrip(".") + " again."} for r in synthetic(2)]
    extra.append({"text": "Chile sent food aid to Kenya on a rainy Sunday.", "events": [{"code": "AID"}]})
    coder = rules_coder(plover)
    first, skipped = learn.records_from_gold(extra, plover, coder)
    again, skipped_again = learn.records_from_gold(extra, plover, coder)  # what every retraining asks for
    assert [r.text for r in again] == [r.text for r in first] and skipped_again == skipped
    assert calls == [len(extra)]  # parsed the first time only
    more, _ = learn.records_from_gold(
        [*extra, {"text": "Peru attacked Chile near a rainy border.", "events": [{"code": "ASSAULT"}]}], plover, coder)
    assert calls == [len(extra), 1] and len(more) == len(first) + 1  # only the new record is parsed


def test_evaluate_with_a_project_scores_its_type_learner(tmp_path, capsys):
    extra = tmp_path / "coded.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in synthetic()) + "\n", encoding="utf-8")
    db = tmp_path / "eval.db"
    assert main(["train", "--db", str(db), "--extra", str(extra)]) == 0
    capsys.readouterr()
    held = tmp_path / "held.jsonl"
    held.write_text(json.dumps({"text": "Chile bombed villages in Peru.", "scheme": "PLOVER",
                                "events": [{"code": "ASSAULT", "source_text": "Chile", "target_text": "Peru"}]})
                    + "\n", encoding="utf-8")
    from eventcoder.core.store import Project

    with Project(db) as p:  # a learner that always says AID, whatever the rules say
        learn.save_model(p, _always("AID", "ASSAULT"))
    assert main(["evaluate", str(held), "--scheme", "plover", "--json"]) == 0
    rules_only = json.loads(capsys.readouterr()[0])
    assert main(["evaluate", str(held), "--db", str(db), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "scoring the rules with type learner v2 (PLOVER)" in err
    result = json.loads(out)
    assert result["scheme"] == "PLOVER" and result["records"] == 1
    # the rules get the bombing right; the learner's AID is what --db scores
    assert rules_only["code_f1"] == 1.0 and result["code_f1"] == 0.0
    assert main(["evaluate", str(held), "--db", str(tmp_path / "nope.db")]) == 1
    assert "no such project file" in capsys.readouterr().err
    assert main(["evaluate", str(held)]) == 1
    assert "needs --scheme" in capsys.readouterr().err


def test_a_failed_training_keeps_no_extra_records(tmp_path, plover):
    from eventcoder.core.errors import EventCoderError
    from eventcoder.core.store import Project

    with Project(tmp_path / "fail.db") as p:
        with pytest.raises(EventCoderError, match="not enough codings"):
            pipeline.train(p, plover, extra=[synthetic(1)[0]])
        assert p.training_record_count() == 0 and learn.model_status(p)[0] is None
        with pytest.raises(learn.TrainingCancelled):
            pipeline.train(p, plover, extra=synthetic(), should_stop=lambda: True)
        assert p.training_record_count() == 0 and learn.model_status(p)[0] is None


# ------------------------------------------------------------------ provenance, not evidence


def test_the_cameo_feature_is_read_from_the_provenance_not_the_evidence(plover):
    """A model feature never depends on display text: the CAMEO code behind a mapped type comes from the event's
    provenance; an event with none (stored before provenance existed) takes the evidence-free path."""
    coder = rules_coder(plover)
    doc = coder.nlp("Russia bombed France.")
    verb = next(t for t in doc if t.text == "bombed")

    def features_of(event: SuggestedEvent) -> set[str]:
        spans = [SuggestedSpan(verb.idx, verb.idx + len(verb.text), verb.text, layer="trigger", code="ASSAULT")]
        event.trigger = 0
        (anchor,) = [a for a in anchors(doc, CodedDocument(spans=spans, events=[event])) if a.events]
        return {f for f in anchor.features if f.startswith("cameo")}

    mapped = Provenance(RuleMatch("195", verb="BOMB"), Mapping("CAMEO", "195", "ASSAULT", "aerial")).to_dict()
    reworded = SuggestedEvent("ASSAULT", evidence="the tooltip says anything", provenance=mapped)
    assert features_of(reworded) == {"cameo=195", "cameo2=19"}
    old_event = SuggestedEvent("ASSAULT", evidence="CAMEO 195 -> ASSAULT; verb BOMB")  # no provenance
    assert features_of(old_event) == set()
    assert features_of(SuggestedEvent("195", evidence="")) == {"cameo=195", "cameo2=19"}  # a CAMEO code itself


def test_an_anchor_knows_which_clause_of_its_sentence_it_is(plover):
    """``path=`` is the chain of dependency relations from the anchor up to the sentence's root: the main verb is
    ``ROOT``, a clause the rules reached under a reported one carries the way down (here ``advcl>ccomp``)."""
    coder = rules_coder(plover)
    doc = coder.nlp("The minister said that Egypt would stay out until Turkey withdrew its troops.")
    by_text = {t.text: t for t in doc}
    said, stay, withdrew = by_text["said"], by_text["stay"], by_text["withdrew"]
    assert said.dep_ == "ROOT" and stay.head.i == said.i and withdrew.head.i == stay.i  # the parse this relies on

    def path_of(verb) -> set[str]:
        spans = [SuggestedSpan(verb.idx, verb.idx + len(verb.text), verb.text, layer="trigger", code="YIELD")]
        (anchor,) = [a for a in anchors(doc, CodedDocument(spans=spans, events=[SuggestedEvent("YIELD", trigger=0)]),
                                        empty_sentences=False)]
        return {f for f in anchor.features if f.startswith("path=")}

    assert path_of(said) == {"path=ROOT"}
    assert path_of(stay) == {f"path={stay.dep_}"}
    assert path_of(withdrew) == {f"path={withdrew.dep_}>{stay.dep_}"}
