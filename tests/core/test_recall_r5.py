"""R5's grammar rules of the rule coder (suggest/coder.py), on sentences written for these tests."""

from __future__ import annotations

from coding_checks import recall_off

FILLER = "A day of tension in the south\n\nIt was a cold morning in the capital. Rain fell on the city.\n\n"
DATE = "2024-03-04"


def events(coder, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(FILLER + text, DATE).events}


def _pairs(evs, root: str) -> set[tuple[str, str]]:
    return {((s or "---")[:3], (t or "---")[:3]) for s, c, t in evs if c[:2] == root}


def test_co_subjects_of_praise_are_not_each_others_targets(cameo_coder):
    text = "Chile, Peru and Argentina praised the new trade rules on Monday."
    sides = {"CHL", "PER", "ARG"}
    assert not any(s in sides and t in sides for s, t in _pairs(events(cameo_coder, text), "05"))
    with recall_off(cameo_coder, "praise_one_way"):  # the old reading: each other's targets
        assert {("CHL", "PER"), ("PER", "CHL")} <= _pairs(events(cameo_coder, text), "05")
    # cooperating and signing still take two sides
    signed = events(cameo_coder, "Chile and Peru signed a fisheries agreement on Monday.")
    assert {("CHL", "PER"), ("PER", "CHL")} <= _pairs(signed, "05")


def test_the_storys_other_party_is_never_a_co_subject(cameo_coder):
    from eventcoder.core.suggest import coder as C

    text = "Chile, Peru and Argentina praised the new trade rules on Monday."
    sides = {"CHL", "PER", "ARG"}
    assert not any(s in sides and t in sides for s, t in _pairs(events(cameo_coder, text), "05"))
    # without the rule (the autouse fixture restores it), the story's most named other country is one of them
    C.STORY_SKIPS_COSUBJECTS = False
    assert any(s in sides and t in sides for s, t in _pairs(events(cameo_coder, text), "05"))


def test_the_subject_of_a_passive_of_feeling_is_who_feels_it(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import coder as C

    text = "Peru was deeply worried by Chile's decision to close the border."
    assert ("PER", "CHL") in _pairs(events(cameo_coder, text), "01")
    assert ("CHL", "PER") not in _pairs(events(cameo_coder, text), "01")
    # (the adjective of feeling is read as its verb too: CONCERNED_ADJECTIVES; both off for the old reading, which
    # is suggested below the article threshold -- its existence is what is shown here, not its confidence)
    monkeypatch.setattr(C, "CONCERNED_ADJECTIVES", False)
    monkeypatch.setattr(cameo_coder, "min_confidence", 0.0)
    with recall_off(cameo_coder, "psych_passive"):  # the old reading: Chile worrying Peru
        assert ("CHL", "PER") in _pairs(events(cameo_coder, text), "01")


def test_a_reported_conjunct_with_a_pattern_is_reported_too(cameo_coder):
    text = ("Peru's foreign ministry said it was concerned by Chile's naval manoeuvres and called on Santiago and "
            "La Paz to resume border talks.")
    appeals = _pairs(events(cameo_coder, text), "02")
    assert {("PER", "CHL"), ("PER", "BOL")} <= appeals
    with recall_off(cameo_coder, "reported_conj_pattern"):
        assert not _pairs(events(cameo_coder, text), "02")


def test_a_plural_noun_matches_its_singular_pattern_word_and_an_envoy_from_a_capital(cameo_coder):
    text = "Chile answered by recalling its own ambassadors from Lima and Quito for consultations."
    recalls = _pairs(events(cameo_coder, text), "16")
    assert {("CHL", "PER"), ("CHL", "ECU")} <= recalls
    with recall_off(cameo_coder, "envoy_from_verb"):  # the capitals are not read as the envoys' posts
        assert not {("CHL", "PER"), ("CHL", "ECU")} & _pairs(events(cameo_coder, text), "16")
    with recall_off(cameo_coder, "plural_words"):  # "ambassadors" no longer matches "* AMBASSADOR"
        assert not _pairs(events(cameo_coder, text), "16")
