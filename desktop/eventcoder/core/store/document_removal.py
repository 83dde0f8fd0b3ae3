"""Deleting a document with everything coded on it, and putting it back exactly (the undo of a delete).

A document's rows are the document itself, its spans, its events (every layer's), its relations and, with
team layers, each annotator's done mark (``annotator_documents``). :meth:`DocumentRemovalMixin.delete_document`
removes them all in one transaction and returns them as they were (:class:`DocumentRows`);
:meth:`~DocumentRemovalMixin.restore_document` puts exactly those rows back, ids, versions and time stamps
included, so another window's undo steps on them (checked against their versions) hold again.

Other connections: each is one ``BEGIN IMMEDIATE`` transaction, so a window or a coding run writing to the
document at the same time queues behind it; what it then writes to the deleted document is refused by the
foreign keys (nothing of it half-written: "deleted elsewhere"), and a coding run skips the document ("deleted
while the run was coding it"). ``expected_state`` (a digest of the rows, :meth:`document_state`) refuses a
delete once anyone changed the document's rows since they were shown, so no one's newer work goes unseen.
The journal keeps every deleted row whole, the document's text included (a deleted document can be read back
from ``history``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from .base import ProjectBase

_PARTS = ("spans", "events", "relations")  # the tables of a document's annotation rows, in insert order


@dataclass(frozen=True)
class DocumentRows:
    """Every stored row of one document, as it was (``SELECT *``): restored exactly by ``restore_document``."""

    document: dict[str, Any]
    spans: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    relations: tuple[dict[str, Any], ...] = ()
    marks: tuple[dict[str, Any], ...] = field(default=())  # annotator_documents rows (team layers)

    @property
    def document_id(self) -> int:
        return int(self.document["id"])

    @property
    def title(self) -> str:
        return str(self.document.get("title") or f"document {self.document_id}")

    def counts(self) -> dict[str, int]:
        return {"spans": len(self.spans), "events": len(self.events), "relations": len(self.relations)}


def rows_digest(rows: DocumentRows) -> str:
    """A digest of a document's rows: any change to any of them (a new event, an edit: a new version) alters it."""
    body = json.dumps([rows.document, rows.spans, rows.events, rows.relations, rows.marks], sort_keys=True,
                      default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class DocumentRemovalMixin(ProjectBase):
    """Deleting a document and everything on it; restoring it exactly."""

    def document_rows(self, doc_id: int) -> DocumentRows:
        """The document and every row on it, as stored (read in one transaction: one consistent state)."""
        with self._reading():
            rows = self.db.execute_returning_dicts("SELECT * FROM documents WHERE id = ?", [doc_id])
            if not rows:
                raise StoreError(f"no document with id {doc_id}")
            parts = {table: tuple(self.db.execute_returning_dicts(
                f"SELECT * FROM [{table}] WHERE document_id = ? ORDER BY id", [doc_id])) for table in _PARTS}
            marks = tuple(self.db.execute_returning_dicts(
                "SELECT * FROM annotator_documents WHERE document_id = ? ORDER BY annotator", [doc_id]))
        return DocumentRows(rows[0], parts["spans"], parts["events"], parts["relations"], marks)

    def document_state(self, doc_id: int) -> str:
        """A digest of the document's rows now (:func:`rows_digest`): what a delete expects to find."""
        return rows_digest(self.document_rows(doc_id))

    def delete_document(self, doc_id: int, *, expected_state: str | None = None,
                        action: str = "delete document") -> DocumentRows:
        """Delete the document with its spans, events, relations and done marks, in one transaction; returns
        them as they were. ``expected_state``: the digest the analyst's view was read at; refused (nothing
        deleted) when the rows changed since. Refused too when a row of another document uses one of its
        spans."""
        with self.transaction():
            rows = self.document_rows(doc_id)
            if expected_state is not None and rows_digest(rows) != expected_state:
                raise StoreError(f"document “{rows.title}” (id {doc_id}) was changed elsewhere since it was shown "
                                 "(a coding run, another window or the command line); nothing was deleted: look "
                                 "at it again and delete it then")
            span_ids = [int(s["id"]) for s in rows.spans]
            if span_ids:
                marks = ", ".join("?" * len(span_ids))
                used = self.db.execute(
                    f"""SELECT count(*) FROM events WHERE document_id != ? AND (source_span_id IN ({marks})
                        OR target_span_id IN ({marks}) OR trigger_span_id IN ({marks})
                        OR location_span_id IN ({marks}))""", [doc_id, *span_ids * 4]).fetchone()[0]
                if used:
                    raise StoreError(f"document “{rows.title}” (id {doc_id}): {used} event(s) of other documents "
                                     "use its highlights; nothing was deleted")
            for table in reversed(_PARTS):  # relations, then events, then spans: nothing left pointing at them
                self.db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
            self.db.execute("DELETE FROM annotator_documents WHERE document_id = ?", [doc_id])
            self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
            for table, kept in (("relations", rows.relations), ("events", rows.events), ("spans", rows.spans)):
                for row in kept:
                    self._log(action, table, int(row["id"]), row, None)  # type: ignore[attr-defined]
            self._log(action, "documents", doc_id, {**rows.document, "done_marks": list(rows.marks)},  # type: ignore[attr-defined]
                      None)
        return rows

    def restore_document(self, rows: DocumentRows, *, action: str = "restore document") -> None:
        """Put a deleted document back exactly as :meth:`delete_document` returned it (ids, versions, time
        stamps), in one transaction. Refused, nothing written, when one of its ids is in use again or its text
        was imported again meanwhile. Ids are never given twice (AUTOINCREMENT, m014), so a later import -- here,
        in another window, by the command line -- never takes them; only a row written with its own id can."""
        doc_id = rows.document_id
        with self.transaction():
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone():
                raise StoreError(f"document “{rows.title}” (id {doc_id}) cannot be restored: its id was taken by a "
                                 "document imported since; nothing was restored")
            again = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", [rows.document.get("sha256")]
                                    ).fetchone()
            if again:
                raise StoreError(f"document “{rows.title}” cannot be restored: its text was imported again since "
                                 f"(document {again[0]}); nothing was restored")
            for table in _PARTS:
                ids = [int(r["id"]) for r in getattr(rows, table)]
                if ids:
                    taken = self.db.execute(
                        f"SELECT count(*) FROM [{table}] WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchone()[0]
                    if taken:
                        raise StoreError(f"document “{rows.title}” (id {doc_id}) cannot be restored: {taken} of its "
                                         f"{table}' ids were taken by {table} added elsewhere since; nothing was "
                                         "restored")
            self._insert("documents", rows.document)
            self._log(action, "documents", doc_id, None, {k: v for k, v in rows.document.items() if k != "text"})  # type: ignore[attr-defined]
            for table in _PARTS:
                for row in getattr(rows, table):
                    self._insert(table, row)
                    self._log(action, table, int(row["id"]), None, row)  # type: ignore[attr-defined]
            for mark in rows.marks:
                self._insert("annotator_documents", mark)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One read transaction (one consistent state of the file), unless the caller's is open already."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                self.db.execute("COMMIT")

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        columns = ", ".join(f"[{name}]" for name in row)
        self.db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
