"""Recall rules of the event coder (suggest/coder.py) on sentences written for these tests.

A verb whose block has no default code and whose patterns nearly all give one root codes an object no pattern
lists as that root's act; a light verb's act is named by its object noun (a nominalisation through its verb);
in a scheme coded through the CAMEO mapping "agreed to X" is an agreement; a main clause that names no one who
acted hands over to its adverbial clause.
"""

from __future__ import annotations

import pytest

from eventcoder.core.suggest import lexicon


@pytest.fixture(scope="module")
def plover():
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    return rules_coder(load_scheme("plover"))


def events(coder, text: str) -> list[tuple[str | None, str, str | None, tuple[str, ...]]]:
    out = coder.code_text(text)
    return [(e.source_code, e.event_code, e.target_code, tuple(e.flags or ())) for e in out.events]


def test_verb_stems_of_nominalisations():
    assert lexicon.verb_stems("INVESTIGATION")[0] == "INVESTIGATE"
    assert "SUSPEND" in lexicon.verb_stems("SUSPENSION")
    assert lexicon.verb_stems("DEPLOYMENT") == ("DEPLOY",)
    assert "WITHDRAW" in lexicon.verb_stems("WITHDRAWAL")
    assert "DEPORT" in lexicon.verb_stems("DEPORTATION")
    assert lexicon.verb_stems("TALK") == ()  # no suffix: nothing to derive


def test_block_root_codes_an_object_no_pattern_lists(cameo_coder):
    # LIFT has no default; nearly all its patterns (sanctions, a ban, a curfew, a blockade) are 08x yielding
    evs = events(cameo_coder, "France lifted its travel advisory for Chile.")
    assert [(s, c, t) for s, c, t, _f in evs] == [("FRA", "080", "CHL")]
    assert "class" in evs[0][3]


def test_block_root_needs_an_object(cameo_coder):
    # without an object there is nothing the block's patterns could be about: no event from the verb class
    assert not [e for e in events(cameo_coder, "France lifted quietly on Monday.") if "class" in e[3]]


def test_light_verb_takes_the_nouns_act(cameo_coder):
    evs = events(cameo_coder, "Egypt held several meetings with Sudan in Cairo.")
    assert ("EGY", "040", "SDN") in {(s, c, t) for s, c, t, _f in evs}
    assert any("light" in f for *_x, f in evs)


def test_light_verb_with_a_nominalisation(cameo_coder):
    # DEPORTATION names DEPORT's act (174); launching or beginning it is doing it
    for verb in ("launched", "began"):
        evs = events(cameo_coder, f"Peru {verb} the deportation of Chilean workers.")
        assert ("PER", "174") in {(s, c) for s, c, _t, _f in evs}, verb


def test_agreed_to_is_an_agreement_in_plover_not_in_cameo(cameo_coder, plover):
    text = "Chile agreed to lift its fishing ban on Peru."
    # CAMEO (PETRARCH's convention): the act agreed to, flagged as an intent
    assert ("CHL", "081", "PER", ("intent",)) in events(cameo_coder, text)
    # PLOVER: agreeing to cooperate is AGREE
    assert {c for _s, c, _t, _f in events(plover, text)} == {"AGREE"}


def test_agentless_main_clause_hands_over_to_its_adverbial_clause(cameo_coder):
    evs = events(cameo_coder, "Three villagers were killed when Burmese troops shelled the village.")
    assert ("MMRMIL", "194") in {(s, c) for s, c, _t, _f in evs}  # shelling: 194 (subcodes)


def test_background_main_clause_keeps_its_adverbial_clause_out(cameo_coder):
    # the main clause is dated before the story: its clauses are background too
    text = "Three villagers were killed in 2012 when Burmese troops shelled the village."
    assert not [e for e in cameo_coder.code_text(text, "2024-05-01").events if e.event_code[:2] in ("18", "19", "20")]
    # the same sentence of the story's days is coded
    text = "Three villagers were killed on Monday when Burmese troops shelled the village."
    coded = cameo_coder.code_text(text, "2024-05-01")
    assert ("MMRMIL", "194") in {(e.source_code, e.event_code) for e in coded.events}  # shelling: 194


def test_agreed_to_an_uncoded_act_is_an_agreement_in_plover(cameo_coder, plover):
    text = "Chile agreed to open its ports to Peruvian ships."
    # the block default of AGREE is support (050); agreeing to act is an agreement in PLOVER
    assert {c for _s, c, _t, _f in events(plover, text)} == {"AGREE"}
    assert {c for _s, c, _t, _f in events(cameo_coder, text)} == {"050"}  # CAMEO keeps its dictionary's default


def test_refusing_an_uncoded_act_is_a_rejection(cameo_coder):
    evs = events(cameo_coder, "Israel refused to respond to a request from Egypt.")
    assert ("ISR", "120", "EGY") in {(s, c, t) for s, c, t, _f in evs}
    # "will not" + an act on something is a refusal; without a modal it is only negated
    evs = events(cameo_coder, "Hungary will not accept the asylum seekers from Greece.")
    assert ("HUN", "120") in {(s, c) for s, c, _t, _f in evs}
    assert not [e for e in events(cameo_coder, "Hungary did not accept the asylum seekers from Greece.")
                if "negated" not in e[3]]
    # nothing acted on: no refusal
    assert not events(cameo_coder, "Hungary will not succeed.")


def test_coordinated_clause_with_its_own_subject_is_a_main_clause(cameo_coder):
    # "warned" has no object and no pattern of its own, but it has its own subject: a clause of its own
    evs = events(cameo_coder, "Chile condemned the raid, and Bolivia warned that it would respond.")
    assert ("CHL", "111") in {(s, c) for s, c, _t, _f in evs}
    assert ("BOL", "130") in {(s, c) for s, c, _t, _f in evs}


def test_second_verb_hung_on_a_reported_clause_of_a_thing_is_the_speakers(cameo_coder):
    # the parser hangs "praised" on "had been"; the vote praises no one: the speakers did
    text = "Peruvian officials said the vote had been calm and praised Chile's electoral commission."
    evs = events(cameo_coder, text)
    assert ("PER", "051", "CHLGOV") in {((s or "")[:3], c, t) for s, c, t, _f in evs}
    assert not [e for e in evs if "reported" in e[3] and e[1] == "051"]  # the speakers' own act, not a report
    # a reported clause whose subject acts keeps its own source
    text = "Peruvian officials said the vote had been calm and Chilean troops had attacked the border."
    evs = events(cameo_coder, text)
    assert ("PER", "190") not in {((s or "")[:3], c) for s, c, _t, _f in evs}


def test_demanding_takes_the_demand_family(cameo_coder):
    # CAMEO's DEMAND block lists URGE's pattern "* TALKS" [026]; demanding talks is a demand, and the scheme's
    # list numbers a demand to meet 108 (the PETRARCH verbs file's 106 is the scheme's "Demand withdrawal")
    demanded = events(cameo_coder, "Chile demanded talks with Peru.")
    assert ("CHL", "108", "PER") in {(s, c, t) for s, c, t, _f in demanded}
    assert ("CHL", "026", "PER") in {(s, c, t) for s, c, t, _f in events(cameo_coder, "Chile urged talks with Peru.")}


def test_receiving_a_visitor_is_hosting_a_visit(cameo_coder):
    text = "The Chilean president received the Peruvian foreign minister in Santiago."
    assert ("CHLGOV", "043", "PERGOV") in {(s, c, t) for s, c, t, _f in events(cameo_coder, text)}
    # aid or refugees received are no visitors
    for text in ("Chile received aid from Peru.", "Peru received 200 refugees from Chile."):
        assert not [e for e in events(cameo_coder, text) if e[1][:2] == "04"], text


def test_a_verb_misparsed_as_a_modifier_is_still_a_clause(cameo_coder):
    # the parser makes "hosted" an adjective of "President": its subject and the noun it hangs on are its parties
    text = "Chilean President Ana Rojas hosted President Luis Soto and Bolivian leader Juan Mamani at the ceremony."
    assert ("CHLGOV", "043", "BOLGOV") in {(s, c, t) for s, c, t, _f in events(cameo_coder, text)}


def test_readiness_for_an_act_a_noun_names_is_its_intent(cameo_coder):
    for text in ("Chile remained open to dialogue with Peru.", "Bolivia says ready for talks with Peru."):
        evs = events(cameo_coder, text)
        assert [(c, t) for _s, c, t, _f in evs] == [("036", "PER")], text
        assert "intent" in evs[0][3]
    # readiness for nothing the dictionary knows is no event
    assert not events(cameo_coder, "Chile remained ready for the winter.")


def test_news_verbs_sanction_and_sent_congratulations(cameo_coder):
    assert ("USA", "163", "PERBUS") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "The United States sanctioned a Peruvian company.")}
    assert ("FRA", "051", "CHL") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "France sent its congratulations to Chile.")}


def test_force_used_by_a_crowd_is_a_violent_protest(cameo_coder):
    evs = events(cameo_coder, "Peruvian protesters threw stones at Chilean police.")
    assert ("PEROPP", "145", "CHLCOP") in {(s, c, t) for s, c, t, _f in evs}
    # troops attacking are no riot, nor are a crowd's missiles
    assert ("PERMIL", "190", "CHLGOV") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "Peruvian troops attacked the Chilean embassy.")}
    assert "145" not in {c for _s, c, _t, _f in events(
        cameo_coder, "Peruvian demonstrators launched missiles at the Chilean government.")}


def test_dispersing_people_is_repression(cameo_coder):
    evs = events(cameo_coder, "Chilean police dispersed Peruvian protesters with tear gas.")
    assert ("CHLCOP", "175", "PEROPP") in {(s, c, t) for s, c, t, _f in evs}
    assert not events(cameo_coder, "The rain dispersed the fog over Lima.")


ARTICLE = ("LIMA, May 3, 2024 (Wire) - Peruvian police fired tear gas at a crowd after Chilean protesters threw stones "
           "at officers near the border. The interior ministry said the clashes lasted two hours. Chile said it was "
           "studying the reports.")


def test_in_an_article_a_time_clause_with_its_own_actor_is_an_event(cameo_coder, monkeypatch):
    monkeypatch.setattr(cameo_coder, "min_confidence", 0)  # the reading is the subject, not the threshold
    coded = cameo_coder.code_text(ARTICLE)
    pairs = {(e.source_code, e.event_code) for e in coded.events}
    assert ("PERCOP", "175") in pairs  # the main clause
    assert ("CHLOPP", "145") in pairs  # and the act of the "after" clause
    # a lone sentence keeps to its main act
    lone = cameo_coder.code_text(ARTICLE.split(" The interior")[0].split("(Wire) - ")[1])
    assert ("CHLOPP", "145") not in {(e.source_code, e.event_code) for e in lone.events}


def test_coordinated_verb_whose_complement_acts_on_someone_is_a_clause(cameo_coder):
    # "vowed" has no object of its own, but the act it vows ("crack down on them") does
    evs = events(cameo_coder, "Chile described the smugglers as criminals and vowed to crack down on them.")
    assert ("CHL", "137") in {(s, c) for s, c, _t, _f in evs}
    # a vow acting on nothing stays part of the first clause
    assert {c for _s, c, _t, _f in events(cameo_coder, "Chile praised the deal and vowed to respond.")} == {"051"}


def test_warning_of_what_could_happen_is_a_threat(cameo_coder):
    assert ("CHL", "138", "PER") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "Chile warned that it could attack Peru.")}
    assert ("CHL", "1312", "PER") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "Chile warned Peru that it might impose sanctions.")}


def test_news_verbs_use_force_and_propose_sanctions(cameo_coder):
    # using force is 190; under "will" it is a threat of force (138)
    assert ("CHL", "138", "PER") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "Chile will use force against Peru.")}
    assert ("CHL", "1312", "PER") in {(s, c, t) for s, c, t, _f in events(
        cameo_coder, "Chile is preparing new sanctions against Peru.")}
    # proposing something else keeps its own code
    assert "1312" not in {c for _s, c, _t, _f in events(cameo_coder, "Chile proposed a peace plan to Peru.")}


def test_coordinated_verb_of_a_reported_clause_is_reported_too(cameo_coder):
    evs = events(cameo_coder, "Peru said Chile deeply regretted the incident and rejected the accusations of Bolivia.")
    assert ("CHL", "016", "BOL") in {(s, c, t) for s, c, t, _f in evs}
    # a base-form verb hung on the reported clause is no clause of its own ("for helping militants join a group")
    text = ("A Chilean court has jailed a Peruvian student for helping young militants join an armed group, his lawyer "
            "said.")
    assert {c[:2] for _s, c, _t, _f in events(cameo_coder, text)} == {"17"}


def test_a_clause_before_a_semicolon_is_a_sentence_of_its_own(cameo_coder):
    # the parser makes the first clause what "vows" says; it is a headline's first sentence
    evs = events(cameo_coder, "Chile doubles tariffs on Peruvian copper; Lima vows response")
    assert ("CHL", "163", "PER") in {(s, c, t) for s, c, t, _f in evs}


def test_news_verbs_raising_tariffs(cameo_coder):
    for verb in ("hiked", "increased", "quadrupled"):
        evs = events(cameo_coder, f"Chile {verb} tariffs on Peruvian copper.")
        assert ("CHL", "163", "PER") in {(s, c, t) for s, c, t, _f in evs}, verb
