"""Lists of events across documents read off the UI thread: the overview's click-through (the ids behind a bar,
point or edge) and the events pane's project-wide list ("All documents").

Each list is a job in a thread of the :class:`Lister`'s own, on its own connection (``app/workers.py``); a newer
request cancels the one before (its result, if it still comes, is dropped), so the last click or filter typed
is the list shown. The layer counted is the one on screen, by the one rule of ``core/team/layers.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QThreadPool

from ..core.event_filter import EventFilter
from ..core.overview import Selection, in_view
from ..core.store import Project
from ..core.store.event_lists import MAX_LISTED, ListedEvent
from ..core.store.overview import OverviewFilter
from ..core.team.layers import view_scope
from .workers import Worker


def project_list_job(worker: Worker, db_path: Path, annotator: str, wanted: EventFilter, view: str
                     ) -> tuple[list[ListedEvent], bool] | None:
    """The project's events matching ``wanted`` in the layer ``view`` shows, and whether the list was cut at
    :data:`MAX_LISTED` (None: cancelled)."""
    with Project(db_path, annotator=annotator) as project:
        listed = project.filtered_events(wanted)
        if worker.cancelled:
            return None
        capped = len(listed) >= MAX_LISTED
        shown = view_scope(project, view)  # team layers: the events of the layer on screen only
        if shown is not None:
            listed = [x for x in listed if x.event.id in shown]
    return listed, capped


def overview_ids_job(worker: Worker, db_path: Path, annotator: str, selection: Selection, wanted: OverviewFilter,
                     view: str, limit: int) -> list[int] | None:
    """The ids of the events behind one figure element, under ``wanted`` in the layer ``view`` shows."""
    with Project(db_path, annotator=annotator) as project:
        scoped = in_view(project, wanted, view)
        if worker.cancelled:
            return None
        return selection.event_ids(project, scoped, limit=limit)


class Lister(QObject):
    """One list at a time off the UI thread; a newer request cancels the older."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._generation = 0
        self._current: Worker | None = None
        self._workers: set[Worker] = set()

    @property
    def busy(self) -> bool:
        """A request is on its way (its answer not yet handed over)."""
        return self._current is not None

    def request(self, job: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
                on_failed: Callable[[BaseException], None]) -> Worker:
        self.cancel()
        self._generation += 1
        generation = self._generation
        worker = Worker(job, *args, kind="listing")
        self._current = worker
        self._workers.add(worker)
        worker.signals.finished.connect(lambda result: self._finished(worker, generation, result, on_done))
        worker.signals.failed.connect(lambda exc: self._finished(worker, generation, exc, on_failed))
        self.pool.start(worker)
        return worker

    def cancel(self) -> None:
        """Drop the request on its way (a newer one, or none: back to the open document)."""
        if self._current is not None:
            self._current.cancel()
        self._current = None
        self._generation += 1

    def _finished(self, worker: Worker, generation: int, value: Any, callback: Callable[[Any], None]) -> None:
        self._workers.discard(worker)
        if generation != self._generation:
            return  # a newer request is on its way, or this one was dropped
        self._current = None
        if not worker.cancelled and value is not None:
            callback(value)

    def wait(self, msecs: int = 30_000) -> bool:
        """Until the request on its way is answered (tests; the window never waits)."""
        timer = QElapsedTimer()
        timer.start()
        while self.busy and timer.elapsed() < msecs:
            self.pool.waitForDone(50)
            QCoreApplication.processEvents()
        return not self.busy
