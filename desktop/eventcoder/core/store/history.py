"""The journal (``history``: who changed which row, how, when) and the generic, versioned row access the
undoable commands (core/commands.py) and undo are built on."""

from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from ..model import Origin, RowKind
from .base import ProjectBase, now_iso
from .rows import ANNOTATIONS, EDITABLE, TABLES, provenance_json, row_kind, table_of

# fields of an event row whose change is no coding: the version and time every write bumps (undo too), and the
# analyst's note -- it decides nothing, and nothing is learned from it (codings_since, store/codings_count.py)
NOT_CODING_FIELDS = "'$.version', '$.updated_at', '$.note'"

class HistoryMixin(ProjectBase):
    """The journal, and rows read and written by kind (:class:`~eventcoder.core.model.RowKind`)."""

    def _log(self, action: str, table: str, row_id: int | None, before: Any, after: Any) -> None:
        """Journal one change, inside the caller's transaction (``table``: the table written)."""
        self.db.execute(
            "INSERT INTO history(at, who, action, table_name, row_id, before, after) VALUES (?,?,?,?,?,?,?)",
            [
                now_iso(),
                self.annotator,
                action,
                table,
                row_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ],
        )

    def last_change(self, kind: RowKind | str, row_id: int) -> dict[str, Any] | None:
        """The newest history entry about one row (who changed it, how, when), off an index."""
        rows = self._history_rows("SELECT * FROM history WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
                                  [table_of(kind), row_id])
        return rows[0] if rows else None

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._history_rows("SELECT * FROM history ORDER BY id DESC LIMIT ?", [limit])

    def _history_rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = self.db.execute_returning_dicts(sql, params)
        for row in rows:
            row["before"] = json.loads(row["before"]) if row["before"] else None
            row["after"] = json.loads(row["after"]) if row["after"] else None
        return rows

    # ------------------------------------------------------------------ generic rows (used by commands and undo)

    def get_row(self, kind: RowKind | str, row_id: int) -> dict[str, Any] | None:
        """One stored row of ``kind`` as a dict of its columns, or None when there is none with that id."""
        rows = self.db.execute_returning_dicts(f"SELECT * FROM [{table_of(kind)}] WHERE id = ?", [row_id])
        return rows[0] if rows else None

    def _existing(self, kind: RowKind, row_id: int, current: dict[str, Any] | None) -> dict[str, Any]:
        """The row about to be changed: ``current`` when the caller just read it, else read now; refused when
        there is none."""
        row = current if current is not None else self.get_row(kind, row_id)
        if row is None:
            raise StoreError(f"{kind.value} {row_id} does not exist (deleted elsewhere?)")
        return row

    def insert_row(self, kind: RowKind | str, row: dict[str, Any], action: str = "insert") -> int:
        """Insert one row (keeping ``row['id']`` when given, so undo restores the same id); returns its id."""
        return int(self.add_row(kind, row, action)["id"])

    def add_row(self, kind: RowKind | str, row: dict[str, Any], action: str = "insert") -> dict[str, Any]:
        """:meth:`insert_row`, returning the row as stored (read once, in the same transaction)."""
        kind = row_kind(kind)
        row = dict(row)
        if kind in ANNOTATIONS:
            stamp = now_iso()
            row["created_at"] = row.get("created_at") or stamp
            row["updated_at"] = row.get("updated_at") or stamp
            row["version"] = row.get("version") or 1
            if "annotator" in row and row["annotator"] is None and row.get("origin") == Origin.HUMAN:
                row["annotator"] = self.annotator
        if "provenance" in row:
            row["provenance"] = provenance_json(row["provenance"])
        table = TABLES[kind]
        with self.transaction():
            row_id = int(self.db[table].insert(row).last_pk)
            stored = self.get_row(kind, row_id)
            assert stored is not None
            self._log(action, table, row_id, None, stored)
        return stored

    def update_row(
        self,
        kind: RowKind | str,
        row_id: int,
        changes: dict[str, Any],
        *,
        expected_version: int | None = None,
        action: str = "update",
    ) -> dict[str, Any]:
        """Change some columns of a row; returns the previous values of those columns.

        With ``expected_version`` a concurrent change by someone else raises ``StoreError``
        instead of being silently overwritten.
        """
        before, _after = self.change_row(kind, row_id, changes, expected_version=expected_version, action=action)
        return before

    def change_row(self, kind: RowKind | str, row_id: int, changes: dict[str, Any], *,
                   expected_version: int | None = None, action: str = "update",
                   current: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """:meth:`update_row`, returning (the previous values of the changed columns, the whole row as the
        change left it). ``current``: the row as the caller just read it in this transaction (not read again).
        A kind that limits its columns (a document: title, date, done) refuses any other change."""
        kind = row_kind(kind)
        allowed = EDITABLE.get(kind)
        if allowed is not None and set(changes) - allowed:
            raise StoreError(f"cannot change {', '.join(sorted(set(changes) - allowed))} of a {kind.value} "
                             f"(only {', '.join(sorted(allowed))})")
        table = TABLES[kind]
        with self.transaction():
            before = self._existing(kind, row_id, current)
            if expected_version is not None and before.get("version") != expected_version:
                raise StoreError(
                    f"{kind.value} {row_id} was changed elsewhere (version {before.get('version')}, "
                    f"expected {expected_version}); reload to see the newer state"
                )
            changes = {k: v for k, v in changes.items() if k not in ("id", "version")}
            if "provenance" in changes:
                changes["provenance"] = provenance_json(changes["provenance"])
            if "version" in before:  # every versioned kind (annotations, documents since m013): a new version
                changes["version"] = (before.get("version") or 0) + 1
                if "updated_at" in before:
                    changes["updated_at"] = now_iso()
            self.db[table].update(row_id, changes)
            after = self.get_row(kind, row_id)
            assert after is not None
            self._log(action, table, row_id, _journalled(kind, before), _journalled(kind, after))
        return {k: before[k] for k in changes if k in before}, after

    def delete_row(self, kind: RowKind | str, row_id: int, action: str = "delete",
                   current: dict[str, Any] | None = None) -> dict[str, Any]:
        """Delete one row; returns it as it was. ``current``: the row as the caller just read it in this
        transaction (not read again)."""
        kind = row_kind(kind)
        table = TABLES[kind]
        with self.transaction():
            before = self._existing(kind, row_id, current)
            self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            self._log(action, table, row_id, before, None)
        return before

    def history_mark(self) -> int:
        """The id of the newest history entry (0 for none): a point to count later changes from."""
        row = self.db.execute("SELECT max(id) FROM history").fetchone()
        return int(row[0] or 0)

    def codings_since(self, mark: int, scheme: str | None = None, limit: int = -1, *,
                      upto: int | None = None, by_row: bool = False) -> int:
        """How many codings analysts made after history entry ``mark``: events (of ``scheme`` when given, or of none)
        that an analyst's accept, reject, edit, add or delete left different from how they were at ``mark`` (a
        note alone is no coding). One event decided and then edited is one coding; an undo takes its change back
        (accept then undo: none), a redo counts it again; a refused change wrote nothing. The coder's own writes
        and imports are not codings. ``limit``: stop counting there (the window asks after every edit).
        ``upto``: as the journal stood at that entry (None: as it stands). ``by_row``: find the events' entries
        off the per-row index instead of reading every entry since ``mark`` (the quicker when the entries since
        are many and mostly of other tables: a corpus imported and coded since)."""
        volatile = NOT_CODING_FIELDS
        analysts = "action NOT IN ('import', 'code')"
        # the events touched since ``mark``, in the order of the journal (its key, so a recent mark reads little;
        # ``+table_name`` keeps it off the per-row index), each compared as it was before its first change and
        # after its last one (those two read off the per-row index); DISTINCT streams, so LIMIT stops early
        row = self.db.execute(
            f"""SELECT count(*) FROM (
                   SELECT 1 FROM (
                       SELECT DISTINCT row_id FROM history
                       WHERE id > :mark AND id <= :upto AND {"table_name" if by_row else "+table_name"} = 'events'
                         AND {analysts}
                         AND (:scheme IS NULL OR coalesce(json_extract(after, '$.scheme'),
                                                          json_extract(before, '$.scheme'), :scheme) = :scheme)) t
                   WHERE json_remove((SELECT before FROM history f WHERE f.table_name = 'events'
                                      AND f.row_id = t.row_id AND f.id > :mark AND f.id <= :upto AND f.{analysts}
                                      ORDER BY f.id LIMIT 1), {volatile})
                         IS NOT json_remove((SELECT after FROM history l WHERE l.table_name = 'events'
                                             AND l.row_id = t.row_id AND l.id > :mark AND l.id <= :upto
                                             AND l.{analysts}
                                             ORDER BY l.id DESC LIMIT 1), {volatile})
                   LIMIT :limit)""",
            {"mark": mark, "scheme": scheme, "limit": limit, "upto": (1 << 62) if upto is None else upto},
        ).fetchone()
        return int(row[0])


def _journalled(kind: RowKind, row: dict[str, Any]) -> dict[str, Any]:
    """A row as the journal keeps it: a document without its text (which never changes, see ``EDITABLE``; its
    digest stays), so a date or done mark does not copy the whole article into the history twice."""
    if kind is RowKind.DOCUMENT:
        return {k: v for k, v in row.items() if k != "text"}
    return row
