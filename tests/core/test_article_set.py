"""The hand-coded article set in bench/articles/ is well formed: it reads as gold, its codes are CAMEO codes,
its actor codes are ones the Phoenix dictionaries compose, its texts and spans agree, and both splits exist."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "bench" / "articles"
GOLD = ARTICLES / "articles.jsonl"
SCHEMES = REPO / "coding_schemes"
SPLITS = {"dev", "heldout", "calibration", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
          "heldout8", "heldout9", "heldout10", "heldout11", "heldout12"}


@lru_cache(maxsize=1)
def records() -> list[dict]:
    from eventcoder.core.evaluate import read_gold

    return read_gold(GOLD)


def events() -> list[tuple[dict, dict]]:
    return [(rec, ev) for rec in records() for ev in rec["events"]]


@lru_cache(maxsize=1)
def cameo() -> dict:
    return yaml.safe_load((SCHEMES / "cameo.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def dictionary_codes() -> set[str]:
    """Every actor code written in brackets in the Phoenix actor dictionaries (date limits dropped)."""
    codes: set[str] = set()
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt"):
        text = (SCHEMES / "dictionaries" / name).read_text(encoding="utf-8", errors="replace")
        codes.update(re.findall(r"\[([A-Z]{3,})(?:\s[^\]]*)?\]", text))
    return codes


@lru_cache(maxsize=1)
def countries() -> set[str]:
    """Three-letter country codes: the scheme's own plus every country prefix the country dictionary uses."""
    listed = {a["code"] for a in cameo()["actor_codes"] if a.get("kind") == "country"}
    text = (SCHEMES / "dictionaries" / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    prefixes = {c[:3] for c in re.findall(r"\[([A-Z]{3,})(?:\s[^\]]*)?\]", text)}
    return listed | prefixes


@lru_cache(maxsize=1)
def roles() -> set[str]:
    """Role codes: the scheme's own plus every 3-letter role the agents dictionary composes (``[~GOVMIL]``)."""
    listed = {a["code"] for a in cameo()["actor_codes"] if a.get("kind") == "role"}
    text = (SCHEMES / "dictionaries" / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    composed = {seg[k : k + 3] for seg in re.findall(r"\[~([A-Z]+)\]", text) for k in range(0, len(seg), 3)}
    return listed | composed


def test_the_set_reads_as_gold_and_is_big_enough():
    recs = records()
    assert len(recs) >= 25
    assert len(events()) >= 250
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids))
    assert all(isinstance(r["id"], str) and r["id"] for r in recs)


def test_both_splits_are_present_and_every_record_has_one():
    by_split: dict[str, list[dict]] = {}
    for rec in records():
        assert rec.get("split") in SPLITS, rec["id"]
        by_split.setdefault(rec["split"], []).append(rec)
    assert set(by_split) == SPLITS
    assert len(by_split["heldout"]) >= 10
    assert all(r["events"] for r in by_split["heldout"])


def test_records_are_articles_as_an_analyst_imports_them():
    from eventcoder.core.io.dates import normalise_date

    for rec in records():
        lines = rec["text"].split("\n")
        assert rec["title"] == lines[0].strip(), rec["id"]
        assert lines[1] == "", f"{rec['id']}: no blank line after the headline"
        assert re.match(r"[A-Z][A-Za-z .,/'-]+,", lines[2]), f"{rec['id']}: no dateline"
        assert 150 <= len(rec["text"].split()) <= 600, rec["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"]), rec["id"]
        assert normalise_date(rec["date"]) == rec["date"]
        assert rec.get("expect_no_events") is False


def test_every_code_is_a_cameo_code_written_as_a_string():
    known = {str(t["code"]) for t in cameo()["event_types"]}
    for rec, ev in events():
        assert isinstance(ev["code"], str), (rec["id"], ev)
        assert ev["code"] in known, (rec["id"], ev["code"])


@pytest.mark.parametrize("role", ["source", "target"])
def test_every_actor_code_is_one_the_dictionaries_compose(role):
    for rec, ev in events():
        code = ev[role]
        where = (rec["id"], role, code)
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code), where
        if code[:3] in ("IGO", "NGO", "MNC"):  # (a multinational is coded by its dictionary entry: Rio Tinto MNCGBR)
            assert code in dictionary_codes() or code in ("IGO", "NGO"), where
            continue
        assert code[:3] in countries(), where
        rest = [code[k : k + 3] for k in range(3, len(code), 3)]
        assert all(r in roles() for r in rest), where


def test_every_span_is_in_its_sentence_and_every_sentence_in_the_text():
    for rec, ev in events():
        sentence = ev["sentence"]
        assert isinstance(sentence, str) and sentence.strip() == sentence and sentence, (rec["id"], ev)
        assert sentence in rec["text"], (rec["id"], sentence[:60])
        assert isinstance(ev["trigger"], str) and ev["trigger"] in sentence, (rec["id"], ev["trigger"])
        assert isinstance(ev["source_text"], str) and ev["source_text"] in sentence, (rec["id"], ev["source_text"])
        assert ev["target_text"] is None or ev["target_text"] in sentence, (rec["id"], ev["target_text"])


def test_every_txt_is_its_record_text():
    files = {p.stem: p for p in (ARTICLES / "txt").glob("*.txt")}
    assert set(files) == {r["id"] for r in records()}
    for rec in records():
        assert files[rec["id"]].read_bytes().decode("utf-8") == rec["text"], rec["id"]


def test_the_product_reads_the_txt_files_with_the_same_text():
    from eventcoder.core.io.importers import read_txt

    for rec in records():
        (doc,) = read_txt(ARTICLES / "txt" / f"{rec['id']}.txt")
        assert doc.text == rec["text"], rec["id"]
        assert doc.title == rec["title"], rec["id"]
