"""Backups of the project (SQLite's online backup API, rotated), restoring one, and checking any file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import uuid
from pathlib import Path

from .. import guard
from ..errors import EventCoderError, StoreError
from ..fsutil import fsync_dir, fsync_file
from .base import ProjectBase, _readonly_uri, _reason, _same_file, integrity_problems, wal_unreadable
from .migrations import MIGRATION_SET, SCHEMA_VERSIONS

BACKUP_EVERY_S = 30 * 60
BACKUP_STAMP = r"-\d{8}-\d{6}-\d{6}(?:-before-(?:restore|m\d{3}[a-z0-9_]*))?"


class BackupsMixin(ProjectBase):
    """Backups of this project, and restoring one."""

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
            fsync_file(partial)
            os.replace(partial, target)
            fsync_dir(target.parent)
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
    conn = _open_readonly(path)
    if isinstance(conn, str):
        return [conn]
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


def _open_readonly(path: Path) -> sqlite3.Connection | str:
    """A read-only connection to a file that is not an open project (a backup, a file to check), or why not."""
    if (why := wal_unreadable(path)) is not None:
        return why
    try:
        return sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return f"cannot open it ({exc})"


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
    conn = _open_readonly(path)
    if isinstance(conn, str):
        return [conn]
    try:
        return integrity_problems(conn)
    except sqlite3.DatabaseError as exc:
        return [f"{exc}"]
    finally:
        conn.close()
