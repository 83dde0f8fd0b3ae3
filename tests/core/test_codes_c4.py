"""Codes decided by the object's class and the asked-for act (helper C4): a signed instrument is a formal agreement
(057) whatever it is about, asking an adjudicator to rule is taking the dispute to it (115), summoning an envoy
to explain is a demand for information (101), a veto is CAMEO's veto (129), imposing an economic penalty is a
sanction (163, a trial rule); and the dictionary check asks the scheme which codes it knows. Sentences written
for these tests.
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager

import pytest

from coding_checks import events_with_blocks as coded
from eventcoder.core import schemes
from eventcoder.core.suggest.coder import EventCoder


@contextmanager
def switched(coder, off: frozenset[str] = frozenset(), trial: frozenset[str] = frozenset()):
    was_off, was_trial = coder._sense_off, coder._trial_on
    coder._sense_off, coder._trial_on = frozenset(off), EventCoder._trial_on | frozenset(trial)
    try:
        yield coder
    finally:
        coder._sense_off, coder._trial_on = was_off, was_trial


def triples(coder, text: str) -> set[tuple]:
    return {(s, c, t) for s, c, t, _b in coded(coder, text)}


def test_signing_a_deal_or_a_contract_is_a_formal_agreement(cameo_coder):
    # the CAMEO file codes "* CONTRACT" 060 and has no line for a trade deal: the instrument's head noun decides
    assert ("GHA", "057", "TGO") in triples(cameo_coder, "Ghana signed a power contract with Togo on Monday.")
    evs = triples(cameo_coder, "Peru and Ecuador signed a new trade deal on Tuesday.")
    assert ("PER", "057", "ECU") in evs and ("ECU", "057", "PER") in evs, evs
    with switched(cameo_coder, off=frozenset({"sign_deal"})):
        assert ("GHA", "057", "TGO") not in triples(cameo_coder, "Ghana signed a power contract with Togo on Monday.")


def test_a_headline_ceasefire_deal_signed_is_057_not_a_declared_truce(coder_showing_all):
    # the parser reads "ceasefire deal" as two objects: the first noun only names what the deal is about
    codes = {c for _s, c, _t, _b in coded(coder_showing_all, "Chad and FACT rebels sign ceasefire deal")}
    assert "057" in codes and "0871" not in codes, codes


def test_signing_a_decree_is_not_an_agreement(cameo_coder):
    assert "057" not in {c for _s, c, _t, _b in coded(cameo_coder, "Kenya's president signed a decree on Monday.")}


def test_asking_an_adjudicator_to_rule_takes_the_dispute_to_it(cameo_coder):
    evs = triples(cameo_coder, "Chile asked the World Trade Organization on Friday to rule on Argentine duties on its"
                  " wine.")
    assert ("CHL", "115", "ARG") in evs, evs
    evs = triples(cameo_coder, "Guyana asked the International Court of Justice to rule that Venezuela had broken"
                  " the treaty.")
    assert ("GUY", "115", "VEN") in evs, evs
    # asking for anything else stays an appeal
    assert {c[:2] for _s, c, _t in triples(cameo_coder, "Malawi asked the United Nations to send food aid.")} == {"02"}
    with switched(cameo_coder, off=frozenset({"ask_ruling"})):
        evs = triples(cameo_coder, "Chile asked the World Trade Organization on Friday to rule on Argentine duties"
                      " on its wine.")
        assert "115" not in {c for _s, c, _t in evs}


def test_summoning_an_envoy_to_explain_is_a_demand_for_information(cameo_coder):
    assert "101" in {c for _s, c, _t in triples(
        cameo_coder, "Poland summoned the Belarusian ambassador to explain the border incident.")}
    # the parser may hang the infinitive on the envoy (after an apposition)
    assert "101" in {c for _s, c, _t in triples(
        cameo_coder, "Lithuania summoned Russia's ambassador, Alexei Isakov, to account for the cable cut.")}
    plain = {c for _s, c, _t in triples(cameo_coder, "Poland summoned the Belarusian ambassador on Monday.")}
    assert "114" in plain and "101" not in plain


def test_a_veto_is_129_whatever_is_vetoed(cameo_coder):
    evs = triples(cameo_coder, "Russia and China veto U.N. arms embargo on Sudan's army")
    assert any(c == "129" for _s, c, _t in evs) and not any(c == "172" for _s, c, _t in evs), evs


def test_imposing_an_economic_penalty_is_a_sanction_and_threatening_it_a_threat_of_sanctions(cameo_coder):
    text = "Mexico imposed tariffs on Guatemalan sugar on Monday."
    assert ("MEX", "163", "GTM") in triples(cameo_coder, text)
    # a curfew is no economic penalty: the dictionary's own line
    assert "163" not in {c for _s, c, _t in triples(cameo_coder, "The army imposed a curfew on Kano.")}
    # a new user's article: duties the bloc says it would impose are a threat of sanctions, not of repression
    threat = ("EU warns Norway\n\nBRUSSELS, June 4, 2024 (Wire) - The European Union accused Norway of breaking the "
              "deal. Trade Commissioner Valdis Dombrovskis said the bloc would impose provisional duties on "
              "Norwegian salmon if Oslo did not end the payments by July.\n")
    got = triples(cameo_coder, threat)
    assert ("IGOEUREEC", "1312", "NOR") in got and not any(c == "137" for _s, c, _t in got), got
    with switched(cameo_coder, off=frozenset({"penalty_noun"})):
        assert ("MEX", "170", "GTM") in triples(cameo_coder, text)  # the blocks' unspecified coercion


def test_unknown_verb_codes_are_those_the_scheme_does_not_know(tmp_path):
    # an alias (an old name of a code) is a code the scheme knows: CodingScheme.knows, no warning
    d = tmp_path / "dicts"
    d.mkdir()
    (d / "parley.verbs.txt").write_text(
        "--- PARLEY [010] ---\nPARLEY\n- * WITH + [0102]\n- * AGAINST + [0999]\n", encoding="utf-8")
    scheme = tmp_path / "shire.yaml"
    scheme.write_text(textwrap.dedent("""\
        name: Shire
        version: "1"
        event_types:
          - {code: "010", label: Parley}
          - {code: "0101", label: Parley with, parent: "010"}
        aliases:
          "0102": "0101"
        dictionaries:
          verbs: [dicts/parley.verbs.txt]
        """), encoding="utf-8")
    check = schemes.check_scheme_file(scheme)
    messages = [p.message for p in check.warnings]
    assert any("code [0999] is not an event type of Shire" in m for m in messages), messages
    assert not any("[0102]" in m and "not an event type" in m for m in messages), messages


@pytest.mark.parametrize("text, code", [
    ("Canada threatened Mexico with tariffs.", "1312"),  # the threatened penalty in the "with" phrase
    ("Canada warned Mexico of sanctions.", "1312"),
    ("Canada threatened tariffs on Mexican steel.", "1312"),
    ("Canada warned of retaliation against Mexico.", "138"),  # force
    ("Canada warned that Mexico would face sanctions.", "1312"),  # what the target would face
])
def test_a_threat_is_coded_by_what_is_threatened(cameo_coder, text, code):
    assert (("CAN", code, "MEX")) in triples(cameo_coder, text)
