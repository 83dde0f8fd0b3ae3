"""Annotations: spans, events and relations of a document, their counts, the rows exporters read, and the
queue of suggestions still to decide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import StoreError
from ..model import Event, Relation, RowKind, Span, Status
from .base import ProjectBase
from .rows import _event_from_row, _row_to, to_row


class AnnotationsMixin(ProjectBase):
    """Spans, events and relations."""

    def add_span(self, span: Span) -> Span:
        doc = self.get_document(span.document_id)
        if not (0 <= span.start < span.end <= len(doc.text)):
            raise StoreError(f"span {span.start}-{span.end} is outside document {doc.id}")
        if not span.text:
            span.text = doc.text[span.start : span.end]
        stored = self.add_row(RowKind.SPAN, to_row(span))
        span.id = stored["id"]
        return _row_to(Span, stored)

    def get_span(self, span_id: int) -> Span:
        row = self.get_row(RowKind.SPAN, span_id)
        if row is None:
            raise StoreError(f"no span with id {span_id}")
        return _row_to(Span, row)

    def spans(self, document_id: int, layer: str | None = None) -> list[Span]:
        sql = "SELECT * FROM spans WHERE document_id = ?"
        params: list[Any] = [document_id]
        if layer:
            sql += " AND layer = ?"
            params.append(layer)
        return [_row_to(Span, r) for r in self.db.execute_returning_dicts(sql + " ORDER BY start, end", params)]

    def add_event(self, event: Event) -> Event:
        stored = self.add_row(RowKind.EVENT, to_row(event))
        event.id = stored["id"]
        return _event_from_row(stored)

    def get_event(self, event_id: int) -> Event:
        row = self.get_row(RowKind.EVENT, event_id)
        if row is None:
            raise StoreError(f"no event with id {event_id}")
        return _event_from_row(row)

    def update_event(self, event_id: int, *, expected_version: int | None = None, **changes: Any) -> Event:
        """Change an event; returns it as this change left it (read in the same transaction)."""
        _before, after = self.change_row(RowKind.EVENT, event_id, changes, expected_version=expected_version)
        return _event_from_row(after)

    def events(self, document_id: int | None = None, status: str | None = None) -> list[Event]:
        return list(self.iter_events(document_id=document_id, status=status))

    def iter_events(self, document_id: int | None = None, status: str | None = None) -> Iterator[Event]:
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if status:
            where.append("status = ?")
            params.append(status)
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY document_id, sentence_start, id"
        for row in self.db.query(sql, params):
            yield _event_from_row(row)


    def iter_export_rows(self, status: str | None = None, *, offsets: bool = False) -> Iterator[tuple[Any, ...]]:
        """Events joined with their document and span texts as tuples of ``EXPORT_FIELDS``.

        Streamed in (document, sentence, id) order straight off an index: constant memory, no sort. ``offsets``:
        each tuple goes on with the character offsets a re-import places the event by: the sentence's end, then
        start and end of the trigger's, the source's and the target's words (None: no such words in its document).
        """
        where = "WHERE +e.status = ?" if status else ""
        placed = "".join(f", CASE WHEN {t}.document_id = e.document_id THEN {t}.{k} END"
                         for t in ("tr", "ss", "ts") for k in ("start", "end")) if offsets else ""
        sql = f"""
            SELECT e.id, e.document_id, d.title, d.published, coalesce(e.date, d.published),
                   trim(substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start), ' ' || char(10, 9)),
                   tr.text, e.source_code, {_names_code("ss", "e.source_code")}, e.event_code, e.target_code,
                   {_names_code("ts", "e.target_code")},
                   coalesce(e.location, ls.text), e.mode, e.context, e.status, e.origin, e.annotator,
                   round(e.confidence, 3), e.scheme, coalesce(e.updated_at, e.created_at),
                   d.external_id, d.source, e.sentence_start, e.note{", e.sentence_end" + placed if offsets else ""}
            FROM events e
            JOIN documents d ON d.id = e.document_id
            LEFT JOIN spans ss ON ss.id = e.source_span_id
            LEFT JOIN spans ts ON ts.id = e.target_span_id
            LEFT JOIN spans tr ON tr.id = e.trigger_span_id
            LEFT JOIN spans ls ON ls.id = e.location_span_id
            {where}
            ORDER BY e.document_id, e.sentence_start, e.id"""
        yield from self.db.execute(sql, [status] if status else [])

    def add_relation(self, relation: Relation) -> Relation:
        stored = self.add_row(RowKind.RELATION, to_row(relation))
        relation.id = stored["id"]
        return _row_to(Relation, stored)

    def relations(self, document_id: int) -> list[Relation]:
        rows = self.db.execute_returning_dicts(
            "SELECT * FROM relations WHERE document_id = ? ORDER BY id", [document_id]
        )
        return [_row_to(Relation, r) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {"documents": self.document_count()}
        for status in Status:
            out[f"events_{status.value}"] = int(
                self.db.execute("SELECT count(*) FROM events WHERE status = ?", [status.value]).fetchone()[0]
            )
        out["spans"] = int(self.db.execute("SELECT count(*) FROM spans").fetchone()[0])
        out["relations"] = int(self.db.execute("SELECT count(*) FROM relations").fetchone()[0])
        return out

    def pending_events_by_confidence(self, doc_ids: list[int] | None = None) -> list[int]:
        """Ids of suggestions still to decide, least confident first (ties: document, position)."""
        where, params = "status = 'suggested'", []
        if doc_ids is not None:
            if not doc_ids:
                return []
            where += f" AND document_id IN ({', '.join('?' * len(doc_ids))})"
            params = list(doc_ids)
        rows = self.db.execute(
            f"SELECT id FROM events WHERE {where} ORDER BY coalesce(confidence, 0), document_id, sentence_start, id",
            params,
        ).fetchall()
        return [int(r[0]) for r in rows]


def _names_code(span: str, code: str) -> str:
    """SQL for a role's words, given only when they name its code: the span is an actor span with that code,
    or the same actor at another granularity (RUS / RUSGOV: whole 3-letter parts); an uncoded role keeps its
    words. A code typed over other words is exported with no words, never beside words that do not name it."""
    return (f"CASE WHEN {code} IS NULL OR ({span}.layer = 'actor' AND ({span}.code = {code} "
            f"OR (length({span}.code) % 3 = 0 AND length({span}.code) >= 3 "
            f"AND substr({code}, 1, length({span}.code)) = {span}.code) "
            f"OR (length({code}) % 3 = 0 AND length({code}) >= 3 AND substr({span}.code, 1, length({code})) = {code})"
            f")) THEN {span}.text END")

