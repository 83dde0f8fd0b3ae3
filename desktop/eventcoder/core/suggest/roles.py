"""Completing an event's missing source or target from the grammar of its sentence.

The dictionary coder fills a role only with an actor mention it knows (or a named entity); an event whose
source or target is something else -- "the proposal", "two local newspapers", "a city
magistrate" -- keeps that role empty. Analysts (and PLOVER records) still name who or what it was, so for an
event with a trigger and an empty role this module suggests the phrase the grammar gives:

* **source**: the subject of the trigger verb, or of the verb it depends on (``agreed to open`` ->
  the subject of ``agreed``; ``imposed ..., dismissing`` -> the subject of ``imposed``); the ``by``-phrase
  of a passive; a relative pronoun stands for the noun it modifies, and a personal pronoun reported by a
  verb of saying (``X said it will``) for the subject of that verb. Other pronouns are left out.
* **target**: the direct object -- or, when the object is an act aimed at something (``an investigation
  against X``, ``an ultimatum to X``, ``support for X``), what it is aimed at -- unless the verb's own
  phrase after it with ``against``, ``on``, ``to``, ``with``, ``at``, ``into``, ``toward(s)``, ``from``,
  ``over`` or ``upon`` names someone and the object does not ("imposed sanctions on Russia"); never a date
  or a number ("on Tuesday"), never a phrase before the verb; else the same one clause down (``agreed to
  lift sanctions against X``); for a passive without an object, its subject. A copula ("X is Y") gives no
  source.

When the phrase holds an actor mention the coder already found, that mention (and its code) fills the role;
otherwise a new, uncoded actor span is suggested (kind ``unknown``, low confidence, ``origin`` ``"grammar"``, the
rule in its evidence -- display text only), for the analyst to accept, code or reject.
"""

from __future__ import annotations

from eventcoder.core.suggest.lexicon import SPEECH

from ..model import CodedDocument, Layer, SuggestedSpan

TARGET_PREPS = frozenset("against on to with at into toward towards from over upon".split())
NOUN_TARGET_PREPS = TARGET_PREPS | {"for"}
UP_DEPS = frozenset({"xcomp", "conj", "advcl", "acl"})  # a clause whose subject is its head's
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp", "punct", "mark", "cc"})
PERSONAL = frozenset("it they he she we i you them him her us".split())
REPORTING = SPEECH  # reporting verbs (suggest/lexicon.py, shared with the coder and the learner)
NAMED = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"})
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})  # "on Tuesday"
MAX_TOKENS = 12
# verbs of help: their object is whom an act done "to help ..." is for ("sent ships to help protect Finland")
BENEFIT_VERBS = frozenset("help protect defend support assist aid reinforce bolster strengthen shield secure".split())
CONFIDENCE = 0.3
GRAMMAR = "grammar"  # SuggestedSpan.origin of a role phrase found in the parse (suggested only with its event)


def complete_roles(coded: CodedDocument, doc) -> CodedDocument:
    """Fill the empty source/target of ``coded``'s events from the parse ``doc`` (in place, returned)."""
    if not coded.events:
        return coded
    by_start = {(s.start, s.end): k for k, s in enumerate(coded.spans) if s.layer == Layer.ACTOR.value}
    for ev in coded.events:
        if ev.trigger is None or (ev.source is not None and ev.target is not None):
            continue
        trig = coded.spans[ev.trigger]
        verb = _token_at(doc, trig.start)
        if verb is None:
            continue
        taken = {ev.source, ev.target} - {None}
        for role, find, what in (("source", _subject, "subject"), ("target", _object, "object")):
            # a role with a code but no span (a target from the document's context) is not refilled
            head = find(verb) if getattr(ev, role) is None and getattr(ev, f"{role}_code") is None else None
            k = None if head is None else _span_for(coded, doc, by_start, head, f"grammar: {what} of {verb.text!r}",
                                                    taken)
            if k is not None:
                setattr(ev, role, k)
                setattr(ev, f"{role}_code", coded.spans[k].code)
                taken.add(k)
    return coded


def _token_at(doc, char: int):
    """The token covering character ``char`` (spaCy's character span lookup, not a walk over every token)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    t = span[0]
    return t if t.idx <= char < t.idx + max(len(t.text), 1) else None


def _subject(verb):
    if verb.lemma_.lower() == "be":  # "The latest example is X": no one acts
        return None
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return _resolve(obj, v)
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _resolve(c, v)
        if v.dep_ in UP_DEPS and v.head is not v:
            v = v.head
            continue
        break
    return None


def _resolve(subj, verb):
    """A relative pronoun stands for its noun; a personal pronoun reported by a verb of saying, for the
    sayer; any other pronoun gives nothing."""
    if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    if subj.pos_ == "PRON" or subj.lower_ in PERSONAL:
        if subj.lower_ in PERSONAL and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING:
            sayer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if sayer is not None and sayer.pos_ != "PRON":
                return sayer
        return None
    return subj


def _aimed(noun):
    """What an act named by a noun is aimed at (``investigation against X``), else None."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS:
            obj = _pobj(c)
            if obj is not None:
                return obj
    return None


def _named(t) -> bool:
    return t.pos_ == "PROPN" or t.ent_type_ in NAMED


def _pobj(prep):
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj if obj is not None and obj.pos_ != "PRON" and obj.ent_type_ not in NOT_ACTORS else None


def _object(verb, depth: int = 0):
    """The direct object (or what an act it names is aimed at), unless the verb's own aimed-at phrase after
    it names someone and the object does not ("imposed sanctions on Russia", not "attacked the convoy
    with rockets"); a phrase before the verb ("From a regional perspective, ...") is never the target."""
    dobj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "PRON"
                 and c.ent_type_ not in NOT_ACTORS), None)
    if dobj is not None:
        aimed = _aimed(dobj)
        if aimed is not None:
            return aimed
    prep_obj = next((o for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in TARGET_PREPS
                     for o in [_pobj(c)] if o is not None), None)
    if dobj is not None and (prep_obj is None or _named(dobj) or not _named(prep_obj)):
        return dobj
    if prep_obj is not None:
        return prep_obj
    if depth == 0:
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp"):
                found = _object(c, depth + 1)
                if found is not None:
                    return found
        if any(c.dep_ == "auxpass" for c in verb.children):
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def _phrase(head) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``: its subtree without clauses, kept
    contiguous around the head, no leading determiner; long phrases shrink to the head's own words."""
    cut = set()
    for c in head.children:
        # clauses, and prepositions without a noun ("as illegal"), are not part of the noun phrase
        if c.dep_ in CUT_DEPS or c.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            cut.update(t.i for t in c.subtree)
    keep = {t.i for t in head.subtree} - cut
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    doc = head.doc
    if end - start + 1 > MAX_TOKENS:
        left = [c for c in head.lefts if c.dep_ in ("compound", "amod", "poss", "nummod", "det")]
        start = min([t.i for c in left for t in c.subtree] + [head.i])
        end = head.i
        while end + 1 < len(doc) and doc[end + 1].dep_ in ("flat", "compound") and doc[end + 1].head.i == head.i:
            end += 1
    while start < end and (doc[start].dep_ == "det" and doc[start].lower_ in ("the", "a", "an")
                           or doc[start].is_punct):
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    return start, end + 1


def _span_for(coded: CodedDocument, doc, by_start: dict, head, why: str, taken: set[int]) -> int | None:
    start, end = _phrase(head)
    c0, c1 = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    # an actor the coder already found inside the phrase fills the role (with its code)
    inside = [k for (s, e), k in by_start.items() if c0 <= s and e <= c1 and k not in taken]
    if inside:
        return min(inside, key=lambda k: (coded.spans[k].code is None, abs(coded.spans[k].start - head.idx)))
    if any(k in taken for (s, e), k in by_start.items() if c0 <= s and e <= c1):
        return None  # the other role's actor: not both ends of one event
    if (c0, c1) in by_start:
        return by_start[(c0, c1)]
    coded.spans.append(SuggestedSpan(start=c0, end=c1, text=doc.text[c0:c1], layer=Layer.ACTOR.value, code=None,
                                     kind="unknown", confidence=CONFIDENCE, evidence=why, origin=GRAMMAR))
    by_start[(c0, c1)] = len(coded.spans) - 1
    return len(coded.spans) - 1


def drop_unused_role_spans(coded: CodedDocument) -> CodedDocument:
    """Remove the phrases suggested for roles of events that were dropped afterwards (an unmapped CAMEO code,
    the learner's NONE): a grammar phrase is only suggested as some event's source or target."""
    used = {i for e in coded.events for i in (e.source, e.target, e.trigger, e.location) if i is not None}
    keep = [k for k, s in enumerate(coded.spans)
            if k in used or (s.origin != GRAMMAR and s.layer != Layer.LOCATION.value)]  # a place: only its event's
    if len(keep) == len(coded.spans):
        return coded
    new_index = {old: new for new, old in enumerate(keep)}
    coded.spans = [coded.spans[k] for k in keep]
    for e in coded.events:
        e.source = new_index[e.source] if e.source is not None else None
        e.target = new_index[e.target] if e.target is not None else None
        e.trigger = new_index[e.trigger] if e.trigger is not None else None
        e.location = new_index[e.location] if e.location is not None else None
    return coded
