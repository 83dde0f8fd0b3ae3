"""Scoring against gold files: hand-computed figures on a tiny gold file and a stub coder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.core import evaluate
from eventcoder.core.model import CodedDocument, SuggestedEvent

GOLD = Path(__file__).resolve().parents[1] / "data" / "mini_gold.jsonl"

# what the stub "coder" predicts per text
PRED = {
    # m1: exactly right
    "Gondor was attacked by Mordor.": [("MOR", "223", "GON")],
    # m2: one of two events, plus a negated one that must not count
    "Arnor and Gondor met.": [("ARN", "040", "GON"), ("GON", "043", "ARN", "negated")],
    # m3: expects no events: exactly right
    "Nothing happened.": [],
    # m4: right code, country-level actors right, full codes wrong
    "Arnor condemned Gondor police.": [("ARN", "122", "GON")],
    # m6: literal text code compared as a string; a missing target is "---"
    "Literal text code.": [("ERI", "INJURY TOLL", None)],
}


class StubCoder:
    def __init__(self):
        self.dates = []

    def code_texts(self, items):
        for text, date in items:
            self.dates.append(date)
            doc = CodedDocument()
            for s, c, t, *flags in PRED[text]:
                doc.events.append(SuggestedEvent(event_code=c, source_code=s, target_code=t, flags=tuple(flags)))
            yield doc


def test_hand_computed_scores():
    stub = StubCoder()
    r = evaluate.evaluate_file(GOLD, coder=stub)
    assert r["records"] == 5  # m5 has evaluate: false
    assert stub.dates == ["1995-01-01"] * 5  # YYYYMMDD and ISO both passed on as ISO
    # exact: m1, m3 -> 2/5
    assert r["exact_records"] == pytest.approx(2 / 5)
    # gold items: m1 1, m2 2, m4 1, m6 1 = 5 ; predicted (negated dropped): 1 + 1 + 1 + 1 = 4
    # codes: tp m1 1, m2 1, m4 1, m6 1 = 4 -> P 4/4, R 4/5
    assert r["code_precision"] == pytest.approx(1.0)
    assert r["code_recall"] == pytest.approx(4 / 5)
    assert r["code_f1"] == pytest.approx(2 * 1 * 0.8 / 1.8)
    # roots: same as codes here
    assert r["root_f1"] == pytest.approx(r["code_f1"])
    # sources: m1 MOR, m2 ARN, m4 ARN!=ARNGOV, m6 ERI -> tp 3; P 3/4 R 3/5
    assert r["source_f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    # targets: m1 GON, m2 GON, m4 GON!=GONCOP, m6 --- != OSG -> tp 2; P 2/4 R 2/5
    assert r["target_f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    # triples: m1, m2 -> tp 2 ; P 2/4 R 2/5
    assert r["triple_f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    # country triples: m1, m2, m4 -> tp 3 ; P 3/4 R 3/5
    assert r["country_triple_f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    cats = r["categories"]
    assert cats["A"]["records"] == 2 and cats["A"]["exact_records"] == pytest.approx(0.5)
    assert cats["B"]["records"] == 3
    json.dumps({k: v for k, v in r.items()})  # JSON-able
    for key in ("exact_records", "code_f1", "root_f1", "source_f1", "target_f1", "triple_f1", "country_triple_f1"):
        assert 0.0 <= r[key] <= 1.0
    report = evaluate.format_report(r)
    assert "country_triple" in report and "exactly right" in report


def test_multiset_counting():
    rec = {"events": [{"source": "A", "target": "B", "code": "010"}] * 2}
    r = evaluate.score([(rec, [("A", "010", "B")] * 3)])
    assert r["triple_precision"] == pytest.approx(2 / 3)
    assert r["triple_recall"] == pytest.approx(1.0)
    assert r["exact_records"] == 0.0


def test_with_real_coder_and_scheme():
    from eventcoder.core.errors import ModelMissing

    try:
        from eventcoder.core.schemes import load_scheme
        from eventcoder.core.suggest.nlp import load_model

        load_model()
        scheme = load_scheme(GOLD.parent / "petr_validate.yaml")
    except (ModelMissing, ImportError) as exc:  # pragma: no cover
        pytest.skip(str(exc))
    r = evaluate.evaluate_file(GOLD, scheme)
    assert r["records"] == 5
    # the passive record is coded exactly; "Nothing happened." has no events
    ok = {d["id"]: d["ok"] for d in r["details"]}
    assert ok["m1"] and ok["m3"]
