"""Telegraphic headlines parsed again in a plainer form (coder._reparse_headline). Every text here was written for
this test."""

from __future__ import annotations

BODY = (
    "\n\nLUSAKA, May 4, 2026 (Wire) - Officials met on Monday to discuss the weather.\n\n"
    "The talks lasted two hours.\n\nNothing else was said.\n"
)


def headline_events(coded, headline: str):
    return {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events
            if e.sentence_start == 0 and e.sentence_end == len(headline) and "negated" not in e.flags}


def test_a_plural_subject_before_a_verb_read_as_a_noun_is_a_protest(cameo_coder):
    headline = "Thousands rally in Lusaka against fuel price rises"
    text = headline + BODY
    coded = cameo_coder.code_text(text)
    trig = [coded.spans[e.trigger] for e in coded.events if e.sentence_start == 0]
    assert any(s.text == "rally" and text[s.start:s.end] == "rally" for s in trig)  # offsets into the real headline
    assert any(code == "14" and src.startswith("ZMB") for src, code, _ in headline_events(coded, headline))
    old = cameo_coder._recall_off  # the instance's (a session fixture other tests set on the instance too)
    try:
        cameo_coder._recall_off = old | {"headline_reparse"}
        assert not headline_events(cameo_coder.code_text(text), headline)  # the model's own parse: no verb
    finally:
        cameo_coder._recall_off = old


def test_to_and_a_verb_at_a_headline_start_is_the_future(cameo_coder):
    headline = "EU to impose new tariffs on Chinese steel"
    coded = cameo_coder.code_text(headline + BODY)
    evs = headline_events(coded, headline)
    assert ("IGOEUREEC", "13", "CHN") in evs  # a future coercive act is a threat, not the act done
    assert not any(code in ("16", "17") for _, code, _ in evs)


def test_the_reparse_keeps_the_text_the_sentences_and_the_rest_of_the_parse(cameo_coder):
    nlp = cameo_coder.nlp
    text = "Thousands rally in Lusaka against fuel price rises" + BODY
    doc = nlp(text)
    before = [(t.text, t.idx, t.dep_, t.head.i) for t in doc]
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    from eventcoder.core.document import segment

    assert cameo_coder._reparse_headline(doc, segment(text).headline) is None  # no "to" read as "will"
    assert doc.text == text and [(s.start_char, s.end_char) for s in doc.sents] == sents
    assert doc[1].pos_ == "VERB" and doc[1].dep_ == "ROOT" and doc[0].dep_ == "nsubj"
    after = [(t.text, t.idx, t.dep_, t.head.i) for t in doc]
    first_body = next(i for i, t in enumerate(doc) if t.text == "LUSAKA")
    assert after[first_body:] == before[first_body:]  # only the headline's tokens changed


def test_a_headline_parsed_with_a_verb_and_a_body_sentence_are_left_alone(cameo_coder):
    from eventcoder.core.document import segment

    nlp = cameo_coder.nlp
    text = "Gunmen attack police post in northern Nigeria" + BODY
    doc = nlp(text)
    before = [(t.tag_, t.dep_, t.head.i) for t in doc]
    assert cameo_coder._reparse_headline(doc, segment(text).headline) is None
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == before
    # a lone sentence has no headline: the same words are not re-parsed ("to" stays "to")
    assert segment("Thousands rally in Lusaka against fuel price rises").headline is None


def test_a_verb_in_s_after_the_name_that_begins_a_headline_is_its_verb(cameo_coder):
    headline = "Egypt brokers truce between Israel and Hamas"
    text = headline + BODY
    coded = cameo_coder.code_text(text)
    evs = headline_events(coded, headline)
    assert ("EGY", "04", "ISR") in evs  # brokering a truce is mediation (045), source -> each party
    doc = cameo_coder.nlp(text)
    from eventcoder.core.document import segment

    cameo_coder._reparse_headline(doc, segment(text).headline)
    assert (doc[1].text, doc[1].pos_, doc[1].lemma_, doc[1].dep_) == ("brokers", "VERB", "broker", "ROOT")


LEAD_ARTICLE = (
    "Norway announces new grain shipments for Sudan at donor meeting\n\n"
    "OSLO, March 2, 2026 (Wire) - Norway on Monday announced 40 million dollars in humanitarian aid for Sudan, "
    "the foreign ministry said.\n\n"
    "The shipments will leave Bergen next week.\n\n"
    "Officials expect more pledges at the meeting.\n"
)


def test_the_headline_restates_the_lead_sentences_event(cameo_coder):
    headline = LEAD_ARTICLE.split("\n", 1)[0]
    coded = cameo_coder.code_text(LEAD_ARTICLE)
    lead = {(e.source_code, e.event_code, e.target_code) for e in coded.events if e.sentence_start > len(headline)
            and "announced" in LEAD_ARTICLE[e.sentence_start:e.sentence_end]}
    assert any(s == "NOR" and t == "SDN" for s, _, t in lead)
    copied = [e for e in coded.events if e.sentence_start == 0 and "from_lead" in e.flags]
    assert copied and all(LEAD_ARTICLE[coded.spans[e.trigger].start:coded.spans[e.trigger].end] == "announces"
                          for e in copied)
    assert {(e.source_code, e.target_code) for e in copied} == {("NOR", "SDN")}
    old = cameo_coder._recall_off  # the instance's (a session fixture other tests set on the instance too)
    try:
        cameo_coder._recall_off = old | {"headline_lead"}
        off = cameo_coder.code_text(LEAD_ARTICLE)
        assert not [e for e in off.events if "from_lead" in e.flags]
    finally:
        cameo_coder._recall_off = old
