"""Run the suggestion engine over stored documents and save what it finds (CLI and window share this).

A scheme with its own verb dictionaries is coded with them. A scheme with a ``cameo_mapping`` and no verb
dictionaries (PLOVER) is coded with the built-in CAMEO verb dictionary (and its own actor dictionaries)
and each CAMEO code is mapped to the scheme's type and mode (:class:`MappedCoder`). When the project
holds a trained type learner for the scheme (``eventcoder train``), its decision replaces the event
type where it applies (:mod:`eventcoder.core.learn`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import CodedDocument, Layer
from ..store import Project
from .roles import drop_unused_role_spans

if TYPE_CHECKING:
    from ..schemes import CodingScheme

_CODERS: dict[str, object] = {}
_LOCK = threading.Lock()


def needs_cameo_mapping(scheme: CodingScheme) -> bool:
    """A scheme that maps CAMEO codes to its own types and brings no verb dictionary of its own."""
    dicts = getattr(scheme, "dictionaries", {}) or {}
    inline = getattr(scheme, "inline_dictionaries", {}) or {}
    return bool(getattr(scheme, "cameo_mapping", None)) and not dicts.get("verbs") and not inline.get("verbs")


class _CoderOnTop:
    """A coder that post-processes another's codings (same interface as ``EventCoder``): subclasses say
    what ``code_doc`` does with the inner coding; parsing is the inner coder's spaCy pipeline, batched."""

    inner = None

    @property
    def nlp(self):
        return self.inner.nlp

    @property
    def problems(self):
        return self.inner.problems

    def code_doc(self, doc, date: str | None = None) -> CodedDocument:
        raise NotImplementedError

    def code_text(self, text: str, date: str | None = None) -> CodedDocument:
        return self.code_doc(self.nlp(text), date)

    def code_texts(
        self, items: Iterable[tuple[str, str | None]], batch_size: int | None = None
    ) -> Iterator[CodedDocument]:
        for doc, date in self.nlp.pipe(items, as_tuples=True, batch_size=batch_size or 64):
            yield self.code_doc(doc, date)


class MappedCoder(_CoderOnTop):
    """The CAMEO rule coder whose codes are mapped to a scheme's types through its ``cameo_mapping``.

    Events whose CAMEO code maps to nothing (01x statements) are dropped; the trigger span takes the
    scheme's type; the CAMEO code stays in the evidence.
    """

    def __init__(self, inner, scheme: CodingScheme) -> None:
        self.inner = inner
        self.scheme = scheme

    def code_doc(self, doc, date: str | None = None) -> CodedDocument:
        return map_coded(self.inner.code_doc(doc, date), self.scheme)


def map_coded(coded: CodedDocument, scheme: CodingScheme) -> CodedDocument:
    """Map a CAMEO coding to ``scheme`` (in place, returned): types, modes, trigger spans, evidence.

    The reverse event of a paired code (``[042:043]``: A visited B, B hosted A; flagged ``"reverse"``)
    is dropped when its type and mode are those of the forward event it came with: the scheme does
    not tell the two apart, so it would be the same event twice.
    """
    events = []
    seen = set()
    trigger_code: dict[int, str] = {}

    def where(ev) -> tuple:
        span = coded.spans[ev.trigger] if ev.trigger is not None and ev.trigger < len(coded.spans) else None
        return (ev.sentence_start, (span.start, span.end) if span is not None else None)

    forward = {
        (*where(ev), ev.source_code, ev.target_code): scheme.from_cameo(ev.event_code)
        for ev in coded.events
        if "reverse" not in (ev.flags or ())
    }
    for ev in coded.events:
        mapped = scheme.from_cameo(ev.event_code)
        if mapped is None:
            continue
        if "reverse" in (ev.flags or ()) and forward.get((*where(ev), ev.target_code, ev.source_code)) == mapped:
            continue
        ptype, mode = mapped
        key = (ptype, ev.source_code, ev.target_code, ev.sentence_start, ev.trigger)
        if key in seen:
            continue
        seen.add(key)
        cameo = ev.event_code
        ev.event_code = ptype
        ev.mode = mode
        ev.evidence = f"CAMEO {cameo} -> {ptype}{'/' + mode if mode else ''}; {ev.evidence or ''}".rstrip("; ")
        if ev.trigger is not None:
            trigger_code[ev.trigger] = ptype
        events.append(ev)
    # trigger spans: keep those an event uses (with the mapped type), drop the others, re-index
    new_index: dict[int, int] = {}
    spans = []
    for k, span in enumerate(coded.spans):
        if span.layer == Layer.TRIGGER.value:
            if k not in trigger_code:
                continue
            span.code = trigger_code[k]
        new_index[k] = len(spans)
        spans.append(span)
    for ev in events:
        for attr in ("source", "target", "trigger"):
            idx = getattr(ev, attr)
            if idx is not None:
                setattr(ev, attr, new_index.get(idx))
    coded.spans = spans
    coded.events = events
    return drop_unused_role_spans(coded)


def coder_for(scheme: CodingScheme):
    """One compiled coder per scheme content per process (model and dictionaries load once)."""
    from .coder import EventCoder

    key = scheme.content_hash
    with _LOCK:
        if key not in _CODERS:
            if needs_cameo_mapping(scheme):
                _CODERS[key] = MappedCoder(_cameo_coder(scheme), scheme)
            else:
                _CODERS[key] = EventCoder.from_scheme(scheme)
        return _CODERS[key]


def _cameo_coder(scheme: CodingScheme):
    """The built-in CAMEO verb dictionary with the scheme's own actor, agent and discard dictionaries."""
    from ..schemes import load_scheme
    from .coder import EventCoder

    cameo = load_scheme("cameo")
    dicts = {k: list(v) for k, v in (getattr(scheme, "dictionaries", {}) or {}).items()}
    for kind in ("actors", "agents", "discards"):
        if not dicts.get(kind):
            dicts[kind] = list(cameo.dictionaries.get(kind, []))
    return EventCoder.from_files(
        verbs=cameo.dictionaries.get("verbs", []),
        actors=dicts.get("actors", []),
        agents=dicts.get("agents", []),
        discards=dicts.get("discards", []),
        scheme=scheme,
    )


class LearnedCoder(_CoderOnTop):
    """A coder whose suggestions the project's stored type learner then decides: what ``eventcoder code``
    stores and ``eventcoder evaluate --db`` scores. ``totals`` counts what the learner did (LEARNER_KEYS)."""

    def __init__(self, inner, learner, scheme: CodingScheme) -> None:
        from ..learn.features import lexicon_for

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


def code_documents(
    project: Project,
    scheme: CodingScheme,
    document_ids: Iterable[int],
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Code each document (batched through spaCy) and store suggestions; one transaction per document.

    With a type learner stored in the project for this scheme, its decision is applied to each event.
    Totals: ``documents``, ``spans``, ``events``, ``already_decided`` (as saved); ``learned`` (events
    the learner retyped or added); with a learner, ``model_version`` and what it decided:
    ``learner_decided`` (every event it decided: ``learner_confirmed`` kept the rules' type,
    ``learner_retyped``, ``learner_added`` where the rules found none, ``learner_dropped``).
    """
    from ..learn import load_model

    coder = coder_for(scheme)
    learner = load_model(project, scheme)
    if learner is not None:
        coder = LearnedCoder(coder, learner, scheme)
    ids = list(document_ids)
    totals = {"documents": 0, "spans": 0, "events": 0, "already_decided": 0, "learned": 0}

    def texts():
        for doc_id in ids:
            doc = project.get_document(doc_id)
            yield doc.text, doc.published

    for doc_id, coded in zip(ids, coder.code_texts(texts()), strict=False):
        counts = project.save_coded(doc_id, coded, scheme=scheme.name)
        totals["documents"] += 1
        totals["learned"] += sum(1 for e in coded.events if "learned" in (e.flags or ()))
        for key in ("spans", "events", "already_decided"):
            totals[key] += counts[key]
        if progress:
            progress(totals["documents"])
        if should_stop and should_stop():
            break
    if learner is not None:
        totals["model_version"] = int(getattr(learner, "version", 0) or 0)
        totals.update(coder.totals)
    return totals


LEARNER_KEYS = ("learner_decided", "learner_confirmed", "learner_retyped", "learner_added", "learner_dropped")


def learner_counts(before: list, coded: CodedDocument) -> dict[str, int]:
    """What the type learner did to a coding whose events were ``before`` (the objects, before ``apply``).

    The learner changes events in place: an event not among ``before`` was added, one flagged
    ``"learned"`` was retyped, one carrying the learner's evidence (``learner TYPE p (model vN ...)``)
    without the flag kept the rules' type, one of ``before`` that is gone was dropped.
    """
    old = {id(e) for e in before}
    now = {id(e) for e in coded.events}
    added = sum(1 for e in coded.events if id(e) not in old)
    retyped = sum(1 for e in coded.events if id(e) in old and "learned" in (e.flags or ()))
    confirmed = sum(
        1 for e in coded.events
        if id(e) in old and "learned" not in (e.flags or ()) and (e.evidence or "").startswith("learner ")
    )
    dropped = len(old - now)
    return {
        "learner_decided": confirmed + retyped + added + dropped,
        "learner_confirmed": confirmed,
        "learner_retyped": retyped,
        "learner_added": added,
        "learner_dropped": dropped,
    }
