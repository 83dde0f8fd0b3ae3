"""Empty roles filled from the grammar (suggest/roles.py), with the real spaCy parse and the real coder."""

from __future__ import annotations

import pytest

from eventcoder.core.model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
from eventcoder.core.pipeline import rules_coder as coder_for
from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.roles import complete_roles


@pytest.fixture(scope="module")
def nlp():
    return coder_for(load_scheme("cameo")).nlp


def event_on(doc, verb: str, source: str | None = None) -> CodedDocument:
    """A coded document with one event on ``verb`` and, optionally, a known source actor."""
    start = doc.text.index(verb)
    spans = [SuggestedSpan(start, start + len(verb), verb, layer=Layer.TRIGGER.value, code="REJECT")]
    src = None
    if source:
        s = doc.text.index(source)
        spans.append(SuggestedSpan(s, s + len(source), source, code="IRQ", kind="country"))
        src = 1
    ev = SuggestedEvent("REJECT", source_code="IRQ" if source else None, source=src, trigger=0,
                        sentence_start=0, sentence_end=len(doc.text))
    return CodedDocument(spans=spans, events=[ev])


def roles(coded: CodedDocument) -> tuple[str | None, str | None]:
    ev = coded.events[0]
    return (coded.spans[ev.source].text if ev.source is not None else None,
            coded.spans[ev.target].text if ev.target is not None else None)


@pytest.mark.parametrize(("text", "verb", "source", "expected"), [
    # the direct object, without its determiner
    ("Cairo has rejected the proposal as illegal.", "rejected", "Cairo", ("Cairo", "proposal")),
    # what an act named by the object is aimed at
    ("A magistrate ordered an inquiry against the mayor over the contracts.", "ordered", None,
     ("magistrate", "mayor")),
    # a clause down: agreed to lift sanctions against X
    ("The minister agreed to lift restrictions against the province.", "agreed", None,
     ("minister", "province")),
    # a date is no target, not even of the act named by the object
    ("The ministers attended a summit on December 7.", "attended", None, ("ministers", "summit")),
    # a pronoun reported by a verb of saying stands for the sayer
    ("The rebels said they will free the hostages.", "free", None, ("rebels", "hostages")),
    # a passive: the by-phrase is the source
    ("The embassy was attacked by armed militants.", "attacked", None, ("armed militants", "embassy")),
])
def test_grammar_fills_the_empty_roles(nlp, text, verb, source, expected):
    coded = complete_roles(event_on(nlp(text), verb, source), nlp(text))
    assert roles(coded) == expected
    filled = [s for s in coded.spans if s.evidence and s.evidence.startswith("grammar:")]
    assert all(s.code is None and s.kind == "unknown" and s.layer == "actor" for s in filled)


def test_a_known_actor_inside_the_phrase_fills_the_role_with_its_code(nlp):
    text = "The United Nations condemned the attack on Iraq."
    doc = nlp(text)
    coded = event_on(doc, "condemned")
    s = text.index("Iraq")
    coded.spans.append(SuggestedSpan(s, s + 4, "Iraq", code="IRQ", kind="country"))
    complete_roles(coded, doc)
    ev = coded.events[0]
    assert (coded.spans[ev.target].text, ev.target_code) == ("Iraq", "IRQ")
    assert coded.spans[ev.source].text == "United Nations" and ev.source_code is None


def test_pronouns_and_filled_roles_are_left_alone(nlp):
    doc = nlp("It rejected them.")
    coded = complete_roles(event_on(doc, "rejected"), doc)
    assert roles(coded) == (None, None) and len(coded.spans) == 1
    text = "Iraq rejected the plan."
    doc = nlp(text)
    coded = event_on(doc, "rejected", "Iraq")
    complete_roles(coded, doc)
    complete_roles(coded, doc)  # idempotent
    assert roles(coded) == ("Iraq", "plan") and len(coded.spans) == 3


def test_the_coder_suggests_a_target_phrase_it_has_no_dictionary_entry_for():
    coder = coder_for(load_scheme("cameo"))
    kept, coder.min_confidence = coder.min_confidence, 0.0  # a targetless event is below the shown confidence
    try:
        coded = coder.code_text("Iraq condemned the referendum on Tuesday.")  # "on Tuesday" is no target
    finally:
        coder.min_confidence = kept
    assert not any(s.text == "Tuesday" for s in coded.spans)
    ev = next(e for e in coded.events if e.source_code == "IRQ")
    assert ev.target is not None and coded.spans[ev.target].text == "referendum"
    assert ev.target_code is None and coded.spans[ev.target].evidence == "grammar: object of 'condemned'"
    assert coded.spans[ev.target].origin == "grammar"  # what code reads: the display text above is not parsed


@pytest.mark.parametrize(("text", "verb", "expected"), [
    ("The rebels attacked the convoy with rockets on Monday.", "attacked", ("rebels", "convoy")),
    ("The council imposed sanctions on Russia.", "imposed", ("council", "Russia")),
    ("From a regional perspective, the ministers will criticize the plan.", "criticize", ("ministers", "plan")),
    ("The latest example is the new pact.", "is", (None, None)),
])
def test_object_before_instruments_named_targets_first_no_fronted_phrases(nlp, text, verb, expected):
    doc = nlp(text)
    assert roles(complete_roles(event_on(doc, verb), doc)) == expected


def test_no_role_phrase_outlives_its_event():
    from eventcoder.core.suggest.roles import drop_unused_role_spans

    plover = load_scheme("plover")
    coded = coder_for(plover).code_text(
        "A city magistrate expressed optimism about the deal. Two local newspapers acknowledged the error.")
    used = {i for e in coded.events for i in (e.source, e.target, e.trigger) if i is not None}
    grammar = [k for k, s in enumerate(coded.spans) if s.origin == "grammar"]
    assert set(grammar) <= used  # statements map to no PLOVER type: their phrases go with them
    doc = CodedDocument(
        spans=[SuggestedSpan(0, 4, "Iraq", code="IRQ"), SuggestedSpan(5, 10, "plan", origin="grammar"),
               SuggestedSpan(11, 15, "hits", layer="trigger", code="REJECT")],
        events=[SuggestedEvent("REJECT", "IRQ", None, source=0, target=None, trigger=2)])
    drop_unused_role_spans(doc)
    assert [s.text for s in doc.spans] == ["Iraq", "hits"] and doc.events[0].trigger == 1
