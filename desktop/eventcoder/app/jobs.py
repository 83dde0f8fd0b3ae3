"""Import and export in the background: each run a job in the worker pool's I/O lane, on its own ``Project``
connection, with a progress dialog and Cancel; the window stays responsive and hears of the outcome once.

The jobs (``import_job``, ``export_job``, ``package_job``: File ▸ Export for an annotator) run in the worker
thread and return an outcome; ``BackgroundIO`` starts
them for a window, one at a time, shows the progress dialog and hands the outcome (or the exception) to the
window's callback in the GUI thread.

Cancelling an import stops it between files: every file is imported in its own transaction, so the files
done stay and the one being imported is finished first (``core.io.importers.import_paths`` has no stop hook
inside a file yet). Cancelling an export stops the exporter at its next read of the project (the job hands it
the project behind a wrapper that looks at Cancel; ``core.io.exporters.export`` has no stop hook yet): it
writes into a temporary file beside the target (a folder format stages its files), removed on any exception,
and replaces the target only once complete, so the target is left as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import StoreError
from ..core.io.exporters import export
from ..core.io.importers import ImportReport, import_paths, iter_files, left_out_warning
from ..core.schemes import CodingScheme
from ..core.store import Project
from .workers import Worker, WorkerPool

PROGRESS_AFTER_MS = 300  # a job done sooner shows no dialog
HEARTBEAT_S = 0.1  # an export reports how far it got at most this often


# --------------------------------------------------------------------------- in the worker thread


@dataclass
class ImportOutcome:
    db_path: Path
    report: ImportReport
    files: int  # files found (folders expanded)
    done: int  # files gone through, each imported whole or refused whole
    cancelled: bool = False  # stopped by Cancel before the last file
    failure: str | None = None  # the project itself could not be written (StoreError); the files before stay
    cancel_too_late: bool = False  # Cancel came during the last file, which was imported whole

    @property
    def ids(self) -> list[int]:
        return [doc_id for _name, doc_id in self.report.imported]


def import_job(worker: Worker, db_path: Path, paths: Sequence[str | Path], annotator: str | None = None,
               fmt: str | None = None) -> ImportOutcome:
    """Import ``paths`` (files and folders) file by file on the job's own connection, reporting files done of
    the total and stopping between files when cancelled. A refused file is listed and the batch goes on; a
    failure of the project itself (``StoreError``) stops it, the files before staying imported."""
    left_out: list[Path] = []
    files = list(iter_files(paths, left_out))
    worker.set_total(len(files))
    report = ImportReport()
    if (line := left_out_warning(left_out)) is not None:
        report.warnings.append(line)  # a folder of .docx files: said, as the CLI says it
    done, failure = 0, None
    with Project(db_path, annotator=annotator) as project:
        for path in files:
            if worker.cancelled:
                break
            try:
                part = import_paths(project, [path], fmt=fmt)  # one file: one transaction
            except StoreError as exc:
                failure = str(exc)
                break
            report.imported += part.imported
            report.skipped += part.skipped
            report.refused += part.refused
            report.annotated += part.annotated
            report.warnings += part.warnings  # a file read as Windows-1252: said, as the CLI says it
            done += 1
            worker.report(done)
    cancelled = done < len(files) and failure is None
    return ImportOutcome(Path(db_path), report, len(files), done, cancelled=cancelled, failure=failure,
                         cancel_too_late=worker.cancelled and not cancelled and failure is None)


@dataclass
class ExportOutcome:
    db_path: Path
    fmt: str
    path: str
    status: str | None
    count: int = 0  # events written
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False  # nothing was written: the target is as it was
    cancel_too_late: bool = False  # Cancel came once the file was complete (it stays)
    layer: str | None = None  # one layer only: "curated" (else the annotators' own)
    annotator: str | None = None  # ... of this annotator (core/team/layers.py)


class ExportCancelled(BaseException):
    """Raised inside the exporter when its job is cancelled. A ``BaseException`` (like ``KeyboardInterrupt``), so
    no exporter's ``except Exception`` takes it for a bad document; caught by :func:`export_job`, never shown."""


class _Watched:
    """The job's ``Project`` as the exporter sees it: every method call first looks at Cancel (raising
    :class:`ExportCancelled`, so the exporter stops before its file replaces the target), and the event rows
    and documents it reads are counted for the progress dialog. Attributes pass through; so does ``set_meta``,
    the export's record of itself, made once the file is in place."""

    UNCHECKED = frozenset({"set_meta"})

    def __init__(self, project: Project, worker: Worker) -> None:
        self._project = project
        self._worker = worker
        # underscored, as every attribute of its own: a public name would hide the Project's (``events``)
        self._rows_read = 0  # event rows streamed (the row formats: CSV, TSV, JSONL): what is written
        self._documents_read = 0  # documents read (the document formats: brat, spaCy, doccano)
        self._last = 0.0

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._project, name)
        if not callable(value) or name in self.UNCHECKED:
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            self._check()
            result = value(*args, **kwargs)
            if name == "iter_export_rows":
                return self._rows(result)
            if name == "get_document":
                self._documents_read += 1
                self._report()
            return result

        return call

    def _rows(self, rows: Iterable[Any]) -> Iterator[Any]:
        for row in rows:
            self._check()
            self._rows_read += 1
            self._report()
            yield row

    def _check(self) -> None:
        if self._worker.cancelled:
            raise ExportCancelled

    def _report(self) -> None:
        now = time.monotonic()
        if now - self._last >= HEARTBEAT_S:
            self._last = now
            if self._rows_read:
                self._worker.report(self._rows_read)
                self._worker.say(f"{self._rows_read:,} events written")
            else:
                self._worker.report(self._documents_read)
                self._worker.say(f"{self._documents_read:,} documents written")


def export_job(worker: Worker, db_path: Path, fmt: str, path: str, scheme: CodingScheme,
               status: str | None, layer: str | None = None, annotator: str | None = None) -> ExportOutcome:
    """``core.io.exporters.export`` on the job's own connection, reporting events (or documents) written;
    Cancel stops the exporter at its next read, before its file replaces the target (the temporary file, or
    a folder format's staged files, are removed by the exporter). ``layer``/``annotator``: one layer only,
    handed to ``export`` itself, which scopes the export here in the worker thread (a context variable set in
    the GUI thread would not reach it)."""
    outcome = ExportOutcome(Path(db_path), fmt, path, status, layer=layer, annotator=annotator)
    if worker.cancelled:
        outcome.cancelled = True
        return outcome
    with Project(db_path, annotator=annotator) as project:
        watched = _Watched(project, worker)
        try:
            outcome.count = export(cast(Project, watched), fmt, path, scheme, status, layer=layer,
                                   annotator=annotator, warnings=outcome.warnings)
        except ExportCancelled:
            outcome.cancelled, outcome.warnings = True, []
        else:
            outcome.cancel_too_late = worker.cancelled
    return outcome


@dataclass
class PackageOutcome:
    db_path: Path
    folder: str
    names: list[str]
    made: dict[str, Path] = field(default_factory=dict)  # annotator -> the copy written
    cancelled: bool = False  # stopped by Cancel: the copies made were removed


def package_job(worker: Worker, db_path: Path, folder: str, names: Sequence[str], split: bool = False,
                overlap: int = 0) -> PackageOutcome:
    """File ▸ Export for an annotator: ``core.team.merge.package`` on the job's own connection, one copy per
    name, reporting copies made of the total; Cancel stops it before the next copy and removes those made."""
    from ..core.team.merge import PackageCancelled, package

    outcome = PackageOutcome(Path(db_path), folder, list(names))
    worker.set_total(len(outcome.names))
    with Project(db_path) as project:
        try:
            outcome.made = package(project, folder, outcome.names, split=split, overlap=overlap,
                                   progress=worker.report, cancelled=lambda: worker.cancelled)
        except PackageCancelled:
            outcome.cancelled = True
    return outcome


# --------------------------------------------------------------------------- in the GUI thread


class IoJob(QObject):
    """One import or export: its worker, its progress dialog (None once closed), how far it got, and once
    ``done`` its outcome (or the exception it raised). ``progressed`` and ``finished`` are emitted in the GUI
    thread, after the dialog has been updated."""

    progressed = Signal(int)  # files done (an import) or heartbeats (an export)
    finished = Signal()

    def __init__(self, kind: str, progress: QProgressDialog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.progress: QProgressDialog | None = progress
        self.label = progress.labelText()
        self.said = ""  # the last progress in words (an export's "1,200 events written")
        self.worker: Worker | None = None
        self.total: int | None = None  # files to import, once the worker has found them
        self.value = 0
        self.done = False
        self.outcome: ImportOutcome | ExportOutcome | PackageOutcome | None = None
        self.error: BaseException | None = None
        progress.canceled.connect(self.cancel)  # also emitted when the dialog is closed: ignored once done

    def cancel(self) -> None:
        if not self.done and self.worker is not None:
            self.worker.cancel()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Run the event loop until the job is done (for scripts and tests; the window never waits)."""
        if not self.done:
            loop = QEventLoop()
            timer = QTimer(loop, singleShot=True, interval=timeout_ms)
            timer.timeout.connect(loop.quit)
            self.finished.connect(loop.quit)
            timer.start()
            loop.exec()
            self.finished.disconnect(loop.quit)
        return self.done

    def _total_known(self, total: int) -> None:
        if self.done:
            return
        self.total = total
        if self.kind == "import" and total > 1 and self.progress is not None:  # one file: the busy bar says as much
            self.progress.setLabelText(f"Importing 0 of {total} files…")
            self.progress.setMaximum(total)
        if self.kind == "package" and self.progress is not None:
            self.progress.setMaximum(total)

    def _advanced(self, value: int) -> None:
        if self.done:
            return
        self.value = value
        self.progressed.emit(value)
        if self.kind == "import" and (self.total or 0) > 1 and self.progress is not None:
            self.progress.setLabelText(f"Importing {value} of {self.total} files…")
            self.progress.setValue(value)  # (a shown modal progress dialog processes events here)
        if self.kind == "package" and self.progress is not None:
            self.progress.setLabelText(f"{self.label}\n{value} of {self.total} copies written")
            self.progress.setValue(value)

    def _said(self, text: str) -> None:
        """The export's count in words, under what it is doing: "Exporting accepted events to …\n1,200 events
        written"."""
        self.said = text
        if not self.done and self.progress is not None:
            self.progress.setLabelText(f"{self.label}\n{text}")

    def _finish(self, outcome: ImportOutcome | ExportOutcome | PackageOutcome | None,
                error: BaseException | None) -> None:
        self.done, self.outcome, self.error = True, outcome, error
        progress, self.progress = self.progress, None
        if progress is not None and shiboken6.isValid(progress):
            progress.close()
            progress.deleteLater()


class BackgroundIO(QObject):
    """Starts the window's imports and exports, one at a time, each with a window-modal progress dialog (files
    done of the total for an import, a busy bar for an export) and Cancel, and hands the outcome to the
    caller's ``on_done`` (or the exception to ``on_error``) in the GUI thread."""

    def __init__(self, workers: WorkerPool, parent: QWidget) -> None:
        super().__init__(parent)
        self.workers = workers
        self.parent_widget = parent
        self.current: IoJob | None = None

    @property
    def busy(self) -> bool:
        return self.current is not None

    def start_import(self, db_path: Path, paths: Sequence[str | Path], *, annotator: str | None,
                     on_done: Callable[[ImportOutcome], None],
                     on_error: Callable[[BaseException], None]) -> IoJob | None:
        if self.busy:
            return None
        return self._start("import", "Importing…", on_done, on_error, import_job, Path(db_path), list(paths),
                           annotator)

    def start_export(self, db_path: Path, fmt: str, path: str, scheme: CodingScheme, status: str | None, *,
                     on_done: Callable[[ExportOutcome], None],
                     on_error: Callable[[BaseException], None], layer: str | None = None,
                     annotator: str | None = None) -> IoJob | None:
        if self.busy:
            return None
        which = "" if layer is None and annotator is None else (
            " of the curated layer" if layer == "curated" else f" of {annotator}’s layer")
        label = f"Exporting {'all' if status is None else status} events{which} to {path}…"
        return self._start("export", label, on_done, on_error, export_job, Path(db_path), fmt, path, scheme, status,
                           layer, annotator)

    def start_package(self, db_path: Path, folder: str, names: Sequence[str], *, split: bool = False,
                      overlap: int = 0, on_done: Callable[[PackageOutcome], None],
                      on_error: Callable[[BaseException], None]) -> IoJob | None:
        """File ▸ Export for an annotator in the background: copies made of the total, and Cancel."""
        if self.busy:
            return None
        return self._start("package", f"Writing a copy of the project for {', '.join(names)} into {folder}…",
                           on_done, on_error, package_job, Path(db_path), folder, list(names), split, overlap)

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()

    def _start(self, kind: str, label: str, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
               job_fn: Callable[..., Any], *args: Any) -> IoJob:
        progress = QProgressDialog(label, "Cancel", 0, 0, self.parent_widget)  # 0..0: a busy bar until a total
        progress.setWindowTitle(kind.capitalize())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        job = IoJob(kind, progress, self)
        # the worker's signals reach the GUI thread queued, so none arrives before ``job.worker`` is set
        lane = "export" if kind == "package" else kind  # a copy for an annotator is file work: the I/O lane
        job.worker = self.workers.start(job_fn, *args, kind=lane, on_progress=job._advanced, on_total=job._total_known,
                                        on_message=job._said,
                                        on_done=lambda outcome: self._finish(job, on_done, outcome, None),
                                        on_error=lambda exc: self._finish(job, on_error, None, exc))
        self.current = job
        return job

    def _finish(self, job: IoJob, callback: Callable[[Any], None], outcome: Any, error: BaseException | None) -> None:
        job._finish(outcome, error)
        if self.current is job:
            self.current = None
        try:
            if shiboken6.isValid(self):
                callback(error if error is not None else outcome)
        finally:
            if shiboken6.isValid(job):
                job.finished.emit()
