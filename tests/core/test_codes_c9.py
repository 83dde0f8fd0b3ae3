"""Readings found on the dev articles (session of 4 Dec 2026, afternoon): an act held back until or unless another
party acts is a demand on it or an ultimatum; bare "officers" are the force the document named last, else the
story's police. Sentences written for these tests."""

from __future__ import annotations

from coding_checks import triples


def test_an_act_held_back_until_another_acts_is_a_demand_on_it(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import coder as C

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Cameroon keeps pipeline shut\n\n"
            "YAOUNDE, May 3, 2024 (Wire) - Cameroon's foreign minister said his government would keep the "
            "valves shut until N'Djamena paid its debts.\n")
    got = triples(cameo_coder, text, "2024-05-03")
    assert any(s.startswith("CMR") and c == "1042" and t.startswith("TCD") for s, c, t in got), got
    text2 = ("Russia sets condition on grain deal\n\n"
             "MOSCOW, May 3, 2023 (Wire) - Russia would walk out of the arrangement in July unless the United "
             "States and Britain lifted curbs on its exports, a deputy foreign minister said.\n")
    got2 = triples(cameo_coder, text2, "2023-05-03")
    assert {t for s, c, t in got2 if s == "RUS" and c == "139"} >= {"USA", "GBR"}, got2
    # a state awaited is no demand on anyone; nor is an act that merely lasted until another's
    for quiet in ("Washington would not rest until the reporter was home, the minister said.",
                  "The fighting went on until the army withdrew."):
        text3 = f"Fighting in the north\n\nNAIROBI, May 3, 2023 (Wire) - {quiet}\n"
        assert not any(c in ("1042", "139") for _s, c, _t in triples(cameo_coder, text3, "2023-05-03")), quiet
    monkeypatch.setattr(C, "ULTIMATUMS", False)
    off = triples(cameo_coder, text, "2024-05-03")
    assert not any(c == "1042" for _s, c, _t in off), off


def test_bare_officers_are_the_force_named_last(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import coref

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Riots in Harare\n\n"
            "HARARE, May 15, 2024 (Wire) - Police said officers had arrested more than 200 protesters.\n")
    got = triples(cameo_coder, text, "2024-05-15")
    assert ("ZWECOP", "173", "ZWEOPP") in got, got
    # the army named before: its officers
    text2 = ("Mutiny in the north\n\n"
             "HARARE, May 15, 2024 (Wire) - The army sealed off the town, and officers detained three journalists.\n")
    got2 = triples(cameo_coder, text2, "2024-05-15")
    assert any(s == "ZWEMIL" and c == "173" for s, c, _t in got2), got2
    monkeypatch.setattr(coref, "BARE_OFFICERS", False)
    off = triples(cameo_coder, text, "2024-05-15")
    assert not any(c == "173" for _s, c, _t in off), off


def test_people_by_age_kinship_or_standing_are_civilians(cameo_coder, monkeypatch):
    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Raid on border villages\n\n"
            "NAIROBI, May 3, 2024 (Wire) - Kenyan elders accused Ethiopia of arming the raiders.\n\n"
            "Pensioners marched on parliament in Nairobi on Friday.\n")
    got = triples(cameo_coder, text, "2024-05-03")
    assert ("KENCVL", "112", "ETH") in got, got
    assert any(s == "KENCVL" and c.startswith("14") for s, c, _t in got), got


def test_news_verbs_of_seizing_boarding_swapping_and_slamming(cameo_coder, monkeypatch):
    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Kenya grounds cargo plane\n\n"
            "NAIROBI, May 15, 2024 (Wire) - Kenyan authorities grounded a Russian-registered cargo plane.\n\n"
            "Indonesian sailors boarded two Vietnamese fishing boats.\n\n"
            "Russia and Ukraine swapped prisoners on Tuesday.\n\n"
            "Kenya's foreign minister slammed Ethiopia's decision.\n\n"
            "The president boarded a plane to Paris.\n")
    got = triples(cameo_coder, text, "2024-05-15")
    assert ("KENGOV", "171", "RUS") in got, got
    assert ("IDN", "170", "VNM") in got, got
    assert {("RUS", "0841", "UKR"), ("UKR", "0841", "RUS")} <= got, got
    assert ("KENGOV", "111", "ETH") in got, got
    assert not any(t.startswith("FRA") for _s, _c, t in got), got  # boarding a plane is travel


def test_a_role_word_coordinated_with_a_modifier_is_a_co_subject(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import actors

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Peace deal in Juba\n\n"
            "JUBA, Oct. 3, 2020 (Wire) - Sudan's government and rebel groups signed a peace agreement on Saturday.\n")
    got = triples(cameo_coder, text, "2020-10-03")
    assert {("SDNGOV", "057", "SDNREB"), ("SDNREB", "057", "SDNGOV")} <= got, got
    monkeypatch.setattr(actors, "COORDINATED_MODIFIER_ROLES", False)
    off = triples(cameo_coder, text, "2020-10-03")
    assert ("SDNGOV", "057", "SDNREB") not in off, off


def test_an_answer_promised_is_a_threat_at_whom_it_answers(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import coder as C

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Russia vows response\n\n"
            "MOSCOW, May 3, 2023 (Wire) - Foreign Ministry spokeswoman Maria Zakharova called the decision a hostile "
            "step and said Russia would respond to Warsaw in kind.\n\n"
            "The army said it would not respond to the provocation from Poland.\n")
    got = triples(cameo_coder, text, "2023-05-03")
    assert ("RUS", "130", "POL") in got, got
    assert not any(s.endswith("MIL") and c == "130" for s, c, _t in got), got  # a response refused is no threat
    text2 = ("Rebels warn army\n\n"
             "GOMA, May 3, 2023 (Wire) - A rebel spokesman said the rebels were ready to hold talks but would "
             "respond firmly if the army kept bombing their positions.\n")
    got2 = triples(cameo_coder, text2, "2023-05-03")
    assert any(s.endswith("REB") and c == "130" and t.endswith("MIL") for s, c, t in got2), got2
    monkeypatch.setattr(C, "PROMISED_RESPONSES", False)
    off = triples(cameo_coder, text2, "2023-05-03")
    assert not any(c == "130" for _s, c, _t in off), off
