"""PLOVER JSON Lines import (the export lives with the CSV writer in ``exporters.py``).

A record names its event type (``event``: a string or a list of categories), its ``actor`` and
``recipient`` entity lists (``{code, sector, entity_text[, actor_code]}``) and the ``text`` it was
coded from. Records are attached to a project document by ``document_id`` when that document
contains the text, else to the document with the same text, else a new document is made from the
text. A record with several actors or recipients (compound or reciprocal events) gives one event per
actor-recipient pair. Entity texts are found in the record's text and become actor spans; the first
``event_text`` becomes the trigger span.

EventCoder's own export writes one record per event with the sentence as ``text`` and, on the first record of
each document, the whole ``document_text``: records with the same ``document_id`` are then one document again
(that text), their sentence, trigger and entities placed by the offsets the export wrote (``sentence_start`` /
``sentence_end``, ``trigger_start`` / ``trigger_end``, entity ``start`` / ``end``) when the words are there, else
found in the sentence. Export -> import -> export gives the same documents, events and triggers.

Codes (``event``, ``mode``, ``context``, an entity's ``code``, ``sector``, ``actor_code``) must be text: a
number or an object there refuses the file (``042`` and ``42`` are different codes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ImportRefused
from ..model import Document, Event, Origin, Span, Status
from ..schemes import join_values
from .import_base import (
    SNIFFERS,
    AnnotatedDocument,
    check_length,
    file_date_order,
    importer,
    load_json_line,
    record_date,
    record_text,
)
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


def _offset_pair(record: dict[str, Any], start_key: str, end_key: str, text: str) -> tuple[int, int] | None:
    """``(record[start_key], record[end_key])`` when both are whole numbers marking a non-empty stretch of
    ``text``, else None (the import then finds the words instead)."""
    start, end = record.get(start_key), record.get(end_key)
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        return None
    return (start, end) if 0 <= start < end <= len(text) else None


def _find(text: str, words: str, within: tuple[int, int], placed: tuple[int, int] | None) -> int:
    """Where ``words`` are in ``text``: at ``placed`` when they are there, else first inside the sentence
    ``within``, else first anywhere; -1 when nowhere."""
    if not words:
        return -1
    if placed is not None and text[placed[0]:placed[1]] == words:
        return placed[0]
    found = text.find(words, within[0], within[1])
    return found if found >= 0 else text.find(words)


def _trigger_text(value: Any, where: str) -> str:
    """The words of the event's trigger: ``event_text`` (PLOVER: a list of texts, the first one; or one text)."""
    if value is None or value == "" or value == []:
        return ""
    first = value[0] if isinstance(value, list) else value
    if not isinstance(first, str) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
        raise ImportRefused(f"{where}: 'event_text' must be the trigger's words (text, or a list of texts), "
                            f"not {_kind(value if not isinstance(value, list) else first)}")
    return first.strip()


def _document_texts(records: list[tuple[int, str, dict[str, Any]]]) -> dict[Any, str]:
    """The whole text of each document an export wrote (``document_text``, on its first record), by its
    ``document_id``: records of one document are then one document again, not one per sentence."""
    texts: dict[Any, str] = {}
    for _number, where, record in records:
        whole = record.get("document_text")
        if whole is None:
            continue
        if not isinstance(whole, str) or not whole.strip():
            raise ImportRefused(f"{where}: 'document_text' must be the document's text")
        check_length(whole, where)
        ref = record.get("document_id")
        if isinstance(ref, (dict, list)):
            continue  # refused with its line by _document_ref
        whole = whole.replace("\r\n", "\n")
        if texts.setdefault(str(ref), whole) != whole:
            raise ImportRefused(f"{where}: document {ref!r} is given two different 'document_text's in this file")
    return texts


@importer("plover")
def read_plover(path: Path) -> list[Document | AnnotatedDocument]:
    content = read_text(path)
    records = []
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            where = f"{path}:{number}"
            records.append((number, where, load_json_line(line, where)))
    for _number, where, record in records:
        record_text(record, where)  # every record an object with its text, before anything else is read
    whole_texts = _document_texts(records)
    order = file_date_order(path, [(where, record) for _n, where, record in records])
    groups: dict[tuple[Any, str], AnnotatedDocument] = {}
    for number, where, record in records:
        sentence_text = record_text(record, where)
        events = _codes(record.get("event"), "event", where)
        if not events:
            raise ImportRefused(f"{where}: missing 'event'")
        date = record_date(record, where, order)
        actors = _entities(record.get("actor", record.get("source")), where) or [{}]
        recipients = _entities(record.get("recipient", record.get("target")), where) or [{}]
        doc_ref, attach = _document_ref(record.get("document_id"), where)
        whole = whole_texts.get(str(doc_ref)) if doc_ref is not None else None
        text = whole if whole is not None else sentence_text
        sentence = (0, len(text))
        if whole is not None:  # an export's record: its sentence is a stretch of the document
            placed = _offset_pair(record, "sentence_start", "sentence_end", text)
            if placed is not None and text[placed[0]:placed[1]].strip() == sentence_text.strip():
                sentence = placed
            elif (at := text.find(sentence_text.strip())) >= 0:
                sentence = (at, at + len(sentence_text.strip()))
            else:
                raise ImportRefused(f"{where}: the record's 'text' is not in the 'document_text' of document "
                                    f"{doc_ref!r}")
        key = (doc_ref, text)
        item = groups.get(key)
        if item is None:
            title = _text_field(record, "document_title", where).strip() or title_of(text)
            published = date
            if record.get("document_date") not in (None, ""):
                published = record_date({"date": record["document_date"]}, where, order)
            item = AnnotatedDocument(Document(text=text, published=published, title=title), attach_to=attach)
            groups[key] = item

        status = str(record.get("status") or Status.ACCEPTED.value)
        if status not in {s.value for s in Status}:
            raise ImportRefused(f"{where}: unknown status {status!r}")

        mode = "|".join(_codes(record.get("mode"), "mode", where)) or None
        context = join_values(_codes(record.get("context"), "context", where))
        origin, annotator = decided_by(_text_field(record, "coder", where) or None, status)
        note = _text_field(record, "note", where).strip() or None  # the export writes the analyst's note here
        scheme = _text_field(record, "scheme", where).strip() or None  # the scheme the record says it is in
        codes = {id(entity): _actor_code(entity, where) for entity in (*actors, *recipients)}
        words_of = {id(entity): _text_field(entity, "entity_text", where).strip() for entity in (*actors, *recipients)}
        trigger_words = _trigger_text(record.get("event_text"), where)
        trigger_at = _offset_pair(record, "trigger_start", "trigger_end", text)

        def span_at(item: AnnotatedDocument, start: int, words: str, layer: str, code: str | None,
                    status: str = status) -> int:
            for i, span in enumerate(item.spans):
                if (span.start, span.end, span.layer) == (start, start + len(words), layer):
                    return i
            item.spans.append(Span(0, start, start + len(words), words, layer=layer, code=code, status=status))
            return len(item.spans) - 1

        def span_for(
            entity: dict[str, Any],
            item: AnnotatedDocument = item,
            text: str = text,
            sentence: tuple[int, int] = sentence,
            codes: dict[int, str | None] = codes,
            words_of: dict[int, str] = words_of,
        ) -> int | None:
            words = words_of[id(entity)]
            start = _find(text, words, sentence, _offset_pair(entity, "start", "end", text))
            return None if start < 0 else span_at(item, start, words, "actor", codes[id(entity)])

        for code in events:
            trigger_start = _find(text, trigger_words, sentence, trigger_at)
            trigger = None if trigger_start < 0 else span_at(item, trigger_start, trigger_words, "trigger", code)
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
                            trigger_span_id=trigger,
                            sentence_start=sentence[0],
                            sentence_end=sentence[1],
                            date=date,
                            mode=mode,
                            context=context,
                            status=status,
                            origin=origin,
                            annotator=annotator,
                            note=note,
                            scheme=scheme,
                        )
                    )
                    item.event_lines.append(number)
    if not groups:
        raise ImportRefused(f"{path}: no records")
    return list(groups.values())
