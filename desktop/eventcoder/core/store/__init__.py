"""The project store: one SQLite file per project, written through sqlite-utils.

All SQL of the application lives here. Every public write is one transaction
(``BEGIN IMMEDIATE`` + ``Database.atomic()``), journals itself in the ``history``
table, and is durable when the call returns (WAL mode, ``synchronous=FULL``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import getpass
import hashlib
import json
import os
import re
import shutil
import sqlite3
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import guard
from ..errors import EventCoderError, StoreError
from ..model import CodedDocument, Document, Event, Origin, Relation, Span, Status
from .migrations import MIGRATION_SET, SCHEMA_VERSIONS, migrations

APP_NAME = "EventCoder"
BUSY_TIMEOUT_MS = 10_000
BACKUP_EVERY_S = 30 * 60
KEEP_MODEL_BLOBS = 3  # trained models whose weights are kept per (kind, scheme); older ones keep their figures


_TABLE_TYPES: dict[str, type] = {"spans": Span, "events": Event, "relations": Relation}


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_db_path() -> Path:
    """``$EVENTCODER_DB`` if set, else ``eventcoder.db`` in the user data dir."""
    env = os.environ.get("EVENTCODER_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "eventcoder.db"


def default_annotator() -> str:
    try:
        return os.environ.get("EVENTCODER_ANNOTATOR") or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "analyst"




# --------------------------------------------------------------------------- helpers


DOCUMENT_ORDERS = {"id": "d.id", "useful": "d.done, lowest IS NULL, lowest, d.id"}


@dataclass
class DocumentSummary:
    id: int
    title: str
    published: str | None
    suggested: int
    accepted: int
    rejected: int
    done: bool


def _row_to(cls: type, row: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


def _document_from_row(row: dict[str, Any]) -> Document:
    row = dict(row)
    row["metadata"] = json.loads(row.get("metadata") or "{}")
    row["done"] = bool(row.get("done"))
    return _row_to(Document, row)


def to_row(obj: Any) -> dict[str, Any]:
    """A domain object as a row for the store (provenance as JSON text)."""
    row = dataclasses.asdict(obj)
    if row.get("id") is None:
        row.pop("id", None)
    if isinstance(row.get("provenance"), dict):
        row["provenance"] = json.dumps(row["provenance"], ensure_ascii=False, sort_keys=True)
    return row


def _event_from_row(row: dict[str, Any]) -> Event:
    event = _row_to(Event, row)
    if isinstance(event.provenance, str):
        event.provenance = json.loads(event.provenance) if event.provenance else None
    return event


class Project:
    """A coding project backed by one SQLite file."""

    def __init__(self, path: str | Path, *, annotator: str | None = None, auto_backup: bool = False,
                 readonly: bool | None = None) -> None:
        """Open (or create) the project at ``path``.

        The file is only ever touched through SQLite: its header is checked by SQLite on the first read, never
        with ``open()`` (see :mod:`eventcoder.core.guard`). ``readonly``: open for reading only (the default when
        the file or its folder cannot be written); every write then raises ``StoreError("cannot save: ...")``.
        ``auto_backup`` is kept for callers that want :meth:`auto_backup` right away; it never fails the open.
        """
        self.path = Path(path)
        self.annotator = annotator or default_annotator()
        self.backup_problem: str | None = None
        self._closed = True
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a project file")
        if readonly is None:
            readonly = _looks_readonly(self.path)
        self.readonly = readonly
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path.parent}: cannot create the project's folder ({exc.strerror})") from exc
        elif not self.path.is_file():
            raise StoreError(f"{self.path}: no such project file (and its folder is read-only)")
        self.readonly_reason = "the file or its folder is not writable" if readonly else ""
        self._disk_full = False
        guard.register(self.path)
        self._closed = False
        try:
            try:
                self._connect()
                self._migrate()
            except StoreError:
                if self.readonly or not self.path.is_file() or not _disk_full(self.path):
                    raise
                # a full disk: SQLite cannot even make the -shm; read what is there, refuse every write
                with contextlib.suppress(sqlite3.Error):
                    self.db.close()
                self.readonly, self.readonly_reason, self._disk_full = True, "the disk is full", True
                self._connect()
                self._migrate()
            guard.track(self.path)
        except BaseException:
            self.close()
            raise
        if auto_backup:
            self.auto_backup()

    def _connect(self) -> None:
        try:
            if self.readonly:
                uri = _readonly_uri(self.path)  # immutable on a read-only filesystem: no -shm can be made there
                if self._disk_full and "immutable" not in uri and not _size(Path(f"{self.path}-wal")) and _size(
                        Path(f"{self.path}-shm")) < 32768:
                    # a full disk and no connection open (no WAL content, no usable -shm): read the file as it is
                    uri += "&immutable=1"
                conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the project file ({exc})") from exc
        self.db = sqlite_utils.Database(conn)
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # the first read of the file: SQLite checks the header (never Python's open(), see core.guard)
            self.db.execute("PRAGMA schema_version").fetchone()
            self.db.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.enable_wal()
                self.db.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            raise _open_error(self.path, exc) from exc

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        try:
            applied = [m.name for m in migrations.applied(self.db)]
            tables = self.db.table_names()
        except sqlite3.DatabaseError as exc:
            raise _open_error(self.path, exc) from exc
        unknown = [name for name in applied if name not in SCHEMA_VERSIONS]
        if unknown:
            raise StoreError(
                f"{self.path}: written by a newer EventCoder (schema {unknown[-1]}); upgrade EventCoder to open it"
            )
        if not applied and tables and "documents" not in tables:
            raise StoreError(f"{self.path}: an SQLite file, but not an EventCoder project")
        pending = migrations.pending(self.db)
        if not pending:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: read-only, and it needs an upgrade to this EventCoder's schema "
                             f"({pending[-1].name}); open a writable copy")
        if applied:
            self.backup(suffix=f"before-{pending[0].name}")  # raises if it cannot be made: no upgrade without it
        with self.transaction():
            migrations.apply(self.db)
            self.db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", [SCHEMA_VERSIONS[-1]]
            )

    @property
    def schema_version(self) -> str | None:
        applied = migrations.applied(self.db)
        return applied[-1].name if applied else None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            db = getattr(self, "db", None)
            if db is not None:
                db.close()
        finally:
            guard.unregister(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def _backup_name(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.path.stem) + BACKUP_STAMP + r"\.db")

    def backups(self) -> list[Path]:
        """This project's backups (named exactly ``STEM-YYYYmmdd-HHMMSS-micro[-before-...].db``), oldest first.

        Only this project's: ``news-2024.db``'s backups are not ``news.db``'s. Unfinished ones (``.partial``)
        never count."""
        if not self.backup_dir.is_dir():
            return []
        name = self._backup_name()
        found = [p for p in self.backup_dir.iterdir() if name.fullmatch(p.name) and p.is_file()]
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))

    def backup(self, target: str | Path | None = None, *, suffix: str = "") -> Path:
        """Copy the project with SQLite's online backup API (safe while others write).

        The copy is written beside the target as a hidden ``.partial`` file, checked (``quick_check``, the
        schema), flushed, and only then renamed into place: a backup that exists under its name is whole.
        Raises ``StoreError`` (and leaves nothing behind) when it cannot be made, e.g. on a full disk."""
        if target is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            target = self.backup_dir / f"{self.path.stem}-{stamp}{'-' + suffix if suffix else ''}.db"
        target = Path(target)
        if guard.is_open_project_file(target) or _same_file(target, self.path):
            raise StoreError(f"{target}: is a project file that is open; a backup goes to a new file")
        partial = target.with_name(f".{target.name}.partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)
            dest = sqlite3.connect(str(partial))
            try:
                self.db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
                dest.commit()
            finally:
                dest.close()
            problems = verify_backup(partial, quick=True)
            if problems:
                raise StoreError(f"{target}: the backup came out damaged ({problems[0]})")
            _fsync(partial)
            os.replace(partial, target)
            _fsync_dir(target.parent)
        except (sqlite3.Error, OSError) as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise StoreError(f"cannot back up to {target}: {_reason(exc)}") from exc
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise
        return target

    def auto_backup(self, *, min_age_s: float = BACKUP_EVERY_S, keep_recent: int = 10) -> Path | None:
        """Back up when the newest whole backup is older than ``min_age_s``; rotate: 10 recent + one per day.

        Never fails: a backup that cannot be made (full disk, read-only folder) returns None and leaves the
        reason in ``backup_problem`` for the caller to show. Called after opening, never inside the open."""
        self.backup_problem = None
        try:
            if self.readonly or self.document_count() == 0:
                return None
            newest = next((p for p in reversed(self.backups()) if _looks_whole(p)), None)
            if newest is not None and dt.datetime.now().timestamp() - newest.stat().st_mtime < min_age_s:
                return None
            made = self.backup()
            self.rotate_backups(keep_recent=keep_recent)
            return made
        except (EventCoderError, sqlite3.Error, OSError) as exc:
            self.backup_problem = f"no backup made: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            return None

    def rotate_backups(self, keep_recent: int = 10) -> list[Path]:
        """Keep the newest ``keep_recent`` backups and the newest of each earlier day; delete the rest.
        Damaged ones (empty, cut short) are not kept in place of whole ones."""
        existing = [p for p in self.backups() if _looks_whole(p)]
        keep = set(existing[-keep_recent:])
        days: dict[str, Path] = {}
        for path in existing:
            days[dt.date.fromtimestamp(path.stat().st_mtime).isoformat()] = path
        keep.update(days.values())
        removed = [p for p in self.backups() if p not in keep]
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def restore(self, backup: str | Path, *, force: bool = False) -> Path:
        """Replace the project's contents with a backup; the current state is backed up first.

        The backup is checked before anything is written (it opens, ``integrity_check`` passes, it holds an
        EventCoder schema no newer than this one); an empty, unfinished or damaged file is refused, and so is a
        backup with no documents over a project that has some (unless ``force``). Other windows on the file
        notice the restore (``restore_id`` in meta) and reload."""
        source = Path(backup)
        if self.readonly:
            raise StoreError(f"cannot restore: {self.path} is read-only")
        if not source.is_file():
            raise StoreError(f"{source}: no such backup")
        if _same_file(source, self.path) or guard.is_open_project_file(source):
            raise StoreError(f"{source}: is the project itself, not a backup of it")
        if source.name.endswith(".partial"):
            raise StoreError(f"{source}: an unfinished backup (it was interrupted); nothing restored")
        if source.stat().st_size == 0:
            raise StoreError(f"{source}: empty file (0 bytes), not a finished backup; nothing restored")
        problems = verify_backup(source)
        if problems:
            raise StoreError(f"{source}: not a usable backup ({problems[0]}); nothing restored")
        documents = _count_documents(source)
        have = self.document_count()
        if documents == 0 and have and not force:
            raise StoreError(f"{source}: the backup holds no documents and the project has {have}; nothing "
                             "restored (--force restores it anyway)")
        safety = self.backup(suffix="before-restore")
        try:
            src = sqlite3.connect(_readonly_uri(source), uri=True)
            try:
                src.backup(self.db.conn)
            finally:
                src.close()
            self.db.execute("PRAGMA journal_mode").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot restore {source}: {_reason(exc)}; the previous state is in {safety}") from exc
        self._migrate()
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('restore_id', ?)", [uuid.uuid4().hex])
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('restored_from', ?)", [str(source)])
            self._log("restore", "meta", None, None, {"from": str(source), "safety": str(safety),
                                                      "documents": documents})
        return safety

    def restore_id(self) -> str | None:
        """Changes on every restore: a window that sees another value reloads everything."""
        return self.get_meta("restore_id")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Project]:
        """One user action: a write transaction taken up front, so concurrent writers queue, not fail.

        Any SQLite failure (full disk, read-only file, I/O error, a lock held too long) rolls the whole action
        back and surfaces as ``StoreError("cannot save: ...")``; nothing of it is written."""
        if self.readonly:
            raise StoreError(f"cannot save: {self.path} is open read-only ({self.readonly_reason})")
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _save_error(self.path, exc) from exc
        try:
            with self.db.atomic():
                yield self
        except sqlite3.Error as exc:
            self._rollback()
            raise _save_error(self.path, exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _save_error(self.path, exc) from exc

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value])

    def record_scheme(self, name: str, version: str, content_hash: str, path: str | None = None) -> int:
        """Remember which scheme (name, version, content) the project was coded with."""
        with self.transaction():
            row = self.db.execute(
                "SELECT id FROM schemes WHERE name = ? AND version = ? AND content_hash = ?",
                [name, version, content_hash],
            ).fetchone()
            stamp = now_iso()
            if row:
                self.db.execute("UPDATE schemes SET last_used = ? WHERE id = ?", [stamp, row[0]])
                return int(row[0])
            return int(
                self.db["schemes"]
                .insert(
                    {
                        "name": name,
                        "version": version,
                        "content_hash": content_hash,
                        "path": path,
                        "first_used": stamp,
                        "last_used": stamp,
                    }
                )
                .last_pk
            )

    def schemes_used(self) -> list[dict[str, Any]]:
        return list(self.db["schemes"].rows_where(order_by="id"))

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes whenever another connection commits to the file."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # ------------------------------------------------------------------ history

    def _log(self, action: str, table: str, row_id: int | None, before: Any, after: Any) -> None:
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

    def last_change(self, table: str, row_id: int) -> dict[str, Any] | None:
        """The newest history entry about one row (who changed it, how, when), off an index."""
        rows = self._history_rows(
            "SELECT * FROM history WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1", [table, row_id])
        return rows[0] if rows else None

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._history_rows("SELECT * FROM history ORDER BY id DESC LIMIT ?", [limit])

    def _history_rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = self.db.execute_returning_dicts(sql, params)
        for row in rows:
            row["before"] = json.loads(row["before"]) if row["before"] else None
            row["after"] = json.loads(row["after"]) if row["after"] else None
        return rows

    # ------------------------------------------------------------------ generic rows (used by commands)

    def get_row(self, table: str, row_id: int) -> dict[str, Any] | None:
        rows = self.db.execute_returning_dicts(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        return rows[0] if rows else None

    def insert_row(self, table: str, row: dict[str, Any], action: str = "insert") -> int:
        """Insert one row (keeping ``row['id']`` when given, so undo restores the same id)."""
        row = dict(row)
        stamp = now_iso()
        if table in _TABLE_TYPES:
            row["created_at"] = row.get("created_at") or stamp
            row["updated_at"] = row.get("updated_at") or stamp
            row["version"] = row.get("version") or 1
            if "annotator" in row and row["annotator"] is None and row.get("origin") == Origin.HUMAN:
                row["annotator"] = self.annotator
        with self.transaction():
            row_id = int(self.db[table].insert(row).last_pk)
            self._log(action, table, row_id, None, self.get_row(table, row_id))
        return row_id

    def update_row(
        self,
        table: str,
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
        with self.transaction():
            before = self.get_row(table, row_id)
            if before is None:
                raise StoreError(f"{table} row {row_id} does not exist (deleted elsewhere?)")
            if expected_version is not None and before.get("version") != expected_version:
                raise StoreError(
                    f"{table} row {row_id} was changed elsewhere (version {before.get('version')}, "
                    f"expected {expected_version}); reload to see the newer state"
                )
            changes = {k: v for k, v in changes.items() if k not in ("id", "version")}
            if "version" in before:
                changes["version"] = (before.get("version") or 0) + 1
                changes["updated_at"] = now_iso()
            self.db[table].update(row_id, changes)
            after = self.get_row(table, row_id)
            self._log(action, table, row_id, before, after)
        return {k: before[k] for k in changes if k in before}

    def delete_row(self, table: str, row_id: int, action: str = "delete") -> dict[str, Any]:
        with self.transaction():
            before = self.get_row(table, row_id)
            if before is None:
                raise StoreError(f"{table} row {row_id} does not exist")
            self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            self._log(action, table, row_id, before, None)
        return before

    # ------------------------------------------------------------------ documents

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

    def get_document(self, doc_id: int) -> Document:
        rows = self.db.execute_returning_dicts("SELECT * FROM documents WHERE id = ?", [doc_id])
        if not rows:
            raise StoreError(f"no document with id {doc_id}")
        return _document_from_row(rows[0])

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
        Other orders: :meth:`ordered_document_ids`, then this with ``ids``.
        """
        where: list[str] = []
        params: list[Any] = []
        join = ""
        if ids is not None:
            where.append(f"d.id IN ({', '.join('?' * len(ids))})" if ids else "0")
            params.extend(ids)
        if search:
            join = "JOIN documents_fts ON documents_fts.rowid = d.id"
            where.append("documents_fts MATCH ?")
            params.append(_fts_query(search))
        if status == "done":
            where.append("d.done = 1")
        elif status == "todo":
            where.append("d.done = 0")
        sql = f"""
            SELECT d.id, d.title, d.published, d.done,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'suggested') AS suggested,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'accepted') AS accepted,
              (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.status = 'rejected') AS rejected
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
        where: list[str] = []
        params: list[Any] = []
        join = ""
        if search:
            join = "JOIN documents_fts ON documents_fts.rowid = d.id"
            where.append("documents_fts MATCH ?")
            params.append(_fts_query(search))
        if status in ("done", "todo"):
            where.append("d.done = 1" if status == "done" else "d.done = 0")
        lowest = ("(SELECT min(coalesce(e.confidence, 0)) FROM events e WHERE e.document_id = d.id "
                  "AND e.status = 'suggested') AS lowest")
        sql = (f"SELECT d.id, {lowest} FROM documents d {join} {'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {DOCUMENT_ORDERS[order]}")
        return [int(r[0]) for r in self.db.execute(sql, params)]

    def set_document_done(self, doc_id: int, done: bool) -> None:
        self.update_row("documents", doc_id, {"done": int(done)}, action="mark_done" if done else "mark_todo")

    # ------------------------------------------------------------------ spans, events, relations

    def add_span(self, span: Span) -> Span:
        doc = self.get_document(span.document_id)
        if not (0 <= span.start < span.end <= len(doc.text)):
            raise StoreError(f"span {span.start}-{span.end} is outside document {doc.id}")
        if not span.text:
            span.text = doc.text[span.start : span.end]
        span.id = self.insert_row("spans", to_row(span))
        return self.get_span(span.id)

    def get_span(self, span_id: int) -> Span:
        row = self.get_row("spans", span_id)
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
        event.id = self.insert_row("events", to_row(event))
        return self.get_event(event.id)

    def get_event(self, event_id: int) -> Event:
        row = self.get_row("events", event_id)
        if row is None:
            raise StoreError(f"no event with id {event_id}")
        return _event_from_row(row)

    def update_event(self, event_id: int, *, expected_version: int | None = None, **changes: Any) -> Event:
        """Change an event; returns it as this change left it (read in the same transaction)."""
        with self.transaction():
            self.update_row("events", event_id, changes, expected_version=expected_version)
            return self.get_event(event_id)

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

    EXPORT_FIELDS = (
        "event_id", "document_id", "document_title", "document_date", "event_date", "sentence", "trigger_text",
        "source_code", "source_text", "event_code", "target_code", "target_text", "location", "mode", "context",
        "status", "origin", "annotator", "confidence", "scheme", "coded_at", "document_external_id",
        "document_source", "sentence_start",
    )  # fmt: skip

    def iter_export_rows(self, status: str | None = None) -> Iterator[tuple[Any, ...]]:
        """Events joined with their document and span texts as tuples of ``EXPORT_FIELDS``.

        Streamed in (document, sentence, id) order straight off an index: constant memory, no sort.
        """
        where = "WHERE +e.status = ?" if status else ""
        sql = f"""
            SELECT e.id, e.document_id, d.title, d.published, coalesce(e.date, d.published),
                   trim(substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start), ' ' || char(10, 9)),
                   tr.text, e.source_code, {_names_code("ss", "e.source_code")}, e.event_code, e.target_code,
                   {_names_code("ts", "e.target_code")},
                   coalesce(e.location, ls.text), e.mode, e.context, e.status, e.origin, e.annotator,
                   round(e.confidence, 3), e.scheme, coalesce(e.updated_at, e.created_at),
                   d.external_id, d.source, e.sentence_start
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
        relation.id = self.insert_row("relations", to_row(relation))
        row = self.get_row("relations", relation.id)
        assert row is not None
        return _row_to(Relation, row)

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

    # ------------------------------------------------------------------ suggestions

    def save_coded(self, document_id: int, coded: CodedDocument, scheme: str | None = None) -> dict[str, int]:
        """Replace the model's pending suggestions for a document with a fresh coding.

        Anything an analyst touched (accepted, rejected, edited, or made by hand) stays as it is, and a
        suggestion on the trigger, or in the sentence between the actors, of something the analyst already
        decided is not suggested again (whatever its code), so re-running is idempotent. A document marked
        done is left as it is.
        """
        with self.transaction():
            done = self.db.execute("SELECT done FROM documents WHERE id = ?", [document_id]).fetchone()
            if done is None:
                raise StoreError(f"no document with id {document_id}")
            if done[0]:  # the analyst finished it: no run adds to-dos to it (mark it to do again to re-suggest)
                return {"spans": 0, "events": 0, "kept": 0, "already_decided": 0, "done_skipped": 1}
            decided_rows = self.db.execute_returning_dicts(
                "SELECT e.event_code, e.source_code, e.target_code, e.sentence_start, t.start AS trig, "
                "e.suggested_key FROM events e LEFT JOIN spans t ON t.id = e.trigger_span_id "
                "WHERE e.document_id = ? AND NOT (e.origin = 'model' AND e.status = 'suggested')",
                [document_id],
            )
            # an analyst decided something here already (accepted, rejected, recoded or added). The same
            # suggestion again -- as the coder first made it, whatever code the analyst gave it since -- or one in
            # the same sentence between the same two actors, whatever its code, is that event: never suggested
            # beside the analyst's decision
            decided_events = {_event_key(r) for r in decided_rows}
            decided_suggestions = {r["suggested_key"] for r in decided_rows if r["suggested_key"]}
            decided_dyads = {
                (r["sentence_start"], r["source_code"], r["target_code"])
                for r in decided_rows
                if r["sentence_start"] is not None and r["source_code"] and r["target_code"]
            }
            # a pending suggestion the coder makes again keeps its row and id (refreshed in place): the window's
            # selection, an export's event_id and the history keep naming the same event across re-runs
            wanted = {_suggestion_key(ev, coded) for ev in coded.events}
            still: dict[str, int] = {}
            for row in self.db.execute(
                "SELECT id, suggested_key FROM events WHERE document_id = ? AND origin = 'model' "
                "AND status = 'suggested' ORDER BY id", [document_id]
            ):
                if row[1] in wanted and row[1] not in still:
                    still[row[1]] = int(row[0])
            self._drop_pending_suggestions(document_id, keep=set(still.values()))
            kept = {
                (r["start"], r["end"], r["layer"]): r["id"]
                for r in self.db.query("SELECT id, start, end, layer FROM spans WHERE document_id = ?", [document_id])
            }
            stamp = now_iso()
            span_ids: list[int | None] = []
            new_spans = 0
            for s in coded.spans:
                key = (s.start, s.end, s.layer)
                if key in kept:
                    span_ids.append(kept[key])
                    continue
                row = {
                    "document_id": document_id,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "layer": s.layer,
                    "code": s.code,
                    "status": Status.SUGGESTED.value,
                    "origin": Origin.MODEL.value,
                    "confidence": s.confidence,
                    "evidence": s.evidence,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                }
                span_id = self._insert_suggestion("spans", row)
                kept[key] = span_id
                span_ids.append(span_id)
                new_spans += 1
            new_events = skipped = refreshed = 0
            for ev in coded.events:
                src = span_ids[ev.source] if ev.source is not None else None
                tgt = span_ids[ev.target] if ev.target is not None else None
                trig = span_ids[ev.trigger] if ev.trigger is not None else None
                trig_start = coded.spans[ev.trigger].start if ev.trigger is not None else None
                key = _event_key(
                    {
                        "event_code": ev.event_code,
                        "source_code": ev.source_code,
                        "target_code": ev.target_code,
                        "sentence_start": ev.sentence_start,
                        "trig": trig_start,
                    }
                )
                suggested_key = _suggestion_key(ev, coded)
                dyad = (ev.sentence_start, ev.source_code, ev.target_code)
                if key in decided_events or suggested_key in decided_suggestions or (
                    ev.source_code and ev.target_code and dyad in decided_dyads
                ):
                    skipped += 1
                    continue
                fresh = {
                        "document_id": document_id,
                        "event_code": ev.event_code,
                        "source_code": ev.source_code,
                        "target_code": ev.target_code,
                        "source_span_id": src,
                        "target_span_id": tgt,
                        "trigger_span_id": trig,
                        "sentence_start": ev.sentence_start,
                        "sentence_end": ev.sentence_end,
                        "date": ev.date,
                        "mode": ev.mode,
                        "context": ev.context,
                        "scheme": scheme,
                        "status": Status.SUGGESTED.value,
                        "origin": Origin.MODEL.value,
                        "confidence": ev.confidence,
                        "evidence": ev.evidence,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "version": 1,
                        "suggested_key": suggested_key,
                        "provenance": None if ev.provenance is None else json.dumps(
                            ev.provenance, ensure_ascii=False, sort_keys=True, default=str),
                }
                same = still.pop(suggested_key, None)
                if same is None:
                    self._insert_suggestion("events", fresh)
                    new_events += 1
                else:
                    self._refresh_suggestion(same, fresh)
                    refreshed += 1
            self._log(
                "code",
                "documents",
                document_id,
                None,
                {"spans": new_spans, "events": new_events, "kept": refreshed, "scheme": scheme},
            )
        return {"spans": new_spans, "events": new_events, "kept": refreshed, "already_decided": skipped,
                "done_skipped": 0}

    def _refresh_suggestion(self, event_id: int, fresh: dict[str, Any]) -> None:
        """A pending suggestion made again: its row takes the new coding's details (confidence, evidence, spans,
        provenance); the version moves on only when something changed."""
        changes = {k: v for k, v in fresh.items() if k not in ("created_at", "updated_at", "version")}
        columns = list(changes)
        differs = " OR ".join(f"[{c}] IS NOT ?" for c in columns)
        assignments = ", ".join(f"[{c}] = ?" for c in columns)
        self.db.execute(
            f"UPDATE events SET {assignments}, updated_at = ?, version = version + 1 WHERE id = ? AND ({differs})",
            [*changes.values(), fresh["updated_at"], event_id, *changes.values()],
        )

    def _insert_suggestion(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row of a fresh coding, returning its id: a plain ``INSERT`` (its statement cached by
        sqlite3), without the schema look-ups and savepoint sqlite-utils' ``insert`` makes for each row."""
        columns = ", ".join(f"[{name}]" for name in row)
        cursor = self.db.execute(
            f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
        return int(cursor.lastrowid)

    def _drop_pending_suggestions(self, document_id: int, keep: set[int] = frozenset()) -> None:
        """Delete one document's pending model suggestions: its suggested events, and its suggested spans that
        no event or relation (an analyst's, or of another document) still points at.

        Only the document's rows are read: its events and spans through ``document_id``, the rows pointing at
        each of its spans through the foreign-key indexes (m007), never a list of every span in use in the
        project; so a save costs the same in a project of 200 documents and in one of 20,000."""
        marks = ", ".join("?" * len(keep))
        self.db.execute(
            "DELETE FROM events WHERE document_id = ? AND origin = 'model' AND status = 'suggested'"
            + (f" AND id NOT IN ({marks})" if keep else ""),
            [document_id, *sorted(keep)],
        )
        self.db.execute(
            """DELETE FROM spans WHERE document_id = ? AND origin = 'model' AND status = 'suggested'
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.source_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.target_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trigger_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.location_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM relations r WHERE r.from_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM relations r WHERE r.to_span_id = spans.id)""",
            [document_id],
        )

    # ------------------------------------------------------------------ learning (the type learner's data)

    def decided_events(self, statuses: tuple[str, ...] = (Status.ACCEPTED.value, Status.REJECTED.value)
                       ) -> list[dict[str, Any]]:
        """Decided events with their sentence and trigger, in text order: what the type learner trains on."""
        marks = ", ".join("?" * len(statuses))
        return self.db.execute_returning_dicts(
            f"""SELECT e.id, e.document_id, e.event_code, e.status, e.origin, e.sentence_start, e.sentence_end,
                      e.scheme, t.start AS trig_start, d.text AS doc_text, d.published
               FROM events e JOIN documents d ON d.id = e.document_id
               LEFT JOIN spans t ON t.id = e.trigger_span_id
               WHERE e.status IN ({marks}) ORDER BY e.document_id, e.sentence_start, e.id""",
            list(statuses),
        )

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

    def untouched_documents(self, limit: int, exclude: tuple[int, ...] = ()) -> list[int]:
        """Documents still to do whose suggestions nobody has decided yet (none accepted, rejected or added by
        an analyst), in import order: what can be re-suggested without touching anyone's work."""
        marks = ", ".join("?" * len(exclude))
        rows = self.db.execute(
            f"""SELECT d.id FROM documents d
                WHERE d.done = 0 {f"AND d.id NOT IN ({marks})" if exclude else ""}
                  AND EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND e.status = 'suggested')
                  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id
                                  AND (e.status != 'suggested' OR e.origin != 'model'))
                ORDER BY d.id LIMIT ?""",
            [*exclude, limit],
        ).fetchall()
        return [int(r[0]) for r in rows]

    def history_mark(self) -> int:
        """The id of the newest history entry (0 for none): a point to count later changes from."""
        row = self.db.execute("SELECT max(id) FROM history").fetchone()
        return int(row[0] or 0)

    def codings_since(self, mark: int, scheme: str | None = None, limit: int = -1) -> int:
        """How many changes analysts made to events after history entry ``mark`` (accept, reject, edit, add,
        delete, undo...), of events in ``scheme`` when given (or in none); the coder's own writes and imports
        are not codings. ``limit``: stop counting there (the window asks after every edit)."""
        row = self.db.execute(
            """SELECT count(*) FROM (SELECT 1 FROM history WHERE id > ? AND table_name = 'events'
               AND action NOT IN ('import', 'code')
               AND (? IS NULL OR coalesce(json_extract(after, '$.scheme'), json_extract(before, '$.scheme'), ?) = ?)
               LIMIT ?)""",
            [mark, scheme, scheme, scheme, limit],
        ).fetchone()
        return int(row[0])

    def save_model(self, kind: str, scheme: str, *, blob: str, metrics: str, trained_on: str) -> int:
        """Store a trained model as the next version for (kind, scheme); returns the version."""
        with self.transaction():
            row = self.db.execute(
                "SELECT max(version) FROM models WHERE kind = ? AND scheme = ?", [kind, scheme]
            ).fetchone()
            version = int(row[0] or 0) + 1
            self.db["models"].insert(
                {"kind": kind, "scheme": scheme, "version": version, "created_at": now_iso(),
                 "trained_on": trained_on, "metrics": metrics, "blob": blob}
            )
            # older versions keep their row (version, date, figures) but not their weights: a window that
            # retrains every 25 codings would otherwise grow the file by a model each time
            self.db.execute(
                "UPDATE models SET blob = '' WHERE kind = ? AND scheme = ? AND version <= ? AND blob != ''",
                [kind, scheme, version - KEEP_MODEL_BLOBS],
            )
            self._log("train", "models", version, None, {"kind": kind, "scheme": scheme, "version": version})
        return version

    def latest_model(self, kind: str, scheme: str | None = None, *, with_blob: bool = True) -> dict[str, Any] | None:
        """The newest stored model of ``kind`` (for ``scheme`` when given) as a row dict, or None."""
        if "models" not in self.db.table_names():
            return None
        cols = "id, kind, scheme, version, created_at, metrics, trained_on" + (", blob" if with_blob else "")
        sql, params = f"SELECT {cols} FROM models WHERE kind = ?", [kind]
        if scheme is not None:
            sql += " AND scheme = ?"
            params.append(scheme)
        rows = self.db.execute_returning_dicts(sql + " ORDER BY id DESC LIMIT 1", params)
        return rows[0] if rows else None

    def add_training_records(self, records: list[dict[str, Any]], source: str | None = None) -> int:
        """Keep earlier coded records (gold format) for training; the same record twice is kept once.
        Returns how many were new."""
        stamp, added = now_iso(), 0
        with self.transaction():
            for rec in records:
                body = json.dumps(rec, ensure_ascii=False, sort_keys=True)
                sha = text_sha256(body)
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO training_records(sha256, source, added_at, record) VALUES (?, ?, ?, ?)",
                    [sha, source, stamp, body],
                )
                added += cur.rowcount
            if added:
                self._log("add_training_records", "training_records", None, None, {"source": source, "added": added})
        return added

    def training_records(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT record FROM training_records ORDER BY id")]

    def training_record_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM training_records").fetchone()[0])

    def forget_training_records(self) -> int:
        with self.transaction():
            n = self.training_record_count()
            self.db.execute("DELETE FROM training_records")
            self._log("forget_training_records", "training_records", None, {"count": n}, None)
        return n

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check``; an empty list means healthy."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for row in self.db.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {row[0]} row {row[1]} -> {row[2]}")
        return problems


def _names_code(span: str, code: str) -> str:
    """SQL for a role's words, given only when they name its code: the span is an actor span with that code,
    or the same actor at another granularity (RUS / RUSGOV: whole 3-letter parts); an uncoded role keeps its
    words. A code typed over other words is exported with no words, never beside words that do not name it."""
    return (f"CASE WHEN {code} IS NULL OR ({span}.layer = 'actor' AND ({span}.code = {code} "
            f"OR (length({span}.code) % 3 = 0 AND length({span}.code) >= 3 "
            f"AND substr({code}, 1, length({span}.code)) = {span}.code) "
            f"OR (length({code}) % 3 = 0 AND length({code}) >= 3 AND substr({span}.code, 1, length({code})) = {code})"
            f")) THEN {span}.text END")


def _suggestion_key(ev: Any, coded: CodedDocument) -> str:
    """What identifies a suggestion across runs: its code, actors, sentence and trigger position (JSON)."""
    trig = coded.spans[ev.trigger].start if ev.trigger is not None else None
    key = (ev.event_code, ev.source_code, ev.target_code, ev.sentence_start, trig)
    return json.dumps(list(key), ensure_ascii=False)


def _event_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["event_code"], r["source_code"], r["target_code"], r["sentence_start"], r["trig"])


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
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:120]


BACKUP_STAMP = r"-\d{8}-\d{6}-\d{6}(?:-before-(?:restore|m\d{3}[a-z0-9_]*))?"


def _readonly_uri(path: Path) -> str:
    uri = f"file:{urllib.parse.quote(str(Path(path).resolve()))}?mode=ro"
    return uri + "&immutable=1" if _on_readonly_filesystem(Path(path)) else uri  # no -shm can be made there


def _looks_readonly(path: Path) -> bool:
    folder = path.parent if path.parent.exists() else None
    if path.exists():
        return not os.access(path, os.W_OK) or (folder is not None and not os.access(folder, os.W_OK))
    return folder is not None and not os.access(folder, os.W_OK)


def _on_readonly_filesystem(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and (exc.errno == errno.ENOSPC or exc.strerror):
        return "the disk is full" if exc.errno == errno.ENOSPC else str(exc.strerror)
    if isinstance(exc, sqlite3.Error) and _primary_code(exc) == "SQLITE_FULL":
        return "the disk is full"
    return str(exc) or type(exc).__name__


def _primary_code(exc: sqlite3.Error) -> str:
    """SQLite's primary result code name (``SQLITE_FULL`` for ``SQLITE_FULL`` and its extended codes)."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    return "_".join(name.split("_")[:2])


def _save_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """A failed write in words, chosen by SQLite's result code (never by its message text)."""
    text = str(exc) or type(exc).__name__
    why = {
        "SQLITE_CONSTRAINT": f"it conflicts with the project's current state ({text}): someone else may have "
                             "changed or re-used these rows; nothing of this change was written",
        "SQLITE_FULL": "the disk is full; free some space and try again (nothing of this change was written)",
        "SQLITE_READONLY": f"{path} is read-only; nothing of this change was written",
        "SQLITE_BUSY": "another program kept the project locked for over 10 s; try again",
        "SQLITE_LOCKED": "another program kept the project locked for over 10 s; try again",
        "SQLITE_CORRUPT": f"the project file is damaged ({text}); run `eventcoder check`",
    }.get(_primary_code(exc), text)
    return StoreError(f"cannot save: {why}")


def _open_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "not a database" in text:
        return StoreError(f"{path}: not an SQLite file, refusing to open it as a project")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: the project file is damaged ({text}); `eventcoder check --db {path}` "
                          "lists the damage, `eventcoder restore` brings back a backup")
    return StoreError(f"{path}: not an EventCoder project ({text})")


def _looks_whole(path: Path) -> bool:
    """A cheap check of a backup's header (never of an open project): SQLite magic, and a file as long as
    the page count in its header says (a backup cut short by a full disk or a kill is not)."""
    try:
        size = path.stat().st_size
        if size < 100 or guard.is_open_project_file(path):
            return False
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    if head[:16] != b"SQLite format 3\x00":
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    change = int.from_bytes(head[24:28], "big")
    if pages and valid_for == change:
        return size >= pages * page_size
    return size % page_size == 0 if page_size else False


def verify_backup(path: str | Path, *, quick: bool = False) -> list[str]:
    """Problems that make ``path`` unusable as a backup of a project (empty list: usable): it opens with
    SQLite read-only, passes ``integrity_check`` (``quick_check`` when ``quick``), and holds an EventCoder
    schema this version can read."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return ["empty file (0 bytes)"]
    except OSError as exc:
        return [exc.strerror or str(exc)]
    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open it ({exc})"]
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        if problems:
            return problems
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables or "_sqlite_migrations" not in tables:
            return ["no EventCoder project inside (no documents table)"]
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                            [MIGRATION_SET])]
        newer = [n for n in names if n not in SCHEMA_VERSIONS]
        if newer:
            return [f"written by a newer EventCoder (schema {newer[-1]})"]
        return []
    except sqlite3.DatabaseError as exc:
        return [f"not a readable SQLite file ({exc})"]
    finally:
        conn.close()


def _count_documents(path: Path) -> int:
    conn = sqlite3.connect(_readonly_uri(path), uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def check_file(path: str | Path) -> list[str]:
    """``eventcoder check`` on any file, a damaged one included: problems found (empty list: healthy),
    read through a read-only SQLite connection that never migrates or writes."""
    path = Path(path)
    if not path.is_file():
        return [f"{path}: no such file"]
    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open it ({exc})"]
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in conn.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.DatabaseError as exc:
        return [f"{exc}"]
    finally:
        conn.close()
