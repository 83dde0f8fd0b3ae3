"""Run the suggestion engine over stored documents and save what it finds (CLI and window share this)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..store import Project

if TYPE_CHECKING:
    from ..schemes import CodingScheme

_CODERS: dict[str, object] = {}


def coder_for(scheme: CodingScheme):
    """One compiled coder per scheme content per process (model and dictionaries load once)."""
    from .coder import EventCoder

    key = scheme.content_hash
    if key not in _CODERS:
        _CODERS[key] = EventCoder.from_scheme(scheme)
    return _CODERS[key]


def code_documents(
    project: Project,
    scheme: CodingScheme,
    document_ids: Iterable[int],
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Code each document (batched through spaCy) and store suggestions; one transaction per document."""
    coder = coder_for(scheme)
    ids = list(document_ids)
    totals = {"documents": 0, "spans": 0, "events": 0, "already_decided": 0}

    def texts():
        for doc_id in ids:
            doc = project.get_document(doc_id)
            yield doc.text, doc.published

    for doc_id, coded in zip(ids, coder.code_texts(texts()), strict=False):
        counts = project.save_coded(doc_id, coded, scheme=scheme.name)
        totals["documents"] += 1
        for key in ("spans", "events", "already_decided"):
            totals[key] += counts[key]
        if progress:
            progress(totals["documents"])
        if should_stop and should_stop():
            break
    return totals
