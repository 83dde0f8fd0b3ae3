"""The event coder on small sentences with the real spaCy model and PETRARCH dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.core.model import CodedDocument

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[2]
VALIDATE = {
    "verbs": [DATA / "PETR.Validate.verbs.txt"],
    "actors": [DATA / "PETR.Validate.actors.txt"],
    "agents": [DATA / "PETR.Validate.agents.txt"],
    "discards": [DATA / "PETR.Validate.discards.txt"],
}


def _cameo_dir() -> Path | None:
    shared = REPO.parent / "shared" / "reference" / "petrarch_dictionaries"
    for cand in (REPO / "coding_schemes" / "dictionaries", shared):
        if (cand / "CAMEO.2.0.txt").is_file() and (cand / "Phoenix.Countries.actors.txt").is_file():
            return cand
    return None



@pytest.fixture(scope="session")
def nlp():
    from eventcoder.core.errors import ModelMissing
    from eventcoder.core.suggest.nlp import load_model

    try:
        return load_model()
    except ModelMissing as exc:  # pragma: no cover - the model is a dependency
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def coder(nlp):
    from eventcoder.core.suggest.coder import EventCoder

    return EventCoder.from_files(**VALIDATE, nlp=nlp)


@pytest.fixture(scope="session")
def cameo(nlp):
    from eventcoder.core.suggest.coder import EventCoder

    d = _cameo_dir()
    if d is None:
        pytest.skip("CAMEO/Phoenix dictionaries not available")
    return EventCoder.from_files(
        verbs=[d / "CAMEO.2.0.txt"],
        actors=[d / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")],
        agents=[d / "Phoenix.agents.txt"],
        discards=[d / "Phoenix.discards.txt"],
        nlp=nlp,
    )


def triples(doc: CodedDocument, *, all_flags: bool = False) -> set[tuple]:
    return {
        (e.source_code, e.event_code, e.target_code)
        for e in doc.events
        if all_flags or "negated" not in e.flags
    }


def check_spans(text: str, doc: CodedDocument) -> None:
    for s in doc.spans:
        assert text[s.start : s.end] == s.text
    for e in doc.events:
        assert isinstance(e.event_code, str)
        for idx in (e.source, e.target, e.trigger):
            assert idx is None or 0 <= idx < len(doc.spans)
        assert doc.spans[e.trigger].layer == "trigger"
        assert doc.spans[e.trigger].code == e.event_code
        assert e.evidence and e.confidence is not None


def test_simple_pattern_and_evidence(coder):
    text = "Arnor is about to restore full diplomatic ties with Gondor."
    doc = coder.code_text(text, "19950101")
    check_spans(text, doc)
    assert triples(doc) == {("ARN", "064", "GON")}
    ev = doc.events[0]
    assert 'pattern "* DIPLOMATIC"' in ev.evidence and "[064]" in ev.evidence
    assert doc.spans[ev.trigger].text == "restore"


def test_synset_pattern_most_specific_first(coder):
    doc = coder.code_text("Arnor will contribute a million austrian gold florin to Gondor.", "19950101")
    assert triples(doc) == {("ARN", "904", "GON")}
    doc = coder.code_text("Arnor will contribute a million dollars to Gondor.", "19950101")
    assert triples(doc) == {("ARN", "903", "GON")}


def test_passive_voice(coder):
    text = "Gondor was attacked by Mordor."
    doc = coder.code_text(text, "19950101")
    check_spans(text, doc)
    assert triples(doc) == {("MOR", "223", "GON")}
    assert "passive" in doc.events[0].flags


def test_compound_actors(coder):
    doc = coder.code_text("Gondor and Osgiliath welcomed a resumption of diplomatic ties with Arnor.", "19950101")
    assert triples(doc) == {("GON", "041", "ARN"), ("OSG", "041", "ARN")}
    doc = coder.code_text("Osgiliath welcomed the resumption of ties with Mordor, Rohan and Bree.", "19950101")
    assert triples(doc) == {("OSG", "041", "MOR"), ("OSG", "041", "ROH"), ("OSG", "041", "BRE")}


def test_reported_speech_no_event_for_said(coder):
    doc = coder.code_text("Arnor said Gondor attacked Mordor.", "19950101")
    assert triples(doc) == {("GON", "223", "MOR")}
    assert "reported" in doc.events[0].flags
    doc = coder.code_text("A senior official said on Saturday that the weather was fine.", "19950101")
    assert doc.events == []


def test_negation_is_flagged(coder):
    doc = coder.code_text("Arnor did not attack Gondor.", "19950101")
    assert triples(doc) == set()
    flagged = [e for e in doc.events if "negated" in e.flags]
    assert flagged and flagged[0].confidence < 0.5


def test_discards(coder):
    doc = coder.code_text("Arnor is about to restore baseball competition with Gondor.", "19950101")
    assert doc.events == [] and doc.discarded is None
    assert any(s.code == "ARN" for s in doc.spans)  # actors are still suggested
    doc = coder.code_text("A typhoon hit Arnor. Arnor attacked Gondor.", "19950101")
    assert doc.discarded == "TYPHOON" and doc.events == []


def test_date_limited_codes(coder):
    assert triples(coder.code_text("Sam Gamgee attacked Gondor.", "20000101")) == {("HOBCIV", "223", "GON")}
    assert triples(coder.code_text("Sam Gamgee attacked Gondor.", "2010-06-01")) == {("HOBMIL", "223", "GON")}
    assert triples(coder.code_text("Sam Gamgee attacked Gondor.", "20140101")) == {("HOBELI", "223", "GON")}


def test_agent_composition(coder):
    assert triples(coder.code_text("Arnor foreign minister urged Gondor to respond.", "19950101")) == {
        ("ARNGOVFRM", "102", "GON")
    }
    assert triples(coder.code_text("Soldiers from Gondor attacked Mordor.", "19950101")) == {("GONMIL", "223", "MOR")}
    assert triples(coder.code_text("Gondor's government attacked Mordor.", "19950101")) == {("GONGOV", "223", "MOR")}
    doc = coder.code_text("An MSF Arnor diplomat is about to restore full diplomatic ties with Gondor.", "19950101")
    assert triples(doc) == {("NGOARNGOV", "064", "GON")}


def test_multiword_verbs(coder):
    doc = coder.code_text("Soldiers from Gondor have cordoned off the roads leading into Mordor.", "19950101")
    assert {c for _s, c, _t in triples(doc)} == {"1721"}
    assert doc.spans[doc.events[0].trigger].text == "cordoned off"


def test_uncoded_ner_actor(coder):
    text = "Gondor attacked the headquarters of Microsoft in Paris."
    doc = coder.code_text(text, "19950101")
    check_spans(text, doc)
    unknown = [s for s in doc.spans if s.layer == "actor" and s.code is None]
    assert {s.text for s in unknown} >= {"Paris"}
    assert all(s.kind == "unknown" for s in unknown)


def test_code_texts_batches(coder):
    items = [("Gondor was attacked by Mordor.", "19950101"), ("Nothing happened here.", None)] * 3
    docs = list(coder.code_texts(items))
    assert len(docs) == 6
    assert triples(docs[0]) == {("MOR", "223", "GON")} and docs[1].events == []


def test_dateline_is_stripped(coder):
    doc = coder.code_text("GONDOR: -- Mordor attacked Rohan on Thursday.", "19950101")
    assert triples(doc) == {("MOR", "223", "ROH")}


def test_cameo_reported_claim_is_accusation(cameo):
    doc = cameo.code_text("The US claimed that ISIL had attacked Iraq.", "20150101")
    assert ("USA", "112", "IMGMUSISI") in triples(doc)
    # a trailing attribution sources the report; it is not a claim
    doc = cameo.code_text("Syrian rebels attacked Filipino peacekeepers, military officials said.", "20150101")
    assert {c[:2] for _s, c, _t in triples(doc)} <= {"18", "19", "20"}


def test_cameo_seed_article(cameo):
    seed = next((REPO.parent / "shared" / "seeds").glob("*.txt"), None) if (REPO.parent / "shared").is_dir() else None
    if seed is None:
        pytest.skip("seed article not available")
    text = seed.read_text(encoding="utf-8")
    doc = cameo.code_text(text, "2021-12-06")
    check_spans(text, doc)
    events = [e for e in doc.events if "negated" not in e.flags]
    found = {(e.source_code, e.event_code[:2]) for e in events}
    # the US threat of sanctions "on the S-400 deal" names no target in its sentence (the deal's parties are in
    # earlier ones): not suggested with a target guessed from the document's last act (it was Russia; the analyst
    # codes India)
    assert not any(e.source_code == "USA" and e.event_code[:2] == "13" and (e.target_code or "")[:3] == "RUS"
                   for e in events)
    assert any(s == "IND" or s == "RUS" for s, r in found if r in ("03", "05", "06"))  # India-Russia agreement
    assert any(s and s.startswith("RUS") for s, _r in found)  # Russian concern about AUKUS
    said = sum(1 for t in ("said", "added", "told") for _ in [0] if t)
    assert said
    # not an event for every "said": far fewer events than sentences
    assert len(events) <= len(doc.sentences)


def test_inline_dictionaries_from_scheme(nlp, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from eventcoder.core.suggest.coder import EventCoder

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    scheme = SimpleNamespace(
        name="mini",
        dictionaries={"verbs": VALIDATE["verbs"]},
        inline_dictionaries={"actors": ["ZORBLAND [ZRB]", "QUUXIA [QUX]"]},
        actor_kind=lambda code: "country",
    )
    c = EventCoder.from_scheme(scheme, nlp=nlp)
    assert triples(c.code_text("Zorbland attacked Quuxia.", "20200101")) == {("ZRB", "223", "QUX")}


def test_hostile_inputs_do_not_crash(coder):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = ["Arnor", "Gondor", "attacked", "said", "not", ",", ".", ":", "--", " ", "\n", "\t", "\u00e9",
              "\u201c", "\u201d", "'", '"', "(", ")"]
    alphabet = st.sampled_from(pieces)
    texts = st.lists(alphabet, max_size=40).map("".join)

    @settings(max_examples=25, deadline=None)
    @given(texts)
    def run(text):
        doc = coder.code_text(text, None)
        check_spans(text, doc)

    run()
    for text in ("", "   ", "\n\n", ":", "GONDOR:", "A" * 5000):
        check_spans(text, coder.code_text(text, "19950101"))


def test_cameo_complement_chains(cameo):
    # CAMEO convention: agreeing to an act is coded as the act
    doc = cameo.code_text("Obama has agreed to lift the sanctions on Iran.", "20150101")
    assert any(e.event_code.startswith("08") and "intent" in e.flags for e in doc.events)
    # a threat stays a threat
    doc = cameo.code_text("The US has threatened to impose sanctions on Iran.", "20150101")
    assert {e.event_code[:2] for e in doc.events} == {"13"}
    # refusing to act is a refusal, not the act
    doc = cameo.code_text("Germany has refused to send peacekeepers to Iraq.", "20150101")
    assert {e.event_code[:2] for e in doc.events if "negated" not in e.flags} <= {"12"}
    # transformation line: "a (b . ATTACK) WANT = a b 021"
    doc = cameo.code_text("Obama wants Putin to attack Switzerland.", "20150101")
    assert triples(doc) == {("USAGOV", "021", "RUSGOV")}


def test_cameo_modal_negation_is_refusal(cameo):
    doc = cameo.code_text("Obama said he would not provide support to Israel.", "20150101")
    assert {(s, c[:2], t) for s, c, t in triples(doc)} == {("USAGOV", "12", "ISR")}
    assert "refusal" in doc.events[0].flags


def test_cameo_nominal_event(cameo):
    doc = cameo.code_text("We witnessed attempts on the part of the US to undermine this cooperation.", "20211206")
    nominal = [e for e in doc.events if "nominal" in e.flags]
    assert nominal and nominal[0].source_code == "USA" and nominal[0].confidence < 0.5
    assert 'noun "attempts"' in nominal[0].evidence


def test_symmetric_code_gives_one_event_for_one_pair(coder):
    """MEET [031:031]: "A will meet B" is one event A->B; a coordinated side keeps PETRARCH's reverse events."""
    doc = coder.code_text("Arnor will meet Gondor.", "19950101")
    assert triples(doc) == {("ARN", "031", "GON")}
    doc = coder.code_text("Arnor will meet Gondor and Rohan leaders.", "19950101")
    assert triples(doc) == {("ARN", "031", "GON"), ("ARN", "031", "ROH"), ("GON", "031", "ARN"), ("ROH", "031", "ARN")}
    assert all(("reverse" in e.flags) == (e.source_code != "ARN") for e in doc.events)
    doc = coder.code_text("Arnor and Gondor will meet Rohan.", "19950101")
    assert triples(doc) == {("ARN", "031", "ROH"), ("GON", "031", "ROH"), ("ROH", "031", "ARN"), ("ROH", "031", "GON")}
    doc = coder.code_text("Arnor and Gondor met.", "19950101")  # coordinated actors act on each other
    assert triples(doc) == {("ARN", "031", "GON"), ("GON", "031", "ARN")}


def test_cameo_paired_codes(cameo):
    # HOLD "* TALKS" [046:046]: one event for one pair
    text = "Russian President Vladimir Putin held talks with Chinese President Xi Jinping."
    doc = cameo.code_text(text, "2019-06-05")
    assert [(e.source_code[:3], e.event_code, e.target_code[:3]) for e in doc.events] == [("RUS", "046", "CHN")]
    # a reverse code of its own ([175:145]: the crowd's riot) is still given, flagged
    doc = cameo.code_text("Syrian forces clash with Tunisian rioters in the Egyptian square", "2019-06-05")
    assert {(s[:3], c, t[:3]) for s, c, t in triples(doc)} == {("SYR", "175", "TUN"), ("TUN", "145", "SYR")}
    assert [e.flags for e in doc.events if e.event_code == "145"] == [("reverse",)]
    # but a visit is the visitor's act alone ([042:043]; the article conventions, as petr2_gsr_ud codes visits):
    # the host's act is coded where the text tells it
    doc = cameo.code_text("Putin concluded a visit to China.", "2019-06-05")
    assert {(s[:3], c, t) for s, c, t in triples(doc)} == {("RUS", "042", "CHN")}
