"""Where an event happened: the place the coder suggests as the event's location (a span of layer ``location``).

As event coders geolocate (ICEWS and Phoenix take the sentence's place names and fall back on the story's
dateline; PETRARCH codes none), in this order:

1. a place (a spaCy ``GPE``, ``LOC`` or ``FAC`` entity) under a locative preposition (``in``, ``at``, ``near``,
   ``outside``, ``off``, ``across``, ``along``, ``inside``) attached to the event's trigger word: "fired tear gas
   in Nairobi", "blocked a boat near Second Thomas Shoal". The place may sit inside the phrase the preposition
   governs: "at a meeting in Jakarta", "outside the Kenyan embassy in London", "in the northern city of Goma";
2. else such a phrase elsewhere in the event's sentence, attached to a clause that holds the event ("In Nairobi,
   police moved to disperse the crowd"). A phrase on the acting side is where it acted ("the Taliban
   administration in Kabul condemned"); one on the patient is where a deed met it ("arrested supporters in
   Nairobi"), not where a statement about it was made; one inside another preposition's phrase tells about that
   phrase ("concerns about prisoners in Kismayo", "the attack on its embassy in Kampala"); a deed in a reported
   clause is not where it was reported ("told reporters in Mogadishu that Ethiopia had attacked"), a statement is;
3. else, for an event of the headline or the lead paragraph only, the dateline's city (``NAIROBI, Dec 1 -``):
   wire leads report the news where it was filed; later paragraphs tell background and reactions elsewhere.

A place that is one of the event's own actors (a capital coded as its government: "Kyiv" as ``UKRGOV``) is not
its location.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..document import BODY, DocumentStructure, segment

LOCATIONS = True  # a switch for measuring (bench A/B): the product suggests locations
PLACE_ORIGIN = "place"  # SuggestedSpan.origin of a location span: suggested only with its event
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "off", "across", "along", "inside"})
# nouns that name a place, whose "of" phrase names which ("the city of Goma", "off the coast of Somalia"); other
# nouns' "of" phrases name no place ("at the invitation of Malaysia", "in the name of peace")
PLACE_NOUNS = frozenset(
    "city town village capital region province state district county coast border borders streets street outskirts "
    "port island islands area suburb suburbs centre center heart north south east west interior territory "
    "territories waters sea gulf strait straits peninsula valley river lake mountains hills camp square province "
    "governorate municipality neighbourhood neighborhood quarter".split()
)
INTO_PLACE_DEPS = frozenset({"compound", "appos", "pobj", "nmod", "conj"})
# CAMEO roots of deeds (material cooperation 06-08, material conflict 14-20); the others are statements
DEED_ROOTS = frozenset({"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})
SPEECH_DEPS = frozenset({"ccomp", "parataxis"})  # a reported clause: the place of the saying is not its act's
STRUCTURE_KEY = "eventcoder_structure"
CACHE_KEY = "eventcoder_places"


@dataclass(frozen=True)
class Place:
    """A place found for an event: character offsets into the document, its text and how it was found
    (``how``: "clause", "sentence" or "dateline"; ``label``: the entity label, "DATELINE" for the dateline)."""

    start: int
    end: int
    text: str
    how: str
    label: str


def event_place(
    doc, trigger: Collection[int], source_tokens: Collection[int], target_tokens: Collection[int], sent,
    verbal: bool = True,
) -> Place | None:
    """The place of the event whose trigger is the tokens ``trigger`` in the spaCy sentence ``sent`` (steps 1 and 2
    of the module's order); ``source_tokens``/``target_tokens``: the tokens of the event's own actors; ``verbal``:
    the act is a statement (said where it was said), not a deed."""
    actor_tokens = {*source_tokens, *target_tokens}
    ents = _entities(doc)
    found = None
    for t in sorted(trigger):
        found = found or _under_preps(doc, doc[t], ents, actor_tokens)
    if found is not None:
        return _place(doc, found, "clause")
    head = doc[min(trigger)] if trigger else None
    if head is None:
        return None
    best: tuple[int, tuple[int, int, str]] | None = None
    for tok in sent:
        if tok.dep_ != "prep" or tok.lower_ not in LOCATIVE or tok.i in trigger:
            continue
        governor = _verb_of(tok)
        if governor is None:
            continue
        distance = _clause_distance(head, governor, verbal)
        if distance is None or not _tells_where_it_happened(tok, governor, target_tokens, verbal):
            continue
        ent = _place_under(doc, tok, ents, actor_tokens)
        if ent is not None and (best is None or distance < best[0]):
            best = (distance, ent)
    return _place(doc, best[1], "sentence") if best is not None else None


def dateline_place(doc, sentence_start: int) -> Place | None:
    """The dateline's city, for an event in the headline or the lead paragraph (starting at ``sentence_start``)."""
    cache = doc.user_data.get(CACHE_KEY)
    if cache is None:
        structure: DocumentStructure = doc.user_data.get(STRUCTURE_KEY) or segment(doc.text)
        cache = {"lead_end": _lead_end(structure), "city": _city(structure, doc.text)}
        doc.user_data[CACHE_KEY] = cache
    city, lead_end = cache["city"], cache["lead_end"]
    if city is None or lead_end is None or sentence_start >= lead_end:
        return None
    return city


def _lead_end(structure: DocumentStructure) -> int | None:
    """Where the lead paragraph (the first holding a body sentence) ends."""
    for p in structure.paragraphs:
        if any(s.kind == BODY for s in structure.sentences[p.first:p.last]):
            return p.end
    return None


def _city(structure: DocumentStructure, text: str) -> Place | None:
    line = structure.dateline
    if line is None:
        return None
    start, end = line.place
    cut = text.find(",", start, end)
    end = cut if cut >= 0 else end
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end <= start:
        return None
    return Place(start, end, text[start:end], "dateline", "DATELINE")


def _entities(doc) -> dict[int, tuple[int, int, str]]:
    """Token index -> (first token, end token, label) of the place entity it is part of (cached on the doc)."""
    key = CACHE_KEY + "_ents"
    ents = doc.user_data.get(key)
    if ents is None:
        ents = {}
        for e in doc.ents:
            if e.label_ in PLACE_LABELS:
                for i in range(e.start, e.end):
                    ents[i] = (e.start, e.end, e.label_)
        doc.user_data[key] = ents
    return ents


def _under_preps(doc, tok, ents, actor_tokens) -> tuple[int, int, str] | None:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
            ent = _place_under(doc, prep, ents, actor_tokens)
            if ent is not None:
                return ent
    return None


def _place_under(doc, prep, ents, actor_tokens, depth: int = 0) -> tuple[int, int, str] | None:
    """The place a locative preposition's phrase names: its object, a name beside it ("the capital, Nairobi",
    "the Nairobi office"), the "of" phrase of a place noun, or a locative phrase inside it ("a market in Goma")."""
    if depth > 3:
        return None
    for obj in prep.children:
        if obj.dep_ not in ("pobj", "pcomp") and not (obj.dep_ == "prep" and obj.lower_ in LOCATIVE):
            continue
        if obj.dep_ == "prep":  # "outside of Goma"
            found = _place_under(doc, obj, ents, actor_tokens, depth + 1)
        else:
            found = _place_in_phrase(doc, obj, ents, actor_tokens, depth)
        if found is not None:
            return found
    return None


def _place_in_phrase(doc, obj, ents, actor_tokens, depth: int) -> tuple[int, int, str] | None:
    if obj.i in ents:
        return None if _is_actor(ents[obj.i], actor_tokens) else ents[obj.i]
    stack = [(obj, 0)]
    while stack:
        t, d = stack.pop(0)
        for c in t.children:
            if c.i in ents and c.dep_ in INTO_PLACE_DEPS and not _is_actor(ents[c.i], actor_tokens):
                return ents[c.i]
            if c.dep_ == "prep" and (c.lower_ in LOCATIVE or (c.lower_ == "of" and t.lemma_.lower() in PLACE_NOUNS)):
                found = _place_under(doc, c, ents, actor_tokens, depth + 1)
                if found is not None:
                    return found
            elif c.dep_ in ("compound", "appos", "conj") and d < 2:
                stack.append((c, d + 1))
    return None


def _is_actor(ent: tuple[int, int, str], actor_tokens: Collection[int]) -> bool:
    return any(i in actor_tokens for i in range(ent[0], ent[1]))


def _verb_of(tok):
    """The verb (or the sentence's head) a preposition's phrase hangs from, up through the nouns."""
    t = tok.head
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return None


def _clause_distance(trigger, governor, verbal: bool) -> int | None:
    """How many steps up from the trigger to ``governor``, when ``governor`` is the trigger or a clause holding it;
    None otherwise. A deed told in a reported clause is not where it was reported ("told reporters in Mogadishu
    that Ethiopia had attacked"); a statement is ("'China urges restraint,' she told a briefing in Beijing")."""
    t = trigger
    for steps in range(16):
        if t.i == governor.i:
            return steps
        if t.head.i == t.i or (not verbal and t.dep_ in SPEECH_DEPS and t.pos_ in ("VERB", "AUX")):
            return None
        if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return None  # "police fired at protesters in Mombasa and the government accused Tanzania": its own clause
        t = t.head
    return None


def _tells_where_it_happened(prep, governor, target_tokens: Collection[int], verbal: bool) -> bool:
    """The phrase places the act, up through the nouns it hangs from to the verb: a phrase on the acting side is
    where it acted ("the Taliban administration in Kabul condemned", "Kenyan troops in Somalia killed"); one on the
    patient is where a deed met it ("arrested 20 supporters in Nairobi") but not where a statement about it was
    made ("accused militants in Somalia of"); one inside a phrase of another preposition tells about that, not the
    act ("raised concerns about rights in Xinjiang", "the attack on its embassy in Kabul")."""
    t = prep.head
    for _ in range(12):
        if t.i == governor.i:
            return True
        if t.dep_ == "prep" and t.lower_ not in LOCATIVE and not (
                t.lower_ == "of" and t.head.lemma_.lower() in PLACE_NOUNS):
            return False
        if verbal and t.i in target_tokens:
            return False
        t = t.head
    return False


def _place(doc, ent: tuple[int, int, str], how: str) -> Place:
    first, end, label = ent
    span = doc[first:end]
    return Place(span.start_char, span.end_char, span.text, how, label)
