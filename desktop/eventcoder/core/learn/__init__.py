"""The type learner: a classifier for the event type of a suggested event, trained on the project's codings.

API for the CLI and the window (core only; never imports Qt):

* :func:`train` ``(project, scheme, extra=[...]) -> TrainReport`` -- cross-validates, chooses the threshold,
  stores the model in the project file (a new version). Call it from a worker with its own ``Project``.
* :func:`load_model` ``(project, scheme=None) -> TypeLearner | None`` -- the newest stored model.
* :func:`model_status` ``(project, scheme=None) -> (version, figure)`` -- figure: cross-validated type F1.
* :func:`alternatives` ``(project, event, scheme=None, k=3) -> [(type, probability)]`` -- for the editor's 1/2/3.
* :func:`codings_since_model` ``(project, scheme)`` -- analysts' changes since the model was trained (the
  window retrains after :data:`RETRAIN_EVERY`).
* :func:`most_useful_order` ``(project, doc_ids) -> [doc_id]`` and :func:`least_confident_events` -- what to
  code next: least confident suggestions first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

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
    from ..model import Event
    from ..schemes import CodingScheme
    from ..store import Project

__all__ = [
    "KIND",
    "NONE",
    "RETRAIN_EVERY",
    "TrainReport",
    "TrainingCancelled",
    "TypeLearner",
    "alternatives",
    "codings_since_model",
    "cross_validate",
    "least_confident_events",
    "load_model",
    "model_status",
    "model_summary",
    "most_useful_order",
    "records_from_gold",
    "save_model",
    "train",
]


def _scheme_of(project: Project, scheme) -> CodingScheme:
    from ..schemes import load_scheme

    if scheme is None:
        return load_scheme(project.get_meta("scheme") or "cameo")
    return load_scheme(scheme) if isinstance(scheme, str) else scheme


def alternatives(project: Project, event: Event | int, scheme=None, k: int = 3) -> list[tuple[str, float]]:
    """The learner's top ``k`` types for a stored event, most probable first; [] without a model.

    Parses the event's sentence (a few ms): call it when the editor opens, not per repaint.
    """
    from ..suggest.run import coder_for
    from .features import Anchor, _actor_tokens, anchors, dense_features, features, lexicon_for

    if isinstance(event, int):
        event = project.get_event(event)
    sch = _scheme_of(project, scheme)
    learner = load_model(project, sch)
    if learner is None or event.sentence_start is None or event.sentence_end is None:
        return []
    doc_text = project.get_document(event.document_id).text
    text = doc_text[event.sentence_start : event.sentence_end]
    coder = coder_for(sch)
    doc = coder.nlp(text)
    coded = coder.code_doc(doc, event.date)
    lex = lexicon_for(coder, sch)
    found = anchors(doc, coded, lexicon=lex)
    anchor = None
    trig = project.get_span(event.trigger_span_id) if event.trigger_span_id else None
    if trig is not None:
        rel = trig.start - event.sentence_start
        anchor = next((a for a in found if doc[a.token].idx <= rel < doc[a.token].idx + len(doc[a.token].text)), None)
        if anchor is None:
            tok = next((t for t in doc if t.idx <= rel < t.idx + max(len(t.text), 1)), None)
            if tok is not None:
                anchor = Anchor(tok.i, tok.sent.start_char, tok.sent.end_char)
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
