"""Codes and verb senses (helper C3): a pattern's prepositional phrase is the verb's own, naming with "as" and an
adjective, a statement whose participle is the act, "agreed to" in an article, regret, sentencing, a government's
protest, a territorial claim. Sentences and articles written for these tests."""

from __future__ import annotations

from coding_checks import codes, sentence_events
from eventcoder.core.model import Document


def _article(*sentences: str) -> str:
    return "Coastal states talk\n\nHANOI, May 4, 2024 (Wire) - " + " ".join(sentences)


def test_a_preposition_deep_in_a_reported_clause_is_not_the_verbs(cameo_coder):
    # WARN "* (OF &FIGHT)" [110] names a warning of war, not a clause that mentions one
    got = codes(cameo_coder, "The Polish minister warned that no single rifle would change the course of the war.")
    assert "110" not in got, got
    # "according to" is an attribution, not RESPECT's "* (TO)" [043:042]
    got = codes(cameo_coder, "Chile respected Peru's interests, according to state media in Santiago.")
    assert not {"042", "043"} & got, got


def _stored(coder, project, text: str) -> list[tuple]:
    """What a coding run stores for ``text`` (``save_coded``): each event's (source words and code, code, target
    words and code, trigger words, status) and its rule's pattern, as read back from the project."""
    doc_id, _ = project.add_document(Document(text=text))
    project.save_coded(doc_id, coder.code_text(text), scheme="CAMEO")

    def words(span_id):
        return (project.get_span(span_id).text, project.get_span(span_id).code) if span_id is not None else None

    return sorted((words(e.source_span_id), e.event_code, words(e.target_span_id),
                   project.get_span(e.trigger_span_id).text if e.trigger_span_id is not None else None, e.status,
                   ((e.provenance or {}).get("rules") or {}).get("pattern")) for e in project.events(doc_id))


def test_agreeing_to_work_with_keeps_the_chains_preposition(cameo_coder, project):
    # AGREE's "* (WITH)": the "with" of "work with" is the chain's, so France is who both agree to work with
    got = _stored(cameo_coder, project, "Ghana and Togo agreed to work with France on border security.")
    assert got == [(("Ghana", "GHA"), "030", ("France", "FRA"), "agreed", "suggested", "* (WITH)"),
                   (("Togo", "TGO"), "030", ("France", "FRA"), "agreed", "suggested", "* (WITH)")], got


def test_described_as_a_negative_adjective_is_criticism(cameo_coder):
    assert "111" in codes(cameo_coder, 'Lavrov described the ruling as "outrageous and legally null".')
    assert "111" not in codes(cameo_coder, "Lavrov described the ruling as careful and balanced.")


def test_a_masquerade_is_a_negative_name(cameo_coder):
    assert "111" in codes(cameo_coder, "The opposition leader in Conakry called the referendum a masquerade.")


def test_a_statement_is_the_act_its_participle_names(cameo_coder):
    text = "The Arab League issued a statement condemning the Israeli strike on Doha."
    doc = cameo_coder.code_text(text)
    got = {(e.source_code, e.event_code, e.target_code) for e in doc.events if "negated" not in e.flags}
    assert ("IGOMEAARL", "111", "ISR") in got, got
    assert not any(c[:2] == "01" for _s, c, _t in got), got


def test_agreed_to_act_is_an_intent_in_an_article_the_act_in_a_lone_sentence(cameo_coder):
    lone = "Norway has agreed to lift the sanctions on Chile."
    assert "085" in codes(cameo_coder, lone)  # PETRARCH's CAMEO convention for a lone sentence
    text = _article("Vietnam and Laos agreed on Friday to hold a joint naval exercise next year.",
                    "The two defence ministers met in Hanoi for two days.",
                    "Norway has agreed to lift the sanctions on Chile, its foreign minister said.")
    doc = cameo_coder.code_text(text)
    held = sentence_events(doc, text, "joint naval exercise")
    assert ("VNM", "03", "LAO") in {(s[:3], c, t[:3]) for s, c, t in held if s and t}, held
    assert not any(c == "05" for _s, c, _t in held), held
    lifted = sentence_events(doc, text, "lift the sanctions", root_only=False)
    assert any(c[:2] == "03" for _s, c, _t in lifted) and not any(c == "085" for _s, c, _t in lifted), lifted


def test_regretting_an_act_is_concern_not_disapproval(cameo_coder):
    got = codes(cameo_coder, "Spain deeply regretted Morocco's decision.")
    assert got == {"012"}, got  # concern (CAMEO's REGRET block would read disapproval, 110)


def test_sentencing_is_the_verdict(cameo_coder):
    got = codes(cameo_coder, "A court in Minsk sentenced the Polish activist to eight years in prison.")
    assert "116" in got and "172" not in got, got


def test_jailing_for_a_term_is_sentencing_in_an_article(cameo_coder):
    text = _article("A Belarusian court jailed a Lithuanian journalist for six years on Tuesday.",
                    "Lithuania condemned the verdict.",
                    "Police in Minsk jailed two Latvian students for two days on Monday.")
    doc = cameo_coder.code_text(text)
    term = sentence_events(doc, text, "for six years", root_only=False)
    assert any(c == "116" for _s, c, _t in term), term
    days = sentence_events(doc, text, "for two days", root_only=False)
    assert not any(c == "116" for _s, c, _t in days), days
    # a lone sentence keeps PETRARCH's reading (detention)
    assert "173" in codes(cameo_coder, "A Belarusian court has jailed a Lithuanian journalist for six years.")


def test_a_governments_protest_is_an_official_complaint(cameo_coder):
    assert "114" in codes(cameo_coder, "Japan protested to Beijing over the coast guard incursion.")
    got = codes(cameo_coder, "Thousands of farmers protested in Paris against the trade deal with Brazil.")
    assert "114" not in got and any(c[:2] == "14" for c in got), got


def test_claiming_a_sea_is_no_allegation(cameo_coder):
    got = codes(cameo_coder, "Vietnam claims almost all of the South China Sea, including waters Malaysia claims.")
    assert not any(c[:2] == "11" for c in got), got


def test_remaining_committed_is_an_intent(cameo_coder, project):
    # "remained committed to" a partnership: an intent to cooperate (030), not praise (051)
    got = _stored(cameo_coder, project,
                  "Ghana remained committed to the partnership with Togo, its foreign minister said.")
    assert got == [(("Ghana", "GHA"), "030", ("Togo", "TGO"), "remained", "suggested", "* COMMITTED")], got


def test_a_border_kept_shut_restricts_movement(cameo_coder):
    got = codes(cameo_coder, "Niger keeps its border with Chad shut over fuel smuggling.")
    assert "191" in got and "160" not in got, got
