"""Phrasal verbs, particles, purpose clauses and stopped acts in the rules coder (core/suggest/coder.py:
``_code_verb``, ``_particle_of``, ``_material``, ``_best_in_chain``). Each rule is checked with its switch in
``EventCoder._recall_off`` off too, so the test shows the rule's own part; the rules still on trial (off in the
product, ``EventCoder._trial_on``) are checked switched on. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from coding_checks import codes
from coding_checks import events_with_blocks as coded
from eventcoder.core.suggest.coder import EventCoder


@pytest.fixture
def switched_off(cameo_coder):
    """Turns recall rules off on the coder for one block of a test (restored afterwards)."""
    assert isinstance(cameo_coder, EventCoder)
    was = cameo_coder._recall_off

    class Off:
        def __init__(self, *names: str) -> None:
            self.names = frozenset(names)

        def __enter__(self):
            cameo_coder._recall_off = was | self.names

        def __exit__(self, *exc):
            cameo_coder._recall_off = was

    yield Off
    cameo_coder._recall_off = was


@pytest.fixture
def trial_on(cameo_coder):
    """Turns rules on trial on on the coder for the whole test (restored afterwards)."""
    was = cameo_coder._trial_on

    def on(*names: str) -> None:
        cameo_coder._trial_on = was | frozenset(names)

    yield on
    cameo_coder._trial_on = was


def test_a_phrasal_verb_blocks_its_head_verbs_senses(cameo_coder, switched_off):
    # "wound ... up" is WIND_UP (no pattern for an operation, so no event), never WOUND (HURT, 180)
    text = "The Kenyan army wound the operation up on Friday."
    assert "180" not in codes(cameo_coder, text)
    with switched_off("phrasal_blocks"):
        assert "180" in codes(cameo_coder, text)


def test_a_past_spelled_as_another_verbs_base_is_not_that_verb(cameo_coder, trial_on):
    # "found" is the past of FIND here, not FOUND (ENACT, 060)
    text = "The ministers found a compromise on Friday."
    assert any(b == "ENACT" for _s, _c, _t, b in coded(cameo_coder, text))  # the product: still on trial
    trial_on("past_homograph")
    assert not any(b == "ENACT" for _s, _c, _t, b in coded(cameo_coder, text))


def test_a_particle_after_another_phrase_of_the_verb_is_no_particle(cameo_coder, trial_on):
    # "over the border" is a phrase of its own: no TAKE_OVER (seizure, 171)
    text = "Soldiers took the prisoners to a camp over the border."
    assert "171" in codes(cameo_coder, text)  # the product: still on trial
    trial_on("real_particle")
    assert "171" not in codes(cameo_coder, text)


@pytest.mark.parametrize("text", [
    "The rebels took over the town on Friday.",  # the particle right after the verb
    "The rebels took the town over on Friday.",  # only the object between them
])
def test_a_real_particle_still_makes_the_phrasal_verb(cameo_coder, trial_on, text):
    trial_on("real_particle")
    assert "171" in codes(cameo_coder, text)


def test_a_purpose_clause_is_pattern_material(cameo_coder, trial_on):
    text = "Turkey summoned the Greek ambassador to explain the remarks."
    assert "101" in codes(cameo_coder, text)  # the product reads it by the summons rule (summon_explain) ...
    was = cameo_coder._sense_off
    cameo_coder._sense_off = was | {"summon_explain"}
    try:
        assert "101" not in codes(cameo_coder, text)  # ... without it, the purpose clause alone is still on trial
        trial_on("purpose_clause")
        evs = coded(cameo_coder, text)
    finally:
        cameo_coder._sense_off = was
    assert any(s == "TUR" and c == "101" and t and t.startswith("GRC") for s, c, t, _b in evs), evs


def test_a_purpose_clauses_own_words_are_not_the_verbs_objects(cameo_coder, trial_on):
    # "to aid the recovery" does not make the loan "* AID" (070): the verb "aid" is the clause's, not an object
    trial_on("purpose_clause")
    assert "070" not in codes(cameo_coder, "Australia lent one billion dollars to Indonesia to aid its recovery.")


@pytest.mark.parametrize(("text", "code", "before"), [
    ("Russia stopped supplying gas to Ukraine on Tuesday.", "160", "060"),
    ("The European Union suspended providing aid to Niger.", "162", "070"),
    ("Iran halted negotiating with the United States.", "164", "046"),
    # the halting verb's own pattern for the object: stopping visas is an administrative sanction
    ("France stopped issuing visas to Malian citizens.", "172", "060"),
])
def test_a_stopped_cooperative_act_is_its_reduction(cameo_coder, switched_off, text, code, before):
    assert code in codes(cameo_coder, text)
    assert before not in codes(cameo_coder, text)
    with switched_off("halted_act"):
        got = codes(cameo_coder, text)
        assert code not in got and any(c.startswith(before[:2]) for c in got), got


def test_only_a_reduction_the_halting_verb_names_for_the_object_counts(cameo_coder):
    # STOP's own "* &WEAPON" (087, de-escalation) is not what stopping a sale of weapons is
    got = codes(cameo_coder, "Germany stopped selling weapons to Turkey.")
    assert "160" in got and "087" not in got, got


def test_a_continued_act_is_the_act(cameo_coder):
    assert "060" in codes(cameo_coder, "Russia continued supplying gas to Ukraine.")
