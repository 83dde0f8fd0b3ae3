"""The rule coder on whole articles (the product's CAMEO coder): the dateline's date and country, actors across
the document, news idiom read as grammar, the calibrated confidence. Every text here was written for this test."""

from __future__ import annotations

import pytest

ARTICLE = (
    "Spain presses Portugal over river water\n"
    "\n"
    "LISBON, May 7, 2024 (Wire) - Spanish Foreign Minister Jose Manuel Albares met Portuguese officials on "
    "Tuesday to discuss the drought on the Tagus.\n"
    "\n"
    "Albares urged Portugal to halt the fighting between farmers and the water agency.\n"
    "\n"
    "He thanked Morocco for its support.\n"
    "\n"
    "Morocco and Algeria expressed concern over Spain's plans.\n"
    "\n"
    "Police fired tear gas at protesters near the parliament.\n"
)



def events(coded, sentence_with: str, text: str):
    out = set()
    for e in coded.events:
        if "negated" in e.flags:
            continue
        if sentence_with in text[e.sentence_start:e.sentence_end]:
            out.add((e.source_code, e.event_code, e.target_code))
    return out


def test_a_named_person_with_a_title_codes_later_mentions_and_pronouns(cameo_coder):
    coded = cameo_coder.code_text(ARTICLE)
    urged = events(coded, "Albares urged", ARTICLE)
    # the surname alone is the minister named with his title; the appeal takes its subcode from what it asks
    assert urged == {("ESPGOV", "0256", "PRT")}
    assert events(coded, "He thanked", ARTICLE) == {("ESPGOV", "051", "MAR")}  # "he" is the minister
    span = next(s for s in coded.spans if s.text == "He")
    assert span.code == "ESPGOV" and 'pronoun "He"' in span.evidence


def test_co_subjects_are_never_each_others_target(cameo_coder):
    coded = cameo_coder.code_text(ARTICLE)
    got = events(coded, "expressed concern", ARTICLE)
    assert ("MAR", "012", "DZA") not in got and ("DZA", "012", "MAR") not in got
    assert {("MAR", "012", "ESP"), ("DZA", "012", "ESP")} <= got


def test_a_role_without_a_country_takes_the_storys(cameo_coder):
    coded = cameo_coder.code_text(ARTICLE)
    police = next(s for s in coded.spans if s.text == "Police")
    assert police.code == "PRTCOP" and "the story's (PRT" in police.evidence


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey was ready to mediate between the two sides.", ("TUR", "039")),  # readiness: an intent, not 045
    ("France said it would impose sanctions on Russia.", ("FRA", "1312", "RUS")),  # a future hostile act: threat
    ("Ukraine shot down drones launched by Russia.", ("UKR", "190", "RUS")),  # the agent of the object
    ("North Korea threatened to shoot down U.S. spy planes.", ("PRK", "138")),  # a threat of force
    ("The Philippines summoned China's ambassador.", ("PHL", "114", "CHNGOV")),  # summoning an envoy: protest
    ("Russia attacked Kyiv with drones overnight.", ("RUS", "195", "UKR")),  # "with drones" is no object; 195: aerial
    ("Russia is opposed to any attempts by the US to shift forces.", ("RUS", "110", "USA")),  # copula + participle
    ("Russia witnessed attempts by the US to undermine the deal.", ("RUS", "112", "USA")),  # naming a hostile act
    ("The Russian side raised its concerns about NATO.", ("RUS", "012", "IGOWSTNAT")),  # concern, not 040
    ("Germany delivered weapons to Ukraine.", ("DEU", "072", "UKR")),  # news verb supplement
    ("Mayor Jane Roe told residents of Spain to stay in shelters.", ("---GOV", "020", "ESPCVL")),  # telling: appeal
])
def test_news_idiom(cameo_coder, text, expected):
    coder_was = cameo_coder.min_confidence
    cameo_coder.min_confidence = 0.0  # the idiom's reading, whatever its shown confidence
    try:
        coded = cameo_coder.code_text(text, "2024-05-07")
    finally:
        cameo_coder.min_confidence = coder_was
    got = {(e.source_code, e.event_code, e.target_code)[: len(expected)] for e in coded.events}
    assert expected in got, got


def test_the_datelines_date_is_the_story_date_when_none_is_given(cameo_coder):
    # the RSF is coded by date (actor supplement): Sudan's army before its war with it, a rebel force after
    before = "KHARTOUM, March 2, 2021 (Wire) - The RSF attacked a market in Darfur on Monday.\n"
    after = "KHARTOUM, March 2, 2024 (Wire) - The RSF attacked a market in Darfur on Monday.\n"
    assert {e.source_code for e in cameo_coder.code_text(before).events} == {"SDNMIL"}
    assert {e.source_code for e in cameo_coder.code_text(after).events} == {"SDNREB"}
    # a date given by the import wins over the dateline's
    assert {e.source_code for e in cameo_coder.code_text(after, "2021-03-02").events} == {"SDNMIL"}


def test_background_dates_and_agentless_passives_give_no_event(cameo_coder):
    coded = cameo_coder.code_text("Spain accused Portugal of spying in 2019.", "2024-05-07")
    assert not [e for e in coded.events if "negated" not in e.flags]
    coded = cameo_coder.code_text("Spain accused Portugal of spying on Monday.", "2024-05-07")
    assert {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events} == {("ESP", "11", "PRT")}
    coded = cameo_coder.code_text("Five protesters were shot dead in Lisbon.", "2024-05-07")
    assert not [e for e in coded.events if e.source_code is None]


def test_a_group_named_once_is_its_members(cameo_coder):
    text = ("ADDIS ABABA, May 7, 2024 (Wire) - Ethiopia and Eritrea signed a ceasefire on Monday.\n\n"
            "The African Union praised both sides for their courage.\n")
    coded = cameo_coder.code_text(text)
    got = events(coded, "praised both sides", text)
    assert {t for _s, _c, t in got} == {"ETH", "ERI"}


def test_confidence_is_calibrated_and_the_least_certain_are_not_suggested(cameo_coder):
    from eventcoder.core.suggest.confidence import signals

    assert cameo_coder.calibration is not None
    assert cameo_coder.min_confidence == cameo_coder.calibration.min_confidence  # chosen with the calibration
    shipped = cameo_coder.min_confidence
    try:
        cameo_coder.min_confidence = 0.0
        everything = cameo_coder.code_text(ARTICLE)
        floor = sorted(e.confidence for e in everything.events)[len(everything.events) // 2]  # drops some
        cameo_coder.min_confidence = floor
        kept = cameo_coder.code_text(ARTICLE)
    finally:
        cameo_coder.min_confidence = shipped
    assert kept.events and all(e.confidence >= floor for e in kept.events if "negated" not in e.flags)
    assert len(kept.events) < len(everything.events)
    coded = cameo_coder.code_text(ARTICLE)
    for e in coded.events:  # the shown confidence is the calibration's probability of the event's signals
        assert e.confidence == round(cameo_coder.calibration.probability(signals(e, coded)), 2)
    used = {i for e in coded.events for i in (e.trigger, e.source, e.target) if i is not None}
    assert all(k in used for k, s in enumerate(coded.spans) if s.layer == "trigger")  # no trigger left alone


def test_calibration_fits_separates_and_round_trips(tmp_path):
    import json

    from eventcoder.core.suggest.confidence import Calibration, fit, load_calibration, reliability

    samples = [(["bias", "pattern"], True)] * 40 + [(["bias", "pattern"], False)] * 10 + \
        [(["bias", "default"], True)] * 10 + [(["bias", "default"], False)] * 40
    cal = fit(samples, l2=0.01, steps=2000)
    assert cal.probability(["bias", "pattern"]) == pytest.approx(0.8, abs=0.05)
    assert cal.probability(["bias", "default"]) == pytest.approx(0.2, abs=0.05)
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(cal.to_dict()), encoding="utf-8")
    again = load_calibration(path)
    assert isinstance(again, Calibration) and again.weights == cal.weights
    assert load_calibration(tmp_path / "missing.json") is None
    rows = reliability([(cal.probability(s), y) for s, y in samples])
    assert sum(n for _lo, _hi, n, _m, _r in rows) == len(samples)
    assert [round(r, 1) for _lo, _hi, n, _m, r in rows if n] == [0.2, 0.8]


def test_only_an_answer_takes_its_target_from_the_document(cameo_coder):
    text = ("Spain and Portugal at odds over the Tagus\n\n"
            "MADRID, May 7, 2024 (Wire) - Spain accused Portugal on Tuesday of draining the Tagus river.\n\n"
            "Spanish Foreign Minister Jose Manuel Albares said the dispute had gone on too long.\n\n"
            "Spain has threatened to impose sanctions over the dam project.\n\n"
            "Portugal rejected the accusation.\n")
    coder_was = cameo_coder.min_confidence
    cameo_coder.min_confidence = 0.0  # the reading, whatever its shown confidence
    try:
        coded = cameo_coder.code_text(text)
    finally:
        cameo_coder.min_confidence = coder_was
    # the threat names no target: Spain's last act was against Portugal, but an act that answers no other is not
    # aimed at whoever the source dealt with last (right one time in three on the dev articles): not suggested
    assert not [e for e in coded.events if "threatened" in text[e.sentence_start:e.sentence_end]]
    # a rejection answers an act: its target is the author of the accusation, from the document
    answer = [e for e in coded.events if "rejected" in text[e.sentence_start:e.sentence_end]]
    assert [(e.source_code, e.event_code, e.target_code) for e in answer] == [("PRT", "016", "ESP")]
    e = answer[0]
    assert "context_target" in e.flags and e.target is None  # a code from the document, no span of its own
    assert "target from the document [ESP]" in e.evidence


def test_the_storys_other_party_when_no_act_names_one(cameo_coder):
    from eventcoder.core.model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
    from eventcoder.core.suggest.coder import _targets_from_context

    out = CodedDocument()
    out.spans = [SuggestedSpan(start=k, end=k + 1, text="x", layer=Layer.ACTOR.value, code=c, kind=None,
                               confidence=0.9, evidence="") for k, c in enumerate(["ESP", "PRTGOV", "PRT", "ESPGOV"])]
    out.events = [SuggestedEvent(event_code="051", source_code="ESPGOV", target_code=None, source=3, target=None,
                                 trigger=None, sentence_start=10, sentence_end=20, confidence=0.5, evidence="e")]
    _targets_from_context(out)
    e = out.events[0]
    assert e.target_code == "PRT" and "story_target" in e.flags  # the country the story names most besides ESP


@pytest.mark.parametrize(("text", "expected"), [
    ("China wants Japan to stop the provocations.", ("CHN", "02", "JPN")),  # wanting another to act: appeal
    ("Spain expects Portugal to release the detained fishermen.", ("ESP", "02", "PRT")),
    ("Kenyan police opened fire on protesters in Nairobi.", ("KEN", "17", "KEN")),  # firing on a crowd: 175
    ("Police in Peru fired live rounds at the crowd.", ("PER", "17", "---")),  # a lone sentence: no story country
])
def test_nested_wants_and_firing_on_crowds(cameo_coder, text, expected):
    coder_was = cameo_coder.min_confidence
    cameo_coder.min_confidence = 0.0
    try:
        coded = cameo_coder.code_text(text, "2024-05-07")
    finally:
        cameo_coder.min_confidence = coder_was
    got = {((e.source_code or "")[:3], e.event_code[:2], (e.target_code or "")[:3]) for e in coded.events}
    assert expected in got, got
    if expected[1] == "02":
        assert all(e.event_code[:2] != "03" for e in coded.events)  # not an intent of the subject's own


def test_a_lone_sentence_keeps_its_events_without_a_target(cameo_coder):
    # no document to find a missing target in: the act is suggested (ranked by its confidence), not dropped
    coded = cameo_coder.code_text("Supporters of Chile's opposition protested on Monday in the capital.", "2024-05-07")
    got = [e for e in coded.events if "negated" not in e.flags]
    assert any(e.event_code[:2] == "14" and (e.source_code or "").startswith("CHL") for e in got), got


def _reading(cameo_coder, text, date=None):
    """The coder's events on ``text`` whatever their shown confidence (the reading, not the ranking)."""
    coder_was = cameo_coder.min_confidence
    cameo_coder.min_confidence = 0.0
    try:
        return cameo_coder.code_text(text, date)
    finally:
        cameo_coder.min_confidence = coder_was


def test_a_venue_is_where_a_meeting_is_held_not_a_party_to_it(cameo_coder):
    coded = _reading(cameo_coder, "Chile and Peru agreed to resume negotiations in Caracas next month.", "2024-05-07")
    assert coded.events and all((e.target_code or "")[:3] != "VEN" for e in coded.events)
    # a protest or an exercise in a foreign country is aimed at it
    coded = _reading(cameo_coder, "Russia is conducting military exercises in Norway.", "2024-05-07")
    assert any(e.source_code == "RUS" and e.target_code == "NOR" for e in coded.events)


def test_names_across_the_document_surnames_and_family_names_first(cameo_coder):
    text = ("Xi meets Blinken in Beijing\n\n"
            "BEIJING, May 7, 2024 (Wire) - Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken "
            "on Tuesday.\n\n"
            "Armenian Prime Minister Nikol Pashinyan arrived in Paris on Tuesday.\n\n"
            "Pashinyan spoke by telephone with Russian President Vladimir Putin, French President Emmanuel Macron "
            "and German Chancellor Olaf Scholz.\n")
    coded = _reading(cameo_coder, text)
    xi = next(s for s in coded.spans if s.text == "Xi")  # the headline's "Xi": a family name that comes first
    assert xi.code == "CHNGOV"
    spoke = {(s, c, t[:3]) for s, c, t in events(coded, "Pashinyan spoke", text)}
    # the surname is the minister named before; a list of targets gives one event each and no reverse events
    assert {("ARMGOV", "041", "RUS"), ("ARMGOV", "041", "FRA"), ("ARMGOV", "041", "DEU")} <= spoke
    assert not {ev for ev in spoke if ev[0] != "ARMGOV"}


def test_a_neutral_report_of_an_attack_is_the_attack(cameo_coder):
    coded = _reading(cameo_coder, "Armenia's defence ministry said Azerbaijani forces had shelled Armenian positions.",
                           "2024-05-07")
    got = {((e.source_code or "")[:3], e.event_code[:2], (e.target_code or "")[:3]) for e in coded.events}
    assert ("AZE", "19", "ARM") in got and ("ARM", "11", "AZE") not in got
    # a claim is still an accusation (PETRARCH's transformation for claim-like verbs)
    text = "Armenia claimed that Azerbaijani forces had shelled Armenian positions."
    coded = _reading(cameo_coder, text, "2024-05-07")
    assert any((e.source_code or "")[:3] == "ARM" and e.event_code == "112" for e in coded.events)


def test_a_condemnation_is_aimed_at_the_last_hostile_act_never_at_a_co_subject(cameo_coder):
    text = ("SEOUL, May 7, 2024 (Wire) - North Korea fired a ballistic missile into the sea on Tuesday.\n\n"
            "\"We condemn this launch,\" South Korea's military said.\n\n"
            "South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida condemned the launch.\n")
    coded = _reading(cameo_coder, text)
    got = events(coded, "Kishida condemned", text)
    assert {(s[:3], t) for s, _c, t in got} >= {("KOR", "PRK"), ("JPN", "PRK")}
    assert all(t[:3] not in ("KOR", "JPN") for _s, _c, t in got)


def test_a_subject_group_is_the_pair_its_sentence_names(cameo_coder):
    text = ("India and Russia are on the same page on Afghanistan as both sides want the Taliban to deliver on "
            "their commitments, Lavrov said.")
    coded = _reading(cameo_coder, text, "2024-05-07")
    got = {((e.source_code or "")[:3], e.event_code[:2], (e.target_code or "")[:3]) for e in coded.events}
    assert {("IND", "02", "AFG"), ("RUS", "02", "AFG")} <= got, got


def test_rejections_members_named_agreements_and_misread_headline_verbs(cameo_coder):
    got = {(e.source_code, e.event_code, e.target_code)
           for e in _reading(cameo_coder, "China rejected the Philippine protest.", "2024-05-07").events}
    assert ("CHN", "120", "PHL") in got  # rejecting a protest: 120 (CAMEO's REFUSE block has no default)
    text = ("NAIROBI, May 7, 2024 (Wire) - Police fired tear gas at protesters on Tuesday.\n\n"
            "Several Western embassies, including those of France and Italy, urged the authorities to show "
            "restraint.\n")
    coded = _reading(cameo_coder, text)
    embassies = next(s for s in coded.spans if s.text.endswith("embassies"))
    assert embassies.code in ("FRAGOV", "ITAGOV") and "its members named" in embassies.evidence
    # co-subjects that agree act on each other, with no target named
    coded = _reading(cameo_coder, "Sudan and South Sudan agreed to a ceasefire.", "2024-05-07")
    pairs = {(e.source_code, e.target_code) for e in coded.events if e.event_code.startswith("03")}
    assert len(pairs) == 2 and all(s and t and s != t for s, t in pairs), pairs
    # "Bangladesh police arrest opposition leader": a noun with a direct object is a verb the tagger misread
    coded = _reading(cameo_coder, "Bangladesh police arrest opposition leader after deadly clashes", "2024-05-07")
    assert any(e.event_code == "173" and (e.source_code or "").startswith("BGD") for e in coded.events)


def test_a_group_word_with_a_guessed_country_is_the_group(cameo_coder):
    text = ("WASHINGTON, May 7, 2024 (Wire) - Chile accused Peru of spying on Tuesday.\n\n"
            "Peru denied the charge.\n\n"
            "Both governments agreed to hold talks between the two countries next week.\n")
    coded = _reading(cameo_coder, text)
    group = next(s for s in coded.spans if s.text == "Both governments")
    assert "group" in group.evidence and group.code in ("CHLGOV", "PERGOV")
    two = next(s for s in coded.spans if s.text == "the two countries")
    assert two.code in ("CHL", "PER")  # distinct countries, not two bodies of one


def test_against_names_the_target_and_its_wins_over_the_storys_country(cameo_coder):
    coded = _reading(cameo_coder, "Thousands of people rallied in Bamako against sanctions imposed by the Economic "
                           "Community of West African States.", "2024-05-07")
    assert {e.target_code for e in coded.events} == {"IGOWAFWAS"}  # the sanctions' author, not the city
    text = ("KYIV, May 7, 2024 (Wire) - Ukraine said Russia attacked Kyiv overnight.\n\n"
            "Ukrainian officials counted the damage on Tuesday.\n\n"
            "Russia's Defence Ministry said its forces had struck military facilities in Ukraine with drones.\n")
    coded = _reading(cameo_coder, text)
    forces = next(s for s in coded.spans if s.text == "forces")
    assert forces.code == "RUSMIL"  # "its" is Russia's, though the story's country is Ukraine


def test_confidence_signals_read_the_data_never_the_evidence_text():
    """How a code was found is read from the provenance and the spans' ``origin``; rewording the evidence
    (display text) changes no signal."""
    from eventcoder.core.model import CodedDocument, SuggestedEvent, SuggestedSpan
    from eventcoder.core.provenance import Provenance, RuleMatch
    from eventcoder.core.suggest.confidence import signals

    spans = [SuggestedSpan(0, 2, "he", code="AAAGOV", evidence="a group named earlier: the story's", origin="pronoun"),
             SuggestedSpan(3, 8, "fired", layer="trigger", code="190"),
             SuggestedSpan(9, 14, "rebels", code="BBBREB", evidence="pronoun", origin="group")]
    matched = Provenance(rules=RuleMatch(code="190", verb="FIRE", pattern="* ON")).to_dict()
    event = SuggestedEvent("190", "AAAGOV", "BBBREB", source=0, target=2, trigger=1, evidence="no match at all",
                           provenance=matched)
    found = signals(event, CodedDocument(spans=spans, events=[event]))
    assert "pattern" in found and "source=pronoun" in found and "target=group" in found
    assert not {"default", "source=group", "source=story", "source=name", "target=pronoun"} & set(found)
    event.provenance = Provenance(rules=RuleMatch(code="190", verb="FIRE")).to_dict()
    event.evidence = 'verb FIRE pattern "* ON" [190]'
    spans[0].origin = None
    found = signals(event, CodedDocument(spans=spans, events=[event]))
    assert "default" in found and "pattern" not in found and not any(s.startswith("source=p") for s in found)
