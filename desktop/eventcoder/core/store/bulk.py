"""Bulk loading for benches and tests: many generated documents and events in one transaction, fast.

Not a user action: nothing is journalled in ``history`` and nothing is checked against the document text
beyond what the schema enforces. Benches use it to build projects of a million events in seconds; the
window, the CLI and the importers never call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .base import now_iso, text_sha256

if TYPE_CHECKING:
    from . import Project

BATCH = 20_000


def bulk_insert(project: Project, documents: Iterable[dict[str, Any]] = (),
                events: Iterable[dict[str, Any]] = ()) -> tuple[int, int]:
    """Insert ``documents`` (rows of the ``documents`` table: ``text`` is required, ``sha256``, ``imported_at``
    and ``metadata`` are filled in) and then ``events`` (rows of ``events``: ``document_id`` and ``event_code``
    required, status ``accepted`` and origin ``model`` by default) in one transaction; returns how many of
    each were written."""
    stamp = now_iso()

    def docs() -> Iterable[dict[str, Any]]:
        for row in documents:
            row = dict(row)
            row.setdefault("sha256", text_sha256(row["text"]))
            row.setdefault("imported_at", stamp)
            row.setdefault("metadata", "{}")
            row.setdefault("done", 0)
            row.setdefault("title", "")
            yield row

    def evs() -> Iterable[dict[str, Any]]:
        for row in events:
            row = dict(row)
            row.setdefault("status", "accepted")
            row.setdefault("origin", "model")
            row.setdefault("created_at", stamp)
            row.setdefault("updated_at", stamp)
            row.setdefault("version", 1)
            yield row

    counted = [0, 0]

    def count(rows: Iterable[dict[str, Any]], slot: int) -> Iterable[dict[str, Any]]:
        for row in rows:
            counted[slot] += 1
            yield row

    with project.transaction():
        project.db["documents"].insert_all(count(docs(), 0), batch_size=BATCH)
        project.db["events"].insert_all(count(evs(), 1), batch_size=BATCH)
    return counted[0], counted[1]
