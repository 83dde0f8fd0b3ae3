"""Documents: adding them (the same text twice is kept once), reading them, their order in the queue, and
full-text search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..model import Document, RowKind
from .base import ProjectBase, now_iso, text_sha256
from .rows import _document_from_row

MIN_FREE_BYTES = 256 * 1024  # less free space than this is a full disk (as the store's open decides)
PROBE_BYTES = 16 * 1024  # the probe's row: several pages of the file, more than free pages usually hold

DOCUMENT_ORDERS = {"id": "d.id", "useful": "{done}, lowest IS NULL, lowest, d.id"}
MY_DONE_JOIN = "LEFT JOIN annotator_documents my_done ON my_done.document_id = d.id AND my_done.annotator = ?"
"""SQL: with team layers, a document's "done" is the annotator's own mark (``?``: them; ``annotator_documents``)."""
MY_DONE = "coalesce(my_done.done, 0)"
_UNDECIDED_BY_ME = """e.origin = 'model' AND coalesce(e.layer, '') = '' AND coalesce(e.annotator, '') = ''
    AND NOT EXISTS (SELECT 1 FROM events m WHERE m.document_id = e.document_id AND m.annotator = ?
                    AND (m.decides = e.id OR m.suggested_key = e.suggested_key))"""
"""SQL: the suggestion ``e`` is shared and the annotator (``?``) has not decided it (team layers; the window's
own view of a document applies the whole rule, core/team/layers.py)."""


@dataclass
class DocumentSummary:
    id: int
    title: str
    published: str | None
    suggested: int
    accepted: int
    rejected: int
    done: bool



class DocumentsMixin(ProjectBase):
    """Documents, their order and search."""

    def add_document(self, doc: Document) -> tuple[int, bool]:
        """Store a document; returns ``(id, created)``. The same text twice is a no-op (sha256)."""
        sha = text_sha256(doc.text)
        existing = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha]).fetchone()
        if existing:
            return int(existing[0]), False
        row = {
            "external_id": doc.external_id,
            "title": doc.title or _title_from_text(doc.text),
            "text": doc.text,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published,
            "sha256": sha,
            "imported_at": doc.imported_at or now_iso(),
            "metadata": json.dumps(doc.metadata or {}, ensure_ascii=False),
            "done": int(doc.done),
        }
        with self.transaction():
            doc_id = int(self.db["documents"].insert(row).last_pk)
            self._log("import", "documents", doc_id, None, {"title": row["title"], "sha256": sha})
        return doc_id, True

    def check_room_to_write(self, doing: str) -> None:
        """Refuse (:class:`StoreError`, ``cannot {doing}: the disk is full ...``) a command that is to write before
        it does any work, when the project cannot take a write: too little free space on its disk, or a probe
        transaction that needs new pages of the file (a row of ``PROBE_BYTES``, deleted in the same transaction,
        so nothing of it stays) fails. Cheap: one transaction of a few pages."""
        from ..fsutil import free_bytes

        free = free_bytes(self.path.parent)
        if free is not None and free < MIN_FREE_BYTES:
            raise StoreError(f"cannot {doing}: the disk holding {self.path} is full ({free // 1024:,} KB free); "
                             "free some space and try again; nothing was changed")
        try:
            with self.transaction():
                self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('write_probe', ?)",
                                ["x" * PROBE_BYTES])
                self.db.execute("DELETE FROM meta WHERE key = 'write_probe'")
        except StoreError as exc:
            why = str(exc).removeprefix("cannot save: ").removesuffix(" (nothing of this change was written)")
            why = why.removesuffix("; nothing of this change was written")
            raise StoreError(f"cannot {doing}: {why}; nothing was changed") from exc

    def get_document(self, doc_id: int) -> Document:
        """One document; with team layers its ``done`` is this annotator's own mark (:meth:`annotator_done`)."""
        rows = self.db.execute_returning_dicts("SELECT * FROM documents WHERE id = ?", [doc_id])
        if not rows:
            raise StoreError(f"no document with id {doc_id}")
        if self.get_meta("team_layers") == "1":
            rows[0]["done"] = int(self.annotator_done(doc_id, self.annotator))  # type: ignore[attr-defined]
        return _document_from_row(rows[0])

    def document_text(self, doc_id: int) -> str:
        """One document's text alone (an export's ``document_text``: no row object built)."""
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise StoreError(f"no document with id {doc_id}")
        return row[0]

    def document_count(self, search: str | None = None) -> int:
        if search:
            sql, params = self._search_sql("count(*)", search)
            return int(self.db.execute(sql, params).fetchone()[0])
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document_ids(self, search: str | None = None) -> list[int]:
        if search:
            sql, params = self._search_sql("documents.id", search)
            return [r[0] for r in self.db.execute(sql + " ORDER BY documents.id", params)]
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def _search_sql(self, what: str, search: str) -> tuple[str, list[Any]]:
        query = _fts_query(search)
        return (
            f"SELECT {what} FROM documents JOIN documents_fts ON documents_fts.rowid = documents.id "
            "WHERE documents_fts MATCH ?",
            [query],
        )

    def document_summary(self, doc_id: int) -> DocumentSummary:
        """One document's row of :meth:`document_summaries`."""
        found = self.document_summaries(ids=[doc_id])
        if not found:
            raise StoreError(f"no document with id {doc_id}")
        return found[0]

    def document_summaries(
        self,
        search: str | None = None,
        limit: int = -1,
        offset: int = 0,
        status: str | None = None,
        ids: list[int] | None = None,
    ) -> list[DocumentSummary]:
        """Documents with their event counts, in id order; ``limit``/``offset`` page lazily.

        ``status``: ``todo`` (not marked done) or ``done``, or None for all; ``ids`` restricts to those documents.
        Other orders: :meth:`ordered_document_ids`, then this with ``ids``. With team layers, counts and "done"
        are the annotator's own (their layer, their done mark).
        """
        team = self.get_meta("team_layers") == "1"
        join, where, params = _document_filter(search, status, self.annotator if team else None)
        if ids is not None:
            where.append(f"d.id IN ({', '.join('?' * len(ids))})" if ids else "0")
            params.extend(ids)
        counts = """
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'suggested') AS suggested,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'accepted') AS accepted,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'rejected') AS rejected"""
        if team:  # several annotators in one file: the counts of my layer
            mine = "coalesce(e.layer, '') = '' AND (e.annotator = ? OR coalesce(e.annotator, '') = '')"
            counts = f"""
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'suggested'
                 AND {_UNDECIDED_BY_ME}) AS suggested,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'accepted' AND {mine})
                 AS accepted,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'rejected' AND {mine})
                 AS rejected"""
            params = [self.annotator, self.annotator, self.annotator, *params]  # the ?s above, in order
        sql = f"""
            SELECT d.id, d.title, d.published, {MY_DONE if team else "d.done"} AS done, {counts}
            FROM documents d {join}
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY d.id LIMIT ? OFFSET ?"""
        rows = self.db.execute_returning_dicts(sql, [*params, limit, offset])
        return [
            DocumentSummary(
                id=r["id"],
                title=r["title"] or "",
                published=r["published"],
                suggested=r["suggested"],
                accepted=r["accepted"],
                rejected=r["rejected"],
                done=bool(r["done"]),
            )
            for r in rows
        ]

    def ordered_document_ids(self, search: str | None = None, status: str | None = None,
                             order: str = "useful") -> list[int]:
        """Every matching document id in ``order``, in one query: ``id`` (import order) or ``useful`` ("most
        useful next", active learning): documents not marked done first, those whose least confident pending
        suggestion is least confident first; documents with nothing pending follow, in import order. A list
        sorted by something that changes as analysts work pages through this snapshot, not by offset."""
        if order not in DOCUMENT_ORDERS:
            raise ValueError(f"unknown document order {order!r}; use one of {', '.join(DOCUMENT_ORDERS)}")
        team = self.get_meta("team_layers") == "1"
        join, where, params = _document_filter(search, status, self.annotator if team else None)
        lowest = ("(SELECT min(coalesce(e.confidence, 0)) FROM events e WHERE e.document_id = d.id "
                  "AND e.status = 'suggested') AS lowest")
        if order == "useful" and team:  # team layers: what *I* still have to decide
            lowest = (f"(SELECT min(coalesce(e.confidence, 0)) FROM events e WHERE e.document_id = d.id "
                      f"AND e.status = 'suggested' AND {_UNDECIDED_BY_ME}) AS lowest")
            params = [self.annotator, *params]
        sql = (f"SELECT d.id, {lowest} FROM documents d {join} {'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {DOCUMENT_ORDERS[order].format(done=MY_DONE if team else 'd.done')}")
        return [int(r[0]) for r in self.db.execute(sql, params)]

    def set_document_done(self, doc_id: int, done: bool) -> None:
        """The document's own done mark (for everyone; with team layers each annotator's is
        :meth:`set_annotator_done`)."""
        self.update_row(RowKind.DOCUMENT, doc_id, {"done": int(done)}, action="mark_done" if done else "mark_todo")


def _document_filter(search: str | None, status: str | None, me: str | None = None
                     ) -> tuple[str, list[str], list[Any]]:
    """The join, conditions and parameters that keep documents (``d``) matching ``search`` (full text) and
    ``status`` (``todo``, ``done`` or None for all); ``me``: team layers, "done" is that annotator's own mark
    (the join :data:`MY_DONE_JOIN` is then always made: :data:`MY_DONE` reads it). Parameters in text order."""
    where: list[str] = []
    params: list[Any] = []
    joins = []
    if me is not None:
        joins.append(MY_DONE_JOIN)
        params.append(me)
    if search:
        joins.append("JOIN documents_fts ON documents_fts.rowid = d.id")
        where.append("documents_fts MATCH ?")
        params.append(_fts_query(search))
    join = " ".join(joins)
    done = MY_DONE if me is not None else "d.done"
    if status in ("done", "todo"):
        where.append(f"{done} = 1" if status == "done" else f"{done} = 0")
    return join, where, params


def _fts_query(search: str) -> str:
    """Quote each word so user input never breaks FTS5 syntax; words are ANDed, last one is a prefix.
    Control characters (a NUL pasted into the search box) separate words like spaces."""
    search = "".join(" " if ch < " " or ch == "\x7f" or "\ud800" <= ch <= "\udfff" else ch for ch in search)
    words = [w.replace('"', '""') for w in search.split() if w.strip()]
    if not words:
        return '""'
    parts = [f'"{w}"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


def _title_from_text(text: str) -> str:
    """The title of a document added without one: the importers' rule (headline, else the opening words after
    any dateline)."""
    from ..io.textfiles import title_of

    return title_of(text)[:120]

