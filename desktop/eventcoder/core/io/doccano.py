"""doccano JSONL (sequence labelling with relations): one line per document.

``entities``: ``{id, label, start_offset, end_offset}`` with the layer as label (``ACTOR``,
``TRIGGER``, ``LOCATION``) and the actor/event code in ``code``; ``relations``: the project's relations
plus one relation per event from its source to its target, typed ``EV_<code>`` (not for a rejected event: an
analyst's "no event here"); ``events`` keeps the
full events (codes, trigger entity) for tools that want them.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from ..store import Project
from .export_base import coded_documents, exporter

if TYPE_CHECKING:
    from ..schemes import CodingScheme


@exporter("doccano", ".jsonl", "doccano JSONL with entities and relations")
def write_doccano(project: Project, out: IO[str], scheme: CodingScheme, status: str | None, **_: Any) -> int:
    count = 0
    for coded in coded_documents(project, status):
        doc, events, spans = coded.document, coded.events, coded.spans
        doc_id = doc.id
        ids = {s.id for s in spans}
        record = {
            "id": doc_id,
            "text": doc.text,
            "title": doc.title,
            "date": doc.published,
            "entities": [
                {"id": s.id, "label": s.layer.upper(), "start_offset": s.start, "end_offset": s.end, "code": s.code}
                for s in spans
            ],
            "relations": [
                {"id": f"r{r.id}", "from_id": r.from_span_id, "to_id": r.to_span_id, "type": r.type}
                for r in project.relations(doc_id)
                if r.from_span_id in ids and r.to_span_id in ids
            ]
            + [
                {"id": f"e{e.id}", "from_id": e.source_span_id, "to_id": e.target_span_id, "type": f"EV_{e.event_code}"}
                for e in events
                if e.source_span_id in ids and e.target_span_id in ids and e.status != "rejected"
            ],
            "events": [
                {
                    "id": e.id,
                    "event_code": e.event_code,
                    "event_label": scheme.label(e.event_code),
                    "source_code": e.source_code,
                    "target_code": e.target_code,
                    "source_id": e.source_span_id,
                    "target_id": e.target_span_id,
                    "trigger_id": e.trigger_span_id,
                    "status": e.status,
                }
                for e in events
            ],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += len(events)
    return count
