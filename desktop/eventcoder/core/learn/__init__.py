"""The type learner: a classifier for the event type of a suggested event, trained on the project's codings.

API for the CLI and the window (core only; never imports Qt):

* :func:`train` ``(project, scheme, extra=[...], coder=RULES) -> TrainReport`` -- cross-validates, chooses the
  threshold, stores the model in the project file (a new version). Call it from a worker with its own
  ``Project``; :func:`eventcoder.core.pipeline.train` passes the scheme's rule coder.
* :func:`load_model` ``(project, scheme=None) -> TypeLearner | None`` -- the newest stored model.
* :func:`model_status` ``(project, scheme=None) -> (version, figure)`` -- figure: cross-validated type F1.
* :func:`rank_types` ``(learner, coder, scheme, sentence, date, trigger_at, k=3) -> [(type, probability)]`` --
  its ranking for an event in a sentence parsed afresh (the editor's 1/2/3 through
  :func:`eventcoder.core.pipeline.alternatives`).
* :class:`LearnedCoder` -- a rule coder whose events the learner decides (the pipeline assembles it).
* :func:`codings_since_model` ``(project, scheme)`` -- analysts' changes since the model was trained (the
  window retrains after :data:`RETRAIN_EVERY`).
* :func:`most_useful_order` ``(project, doc_ids) -> [doc_id]`` and :func:`least_confident_events` -- what to
  code next: least confident suggestions first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventcoder.core.suggest.nlp import sentence_offsets

from .coder import LEARNER_KEYS, LearnedCoder, learner_counts
from .features import Anchor, _actor_tokens, anchors, dense_features, features, lexicon_for
from .learner import KIND, NONE, TypeLearner
from .train import (
    RETRAIN_EVERY,
    TrainingCancelled,
    TrainReport,
    codings_since_model,
    cross_validate,
    load_model,
    model_status,
    model_summary,
    records_from_gold,
    save_model,
    train,
)

if TYPE_CHECKING:
    from ..schemes import CodingScheme
    from ..store import Project

__all__ = [
    "KIND",
    "LEARNER_KEYS",
    "NONE",
    "RETRAIN_EVERY",
    "LearnedCoder",
    "TrainReport",
    "TrainingCancelled",
    "TypeLearner",
    "codings_since_model",
    "cross_validate",
    "learner_counts",
    "least_confident_events",
    "load_model",
    "model_status",
    "model_summary",
    "most_useful_order",
    "rank_types",
    "records_from_gold",
    "save_model",
    "train",
]


def rank_types(learner: TypeLearner, coder, scheme: CodingScheme, sentence: str, date: str | None,
               trigger_at: int | None, k: int = 3) -> list[tuple[str, float]]:
    """The learner's top ``k`` types for the event whose trigger starts ``trigger_at`` characters into
    ``sentence`` (None: the sentence's first event), most probable first; [] when nothing there can be ranked.

    Parses and codes the sentence with ``coder`` (the scheme's rule coder; a few ms): call it when the editor
    opens, not per repaint.
    """
    doc = coder.nlp(sentence)
    coded = coder.code_doc(doc, date)
    lex = lexicon_for(coder, scheme)
    found = anchors(doc, coded, lexicon=lex)
    anchor = None
    if trigger_at is not None:
        rel = trigger_at
        anchor = next((a for a in found if doc[a.token].idx <= rel < doc[a.token].idx + len(doc[a.token].text)), None)
        if anchor is None:
            tok = next((t for t in doc if t.idx <= rel < t.idx + max(len(t.text), 1)), None)
            if tok is not None:
                anchor = Anchor(tok.i, *sentence_offsets(tok.sent))
                actor_tokens = _actor_tokens(doc, coded)
                anchor.features = features(doc, anchor, coded, actor_tokens, lex)
                anchor.dense = dense_features(doc, anchor, actor_tokens)
    if anchor is None:
        anchor = next((a for a in found if a.rule_type is not None), found[0] if found else None)
    if anchor is None:
        return []
    probs = learner.probabilities([anchor])[0]
    return learner.ranked(probs, anchor.rule_type, k)


def least_confident_events(project: Project, doc_ids: Iterable[int] | None = None) -> list[int]:
    """Pending suggestions, least confident first (ties: document, position)."""
    return project.pending_events_by_confidence(list(doc_ids) if doc_ids is not None else None)


def most_useful_order(project: Project, doc_ids: Iterable[int]) -> list[int]:
    """``doc_ids`` in the order worth coding next (:meth:`Project.ordered_document_ids`, ``useful``): the least
    confident pending suggestion first, documents with nothing pending and done ones after."""
    wanted = set(doc_ids)
    return [d for d in project.ordered_document_ids(order="useful") if d in wanted]
