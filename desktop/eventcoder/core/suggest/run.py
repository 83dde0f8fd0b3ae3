"""Run a coder over stored documents and save what it finds; the CAMEO mapping stage.

:func:`code_documents_with` codes documents with the coder it is given and stores the suggestions (the
pipeline, :mod:`eventcoder.core.pipeline`, assembles that coder for a project: rules, mapping, learner).
:class:`MappedCoder` is the mapping stage: a scheme with a ``cameo_mapping`` and no verb dictionaries of its
own (PLOVER) is coded with the built-in CAMEO verb dictionary and each CAMEO code mapped to the scheme's type
and mode; the mapping is recorded in the event's provenance (:mod:`eventcoder.core.provenance`).

A document longer than the spaCy parser takes at once (``nlp.max_length``) is coded in parts cut at
paragraph boundaries (:func:`eventcoder.core.suggest.nlp.text_parts`), and what each part gives is moved
back to the document's own offsets. A document that cannot be coded is skipped, with why, and the batch goes on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import EventCoderError, StoreError
from ..model import MAX_DOCUMENT_CHARS, CodedDocument, Layer
from ..provenance import Mapping, Provenance, provenance_of
from ..store import Project
from .nlp import PART_CHARS, text_parts
from .roles import drop_unused_role_spans

if TYPE_CHECKING:
    from ..schemes import CodingScheme

MAPPED_FROM = "CAMEO"  # the scheme whose codes a ``cameo_mapping`` maps


class CoderOnTop:
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


class MappedCoder(CoderOnTop):
    """The CAMEO rule coder whose codes are mapped to a scheme's types through its ``cameo_mapping``.

    Events whose CAMEO code maps to nothing (01x statements) are dropped; the trigger span takes the
    scheme's type; the CAMEO code is kept in the event's provenance (``mapping``) and shown in its evidence.
    """

    def __init__(self, inner, scheme: CodingScheme) -> None:
        self.inner = inner
        self.scheme = scheme

    def code_doc(self, doc, date: str | None = None) -> CodedDocument:
        return map_coded(self.inner.code_doc(doc, date), self.scheme)


def map_coded(coded: CodedDocument, scheme: CodingScheme) -> CodedDocument:
    """Map a CAMEO coding to ``scheme`` (in place, returned): types, modes, trigger spans, provenance, evidence.

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
        ev.provenance = (provenance_of(ev) or Provenance()).with_mapping(
            Mapping(MAPPED_FROM, cameo, ptype, mode)).to_dict()
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
        for attr in ("source", "target", "trigger", "location"):
            idx = getattr(ev, attr)
            if idx is not None:
                setattr(ev, attr, new_index.get(idx))
    coded.spans = spans
    coded.events = events
    return drop_unused_role_spans(coded)


BATCH_DOCS = 64  # documents parsed together (spaCy's nlp.pipe) ...
BATCH_CHARS = 3 * PART_CHARS  # ... up to this many characters: the parser's memory grows with the characters


def code_documents_with(
    project: Project,
    scheme: CodingScheme,
    coder,
    document_ids: Iterable[int],
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Code each document with ``coder`` (batched through spaCy) and store the suggestions under ``scheme``;
    one transaction per document. :func:`eventcoder.core.pipeline.code_documents` assembles the coder.

    Totals: ``documents`` (coded and saved), ``spans``, ``events``, ``already_decided`` (as saved);
    ``learned`` (events flagged ``"learned"``: the learner retyped or added them); ``errors``: a list of
    ``(document id, reason)`` for each document skipped because it could not be read, coded or saved (the batch
    goes on without it).

    ``progress(n)`` is called after each document, coded or skipped: the first ``n`` of ``document_ids``
    are done; its ``flush()``, when it has one, once a batch's documents are stored (before the next parse).
    ``should_stop()`` is asked after each document (and between the parts of a long one).
    Only a failure of the project itself is raised (:class:`StoreError`: it cannot be written).
    """
    ids = list(document_ids)
    errors: list[tuple[int, str]] = []
    totals: dict[str, Any] = {
        "documents": 0, "spans": 0, "events": 0, "kept": 0, "already_decided": 0, "learned": 0, "errors": errors
    }
    limit = int(coder.nlp.max_length) if ids else 0  # loads the model: a missing one is raised before anything
    handled = 0

    def finish(doc_id: int, coded: CodedDocument | str) -> bool:
        """Save one document's coding (or note why it has none); True when the run is to stop."""
        nonlocal handled
        if isinstance(coded, str):
            errors.append((doc_id, coded))
        else:
            if coded.discarded is not None:  # a discarded story: no event, so no place of one either
                coded = drop_unused_role_spans(coded)
            try:
                counts = project.save_coded(doc_id, coded, scheme=scheme.name)
            except Exception as exc:  # the transaction rolled back: nothing of it was written
                if not _exists(project, doc_id):
                    errors.append((doc_id, "deleted while the run was coding it"))
                elif isinstance(exc, (StoreError, sqlite3.OperationalError)):
                    # the project cannot be written (disk full, read-only, locked): not this document's fault
                    if isinstance(exc, StoreError):
                        raise
                    raise StoreError(f"cannot save: {exc}") from exc
                else:
                    errors.append((doc_id, f"suggestions could not be saved ({_exception_text(exc)})"))
            else:
                totals["documents"] += 1
                totals["learned"] += sum(1 for e in coded.events if "learned" in (e.flags or ()))
                for key, n in counts.items():  # spans, events, already_decided (and what else the store counts)
                    totals[key] = totals.get(key, 0) + n
        handled += 1
        if progress:
            progress(handled)
        return bool(should_stop and should_stop())

    for batch in _batches(project, ids, limit):
        first = batch[0]
        results: list[CodedDocument | str]
        if first.error is not None:
            results = [first.error]
        elif first.size > limit:
            coded = _code_in_parts(coder, first.text, first.date, min(PART_CHARS, limit), should_stop)
            if coded is None:  # stopped between two parts: nothing of the document is stored
                break
            results = [coded]
        else:
            results = _code_batch(coder, batch)
        stop = False
        for reading, coded in zip(batch, results, strict=True):
            stop = finish(reading.doc_id, coded)
            if stop:
                break
        flush = getattr(progress, "flush", None)  # a recorded run (core/store/runs.py): the batch's count, now
        if flush is not None:
            flush()
        if stop:
            break
    return totals


def _exists(project: Project, doc_id: int) -> bool:
    try:
        project.get_document(doc_id)
    except EventCoderError:
        return False
    return True


@dataclass
class _Reading:
    """A stored document to code, or why it cannot be (``error``)."""

    doc_id: int
    text: Any = ""  # str as the project stores it; a row another program wrote may hold something else
    date: str | None = None
    error: str | None = None

    @property
    def size(self) -> int:
        return len(self.text) if isinstance(self.text, str) else 0


def _read(project: Project, doc_id: int) -> _Reading:
    try:
        doc = project.get_document(doc_id)
    except (EventCoderError, sqlite3.Error, ValueError) as exc:  # deleted, or a row the project cannot read
        return _Reading(doc_id, error=f"cannot be read ({exc})")
    reading = _Reading(doc_id, doc.text, doc.published)
    if reading.size > MAX_DOCUMENT_CHARS:  # stored before import refused such documents
        reading.error = (f"{reading.size:,} characters, over the limit of {MAX_DOCUMENT_CHARS:,} per document; "
                         "split it into articles and import those")
    return reading


def _batches(project: Project, ids: list[int], limit: int) -> Iterator[list[_Reading]]:
    """The documents in order (read as they are needed), in batches to parse together: up to ``BATCH_DOCS``
    documents and ``BATCH_CHARS`` characters; one over ``limit`` (coded in parts) or that cannot be read is a
    batch of its own."""
    batch: list[_Reading] = []
    chars = 0
    for doc_id in ids:
        reading = _read(project, doc_id)
        alone = reading.error is not None or reading.size > limit
        if batch and (alone or len(batch) >= BATCH_DOCS or chars + reading.size > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        if alone:
            yield [reading]
        else:
            batch.append(reading)
            chars += reading.size
    if batch:
        yield batch


def _code_batch(coder, batch: list[_Reading]) -> list[CodedDocument | str]:
    """Each document's coding, or why it failed: parsed together; if that fails, one by one to find which."""
    kept = dict(getattr(coder, "totals", {}))
    try:
        codings: list[CodedDocument | str] = list(
            coder.code_texts(((r.text, r.date) for r in batch), batch_size=len(batch))
        )
        if len(codings) == len(batch):
            return codings
    except Exception:  # one of them cannot be coded: find which, and code the others
        pass
    if kept:
        coder.totals.update(kept)  # the learner's counts of the failed batch are counted again below
    out: list[CodedDocument | str] = []
    for reading in batch:
        try:
            out.append(coder.code_text(reading.text, reading.date))
        except Exception as exc:
            what = "its stored text is not text" if not isinstance(reading.text, str) else _exception_text(exc)
            out.append(f"coding failed ({what})")
    return out


def _code_in_parts(
    coder, text: str, date: str | None, part_chars: int, should_stop: Callable[[], bool] | None
) -> CodedDocument | str | None:
    """Code a document too long to parse at once in parts (:func:`text_parts`), the offsets of what each
    gives moved back to the document's own; None when stopped between two parts, a reason when one failed."""
    pieces: list[tuple[int, CodedDocument]] = []
    for start, end in text_parts(text, part_chars):
        if pieces and should_stop and should_stop():
            return None
        try:
            pieces.append((start, coder.code_text(text[start:end], date)))
        except Exception as exc:
            return f"coding failed in characters {start:,}-{end:,} ({_exception_text(exc)})"
    return merge_parts(pieces)


def merge_parts(pieces: list[tuple[int, CodedDocument]]) -> CodedDocument:
    """One coding of a whole document from the codings of its parts, each with the offset where it starts.

    Offsets become the document's; span indices of events are renumbered. A story discard in any part
    discards the document, as it would have coded whole: no events, no trigger spans.
    """
    out = CodedDocument()
    for offset, coded in pieces:
        first = len(out.spans)
        for span in coded.spans:
            span.start += offset
            span.end += offset
            out.spans.append(span)
        for ev in coded.events:
            for attr in ("source", "target", "trigger", "location"):
                index = getattr(ev, attr)
                if index is not None:
                    setattr(ev, attr, index + first)
            if ev.sentence_start is not None:
                ev.sentence_start += offset
            if ev.sentence_end is not None:
                ev.sentence_end += offset
            out.events.append(ev)
        out.sentences.extend((start + offset, end + offset) for start, end in coded.sentences)
        out.discarded = out.discarded or coded.discarded
    if out.discarded is not None:
        keep = [k for k, span in enumerate(out.spans) if span.layer not in (Layer.TRIGGER.value, Layer.LOCATION.value)]
        out.spans = [out.spans[k] for k in keep]
        out.events = []
    return out


def _exception_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
