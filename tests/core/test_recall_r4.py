"""R4's verb-side recall rules (suggest/coder.py), on sentences written for these tests."""

from __future__ import annotations

from coding_checks import recall_off

FILLER = "A day of tension in the south\n\nIt was a cold morning in the capital. Rain fell on the city.\n\n"
DATE = "2024-03-04"


def events(coder, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(FILLER + text, DATE).events}


def test_telling_someone_is_an_appeal_only_with_an_infinitive_to_act(cameo_coder, monkeypatch):
    monkeypatch.setattr(cameo_coder, "min_confidence", 0)  # the reading is the subject, not the threshold
    # "told residents to stay": an appeal to them
    assert any(c[:2] == "02" for _s, c, _t in events(cameo_coder, "Chile told residents to stay in shelters."))
    # the parser hangs "building" on "told" as a participle: there is no infinitive, nothing is asked
    text = ("Peruvian farm leader Jose Quispe told the crowd outside the Congress building that the law trampled on "
            "the rights of farmers.")
    assert not any(c[:3] == "020" for _s, c, _t in events(cameo_coder, text))
    with recall_off(cameo_coder, "tell_infinitive"):  # the switch brings the old reading back
        assert any(c[:3] == "020" for _s, c, _t in events(cameo_coder, text))


def test_a_relative_clause_in_an_apposition_describes_the_actor(cameo_coder):
    # a restrictive relative clause tells an act ...
    assert any(c[:2] == "19" for _s, c, _t in events(
        cameo_coder, "Chilean police arrested Peruvian gunmen who attacked a police station in Arica."))
    # ... but inside an apposition it says what the named actor is
    text = ("Chile signed a peace deal with the Andean Front, an alliance of armed groups that fought the "
            "Peruvian army for a decade.")
    assert not any(c[:2] == "19" for _s, c, _t in events(cameo_coder, text))
    with recall_off(cameo_coder, "relcl_appos"):
        assert any(c[:2] == "19" for _s, c, _t in events(cameo_coder, text))


def test_readiness_for_an_uncoded_act_is_an_intent_to_cooperate(cameo_coder):
    text = "Peru said it stood ready to arrange further talks between Chile and Bolivia."
    evs = events(cameo_coder, text)
    assert {("PER", "030", "CHL"), ("PER", "030", "BOL")} <= evs
    # negated, it is no intent
    assert not any(c[:2] == "03" for _s, c, _t in events(
        cameo_coder, "Peru said it was not ready to arrange further talks between Chile and Bolivia."))
    with recall_off(cameo_coder, "ready_uncoded"):
        assert not any(c[:2] == "03" for _s, c, _t in events(cameo_coder, text))


def test_what_is_told_to_a_named_addressee_is_aimed_at_it(cameo_coder):
    text = "Peru's president told Chile that Lima was ready to return to negotiations over the border."
    assert any(s and s.startswith("PER") and c[:2] == "03" and t == "CHL" for s, c, t in events(cameo_coder, text))
    # reporters are no addressee of the act
    assert not any(t and t.endswith("MED") for _s, _c, t in events(
        cameo_coder, "Peru's president told reporters that Lima was ready to return to negotiations over the border."))
    # (with the rule off the target is left to the document-level rules, whose reading of "Chile" depends on what
    # the shared coder has learned in the session: not asserted here)


def test_a_future_act_with_a_named_partner_is_an_intent_to_cooperate(cameo_coder):
    text = "Chile's envoy said Santiago would keep working with Argentina on the dispute."
    assert any(c == "030" and t == "ARG" for _s, c, t in events(cameo_coder, text))
    assert not any(c[:2] == "03" for _s, c, _t in events(cameo_coder, "Chile said it would not work with Bolivia."))
    with recall_off(cameo_coder, "future_with"):
        assert not any(c[:2] == "03" for _s, c, _t in events(cameo_coder, text))
