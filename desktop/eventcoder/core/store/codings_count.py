"""The window's "N/25 new codings": :meth:`~.history.HistoryMixin.codings_since`, kept up to date incrementally.

``codings_since`` reads the journal from the model's mark on every call: on a project whose journal since the
mark is long (a corpus imported and coded after the last retraining: two entries a document) that is a scan of
every entry after each edit. :class:`CodingsCounter` counts once from the mark (off the per-row index when the
range is long), then after each edit reads only the entries journalled after the newest one it has seen --
the window's own and those any other process committed to the file since -- and for each event they touch
works out whether it counted before and whether it counts now (its first entry since the mark, and its last,
read off the per-row index). A new model (another mark), another scheme or project, a restore or a journal
that shrank starts it afresh. When the first count reached ``limit`` the exact base is unknown, so a call after
anything was journalled counts again, as ``codings_since`` does (a count that high starts a retraining, which
moves the mark).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .history import NOT_CODING_FIELDS

if TYPE_CHECKING:
    from . import Project

_VOLATILE = NOT_CODING_FIELDS  # the version, time and note: no coding (as codings_since)
_ANALYSTS = "action NOT IN ('import', 'code')"
_OF_SCHEME = ("(:scheme IS NULL OR coalesce(json_extract(after, '$.scheme'), json_extract(before, '$.scheme'), "
              ":scheme) = :scheme)")
SCAN_UP_TO = 5_000  # journal entries: a range this short is read in id order; a longer one off the per-row index


@dataclass
class _Event:
    """One event touched after the first count: how its first entry since the mark found it and its last one
    left it (``json_remove``-d text), whether one of its entries is of the scheme, whether it counted then."""

    first: str | None
    last: str | None
    of_scheme: bool
    counted_at_base: bool

    @property
    def counted(self) -> bool:
        return self.of_scheme and self.first != self.last


@dataclass
class _State:
    key: tuple
    base_at: int  # the journal entry the first count was made at
    base: int  # that count (up to the limit)
    seen: int  # the newest entry read since
    events: dict[int, _Event] = field(default_factory=dict)


class CodingsCounter:
    """``codings_since(project, mark, scheme, limit)`` equal to ``project.codings_since(...)``, reading after
    each edit only what was journalled since the last call. One counter per window (one project at a time)."""

    def __init__(self) -> None:
        self._state: _State | None = None

    def forget(self) -> None:
        """Start afresh at the next count (the file was restored, or another project is open)."""
        self._state = None

    def since_model(self, project: Project, kind: str, scheme: str | None, limit: int = -1) -> int:
        """The codings since the newest stored model of ``kind`` for ``scheme`` was trained (since the project
        began without one): its ``trained_on`` history mark, as ``learn.codings_since_model`` reads it."""
        row = project.latest_model(kind, scheme, with_blob=False)
        mark = int(json.loads(row["trained_on"] or "{}").get("history_mark", 0)) if row else 0
        return self.codings_since(project, mark, scheme, limit)

    def codings_since(self, project: Project, mark: int, scheme: str | None = None, limit: int = -1) -> int:
        if project.db.conn.in_transaction:  # its entries may still roll back: count them, remember nothing
            return project.codings_since(mark, scheme, limit)
        key = (id(project), str(project.path), project.restore_id(), mark, scheme, limit)
        top = project.history_mark()
        state = self._state
        if state is None or state.key != key or top < state.seen:
            base = project.codings_since(mark, scheme, limit, upto=top, by_row=top - mark > SCAN_UP_TO)
            state = self._state = _State(key, top, base, top)
            return base
        if 0 <= limit <= state.base:  # the first count reached the limit: counted again (the limit stops it)
            if top > state.seen:  # when anything was journalled since
                state.base = project.codings_since(mark, scheme, limit, upto=top, by_row=top - mark > SCAN_UP_TO)
                state.base_at = state.seen = top
                state.events.clear()
            return state.base
        if top > state.seen:
            self._read(project, state, mark, top, scheme)
        count = state.base + sum(e.counted - e.counted_at_base for e in state.events.values())
        return count if limit < 0 else min(count, limit)

    def _read(self, project: Project, state: _State, mark: int, top: int, scheme: str | None) -> None:
        """The analysts' event entries in (seen, top], oldest first (``top`` read before: entries committed
        meanwhile are read next time)."""
        range_ = "+table_name" if top - state.seen <= SCAN_UP_TO else "table_name"
        rows = project.db.execute(
            f"""SELECT row_id, json_remove(before, {_VOLATILE}), json_remove(after, {_VOLATILE}), {_OF_SCHEME}
                FROM history WHERE id > :seen AND id <= :top AND {range_} = 'events' AND {_ANALYSTS}
                ORDER BY id""",
            {"seen": state.seen, "top": top, "scheme": scheme},
        ).fetchall()
        for row_id, before, after, of_scheme in rows:
            event = state.events.get(row_id)
            if event is None:
                event = state.events[row_id] = self._at_base(project, state, mark, row_id, before, scheme)
            event.last = after
            event.of_scheme = event.of_scheme or bool(of_scheme)
        state.seen = top

    def _at_base(self, project: Project, state: _State, mark: int, row_id: int, before: str | None,
                 scheme: str | None) -> _Event:
        """An event as the first count found it (its entries in (mark, base_at], off the per-row index); one
        with none there starts at ``before``, its first entry's."""
        found = project.db.execute(
            f"""SELECT count(*) > 0,
                       (SELECT json_remove(before, {_VOLATILE}) FROM history WHERE table_name = 'events'
                          AND row_id = :row AND id > :mark AND id <= :base AND {_ANALYSTS} ORDER BY id LIMIT 1),
                       (SELECT json_remove(after, {_VOLATILE}) FROM history WHERE table_name = 'events'
                          AND row_id = :row AND id > :mark AND id <= :base AND {_ANALYSTS} ORDER BY id DESC LIMIT 1),
                       coalesce(max({_OF_SCHEME}), 0)
                FROM history WHERE table_name = 'events' AND row_id = :row AND id > :mark AND id <= :base
                  AND {_ANALYSTS}""",
            {"row": row_id, "mark": mark, "base": state.base_at, "scheme": scheme},
        ).fetchone()
        if not found[0]:
            return _Event(before, before, False, False)
        event = _Event(found[1], found[2], bool(found[3]), False)
        event.counted_at_base = event.counted
        return event
