"""Readings found on the dev articles a126-a137 (3 Dec 2026): a verb's own "[---]" line vetoes its other entries
("struck a cautious tone" is no attack), a weapons test is told by what was fired, information shared is 064.
Sentences written for these tests."""

from __future__ import annotations

from coding_checks import triples


def test_a_verbs_own_no_event_line_overrules_its_other_entries(cameo_coder):
    # CAMEO's STRIKE is an attack (190); the news supplement's "STRIKE * TONE [---]" says the idiom is no event
    assert not triples(cameo_coder, "Vietnam struck a conciliatory tone towards Cambodia on Monday.")
    assert not triples(cameo_coder, "Ghana struck a careful balance between Togo and Benin.")
    # the lines of the other verbs of a block do not veto ("FIGHT * &AIRCRAFT [---]" beside STRIKE)
    assert ("USAMIL", "195", "YEMREB") in triples(
        cameo_coder, "American forces struck Houthi radar sites and a drone in Yemen on Sunday.")
    assert ("VNM", "057", "KHM") in triples(cameo_coder, "Vietnam struck a border deal with Cambodia.")


def test_denouncing_a_weapons_test_is_aimed_at_whoever_fired(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import lexicon

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Neighbours condemn missile launch\n\n"
            "TOKYO, March 3, 2025 (Wire) - North Korea fired an intermediate-range missile over the sea on Monday, "
            "Japan's defence ministry said.\n\n"
            "South Korea's defence minister warned Pyongyang that it would face a firm response.\n\n"
            "Canada and Australia also condemned the test.\n")
    got = triples(cameo_coder, text, "2025-03-03")
    assert ("CAN", "111", "PRK") in got and ("AUS", "111", "PRK") in got, got
    monkeypatch.setitem(lexicon.RESULT_NOUN_VERBS, "test", ())
    old = triples(cameo_coder, text, "2025-03-03")
    assert ("CAN", "111", "PRK") not in old, old  # the last hostile act's author instead (South Korea's)


def test_sharing_information_is_064(cameo_coder):
    assert ("JPN", "064", "KOR") in triples(cameo_coder, "Japan was sharing radar data with South Korea.")
    assert ("KEN", "064", "UGA") in triples(cameo_coder, "Kenya shared evidence with Uganda.")
    # a border shared is no information
    assert "064" not in {c for _s, c, _t in triples(cameo_coder, "Kenya shared a border with Uganda.")}
