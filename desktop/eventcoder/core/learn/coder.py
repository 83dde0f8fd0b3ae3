"""A rule coder whose suggestions the stored type learner then decides, and the counts of what it decided."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import CodedDocument
from ..provenance import learner_decision
from ..suggest.run import CoderOnTop
from .features import lexicon_for

if TYPE_CHECKING:
    from ..schemes import CodingScheme
    from .learner import TypeLearner

LEARNER_KEYS = ("learner_decided", "learner_confirmed", "learner_retyped", "learner_added", "learner_dropped")


class LearnedCoder(CoderOnTop):
    """A coder whose suggestions the project's stored type learner then decides: what ``eventcoder code``
    stores and ``eventcoder evaluate --db`` scores. ``totals`` counts what the learner did (LEARNER_KEYS).
    Assembled by :mod:`eventcoder.core.pipeline`."""

    def __init__(self, inner, learner: TypeLearner, scheme: CodingScheme) -> None:
        self.inner = inner
        self.learner = learner
        self.lexicon = lexicon_for(inner, scheme)
        self.totals = dict.fromkeys(LEARNER_KEYS, 0)

    def code_doc(self, doc, date: str | None = None) -> CodedDocument:
        coded = self.inner.code_doc(doc, date)
        before = list(coded.events)
        coded = self.learner.apply(coded, doc, self.lexicon)
        for key, n in learner_counts(before, coded).items():
            self.totals[key] += n
        return coded


def learner_counts(before: list, coded: CodedDocument) -> dict[str, int]:
    """What the type learner did to a coding whose events were ``before`` (the objects, before ``apply``).

    Read from each event's provenance (``learner.decision``): ``kept`` the rules' type (confirmed), ``retyped``,
    ``added`` where the rules found none; an event of ``before`` that is gone was dropped.
    """
    old = {id(e) for e in before}
    now = {id(e) for e in coded.events}
    decisions = [(id(e) in old, learner_decision(e)) for e in coded.events]
    added = sum(1 for was_there, _d in decisions if not was_there)
    retyped = sum(1 for was_there, d in decisions if was_there and d == "retyped")
    confirmed = sum(1 for was_there, d in decisions if was_there and d == "kept")
    dropped = len(old - now)
    return {
        "learner_decided": confirmed + retyped + added + dropped,
        "learner_confirmed": confirmed,
        "learner_retyped": retyped,
        "learner_added": added,
        "learner_dropped": dropped,
    }
