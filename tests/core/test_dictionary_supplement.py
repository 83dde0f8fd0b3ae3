"""The project's own dictionary supplement (coding_schemes/dictionaries/EventCoder.*) against the Phoenix files it
supplements: which entry wins for the same words (a later dictionary set over an earlier one, the first entry
within a set, the longest phrase first), that no supplement line is shadowed, its dated codes, and the coder on
sentences written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.core import dictionaries as D
from eventcoder.core.pipeline import rules_coder
from eventcoder.core.schemes import load_scheme


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_dictionary_sets_and_their_layers():
    assert D.dictionary_set("dir/Phoenix.Countries.actors.txt") == "PHOENIX"
    assert D.dictionary_set("EventCoder.news.agents.txt") == "EVENTCODER"
    paths = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "EventCoder.news.actors.txt",
             "Phoenix.MilNonState.actors.txt", "actors_inline.txt"]
    assert D.file_layers(paths) == [0, 0, 1, 0, 2]


def test_a_later_set_wins_for_the_same_words_and_the_first_entry_within_a_set(tmp_path):
    base1 = write(tmp_path, "Base.one.actors.txt", "GREY_HAVENS_ [ARN]\nWHITE_TOWER_ [GON]\n")
    base2 = write(tmp_path, "Base.two.actors.txt", "GREY_HAVENS_ [ROH]\nWHITE_TOWER_ [ROHMIL]\nWHITE_ [ROH]\n")
    mine = write(tmp_path, "Mine.extra.actors.txt", "WHITE_TOWER_ [GONGOV]\n+THE_TOWER_\nWHITE_TOWER_GUARD_ [X]\n")
    d = D.parse_actors([base1, base2, mine])
    assert d.lookup("grey havens").resolve() == ["ARN"]  # one set: its first file's entry
    assert d.lookup("white tower").resolve() == ["GONGOV"]  # a later set overrides, synonyms too
    assert d.lookup("white tower").file == "Mine.extra.actors.txt"
    assert d.lookup("the tower").resolve() == ["GONGOV"]
    assert d.lookup("white").resolve() == ["ROH"]  # words only the earlier set has keep its entry
    toks = ("WHITE", "TOWER", "GUARD", "SAID")
    assert d.index.match_at(toks, 0)[0] == 3  # the longest phrase still wins over every layer
    # the order of the sets decides: listed first, the supplement loses
    assert D.parse_actors([mine, base1, base2]).lookup("white tower").resolve() == ["GON"]


def test_agents_follow_the_same_precedence(tmp_path):
    base = write(tmp_path, "Base.agents.txt", "HERALD [~MED]\nHERALD [~GOV]\nSCRIBE [~EDU]\n")
    mine = write(tmp_path, "Mine.agents.txt", "HERALD [~CVL]\n")
    g = D.parse_agents([base, mine])
    assert g.lookup("herald").code == "CVL"
    assert g.lookup("heralds").code == "CVL"  # the plural too
    assert g.lookup("scribe").code == "EDU"
    assert D.parse_agents([base]).lookup("herald").code == "MED"  # within a file the first entry


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def _supplement_entries(kind: str, scheme) -> tuple[object, list]:
    paths = [Path(p) for p in scheme.dictionaries[kind]]
    mine = [p for p in paths if p.name.startswith("EventCoder.")]
    assert mine, f"the CAMEO scheme lists no EventCoder {kind} supplement"
    loader = D.parse_actors if kind == "actors" else D.parse_agents
    return loader(paths), loader(mine).entries


@pytest.mark.parametrize("kind", ["actors", "agents"])
def test_no_supplement_line_is_shadowed_by_phoenix(cameo, kind):
    merged, own = _supplement_entries(kind, cameo)
    assert own
    for entry in own:
        hit = merged.lookup(entry.name.rstrip("_"))
        assert hit is not None and hit.file.startswith("EventCoder."), (entry.name, hit)


def test_supplement_dates_and_codes(cameo):
    merged, _ = _supplement_entries("actors", cameo)
    taliban = merged.lookup("Taliban")
    assert taliban.resolve("2019-02-01") == ["AFGREB"]
    assert taliban.resolve("2021-08-14") == ["AFGREB"]
    assert taliban.resolve("2021-08-15") == ["AFGGOV"]
    assert taliban.resolve(None) == ["AFGGOV"]
    hasina = merged.lookup("Sheikh Hasina")
    assert hasina.resolve("2023-11-01") == ["BGDGOV"]
    assert hasina.resolve("2024-08-05") == ["BGDGOV"]
    assert hasina.resolve("2024-08-06") == ["BGDELI"]
    assert hasina.resolve("2005-03-01") == ["BGDOPP"]
    assert merged.lookup("Hasina").resolve("2025-02-01") == ["BGDELI"]
    # ECOWAS under both its names, as Phoenix codes the full name
    assert merged.lookup("ECOWAS").resolve() == merged.lookup("Economic Community of West African States").resolve()
    assert merged.lookup("ECOWAS").resolve() == ["IGOWAFWAS"]
    assert merged.lookup("UNIFIL").resolve() == ["IGOUNO"]
    assert merged.lookup("International Organization for Migration").resolve() == ["IGO"]
    assert merged.lookup("international organisations").resolve() == ["IGO"]
    agents, _ = _supplement_entries("agents", cameo)
    for word in ("unions", "trade union", "labour federation", "union leaders"):
        assert agents.lookup(word).code == "LAB", word
    assert agents.lookup("union") is None  # a word of many names (European Union): never an agent alone
    assert agents.lookup("security forces").code == "COP"  # Phoenix's reading stays where the supplement is silent


@pytest.fixture(scope="module")
def coder(cameo):
    c = rules_coder(cameo)
    c.min_confidence = 0.0
    return c


@pytest.mark.parametrize("text, date, source", [
    ("The Taliban condemned the new sanctions imposed by Norway.", "2023-03-02", "AFGGOV"),
    ("The Taliban attacked a police post near the Pakistani border.", "2010-06-01", "AFGREB"),
    ("ECOWAS condemned the military rulers of Guinea.", "2021-09-10", "IGOWAFWAS"),
    ("UNIFIL protested to the Israeli army over the shelling of its base.", "2024-10-11", "IGOUNO"),
    ("The International Organization for Migration urged Libya to free the detained migrants.", "2023-04-04", "IGO"),
    ("Sheikh Hasina accused the opposition of planning violence in Dhaka.", "2023-10-30", "BGDGOV"),
    ("Sheikh Hasina accused the interim government of persecuting her party.", "2025-01-20", "BGDELI"),
    ("Chilean unions accused the government of breaking its promises.", "2024-05-02", "CHLLAB"),
    ("Chile's largest labour federation accused the government of breaking its promises.", "2024-05-02", "CHLLAB"),
])
def test_the_coder_codes_supplement_actors(coder, text, date, source):
    got = [(e.source_code, e.event_code, e.target_code) for e in coder.code_text(text, date).events]
    assert any(s == source for s, _, _ in got), got
