"""Rejecting another's allegations, account or charges is a denial (CAMEO 016, the article conventions), as rejecting
the singular accusation already was; rejecting a demand or a request stays a rejection (120). The supplement's
CLAIMS_REJECTED block (coding_schemes/dictionaries/EventCoder.news.verbs.txt). Sentences written for these tests.
"""

from __future__ import annotations

from coding_checks import events_with_blocks as coded


def triples(coder, text: str) -> set[tuple]:
    return {(s, c, t) for s, c, t, _b in coded(coder, text)}


def test_rejecting_allegations_or_an_account_is_a_denial(cameo_coder):
    evs = triples(cameo_coder, "Moscow rejected Ukrainian allegations that its troops had shelled the village.")
    assert ("RUSGOV", "016", "UKR") in evs, evs
    evs = triples(cameo_coder, "The Iranian foreign ministry rejected the Israeli account of the clash.")
    assert ("IRNGOV", "016", "ISR") in evs, evs


def test_rejecting_a_demand_stays_a_rejection(cameo_coder):
    codes = {c for _s, c, _t in triples(cameo_coder, "Peru rejected a Chilean demand to reopen the border talks.")}
    assert codes and all(c[:2] == "12" for c in codes), codes


def test_dismissing_a_speech_is_a_rejection_not_a_dismissal_from_office(cameo_coder):
    codes = {c for _s, c, _t in triples(cameo_coder, "Norway dismissed the Russian minister's speech as propaganda.")}
    assert codes and all(c[:2] == "12" for c in codes), codes
