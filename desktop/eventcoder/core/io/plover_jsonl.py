"""PLOVER JSON Lines import (the export lives with the CSV writer in ``exporters.py``).

A record names its event type (``event``: a string or a list of categories), its ``actor`` and
``recipient`` entity lists (``{code, sector, entity_text[, actor_code]}``) and the ``text`` it was
coded from. Records are attached to a project document by ``document_id`` when that document
contains the text, else to the document with the same text, else a new document is made from the
text. A record with several actors or recipients (compound or reciprocal events) gives one event per
actor-recipient pair. Entity texts are found in the record's text and become actor spans.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ImportRefused
from ..model import Document, Event, Origin, Span, Status
from .dates import normalise_date
from .importers import SNIFFERS, AnnotatedDocument, importer
from .textfiles import read_text


def _sniff(path: Path) -> str | None:
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    if isinstance(record, dict) and "event" in record and ("actor" in record or "source" in record):
                        return "plover"
                    return None
    except (OSError, ValueError):
        return None
    return None


SNIFFERS.append(_sniff)


def _entities(value: Any, where: str) -> list[dict[str, Any]]:
    if value in (None, "", []):
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ImportRefused(f"{where}: actor/recipient must be a list of entity objects")
    return value


def _actor_code(entity: dict[str, Any]) -> str | None:
    if entity.get("actor_code"):
        return str(entity["actor_code"])
    code = str(entity.get("code") or "")
    sector = str(entity.get("sector") or "")
    return (code + sector) or None


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v]
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


@importer("plover")
def read_plover(path: Path) -> list[Document | AnnotatedDocument]:
    content = read_text(path)
    groups: dict[tuple[Any, str], AnnotatedDocument] = {}
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportRefused(f"{where}: invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ImportRefused(f"{where}: a record must be a JSON object")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ImportRefused(f"{where}: missing or empty 'text'")
        events = _as_list(record.get("event"))
        if not events:
            raise ImportRefused(f"{where}: missing 'event'")
        try:
            date = normalise_date(record.get("date"))
        except ValueError as exc:
            raise ImportRefused(f"{where}: {exc}") from exc
        actors = _entities(record.get("actor", record.get("source")), where) or [{}]
        recipients = _entities(record.get("recipient", record.get("target")), where) or [{}]
        doc_ref = record.get("document_id")
        key = (doc_ref, text)
        item = groups.get(key)
        if item is None:
            attach = int(doc_ref) if isinstance(doc_ref, (int, str)) and str(doc_ref).isdigit() else None
            item = AnnotatedDocument(Document(text=text, published=date, title=text[:80]), attach_to=attach)
            groups[key] = item

        status = str(record.get("status") or Status.ACCEPTED.value)
        if status not in {s.value for s in Status}:
            raise ImportRefused(f"{where}: unknown status {status!r}")

        def span_for(
            entity: dict[str, Any], item: AnnotatedDocument = item, text: str = text, status: str = status
        ) -> int | None:
            words = str(entity.get("entity_text") or "").strip()
            start = text.find(words) if words else -1
            if start < 0:
                return None
            for i, span in enumerate(item.spans):
                if (span.start, span.end) == (start, start + len(words)):
                    return i
            item.spans.append(
                Span(0, start, start + len(words), words, layer="actor", code=_actor_code(entity), status=status)
            )
            return len(item.spans) - 1

        coder = record.get("coder")
        for code in events:
            for actor in actors:
                for recipient in recipients:
                    item.events.append(
                        Event(
                            0,
                            event_code=code,
                            source_code=_actor_code(actor),
                            target_code=_actor_code(recipient),
                            source_span_id=span_for(actor) if actor else None,
                            target_span_id=span_for(recipient) if recipient else None,
                            sentence_start=0,
                            sentence_end=len(text),
                            date=date,
                            mode="|".join(_as_list(record.get("mode"))) or None,
                            context="|".join(_as_list(record.get("context"))) or None,
                            status=status,
                            origin=Origin.HUMAN.value if coder != "model" else Origin.MODEL.value,
                            annotator=str(coder) if coder and coder != "model" else None,
                        )
                    )
    if not groups:
        raise ImportRefused(f"{path}: no records")
    return list(groups.values())
