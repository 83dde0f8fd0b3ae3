"""The project file itself: opening it (read-only, on a full disk), the schema upgrade, transactions, the
project's own error messages for SQLite's failures, and the ``meta`` settings.

:class:`ProjectBase` is the last base of :class:`~eventcoder.core.store.Project`; every other part
(documents, annotations, history...) is a mixin over it. Every public method of every part turns SQLite's
errors into :class:`~eventcoder.core.errors.StoreError` (see :meth:`ProjectBase.__init_subclass__`): no
``sqlite3`` error leaves the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import getpass
import hashlib
import inspect
import os
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import guard
from ..errors import StoreError
from .migrations import SCHEMA_VERSIONS, migrations

APP_NAME = "EventCoder"
BUSY_TIMEOUT_MS = 10_000


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
    """Who is coding when no name is given: ``$EVENTCODER_ANNOTATOR``, else the name the window saved
    (:func:`eventcoder.core.user_config.saved_annotator`, so the command line records the window's analyst
    under the same name), else the OS user."""
    from ..user_config import saved_annotator

    try:
        return os.environ.get("EVENTCODER_ANNOTATOR") or saved_annotator() or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "analyst"


class ConflictError(StoreError):
    """A write SQLite refused because it conflicts with the rows in the file (a constraint: an id taken since,
    a row it refers to deleted, a row still referred to); nothing of it was written."""


def store_errors(fn: Any) -> Any:
    """``fn`` -- a method of a part of the project, or a function of core/store/ whose first argument is the
    project -- raising :class:`StoreError` where SQLite raises its own errors: a failure inside a write says
    ``cannot save: ...``, one outside it ``cannot read ...``. Project methods get it without asking."""
    if getattr(fn, "_store_errors", False):
        return fn
    if inspect.isgeneratorfunction(fn):  # iter_events and the like fail while the caller iterates

        @functools.wraps(fn)
        def wrapped(self: ProjectBase, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise self._sqlite_error(exc) from exc

    else:

        @functools.wraps(fn)
        def wrapped(self: ProjectBase, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise self._sqlite_error(exc) from exc

    wrapped._store_errors = True  # type: ignore[attr-defined]
    return wrapped


class ProjectBase:
    """The connection to one project file, its transactions and its settings (``meta``).

    Every public method (and property) of every class a project is made of -- this one, each part's mixin,
    and any class mixed in later -- raises :class:`StoreError`, never ``sqlite3.Error``: wrapped once, when a
    class that derives from this one is made (see ``__init_subclass__``)."""

    _writing = 0  # how deep inside transaction() the current call is: a failure there is a failed save

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for klass in cls.__mro__:
            if klass is object:
                continue
            for name, value in list(vars(klass).items()):
                if name.startswith("_"):
                    continue
                if isinstance(value, property) and value.fget is not None:
                    if not getattr(value.fget, "_store_errors", False):
                        setattr(klass, name, property(store_errors(value.fget), value.fset, value.fdel, value.__doc__))
                elif inspect.isfunction(value):
                    setattr(klass, name, store_errors(value))

    def _sqlite_error(self, exc: sqlite3.Error) -> StoreError:
        if self._writing:
            return _save_error(self.path, exc)
        return _read_error(self.path, exc)

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
                if (why := wal_unreadable(self.path)) is not None:
                    raise StoreError(why)  # never the file without its log: the last changes would be missing
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

    def _reopen_writable(self) -> None:
        """A project opened read-only because the disk was full (no -shm could be made), once space is free again:
        a writable connection in place of the read-only one, so the same key saves ("free some space and try
        again" holds for it too); if SQLite still cannot open it for writing, it stays read-only."""
        readonly_db = self.db
        self.readonly, self.readonly_reason, self._disk_full = False, "", False
        try:
            self._connect()
        except StoreError:
            if self.db is not readonly_db:
                with contextlib.suppress(sqlite3.Error):
                    self.db.close()
            self.db = readonly_db
            self.readonly, self.readonly_reason, self._disk_full = True, "the disk is full", True
            return
        with contextlib.suppress(sqlite3.Error):
            readonly_db.close()  # SQLite's own close: it keeps the file's locks while another connection holds them

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

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One user action: a write transaction taken up front, so concurrent writers queue, not fail.

        Any SQLite failure (full disk, read-only file, I/O error, a lock held too long) rolls the whole action
        back and surfaces as ``StoreError("cannot save: ...")``; nothing of it is written."""
        if self.readonly and self._disk_full and not _disk_full(self.path):
            self._reopen_writable()  # opened read-only on a full disk, and space was freed since
        if self.readonly:
            advice = "; free some space and try again" if self._disk_full else ""
            raise StoreError(f"cannot save: {self.path} is open read-only ({self.readonly_reason}){advice}")
        self._writing += 1
        try:
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
        finally:
            self._writing -= 1

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

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check``; an empty list means healthy."""
        return integrity_problems(self.db.conn)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` find in the file (empty: healthy)."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    problems += [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in conn.execute("PRAGMA foreign_key_check")]
    return problems


def _readonly_uri(path: Path) -> str:
    """Read-only; immutable on a read-only filesystem (no -shm can be made there) unless its -wal holds changes:
    an immutable connection never reads the -wal, so the last acknowledged changes (a window killed before it
    checkpointed) would be missing from what is shown and exported. SQLite reads them through the -shm there."""
    uri = f"file:{urllib.parse.quote(str(Path(path).resolve()))}?mode=ro"
    if _on_readonly_filesystem(Path(path)) and not _size(Path(f"{path}-wal")):
        return uri + "&immutable=1"
    return uri


def wal_unreadable(path: Path) -> str | None:
    """Why the changes in ``path``'s -wal cannot be read (a read-only filesystem and no -shm beside it: SQLite
    cannot build the log's index), or None."""
    path = Path(path)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not _on_readonly_filesystem(path) or not _size(wal) or shm.exists():
        return None
    return (f"{path}: its log {wal.name} holds changes not yet written into the file, and on this read-only "
            f"filesystem they cannot be read without {shm.name}; copy {path.name} and {wal.name} together into "
            "a writable folder and open the copy (nothing is lost: the changes are in the log)")


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
    if _primary_code(exc) == "SQLITE_CONSTRAINT":
        return ConflictError(f"cannot save: {why}")
    return StoreError(f"cannot save: {why}")


def _read_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """A failed read in words, chosen by SQLite's result code."""
    text = str(exc) or type(exc).__name__
    why = {
        "SQLITE_BUSY": "another program kept the project locked for over 10 s; try again",
        "SQLITE_LOCKED": "another program kept the project locked for over 10 s; try again",
        "SQLITE_CORRUPT": f"the project file is damaged ({text}); run `eventcoder check`",
        "SQLITE_NOTADB": f"the project file is damaged ({text}); run `eventcoder check`",
        "SQLITE_IOERR": f"the disk could not be read ({text})",
    }.get(_primary_code(exc), text)
    return StoreError(f"cannot read {path}: {why}")


def _open_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "not a database" in text:
        return StoreError(f"{path}: not an SQLite file, refusing to open it as a project")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: the project file is damaged ({text}); `eventcoder check --db {path}` "
                          "lists the damage, `eventcoder restore` brings back a backup")
    return StoreError(f"{path}: not an EventCoder project ({text})")

