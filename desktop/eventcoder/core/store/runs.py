"""Coding runs in progress: a run of the coder over a project's documents (``eventcoder code``, the window's
Ctrl+R / Ctrl+Shift+R) says so in the project file, so every other reader of the file -- another window, the
command line's ``status`` -- can tell that suggestions are being written, by whom, and how far along.

A run is one ``meta`` row (``coding_run:<id>``, its value JSON: pid, the process's start time, host, who,
scheme, documents done of total, started and last-seen time stamps), written when it starts, on progress at
most every :data:`HEARTBEAT_S` seconds -- and at each :meth:`RunReport.flush`, which the coder calls once a batch's
documents are all stored, before it parses the next batch (its documents are saved in a burst after one long
parse: without the flush the record kept the burst's first count for a whole batch) -- and removed when it ends.
A run whose process is gone (killed, crashed: no removal) is not in progress: on this host its pid is checked
(with the process's start time, so a pid reused by another program does not count); a run of another host
counts while it was seen in the last :data:`REMOTE_STALE_S` seconds. A new run removes the dead ones it finds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .base import ProjectBase, now_iso

RUN_KEY = "coding_run:"
HEARTBEAT_S = 2.0  # a running run rewrites its progress at most this often (and at every flush)
REMOTE_STALE_S = 15 * 60  # a run on another host that has not been seen for this long is taken as dead


@dataclass(frozen=True)
class CodingRun:
    """A coding run as recorded in the project (see the module's text)."""

    id: str
    pid: int
    host: str
    annotator: str
    scheme: str | None
    total: int
    done: int
    started: str
    seen: str
    process_started: float | None = None

    @property
    def own_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def alive(self, now: float | None = None) -> bool:
        """Whether its process still runs (this host), or it was seen lately (another host)."""
        if self.host != socket.gethostname():
            return (now or time.time()) - _epoch(self.seen) < REMOTE_STALE_S
        started = _process_started(self.pid)
        if started is None:
            return False
        if started == 0.0:  # a process of another user: it runs, its start time cannot be read
            return True
        return self.process_started is None or abs(started - self.process_started) < 2.0

    def describe(self) -> str:
        """One line for a status bar or the command line."""
        at = self.started.replace("T", " ").removesuffix("Z")[11:16]
        where = f"pid {self.pid}" + ("" if self.host == socket.gethostname() else f" on {self.host}")
        scheme = f" in {self.scheme}" if self.scheme else ""
        return (f"coding run in progress{scheme}: {self.done}/{self.total} document(s), started {at} UTC by "
                f"{self.annotator} ({where})")


def _process_started(pid: int) -> float | None:
    """The start time of process ``pid`` (seconds since the epoch), or None when there is no such process."""
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return None
    except psutil.Error:  # another user's process: it exists
        return 0.0


def _epoch(stamp: str) -> float:
    try:
        return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


class RunsMixin(ProjectBase):
    """Coding runs in progress, recorded in ``meta``."""

    def start_run(self, total: int, scheme: str | None = None) -> str:
        """Record a coding run of ``total`` documents by this process; returns its id (for :meth:`run_progress`
        and :meth:`end_run`). Dead runs found on the way are removed."""
        run_id = uuid.uuid4().hex[:12]
        stamp = now_iso()
        value = {"pid": os.getpid(), "process_started": _process_started(os.getpid()), "host": socket.gethostname(),
                 "annotator": self.annotator, "scheme": scheme, "total": int(total), "done": 0, "started": stamp,
                 "seen": stamp}
        with self.transaction():
            for run in self.coding_runs(alive_only=False):
                if not run.alive():
                    self.db.execute("DELETE FROM meta WHERE key = ?", [RUN_KEY + run.id])
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                            [RUN_KEY + run_id, json.dumps(value)])
        self._run_written = time.monotonic()
        return run_id

    def run_progress(self, run_id: str, done: int, *, force: bool = False) -> bool:
        """``done`` documents of the run are coded; written at most every :data:`HEARTBEAT_S` s (``force``: now).
        True when it was written."""
        if not force and time.monotonic() - getattr(self, "_run_written", 0.0) < HEARTBEAT_S:
            return False
        with self.transaction():
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", [RUN_KEY + run_id]).fetchone()
            if row is None:
                return False
            value = json.loads(row[0])
            value.update(done=int(done), seen=now_iso())
            self.db.execute("UPDATE meta SET value = ? WHERE key = ?", [json.dumps(value), RUN_KEY + run_id])
        self._run_written = time.monotonic()
        return True

    def end_run(self, run_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM meta WHERE key = ?", [RUN_KEY + run_id])

    def coding_runs(self, *, alive_only: bool = True, others_only: bool = False) -> list[CodingRun]:
        """The coding runs recorded in the project, oldest first: only those in progress (``alive_only``), only
        those of other processes than this one (``others_only``)."""
        runs = []
        for key, value in self.db.execute("SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key",
                                          [RUN_KEY + "%"]):
            run = _run_from(key[len(RUN_KEY):], value)
            if run is None or (others_only and run.own_process) or (alive_only and not run.alive()):
                continue
            runs.append(run)
        return sorted(runs, key=lambda r: r.started)

    @contextlib.contextmanager
    def coding_run(self, total: int, scheme: str | None = None,
                   progress: Callable[[int], None] | None = None) -> Iterator[RunReport]:
        """Record a run for the ``with`` block; yields the progress callback to give the coder (a
        :class:`RunReport`: it records the progress, then calls ``progress``). The record is removed however the block
        ends. A read-only project
        records nothing (and codes nothing either: its saves are refused)."""
        run_id = None if self.readonly else self.start_run(total, scheme)
        report = RunReport(self, run_id, progress)
        try:
            yield report
        finally:
            if run_id is not None:
                with contextlib.suppress(Exception):  # a full disk: the run is dead once this process ends
                    self.end_run(run_id)


class RunReport:
    """The progress callback of a recorded run: ``report(done)`` after each document (recorded at most every
    :data:`HEARTBEAT_S` s), ``report.flush()`` when the coder is about to be busy for a while (the end of a
    batch): the latest count is written now if it was not, so readers see it while the next batch is parsed."""

    def __init__(self, project: RunsMixin, run_id: str | None, progress: Callable[[int], None] | None) -> None:
        self.project, self.run_id, self.progress = project, run_id, progress
        self.done: int | None = None  # the latest count reported
        self.written: int | None = None  # the latest count recorded

    def __call__(self, done: int) -> None:
        self.done = done
        if self.run_id is not None and self.project.run_progress(self.run_id, done):
            self.written = done
        if self.progress is not None:
            self.progress(done)

    def flush(self) -> None:
        if self.run_id is not None and self.done is not None and self.done != self.written:
            self.project.run_progress(self.run_id, self.done, force=True)
            self.written = self.done


def _run_from(run_id: str, value: Any) -> CodingRun | None:
    try:
        data = json.loads(value)
        return CodingRun(id=run_id, pid=int(data["pid"]), host=str(data.get("host") or ""),
                         annotator=str(data.get("annotator") or "someone"), scheme=data.get("scheme"),
                         total=int(data.get("total") or 0), done=int(data.get("done") or 0),
                         started=str(data.get("started") or ""), seen=str(data.get("seen") or ""),
                         process_started=data.get("process_started"))
    except (ValueError, TypeError, KeyError):  # a row another program wrote: not a run this one can read
        return None
