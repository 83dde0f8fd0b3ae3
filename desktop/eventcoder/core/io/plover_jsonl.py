"""PLOVER JSON Lines import (the export lives with the CSV writer in ``exporters.py``).

A record names its event type (``event``: a string or a list of categories), its ``actor`` and
``recipient`` entity lists (``{code, sector, entity_text[, actor_code]}``) and the ``text`` it was
coded from. Records are attached to a project document by ``document_id`` when that document
contains the text, else to the document with the same text, else a new document is made from the
text. A record with several actors or recipients (compound or reciprocal events) gives one event per
actor-recipient pair. Entity texts are found in the record's text and become actor spans.

Codes (``event``, ``mode``, ``context``, an entity's ``code``, ``sector``, ``actor_code``) must be text: a
number or an object there refuses the file (``042`` and ``42`` are different codes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ImportRefused
from ..model import Document, Event, Origin, Span, Status
from ..schemes import join_values
from .import_base import SNIFFERS, AnnotatedDocument, importer, load_json_line, record_date, record_text
from .textfiles import read_text, title_of

_MAX_ID = 2**63 - 1  # SQLite's largest integer: no document has a larger id


def _sniff(path: Path) -> str | None:
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return None
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    record = load_json_line(line, str(path))
                    if isinstance(record, dict) and _names_an_event(record):
                        return "plover"
                    return None
    except (OSError, ImportRefused):
        return None
    return None


SNIFFERS.append(_sniff)

_EVENT_FIELDS = ("actor", "source", "recipient", "target", "coder", "status", "mode", "context", "event_text")
NOT_A_PERSON = frozenset({"", "model", "human"})  # what an export writes as ``coder`` when nobody is named


def _names_an_event(record: dict[str, Any]) -> bool:
    """A coded record: an ``event`` code (or list of codes) with its text, or ``event`` beside PLOVER's fields.
    A record whose ``event`` is a code is never imported as a bare article (its coding would be lost)."""
    if "event" not in record:
        return False
    event = record["event"]
    coded = isinstance(event, str) and event.strip() or isinstance(event, list) and bool(event)
    return bool(coded and "text" in record) or any(k in record for k in _EVENT_FIELDS)


def decided_by(coder: str | None, status: str) -> tuple[str, str | None]:
    """(origin, annotator) of an imported coding. An accepted or rejected coding is a person's decision: its
    annotator is the record's ``coder`` when that names a person, else None (the store then records whoever
    imports: ``--annotator`` or the current annotator). A suggestion stays the model's unless a person is named."""
    person = None if coder is None or coder.strip().lower() in NOT_A_PERSON else coder.strip()
    if status == Status.SUGGESTED.value and person is None:
        return Origin.MODEL.value, None
    return Origin.HUMAN.value, person


def _entities(value: Any, where: str) -> list[dict[str, Any]]:
    if value in (None, "", []):
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ImportRefused(f"{where}: actor/recipient must be a list of entity objects")
    return value


def _text_field(mapping: dict[str, Any], key: str, where: str, what: str = "text") -> str:
    """``mapping[key]`` as text ("" when absent or null); anything else but a string refuses the file."""
    value = mapping.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportRefused(f"{where}: '{key}' must be {what}, not {_kind(value)}")
    return value


def _actor_code(entity: dict[str, Any], where: str) -> str | None:
    what = 'a code (text: "IND", not a number)'
    actor_code = _text_field(entity, "actor_code", where, what)
    code = _text_field(entity, "code", where, what)
    sector = _text_field(entity, "sector", where, what)
    return actor_code or (code + sector) or None


def _codes(value: Any, key: str, where: str) -> list[str]:
    """A code or a list of codes (``"A|B"`` is two); a number, an object or a list holding one refuses."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v]
    if isinstance(value, list) and all(v is None or isinstance(v, str) for v in value):
        return [v for v in value if v]
    kind = _kind(value) if not isinstance(value, list) else "a list holding " + next(
        _kind(v) for v in value if v is not None and not isinstance(v, str)
    )
    raise ImportRefused(f"{where}: '{key}' must be a code or a list of codes (text, like \"042\"), not {kind}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _document_ref(value: Any, where: str) -> tuple[Any, int | None]:
    """(grouping key, id of the project document to attach to) for a record's ``document_id``.

    A whole number (or a string of the digits 0-9) names a project document; another string only groups
    records. A string of other digits (``"²"``, ``"٣"``) and a non-scalar refuse the file.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ImportRefused(f"{where}: 'document_id' must be a document id (a whole number), not {_kind(value)}")
    number: int | None = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit():
            number = int(digits)
        elif digits.isnumeric():
            raise ImportRefused(f"{where}: 'document_id' {value!r} is not a number: write it with the digits 0-9")
    return value, number if number is not None and 0 < number <= _MAX_ID else None


@importer("plover")
def read_plover(path: Path) -> list[Document | AnnotatedDocument]:
    content = read_text(path)
    groups: dict[tuple[Any, str], AnnotatedDocument] = {}
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        record = load_json_line(line, where)
        text = record_text(record, where)
        events = _codes(record.get("event"), "event", where)
        if not events:
            raise ImportRefused(f"{where}: missing 'event'")
        date = record_date(record, where)
        actors = _entities(record.get("actor", record.get("source")), where) or [{}]
        recipients = _entities(record.get("recipient", record.get("target")), where) or [{}]
        doc_ref, attach = _document_ref(record.get("document_id"), where)
        key = (doc_ref, text)
        item = groups.get(key)
        if item is None:
            item = AnnotatedDocument(Document(text=text, published=date, title=title_of(text)), attach_to=attach)
            groups[key] = item

        status = str(record.get("status") or Status.ACCEPTED.value)
        if status not in {s.value for s in Status}:
            raise ImportRefused(f"{where}: unknown status {status!r}")

        mode = "|".join(_codes(record.get("mode"), "mode", where)) or None
        context = join_values(_codes(record.get("context"), "context", where))
        origin, annotator = decided_by(_text_field(record, "coder", where) or None, status)
        note = _text_field(record, "note", where).strip() or None  # the export writes the analyst's note here
        codes = {id(entity): _actor_code(entity, where) for entity in (*actors, *recipients)}
        words_of = {id(entity): _text_field(entity, "entity_text", where).strip() for entity in (*actors, *recipients)}

        def span_for(
            entity: dict[str, Any],
            item: AnnotatedDocument = item,
            text: str = text,
            status: str = status,
            codes: dict[int, str | None] = codes,
            words_of: dict[int, str] = words_of,
        ) -> int | None:
            words = words_of[id(entity)]
            start = text.find(words) if words else -1
            if start < 0:
                return None
            for i, span in enumerate(item.spans):
                if (span.start, span.end) == (start, start + len(words)):
                    return i
            item.spans.append(
                Span(0, start, start + len(words), words, layer="actor", code=codes[id(entity)], status=status)
            )
            return len(item.spans) - 1

        for code in events:
            for actor in actors:
                for recipient in recipients:
                    item.events.append(
                        Event(
                            0,
                            event_code=code,
                            source_code=codes[id(actor)],
                            target_code=codes[id(recipient)],
                            source_span_id=span_for(actor) if actor else None,
                            target_span_id=span_for(recipient) if recipient else None,
                            sentence_start=0,
                            sentence_end=len(text),
                            date=date,
                            mode=mode,
                            context=context,
                            status=status,
                            origin=origin,
                            annotator=annotator,
                            note=note,
                        )
                    )
                    item.event_lines.append(number)
    if not groups:
        raise ImportRefused(f"{path}: no records")
    return list(groups.values())
