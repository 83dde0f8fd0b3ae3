"""family_code gives a code of the appeal (02x), demand (10x), intent (03x), rejection (12x) or threat (13x) family
for the act asked for, intended, refused or threatened: every code it gives is one the CAMEO scheme lists, and the
one whose label says that act (the scheme's list, coding_schemes/cameo.yaml)."""

from __future__ import annotations

import pytest

from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.coder import family_code

FAMILIES = ("02", "03", "10", "12", "13")


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def test_every_family_code_is_a_code_the_scheme_lists(cameo):
    acts = sorted(cameo.event_types)  # every code an act can carry (the verbs give only listed codes)
    given = 0
    for family in FAMILIES:
        for act in acts:
            code = family_code(family, act)
            if code is None:
                continue
            given += 1
            assert code in cameo.event_types, (family, act, code)
            # of the family asked for (a hostile act intended is a threat, 13x)
            assert cameo.root(code) in ({family, "13"} if family == "03" else {family}), (family, act, code)
    assert given > 400


def test_a_demand_that_the_target_yield_takes_the_subcode_of_the_act_asked_for(cameo):
    yielded = {"081": "1051", "082": "1052", "084": "1053", "0841": "1053", "0842": "1053", "085": "1054",
               "086": "1055", "087": "1056", "0872": "1056"}
    for act, code in yielded.items():
        assert family_code("10", act) == code, act
    # with no specific act the list has no "demand to yield" of its own (105 is mediation): the plain demand
    assert family_code("10", "080") == "100" and family_code("10", "08") == "100"
    assert cameo.label("105") == "Demand mediation" and family_code("10", "045") == "105"
    assert family_code("10", "0871") == "107" and cameo.label("107") == "Demand ceasefire"
    assert family_code("10", "0874") == "106" and cameo.label("106") == "Demand withdrawal"
    assert family_code("10", "040") == "108" and cameo.label("108") == "Demand meeting, negotiation"
    assert family_code("10", "083") == "104" and family_code("10", "0831") == "1041"
    # a demand for material cooperation of no kind below is the plain demand (101 is information, investigation) ...
    assert family_code("10", "060") == "100" and family_code("10", "061") == "1011"
    # ... and a demand for an investigation is 101
    assert family_code("10", "090") == "101" and cameo.label("101") == "Demand information, investigation"


@pytest.mark.parametrize("family, label_word", [("02", "Appeal"), ("03", "intent")])
def test_appeals_and_intents_mirror_the_act(cameo, family, label_word):
    sub = {"02": "025", "03": "035"}[family]
    for act, fourth in {"081": "1", "082": "2", "084": "3", "085": "4", "086": "5", "087": "6"}.items():
        code = family_code(family, act)
        assert code == sub + fourth and label_word in cameo.label(code)
    assert family_code(family, "080") == sub  # appeal to yield / intent to yield, not specified below
    assert family_code(family, "045") == {"02": "028", "03": "039"}[family]
    assert family_code(family, "040") == {"02": "026", "03": "036"}[family]
    assert family_code(family, "0331") is None  # an appeal or an intent has no appeal or intent of its own


def test_the_demanded_release_is_coded_as_a_demand_for_release(cameo_coder):
    out = cameo_coder.code_text("Portugal demanded that Spain release the detained fishermen.", "2021-03-01")
    codes = [e.event_code for e in out.events if (e.source_code or "").startswith("PRT")]
    assert codes and all(c in cameo_coder.scheme.event_types for c in codes)
    assert "1053" in codes
