"""The events list: the open document's events (suggested first, in text order), or a list of events across
documents (the overview's drill-down, or a filter over the whole project); and the relations.

The filter bar (code, actor, status, annotator) narrows whichever list is shown; its rule is
``core/event_filter.py``, the same one the store applies to the whole project (``core/store/event_lists.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.certainty import least_certain, uncertain_reason
from ..core.errors import EventCoderError
from ..core.event_filter import MODEL_ANNOTATOR, EventFilter
from ..core.model import Event, Status
from ..core.store.event_lists import MAX_LISTED, ListedEvent
from .listing import Lister, project_list_job
from .session import CodingSession
from .styles import UNCERTAIN_COLOUR, status_glyph
from .table_model import ROOT, RowsTableModel

DOCUMENT_COLUMNS = ("", "Source", "Event", "Target", "Conf.")
LIST_COLUMNS = ("", "Document", "Source", "Event", "Target", "Conf.")
STATUS_CHOICES = (("Any status", None), ("Suggested", Status.SUGGESTED.value), ("Accepted", Status.ACCEPTED.value),
                  ("Rejected", Status.REJECTED.value))


class EventsModel(RowsTableModel):
    """``rows``: the events shown (the filter applied). In the document mode they come from the session's open
    document; in the list mode (:meth:`show_list`) from ``listed``, across documents, with a document column."""

    COLUMNS = DOCUMENT_COLUMNS

    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = EventFilter()
        self.listed: list[ListedEvent] | None = None  # None: the document mode
        self._by_id: dict[int, ListedEvent] = {}
        session.documentOpened.connect(self.reset)
        session.documentEdited.connect(self._edited)
        session.schemeChanged.connect(self.reset)

    @property
    def listing(self) -> bool:
        return self.listed is not None

    def _source(self) -> list[Event]:
        if self.listed is not None:
            return [x.event for x in self.listed]
        return list(self.session.doc.events) if self.session.doc else []

    def _matching(self) -> list[Event]:
        events = self._source()
        return events if self.filter.is_empty else [e for e in events if self.filter.matches(e)]

    def reset(self) -> None:
        self.beginResetModel()
        self.COLUMNS = LIST_COLUMNS if self.listed is not None else DOCUMENT_COLUMNS
        self._by_id = {x.event.id: x for x in self.listed} if self.listed is not None else {}
        self.rows = self._matching()
        self.endResetModel()

    def show_list(self, listed: list[ListedEvent] | None) -> None:
        self.listed = None if listed is None else list(listed)
        self.reset()

    def set_filter(self, wanted: EventFilter) -> None:
        if wanted != self.filter:
            self.filter = wanted
            self.reset()

    def _edited(self, doc_id: int) -> None:
        if self.listed is not None:
            self._refresh_listed(doc_id)
            return
        doc = self.session.doc
        if doc is None or doc.document.id != doc_id:
            return
        self._update_rows(self._in_place(self._matching()))

    def _in_place(self, fresh: list[Event]) -> list[Event]:
        """``fresh`` (the core's order: suggested first) in the order the rows are shown: a row that stays keeps
        its place, so a decided one does not jump under the analyst's eyes (the order is taken afresh when the
        document is opened or the filter changes); a new event goes after the one it follows in ``fresh``."""
        by_id = {e.id: e for e in fresh}
        placed = [by_id[e.id] for e in self.rows if e.id in by_id]
        if len(placed) == len(fresh):
            return placed
        shown = {e.id for e in placed}
        for at, event in enumerate(fresh):
            if event.id in shown:
                continue
            before = next((fresh[k].id for k in range(at - 1, -1, -1) if fresh[k].id in shown), None)
            where = 0 if before is None else next(i for i, e in enumerate(placed) if e.id == before) + 1
            placed.insert(where, event)
            shown.add(event.id)
        return placed

    def _refresh_listed(self, doc_id: int) -> None:
        """Re-read the listed events of ``doc_id`` (changed or deleted); the others stay as they are."""
        assert self.listed is not None
        ids = [x.event.id for x in self.listed if x.event.document_id == doc_id]
        if not ids:
            return
        fresh = {x.event.id: x for x in self.session.project.events_by_ids(ids)}
        self.listed = [fresh.get(x.event.id, x) if x.event.document_id == doc_id else x for x in self.listed
                       if x.event.document_id != doc_id or x.event.id in fresh]
        self._by_id = {x.event.id: x for x in self.listed}
        self._update_rows(self._matching())

    def _update_rows(self, new: list[Event]) -> None:
        """Show ``new``: rows gone are removed and new ones inserted where they go, without a reset (the view
        keeps its scroll and selection) when the rows that stay keep their order; else the list is reset."""
        ids, old = {e.id for e in new}, {e.id for e in self.events}
        if [e.id for e in self.events if e.id in ids] != [e.id for e in new if e.id in old]:
            self.beginResetModel()
            self.rows = new
            self.endResetModel()
            return
        for row in range(len(self.rows) - 1, -1, -1):
            if self.rows[row].id not in ids:
                self.beginRemoveRows(ROOT, row, row)
                del self.rows[row]
                self.endRemoveRows()
        for row, event in enumerate(new):
            if row >= len(self.rows) or self.rows[row].id != event.id:
                self.beginInsertRows(ROOT, row, row)
                self.rows.insert(row, event)
                self.endInsertRows()
        for row, (old, event) in enumerate(zip(self.events, new, strict=True)):
            if old != event:
                self.rows[row] = event
                self.row_changed(row)

    def row_of(self, event_id: int | None) -> int | None:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), None)

    @property
    def events(self) -> list[Event]:
        return self.rows

    def listed_event(self, event_id: int | None) -> ListedEvent | None:
        return self._by_id.get(event_id) if event_id is not None else None

    def _role_text(self, span_id: int | None, event: Event | None = None, role: str = "source") -> str:
        """An uncoded role (a grammar or named-entity phrase) shows its words, quoted; no role shows "—"."""
        listed = self.listed_event(event.id) if event is not None else None
        if listed is not None:
            text = listed.source_text if role == "source" else listed.target_text
        else:
            doc = self.session.doc
            span = doc.spans.get(span_id) if doc is not None and span_id is not None else None
            text = span.text if span is not None else None
        if not text:
            return "—"
        return f"“{' '.join(text.split())}”"  # whole: the view elides it in the middle, the tooltip has it all

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event = self.events[index.row()]
        col = index.column()
        if self.listed is not None:  # the document column sits at 1; the others move one right
            if col == 1:
                return self._document_data(event, role)
            col = col - 1 if col > 1 else col
        scheme = self.session.scheme
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return status_glyph(event.status, _uncertain(event))
            if col == 1:
                return event.source_code or self._role_text(event.source_span_id, event, "source")
            if col == 2:
                text = f"{event.event_code} {scheme.label(event.event_code) or ''}".strip()
                return f"✎ {text}" if event.note else text  # a note: its words in the tooltip
            if col == 3:
                return event.target_code or self._role_text(event.target_span_id, event, "target")
            if col == 4:
                return f"{event.confidence:.2f}" if event.confidence is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\n\nnote: {event.note}" if getattr(event, "note", None) else ""
            doubt = f"\n\nleast certain: {uncertain_reason()}" if _uncertain(event) else ""
            whole = self._role_tooltip(event, col) + (f"{event.event_code} {scheme.label(event.event_code) or ''}"
                                                      .strip() + "\n\n" if col == 2 else "")
            return whole + self.sentence(event) + (f"\n\nwhy: {event.evidence}" if event.evidence else "") + note \
                + doubt
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setStrikeOut(event.status == Status.REJECTED)
            font.setItalic(event.status == Status.SUGGESTED)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and event.status == Status.REJECTED:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.ForegroundRole and _uncertain(event):
            return QColor(UNCERTAIN_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None

    def _role_tooltip(self, event: Event, col: int) -> str:
        """A source or target cell's tooltip head: the role's code and its whole words (an official's title is
        never cut off there), then a blank line; empty for the other columns."""
        if col not in (1, 3):
            return ""
        role = "source" if col == 1 else "target"
        code = getattr(event, f"{role}_code")
        words = self._role_text(getattr(event, f"{role}_span_id"), event, role)
        if not code and words == "—":
            return f"{role.capitalize()}: none\n\n"
        return f"{role.capitalize()}: " + " ".join(p for p in (code, words if words != "—" else "") if p) + "\n\n"

    def _document_data(self, event: Event, role):
        listed = self.listed_event(event.id)
        title = (listed.document_title if listed else "") or f"Document {event.document_id}"
        if role == Qt.ItemDataRole.DisplayRole:
            return title  # the view elides it to the column
        if role == Qt.ItemDataRole.ToolTipRole:
            date = listed.document_date if listed else None
            return f"{title}\n{date or 'no date'} · Enter opens it at this event"
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None

    def sentence(self, event: Event) -> str:
        listed = self.listed_event(event.id)
        if listed is not None:
            return listed.sentence
        doc = self.session.doc
        if doc is None or event.sentence_start is None or event.sentence_end is None:
            return ""
        return doc.document.text[event.sentence_start : event.sentence_end]


class _AnnotatorBox(QComboBox):
    """The annotator filter: its choices are read when it opens (a DISTINCT over every event is not free on a
    large project, so not on every document opened)."""

    def __init__(self, refresh) -> None:
        super().__init__()
        self._refresh = refresh

    def showPopup(self) -> None:
        self._refresh()
        super().showPopup()


class _OpenOnEnter(QObject):
    """In the list mode Enter (or Return) on a row opens its event's document there, instead of accepting:
    the key is claimed before the window's shortcuts see it."""

    def __init__(self, pane: EventsPane) -> None:
        super().__init__(pane)
        self.pane = pane

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self.pane.model.listing:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
                    Qt.KeyboardModifier.KeypadModifier):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.pane.open_current()
                return True
        return False


class EventsPane(QWidget):
    """The filter bar, the list's label (with the way back to the open document) and the events."""

    eventOpened = Signal(int)  # a listed event's document was opened at it (Enter in the list mode)
    listChanged = Signal()  # the list mode started, ended or changed

    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = EventsModel(session, self)
        self.header = QLabel()
        self.list_label = QLabel()
        self.list_label.setObjectName("list_label")
        self.list_label.setWordWrap(True)
        self.back_button = QPushButton("← Back to the document")
        self.back_button.setObjectName("back_to_document")
        self.back_button.setToolTip("Show the open document's events again")
        self.back_button.clicked.connect(lambda: self.show_only(None, ""))
        list_bar = self.list_bar = QWidget()
        list_layout = QHBoxLayout(list_bar)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_label, 1)
        list_layout.addWidget(self.back_button)
        list_bar.setStyleSheet("QWidget { background: #fff4d6 }")
        list_bar.hide()
        self._build_filter_bar()
        self.view = QTreeView()
        self.view.setObjectName("events")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a title keeps its start and its end
        self._user_sized: set[int] = set()
        self._size_columns()
        self.view.header().sectionResized.connect(self._resized_by_hand)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.filter_bar)
        layout.addWidget(list_bar)
        layout.addWidget(self.view)
        self._enter = _OpenOnEnter(self)
        self.view.installEventFilter(self._enter)
        self.view.selectionModel().currentRowChanged.connect(self._picked)
        self.view.doubleClicked.connect(self._double_clicked)
        session.currentEventChanged.connect(self.follow_session)
        session.documentOpened.connect(self._check_project)
        session.documentOpened.connect(self._update_header)
        session.documentEdited.connect(self._update_header)
        self.model.modelReset.connect(self.follow_session)
        self.model.modelReset.connect(self._fit_roles)  # another document (or list): its actors' widths
        self.model.dataChanged.connect(  # an edit: words for a code; only the changed rows are measured
            lambda top, bottom, *_a: self._fit_roles(rows=range(top.row(), bottom.row() + 1), grow_only=True))
        self.model.rowsInserted.connect(
            lambda _parent, first, last: self._fit_roles(rows=range(first, last + 1), grow_only=True))
        self.model.modelReset.connect(self._update_header)
        # rows taken out or put in (the others stay where they are): the view's current row is the session's
        # current event, never the one Qt moves it to
        for about, done in ((self.model.rowsAboutToBeRemoved, self.model.rowsRemoved),
                            (self.model.rowsAboutToBeInserted, self.model.rowsInserted)):
            about.connect(self._hold_selection)
            done.connect(self._release_selection)
        self._list_title = ""
        self._ids: list[int] | None = None  # the ids show_only was given (None: not an id list)
        self._listed_from = None  # the project the list was read from
        self.lister = Lister(self)  # "All documents" is read off the UI thread

    def _check_project(self) -> None:
        """Another project was opened: a list read from the previous one is dropped."""
        if self.model.listing and self.session.project is not self._listed_from:
            self.show_only(None, "")

    # ------------------------------------------------------------------ the filter bar

    def _build_filter_bar(self) -> None:
        bar = self.filter_bar = QWidget()
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        self.code_filter = QLineEdit(placeholderText="code")
        self.code_filter.setObjectName("filter_code")
        self.code_filter.setToolTip("Events whose code starts with this (19 → 190, 193 …)")
        self.actor_filter = QLineEdit(placeholderText="actor")
        self.actor_filter.setObjectName("filter_actor")
        self.actor_filter.setToolTip("Events whose source or target code starts with this (RUS → RUSGOV)")
        for edit in (self.code_filter, self.actor_filter):
            edit.setClearButtonEnabled(True)
            edit.setMinimumWidth(70)
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self._typed)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filter_status")
        for label, value in STATUS_CHOICES:
            self.status_filter.addItem(label, value)
        self.annotator_filter = _AnnotatorBox(self.refresh_annotators)
        self.annotator_filter.setObjectName("filter_annotator")
        self.annotator_filter.setToolTip("Events decided or made by this annotator; the model: not decided yet")
        self.all_documents = QCheckBox("All documents")
        self.all_documents.setObjectName("filter_all_documents")
        self.all_documents.setToolTip("List the events of every document that match the filter")
        for box in (self.status_filter, self.annotator_filter):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(self.apply_filter)
        self.all_documents.toggled.connect(self._all_documents_toggled)
        for widget in (self.code_filter, self.actor_filter, self.status_filter, self.annotator_filter):
            row.addWidget(widget)
        row.addWidget(self.all_documents)
        row.addStretch(1)
        self.refresh_annotators()

    def _typed(self, _text: str) -> None:
        """Typed in a filter box: the open document's list follows at once; a query over the whole project
        waits until typing pauses."""
        if self.all_documents.isChecked():
            self._debounce.start()
        else:
            self.apply_filter()

    def refresh_annotators(self) -> None:
        """The annotator choices: anyone, the model (not decided), then everyone who decided an event."""
        box = self.annotator_filter
        current = box.currentData() if box.count() else None
        box.blockSignals(True)
        box.clear()
        box.addItem("Anyone", None)
        box.addItem("The model (undecided)", MODEL_ANNOTATOR)
        for name in self.session.project.event_annotators():
            box.addItem(name, name)
        if current and box.findData(current) < 0:  # chosen before, no event of theirs left: keep the choice
            box.addItem(current, current)
        found = next((i for i in range(box.count()) if box.itemData(i) == current), 0)
        box.setCurrentIndex(found)
        box.blockSignals(False)

    def current_filter(self) -> EventFilter:
        return EventFilter(self.code_filter.text(), self.actor_filter.text(), self.status_filter.currentData(),
                           self.annotator_filter.currentData())

    def set_filter(self, code: str = "", actor: str = "", status: str | None = None,
                   annotator: str | None = None) -> None:
        """Set the filter bar (as if typed) and apply it."""
        widgets = (self.code_filter, self.actor_filter, self.status_filter, self.annotator_filter)
        for widget in widgets:
            widget.blockSignals(True)
        self.code_filter.setText(code)
        self.actor_filter.setText(actor)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))
        if annotator is not None and self.annotator_filter.findData(annotator) < 0:
            self.annotator_filter.addItem(annotator, annotator)
        self.annotator_filter.setCurrentIndex(max(self.annotator_filter.findData(annotator), 0))
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filter()

    def _clear_filter_bar(self) -> None:
        widgets = (self.code_filter, self.actor_filter, self.status_filter, self.annotator_filter)
        for widget in widgets:
            widget.blockSignals(True)
        self.code_filter.clear()
        self.actor_filter.clear()
        self.status_filter.setCurrentIndex(0)
        self.annotator_filter.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)

    def apply_filter(self, *_args) -> None:
        self._debounce.stop()
        wanted = self.current_filter()
        if self.all_documents.isChecked():
            self._list_project(wanted)
        else:
            self.model.set_filter(wanted)

    def _all_documents_toggled(self, on: bool) -> None:
        if on:
            self._list_project(self.current_filter())
        else:
            self.show_only(None, "")

    def _list_project(self, wanted: EventFilter) -> None:
        """Every document's events matching ``wanted`` (in the layer on screen), read off the UI thread
        (``app/listing.py``): "listing…" until they come; a newer filter cancels the list on its way."""
        project = self.session.project
        self.list_label.setText(f"All documents: {wanted.describe()} — listing…")
        self.list_bar.show()
        self.lister.request(project_list_job, Path(project.path), project.annotator, wanted,
                            self.session.layer_view,
                            on_done=lambda result: self._project_listed(project, wanted, result),
                            on_failed=self._listing_failed)

    def _project_listed(self, project, wanted: EventFilter, result: tuple[list[ListedEvent], bool]) -> None:
        if project is not self.session.project or not self.all_documents.isChecked():
            return  # another project, or back to the open document meanwhile
        listed, capped = result
        more = " (the first ones)" if capped else ""
        self._ids = None
        self.model.filter = wanted  # already applied by the query
        self._enter_list(listed, f"All documents: {wanted.describe()}{more}")

    def _listing_failed(self, exc: BaseException) -> None:
        self.list_label.setText(f"Cannot list the events: {exc}")

    @property
    def listing_busy(self) -> bool:
        """A project-wide list is on its way."""
        return self.lister.busy

    # ------------------------------------------------------------------ the list mode

    def show_only(self, event_ids: list[int] | None, label: str) -> None:
        """List exactly these events, across documents, with a document column, under ``label`` and a button
        back to the open document; Enter on a row opens its document at the event's sentence. None: back to
        the open document's events. The filter bar is cleared (it then narrows the list as typed)."""
        self.lister.cancel()  # a project-wide list still on its way is not wanted any more
        if event_ids is None:
            self._ids = None
            self._list_title = ""
            if self.all_documents.isChecked():
                self.all_documents.blockSignals(True)
                self.all_documents.setChecked(False)
                self.all_documents.blockSignals(False)
            self.list_bar.hide()
            self.model.filter = self.current_filter()
            self.model.show_list(None)
            self._size_columns()
            self.listChanged.emit()
            return
        if self.all_documents.isChecked():
            self.all_documents.blockSignals(True)
            self.all_documents.setChecked(False)
            self.all_documents.blockSignals(False)
        self._clear_filter_bar()
        self._ids = list(event_ids)
        if len(self._ids) > MAX_LISTED:  # a list this long is not read row by row: its first ones, said so
            label = f"{label} (the first {MAX_LISTED:,} of {len(self._ids):,})"
            self._ids = self._ids[:MAX_LISTED]
        self.model.filter = self.current_filter()
        self._enter_list(self.session.project.events_by_ids(self._ids), label)

    def _enter_list(self, listed: list[ListedEvent], label: str) -> None:
        self._list_title = label
        self._listed_from = self.session.project
        self.model.show_list(listed)
        self.list_bar.show()
        self._size_columns()
        self._update_header()
        self.listChanged.emit()

    @property
    def listing(self) -> bool:
        """True while a list across documents is shown (not the open document's events)."""
        return self.model.listing

    def listed_ids(self) -> list[int]:
        """The ids of the events shown, in their order."""
        return [e.id for e in self.model.events]

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_event(self.model.events[index.row()].id)

    def open_event(self, event_id: int) -> None:
        """Open the document of a listed event and select it (the article scrolls to its sentence)."""
        listed = self.model.listed_event(event_id)
        doc_id = listed.event.document_id if listed is not None else self.session.document_id
        if doc_id is None:
            return
        if doc_id != self.session.document_id:
            try:
                self.session.open_document(doc_id)
            except EventCoderError as exc:
                self.session.message.emit(str(exc))
                return
        if self.session.doc is None or self.session.doc.event(event_id) is None:
            self.session.message.emit("That event is no longer in the project")
            return
        self.session.set_current_event(event_id)
        self.follow_session()
        self.eventOpened.emit(event_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.listing and index.isValid():
            self.open_event(self.model.events[index.row()].id)

    def _size_columns(self) -> None:
        head = self.view.header()
        head.setStretchLastSection(False)
        listing = self.model.listing
        event_col = 3 if listing else 2
        head.setSectionResizeMode(event_col, QHeaderView.ResizeMode.Stretch)
        # in characters of the view's font: a code, or the start and end of an official's title ("“Russian …y
        # Lavrov”", elided in the middle) beside an event label that keeps the room left (it stretches)
        char = max(self.view.fontMetrics().averageCharWidth(), 5)
        widths = ((0, 26), (1, 17 * char), (2, 17 * char), (4, 16 * char), (5, 40)) if listing else \
            ((0, 26), (1, 22 * char), (3, 21 * char), (4, 42))
        self._sizing = True
        self._user_sized.clear()  # the list changed shape (one document's, or across documents): defaults again
        try:
            for col, width in widths:  # fixed: no per-edit scan of all rows
                head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                head.resizeSection(col, width)
        finally:
            self._sizing = False
        self._widest = dict(widths)
        self._fit_roles()

    FIT_ROWS = 300  # the rows a newly shown list is measured on

    def _fit_roles(self, *_changed, rows: range | None = None, grow_only: bool = False) -> None:
        """Each role column as wide as its widest text among the list's first rows (or ``rows``), up to its
        default width (a list of codes only leaves the event label the room); a column the analyst resized keeps
        its width. ``grow_only`` (after an edit): a column only widens, so the columns do not jump as events are
        coded; only the rows edited or inserted are measured then."""
        widest = getattr(self, "_widest", None)
        if not widest:
            return
        head, metrics = self.view.header(), self.view.fontMetrics()
        cols = (2, 4) if self.model.listing else (1, 3)
        count = self.model.rowCount()
        rows = range(min(count, self.FIT_ROWS)) if rows is None else range(rows.start, min(rows.stop, count))
        self._sizing = True
        try:
            for col in cols:
                if col in self._user_sized or col not in widest:
                    continue
                texts = [str(self.model.index(r, col).data() or "") for r in rows]
                need = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 14  # the cell's margins
                header = metrics.horizontalAdvance(self.model.COLUMNS[col]) + 18
                width = max(min(need, widest[col]), header, 8 * metrics.averageCharWidth())
                if not grow_only or width > head.sectionSize(col):
                    head.resizeSection(col, width)
        finally:
            self._sizing = False

    def _resized_by_hand(self, col: int, _old: int, _new: int) -> None:
        if not getattr(self, "_sizing", True):
            self._user_sized.add(col)

    # ------------------------------------------------------------------ following the session

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        event = self.model.events[current.row()]
        if not self.model.listing or event.document_id == self.session.document_id:
            self.session.set_current_event(event.id)
        else:  # another document's event: A / X must not decide the open document's one; Enter opens it
            self.session.set_current_event(None)

    def _hold_selection(self, *_args) -> None:
        self.view.selectionModel().blockSignals(True)

    def _release_selection(self, *_args) -> None:
        self.view.selectionModel().blockSignals(False)
        self.follow_session()

    def follow_session(self) -> None:
        row = self.model.row_of(self.session.current_event_id)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row is None:
            if not self.model.listing:
                self.view.clearSelection()
                self.view.setCurrentIndex(QModelIndex())
        else:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        selection.blockSignals(False)
        self.view.viewport().update()

    def _update_header(self, *_args) -> None:
        events = self.model.events
        counts = {s.value: sum(e.status == s for e in events) for s in Status}
        shown = "" if self.model.filter.is_empty else f" &nbsp; <i>({self.model.filter.describe()})</i>"
        self.header.setText(
            f"{counts['accepted']}✓ accepted &nbsp; {counts['rejected']}✗ rejected &nbsp; "
            f"<b>{counts['suggested']}</b> to decide{shown}"
        )
        if self.model.listing:
            documents = len({e.document_id for e in events})
            self.list_label.setText(f"<b>{self._list_title}</b> — {len(events)} events in {documents} "
                                    f"document{'s' if documents != 1 else ''} · Enter opens one")


class RelationsModel(QAbstractListModel):
    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.relations = []
        for signal in (session.documentOpened, session.schemeChanged):
            signal.connect(self.reset)
        session.documentEdited.connect(self.reset)

    def reset(self, *_args) -> None:
        self.beginResetModel()
        self.relations = list(self.session.doc.relations) if self.session.doc else []
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.relations)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        relation = self.relations[index.row()]
        doc = self.session.doc
        if role == Qt.ItemDataRole.DisplayRole:
            a = doc.spans.get(relation.from_span_id)
            b = doc.spans.get(relation.to_span_id)
            kind = self.session.scheme.relation_types.get(relation.type)
            arrow = "↔" if kind is not None and kind.symmetric else "→"
            label = kind.label if kind is not None else relation.type
            return f"{a.text if a else '?'}  {arrow} {label} {arrow}  {b.text if b else '?'}"
        if role == Qt.ItemDataRole.UserRole:
            return relation.id
        return None


class RelationsPane(QWidget):
    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RelationsModel(session, self)
        self.view = QListView()
        self.view.setObjectName("relations")
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._picked)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.session.set_current_relation(
            self.model.relations[current.row()].id if current.isValid() else None
        )


def _uncertain(event: Event) -> bool:
    """A pending suggestion among the least certain (``core/certainty.py``): shown pale, with a ``?``."""
    return event.status == Status.SUGGESTED and least_certain(event.confidence)
