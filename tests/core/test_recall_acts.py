"""More reported acts found by the event coder (suggest/coder.py and the news verbs supplement), on sentences and
articles written for these tests.

A court's verdict is CAMEO's "find guilty or liable" (116); endorsing a proposal or welcoming a decision is praise
or endorsement (051); an appeal asks for every act of its to-infinitive, the coordinated ones too; in an article
"before (after) doing" is a second act of the main clause's subject, and so is a coordinated
clause whose subject is "he" or "she"; a coordinated clause that names no one hands over to its adverbial clause;
renewing an appeal is the appeal; of two dictionary entries that cover as much,
the later dictionary set's (the project's supplement) wins. The supplement's news verbs: rounding up, handing over and
letting free people, a vessel bumping another, martial law and a state of siege.
"""

from __future__ import annotations

FILLER = "A day of tension in the south\n\nIt was a cold morning in the capital. Rain fell on the city.\n\n"


def events(coder, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(text).events}


def codes(coder, text: str) -> set[str]:
    return {c for _s, c, _t in events(coder, text)}


def test_a_court_verdict_is_finding_guilty(cameo_coder):
    assert ("CHLJUD", "116", "PERCRM") in events(cameo_coder, "The Chilean judge convicted the Peruvian smuggler.")
    assert ("CHLJUD", "116", "PERCRM") in events(
        cameo_coder, "A Chilean court found the Peruvian smuggler guilty of fraud.")
    assert "116" in codes(cameo_coder, "Chile's Supreme Court ruled the government's mining plan unlawful.")
    assert "116" in codes(cameo_coder, "Chile's Constitutional Court struck down the Peruvian treaty.")


def test_a_verdict_of_innocence_is_no_finding_of_guilt(cameo_coder):
    found = codes(cameo_coder, "A Chilean court found the Peruvian smuggler not guilty.")
    assert "116" not in found and "080" in found
    # finding something else keeps CAMEO's reading
    assert "116" not in codes(cameo_coder, "Chilean police found the Peruvian smuggler in a hotel.")


def test_endorsing_or_welcoming_is_praise(cameo_coder):
    for text in ("Chile backed the Peruvian proposal.", "Chile welcomed the Peruvian decision.",
                 "Chile praised the Peruvian offer.", "Chile expressed support for the Peruvian proposal."):
        assert ("CHL", "051", "PER") in events(cameo_coder, text), text
    # CAMEO's own patterns stay where the supplement says nothing ("welcomed the invitation" to meet)
    assert "051" not in codes(cameo_coder, "Chile welcomed the Peruvian invitation.")


def test_an_appeal_asks_for_each_act_of_its_infinitive(cameo_coder):
    evs = events(cameo_coder, "Chile urged Peru to withdraw its troops and hold talks with Bolivia.")
    assert {("CHL", "0256", "PER"), ("CHL", "026", "PER")} <= evs
    # a list of acts asked for, the parser hanging the middle one on "urged": an appeal for each, no act of Chile's
    evs = events(cameo_coder, "Chile urged Peru to withdraw its troops, release the prisoners and hold talks with "
                 "Bolivia.")
    assert {c for s, c, t in evs if (s, t) == ("CHL", "PER")} == {"0256", "0253", "026"}
    assert all(c[:2] == "02" for _s, c, _t in evs)
    # one's own list of acts stays one's own
    assert ("CHL", "0841", "PER") in events(cameo_coder, "Chile decided to withdraw its troops, release the Peruvian "
                                              "prisoners and hold talks with Bolivia.")
    # one act asked for: one appeal
    assert codes(cameo_coder, "Chile urged Peru to release the prisoners.") == {"0253"}
    # a coordinated verb with a subject of its own is no second act asked for
    assert "026" not in codes(cameo_coder, "Chile urged Peru to withdraw its troops and Bolivia held talks.")


def test_before_or_after_doing_is_the_subjects_second_act_in_an_article(cameo_coder):
    evs = events(cameo_coder, FILLER + "Chilean police fired tear gas at the protesters before arresting a Peruvian "
                 "activist.")
    assert ("CHLCOP", "173", "PEROPP") in evs
    assert ("CHLCOP", "190", "PER") in events(cameo_coder, FILLER + "Chilean police arrested the Peruvian activist "
                                              "after raiding his office in Lima.")
    # a bare participle tells the main act's result: one event
    evs = events(cameo_coder, FILLER + "Chilean troops shelled the border town, killing three Peruvian soldiers.")
    assert {c for _s, c, _t in evs} == {"194"}
    # a verb of saying in the participle is left to the reporting rules; protesters' demand is their protest's cause
    was, cameo_coder.min_confidence = cameo_coder.min_confidence, 0.0  # the rules' reading (0.39 here)
    try:
        assert codes(cameo_coder, FILLER + "Chilean police fired tear gas at the protesters, saying they had blocked "
                     "the road.") == {"175"}
    finally:
        cameo_coder.min_confidence = was
    assert not {c[:2] for c in codes(cameo_coder, FILLER + "Thousands of Chilean students marched in Santiago, "
                                     "demanding that the government reject the Peruvian treaty.")} & {"02", "10"}


def test_he_or_she_of_a_coordinated_clause_is_the_first_clauses_subject(cameo_coder):
    evs = events(cameo_coder, FILLER + "The Chilean minister accused Peru of escorting migrants, and she warned Lima.")
    assert ("CHLGOV", "130", "PERGOV") in evs
    # "they" names no one person: left to the coreference
    evs = events(cameo_coder, FILLER + "The Chilean minister accused Peru of escorting migrants, and they warned "
                 "Lima.")
    assert "130" not in {c for _s, c, _t in evs}


def test_renewing_an_appeal_is_the_appeal(cameo_coder):
    for verb in ("renewed", "reiterated"):
        evs = events(cameo_coder, f"Chile {verb} its appeal to the United States for more weapons.")
        assert ("CHL", "USA") in {(s, t) for s, c, t in evs if c[:2] == "02"}, verb


def test_news_verbs_rounding_up_and_handing_over_people(cameo_coder):
    assert ("CHLCOP", "173") in {(s, c) for s, c, _t in events(
        cameo_coder, "Chilean police rounded up hundreds of Peruvian migrants.")}
    assert ("CHL", "0841", "PER") in events(cameo_coder, "Chile handed the prisoners over to Peru.")
    # handing over things is no release of people, and no other act guessed
    assert not codes(cameo_coder, "Chile handed over the documents to Peru.")


def test_letting_people_free_releases_them(cameo_coder):
    assert ("CHL", "0841", "PER") in events(cameo_coder, "Chile let free some 70 Peruvian prisoners.")


def test_martial_law_or_a_state_of_siege_is_a_state_of_emergency(cameo_coder):
    for text in ("Chile declared martial law.", "Chile imposed martial law in the north.",
                 "Chile declared a state of siege in the northern provinces.",
                 "Chile imposed a state of emergency in the north."):
        assert codes(cameo_coder, text) == {"1724"}, text
    assert codes(cameo_coder, "Chile imposed a curfew in Arica.") == {"1723"}  # CAMEO's own pattern stands


def test_a_vessel_bumping_another_rams_it(cameo_coder):
    assert ("CHNMIL", "190", "PHL") in events(cameo_coder, "A Chinese coast guard vessel bumped a Philippine supply "
                                              "boat.")
    assert not codes(cameo_coder, "The Chinese minister bumped into his Philippine counterpart at the summit.")


def test_a_coordinated_clause_naming_no_one_hands_over_to_its_adverbial_clause(cameo_coder):
    text = FILLER + ("Buses ran reduced services in Lima, and hundreds of flights were cancelled after Peruvian "
                     "aviation unions joined the stoppage.")
    assert ("PERLAB", "143") in {(s, c) for s, c, _t in events(cameo_coder, text)}


def test_the_switches_turn_the_rules_off(cameo_coder):
    was = cameo_coder._recall_off
    try:
        cameo_coder._recall_off = frozenset({"appeal_conj", "participle_acts", "later_set", "pronoun_conj", "renew",
                                             "conj_advcl", "bare_conj"})
        assert "143" not in codes(cameo_coder, FILLER + "Buses ran reduced services in Lima, and hundreds of flights "
                                  "were cancelled after Peruvian aviation unions joined the stoppage.")
        assert not codes(cameo_coder, "Chile renewed its appeal to the United States for more weapons.")
        assert "130" not in codes(cameo_coder, FILLER + "The Chilean minister accused Peru of escorting migrants, and "
                                  "she warned Lima.")
        assert "026" not in codes(cameo_coder, "Chile urged Peru to withdraw its troops and hold talks with Bolivia.")
        assert "173" not in codes(cameo_coder, FILLER + "Chilean police fired tear gas at the protesters before "
                                  "arresting a Peruvian activist.")
        # without the later set winning a tie, CAMEO's own pattern ("welcome decision" 052) stands
        assert codes(cameo_coder, "Chile welcomed the Peruvian decision.") == {"052"}
    finally:
        cameo_coder._recall_off = was


def test_concern_at_a_hostile_act_stays_concern(cameo_coder):
    # the article conventions: "expressed or raised concern 012"; regret at another's attack is concern, not an
    # accusation (112), though the attack is a hostile act of another's
    assert events(cameo_coder, "Spain deeply regretted Morocco's attacks on the border posts.") == {
        ("ESP", "012", "MAR")}
    # a plain statement naming another's hostile act is still an accusation of it
    assert ("RUS", "112", "USA") in events(cameo_coder, "Russia witnessed attempts by the US to undermine the deal.")
