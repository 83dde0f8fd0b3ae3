"""Where an event happened: the coder suggests a location span for it (core/suggest/places.py), saved on the event
and exported. Every article here is invented for these tests."""

import json

import pandas as pd

from eventcoder.cli import main
from eventcoder.core.model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
from eventcoder.core.suggest.run import merge_parts

VELMORA = """Arnoria police disperse rally in capital

VELMORA, March 3 (Wire) - Police in Arnoria fired tear gas at thousands of opposition supporters on Tuesday, and \
the interior minister accused the opposition of planning a coup.

Protesters later gathered outside the French embassy in Velmora and demanded the release of their leaders.

In a statement, the French foreign ministry condemned the violence and urged Arnoria to respect the right to protest.
"""

BORDER = """Kenya and Somalia agree to reopen border crossing

NAIROBI, May 12 (Wire) - Kenya and Somalia agreed on Monday to reopen their main border crossing, after talks \
between their foreign ministers in Mombasa.

Kenyan troops arrested 12 suspected militants near Mandera last week, a military spokesman said.

Somalia's foreign minister told reporters in Mogadishu that Ethiopia had attacked Somali villages.
"""

SHOALS = """China and Philippines trade accusations after collision

MANILA, Aug 4 (Wire) - A Chinese coast guard ship rammed a Philippine supply boat near Second Thomas Shoal on \
Sunday, the Philippine military said.

Chinese vessels also fired water cannon at a Philippine patrol ship off Scarborough Shoal.

Philippine President Ferdinand Marcos met Japanese Prime Minister Fumio Kishida in Tokyo on Thursday.
"""

PALACE = """JAKARTA, Oct 9 (Wire) - Indonesia's president hosted Malaysia's prime minister at the presidential palace \
in Bogor on Wednesday.

Russian drones struck Kyiv overnight, Ukrainian officials said.

Thai troops clashed with Cambodian soldiers along the border on Friday.
"""

# the hand-made location gold: (article, trigger word, where the event happened -- or the places that are each
# right, a city and its country; None: the text names no place)
GOLD = [
    (VELMORA, "fired", ("VELMORA", "Arnoria")),  # police in Arnoria (a country), the dateline's city (its capital)
    (VELMORA, "accused", "VELMORA"),
    (VELMORA, "gathered", "Velmora"),  # outside the embassy in Velmora: the embassy's place
    (BORDER, "reopen", "Mombasa"),  # agreed at the talks in Mombasa (headline and lead; the dateline says Nairobi)
    (BORDER, "arrested", "Mandera"),
    (BORDER, "attacked", None),  # where the minister said it (Mogadishu) is not where the attack was
    (SHOALS, "rammed", "Second Thomas Shoal"),
    (SHOALS, "fired", "Scarborough Shoal"),
    (SHOALS, "met", "Tokyo"),
    (PALACE, "hosted", "Bogor"),  # the palace in Bogor
    (PALACE, "clashed", None),  # "the border" names no place
]


def _locations(coded: CodedDocument) -> dict[str, set[str | None]]:
    """Trigger text -> the locations of its events (the span's text, one per sentence the trigger is in),
    checking each is a location span."""
    out: dict[str, set[str | None]] = {}
    for e in coded.events:
        loc = None
        if e.location is not None:
            span = coded.spans[e.location]
            assert span.layer == Layer.LOCATION.value
            loc = span.text
        out.setdefault(coded.spans[e.trigger].text, set()).add(loc)
    return out


def _code(coder, text, date="2026-03-03"):
    """Every event the rules find, whatever its confidence: their places are under test here, not the threshold
    below which an article's event is not suggested (a calibration refit moves it)."""
    if not hasattr(coder, "min_confidence"):  # a mapped coder (PLOVER): its own threshold
        return next(iter(coder.code_texts([(text, date)])))
    kept = coder.min_confidence
    coder.min_confidence = 0.0
    try:
        return next(iter(coder.code_texts([(text, date)])))
    finally:
        coder.min_confidence = kept


def test_locations_against_a_hand_made_gold(cameo_coder):
    found = {text: _locations(_code(cameo_coder, text)) for text in {t for t, _, _ in GOLD}}
    right = []
    for text, trigger, where in GOLD:
        got = found[text].get(trigger)
        assert got is not None, f"no event on {trigger!r}"
        right.append(len(got) == 1 and next(iter(got)) in (where if isinstance(where, tuple) else (where,)))
    # one miss: the agreement (headline and lead) takes the dateline's city; the talks' place hangs from "between
    # their foreign ministers", a phrase of another preposition, which the coder does not read as the act's place
    assert sum(right) >= len(GOLD) - 1, list(zip([g[1] for g in GOLD], right, strict=True))
    assert found[BORDER]["reopen"] == {"NAIROBI"}
    assert found[SHOALS]["rammed"] == {"Second Thomas Shoal"} and found[BORDER]["arrested"] == {"Mandera"}


def test_a_place_that_is_the_events_actor_is_not_its_location(cameo_coder):
    coded = _code(cameo_coder, PALACE)
    struck = [e for e in coded.events if coded.spans[e.trigger].text == "struck"]
    assert struck and all(e.target_code and e.target_code.startswith("UKR") for e in struck)
    assert all(e.location is None for e in struck)  # Kyiv is coded as the target: not also the place


def test_a_phrase_about_something_else_or_reported_speech_is_not_the_acts_place(cameo_coder):
    for text in ("Kenya criticised Somalia over the treatment of prisoners in Kismayo.",
                 "Kenya condemned Somalia's attack on its embassy in Kampala."):
        coded = _code(cameo_coder, text)
        assert coded.events and all(e.location is None for e in coded.events), text
    # the same act where the town is its place: located (so the two above are not located for another reason)
    coded = _code(cameo_coder, "Kenya criticised Somalia in Kismayo on Monday.")
    assert {coded.spans[e.location].text for e in coded.events if e.location is not None} == {"Kismayo"}
    coded = _code(cameo_coder, BORDER)
    attack = [e for e in coded.events if coded.spans[e.trigger].text == "attacked"]
    assert attack and all(e.location is None for e in attack)  # said in Mogadishu; the attack was elsewhere


def test_the_acting_sides_place_and_where_a_statement_was_made(cameo_coder):
    coded = _code(cameo_coder, "The Kenyan ambassador in London condemned Somalia's attack on the convoy.")
    assert _locations(coded)["condemned"] == {"London"}
    coded = _code(cameo_coder, '"Kenya urges Somalia to withdraw its troops," the spokesman told a news briefing in '
                               'Nairobi.')
    assert _locations(coded)["urges"] == {"Nairobi"}


def test_the_dateline_is_the_place_of_the_lead_only(cameo_coder):
    text = ("Arnoria expels French diplomats\n\nVELMORA, March 3 (Wire) - Arnorian police fired tear gas at "
            "opposition supporters on Tuesday.\n\nArnoria's president later accused Kenya of interfering in the "
            "election.\n")
    coded = _code(cameo_coder, text)
    where = _locations(coded)
    assert where["fired"] == {"VELMORA"} and where["accused"] == {None}
    dateline = next(s for s in coded.spans if s.layer == Layer.LOCATION.value)
    assert text[dateline.start:dateline.end] == "VELMORA"


def test_locations_survive_the_plover_mapping_and_unused_ones_go(cameo_coder):
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    coded = _code(rules_coder(load_scheme("plover")), SHOALS)
    assert _locations(coded)["met"] == {"Tokyo"} and _locations(coded)["rammed"] == {"Second Thomas Shoal"}
    used = {e.location for e in coded.events}
    assert all(k in used for k, s in enumerate(coded.spans) if s.layer == Layer.LOCATION.value)


def test_parts_of_a_long_document_keep_their_locations():
    part = CodedDocument(
        spans=[SuggestedSpan(0, 5, "fired", layer=Layer.TRIGGER.value, code="175"),
               SuggestedSpan(9, 15, "Goma", layer=Layer.LOCATION.value)],
        events=[SuggestedEvent("175", trigger=0, location=1, sentence_start=0, sentence_end=20)],
    )
    first = CodedDocument(spans=[SuggestedSpan(0, 4, "Mali", code="MLI")])
    merged = merge_parts([(0, first), (100, part)])
    assert merged.events[0].location == 2 and merged.spans[2].start == 109


def test_the_location_is_saved_and_exported(tmp_path, monkeypatch, capsys):
    db = tmp_path / "places.db"
    monkeypatch.setenv("EVENTCODER_DB", str(db))
    article = tmp_path / "shoals.txt"
    article.write_text(SHOALS, encoding="utf-8")
    assert main(["import", str(article)]) == 0
    assert main(["code"]) == 0
    assert main(["export", "--format", "csv", "--status", "all", "--out", str(tmp_path / "out.csv")]) == 0
    df = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    by_trigger = dict(zip(df["trigger_text"], df["location"], strict=True))
    assert by_trigger["rammed"] == "Second Thomas Shoal" and by_trigger["met"] == "Tokyo"
    assert main(["export", "--format", "jsonl", "--status", "all", "--out", str(tmp_path / "out.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "Tokyo" in json.dumps(rows)
    assert main(["export", "--format", "brat", "--status", "all", "--out", str(tmp_path / "brat")]) == 0
    ann = next((tmp_path / "brat").glob("*.ann")).read_text(encoding="utf-8")
    loc_ids = {line.split("\t")[0] for line in ann.splitlines()
               if line.startswith("T") and line.split("\t")[1].startswith("Location") and line.endswith("Tokyo")}
    assert loc_ids and any(f"Location:{t}" in line for line in ann.splitlines() for t in loc_ids)
    assert main(["export", "--format", "spacy", "--status", "all", "--out", str(tmp_path / "out.spacy")]) == 0
    import spacy
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab))
    assert "Second Thomas Shoal" in {s.text for s in docs[0].spans["locations"]}
    capsys.readouterr()


def test_locations_never_change_the_events(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import places

    with_places = _code(cameo_coder, BORDER)
    monkeypatch.setattr(places, "LOCATIONS", False)
    without = _code(cameo_coder, BORDER)
    assert [(e.event_code, e.source_code, e.target_code, e.sentence_start, e.confidence) for e in with_places.events] \
        == [(e.event_code, e.source_code, e.target_code, e.sentence_start, e.confidence) for e in without.events]
    assert any(e.location is not None for e in with_places.events)
    assert all(e.location is None for e in without.events)
    assert not any(s.layer == Layer.LOCATION.value for s in without.spans)
