"""Firing tear gas, water cannon or rubber bullets at anyone is violent repression (CAMEO 175, the article
conventions), not artillery fire (194), whether or not a crowd word is named and wherever the time phrase stands;
capturing or arresting people is detaining them (173), while troops capturing a town stay an occupation (192). The
supplement's FIRE_ON_CROWD, USE_FORCE, ARRESTED_BY_TROOPS and PEOPLE_CAPTURED blocks. Sentences written for these
tests.
"""

from __future__ import annotations

from coding_checks import events_with_blocks as coded


def codes(coder, text: str) -> set[str]:
    return {c for _s, c, _t, _b in coded(coder, text)}


def test_tear_gas_fired_at_anyone_is_repression(coder_showing_all):
    text = "Ghanaian police fired tear gas on Friday at hundreds of striking nurses marching to parliament."
    assert "175" in codes(coder_showing_all, text) and "194" not in codes(coder_showing_all, text)
    assert "175" in codes(coder_showing_all, "Riot police used tear gas and water cannon against students in Lima.")
    assert "175" in codes(coder_showing_all, "Soldiers fired rubber bullets at mourners in the town.")


def test_people_arrested_or_captured_are_detained(coder_showing_all):
    assert codes(coder_showing_all, "Malian troops arrested 30 suspected militants near Gao.") == {"173"}
    assert codes(coder_showing_all, "The Pakistani army captured 15 Afghan fighters near the border.") == {"173"}
    # taking a town is still an occupation
    assert "192" in codes(coder_showing_all, "The army captured the town after a week of fighting.")
