"""Background work: model loading, coding, import and export run in thread pools and report back by signal.

A job is a plain function ``job(worker, *args)``; it may call ``worker.report(n)`` (and ``worker.set_total(n)``
once it knows how much there is, ``worker.say(text)`` to put it in words) and should check ``worker.cancelled``.
The worker's signals live in the GUI thread, so connected slots run there. Jobs open their own ``Project``
connection: SQLite (WAL) serialises writers across connections, while one connection shared by two threads
would interleave transactions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.schemes import CodingScheme
from ..core.store import Project

BACKGROUND_KINDS = frozenset({"train", "backup", "dictionaries"})
IO_KINDS = frozenset({"import", "export"})  # file work: its own lane, never queued behind the coder


class WorkerSignals(QObject):
    progress = Signal(int)
    total = Signal(int)
    message = Signal(str)  # how far the job got, in words (for a progress dialog's label)
    finished = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    def __init__(self, job: Callable[..., Any], *args: Any, kind: str = "job") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.kind = kind  # "train" for background retraining, which never holds up the analyst's own jobs
        self.job = job
        self.args = args
        self.cancelled = False
        self.signals = WorkerSignals()

    def report(self, done: int) -> None:
        self.signals.progress.emit(done)

    def set_total(self, total: int) -> None:
        self.signals.total.emit(total)

    def say(self, text: str) -> None:
        self.signals.message.emit(text)

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            result = self.job(self, *self.args)
        except BaseException as exc:  # reported to the window, never lost in the thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class WorkerPool(QObject):
    """One job at a time (the coder is not shared between threads), the others queued in order; keeps workers
    alive until done. Imports and exports (``IO_KINDS``) run one at a time in a lane of their own: they never
    touch the coder, so they neither wait for a coding run or a retraining nor hold one up (SQLite serialises
    the writers; each job has its own connection)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.io_pool = QThreadPool(self)
        self.io_pool.setMaxThreadCount(1)
        self._running: set[Worker] = set()

    def start(
        self,
        job: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
        kind: str = "job",
        on_total: Callable[[int], None] | None = None,
        on_message: Callable[[str], None] | None = None,
    ) -> Worker:
        worker = Worker(job, *args, kind=kind)
        self._running.add(worker)
        if on_progress:
            worker.signals.progress.connect(on_progress)
        if on_total:
            worker.signals.total.connect(on_total)
        if on_message:
            worker.signals.message.connect(on_message)
        worker.signals.finished.connect(lambda result: self._finish(worker, on_done, result))
        worker.signals.failed.connect(lambda exc: self._finish(worker, on_error, exc))
        (self.io_pool if kind in IO_KINDS else self.pool).start(worker)
        return worker

    def _finish(self, worker: Worker, callback, value) -> None:
        self._running.discard(worker)
        if callback:
            callback(value)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def running(self, kind: str) -> bool:
        return any(w.kind == kind for w in self._running)

    @property
    def busy_besides_training(self) -> bool:
        """A job the analyst asked for (coding, model loading) is queued or running; background upkeep
        (retraining, the automatic backup, the dictionary check) never holds those up, nor does an import or
        export (its own lane)."""
        return any(w.kind not in BACKGROUND_KINDS | IO_KINDS for w in self._running)

    def cancel(self, kind: str) -> None:
        for worker in list(self._running):
            if worker.kind == kind:
                worker.cancel()

    def cancel_all(self) -> None:
        for worker in list(self._running):
            worker.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for both lanes; ``msecs`` is the whole budget (-1: no limit)."""
        deadline = time.monotonic() + msecs / 1000
        coder = self.pool.waitForDone(msecs)
        left = -1 if msecs < 0 else max(0, int((deadline - time.monotonic()) * 1000))
        return self.io_pool.waitForDone(left) and coder


class CoderUnavailable(RuntimeError):
    """The suggestion engine (core.suggest.coder) or its model is not installed."""


def load_coder(worker: Worker, scheme: CodingScheme) -> str:
    """Load the spaCy model and compile the scheme's dictionaries (slow: seconds)."""
    try:
        from ..core.pipeline import rules_coder
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        raise CoderUnavailable(f"suggestions unavailable ({exc})") from exc
    try:
        rules_coder(scheme)
    except ImportError as exc:
        raise CoderUnavailable(f"suggestions unavailable ({exc})") from exc
    return scheme.name


def code_documents_job(worker: Worker, db_path: Path, scheme: CodingScheme, ids: list[int],
                       leave: Callable[[int], bool] | None = None) -> dict[str, Any]:
    """Code ``ids`` and store the suggestions; returns the totals plus the ids actually coded. ``leave(doc_id)``,
    asked (in this thread) when a document's suggestions are about to be stored: True keeps that document as it is
    (the one the analyst is coding in the window: its suggestions replaced under them would be suggestions made
    from the document as it was read before, and the event they are deciding would vanish); those ids are
    returned as ``left``."""
    try:
        from ..core.pipeline import code_documents
    except ImportError as exc:  # pragma: no cover
        raise CoderUnavailable(f"suggestions unavailable ({exc})") from exc
    done: list[int] = []
    left: list[int] = []

    def progress(n: int) -> None:
        done[:] = ids[:n]
        worker.report(n)

    with Project(db_path) as project:
        if leave is not None:
            save = project.save_coded

            def save_unless_left(doc_id: int, coded, scheme: str | None = None) -> dict[str, int]:
                if leave(doc_id):
                    left.append(doc_id)
                    return {}
                return save(doc_id, coded, scheme=scheme)

            project.save_coded = save_unless_left  # type: ignore[method-assign]
        try:  # recorded in the project while it runs: other windows and `eventcoder status` show it
            with project.coding_run(len(ids), scheme.name, progress) as report:
                totals = code_documents(project, scheme, ids, progress=report, should_stop=lambda: worker.cancelled)
        except ImportError as exc:
            raise CoderUnavailable(f"suggestions unavailable ({exc})") from exc
    failed = {doc_id for doc_id, _why in totals.get("errors") or []} | set(left)
    if left:
        totals["documents"] = max(0, int(totals.get("documents", 0)) - len(left))
    return {**totals, "ids": [i for i in done if i not in failed], "cancelled": worker.cancelled, "left": left}


def train_job(worker: Worker, db_path: Path, scheme: CodingScheme, history_mark: int | None = None
              ) -> dict[str, Any]:
    """Retrain the type learner on the project's codings (and the --extra records kept in it) and store it;
    returns the report's figures. Stops early, storing nothing, when the worker is cancelled. ``history_mark``:
    the history entry the retraining was asked at (later codings count towards the next one)."""
    from ..core import pipeline

    with Project(db_path) as project:
        report = pipeline.train(project, scheme, should_stop=lambda: worker.cancelled, history_mark=history_mark)
    return {k: v for k, v in report.as_dict().items() if k != "warnings"}


def backup_job(worker: Worker, db_path: Path) -> tuple[str | None, str | None]:
    """The automatic backup on its own connection: (path made or None, why none could be made or None)."""
    with Project(db_path) as project:
        made = project.auto_backup()
        return (str(made) if made else None), project.backup_problem


def dictionary_report_job(worker: Worker, scheme: CodingScheme):
    """The scheme's dictionary problems (file:line), read off the GUI thread; never raises."""
    return scheme.dictionary_report()
