"""The project's own actor dictionary in the store (m011): what analysts coded, and the entries they edit.

Two sources, read by :mod:`eventcoder.core.project_actors`, which turns them into dictionary entries:

* **learned** -- nothing is stored for them: :meth:`ActorsMixin.learned_actor_codings` reads the accepted actor
  spans that carry a code (what an analyst coded or confirmed), grouped by their words and code, with the dates
  of the documents they are in. Undoing a coding therefore also undoes what was learned from it.
* **explicit** -- the ``project_actors`` table: entries an analyst added or changed (name, code, an optional
  date range) and ``suppress`` rows that hide a learned (name, code). Each row is versioned; every write is one
  transaction, journalled in ``history``.

Mixed into :class:`~eventcoder.core.store.Project`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import StoreError

if TYPE_CHECKING:
    import sqlite_utils

TABLE = "project_actors"
ENTRY = "entry"  # a row that gives a name a code
SUPPRESS = "suppress"  # a row that hides a learned (name, code)
KINDS = (ENTRY, SUPPRESS)


@dataclass(frozen=True)
class LearnedCoding:
    """Accepted actor spans with the same words and code: how many, and the dates of their documents
    (ISO ``YYYY-MM-DD``; None when no document of them has a date)."""

    text: str
    code: str
    mentions: int
    undated_mentions: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class ActorEntryRow:
    """One row of ``project_actors``. ``key``: the name's words as the dictionaries match them (upper-case
    tokens joined by a space); ``start``/``end``: ISO dates (inclusive) or None."""

    name: str
    key: str
    code: str | None
    kind: str = ENTRY
    start: str | None = None
    end: str | None = None
    note: str | None = None
    annotator: str | None = None
    id: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    version: int = 1


_COLUMNS = tuple(f.name for f in dataclasses.fields(ActorEntryRow))
_EDITABLE = frozenset({"name", "key", "code", "kind", "start", "end", "note"})


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _check(row: dict[str, Any]) -> None:
    if row.get("kind") not in KINDS:
        raise StoreError(f"an actor entry is {' or '.join(KINDS)}, not {row.get('kind')!r}")
    if not str(row.get("key") or "").strip():
        raise StoreError(f"actor entry {row.get('name')!r}: no words to match")
    if row.get("kind") == ENTRY and not str(row.get("code") or "").strip():
        raise StoreError(f"actor entry {row.get('name')!r}: no code")
    for side in ("start", "end"):
        value = row.get(side)
        if value is not None:
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                raise StoreError(f"actor entry {row.get('name')!r}: {side} date {value!r} is not YYYY-MM-DD") from None
    if row.get("start") and row.get("end") and str(row["start"]) > str(row["end"]):
        raise StoreError(f"actor entry {row.get('name')!r}: starts ({row['start']}) after it ends ({row['end']})")


class ActorsMixin:
    """Store methods for the project's own actor dictionary (see the module's doc)."""

    db: sqlite_utils.Database
    annotator: str

    if TYPE_CHECKING:
        def transaction(self) -> contextlib.AbstractContextManager[Any]: ...
        def _log(self, action: str, table: str, row_id: int | None, before: Any, after: Any) -> None: ...

    # ------------------------------------------------------------------ learned: read from the codings

    def learned_actor_codings(self) -> list[LearnedCoding]:
        """Accepted, coded actor spans grouped by (words, code), with their documents' first and last dates; a span
        holding an event's trigger is a clause taken for an actor (the headline "Mali junta expels French"), not a
        name, and is not counted."""
        rows = self.db.execute(
            """SELECT s.text, s.code, COUNT(*),
                      SUM(CASE WHEN d.published IS NULL OR d.published = '' THEN 1 ELSE 0 END),
                      MIN(NULLIF(substr(d.published, 1, 10), '')), MAX(NULLIF(substr(d.published, 1, 10), ''))
               FROM spans s JOIN documents d ON d.id = s.document_id
               WHERE s.layer = 'actor' AND s.status = 'accepted' AND s.code IS NOT NULL AND s.code != ''
                 AND NOT EXISTS (SELECT 1 FROM spans t WHERE t.document_id = s.document_id AND t.layer = 'trigger'
                                 AND t.status != 'rejected' AND t.start >= s.start AND t."end" <= s."end")
               GROUP BY s.text, s.code
               ORDER BY s.text, s.code"""
        ).fetchall()
        return [LearnedCoding(str(t), str(c), int(n), int(u or 0), first, last) for t, c, n, u, first, last in rows]

    def actor_coding_documents(self, text: str, code: str, limit: int = 20) -> list[int]:
        """The documents holding an accepted span of these words coded ``code`` (for "where was this learned")."""
        rows = self.db.execute(
            """SELECT DISTINCT s.document_id FROM spans s
               WHERE s.layer = 'actor' AND s.status = 'accepted' AND s.text = ? AND s.code = ?
               ORDER BY s.document_id LIMIT ?""",
            [text, code, limit],
        ).fetchall()
        return [int(r[0]) for r in rows]

    # ------------------------------------------------------------------ explicit entries

    def actor_entries(self) -> list[ActorEntryRow]:
        """Every row of the project's actor table (entries and suppressions), oldest first."""
        rows = self.db.execute_returning_dicts(f"SELECT * FROM {TABLE} ORDER BY id")
        return [ActorEntryRow(**{k: r[k] for k in _COLUMNS}) for r in rows]

    def get_actor_entry(self, entry_id: int) -> ActorEntryRow | None:
        rows = self.db.execute_returning_dicts(f"SELECT * FROM {TABLE} WHERE id = ?", [entry_id])
        return ActorEntryRow(**{k: rows[0][k] for k in _COLUMNS}) if rows else None

    def add_actor_entry(self, entry: ActorEntryRow, action: str = "add actor") -> ActorEntryRow:
        """Store one row (its ``id`` kept when given and free: undo puts a removed row back as it was)."""
        row = dataclasses.asdict(entry)
        _check(row)
        stamp = _now()
        row["created_at"] = row.get("created_at") or stamp
        row["updated_at"] = row.get("updated_at") or stamp
        row["version"] = row.get("version") or 1
        row["annotator"] = row.get("annotator") or self.annotator
        if row.get("id") is None:
            row.pop("id")
        with self.transaction():
            if "id" in row and self.get_actor_entry(int(row["id"])) is not None:
                raise StoreError(f"actor entry {row['id']} cannot be restored: its id is taken; nothing was written")
            row_id = int(self.db[TABLE].insert(row).last_pk)
            stored = self.get_actor_entry(row_id)
            self._log(action, TABLE, row_id, None, dataclasses.asdict(stored))  # type: ignore[arg-type]
        return stored  # type: ignore[return-value]

    def update_actor_entry(self, entry_id: int, changes: dict[str, Any], *, expected_version: int | None = None,
                           action: str = "edit actor") -> tuple[ActorEntryRow, ActorEntryRow]:
        """Change some columns of a row: ``(before, after)``. ``expected_version``: refuse (nothing written) when
        the row is no longer at that version (changed elsewhere)."""
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise StoreError(f"an actor entry has no editable column {', '.join(sorted(unknown))}")
        with self.transaction():
            before = self._entry_at(entry_id, expected_version)
            row = {**dataclasses.asdict(before), **changes}
            _check(row)
            fresh = {**changes, "version": before.version + 1, "updated_at": _now(), "annotator": self.annotator}
            self.db[TABLE].update(entry_id, fresh)
            after = self.get_actor_entry(entry_id)
            self._log(action, TABLE, entry_id, dataclasses.asdict(before), dataclasses.asdict(after))  # type: ignore[arg-type]
        return before, after  # type: ignore[return-value]

    def delete_actor_entry(self, entry_id: int, *, expected_version: int | None = None,
                           action: str = "remove actor") -> ActorEntryRow:
        """Remove a row; returns it as it was. ``expected_version`` as for :meth:`update_actor_entry`."""
        with self.transaction():
            before = self._entry_at(entry_id, expected_version)
            self.db.execute(f"DELETE FROM {TABLE} WHERE id = ?", [entry_id])
            self._log(action, TABLE, entry_id, dataclasses.asdict(before), None)
        return before

    def _entry_at(self, entry_id: int, expected_version: int | None) -> ActorEntryRow:
        before = self.get_actor_entry(entry_id)
        if before is None:
            raise StoreError(f"actor entry {entry_id} does not exist (removed elsewhere?); nothing was written")
        if expected_version is not None and before.version != expected_version:
            raise StoreError(
                f"actor entry {before.name!r} ({before.code or 'suppressed'}) was changed elsewhere (now version "
                f"{before.version}, not {expected_version}); nothing was written")
        return before
