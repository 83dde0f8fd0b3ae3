"""The main window: composes the panes around the article, builds menus from the keyboard map, wires the
background work to what it shows, and remembers its layout. Coding logic lives in ``coding_actions``, the
type learner's retraining in ``retraining``, imports and exports in ``jobs``."""

from __future__ import annotations

import hashlib
import html
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EventCoderError, SchemeError
from ..core.io.exporters import export_formats
from ..core.io.textfiles import opening_words
from ..core.scheme_mix import SchemeMixError
from ..core.schemes import builtin_scheme_names
from ..core.store import Project
from . import actors_dialog, annotator, dialogs, document_deletion, run_status
from .alternatives import alternatives_for
from .article_view import ArticleView
from .coding_actions import CodingActions, is_editor_hint
from .documents_pane import DocumentsPane
from .event_editor import EventEditor
from .events_pane import EventsPane, RelationsPane
from .jobs import BackgroundIO, ExportOutcome, ImportOutcome, IoJob
from .keymap import ACTIONS, SPAN_LABEL_KEYS, cheat_sheet_rows, is_typing_key
from .overview import OverviewDock
from .retraining import RetrainingController
from .session import CodingSession
from .status_bar import MessageStatusBar, RunProgress, SlotLabel
from .styles import LEGEND_HTML
from .workers import WorkerPool, backup_job, code_documents_job, dictionary_report_job, load_coder

OPEN_SCHEME_FILE = "Open scheme file…"
POLL_MS = 2000  # how often the window asks SQLite whether another connection committed (PRAGMA data_version)
REFRESH_AFTER_RETRAIN = 10  # untouched to-do documents re-suggested with a new model, so the queue ahead uses it
BUSY_IO = "Busy: an import or export is running (cancel it or wait)"
MESSAGE_LOG = 200  # the status bar's messages kept for the Messages box (a click on the bar)
OVERVIEW_HEIGHT_KEY = "window/overview_height"  # the docked overview's height, as the analyst last left it


WANTED_SIZE = (1480, 900)  # px: article, event list and editor side by side


def initial_size() -> tuple[int, int]:
    """The window's first size: the wanted one, but never wider or taller than the screen's available area (a
    1400-px screen showed the right-hand columns cut off)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return WANTED_SIZE  # (an offscreen surface is no screen anyone sees: its 800x600 is arbitrary)
    area = screen.availableGeometry()
    return (min(WANTED_SIZE[0], int(area.width() * 0.96)), min(WANTED_SIZE[1], int(area.height() * 0.94)))


def _reason(exc: BaseException) -> str:
    """A job's failure for a dialog: the project's own errors (and the system's) by their message, anything
    else with its type too, so nothing is shown as an empty box."""
    if isinstance(exc, EventCoderError | OSError | ImportError | ValueError) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _count(n: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def exports_dir(project_path: Path | None = None) -> Path:
    """File ▸ Export's default folder: ``exports/`` beside the project file when there is one, else the project
    file's own folder (exports belong with the project, not in the home folder). Without a project: exports/ in
    the folder EventCoder was started from, else the user's documents folder, else home."""
    if project_path is not None:
        folder = Path(project_path).resolve().parent
        return folder / "exports" if (folder / "exports").is_dir() else folder
    folder = Path.cwd() / "exports"
    if folder.is_dir():
        return folder
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


class MainWindow(QMainWindow):
    def __init__(self, session: CodingSession, settings: QSettings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings or QSettings("EventCoder", "EventCoder")
        self.workers = WorkerPool(self)
        self.model_state = "model not loaded"
        self.retraining = RetrainingController(self.workers, lambda: (self.session.project, self.session.scheme),
                                               self)
        self.io = BackgroundIO(self.workers, self)  # imports and exports, with their progress dialogs
        self._alternatives_model: int | None = None  # the model version the cached alternatives come from
        self.actions_by_name: dict[str, QAction] = {}
        self._cheat_sheet = None
        self._pending_scroll: tuple[int, int] | None = None
        self._coding_document: int | None = None  # the open document, when it has events (a run leaves it)
        self._learner_active = False  # the stored type learner decides types (else the rules stand)
        self._refusals = 0  # changes refused so far (a later action that is not refused clears "Not saved")
        self.message_log: list[str] = []  # this session's messages, newest last (a click on the bar lists them)
        self.messages_box: QMessageBox | None = None
        self.setAcceptDrops(True)
        self.resize(*initial_size())

        self.article = ArticleView(session)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(8, 6, 8, 2)
        self.legend = QLabel(LEGEND_HTML)
        self.legend.setWordWrap(True)
        self.legend.setContentsMargins(8, 2, 8, 4)
        self.legend.setStyleSheet("color: #444; font-size: 9pt")
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.article.find_bar)  # Ctrl+F (hidden until then)
        centre_layout.addWidget(self.article, 1)
        centre_layout.addWidget(self.legend)
        self.setCentralWidget(centre)

        self.documents = DocumentsPane(session)
        self.events = EventsPane(session)
        self.editor = EventEditor(session)
        self.relations = RelationsPane(session)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.events)
        right.addWidget(self.editor)
        right.setSizes([330, 470])
        self._dock("Documents", "documents_dock", self.documents, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Events", "events_dock", right, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Relations", "relations_dock", self.relations, Qt.DockWidgetArea.RightDockWidgetArea)
        # the Overview (View menu): figures of the project's events; a click lists its events in the events list
        self.overview = OverviewDock(session, lambda ids, label: (self.events.show_only(ids, label),
                                                                  self.findChild(QDockWidget, "events_dock").show()))
        # the events list and the editor keep the window's full height: a bottom dock (the overview) sits under
        # the documents and the article only
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        overview_dock = self._dock("Overview", "overview_dock", self.overview, Qt.DockWidgetArea.BottomDockWidgetArea)
        overview_dock.hide()
        overview_dock.toggleViewAction().triggered.connect(self._overview_toggled)  # View ▸ Overview
        # wide enough for a headline's title (whole in its tooltip, elided in the middle when longer)
        self.resizeDocks([self.findChild(QDockWidget, "documents_dock")], [380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "events_dock")], [470], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "events_dock"), self.findChild(QDockWidget, "relations_dock")],
                         [700, 110], Qt.Orientation.Vertical)

        self.coding = CodingActions(session, self.article, self.events, self.editor, self)
        self._alternatives_cache: dict[tuple, tuple[str, list]] = {}  # key -> (code made for, list)
        self.editor.alternatives_provider = self.alternatives
        self._build_menus()
        self._build_status_bar()
        annotator.install(self)  # who is coding (first-run name), the team menu entries
        actors_dialog.install(self)  # Code ▸ Project actors…
        document_deletion.install(self)  # Edit ▸ Delete document…, Delete in the documents list
        run_status.install(self)  # another process's coding run in progress, in the status bar

        self.documents.documentPicked.connect(self.open_document)
        self.editor.finished.connect(self.focus_article)
        self.editor.finished.connect(self._clear_editor_hint)
        session.documentOpened.connect(self._update_header)
        session.documentOpened.connect(self._follow_open_document)
        session.documentOpened.connect(self._remember_document)
        session.documentEdited.connect(self._follow_open_document)
        session.refused.connect(self._count_refusal)
        session.documentEdited.connect(self._document_edited)
        session.documentEdited.connect(lambda _doc_id: self.retraining.codings_changed())
        session.documentEdited.connect(lambda _doc_id: self.update_learner_status())  # "N/25" right after a change
        self.retraining.statusChanged.connect(self._show_learner_status)
        self.retraining.message.connect(self.show_message)
        self.retraining.retrained.connect(self._retrained)
        session.schemeChanged.connect(self._scheme_changed)
        session.message.connect(self.show_message)
        self.coding.message.connect(self.show_message)
        session.undo_stack.indexChanged.connect(self._update_status)
        session.saveStateChanged.connect(self._update_status)
        # another window, the command line or a coding worker committed to the file: show it (data_version)
        self.watch = QTimer(self, interval=POLL_MS)
        self.watch.timeout.connect(self.poll_project)
        self.session.changed_elsewhere()  # the baseline
        self._restore_id = self._read_restore_id()
        self.watch.start()
        self._update_title()
        self._update_header()
        self._update_status()

    # ------------------------------------------------------------------ layout

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu(f"&{name}") for name in ("File", "Edit", "Code", "View", "Help")}
        handlers = {**{a.name: getattr(self.coding, a.name, None) for a in ACTIONS}}
        local_widgets = (self.article, self.events.view)
        for spec in ACTIONS:
            handler = handlers.get(spec.name) or getattr(self, spec.name)
            action = QAction(spec.text, self)
            action.setObjectName(f"action_{spec.name}")
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            action.triggered.connect(lambda _checked=False, h=handler: self.run_action(h))
            if spec.help:
                action.setToolTip(spec.help)
            menus[spec.menu].addAction(action)
            if any(is_typing_key(k) for k in spec.keys):
                command_keys = [k for k in spec.keys if not is_typing_key(k)]
                action.setShortcuts([QKeySequence(k) for k in spec.keys if is_typing_key(k)])
                self._add_typing_action(action)
                if command_keys:  # e.g. F1 next to ?: stays a window-wide key
                    extra = QAction(self)
                    extra.setShortcuts([QKeySequence(k) for k in command_keys])
                    extra.triggered.connect(lambda _checked=False, h=handler: self.run_action(h))
                    self.addAction(extra)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)
            self.actions_by_name[spec.name] = action
            if spec.local_keys:
                local = QAction(self)
                local.setShortcuts([QKeySequence(k) for k in spec.local_keys])
                local.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                local.triggered.connect(lambda _checked=False, h=handler: self.run_action(h))
                for widget in local_widgets:
                    widget.addAction(local)
            if spec.name == "close":
                menus["File"].insertSeparator(action)
        delete_relation = QAction("Delete relation", self.relations.view)
        delete_relation.setShortcut(QKeySequence.StandardKey.Delete)
        delete_relation.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_relation.triggered.connect(self.coding.delete_relation)
        self.relations.view.addAction(delete_relation)
        self.events.view.doubleClicked.connect(lambda _index: self.coding.edit_event())
        self.label_menu = menus["Code"].addMenu("&Label selected text")
        self._label_actions: list[QAction] = []
        for key in SPAN_LABEL_KEYS:
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, n=int(key): self.coding.label_span(n))
            self._add_typing_action(action)
            self._label_actions.append(action)
        self._fill_label_menu()
        stack = self.session.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._sync_undo_actions)
        self._sync_undo_actions()
        view = menus["View"]
        view.addSeparator()
        for dock in self.findChildren(QDockWidget):
            view.addAction(dock.toggleViewAction())
        self.scheme_box = QComboBox()
        self.scheme_box.setObjectName("scheme_box")
        self.scheme_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        corner = self._scheme_corner = QWidget(bar)
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 6, 0)
        corner_layout.addWidget(QLabel("Scheme:"))
        corner_layout.addWidget(self.scheme_box)
        bar.setCornerWidget(corner)
        self._fill_scheme_box()
        self.scheme_box.activated.connect(self._scheme_picked)

    def run_action(self, handler) -> None:
        """One analyst action (a key or menu entry). A "Not saved" left by an earlier refusal is cleared once an
        action goes through without one: it concerned a change the analyst has moved on from (nothing of it was
        written, and the change that followed was saved or wrote nothing)."""
        before = self._refusals
        failed = self.session.save_state == "failed"
        handler()
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.session):
            return
        if failed and self._refusals == before and self.session.save_state == "failed":
            self.session.save_state, self.session.save_problem = "saved", ""
            self._update_status()

    def _count_refusal(self, _text: str) -> None:
        self._refusals += 1

    def overview_height(self) -> int:
        """The height View ▸ Overview opens the docked overview at: the one it last had, else 40% of the window
        (never below the pane's minimum, so a figure is never a strip)."""
        from .overview import MIN_HEIGHT

        stored = self.settings.value(OVERVIEW_HEIGHT_KEY)
        height = int(stored) if str(stored or "").isdigit() else int(self.height() * 0.4)
        return max(MIN_HEIGHT + 40, min(height, int(self.height() * 0.7)))

    def _overview_toggled(self, shown: bool) -> None:
        dock = self.findChild(QDockWidget, "overview_dock")
        if not shown:  # just hidden: its geometry is still the one it had on screen
            self._remember_overview_height(dock, shown_now=False)
        elif not dock.isFloating():  # once laid out: the dock area takes the height asked for
            QTimer.singleShot(0, lambda: shiboken6.isValid(dock) and self.resizeDocks(
                [dock], [self.overview_height()], Qt.Orientation.Vertical))

    def _remember_overview_height(self, dock: QDockWidget | None = None, shown_now: bool = True) -> None:
        dock = dock or self.findChild(QDockWidget, "overview_dock")
        if dock is not None and (dock.isVisible() or not shown_now) and not dock.isFloating():
            self.settings.setValue(OVERVIEW_HEIGHT_KEY, dock.height())

    def _add_typing_action(self, action: QAction) -> None:
        """A single-key shortcut (A, X, J, 1…) works only while a coding surface has focus: the article, the
        events list or the relations list. Anywhere else (editor fields, dropdowns, search) the key types."""
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in self.coding_surfaces():
            widget.addAction(action)

    def coding_surfaces(self) -> tuple[QWidget, ...]:
        return (self.article, self.events, self.relations, self.documents.table)  # (not its search box)

    def _sync_undo_actions(self, *_args) -> None:
        stack = self.session.undo_stack
        if not shiboken6.isValid(stack):
            return
        for name, can, text in (("undo", stack.canUndo(), stack.undoText()),
                                ("redo", stack.canRedo(), stack.redoText())):
            action = self.actions_by_name[name]
            action.setEnabled(can)
            action.setText(f"&{name.capitalize()} {text}" if text else f"&{name.capitalize()}")

    def _fill_label_menu(self) -> None:
        self.label_menu.clear()
        labels = list(self.session.scheme.span_labels.values())
        names = [(lbl.layer, lbl.label) for lbl in labels] or [(x, x) for x in ("actor", "trigger", "location", "date")]
        for key, action in zip(SPAN_LABEL_KEYS, self._label_actions, strict=False):
            index = int(key) - 1
            action.setEnabled(index < len(names))
            if index < len(names):
                action.setText(f"{names[index][1]} ({names[index][0]})")
                self.label_menu.addAction(action)

    def _fill_scheme_box(self) -> None:
        box = self.scheme_box
        box.blockSignals(True)
        box.clear()
        for name in builtin_scheme_names():
            box.addItem(name.upper(), name)
        current = self.session.scheme
        i = box.findData((current.name or "").lower())
        if i < 0:
            box.addItem(current.name or "no scheme", str(current.path) if current.path else None)
            i = box.count() - 1
        box.insertSeparator(box.count())
        box.addItem(OPEN_SCHEME_FILE, OPEN_SCHEME_FILE)
        box.setCurrentIndex(i)
        box.blockSignals(False)

    def _build_status_bar(self) -> None:
        bar = MessageStatusBar(self)  # a long message elided in the middle, whole in its tooltip
        self.setStatusBar(bar)
        bar.clicked.connect(self.show_messages)
        self.saved_label = SlotLabel()  # a long refusal is elided, whole in its tooltip: never widens the window
        self.saved_label.setObjectName("saved_status")
        self.saved_label.clicked.connect(self.show_messages)  # ... and whole in the Messages box on a click
        self.model_label = QLabel()
        self.learner_label = QLabel()  # the type learner's version and cross-validated figure (text only)
        self.learner_label.setObjectName("learner_status")
        self.dictionary_label = QLabel()  # the scheme's dictionary problems, a link to the list
        self.dictionary_label.setObjectName("dictionary_status")
        self.dictionary_label.setTextFormat(Qt.TextFormat.RichText)
        self.dictionary_label.linkActivated.connect(lambda _link: self.show_dictionary_problems())
        self.dictionary_report = None
        self.hint_label = QLabel("J/K move · A accept · X reject · N new · ? keys")
        self.run_progress = RunProgress()  # Ctrl+Shift+R's progress and Cancel (hidden until a run)
        for widget in (self.saved_label, self.model_label, self.learner_label, self.dictionary_label):
            widget.setContentsMargins(6, 0, 6, 0)
        self.hint_label.setStyleSheet("color: #555")
        for widget in (self.saved_label, self.model_label, self.run_progress, self.learner_label,
                       self.dictionary_label, self.hint_label):
            bar.addPermanentWidget(widget)  # never hidden by messages
        bar.yielding = self.hint_label  # gives its room to a message too long for the bar
        self.learner_label.hide()
        self.dictionary_label.hide()
        QTimer.singleShot(0, self.update_learner_status)  # imports the learner (numpy): after the first paint

    # ------------------------------------------------------------------ status

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)
        if text:
            self.message_log.append(f"{time.strftime('%H:%M:%S')}  {text}")
            del self.message_log[:-MESSAGE_LOG]
        self._update_status()

    def show_messages(self) -> QMessageBox:
        """A click on the status bar's message or on the saved / refused slot: the message whole (a refusal
        first, while one stands), the session's earlier messages under Show Details."""
        if self.session.save_state == "failed":
            current = self.saved_label.text()
        else:
            current = self.statusBar().currentMessage() or (self.message_log[-1].split("  ", 1)[-1]
                                                             if self.message_log else "")
        self.messages_box = dialogs.show_messages(self, current, list(self.message_log))
        return self.messages_box

    def _update_status(self, *_args) -> None:
        stack = self.session.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self.saved_label):
            return  # shutting down
        index, count = stack.index(), stack.count()
        if getattr(self, "_status_index", None) != (index, count):  # the history moved: what was saved last
            before = getattr(self, "_status_index", (index, count))[0]
            undone = index < before and index < count  # Ctrl+Z: the step now above the index was taken back
            self._last_saved = f"undo {stack.text(index)}" if undone else stack.text(index - 1) if index else ""
            self._status_index = (index, count)
        last = self._last_saved
        state = self.session.save_state
        self.saved_label.setToolTip("")
        if state == "saving":
            self.saved_label.setText("Saving…")
        elif state == "failed":  # a refused undo put nothing at risk: it was refused, not "not saved"
            said = "Refused" if self.session.save_refused else "Not saved"
            self.saved_label.setText(f"✖ {said}: {self.session.save_problem}")
            self.saved_label.setToolTip(self.saved_label.text())  # whole, however wide the slot (a click shows it)
        elif getattr(self.session.project, "readonly", False):  # nothing is ever saved: never say it was
            self.saved_label.setText("Read-only: changes cannot be saved")
            reason = self.session.project.readonly_reason
            advice = ("free some space: the next change is saved then" if reason == "the disk is full"
                      else "open a copy in a writable folder to code it")
            self.saved_label.setToolTip(f"This project opened read-only ({reason}); {advice}")
        else:  # set only after the last commit returned
            self.saved_label.setText("✔ All changes saved" + (f" (last: {last})" if last else ""))
            if "(read-only" in self.windowTitle():  # opened on a full disk, writable again once space was freed
                self._update_title()
        self.saved_label.setStyleSheet("color: #b00020; font-weight: bold" if state == "failed"
                                       or getattr(self.session.project, "readonly", False) else "")
        doc = self.session.doc
        count = f" · {_count(len(doc.events), 'event')} in this document" if doc else ""
        self.model_label.setText(f"{self.model_state}{count}")

    def update_learner_status(self) -> None:
        """Re-count the codings since the newest model and show the learner slot (``_show_learner_status``)."""
        self.retraining.refresh()

    def _show_learner_status(self, text: str, tip: str) -> None:
        if not shiboken6.isValid(self.learner_label):
            return
        self.learner_label.setText(text)
        self.learner_label.setToolTip(tip)
        self.learner_label.setVisible(bool(text))
        try:
            from ..core import learn

            summary = learn.model_summary(self.session.project, self.session.scheme)  # no weights loaded
            version = (summary or {}).get("version")
            active = bool((summary or {}).get("active"))
        except Exception:  # noqa: BLE001
            version, active = None, False
        if active != self._learner_active:  # "the rules stand": not the learner's alternatives either
            self._learner_active = active
            self._alternatives_cache.clear()
        if version != self._alternatives_model:  # a new model: new alternatives (same model: numbers stay put)
            self._alternatives_model = version
            self._alternatives_cache.clear()

    def refresh_alternatives(self) -> None:
        """After a background job: the editor's alternatives from the learner again (not the stand-ins)."""
        event = self.session.current_event
        if self.editor.mode == "edit" and event is not None and not self.workers.busy:
            self.editor._show_alternatives(event)

    # ------------------------------------------------------------------ the type learner (background retraining)

    def retrain_learner(self, automatic: bool = False):
        """Code ▸ Retrain the type learner now (Ctrl+T): in the background (``RetrainingController``), while
        the analyst goes on coding. Returns the worker, or None when one is already retraining."""
        return self.retraining.retrain_now(automatic)

    def _learner_target(self) -> tuple[str, str]:
        return str(self.session.project.path.resolve()), self.session.scheme.content_hash

    def _retrained(self, result: dict) -> None:
        """A new model is stored for the open project and scheme: the queue ahead is re-suggested with it."""
        if self.model_state == "model not loaded":  # training loaded the coder on the way
            self.set_model_state("model ready")
        if result.get("active"):
            self.refresh_queue()
        self.refresh_alternatives()

    def refresh_queue(self):
        """Re-suggest the next untouched to-do documents (not the open one) with the newest model, in the
        background, so what the analyst codes next -- and the "most useful next" order -- reflects it.
        Documents anyone has decided something in are left as they are. Returns the worker, if any."""
        if self.workers.busy_besides_training:
            return None
        exclude = (self.session.document_id,) if self.session.document_id is not None else ()
        ids = self.session.project.untouched_documents(REFRESH_AFTER_RETRAIN, exclude)
        return self.suggest_documents(ids, show_progress=False) if ids else None

    def alternatives(self, event) -> list:
        """The editor's Alt+1/2/3 codes: the learner's when it decides types (it beat the rules when trained: not
        when "the rules stand", whose learner would offer its own poor guesses), the model is loaded and no job is
        running (the coder is not shared between threads); else what they were without it (core: the ranking
        stored with the event, else the code's siblings). Cached per event."""
        if event is None:
            return []
        use_learner = self._learner_active and self.model_state == "model ready" and not self.workers.busy
        # per event, not per version: after 1 picks an alternative the numbers stay where they were
        key = (event.id, self.session.scheme.content_hash, use_learner)
        cached = self._alternatives_cache.get(key)
        # recoded to a code neither the list was made for nor in it (020 typed over 130): that code's list
        if cached is None or event.event_code not in (cached[0], *(code for code, _p in cached[1])):
            cached = self._alternatives_cache[key] = (event.event_code, alternatives_for(
                self.session.project, event, self.session.scheme, use_learner=use_learner))
        return cached[1]

    def set_model_state(self, text: str) -> None:
        self.model_state = text
        if text == "model ready":  # the coder of this scheme is loaded in this process (core keeps it)
            self._ready_schemes = getattr(self, "_ready_schemes", set()) | {self.session.scheme.content_hash}
        self._update_status()

    def _update_title(self) -> None:
        project = self.session.project
        readonly = f" (read-only: {project.readonly_reason})" if getattr(project, "readonly", False) else ""
        self.setWindowTitle(f"EventCoder — {project.path.name}{readonly} — {self.session.scheme.name}")

    def _update_header(self) -> None:
        doc = self.session.doc
        if doc is None:
            gone = self.session.core.gone_message  # the open document was deleted elsewhere: say so, not just blank
            self.header.setText(f"<span style='color:#b00020'>{html.escape(gone)}</span>" if gone else
                                "<span style='color:#777'>No document open: import articles with File ▸ Import "
                                "or drop files here.</span>")
            self._update_status()
            return
        d = doc.document
        title = d.title or ""
        if not title or (d.source and title == Path(d.source).stem):  # a bare file: its opening words say more
            title = opening_words(d.text) or title
        bits = [html.escape(b) for b in (d.published, d.source) if b]
        if d.url:
            bits.append(f"<a href='{html.escape(d.url)}'>{html.escape(d.url)}</a>")
        done = " · <b>done</b>" if d.done else ""
        self.header.setText(f"<span style='font-size:13pt'><b>{html.escape(title or 'Untitled')}</b></span><br>"
                            f"<span style='color:#666'>{' · '.join(bits)}{done}</span>")
        self._update_status()

    def _document_edited(self, doc_id: int) -> None:
        if doc_id == self.session.document_id:
            self._update_header()

    def _read_restore_id(self) -> str | None:
        try:
            return self.session.project.restore_id()
        except EventCoderError:  # the store's StoreError: closed or unreadable
            return None

    def poll_project(self) -> None:
        """Every ``POLL_MS``: if another connection committed, re-read the documents list and the open document;
        if another program restored a backup over the project, re-read everything and drop the undo history
        (its steps belong to the state before the restore), so nothing of it is written over the restored file."""
        try:
            if not self.session.changed_elsewhere():
                return
        except EventCoderError:  # closed or unreadable (StoreError): the next action reports it
            return
        restore_id = self._read_restore_id()
        if restore_id != self._restore_id:
            self._restore_id = restore_id
            self.reload_after_restore()
            return
        try:
            self.documents.model.refresh_loaded()
            self.documents.follow_session()
            self.session.reload_external()
            self.update_learner_status()  # a model trained elsewhere (the CLI) shows at once
        except EventCoderError as exc:
            self.show_message(f"Could not re-read the project: {exc}")
            return
        self._update_header()

    def reload_after_restore(self) -> None:
        """A backup was restored over the open project (by the command line or another window)."""
        self.workers.cancel_all()  # a coding run or retraining started on the old state stores nothing more
        self.retraining.forget()
        self.session.undo_stack.clear()
        shown = self.session.document_id
        self.session.open_document(None)
        try:
            self.documents.model.refresh()
            self.session.changed_elsewhere()
            if shown is not None:
                try:
                    self.session.project.get_document(shown)
                except EventCoderError:
                    shown = None
            self.open_document(shown if shown is not None else self.documents.first_document())
            self.update_learner_status()
        except EventCoderError as exc:
            self.show_message(f"Could not re-read the project: {exc}")
            return
        self._update_header()
        self.show_message("The project was restored from a backup by another program: everything was re-read, "
                          "and the undo history (of the state before) was cleared")

    def check_dictionaries(self):
        """Read the scheme's dictionary problems in the worker; the status bar then says how many (a link to
        the list, file:line each) -- a dictionary that codes nothing is never silent."""
        scheme = self.session.scheme

        def done(report) -> None:
            if scheme is not self.session.scheme or not shiboken6.isValid(self.dictionary_label):
                return  # another scheme is open now
            self.dictionary_report = report
            summary = report.summary()
            # the built-in dictionaries' known oddities (lines left out) are not the analyst's to fix: shown for
            # their own schemes, and errors always
            self.dictionary_label.setVisible(bool(report.errors) or (bool(summary) and not scheme.is_builtin))
            colour = "#b00020" if report.errors else "#666"
            self.dictionary_label.setText(f"<a href='problems' style='color:{colour}'>{html.escape(summary)}</a>")
            self.dictionary_label.setToolTip("Problems found in the scheme's PETRARCH dictionaries; click to list "
                                             "them (file:line). `eventcoder scheme validate` prints the same.")
            if report.errors:
                self.show_message(f"The {scheme.name} dictionaries have {summary.split(': ', 1)[-1]}: "
                                  "some entries code nothing (click the status bar to see them)")

        return self.workers.start(dictionary_report_job, scheme, on_done=done, kind="dictionaries",
                                  on_error=lambda exc: self.show_message(f"Could not read the dictionaries: {exc}"))

    def show_dictionary_problems(self) -> None:
        report = self.dictionary_report
        if report is None or not report.problems:
            self.show_message("No dictionary problems")
            return
        dialogs.show_warnings(self, "Dictionary problems", f"{self.session.scheme.name}: {report.summary()}",
                              report.lines())

    def backup_in_background(self):
        """The automatic backup (when the newest is over 30 minutes old), in the worker; a failure is a warning."""
        def done(result) -> None:
            made, problem = result
            if problem:
                self.show_message(f"Warning: {problem}")
        return self.workers.start(backup_job, self.session.project.path, on_done=done, kind="backup",
                                  on_error=lambda exc: self.show_message(f"Warning: no backup made: {exc}"))

    # ------------------------------------------------------------------ documents

    def open_document(self, doc_id: int | None) -> None:
        if doc_id == self.session.document_id:
            return
        self._remember_scroll()
        try:
            self.session.open_document(doc_id)
        except EventCoderError as exc:
            self.show_message(str(exc))
            return
        self.article.setFocus()

    def next_document(self) -> None:
        self._step_document(1)

    def previous_document(self) -> None:
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        doc_id = self.documents.step(step)
        if doc_id is None:
            self.show_message("No more documents")
        else:
            self.open_document(doc_id)  # its first suggestion current, as on a click (core's open_document)

    def focus_search(self) -> None:
        dock = self.findChild(QDockWidget, "documents_dock")
        dock.show()
        self.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.search.selectAll()

    def _clear_editor_hint(self) -> None:
        """The editor closed (saved or cancelled): its "C for the code, Enter to save" hint no longer holds."""
        if is_editor_hint(self.statusBar().currentMessage()):
            self.statusBar().clearMessage()

    def focus_article(self) -> None:
        self.article.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_events(self) -> None:
        self.events.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def undo(self) -> None:
        self._move_in_history("undo")

    def redo(self) -> None:
        self._move_in_history("redo")

    def _move_in_history(self, verb: str) -> None:
        """Undo or redo, then say what was taken back (or done again), so the last action's message does not
        stay up as if it still held; a refused one says why itself."""
        stack, history = self.session.undo_stack, self.session.core.history
        steps = history.undo_steps if verb == "undo" else history.redo_steps
        step = (steps[-1] if verb == "undo" else steps[0]) if steps else None
        stack.undo() if verb == "undo" else stack.redo()
        moved_to = history.redo_steps if verb == "undo" else history.undo_steps
        if step is not None and any(s.id == step.id for s in moved_to):  # not refused (a refusal drops the step)
            self.show_message(f"{'Undone' if verb == 'undo' else 'Redone'}: {step.label}")

    # ------------------------------------------------------------------ projects, import, export

    def open_project(self) -> None:
        path = dialogs.ask_open_project(self, str(self.session.project.path.parent))
        if path:
            self.switch_project(path)

    def new_project(self) -> None:
        path = dialogs.ask_new_project(self, str(self.session.project.path.parent))
        if path:
            self.switch_project(path)

    def switch_project(self, path: str) -> None:
        try:
            project = Project(path, annotator=self.session.project.annotator)
        except EventCoderError as exc:
            dialogs.show_error(self, "Cannot open project", str(exc))
            return
        self._save_settings()
        old = self.session.project
        self.session.open_document(None)
        self.session.undo_stack.clear()
        self.session.project = project
        self.session.changed_elsewhere()  # baseline for the new file
        self._restore_id = self._read_restore_id()
        self.documents.model.project = project
        self.documents.model.refresh()
        old.close()
        scheme, problem = CodingSession.initial_scheme(project)
        self.session.scheme = scheme
        self.session.schemeChanged.emit()
        if problem:
            self.show_message(problem)
        self.restore_document()
        self.backup_in_background()

    def import_files(self) -> None:
        paths = dialogs.ask_import_files(self)
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        path = dialogs.ask_import_folder(self)
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list[str]) -> IoJob | None:
        """Import files and folders in the background (``jobs.import_job``): a progress dialog counts the files
        and Cancel stops between files; then the documents list is re-read and refused files are listed.
        Returns the job (its ``outcome`` once ``done``), or None while another import or export runs."""
        project = self.session.project
        job = self.io.start_import(project.path, list(paths), annotator=project.annotator, on_done=self._imported,
                                   on_error=lambda exc: dialogs.show_error(self, "Import failed", _reason(exc)))
        if job is None:
            self.show_message(BUSY_IO)
        return job

    def _imported(self, outcome: ImportOutcome) -> None:
        if not self._same_project(outcome.db_path):
            self.show_message("The import went into the project that was open before")
            return
        report, ids = outcome.report, outcome.ids
        self.documents.reload()
        refused = ""
        if report.refused:
            # one path a line: FILE:LINE: why (a file with several bad lines lists each under its head)
            lines = [line for refusal in report.refusals() for line in refusal.splitlines()]
            more = f"\n… and {len(lines) - 60} more" if len(lines) > 60 else ""
            refused = "\n".join(lines[:60]) + more + "\n\nThe project was not changed by " + (
                "these files." if ids else "this import.")
        if outcome.failure:
            kept = f"{len(ids)} document(s) imported before it stay." if ids else "Nothing was imported."
            dialogs.show_error(self, "Import failed", f"{outcome.failure}\n\n{kept}"
                               + (f"\n\nRefused before it:\n{refused}" if refused else ""))
        elif refused:
            dialogs.show_error(self, "Nothing imported" if not ids else "Some files were not imported", refused)
        if outcome.cancelled:
            self.show_message(f"Import cancelled after {outcome.done} of {outcome.files} files: "
                              f"{report.summary()} (the {len(ids)} document(s) imported stay)")
        elif outcome.failure:
            self.show_message(f"Import stopped after {outcome.done} of {outcome.files} files: {report.summary()}")
        else:
            late = " (Cancel came during the last file, which was imported whole)" if outcome.cancel_too_late else ""
            self.show_message(f"Import: {report.summary()}{late}")
        if report.warnings and not outcome.failure:
            dialogs.show_warnings(self, "Import warnings", f"Import: {report.summary()}, with "
                                  f"{len(report.warnings)} warning(s):", report.warnings)
        if ids and self.session.doc is None:
            self.open_document(ids[0])

    def export(self) -> None:
        """File ▸ Export: every registered format, by default into exports/ beside the project file if there is one,
        else beside the project file."""
        try:
            formats = export_formats()
        except ImportError as exc:
            dialogs.show_error(self, "Export", str(exc))
            return
        path = self.session.project.path
        choice = dialogs.ask_export(self, formats, exports_dir(path), path.stem)
        if choice is not None:
            self.export_events(choice.fmt, choice.path, choice.status, layer=choice.layer,
                               annotator=choice.annotator)

    def export_csv(self) -> None:
        exp = export_formats()["csv"]
        default = exports_dir(self.session.project.path) / f"{self.session.project.path.stem}-accepted{exp.suffix}"
        path = dialogs.ask_export_path(self, default, exp.description)
        if path:
            self.export_events("csv", path, "accepted")

    def export_events(self, fmt: str, path: str, status: str | None = "accepted", *, layer: str | None = None,
                      annotator: str | None = None) -> IoJob | None:
        """Write the export in the background (``jobs.export_job``) behind a busy dialog with Cancel (nothing is
        written then); alignment problems (spaCy) are listed, never dropped silently. Returns the job (its
        ``outcome`` once ``done``), or None while another import or export runs."""
        job = self.io.start_export(self.session.project.path, fmt, path, self.session.scheme, status,
                                   layer=layer, annotator=annotator, on_done=self._exported,
                                   on_error=lambda exc: dialogs.show_error(self, "Export failed",
                                                                           f"{path}: {_reason(exc)}"))
        if job is None:
            self.show_message(BUSY_IO)
        return job

    def _exported(self, outcome: ExportOutcome) -> None:
        if outcome.cancelled:
            self.show_message(f"Export cancelled: nothing was written to {outcome.path}")
            return
        count, path = outcome.count, outcome.path
        what = f"{outcome.status} events" if outcome.status else "events"
        if outcome.layer == "curated" or outcome.annotator:  # one layer only (File ▸ Export ▸ Layer)
            what += " of the curated layer" if outcome.layer == "curated" else f" of {outcome.annotator}’s layer"
        late = " (Cancel came once the file was complete)" if outcome.cancel_too_late else ""
        self.show_message(f"Exported {count} {what} to {path}{late}")
        if outcome.warnings:
            dialogs.show_warnings(self, "Export warnings", f"Exported {count} {what} to {path}, with "
                                  f"{len(outcome.warnings)} warning(s):", outcome.warnings)

    def _same_project(self, db_path: Path) -> bool:
        return Path(db_path).resolve() == self.session.project.path.resolve()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ------------------------------------------------------------------ schemes

    def _scheme_picked(self, index: int) -> None:
        data = self.scheme_box.itemData(index)
        if data == OPEN_SCHEME_FILE:
            path = dialogs.ask_scheme_file(self)
            if path:
                self.switch_scheme(path)
            else:
                self._fill_scheme_box()
        elif data:
            self.switch_scheme(data)

    def switch_scheme(self, name_or_path: str) -> bool:
        try:
            self.session.set_scheme(name_or_path)
        except SchemeError as exc:
            dialogs.show_problems(self, "Invalid coding scheme", exc)
            self._fill_scheme_box()
            return False
        except SchemeMixError as exc:  # one project, one code set: the project's events are in another scheme
            from .scheme_fit import switch_refusal

            self._fill_scheme_box()  # the box shows the scheme the project stays in
            line, whole = switch_refusal(exc, self.session.scheme)
            self.show_message(line)
            dialogs.show_error(self, "Scheme not switched", whole)
            return False
        except EventCoderError as exc:
            dialogs.show_error(self, "Coding scheme", str(exc))
            self._fill_scheme_box()
            return False
        return True

    def _scheme_changed(self) -> None:
        self.retraining.forget()
        self._fill_scheme_box()
        self._fill_label_menu()
        self._update_title()
        loaded = self.session.scheme.content_hash in getattr(self, "_ready_schemes", set())  # switched back
        self.model_state = "model ready" if loaded else "model not loaded"
        self.dictionary_report = None
        self.dictionary_label.hide()
        self.update_learner_status()
        self._update_status()
        self.check_dictionaries()

    # ------------------------------------------------------------------ suggestions (worker threads)

    def start_model(self):
        """Load the coder in the background; the window is usable meanwhile. Returns the worker."""
        if self.workers.busy_besides_training:
            return None
        self.set_model_state("model loading…")
        return self.workers.start(load_coder, self.session.scheme,
                           on_done=lambda _r: self.set_model_state("model ready"),
                           on_error=self._model_failed)

    def _model_failed(self, exc: BaseException) -> None:
        self.set_model_state(f"suggestions unavailable: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")

    def suggest_document(self) -> None:
        if self.session.document_id is not None:
            self.suggest_documents([self.session.document_id], show_progress=False)

    def suggest_all(self):
        """Ctrl+Shift+R: every document, in the background; returns the worker (None when refused or busy)."""
        return self.suggest_documents(self.session.project.document_ids())

    def suggest_documents(self, ids: list[int], show_progress: bool = True):
        if self.workers.busy_besides_training:
            self.show_message("Busy: wait for the running job (or cancel it)")
            return None
        if not ids:
            return None
        from .scheme_fit import refusal  # the check `eventcoder code` makes: one project, one code set

        mixed = refusal(self.session.project, self.session.scheme)
        if mixed is not None:
            self.show_message(mixed[0])
            dialogs.show_error(self, "Suggestions not run", mixed[1])
            return None
        after = " (after the retraining)" if self.workers.running("train") else ""
        self.set_model_state(f"coding {len(ids)} document(s){after}…")
        progress = self.run_progress if show_progress else None
        target = self._learner_target()
        # a run over several documents leaves the one the analyst is coding as it is (asked as the run reaches
        # it); Ctrl+R on the open document (or a run over it alone) codes it
        leave = [self._being_coded] if show_progress and len(ids) > 1 else []
        worker = self.workers.start(
            code_documents_job, self.session.project.path, self.session.scheme, list(ids), *leave,
            on_done=lambda result: self._coded(result, progress, target),
            on_error=lambda exc: (self._model_failed(exc), progress and progress.finish()),
            on_progress=lambda n: progress and progress.set_value(n),
        )
        if progress is not None:  # in the status bar, never modal: the analyst goes on coding meanwhile
            progress.start("Suggesting events…", len(ids), worker.cancel)
        return worker

    def _being_coded(self, doc_id: int) -> bool:
        """Asked by a coding run's thread: ``doc_id`` is open in the window with events on it (a plain value the
        window keeps, :meth:`_follow_open_document`; no widget is read off the GUI thread)."""
        return doc_id == self._coding_document

    def _follow_open_document(self, *_args) -> None:
        doc = self.session.doc
        self._coding_document = doc.document.id if doc is not None and doc.events else None

    def _coded(self, result: dict, progress, target: tuple[str, str] | None = None) -> None:
        if progress is not None:
            progress.finish()
        if target is not None and target != self._learner_target():
            self.show_message("Suggestions were stored in the project that was open before")
            return  # its documents are not this project's
        self.set_model_state("model ready")
        self.update_learner_status()
        self.documents.model.refresh_loaded()  # a sorted list ("most useful next") keeps its order
        for doc_id in result.get("ids", []):
            self.session.reload(doc_id)
        if self.session.doc is None and result.get("ids"):
            self.open_document(result["ids"][0])
        elif self.session.document_id in result.get("ids", []) and self.session.current_event is None:
            self.session.core.move_to_suggestion(1)  # suggestions arrived: the first is current, as on opening
        self.refresh_alternatives()
        note = " (cancelled)" if result.get("cancelled") else ""
        errors = result.get("errors") or []
        if errors:
            note += f"; {len(errors)} could not be coded"
            dialogs.show_warnings(self, "Some documents were not coded",
                                  f"{len(errors)} document(s) could not be coded; the others were:",
                                  [f"document {doc_id}: {why}" for doc_id, why in errors])
        if result.get("kept"):
            note = f" ({result['kept']} suggested before and kept)" + note
        if result.get("left"):
            note += "; the document you are coding was left as it is (Ctrl+R suggests on it)"
        self.show_message(f"Suggested {_count(result.get('events', 0), 'event')} in {result.get('documents', 0)} "
                          f"document(s){note}")

    # ------------------------------------------------------------------ help

    def cheat_sheet(self) -> None:
        labels = [f"{lbl.label}" for lbl in self.session.scheme.span_labels.values()]
        self._cheat_sheet = dialogs.show_cheat_sheet(self, cheat_sheet_rows(labels))

    def about(self) -> None:
        dialogs.show_info(self, "About EventCoder",
                          "EventCoder: code who did what to whom in news text (CAMEO, PLOVER).")

    # ------------------------------------------------------------------ settings

    def _key(self, what: str) -> str:
        digest = hashlib.sha1(str(self.session.project.path.resolve()).encode()).hexdigest()[:12]
        return f"projects/{digest}/{what}"

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)

    def restore_document(self) -> None:
        """Reopen the last document at its scroll position (or the first document)."""
        last = self.settings.value(self._key("document"))
        doc_id = int(last) if last not in (None, "") else None
        if doc_id is not None:
            try:
                self.session.project.get_document(doc_id)
            except EventCoderError:
                doc_id = None
        if doc_id is None:
            doc_id = self.documents.first_document()
        if doc_id is None:
            return
        self.open_document(doc_id)
        scroll = self.settings.value(self._key("scroll"))
        self._pending_scroll = (int(scroll), 10) if scroll not in (None, "") else None
        if self.isVisible():
            QTimer.singleShot(0, self._apply_scroll)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending_scroll is not None:
            QTimer.singleShot(0, self._apply_scroll)

    def _apply_scroll(self) -> None:
        """The scroll range is known only once the article is laid out at its final size: retry briefly."""
        if self._pending_scroll is None:
            return
        value, tries = self._pending_scroll
        bar = self.article.verticalScrollBar()
        bar.setValue(value)
        if bar.value() == value or tries <= 0:
            self._pending_scroll = None
        else:
            self._pending_scroll = (value, tries - 1)
            QTimer.singleShot(30, self._apply_scroll)

    def _remember_scroll(self) -> None:
        if self.session.document_id is not None:
            self.settings.setValue(self._key("document"), self.session.document_id)
            self.settings.setValue(self._key("scroll"), self.article.verticalScrollBar().value())

    def _remember_document(self, *_args) -> None:
        """The document just opened is the one to reopen, on disk at once (``sync``): after a crash or a kill
        the window reopens it, not the one before. Its scroll position is kept at a normal quit (or when another
        document opens); until then none, so it reopens as a document opens (the other one's is not its)."""
        doc_id = self.session.document_id
        if doc_id is None or str(self.settings.value(self._key("document"), "")) == str(doc_id):
            return  # (the one restored at the start: its scroll position stays)
        self.settings.setValue(self._key("document"), doc_id)
        self.settings.setValue(self._key("scroll"), "")
        self.settings.sync()

    def _save_settings(self) -> None:
        self._remember_scroll()
        self._remember_overview_height()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.watch.stop()
        self.retraining.stop()
        self.documents._debounce.stop()
        self._save_settings()
        self.workers.cancel_all()
        self.workers.wait(5000)
        super().closeEvent(event)
