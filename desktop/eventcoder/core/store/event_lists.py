"""Events across documents, for the window's events list: given ids (the overview's drill-down) or an
:class:`~eventcoder.core.event_filter.EventFilter` over the whole project; and who annotated events."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..event_filter import MODEL_ANNOTATOR, EventFilter
from ..model import Event
from .base import ProjectBase

MAX_LISTED = 5_000
"""The most events one list holds (a filter over a large project shows its first ones and says so)."""
_CHUNK = 900  # ids per IN (...) (SQLite allows 32,766 variables; stay far below)


@dataclass(frozen=True)
class ListedEvent:
    """One event as a list across documents shows it: the event, its document, and its actors' words.

    ``event.provenance`` is not read here (None): a list does not show it, and parsing it for thousands of
    rows is what would make the list slow (``Project.get_event`` has it)."""

    event: Event
    document_title: str
    document_date: str | None
    source_text: str | None
    target_text: str | None
    sentence: str


_EVENT_COLUMNS = tuple(f.name for f in dataclasses.fields(Event) if f.name != "provenance")
_SELECT = f"""
    SELECT {", ".join(f"e.[{c}]" for c in _EVENT_COLUMNS)},
           d.title AS _doc_title, d.published AS _doc_date, ss.text AS _source_text, ts.text AS _target_text,
           CASE WHEN e.sentence_start IS NULL OR e.sentence_end IS NULL THEN ''
                ELSE substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) END AS _sentence
    FROM events e
    JOIN documents d ON d.id = e.document_id
    LEFT JOIN spans ss ON ss.id = e.source_span_id
    LEFT JOIN spans ts ON ts.id = e.target_span_id"""
# "+": sort the matching rows, rather than walk the whole text-order index to find the few that match
_ORDER = " ORDER BY +e.document_id, e.sentence_start, e.id"
_WIDTH = len(_EVENT_COLUMNS)


def _listed(rows: Any) -> list[ListedEvent]:
    out = []
    for row in rows:
        event = Event(**dict(zip(_EVENT_COLUMNS, row[:_WIDTH], strict=True)))
        title, date, source_text, target_text, sentence = row[_WIDTH:]
        out.append(ListedEvent(event, title or "", date, source_text, target_text, (sentence or "").strip()))
    return out


def _filter_sql(wanted: EventFilter) -> tuple[list[str], list[Any]]:
    """The SQL of :meth:`EventFilter.matches` (prefixes compared with ``substr``: codes are strings, and no
    ``LIKE`` wildcard in what was typed can widen the match)."""
    where: list[str] = []
    params: list[Any] = []
    if wanted.code is not None:
        where.append("substr(e.event_code, 1, ?) = ?")
        params += [len(wanted.code), wanted.code]
    if wanted.actor is not None:
        where.append("(upper(substr(e.source_code, 1, ?)) = ? OR upper(substr(e.target_code, 1, ?)) = ?)")
        params += [len(wanted.actor), wanted.actor, len(wanted.actor), wanted.actor]
    if wanted.status is not None:
        where.append("e.status = ?")
        params.append(wanted.status)
    if wanted.annotator is not None:
        where.append("coalesce(e.annotator, '') = ?")
        params.append(wanted.annotator or MODEL_ANNOTATOR)
    return where, params


class EventListsMixin(ProjectBase):
    """Events across documents, as the events list shows them."""

    def events_by_ids(self, ids: Sequence[int]) -> list[ListedEvent]:
        """Those events (ids that no longer exist are left out), in document and text order."""
        found: list[ListedEvent] = []
        unique = list(dict.fromkeys(int(i) for i in ids))
        for at in range(0, len(unique), _CHUNK):
            chunk = unique[at:at + _CHUNK]
            sql = f"{_SELECT} WHERE e.id IN ({', '.join('?' * len(chunk))})"
            found.extend(_listed(self.db.execute(sql, chunk)))
        found.sort(key=lambda x: (x.event.document_id, x.event.sentence_start or 0, x.event.id or 0))
        return found

    def filtered_events(self, wanted: EventFilter, limit: int = MAX_LISTED) -> list[ListedEvent]:
        """The project's events ``wanted`` picks, in document and text order, at most ``limit``."""
        where, params = _filter_sql(wanted)
        # the ids first (the events table alone, sorted), then only those rows joined with their texts
        sql = "SELECT e.id FROM events e" + (" WHERE " + " AND ".join(where) if where else "") + _ORDER + " LIMIT ?"
        return self.events_by_ids([r[0] for r in self.db.execute(sql, [*params, limit])])

    def event_annotators(self) -> list[str]:
        """Everyone who has decided or made an event in the project, sorted."""
        rows = self.db.execute("SELECT DISTINCT annotator FROM events WHERE annotator IS NOT NULL "
                               "AND annotator != '' ORDER BY annotator")
        return [r[0] for r in rows]
