"""For a package (``eventcoder package``): the coder's suggestions back as they were before anyone decided them.

Deciding a suggestion (accept, reject, edit) changes its event and span rows in place and the history keeps each
row as it was before (``history.before``, the whole row). An annotator's file is to hold the coder's suggestions
and no one's decisions, so every coder row (``origin = 'model'``) a person changed is put back as its first such
snapshot shows it: its codes, its spans, status ``suggested``, no annotator. A span the coder made that an edit
deleted while a restored event still names it is put back too. Rows no history names are left as they are (the
package then makes them suggestions). Runs inside the caller's transaction, before the history is cleared.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_SUGGESTED = "suggested"


def _first_suggested(db: sqlite3.Connection, table: str) -> dict[int, dict[str, Any]]:
    """{row id: the row as the first history entry that changed it had it, when it was then a coder suggestion}."""
    first: dict[int, dict[str, Any]] = {}
    seen: set[int] = set()
    rows = db.execute("SELECT row_id, before FROM history WHERE table_name = ? AND row_id IS NOT NULL "
                      "AND before IS NOT NULL ORDER BY id", (table,))
    for row_id, before in rows:
        row_id = int(row_id)
        if row_id in seen:
            continue
        seen.add(row_id)
        try:
            snapshot = json.loads(before)
        except (TypeError, ValueError):
            continue
        if (isinstance(snapshot, dict) and snapshot.get("status") == _SUGGESTED
                and snapshot.get("origin") == "model"):
            first[row_id] = snapshot
    return first


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in db.execute(f"PRAGMA table_info([{table}])")]


def _value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict | list) else value


def restore_suggestions(db: sqlite3.Connection) -> int:
    """Put the coder's rows a person changed back to the suggestions they were (see the module's doc). Returns
    how many event rows were put back."""
    restored = 0
    for table in ("events", "spans"):
        columns = [c for c in _columns(db, table) if c not in ("id", "document_id")]
        snapshots = _first_suggested(db, table)
        present = {int(r[0]): (str(r[1]), r[2]) for r in db.execute(f"SELECT id, origin, layer FROM [{table}]")
                   } if table == "events" else {int(r[0]): (str(r[1]), None)
                                                for r in db.execute("SELECT id, origin FROM spans")}
        for row_id, snapshot in snapshots.items():
            if row_id not in present:
                continue
            origin, layer = present[row_id]
            if origin != "model" or layer:  # a person's own row, or the curated layer: the package drops it
                continue
            use = [c for c in columns if c in snapshot]
            values = [_value(snapshot[c]) for c in use]
            db.execute(f"UPDATE [{table}] SET " + ", ".join(f"[{c}] = ?" for c in use) + " WHERE id = ?",
                       [*values, row_id])
            restored += table == "events"
        if table == "spans":  # coder spans a restored suggestion names that an edit deleted: back as they were
            wanted = {int(r[0]) for r in db.execute(
                "SELECT source_span_id FROM events UNION SELECT target_span_id FROM events "
                "UNION SELECT trigger_span_id FROM events UNION SELECT location_span_id FROM events")
                if r[0] is not None}
            all_columns = _columns(db, "spans")
            for span_id in sorted(wanted - set(present)):
                snapshot = snapshots.get(span_id)
                if snapshot is None or "document_id" not in snapshot:
                    continue
                use = [c for c in all_columns if c in snapshot]
                db.execute(f"INSERT INTO spans ({', '.join(f'[{c}]' for c in use)}) VALUES "
                           f"({', '.join('?' * len(use))})", [_value(snapshot[c]) for c in use])
    return restored
