"""The Overview dock: the project's events as figures (pyqtgraph), refreshed as coding goes on, never blocking.

The figures are :mod:`eventcoder.core.overview`'s, counted in SQL by the store. Only the figure on screen (the
current tab, while the dock is shown) is counted and drawn: on a change (an edit here, another connection's
commit, a filter) every figure is marked stale, and after a short pause (debounce) the one on screen is counted
in a thread of the overview's own, on its own connection, then drawn (``app/overview_figures.py``). Clicking a
bar, point or edge reads, off the UI thread (``app/listing.py``), the ids of exactly the events behind it and
emits :attr:`OverviewPane.selected` with them; the window lists them (``EventsPane.show_only``), where Enter opens
each at its sentence.

In a team file the overview counts one layer, the one on screen (View ▸ Show layer: mine by default, another
annotator's, every layer or the curated one), by the rule of ``core/team/layers.py`` (``in_view``): one
annotator's decision and the suggestion it decides are never both counted.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EventCoderError
from ..core.overview import DRILL_LIMIT, PARTS, Overview, Selection, TypesFigure, build_overview, in_view
from ..core.schemes import CodingScheme
from ..core.store import Project
from ..core.store.overview import OverviewFilter
from .listing import Lister, overview_ids_job
from .session import CodingSession
from .workers import Worker

DEBOUNCE_MS = 400
TAB_TITLES = {"types": "Event types", "quads": "Quad classes by month", "score": "Dyad score",
              "dyads": "Top dyads", "network": "Network", "progress": "Progress"}
STATUS_CHOICES = (("accepted", "accepted"), ("suggested", "suggested"), ("all", "accepted + suggested"))
MIN_HEIGHT = 260  # px: the dock never squeezes a figure below this
POLL_MS = 2000  # how often a shown overview asks whether another connection committed


def count_job(worker: Worker, db_path: Path, scheme: CodingScheme, wanted: OverviewFilter, part: str,
              dyad: tuple[str | None, str | None] | None, annotators: bool = False, view: str = "mine",
              me: str | None = None, known: tuple[str | None, frozenset[int] | None] | None = None
              ) -> tuple[Overview, float, list[str] | None]:
    """In the overview's thread, on its own connection: one figure's counts in the layer ``view`` shows to
    ``me`` (core/team/layers.py), how long they took, and (when asked) who has decided events, for the
    annotator filter. ``known``: the layer's (name, event ids) as the previous count found them, nothing having
    changed since (choosing them reads every row)."""
    start = time.perf_counter()
    with Project(db_path, annotator=me) as project:
        if known is not None:
            wanted = dataclasses.replace(wanted, layer=known[0], layer_ids=known[1])
        else:
            wanted = in_view(project, wanted, view, me)
        overview = build_overview(project, scheme, wanted, parts=[part], dyad=dyad)
        seconds = time.perf_counter() - start
        names = project.overview_annotators() if annotators else None
    return overview, seconds, names


class OverviewPane(QWidget):
    """Filters, one tab per figure, and a line saying what is shown and how long it took."""

    selected = Signal(object, str)  # (event ids, label): list exactly these events
    refreshed = Signal(str)  # the part just drawn (tests wait for it)

    def __init__(self, session: CodingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # its own lane: never queued behind coding or retraining
        self._workers: set[Worker] = set()
        self._generation = 0
        self._stale: set[str] = set(PARTS)
        self._dyad: tuple[str | None, str | None] | None = None
        self._need_annotators = True
        self.last_overview: dict[str, Overview] = {}
        self.last_seconds: dict[str, float] = {}
        self._view = session.layer_view  # the layer counted: the one on screen
        self.lister = Lister(self)  # a click's events are read off the UI thread

        self.status_box = QComboBox()
        self.status_box.setObjectName("overview_status")
        for value, text in STATUS_CHOICES:
            self.status_box.addItem(text, value)
        self.date_from = QLineEdit(placeholderText="from YYYY-MM-DD")
        self.date_to = QLineEdit(placeholderText="to YYYY-MM-DD")
        for edit in (self.date_from, self.date_to):
            edit.setMaximumWidth(130)
            edit.editingFinished.connect(self.invalidate)
        self.scheme_box = QComboBox()
        self.scheme_box.setObjectName("overview_scheme")
        self.annotator_box = QComboBox()
        self.annotator_box.setObjectName("overview_annotator")
        self.dyad_box = QComboBox()
        self.dyad_box.setObjectName("overview_dyad")
        self.dyad_box.setMinimumWidth(150)
        self.info = QLabel()
        self.info.setObjectName("overview_info")
        self.info.setStyleSheet("color: #555")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.dyad_label = QLabel("Dyad")
        for label, widget in (("Status", self.status_box), ("Dates", self.date_from), (None, self.date_to),
                              ("Scheme", self.scheme_box), ("Annotator", self.annotator_box),
                              (self.dyad_label, self.dyad_box)):
            if label:
                bar.addWidget(label if isinstance(label, QLabel) else QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.info)

        from .overview_figures import FigureView  # pyqtgraph: imported when the overview is first shown

        self.tabs = QTabWidget()
        self.tabs.setObjectName("overview_tabs")
        self.views: dict[str, FigureView] = {}
        for part in PARTS:
            view = FigureView(part)
            view.picked.connect(self._picked)
            self.views[part] = view
            self.tabs.addTab(view, TAB_TITLES[part])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.setMinimumHeight(MIN_HEIGHT)  # a figure squeezed to a strip says nothing

        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self._count_current)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed()
        for box in (self.status_box, self.scheme_box, self.annotator_box):
            box.activated.connect(lambda _i: self.invalidate())
        self.dyad_box.activated.connect(self._dyad_picked)
        session.documentEdited.connect(self._edited)
        self._edits = 0  # edits seen here: with the file's data version, whether a layer's events may have changed
        self._layer_cache: tuple[tuple, tuple[str | None, frozenset[int] | None]] | None = None
        session.documentOpened.connect(self._check_layer)  # View ▸ Show layer reopens the document shown
        session.schemeChanged.connect(self.reload_choices)
        self._seen_version = self._data_version()
        self.watch = QTimer(self, interval=POLL_MS)
        self.watch.timeout.connect(self._poll)
        self.watch.start()
        self.reload_choices()

    def _data_version(self) -> int | None:
        try:
            return self.session.project.data_version()
        except EventCoderError:
            return None

    def _poll(self) -> None:
        """Another connection (a coding run, the command line, another window) committed: count again."""
        if not self.isVisible():
            return
        version = self._data_version()
        if version != self._seen_version:
            self._seen_version = version
            self.invalidate()
        else:
            self._check_layer()

    def _check_layer(self) -> None:
        """Another layer on screen (View ▸ Show layer): count that one."""
        if self.session.layer_view != self._view:
            self._view = self.session.layer_view
            self.invalidate()

    def layer_text(self) -> str:
        """The layer counted, as the info line names it ('' when the file has no team layers)."""
        from ..core.team.layers import describe_view

        project = self.session.project
        try:
            team = project.team_layers()
        except EventCoderError:
            team = False
        if not team and self._view in ("mine", "all"):
            return ""
        return "layer: " + describe_view(self._view, project.annotator)

    # ------------------------------------------------------------------ filters

    @property
    def part(self) -> str:
        return PARTS[self.tabs.currentIndex()]

    def reload_choices(self) -> None:
        """The scheme and annotator lists (after the project or its scheme changed)."""
        project = self.session.project
        current = self.session.scheme.name  # schemes_used reads the small schemes table
        self.scheme_box.blockSignals(True)
        self.scheme_box.clear()
        names = [current] + sorted({r["name"] for r in project.schemes_used()} - {current})
        for name in names:
            self.scheme_box.addItem(name, name)
        self.scheme_box.addItem("any scheme", None)
        self.scheme_box.blockSignals(False)
        self._need_annotators = True  # read with the next count, in the overview's thread
        self.invalidate()

    def _fill_annotators(self, names: list[str]) -> None:
        chosen = self.annotator_box.currentData()
        self.annotator_box.blockSignals(True)
        self.annotator_box.clear()
        self.annotator_box.addItem("everyone", None)
        for name in names:
            self.annotator_box.addItem(name, name)
        index = self.annotator_box.findData(chosen)
        self.annotator_box.setCurrentIndex(max(index, 0))
        self.annotator_box.blockSignals(False)

    def current_filter(self) -> OverviewFilter:
        """The filter the widgets say; a date that is not a date raises EventCoderError (with the reason)."""
        return OverviewFilter(status=self.status_box.currentData(), date_from=self.date_from.text().strip() or None,
                              date_to=self.date_to.text().strip() or None, scheme=self.scheme_box.currentData(),
                              annotator=self.annotator_box.currentData())

    def set_filter(self, status: str = "accepted", date_from: str = "", date_to: str = "") -> None:
        self.status_box.setCurrentIndex(self.status_box.findData(status))
        self.date_from.setText(date_from)
        self.date_to.setText(date_to)
        self.invalidate()

    def _tab_changed(self, *_args) -> None:
        on_score = self.part == "score"  # the dyad picker belongs to the score over time
        self.dyad_label.setVisible(on_score)
        self.dyad_box.setVisible(on_score)
        self.schedule()

    def _dyad_picked(self, index: int) -> None:
        self._dyad = self.dyad_box.itemData(index)
        self._stale.add("score")
        self.schedule()

    # ------------------------------------------------------------------ refreshing

    def _edited(self, _doc_id: int) -> None:
        self._edits += 1
        self.invalidate()

    def _layer_key(self) -> tuple:
        return (self._seen_version, self._edits, self._view, self.session.project.annotator,
                str(self.session.project.path))

    def invalidate(self) -> None:
        """The data or the filter changed: every figure is stale; the one on screen is counted again soon."""
        self._stale = set(PARTS)
        self.schedule()

    def schedule(self) -> None:
        if self.part in self._stale and self.isVisible():
            self.debounce.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.schedule()

    def _count_current(self) -> None:
        if not self.isVisible():
            return
        part = self.part
        try:
            wanted = self.current_filter()
        except EventCoderError as exc:
            self.info.setText(str(exc))
            return
        self._generation += 1
        generation = self._generation
        self._stale.discard(part)
        self.info.setText("counting…")
        self._view = self.session.layer_view
        version = self._data_version()
        if version != self._seen_version:  # a commit elsewhere not yet polled (while hidden): all stale but this
            self._seen_version = version
            self._stale = set(PARTS) - {part}
        key = self._layer_key()
        known = self._layer_cache[1] if self._layer_cache is not None and self._layer_cache[0] == key else None
        worker = Worker(count_job, Path(self.session.project.path), self.session.scheme, wanted, part, self._dyad,
                        self._need_annotators, self._view, self.session.project.annotator, known, kind="overview")
        self._workers.add(worker)
        worker.signals.finished.connect(lambda result: self._counted(worker, generation, part, result, key))
        worker.signals.failed.connect(lambda exc: self._failed(worker, part, exc))
        self.pool.start(worker)

    def _counted(self, worker: Worker, generation: int, part: str,
                 result: tuple[Overview, float, list[str] | None], key: tuple | None = None) -> None:
        self._workers.discard(worker)
        overview, seconds, annotators = result
        if key is not None and key == self._layer_key():  # nothing changed meanwhile: the next count reuses it
            self._layer_cache = (key, (overview.filter.layer, overview.filter.layer_ids))
        if annotators is not None:
            self._need_annotators = False
            self._fill_annotators(annotators)
        if generation != self._generation or part in self._stale:
            return  # a newer count is on its way
        started = time.perf_counter()
        self.draw(part, overview)
        drawn = time.perf_counter() - started
        self.last_seconds[part] = seconds + drawn
        figure = overview.figure(part)
        count = figure.total if isinstance(figure, TypesFigure) else None
        what = f"{count:,} event{'' if count == 1 else 's'} · " if count is not None else ""
        layer = self.layer_text()
        self.info.setText(f"{what}{layer + ' · ' if layer else ''}counted in {seconds:.2f} s, "
                          f"drawn in {drawn:.2f} s")
        self.refreshed.emit(part)

    def _failed(self, worker: Worker, part: str, exc: BaseException) -> None:
        self._workers.discard(worker)
        self._stale.add(part)
        self.info.setText(f"cannot count: {exc}")

    def draw(self, part: str, overview: Overview) -> None:
        self.last_overview[part] = overview
        if part == "score" and overview.dyad_choices:
            self._fill_dyads(overview)
        self.views[part].show_figure(overview.figure(part))

    def _fill_dyads(self, overview: Overview) -> None:
        box = self.dyad_box
        box.blockSignals(True)
        box.clear()
        for source, target in overview.dyad_choices:
            box.addItem(f"{source or '(no code)'} → {target or '(no code)'}", (source, target))
        shown = overview.score.dyad if overview.score is not None else None
        index = box.findData(shown)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs) and self.lister.wait(msecs)

    # ------------------------------------------------------------------ clicks

    def _picked(self, selection: Selection) -> None:
        """A click: the events behind it, read off the UI thread in the layer counted ("listing…" meanwhile;
        a newer click cancels it), then listed."""
        try:
            wanted = self.current_filter()
        except EventCoderError as exc:
            self.info.setText(str(exc))
            return
        project = self.session.project
        self.info.setText(f"listing {selection.label}…")
        self.lister.request(overview_ids_job, Path(project.path), project.annotator, selection, wanted,
                            self.session.layer_view, DRILL_LIMIT,
                            on_done=lambda ids: self._listed(project, selection, ids),
                            on_failed=lambda exc: self.info.setText(f"cannot list: {exc}"))

    def _listed(self, project: Project, selection: Selection, ids: list[int]) -> None:
        if project is not self.session.project:
            return  # another project meanwhile
        label = f"Overview: {selection.label} ({len(ids):,} event{'' if len(ids) == 1 else 's'}"
        label += f", the first {DRILL_LIMIT:,})" if len(ids) >= DRILL_LIMIT else ")"
        layer = self.layer_text()
        if layer:
            label += f" · {layer}"
        self.info.setText(label.removeprefix("Overview: "))
        self.selected.emit(ids, label)


class OverviewDock(QWidget):
    """What the window docks: builds the :class:`OverviewPane` the first time it is shown (so the window opens
    without importing pyqtgraph) and hands each click's events to ``show_events``."""

    def __init__(self, session: CodingSession, show_events: Callable[[list[int], str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.show_events = show_events
        self.pane: OverviewPane | None = None
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event) -> None:
        if self.pane is None:
            self.pane = OverviewPane(self.session, self)
            self.pane.selected.connect(self.show_events)
            self.layout().addWidget(self.pane)
        super().showEvent(event)
