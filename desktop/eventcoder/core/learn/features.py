"""Features of an event candidate, computed from the spaCy parse and the rule coder's output.

An *anchor* is a verb the type decision is made for: the trigger of each event the rules suggest
(events sharing a trigger share an anchor), or -- in a sentence where the rules found nothing -- its
main verb (a reporting verb hands over to the clause it reports). Features (binary, strings):

* ``rule=`` the rules' type in the project scheme (``rule=NONE`` when they found nothing), ``cameo=`` /
  ``cameo2=`` the CAMEO code behind it (read from the event's provenance: the mapping's code when the scheme
  is mapped from CAMEO, else a numeric code itself), ``flag=`` the coder's flags;
* ``v=`` / ``vt=`` the anchor's lemma and form, ``d=dep:lemma`` its dependents (``ACTOR`` for an actor
  mention), ``p=prep:noun`` its prepositional phrases, ``h=`` the verb governing it, ``x=`` its complement;
* ``path=`` the dependency relations from the anchor up to the sentence's root (``ROOT`` for the main verb);
* ``w=`` the sentence's lemmas with actor mentions masked (``ACTOR``), ``w2=`` their adjacent pairs
  ("call_for", "ACTOR_troop"), ``neg`` / ``modal=`` / ``passive``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from eventcoder.core.suggest.lexicon import MODALS, OBLIGATION, SPEECH
from eventcoder.core.suggest.nlp import sentence_offsets

from ..model import CodedDocument, Layer
from ..provenance import rules_code

DENSE_WIDTH = 96  # en_core_web_sm's tok2vec width
N_DENSE = 3  # vectors: the anchor verb, the sentence's mean, the mean of the verb's complements

REPORTING = SPEECH  # the coder's reporting and claiming verbs and warn (suggest/lexicon.py)
_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "NUM", "SYM"})
_MODALS = MODALS | OBLIGATION


@dataclass
class Anchor:
    """One type decision: a verb in a sentence, the rule coder's events on it, its features."""

    token: int  # token index in the parsed doc
    sent_start: int  # character offsets of the sentence
    sent_end: int
    events: list[int] = field(default_factory=list)  # indices into CodedDocument.events
    rule_type: str | None = None  # the rules' type (None: the rules suggest nothing here)
    negated: bool = False
    features: list[str] = field(default_factory=list)
    dense: np.ndarray | None = None


def _main_verb(sent):
    root = sent.root
    for _ in range(3):
        if root.lemma_.lower() in REPORTING:
            comp = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
            if comp:
                root = comp[0]
                continue
        break
    return root


class Lexicon:
    """What the coder's verb dictionary says about a word, in the scheme's types (cached per word).

    Only the entry's own or its block's default code (no patterns): a hint for the verbs the rules did not
    code, e.g. in sentences where they found no event.
    """

    def __init__(self, verbs, scheme=None) -> None:
        self.verbs = verbs
        self.scheme = scheme
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def __call__(self, token) -> tuple[str, ...]:
        key = (token.text.upper(), token.lemma_.upper())
        hit = self._cache.get(key)
        if hit is None:
            out = []
            for e in self.verbs.entries_for(*key):
                if e.pre or e.post:
                    continue
                block = self.verbs.blocks.get(e.block)
                code = e.code or (block.code if block is not None else None)
                if not code or not code[:2].isdigit():
                    continue
                out.append(self._map(code.split(":")[0]))
            hit = self._cache[key] = tuple(sorted({c for c in out if c}))
            if len(self._cache) > 200_000:
                self._cache.clear()
        return hit

    def _map(self, code: str) -> str | None:
        if self.scheme is not None and getattr(self.scheme, "cameo_mapping", None):
            m = self.scheme.from_cameo(code)
            return m[0] if m else None
        return code


def lexicon_for(coder, scheme=None) -> Lexicon | None:
    inner = getattr(coder, "inner", coder)
    verbs = getattr(inner, "verbs", None)
    if verbs is None or not hasattr(verbs, "entries_for"):
        return None
    return Lexicon(verbs, scheme if scheme is not None else getattr(coder, "scheme", None))


def anchors(doc, coded: CodedDocument, empty_sentences: bool = True, lexicon: Lexicon | None = None) -> list[Anchor]:
    """The anchors of a coded, parsed document, in text order."""
    by_char = {t.idx: t.i for t in doc}
    out: dict[int, Anchor] = {}
    sent_of = {}
    for sent in doc.sents:
        for t in sent:
            sent_of[t.i] = sent
    for k, ev in enumerate(coded.events):
        tok = None
        if ev.trigger is not None and 0 <= ev.trigger < len(coded.spans):
            tok = by_char.get(coded.spans[ev.trigger].start)
        if tok is None:
            continue
        a = out.get(tok)
        if a is None:
            sent = sent_of[tok]
            a = out[tok] = Anchor(tok, *sentence_offsets(sent))
        a.events.append(k)
        if a.rule_type is None:
            a.rule_type = ev.event_code
            a.negated = "negated" in (ev.flags or ())
    if empty_sentences:
        covered = {(a.sent_start, a.sent_end) for a in out.values()}
        for sent in doc.sents:
            if sentence_offsets(sent) in covered or not sent.text.strip():
                continue
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):  # a dateline ("KABUL:"), a heading: no act
                continue
            v = _main_verb(sent)
            if v.lemma_.lower() == "be":  # a copula states, it does not act: "X and Y are on the same page"
                continue
            if v.i not in out:
                out[v.i] = Anchor(v.i, *sentence_offsets(sent))
    result = sorted(out.values(), key=lambda a: a.token)
    actor_tokens = _actor_tokens(doc, coded)
    for a in result:
        a.features = features(doc, a, coded, actor_tokens, lexicon)
        a.dense = dense_features(doc, a, actor_tokens)
    return result


def _actor_tokens(doc, coded: CodedDocument) -> set[int]:
    spans = [(s.start, s.end) for s in coded.spans if s.layer == Layer.ACTOR.value]
    out = set()
    if not spans:
        return out
    for t in doc:
        for s, e in spans:
            if s <= t.idx < e:
                out.add(t.i)
                break
    return out


def _path(v, most: int = 4) -> str:
    """Where the anchor sits in its sentence: the dependency relations from it up to the root ("ROOT" for the
    main verb, "advcl>ccomp" for a clause under a reported one) -- which clause the rules handed the sentence to."""
    deps = []
    t = v
    while t.dep_ != "ROOT" and t.head.i != t.i and len(deps) < most:
        deps.append(t.dep_)
        t = t.head
    return ">".join(deps) or "ROOT"


def _lem(t, actor_tokens: set[int]) -> str:
    return "ACTOR" if t.i in actor_tokens else t.lemma_.lower()


def features(doc, a: Anchor, coded: CodedDocument, actor_tokens: set[int], lexicon: Lexicon | None = None) -> list[str]:
    feats: set[str] = {"bias"}
    v = doc[a.token]
    if lexicon is not None:
        for c in lexicon(v):
            feats.add(f"vdict={c}")
        for t in v.children:
            if t.dep_ in ("xcomp", "ccomp", "conj", "dobj", "pobj", "advcl"):
                for c in lexicon(t):
                    feats.add(f"cdict={c}")
        sent = v.sent
        for t in sent:
            if t.pos_ in ("VERB", "NOUN") and t.i != v.i:
                for c in lexicon(t):
                    feats.add(f"sdict={c}")
    if a.events:
        evs = [coded.events[k] for k in a.events]
        for ev in evs:
            feats.add(f"rule={ev.event_code}")
            cameo = rules_code(ev)
            if cameo:
                feats.add(f"cameo={cameo}")
                feats.add(f"cameo2={cameo[:2]}")
            for f in ev.flags or ():
                feats.add(f"flag={f}")
            if ev.mode:
                feats.add(f"mode={ev.mode}")
            if ev.source_code is None:
                feats.add("nosource")
            if ev.target_code is None:
                feats.add("notarget")
    else:
        feats.add("rule=NONE")
    lemma = v.lemma_.lower()
    feats.add(f"v={lemma}")
    main = _main_verb(v.sent)
    if main.i != v.i:
        feats.add(f"main={main.lemma_.lower()}")
        for c in main.children:
            if c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "neg", "aux"):
                feats.add(f"main|{c.dep_}:{_lem(c, actor_tokens)}")
    feats.add(f"vt={v.text.lower()}")
    feats.add(f"vpos={v.pos_}")
    feats.add(f"path={_path(v)}")
    if v.dep_ != "ROOT":
        feats.add(f"vdep={v.dep_}")
        feats.add(f"h={v.head.lemma_.lower()}")
        feats.add(f"h={v.head.lemma_.lower()}>{lemma}")
    for c in v.children:
        dep = c.dep_
        if dep in ("punct", "det", "cc"):
            continue
        feats.add(f"d={dep}:{_lem(c, actor_tokens)}")
        feats.add(f"{lemma}|{dep}:{_lem(c, actor_tokens)}")
        if dep == "neg":
            feats.add("neg")
        elif dep in ("aux", "auxpass"):
            if c.lemma_.lower() in _MODALS:
                feats.add(f"modal={c.lemma_.lower()}")
            if dep == "auxpass":
                feats.add("passive")
        elif dep == "prep":
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    feats.add(f"p={c.lemma_.lower()}:{_lem(p, actor_tokens)}")
                    feats.add(f"{lemma}|p={c.lemma_.lower()}:{_lem(p, actor_tokens)}")
        elif dep in ("xcomp", "ccomp"):
            feats.add(f"x={c.lemma_.lower()}")
            for cc in c.children:
                if cc.dep_ in ("dobj", "prep", "neg", "prt"):
                    feats.add(f"x={c.lemma_.lower()}|{cc.dep_}:{_lem(cc, actor_tokens)}")
        elif dep in ("dobj", "attr", "nsubj", "nsubjpass"):
            for cc in c.children:
                if cc.dep_ in ("compound", "amod", "prep"):
                    feats.add(f"{dep}>{cc.dep_}:{_lem(cc, actor_tokens)}")
    sent = doc.char_span(a.sent_start, a.sent_end, alignment_mode="expand")
    if sent is not None:
        prev = None
        for t in sent:
            if t.pos_ in _SKIP_POS or t.is_space:
                continue
            w = _lem(t, actor_tokens)
            if w == prev:
                continue
            feats.add(f"w={w}")
            if prev is not None:
                feats.add(f"w2={prev}_{w}")
            prev = w
    return sorted(feats)


def dense_features(doc, a: Anchor, actor_tokens: set[int]) -> np.ndarray:
    """The anchor verb's contextual vector and the mean over the sentence's words (actors left out), each of
    unit length, from spaCy's tok2vec output (``doc.tensor``); zeros when the pipeline has none."""
    width = doc.tensor.shape[1] if doc.tensor is not None and len(doc.tensor) == len(doc) else 0
    if not width:
        return np.zeros(N_DENSE * DENSE_WIDTH)
    v = doc[a.token]
    vec = np.asarray(doc.tensor[a.token], dtype=np.float64)
    rows = [t.i for t in v.sent if t.i not in actor_tokens and not t.is_punct] or [a.token]
    mean = np.asarray(doc.tensor[rows], dtype=np.float64).mean(axis=0)
    obj = [c.i for c in v.children if c.dep_ in ("dobj", "attr", "xcomp", "ccomp", "prep", "prt", "acomp")]
    objv = np.asarray(doc.tensor[obj], dtype=np.float64).mean(axis=0) if obj else np.zeros(width)
    out = np.zeros(N_DENSE * DENSE_WIDTH)
    for k, x in enumerate((vec, mean, objv)):
        x = x[:DENSE_WIDTH]
        out[k * DENSE_WIDTH : k * DENSE_WIDTH + len(x)] = x / (float(np.linalg.norm(x)) or 1.0)
    return out
