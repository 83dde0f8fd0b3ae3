"""A headline of two clauses is parsed and coded clause by clause (core/suggest/headlines.py and the coder's
_reparse_pieces, _headline_clause_targets). Every headline and article here was written for this test."""

from __future__ import annotations

import pytest

from eventcoder.core.document import segment
from eventcoder.core.suggest import coder as coder_module
from eventcoder.core.suggest import headlines


def article(headline: str, place: str = "GENEVA") -> str:
    return (f"{headline}\n\n{place}, May 4, 2026 (Wire) - Officials met on Monday to discuss the weather.\n\n"
            "The talks lasted two hours.\n\nNothing else was said.\n")


def headline_events(coded, headline: str) -> set[tuple]:
    return {(e.source_code, e.event_code[:2], e.target_code, coded.spans[e.trigger].text) for e in coded.events
            if e.sentence_start == 0 and e.trigger is not None and "negated" not in e.flags
            and coded.spans[e.trigger].end <= len(headline)}


@pytest.fixture
def switches():
    """Set the module's switches for one test, then put them back."""
    names = ("PIECES", "PLAIN_STAND_IN", "RELAXED_STAND_IN", "CLAUSE_TARGETS", "COORDINATED")
    kept = {n: getattr(headlines, n) for n in names}

    def set_all(on: bool) -> None:
        for n in names:
            setattr(headlines, n, on)

    yield set_all
    for n, v in kept.items():
        setattr(headlines, n, v)


def test_pieces_are_cut_at_semicolons_time_conjunctions_and_coordinated_verbs():
    words = "Peru tests rocket as Chile and Bolivia condemn launch".split()
    assert [(p.lo, p.hi, p.kind) for p in headlines.pieces(words)] == [(0, 3, ""), (4, 9, "as")]
    words = "Chad expels envoy ; Paris vows response".split()
    parts = headlines.pieces(words)
    assert [(p.lo, p.hi, p.joint, p.kind) for p in parts] == [(0, 3, None, ""), (4, 7, 3, ";")]
    words = "Ghana imposes sanctions on Togo , threatens force".split()
    assert len(headlines.pieces(words)) == 1  # a comma only where a verb is said to follow it
    assert [(p.lo, p.hi) for p in headlines.pieces(words, {5})] == [(0, 5), (6, 8)]
    # a conjunction with fewer than two words on one side is no cut; an undone cut joins the piece before
    assert len(headlines.pieces("Protests grow as".split())) == 1
    merged = headlines.merge(headlines.pieces("Lula named as mediator in row".split()), {1})
    assert [(p.lo, p.hi) for p in merged] == [(0, 6)]


def test_a_time_clause_the_model_misread_is_parsed_alone_and_joined_as_the_adverbial_clause(cameo_coder):
    headline = "Peru tests new rocket as Chile and Bolivia condemn launch"
    text = article(headline)
    doc = cameo_coder.nlp(text)
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    body = next(i for i, t in enumerate(doc) if t.text == "GENEVA")
    before = [(t.text, t.idx, t.tag_, t.dep_, t.head.i) for t in doc[body:]]
    cameo_coder._reparse_headline(doc, segment(text).headline)
    tok = {t.text: t for t in doc[:body]}
    assert tok["tests"].dep_ == "ROOT"
    assert (tok["condemn"].dep_, tok["condemn"].head.text, tok["condemn"].tag_) == ("advcl", "tests", "VBP")
    assert (tok["as"].dep_, tok["as"].head.text) == ("mark", "condemn")
    assert tok["Chile"].dep_ == "nsubj" and tok["Chile"].head.text == "condemn"
    assert doc.text == text and [(s.start_char, s.end_char) for s in doc.sents] == sents
    assert [(t.text, t.idx, t.tag_, t.dep_, t.head.i) for t in doc[body:]] == before  # the body is untouched
    clauses = doc.user_data[headlines.CLAUSES]
    assert [(text[a:b], kind) for a, b, kind in clauses] == [("Peru tests new rocket", ""),
                                                             ("Chile and Bolivia condemn launch", "as")]


def test_those_who_condemn_in_a_time_clause_condemn_the_main_clauses_actor(cameo_coder, switches):
    headline = "Peru tests new rocket as Chile and Bolivia condemn launch"
    evs = headline_events(cameo_coder.code_text(article(headline)), headline)
    assert ("CHL", "11", "PER", "condemn") in evs and ("BOL", "11", "PER", "condemn") in evs
    switches(False)  # the whole headline as the model parsed it: "condemn" was no verb
    evs = headline_events(cameo_coder.code_text(article(headline)), headline)
    assert not any(trigger == "condemn" for *_, trigger in evs)


def test_a_verb_after_a_comma_shares_the_subject_and_its_target(cameo_coder, switches, monkeypatch):
    headline = "Ghana imposes sanctions on Togo, threatens force over border raid"
    coded = cameo_coder.code_text(article(headline, "ACCRA"))
    evs = headline_events(coded, headline)
    assert ("GHA", "16", "TGO", "imposes") in evs
    assert ("GHA", "13", "TGO", "threatens") in evs  # no target of its own: the first verb's
    threat = next(e for e in coded.events if e.event_code[:2] == "13" and e.sentence_start == 0)
    assert "context_target" in threat.flags and "coordinated verb" in threat.evidence
    switches(False)
    # the article rule that a threat takes its speaker's earlier target in the sentence gives it too: off as well
    monkeypatch.setattr(coder_module, "THREAT_TAKES_PARTNER", False)
    evs = headline_events(cameo_coder.code_text(article(headline, "ACCRA")), headline)
    assert ("GHA", "13", "TGO", "threatens") not in evs


def test_a_states_protest_after_a_semicolon_is_aimed_at_the_first_clauses_subject(cameo_coder, switches):
    headline = "Iran's Revolutionary Guards stage drills near disputed island; Qatar protests"
    evs = headline_events(cameo_coder.code_text(article(headline, "DOHA")), headline)
    assert ("QAT", "11", "IRNMIL", "protests") in evs  # a state's protest is an official complaint (114)
    switches(False)  # a protest with no target: the protesters' own government, for a state no target at all
    evs = headline_events(cameo_coder.code_text(article(headline, "DOHA")), headline)
    assert ("QAT", "11", "IRNMIL", "protests") not in evs


def test_a_clause_after_a_semicolon_is_parsed_alone_with_its_misread_verb_stood_in_for(cameo_coder):
    headline = "Uganda issues arrest warrant for Congolese rebel leader; Kinshasa welcomes move"
    text = article(headline, "KAMPALA")
    doc = cameo_coder.nlp(text)
    assert doc[1].pos_ != "VERB"  # the model's own reading: "Uganda issues" a noun phrase, "arrest" the verb
    cameo_coder._reparse_headline(doc, segment(text).headline)
    issues = doc[1]
    assert (issues.text, issues.pos_, issues.lemma_, issues.dep_) == ("issues", "VERB", "issue", "ROOT")
    assert doc[0].dep_ == "nsubj" and doc[3].dep_ == "dobj" and doc[3].head.i == 1
    welcomes = next(t for t in doc if t.text == "welcomes")
    assert (welcomes.dep_, welcomes.head.i) == ("conj", 1)
    assert any(c.dep_ == "nsubj" and c.text == "Kinshasa" for c in welcomes.children)
    semicolon = next(t for t in doc if t.text == ";")
    assert (semicolon.dep_, semicolon.head.i) == ("punct", 1)


def test_a_conjunction_that_begins_no_clause_is_no_cut(cameo_coder, switches):
    headline = "Lula named as mediator in border row between Peru and Ecuador"
    text = article(headline)
    doc = cameo_coder.nlp(text)
    cameo_coder._reparse_headline(doc, segment(text).headline)
    assert headlines.CLAUSES not in doc.user_data
    switches(False)
    plain = cameo_coder.nlp(text)
    cameo_coder._reparse_headline(plain, segment(text).headline)
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in plain]


def test_clauses_the_model_already_read_keep_its_parse(cameo_coder):
    headline = "Kosovo blames Serbia after gunmen kill police officer"
    text = article(headline, "PRISTINA")
    doc = cameo_coder.nlp(text)
    words = len(headline.split())
    before = [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc[:words]]
    assert doc[5].dep_ == "advcl" and doc[5].head.i == 1  # "kill" already the adverbial clause of "blames"
    cameo_coder._reparse_headline(doc, segment(text).headline)
    assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc[:words]] == before
    assert len(doc.user_data[headlines.CLAUSES]) == 2


def test_a_rejection_after_a_semicolon_rejects_the_first_clauses_act(cameo_coder, switches):
    headline = "Ecowas issues ultimatum to junta; Niamey rejects demand"
    evs = headline_events(cameo_coder.code_text(article(headline, "NIAMEY")), headline)
    assert ("NER", "12", "IGOWAFWAS", "rejects") in evs  # no target named: the author of the act it answers
    switches(False)
    evs = headline_events(cameo_coder.code_text(article(headline, "NIAMEY")), headline)
    assert not any(trigger == "rejects" for *_, trigger in evs)


def test_the_lead_restated_takes_the_headline_actors_with_its_own_codes(cameo_coder, monkeypatch):
    monkeypatch.setattr(cameo_coder, "min_confidence", 0)  # the reading is the subject, not the threshold
    headline = "Guinea's president flees as Guinean army seizes power"
    text = (f"{headline}\n\nCONAKRY, May 4, 2026 (Wire) - Guinea's army seized power from the Guinean president on "
            "Monday, hours after he dissolved parliament.\n\nSoldiers were seen in the streets of the capital.\n\n"
            "The African Union called for calm.\n")
    evs = headline_events(cameo_coder.code_text(text), headline)
    assert ("GINMIL", "19", "GINGOV", "seizes") in evs  # the lead's army and president, not two actors of Guinea
    monkeypatch.setattr(headlines, "LEAD_FILLS", False)  # by country only: the first actor of Guinea is the source
    evs = headline_events(cameo_coder.code_text(text), headline)
    assert ("GINMIL", "19", "GINGOV", "seizes") not in evs


def test_a_verb_after_and_read_as_a_plural_noun_is_coordinated_but_a_plural_noun_is_not(cameo_coder):
    headline = "Xi signs trade pact with Cambodia and pledges aid on state visit"
    text = article(headline, "PHNOM PENH")
    evs = headline_events(cameo_coder.code_text(text), headline)
    assert ("CHNGOV", "03", "KHM", "pledges") in evs  # the pledge shares the subject and the target of "signs"
    doc = cameo_coder.nlp(text)
    cameo_coder._reparse_headline(doc, segment(text).headline)
    pledges = next(t for t in doc if t.text == "pledges")
    assert (pledges.pos_, pledges.dep_, pledges.head.text) == ("VERB", "conj", "signs")
    # "funds" before a preposition is the second thing sent, no verb
    text = article("Britain sends arms and funds to Ukraine for winter offensive", "LONDON")
    doc = cameo_coder.nlp(text)
    cameo_coder._reparse_headline(doc, segment(text).headline)
    assert headlines.CLAUSES not in doc.user_data
    assert next(t for t in doc if t.text == "funds").pos_ == "NOUN"
