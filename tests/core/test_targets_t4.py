"""Targets and actors from round 2 of the targets work (suggest/coder.py ``_targets_from_context``,
suggest/coref.py ``_winners`` and ``_conjunct_object``, suggest/actors.py ``_name_continues`` and
``_continues_person``). Every text here was written for this test."""

from __future__ import annotations

import pytest

from coding_checks import sentence_events as events
from eventcoder.core.suggest import actors as A
from eventcoder.core.suggest import coder as C
from eventcoder.core.suggest import coref as R

THREAT = (
    "Venezuela accuses U.S. of plotting\n\n"
    "CARACAS, May 6, 2024 (Wire) - Venezuela's foreign minister on Monday accused Washington of plotting a coup "
    "against the government, and he warned that Caracas would respond firmly to any incursion.\n\n"
    "The State Department did not comment.\n"
)
AGENCY = (
    "Nigerian governor praises rescue\n\n"
    "KADUNA, March 24, 2024 (Wire) - Nigerian troops freed 40 farmers held by a gang on Sunday.\n\n"
    "Governor Ibrahim Musa thanked the Department of State Services for the operation.\n\n"
    "The U.S. Department of State praised Nigeria for the rescue.\n"
)
PERSON = (
    "Tanzania's president rebukes critics\n\n"
    "DODOMA, June 12, 2023 (Wire) - President Samia Suluhu Hassan accused opposition leaders on Monday of "
    "misleading farmers about the new land law.\n\n"
    "The opposition rejected the charge.\n"
)
WINNER = (
    "Okafor wins Nigerian presidency\n\n"
    "LAGOS, March 26, 2024 (Wire) - Opposition leader Chidi Okafor won Nigeria's presidential election, officials "
    "said on Tuesday.\n\n"
    "The ruling party's candidate, Bola Adeyemi, won about 30 percent.\n\n"
    "President Musa Bello congratulated the winner on Wednesday.\n"
)
EXPELLED = (
    "Austria expels two Iranian diplomats\n\n"
    "VIENNA, Nov. 12, 2024 (Wire) - The Austrian government on Tuesday ordered two Iranian diplomats to leave the "
    "country, accusing them of spying on exiles in Germany.\n\n"
    "Iran called the decision hostile.\n"
)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all


def _countries(found: set[tuple]) -> set[tuple]:
    return {((s or "")[:3], c, (t or "")[:3]) for s, c, t in found}


def test_a_threat_joined_to_an_accusation_is_aimed_at_the_accused(coder, monkeypatch):
    found = _countries(events(coder.code_text(THREAT), THREAT, "warned that Caracas"))
    assert ("VEN", "13", "USA") in found and ("VEN", "11", "USA") in found
    monkeypatch.setattr(C, "THREAT_TAKES_PARTNER", False)
    found = _countries(events(coder.code_text(THREAT), THREAT, "warned that Caracas"))
    assert ("VEN", "13", "USA") not in found  # without the rule the threat has no target and is not suggested


def test_a_dictionary_name_cut_inside_a_longer_name_is_not_matched(coder, monkeypatch):
    coded = coder.code_text(AGENCY)
    assert ("NGAGOV", "05", "USAGOV") not in events(coded, AGENCY, "State Services")
    # the dictionary's own name, not run on by another capitalised word, still matches
    assert any(s == "USAGOV" and c == "05" for s, c, _t in events(coded, AGENCY, "praised Nigeria"))
    monkeypatch.setattr(A, "NAME_CONTINUES_NO_MATCH", False)
    coded = coder.code_text(AGENCY)
    assert ("NGAGOV", "05", "USAGOV") in events(coded, AGENCY, "State Services")


def test_a_persons_name_listed_in_part_is_not_run_on_into_another_entry(coder, monkeypatch):
    found = events(coder.code_text(PERSON), PERSON, "Samia Suluhu Hassan")
    assert {s for s, _c, _t in found} == {"TZAGOV"}
    monkeypatch.setattr(A, "PERSON_NAME_CONTINUES", False)
    found = events(coder.code_text(PERSON), PERSON, "Samia Suluhu Hassan")
    assert "TZAGOV" not in {s for s, _c, _t in found}  # "Hassan" alone is another country's official


def test_the_winner_is_whoever_won_the_election_before(coder, monkeypatch):
    found = events(coder.code_text(WINNER), WINNER, "congratulated the winner")
    assert ("NGAGOV", "05", "NGAOPP") in found  # Okafor, not Adeyemi, who "won about 30 percent"
    monkeypatch.setattr(R, "WINNERS", False)
    found = events(coder.code_text(WINNER), WINNER, "congratulated the winner")
    assert ("NGAGOV", "05", "NGAOPP") not in found


def test_an_object_pronoun_of_a_participle_is_the_object_of_its_verb(coder, monkeypatch):
    found = _countries(events(coder.code_text(EXPELLED), EXPELLED, "accusing them"))
    assert ("AUT", "11", "IRN") in found and ("AUT", "11", "DEU") not in found
    monkeypatch.setattr(R, "PARTICIPLE_OBJECT", False)
    found = _countries(events(coder.code_text(EXPELLED), EXPELLED, "accusing them"))
    assert ("AUT", "11", "IRN") not in found


def test_what_an_answer_calls_its_object_names_no_target(coder, monkeypatch):
    text = "The Polish speaker of parliament dismissed the motion as a stunt that would help Russian propaganda."
    found = events(coder.code_text(text), text, "dismissed")
    assert found and not any((t or "").startswith("RUS") for _s, _c, t in found)
    monkeypatch.setattr(C, "CHARACTERISED_ANY_OBJECT", False)
    found = events(coder.code_text(text), text, "dismissed")
    assert any((t or "").startswith("RUS") for _s, _c, t in found)


def test_the_channel_an_act_goes_through_is_not_its_target(coder, monkeypatch):
    text = "Japan lodged a protest through its embassy in Beijing on Friday."
    found = events(coder.code_text(text), text, "lodged")
    assert not any((t or "").startswith("CHN") for _s, _c, t in found)
    monkeypatch.setattr(C, "CHANNEL_NO_TARGET", False)
    found = events(coder.code_text(text), text, "lodged")
    assert any((t or "").startswith("CHN") for _s, _c, t in found)


KINSHASA = (
    "Protesters storm French embassy in Kinshasa\n\n"
    "KINSHASA, Jan. 29, 2025 (Wire) - Congolese protesters stormed the French embassy on Tuesday.\n\n"
    "France summoned Congo's ambassador in Paris on Wednesday.\n"
)
BRAZZAVILLE = (
    "Congo and Gabon sign border deal\n\n"
    "BRAZZAVILLE, Jan. 29, 2025 (Wire) - Congo and Gabon signed a border agreement on Tuesday.\n\n"
    "Congo's president praised Gabon.\n"
)


def test_a_name_two_countries_share_takes_the_documents_reading(coder, monkeypatch):
    assert ("FRA", "11", "CODGOV") in events(coder.code_text(KINSHASA), KINSHASA, "summoned")
    # a document that names only the Republic of Congo keeps the dictionary's reading
    assert ("COGGOV", "05", "GAB") in events(coder.code_text(BRAZZAVILLE), BRAZZAVILLE, "praised")
    monkeypatch.setattr(A, "AMBIGUOUS_BY_DOCUMENT", False)
    assert ("FRA", "11", "COGGOV") in events(coder.code_text(KINSHASA), KINSHASA, "summoned")
