"""The trained type learner: its decision on the rule coder's events, alternatives, JSON form.

Its decision on an event is recorded in the event's provenance (``learner``: version, type, probability,
kept / retyped / added, the rules' type and its ranking; :mod:`eventcoder.core.provenance`); the note it
prepends to the evidence is for display only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
from ..provenance import TOP_KEPT, LearnerDecision, Provenance, provenance_of, stored_ranking
from ..suggest.roles import complete_roles, drop_unused_role_spans
from .classifier import LogisticModel
from .features import Anchor, anchors

KIND = "type-learner"
FORMAT = 1
NONE = "NONE"  # the class of rejected suggestions: "no event here"
NEVER = 1.01  # a threshold no probability reaches: the rules stand


def resolve_label(label: str, rule_type: str | None) -> str:
    """A class name to a type: an ambiguous old name (``CONCEDE|RETREAT``) takes the rules' type when it is
    one of its targets, else its first target."""
    if "|" not in label:
        return label
    parts = label.split("|")
    return rule_type if rule_type in parts else parts[0]


@dataclass
class TypeLearner:
    model: LogisticModel
    scheme: str
    threshold: float = NEVER  # override the rules' type at or above this probability
    add_threshold: float = NEVER  # add an event where the rules found none at or above this probability
    version: int = 0
    metrics: dict[str, Any] = field(default_factory=dict)
    trained_on: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.threshold < NEVER or self.add_threshold < NEVER

    # ------------------------------------------------------------------ decisions
    def probabilities(self, found: list[Anchor]) -> np.ndarray:
        dense = [a.dense if a.dense is not None else np.zeros(self.model.V.shape[0]) for a in found]
        return self.model.predict_proba([a.features for a in found], np.array(dense) if found else None)

    def ranked(self, probs: np.ndarray, rule_type: str | None, k: int = 3) -> list[tuple[str, float]]:
        """Top ``k`` (type, probability) with old ambiguous names resolved (NONE left out)."""
        out: dict[str, float] = {}
        for j in np.argsort(-probs, kind="stable"):
            name = self.model.classes[j]
            if name == NONE:
                continue
            t = resolve_label(name, rule_type)
            out[t] = out.get(t, 0.0) + float(probs[j])
        return sorted(out.items(), key=lambda kv: -kv[1])[:k]

    def decide(self, probs: np.ndarray, rule_type: str | None, negated: bool = False) -> tuple[str | None, float, bool]:
        """(type or None, probability, whether the learner decided) for one anchor."""
        j = int(np.argmax(probs))
        p = float(probs[j])
        top = self.model.classes[j]
        if rule_type is not None:
            if p >= self.threshold:
                return (None if top == NONE else resolve_label(top, rule_type)), p, True
            return (None if negated else rule_type), p, False
        if top != NONE and p >= self.add_threshold:
            return resolve_label(top, None), p, True
        return None, p, False

    # ------------------------------------------------------------------ applying to a coding
    def apply(self, coded: CodedDocument, doc, lexicon=None) -> CodedDocument:
        """Apply the learner's decision to a coded, parsed document (in place, returned).

        ``lexicon``: :func:`~eventcoder.core.learn.features.lexicon_for` the coder, as in training.
        """
        if not self.active:
            return coded
        found = anchors(doc, coded, empty_sentences=self.add_threshold < NEVER, lexicon=lexicon)
        if not found:
            return coded
        probs = self.probabilities(found)
        drop: set[int] = set()
        for a, pr in zip(found, probs, strict=True):
            new, p, decided = self.decide(pr, a.rule_type, a.negated)
            if not decided:
                continue
            best = self.ranked(pr, a.rule_type, TOP_KEPT)
            top = stored_ranking(best)  # stored in the provenance
            alts = ", ".join(f"{t} {q:.2f}" for t, q in best[:3])  # display only
            if a.rule_type is None:
                self._add_event(coded, doc, a, new, p, alts, top)
                continue
            for k in a.events:
                ev = coded.events[k]
                if new is None:
                    drop.add(k)
                    continue
                note = f"learner {new} {p:.2f} (model v{self.version}; top: {alts})"
                rules_type = ev.event_code
                if new != ev.event_code:
                    note += f"; rules said {ev.event_code}"
                    ev.event_code = new
                    ev.mode = None
                    ev.flags = tuple(f for f in ev.flags if f != "negated") + ("learned",)
                    if ev.trigger is not None:
                        ev.trigger = _retyped_trigger(coded, ev.trigger, new)
                ev.confidence = round(p, 2)
                ev.evidence = f"{note}; {ev.evidence or ''}".rstrip("; ")
                decision = self._decision(new, p, "kept" if new == rules_type else "retyped", rules_type, top)
                ev.provenance = (provenance_of(ev) or Provenance()).with_learner(decision).to_dict()
        if drop:
            coded.events = [e for k, e in enumerate(coded.events) if k not in drop]
        complete_roles(coded, doc)  # the events it added: their empty roles from the grammar
        return drop_unused_role_spans(coded)  # and no phrase left for an event it dropped

    def _decision(self, etype: str, p: float, decision: str, rules_type: str | None,
                  top: tuple[tuple[str, float], ...]) -> LearnerDecision:
        return LearnerDecision(int(self.version or 0), etype, round(p, 4), decision, rules_type, top)

    def _add_event(self, coded: CodedDocument, doc, a: Anchor, etype: str, p: float, alts: str,
                   top: tuple[tuple[str, float], ...] = ()) -> None:
        v = doc[a.token]
        spans = coded.spans
        actor_idx = [
            k for k, s in enumerate(spans) if s.layer == Layer.ACTOR.value and a.sent_start <= s.start < a.sent_end
        ]
        subj_chars = set()
        obj_chars = set()
        for c in v.children:
            sub = range(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.i < v.i or c.dep_ == "agent":
                subj_chars.update(sub)
            elif c.i > v.i:
                obj_chars.update(sub)
        source = next((k for k in actor_idx if spans[k].start in subj_chars), None)
        target = next((k for k in actor_idx if spans[k].start in obj_chars and k != source), None)
        if source is None:
            source = next((k for k in actor_idx if spans[k].start < v.idx and k != target), None)
        trig = SuggestedSpan(
            start=v.idx,
            end=v.idx + len(v.text),
            text=v.text,
            layer=Layer.TRIGGER.value,
            code=etype,
            confidence=round(p, 2),
            evidence=f"learner {etype} {p:.2f} (model v{self.version})",
        )
        spans.append(trig)
        coded.events.append(
            SuggestedEvent(
                event_code=etype,
                source_code=spans[source].code if source is not None else None,
                target_code=spans[target].code if target is not None else None,
                source=source,
                target=target,
                trigger=len(spans) - 1,
                sentence_start=a.sent_start,
                sentence_end=a.sent_end,
                confidence=round(p, 2),
                evidence=f"learner {etype} {p:.2f} (model v{self.version}; top: {alts}); the rules found no event",
                flags=("learned",),
                provenance=Provenance(learner=self._decision(etype, p, "added", None, top)).to_dict(),
            )
        )

    # ------------------------------------------------------------------ storage
    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "kind": KIND,
            "scheme": self.scheme,
            "threshold": self.threshold,
            "add_threshold": self.add_threshold,
            "model": self.model.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict, version: int = 0, metrics=None, trained_on=None) -> TypeLearner:
        if data.get("format") != FORMAT or data.get("kind") != KIND:
            raise ValueError(f"unknown model format {data.get('kind')}/{data.get('format')}")
        return cls(
            model=LogisticModel.from_dict(data["model"]),
            scheme=data["scheme"],
            threshold=float(data["threshold"]),
            add_threshold=float(data["add_threshold"]),
            version=version,
            metrics=metrics or {},
            trained_on=trained_on or {},
        )


def _retyped_trigger(coded: CodedDocument, index: int, code: str) -> int:
    """The trigger span at the same place with ``code`` (a new one when the old one is shared)."""
    old = coded.spans[index]
    users = sum(1 for e in coded.events if e.trigger == index)
    if users <= 1:
        old.code = code
        return index
    for k, s in enumerate(coded.spans):
        if s.layer == old.layer and (s.start, s.end, s.code) == (old.start, old.end, code):
            return k
    coded.spans.append(
        SuggestedSpan(
            start=old.start,
            end=old.end,
            text=old.text,
            layer=old.layer,
            code=code,
            confidence=old.confidence,
            evidence=old.evidence,
        )
    )
    return len(coded.spans) - 1
