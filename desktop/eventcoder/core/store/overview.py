"""The overview's numbers: events counted in SQL (``GROUP BY``) under one filter, and the ids behind any count.

Every figure of the window's overview and of ``eventcoder report`` is read through these methods; what a
code *means* (its root, quad class, score) comes from the coding scheme, so the store groups by the codes
themselves and :mod:`eventcoder.core.overview` folds them (a few thousand rows, never the events).

Conventions, the same in every method:

* **status**: ``accepted``, ``suggested``, or ``all`` = accepted and suggested. Rejected events are decisions
  that there is no event; they are counted in :meth:`OverviewMixin.overview_totals` only.
* **event date**: the event's own ``date``, else its document's ``published`` date; its **month** is the
  date's first 7 characters (``2024-03``) when they are a year and a month, else the event is *undated*
  (``month`` None). A date range keeps only dated events: ``date_from`` <= date and the date's first
  ``len(date_to)`` characters <= ``date_to`` (``2024``, ``2024-03`` and ``2024-03-31`` all take in that
  whole year, month or day).
* **scheme**: events coded with that scheme (by name, any case); events with no scheme recorded count under
  every scheme.
* **annotator**: events whose annotator is that name.
* **layer** (team files): ``layer_ids``, when given, are the events of one layer -- decided by the one rule in
  :mod:`eventcoder.core.team.layers` (:func:`eventcoder.core.overview.in_view` / ``in_export_layer`` fill
  them); every count and list takes in only those (``layer`` names the layer for the reader). None: every event.

The indexes these queries run off (``m012_overview_indexes``) hold every column they read, so no query
reads the events' rows (their evidence and provenance make them wide).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import EventCoderError
from .base import ProjectBase

STATUSES = ("accepted", "suggested", "all")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = "coalesce(e.date, d.published)"
MONTH_SQL = f"substr({_DAY}, 1, 7)"
_VALID_MONTH_SQL = (f"({MONTH_SQL} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' "
                    f"AND substr({_DAY}, 6, 2) BETWEEN '01' AND '12')")
_CHUNK = 500  # values per IN (...) list
LAYER_SQL = "e.id IN (SELECT value FROM json_each(?))"
"""SQL: the event is one of the layer's (the parameter: their ids as a JSON list, see ``layer_ids``)."""
TIME_INDEX = "idx_events_overview_time"
DYAD_INDEX = "idx_events_overview_dyad"


def valid_month(month: str | None) -> bool:
    """Whether a grouped ``month`` is a real ``YYYY-MM`` (else its events count as undated): the same test as
    the SQL that finds an undated month's events."""
    return (month is not None and len(month) == 7 and month[:4].isdigit() and month[4] == "-"
            and month[5:7].isdigit() and "01" <= month[5:7] <= "12")


@dataclass(frozen=True)
class OverviewFilter:
    """Which events the overview counts (see the module's conventions)."""

    status: str = "accepted"
    date_from: str | None = None
    date_to: str | None = None
    scheme: str | None = None
    annotator: str | None = None
    layer: str | None = None  # the layer counted, as a reader names it ("mine (ann)", "curated"); None: all
    layer_ids: frozenset[int] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise EventCoderError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise EventCoderError(f"{name.replace('_', ' ')} {value!r}: write a date as YYYY, YYYY-MM or "
                                      "YYYY-MM-DD")

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)


@dataclass(frozen=True)
class CodeMonth:
    """``count`` events of ``code`` (with PLOVER ``mode``) in ``month`` (``YYYY-MM``, None = undated)."""

    month: str | None
    code: str
    mode: str | None
    count: int


@dataclass(frozen=True)
class DyadCount:
    """Events from ``source`` to ``target`` (actor codes; None = no code), and how many of them have a code in
    the conflict or the cooperation set the caller gave."""

    source: str | None
    target: str | None
    count: int
    conflict: int
    cooperation: int


@dataclass(frozen=True)
class ActorCount:
    actor: str
    as_source: int
    as_target: int

    @property
    def count(self) -> int:
        return self.as_source + self.as_target


@dataclass(frozen=True)
class AnnotatorProgress:
    """Without team layers: documents in which ``annotator`` decided at least one event, by whether the document
    is marked done. With team layers: the documents ``annotator`` marked done themselves, and the rest to do."""

    annotator: str
    done: int
    todo: int


@dataclass(frozen=True)
class Progress:
    """``done``: documents marked done (with team layers: by at least one annotator, each by their own mark)."""

    documents: int
    done: int
    annotators: tuple[AnnotatorProgress, ...]
    team: bool = False

    @property
    def todo(self) -> int:
        return self.documents - self.done


@dataclass(frozen=True)
class Totals:
    """Documents in the project, and events by status under the filter's dates, scheme and annotator."""

    documents: int
    events: dict[str, int]

    @property
    def all_events(self) -> int:
        return sum(self.events.values())


def _status_sql(status: str) -> tuple[str, list[Any]]:
    if status == "all":
        return "e.status IN ('accepted', 'suggested')", []
    return "e.status = ?", [status]


def _filter_sql(f: OverviewFilter, *, status: bool = True) -> tuple[str, list[Any], bool]:
    """(WHERE conditions, their parameters, whether the documents table must be joined) for ``f``."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        sql, more = _status_sql(f.status)
        where.append(sql)
        params += more
    if f.scheme:
        where.append("(e.scheme IS NULL OR e.scheme = ? COLLATE NOCASE)")
        params.append(f.scheme)
    if f.annotator:
        where.append("e.annotator = ?")
        params.append(f.annotator)
    if f.layer_ids is not None:
        where.append(LAYER_SQL)
        params.append(json.dumps(sorted(f.layer_ids)))
    if f.date_from:
        where.append(f"{_DAY} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"substr({_DAY}, 1, {len(f.date_to)}) <= ?")
        params.append(f.date_to)
    return " AND ".join(where) or "1", params, f.dated


def _per_status(f: OverviewFilter) -> list[OverviewFilter]:
    """``f`` split into one filter per status it takes in (``all``: accepted, suggested)."""
    if f.status == "all":
        return [dataclasses.replace(f, status="accepted"), dataclasses.replace(f, status="suggested")]
    return [f]


def _in(column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
    if not values:
        return "0", []
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def _is(column: str, value: str | None) -> tuple[str, list[Any]]:
    return (f"{column} IS NULL", []) if value is None else (f"{column} = ?", [value])


class OverviewMixin(ProjectBase):
    """Counts for the overview and the report, and the events behind each count."""

    def _overview_index(self, name: str) -> str:
        """``INDEXED BY name`` while the file has that index (m012), else nothing: the planner otherwise takes
        the dyad index for a count in document order, and joins the documents in random order (3x slower)."""
        known = self.__dict__.get("_overview_indexes")
        if known is None:
            known = {r[1] for r in self.db.execute("PRAGMA index_list(events)")}
            self.__dict__["_overview_indexes"] = known
        return f"INDEXED BY {name}" if name in known else ""

    def overview_code_counts(self, f: OverviewFilter) -> dict[str, int]:
        """Events by code: the counts by root code (or PLOVER type) are folded from these with the scheme."""
        parts, params = [], []
        for one in _per_status(f):
            where, more, dated = _filter_sql(one)
            join = "JOIN documents d ON d.id = e.document_id" if dated else ""
            parts.append(f"""SELECT e.event_code AS code, count(*) AS n FROM events e
                             {self._overview_index(TIME_INDEX)} {join} WHERE {where} GROUP BY e.event_code""")
            params += more
        sql = f"SELECT code, sum(n) FROM ({' UNION ALL '.join(parts)}) GROUP BY code"
        return {r[0]: int(r[1]) for r in self.db.execute(sql, params)}

    def overview_code_months(self, f: OverviewFilter) -> list[CodeMonth]:
        """Events by (month, code): the counts by quad class per month are folded from these with the scheme.
        ``month`` is the date's first 7 characters as stored; :func:`valid_month` tells which are real months."""
        parts, params = [], []
        for one in _per_status(f):
            where, more, _dated = _filter_sql(one)
            parts.append(f"""SELECT {MONTH_SQL} AS month, e.event_code AS code, count(*) AS n
                             FROM events e {self._overview_index(TIME_INDEX)} JOIN documents d ON d.id = e.document_id
                             WHERE {where} GROUP BY month, e.event_code""")
            params += more
        sql = f"SELECT month, code, sum(n) FROM ({' UNION ALL '.join(parts)}) GROUP BY month, code"
        return [CodeMonth(r[0], r[1], None, int(r[2])) for r in self.db.execute(sql, params)]

    def overview_dyad_months(self, f: OverviewFilter, source: str | None, target: str | None) -> list[CodeMonth]:
        """The events from ``source`` to ``target`` by (month, code, mode): the dyad's score over time."""
        where, params, _dated = _filter_sql(f)
        src, src_params = _is("e.source_code", source)
        tgt, tgt_params = _is("e.target_code", target)
        sql = f"""SELECT {MONTH_SQL} AS month, e.event_code, e.mode, count(*)
                  FROM events e {self._overview_index(DYAD_INDEX)} JOIN documents d ON d.id = e.document_id
                  WHERE {where} AND {src} AND {tgt} GROUP BY month, e.event_code, e.mode"""
        rows = self.db.execute(sql, [*params, *src_params, *tgt_params])
        return [CodeMonth(r[0], r[1], r[2], int(r[3])) for r in rows]

    def overview_dyads(self, f: OverviewFilter, *, conflict: Sequence[str] = (), cooperation: Sequence[str] = (),
                       limit: int = 20, coded_only: bool = False) -> list[DyadCount]:
        """The ``limit`` dyads (source, target) with the most events, most first (ties by the codes), each with
        its events whose code is in ``conflict`` / ``cooperation``. ``coded_only``: leave out dyads with an
        uncoded side. Counted per status (each comes off the dyad index in order, no sort), then added up."""
        conf, conf_params = _in("e.event_code", list(conflict))
        coop, coop_params = _in("e.event_code", list(cooperation))
        coded = " AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL" if coded_only else ""
        parts, params = [], []
        for one in _per_status(f):
            where, more, dated = _filter_sql(one)
            join = "JOIN documents d ON d.id = e.document_id" if dated else ""
            parts.append(f"""SELECT e.source_code AS s, e.target_code AS t, count(*) AS n, sum({conf}) AS c,
                                    sum({coop}) AS o
                             FROM events e {self._overview_index(DYAD_INDEX)} {join} WHERE {where}{coded}
                             GROUP BY e.source_code, e.target_code""")
            params += [*conf_params, *coop_params, *more]
        sql = f"""SELECT s, t, sum(n) AS total, sum(c), sum(o) FROM ({' UNION ALL '.join(parts)})
                  GROUP BY s, t ORDER BY total DESC, s, t LIMIT ?"""
        rows = self.db.execute(sql, [*params, limit])
        return [DyadCount(r[0], r[1], int(r[2]), int(r[3] or 0), int(r[4] or 0)) for r in rows]

    def overview_actors(self, f: OverviewFilter, limit: int = 20) -> list[ActorCount]:
        """The ``limit`` actor codes in the most events (as source or target), most first."""
        index = self._overview_index(DYAD_INDEX)
        parts, params = [], []
        for one in _per_status(f):
            where, more, dated = _filter_sql(one)
            join = "JOIN documents d ON d.id = e.document_id" if dated else ""
            parts.append(f"""SELECT e.source_code AS actor, count(*) AS s, 0 AS t FROM events e {index} {join}
                             WHERE {where} AND e.source_code IS NOT NULL GROUP BY e.source_code
                             UNION ALL
                             SELECT e.target_code, 0, count(*) FROM events e {index} {join}
                             WHERE {where} AND e.target_code IS NOT NULL GROUP BY e.target_code""")
            params += [*more, *more]
        sql = f"""SELECT actor, sum(s), sum(t) FROM ({' UNION ALL '.join(parts)})
                  GROUP BY actor ORDER BY sum(s) + sum(t) DESC, actor LIMIT ?"""
        rows = self.db.execute(sql, [*params, limit])
        return [ActorCount(r[0], int(r[1]), int(r[2])) for r in rows]

    def overview_progress(self, scheme: str | None = None) -> Progress:
        """Documents done and to do, and per annotator the documents in which they decided an event (accepted
        or rejected; with ``scheme``, an event of that scheme), by whether the document is marked done. With
        team layers each annotator's own done marks (``annotator_documents``) instead: per annotator (everyone
        who ever marked a document, or decided an event in their layer) documents they marked done and the rest
        to do."""
        if self.get_meta("team_layers") == "1":
            return self._team_progress()
        documents, done = self.db.execute("SELECT count(*), coalesce(sum(done), 0) FROM documents").fetchone()
        where, params = "", []
        if scheme:
            where, params = " AND (e.scheme IS NULL OR e.scheme = ? COLLATE NOCASE)", [scheme]
        index = self._overview_index(TIME_INDEX)
        # per status, (document, annotator) pairs come off the index in order: no sort until the union
        pairs = " UNION ".join(
            f"SELECT e.document_id, e.annotator FROM events e {index} WHERE e.status = '{status}' "
            f"AND e.annotator IS NOT NULL{where} GROUP BY e.document_id, e.annotator"
            for status in ("accepted", "rejected"))
        sql = f"""SELECT x.annotator, sum(d.done), sum(1 - d.done) FROM ({pairs}) x
                  JOIN documents d ON d.id = x.document_id GROUP BY x.annotator ORDER BY x.annotator"""
        rows = self.db.execute(sql, params * 2)
        per = tuple(AnnotatorProgress(r[0], int(r[1]), int(r[2])) for r in rows)
        return Progress(int(documents), int(done), per)

    def _team_progress(self) -> Progress:
        documents = int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])
        done_by = dict(self.db.execute(
            "SELECT a.annotator, count(*) FROM annotator_documents a JOIN documents d ON d.id = a.document_id "
            "WHERE a.done = 1 GROUP BY a.annotator").fetchall())
        names = {r[0] for r in self.db.execute("SELECT DISTINCT annotator FROM annotator_documents")}
        names |= {r[0] for r in self.db.execute(
            "SELECT DISTINCT annotator FROM events WHERE annotator IS NOT NULL AND annotator != '' "
            "AND coalesce(layer, '') = '' AND status IN ('accepted', 'rejected')")}
        anyone = int(self.db.execute(
            "SELECT count(DISTINCT a.document_id) FROM annotator_documents a JOIN documents d ON d.id = a.document_id"
            " WHERE a.done = 1").fetchone()[0])
        per = tuple(AnnotatorProgress(n, int(done_by.get(n, 0)), documents - int(done_by.get(n, 0)))
                    for n in sorted(names))
        return Progress(documents, anyone, per, team=True)

    def overview_totals(self, f: OverviewFilter) -> Totals:
        """Documents in the project, and events by status (every status) under ``f``'s other conditions."""
        where, params, dated = _filter_sql(f, status=False)
        join = "JOIN documents d ON d.id = e.document_id" if dated else ""
        rows = self.db.execute(f"SELECT e.status, count(*) FROM events e {join} WHERE {where} GROUP BY e.status",
                               params)
        events = {"accepted": 0, "suggested": 0, "rejected": 0}
        events.update({r[0]: int(r[1]) for r in rows})
        documents = int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])
        return Totals(documents, events)

    def overview_annotators(self) -> list[str]:
        """Everyone who decided an event, by name."""
        rows = self.db.execute("SELECT DISTINCT annotator FROM events WHERE annotator IS NOT NULL "
                               "AND annotator != '' ORDER BY 1")
        return [r[0] for r in rows]

    def overview_event_ids(self, f: OverviewFilter, *, codes: Iterable[str] | None = None,
                           months: Iterable[str | None] | None = None,
                           dyad: tuple[str | None, str | None] | None = None, limit: int | None = None) -> list[int]:
        """The ids of the events behind one bar, point or edge, in (document, sentence, id) order: those under
        ``f`` with a code in ``codes``, in one of ``months`` (``YYYY-MM``; None = undated), from ``dyad``'s
        source to its target (None = no code) -- each when given -- at most ``limit``. (The ``+`` in the order
        lets SQLite pick the index that finds the rows, not the one already in document order.)"""
        where, params = _selection_sql(f, codes, months, dyad)
        sql = f"""SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id
                  WHERE {where} ORDER BY +e.document_id, e.sentence_start, e.id"""
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [int(r[0]) for r in self.db.execute(sql, params)]

    def overview_event_count(self, f: OverviewFilter, *, codes: Iterable[str] | None = None,
                             months: Iterable[str | None] | None = None,
                             dyad: tuple[str | None, str | None] | None = None) -> int:
        """How many events :meth:`overview_event_ids` finds without a limit."""
        where, params = _selection_sql(f, codes, months, dyad)
        sql = f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id WHERE {where}"
        return int(self.db.execute(sql, params).fetchone()[0])


def _selection_sql(f: OverviewFilter, codes: Iterable[str] | None, months: Iterable[str | None] | None,
                   dyad: tuple[str | None, str | None] | None) -> tuple[str, list[Any]]:
    where, params, _dated = _filter_sql(f)
    conditions = [where]
    if codes is not None:
        code_list = sorted(set(codes))
        parts = []
        for at in range(0, max(len(code_list), 1), _CHUNK):
            sql, more = _in("e.event_code", code_list[at:at + _CHUNK])
            parts.append(sql)
            params += more
        conditions.append("(" + " OR ".join(parts) + ")")
    if months is not None:
        wanted = list(months)
        named = sorted({m for m in wanted if m is not None and valid_month(m)})
        parts = []
        if named:
            sql, more = _in(MONTH_SQL, named)
            parts.append(sql)
            params += more
        if None in wanted:
            parts.append(f"NOT coalesce({_VALID_MONTH_SQL}, 0)")
        conditions.append("(" + (" OR ".join(parts) or "0") + ")")
    if dyad is not None:
        for column, value in zip(("e.source_code", "e.target_code"), dyad, strict=True):
            sql, more = _is(column, value)
            conditions.append(sql)
            params += more
    return " AND ".join(conditions), params
