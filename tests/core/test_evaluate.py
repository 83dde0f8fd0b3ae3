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


def test_aliases_and_actor_texts_with_a_scheme():
    """An old name is right when the prediction is any of its current names; actor texts match as words."""
    from eventcoder.core.schemes import load_scheme

    plover = load_scheme("plover")
    P = evaluate.Predicted
    rec = {
        "text": "t",
        "events": [{"code": "YIELD", "source_text": "The Russian army", "target_text": "Syria"}],
    }
    # RETREAT is one of YIELD's current names; "Russian army" is within "The Russian army"
    r = evaluate.score([(rec, [P("RUSMIL", "RETREAT", "SYR", "Russian army", "Syria")])], plover)
    assert r["code_f1"] == r["triple_f1"] == r["source_f1"] == r["target_f1"] == 1.0
    assert r["exact_records"] == 1.0 and r["record_code_f1"] == 1.0
    # the same event twice (A->B and B->A): one is right, the other a false positive
    both = [P("RUS", "CONCEDE", "SYR", "Russia", "Syria"), P("SYR", "CONCEDE", "RUS", "Syria", "Russia")]
    r = evaluate.score([(rec, both)], plover)
    assert r["code_precision"] == pytest.approx(0.5) and r["code_recall"] == 1.0
    assert r["triple_precision"] == 0.0  # "Russia" is not "The Russian army"
    assert r["record_code_precision"] == 1.0  # one distinct type, and it is right
    assert r["exact_records"] == 0.0
    # a wrong type, and no scheme: the old name is compared as written
    assert evaluate.score([(rec, [P("RUS", "ASSAULT", "SYR")])], plover)["code_f1"] == 0.0
    assert evaluate.score([(rec, [P("RUS", "RETREAT", "SYR")])])["code_f1"] == 0.0
    assert evaluate.text_match("U.S. Supreme Court decision", "the U.S. Supreme Court")
    assert not evaluate.text_match("Supreme Court", "Court of Appeal")
    assert evaluate.text_match(None, None) and not evaluate.text_match("Syria", None)


def test_plover_gold_is_coded_like_eventcoder_code(tmp_path, capsys):
    """`eventcoder evaluate GOLD --scheme plover` codes with the CAMEO dictionaries mapped to PLOVER types."""
    from eventcoder.cli import main
    from eventcoder.core.errors import ModelMissing
    from eventcoder.core.schemes import load_scheme

    try:
        from eventcoder.core.suggest.nlp import load_model

        load_model()
    except (ModelMissing, ImportError) as exc:  # pragma: no cover
        pytest.skip(str(exc))
    records = [
        ("Russia withdrew its troops from Syria.", "YIELD", "Russia", "Syria"),
        ("France sent food aid to Egypt.", "AID", "France", "Egypt"),
        ("Russian President Vladimir Putin held talks with Chinese President Xi Jinping.", "CONSULT",
         "Vladimir Putin", "Xi Jinping"),
    ]
    gold = tmp_path / "plv.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps({"id": f"p{k}", "scheme": "PLOVER", "text": t, "date": None,
                        "events": [{"code": c, "source_text": s, "target_text": o}]})
            for k, (t, c, s, o) in enumerate(records)
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold), "--scheme", "plover", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["scheme"] == "PLOVER" and r["records"] == 3
    codes = {c for d in r["details"] for _s, c, _t in d["pred"]}
    assert codes and codes <= set(load_scheme("plover").event_types)  # PLOVER types, not CAMEO codes
    # every sentence coded right, talks included: one event, not the same one twice in reverse
    assert r["code_precision"] == 1.0 and r["code_recall"] == 1.0
    assert r["triple_f1"] == 1.0 and r["exact_records"] == 1.0


def test_an_article_set_is_scored_one_split_at_a_time(tmp_path, capsys):
    from eventcoder.cli import main
    from eventcoder.core.errors import EventCoderError
    from eventcoder.core.schemes import load_scheme

    records = [
        {"id": "d1", "split": "dev", "date": "2024-05-07", "title": "Spain accuses Portugal",
         "text": "Spain accused Portugal of spying.", "events": [{"source": "ESP", "code": "112", "target": "PRT"}]},
        {"id": "h1", "split": "heldout", "date": "2024-05-07", "title": "Brazil thanks Chile",
         "text": "Brazil thanked Chile.", "events": [{"source": "BRA", "code": "051", "target": "CHL"}]},
        {"id": "h2", "split": "heldout", "date": "2024-05-07", "title": "Peru thanks Chile",
         "text": "Peru thanked Chile.", "events": [{"source": "PER", "code": "051", "target": "CHL"}]},
    ]
    gold = tmp_path / "articles.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cameo = load_scheme("cameo")
    assert evaluate.evaluate_file(gold, cameo, split="dev")["records"] == 1
    held = evaluate.evaluate_file(gold, cameo, split="heldout")
    assert held["records"] == 2 and held["split"] == "heldout"
    assert {tuple(t) for d in held["details"] for t in d["gold"]} == {("BRA", "051", "CHL"), ("PER", "051", "CHL")}
    assert evaluate.evaluate_file(gold, cameo)["records"] == 3  # no split: every record
    with pytest.raises(EventCoderError, match="no records of split 'test'.*dev, heldout"):
        evaluate.evaluate_file(gold, cameo, split="test")
    assert main(["evaluate", str(gold), "--scheme", "cameo", "--split", "heldout", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 2
    assert main(["evaluate", str(gold), "--scheme", "cameo", "--split", "dev"]) == 0
    assert "split: dev  records: 1" in capsys.readouterr().out


def test_a_malformed_gold_line_is_refused_with_file_line_and_column(tmp_path, capsys):
    from eventcoder.cli import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "France met Japan.", "events": []}\n{"text": "Japan met\n', encoding="utf-8")
    assert main(["evaluate", str(gold), "--scheme", "cameo"]) == 1
    err = capsys.readouterr().err.strip()
    assert f"{gold}:2: invalid JSON: Unterminated string starting at (column 10)" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
