"""The type learner's background retraining: when it runs, which run's result counts, what the status bar says.

``RetrainingController`` holds the whole state -- whether a retraining is queued or running, the token of the
run whose result counts, the codings since the newest model, the count that starts the next automatic run and
why the last automatic run could not -- and needs no window: a :class:`WorkerPool` and a callable giving the
open project and scheme. The window wires it: edits to :meth:`codings_changed`, Ctrl+T to :meth:`retrain_now`,
another project or scheme (or a restore) to :meth:`forget`; ``statusChanged`` to its learner label,
``message`` to its status bar and ``retrained`` to what follows a new model (re-suggesting the queue).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from ..core.schemes import CodingScheme
from ..core.store import Project
from ..core.store.codings_count import CodingsCounter
from .alternatives import model_status_text, model_status_tooltip
from .workers import Worker, WorkerPool, train_job

RETRAIN_CHECK_MS = 1500  # after an edit, wait this long for more before counting codings towards a retraining
COUNT_CODINGS_UP_TO = 1000  # the status bar's "N/25 new codings" stops counting here

Target = Callable[[], tuple[Project, CodingScheme]]


class RetrainingController(QObject):
    """Retrains the type learner in the worker after every ``retrain_every`` new codings and on demand.

    One retraining at a time; a second request while one runs is refused with a message. A run started for a
    project or scheme no longer open (see :meth:`forget`) is cancelled and whatever it reports is ignored. An
    automatic run that fails (e.g. not enough classes yet) is tried again after as many more codings."""

    statusChanged = Signal(str, str)  # the learner slot's text ('' hides it) and its tooltip
    message = Signal(str)  # for the status bar
    retrained = Signal(dict)  # a new model version was stored for the open project and scheme (the report)

    def __init__(self, workers: WorkerPool, target: Target, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self._target = target
        self.training = False  # a retraining is queued or running
        self.codings_since_model: int | None = None  # None: the learner is not installed (or cannot count)
        self.retrain_every = 25  # the learner's RETRAIN_EVERY once it is imported (after the first paint)
        self.retrain_after = self.retrain_every  # the codings count that starts the next automatic retraining
        self.problem = ""  # why the last automatic retraining could not run
        self._job = 0  # the retraining whose result counts; any other (cancelled, stale) is ignored
        # the codings count, read incrementally: each journal entry once (this window's and other processes')
        self.counter = CodingsCounter()
        self._stopped = False
        self.check_timer = QTimer(self, singleShot=True, interval=RETRAIN_CHECK_MS)
        self.check_timer.timeout.connect(self.check)

    # ------------------------------------------------------------------ what the window calls

    def codings_changed(self) -> None:
        """An edit was saved: count the codings once the analyst pauses (``RETRAIN_CHECK_MS``)."""
        if not self._stopped:
            self.check_timer.start()

    def check(self) -> None:
        """Retrain in the background once ``retrain_after`` new codings have accumulated."""
        if not self._alive():
            return
        self.refresh()
        since = self.codings_since_model
        if self.training or since is None or since < self.retrain_after:
            return
        self.retrain_now(automatic=True)

    def retrain_now(self, automatic: bool = False) -> Worker | None:
        """Start a retraining (Ctrl+T, or ``automatic`` from :meth:`check`): a worker with its own connection
        trains and stores a new model version while the analyst goes on coding. Returns the worker."""
        if self.training:
            self.message.emit("The type learner is already retraining")
            return None
        self.training = True
        self._job += 1
        job = self._job
        self.refresh()
        if not automatic:
            self.message.emit("Retraining the type learner in the background…")
        project, scheme = self._target()
        # codings from now on count towards the next retraining, even those the worker reads in
        mark = project.history_mark()
        return self.workers.start(
            train_job, project.path, scheme, mark, kind="train",
            on_done=lambda result: self._retrained(result, job),
            on_error=lambda exc: self._failed(exc, automatic, job),
        )

    def forget(self) -> None:
        """Another project or scheme is open (or the file was restored): a retraining for the old one is
        cancelled (it stores nothing, or its model in its own project) and nothing of it shows here."""
        if self.training:
            self.workers.cancel("train")
        self.training = False
        self._job += 1  # whatever the running one reports is ignored
        self.counter.forget()
        self.retrain_after = self.retrain_every
        self.problem = ""

    def stop(self) -> None:
        """The window is closing: no more checks, and nothing reported afterwards is shown."""
        self._stopped = True
        self.check_timer.stop()

    def refresh(self) -> None:
        """Count the codings since the newest model (bounded) and emit the learner slot's text."""
        if not self._alive():
            return
        project, scheme = self._target()
        try:
            from ..core import learn

            self.retrain_every = learn.RETRAIN_EVERY
            # after every edit, on a project whose history may be long: only the entries since the last count
            # are read (learn.codings_since_model's count, from the newest model's mark), up to a bound
            self.codings_since_model = self.counter.since_model(project, learn.KIND, scheme.name,
                                                                limit=COUNT_CODINGS_UP_TO)
        except Exception:  # noqa: BLE001 - the learner missing or a damaged model never breaks the window
            self.codings_since_model = None
        text = model_status_text(project, scheme, training=self.training, since=self.codings_since_model,
                                 every=self.retrain_after)
        tip = model_status_tooltip(project, scheme)
        if self.problem and text:
            text += " · last try failed"
            tip += (f"\nThe last automatic retraining could not run: {self.problem}. It is tried again at "
                    f"{self.retrain_after} new codings.")
        self.statusChanged.emit(text, tip)

    # ------------------------------------------------------------------ what the worker reports

    def _alive(self) -> bool:
        return not self._stopped and shiboken6.isValid(self)

    def _retrained(self, result: dict[str, Any], job: int) -> None:
        if job != self._job or not self._alive():
            return  # cancelled: for a project or scheme no longer open (or the window closed)
        self.training = False
        self.retrain_after = self.retrain_every
        self.problem = ""
        self.refresh()
        rules, chosen = result.get("rules_f1"), result.get("chosen_f1")
        verdict = "in use" if result.get("active") else "the rules' types stand"
        self.message.emit(f"Type learner v{result.get('version')} trained on {result.get('codings')} codings: "
                          f"F1 {chosen:.2f}, rules {rules:.2f} ({verdict})")
        self.retrained.emit(result)
        QTimer.singleShot(0, self.check)  # codings made while it trained

    def _failed(self, exc: BaseException, automatic: bool, job: int) -> None:
        if job != self._job:
            return  # cancelled: for a project or scheme no longer open
        self.training = False
        if not self._alive():
            return
        from ..core.learn import TrainingCancelled

        if isinstance(exc, TrainingCancelled):
            self.refresh()
            return
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if automatic:  # e.g. not enough classes yet: try again after as many more codings
            self.retrain_after = (self.codings_since_model or 0) + self.retrain_every
            self.problem = why
        self.refresh()
        self.message.emit(f"Type learner not retrained: {why}")
