"""Roles found by grammar in an article (suggest/coder.py with the product's CAMEO coder): the plural of a
nationality whose plural also begins a longer dictionary entry ("Americans"). Every text here was written for
this test."""

from __future__ import annotations

import pytest

from eventcoder.core.pipeline import rules_coder
from eventcoder.core.schemes import load_scheme

ARTICLE = (
    "Caracas frees prisoners\n"
    "\n"
    "CARACAS, March 3, 2025 (Wire) - Venezuela released four detained Americans on Friday, the foreign ministry "
    "said.\n"
    "\n"
    "Police in the port city later detained two Americans and a Colombian sailor.\n"
    "\n"
    "The Americans Abroad Society praised the decision.\n"
)


@pytest.fixture(scope="module")
def coded():
    return rules_coder(load_scheme("cameo")).code_text(ARTICLE)


def triples(coded, sentence_with: str) -> set[tuple]:
    out = set()
    for e in coded.events:
        if sentence_with in ARTICLE[e.sentence_start:e.sentence_end] and "negated" not in (e.flags or ()):
            out.add(((e.source_code or "---")[:3], e.event_code[:2], (e.target_code or "---")[:3]))
    return out


def test_plural_nationality_is_the_country(coded):
    assert ("VEN", "08", "USA") in triples(coded, "released four detained")
    assert any(t[1] == "17" and t[2] == "USA" for t in triples(coded, "detained two Americans"))


def test_plural_actor_span_is_coded_as_country(coded):
    spans = [s for s in coded.spans if s.layer == "actor" and s.text == "Americans"]
    assert spans and all(s.code == "USA" for s in spans)
