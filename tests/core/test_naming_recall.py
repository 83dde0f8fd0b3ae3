"""Verb-side recall rules (suggest/coder.py, polarity.py) on sentences written for these tests.

Naming someone with a negative word is criticism (111), with a positive one praise (051); a denial with a
that-clause is the speaker's own denial (016), not the act denied; "take" with an object that names an act is a light
verb (no seizure; "will take measures" threatens, 130); a protest lodged with a party is an official complaint to it
(114); calling a strike is the strike (143); an act reached through "responded by ..." is the subject's; a main
clause the parser hung on a parenthetical "the ministry said" is coded.
"""

from __future__ import annotations

from eventcoder.core.suggest import polarity


def events(coder, text: str) -> list[tuple[str | None, str, str | None]]:
    return [(e.source_code, e.event_code, e.target_code) for e in coder.code_text(text).events]


def test_polarity_of_words():
    assert polarity.valence("criminals") == -1  # VADER's lexicon
    assert polarity.valence("Dictator") == -1  # the news supplement, any case
    assert polarity.valence("sham") == -1
    assert polarity.valence("champion") == 1
    assert polarity.valence("partner") == 1
    assert polarity.valence("table") == 0
    assert polarity.phrase_valence(["dangerous", "partner"]) == -1  # one negative word makes it negative
    assert polarity.phrase_valence(["plan"]) == 0


def test_calling_someone_a_negative_word_is_criticism(cameo_coder):
    assert events(cameo_coder, "The French president called the Chilean leader a dictator on Monday.") == [
        ("FRAGOV", "111", "CHL")]
    evs = events(cameo_coder, "The French government branded the Chilean election a sham.")
    assert [e[1] for e in evs] == ["111"]


def test_describing_someone_as_a_positive_word_is_praise(cameo_coder):
    assert events(cameo_coder, "France's foreign minister described the Chilean prime minister as a reliable "
                               "partner.") == [("FRAGOV", "051", "CHLGOV")]


def test_a_neutral_head_takes_the_polarity_of_its_modifiers(cameo_coder):
    evs = events(cameo_coder, "The Chilean minister called the strike a political act by union leaders defending "
                              "failed policies.")
    assert [e[1] for e in evs] == ["111"]
    # a neutral name given to a strike is neither criticism nor the strike itself
    assert events(cameo_coder, "The Chilean minister called the strike a political act.") == []


def test_a_telephone_call_and_a_neutral_name_are_no_naming(cameo_coder):
    assert events(cameo_coder, "The French president called the Chilean ambassador on Monday.") == [
        ("FRAGOV", "041", "CHLGOV")]
    # an apposition after a comma names who the object is, it is no name given to it
    assert [e[1] for e in events(cameo_coder, "The French president called the Chilean leader, Gabriel Boric, "
                                              "on Monday.")] == ["041"]
    # a negated naming is no criticism
    assert "111" not in [e[1] for e in events(cameo_coder, "France did not call the Chilean vote a sham.")]


def test_responded_by_doing_is_the_subjects_act(cameo_coder):
    assert events(cameo_coder, "Chile responded by closing its border with Peru.") == [("CHL", "191", "PER")]
    assert events(cameo_coder, "The French president reacted by calling the Chilean leader a dictator.") == [
        ("FRAGOV", "111", "CHL")]


def test_a_denial_with_a_that_clause_is_the_speakers_denial(cameo_coder):
    evs = events(cameo_coder, "Peru accused Chile of shelling border villages. Chile denied that its troops had "
                              "crossed into Peru.")
    assert ("CHL", "016", "PER") in evs
    assert not any(e[1][:2] == "19" for e in evs)  # the denied crossing is not coded
    # not denied: the act is reported as before
    assert any(e[1][:2] == "19" for e in events(cameo_coder, "Chile did not deny that its troops had crossed "
                                                             "into Peru."))


def test_a_denial_keeps_the_speakers_coordinated_act(cameo_coder):
    evs = events(cameo_coder, "Chile's defence ministry denied that there had been any clashes and accused Peru "
                              "of spreading false reports.")
    assert [e[1] for e in evs if e[2] == "PER"][-1][:3] == "112"  # the accusation of Peru, by the speaker
    assert all(e[0] == "CHLGOV" for e in evs)


def test_take_with_an_act_noun_is_no_seizure(cameo_coder):
    assert events(cameo_coder, "Chile took steps to calm the dispute with Peru.") == []
    assert events(cameo_coder, "Chile took measures against Peruvian imports.") == []
    assert events(cameo_coder, "Chile will take action against Peru.") == [("CHL", "130", "PER")]
    # a place or people taken is still taken
    assert events(cameo_coder, "Chilean troops took the Peruvian town of Tacna.")[0][1][:2] == "19"
    assert events(cameo_coder, "Chilean police took the Peruvian activist into custody.")[0][1] == "173"


def test_a_protest_lodged_with_a_party_is_an_official_complaint(cameo_coder):
    assert events(cameo_coder, "Chile lodged a formal protest with the Peruvian government.") == [
        ("CHL", "114", "PERGOV")]
    assert events(cameo_coder, "Chile delivered a protest to Peru.") == [("CHL", "114", "PER")]
    # with no addressee it is the same complaint (its target, in an article, whoever did the act protested)
    assert events(cameo_coder, "Chile lodged a protest.") == [("CHL", "114", None)]


def test_calling_a_strike_is_a_strike(cameo_coder):
    assert events(cameo_coder, "The Chilean opposition called a nationwide strike on Monday.") == [
        ("CHLOPP", "143", None)]
    assert [e[1] for e in events(cameo_coder, "Chilean dockworkers joined the general strike.")] == ["143"]
    # air strikes announced are no labour strike; calling for air strikes is an appeal
    assert events(cameo_coder, "Chile announced air strikes on rebel camps.")[0][1] == "190"
    assert "143" not in [e[1] for e in events(cameo_coder, "Chilean unions called for air strikes on rebel camps.")]


def test_a_main_clause_hung_on_a_parenthetical_attribution(cameo_coder):
    evs = events(cameo_coder, "Peruvian troops fired on a Chilean patrol, the ministry said, and Chile lodged a "
                              "protest with Peru.")
    assert ("CHL", "114", "PER") in evs
    assert ("PERMIL", "190", "CHLMIL") in evs


def test_closing_a_border_with_no_pattern_matched(cameo_coder):
    assert events(cameo_coder, "France closed its members' borders with Chile.") == [("FRA", "191", "CHL")]


def test_a_crowd_that_gathers_demonstrates(cameo_coder):
    evs = events(cameo_coder, "Chilean protesters gathered outside the Peruvian embassy.")
    assert [(s, c[:3]) for s, c, _t in evs] == [("CHLOPP", "141")]
    assert "141" not in [e[1][:3] for e in events(cameo_coder, "Chilean and Peruvian ministers gathered in Lima.")]
