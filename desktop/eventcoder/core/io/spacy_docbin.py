"""spaCy export: a ``.spacy`` DocBin ready for ``spacy train`` (span categoriser, text classifier).

Per document: actors in ``doc.spans["actors"]`` (label = actor code, ``ACTOR`` when uncoded),
triggers in ``doc.spans["triggers"]`` (label = event code), locations in ``doc.spans["locations"]``,
``doc.cats`` with every root code of the scheme (1.0 where an event of that root is present; a rejected one is
an analyst's "no event here", 0.0), and the
events as JSON-able dicts (character offsets, codes) in ``doc.user_data["events"]``. Spans are cut
with spaCy's English tokenizer; an offset that does not fall on a token boundary is widened to the
tokens it touches and reported (``warnings``), never dropped silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..store import Project
from .export_base import coded_documents, exporter

if TYPE_CHECKING:
    from ..schemes import CodingScheme

SPAN_KEYS = {"actor": "actors", "trigger": "triggers", "location": "locations", "date": "dates"}


@exporter("spacy", ".spacy", "spaCy DocBin: span groups, cats and events for spacy train", binary=True)
def write_docbin(
    project: Project,
    out: Any,
    scheme: CodingScheme,
    status: str | None,
    warnings: list[str] | None = None,
    **_: Any,
) -> int:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docbin = DocBin(store_user_data=True)
    roots = [et.code for et in scheme.roots()]
    count = 0
    for coded in coded_documents(project, status):
        events, doc_id = coded.events, coded.document.id
        doc = nlp.make_doc(coded.document.text)
        groups: dict[str, list[Any]] = {key: [] for key in SPAN_KEYS.values()}
        for span in coded.spans:
            label = span.code or span.layer.upper()
            cut = doc.char_span(span.start, span.end, label=label)
            if cut is None:
                cut = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
                if warnings is not None:
                    where = f"document {doc_id}: span {span.start}-{span.end} {span.text!r}"
                    warnings.append(
                        f"{where} is not on token boundaries; exported as {cut.text!r}"
                        if cut is not None
                        else f"{where} covers no token; left out"
                    )
                if cut is None:
                    continue
            groups[SPAN_KEYS.get(span.layer, span.layer + "s")].append(cut)
        for key, spans in groups.items():
            doc.spans[key] = spans
        present = {scheme.root(e.event_code) for e in events if e.status != "rejected"}  # rejected: no event
        doc.cats = {root: float(root in present) for root in roots}
        doc.user_data["events"] = [
            {
                "id": e.id,
                "event_code": e.event_code,
                "source_code": e.source_code,
                "target_code": e.target_code,
                "sentence": [e.sentence_start, e.sentence_end],
                "source": _offsets(project, e.source_span_id),
                "target": _offsets(project, e.target_span_id),
                "trigger": _offsets(project, e.trigger_span_id),
                "status": e.status,
            }
            for e in events
        ]
        doc.user_data["document_id"] = doc_id
        docbin.add(doc)
        count += len(events)
    out.write(docbin.to_bytes())
    return count


def _offsets(project: Project, span_id: int | None) -> list[int] | None:
    if span_id is None:
        return None
    span = project.get_span(span_id)
    return [span.start, span.end]
