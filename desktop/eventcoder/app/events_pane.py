"""The events of the open document (suggested first, in text order) and its relations."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QListView, QTreeView, QVBoxLayout, QWidget

from ..core.model import Event, Status
from .session import CodingSession
from .styles import STATUS_GLYPH
from .table_model import ROOT, RowsTableModel


class EventsModel(RowsTableModel):
    COLUMNS = ("", "Source", "Event", "Target", "Conf.")

    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        session.documentOpened.connect(self.reset)
        session.documentEdited.connect(self._edited)
        session.schemeChanged.connect(self.reset)

    def reset(self) -> None:
        self.beginResetModel()
        self.rows = list(self.session.doc.events) if self.session.doc else []
        self.endResetModel()

    def _edited(self, doc_id: int) -> None:
        doc = self.session.doc
        if doc is None or doc.document.id != doc_id:
            return
        new = list(doc.events)
        if [e.id for e in new] != [e.id for e in self.events]:
            self.reset()
            return
        for row, (old, event) in enumerate(zip(self.events, new, strict=True)):
            if old != event:
                self.rows[row] = event
                self.row_changed(row)

    def row_of(self, event_id: int | None) -> int | None:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), None)

    @property
    def events(self) -> list[Event]:
        return self.rows

    def _role_text(self, span_id: int | None) -> str:
        """An uncoded role (a grammar or named-entity phrase) shows its words, quoted; no role shows "—"."""
        doc = self.session.doc
        span = doc.spans.get(span_id) if doc is not None and span_id is not None else None
        if span is None:
            return "—"
        words = span.text if len(span.text) <= 24 else span.text[:23] + "…"
        return f"“{words}”"

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event = self.events[index.row()]
        col = index.column()
        scheme = self.session.scheme
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return STATUS_GLYPH.get(event.status, "?")
            if col == 1:
                return event.source_code or self._role_text(event.source_span_id)
            if col == 2:
                return f"{event.event_code} {scheme.label(event.event_code) or ''}".strip()
            if col == 3:
                return event.target_code or self._role_text(event.target_span_id)
            if col == 4:
                return f"{event.confidence:.2f}" if event.confidence is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.sentence(event) + (f"\n\nwhy: {event.evidence}" if event.evidence else "")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setStrikeOut(event.status == Status.REJECTED)
            font.setItalic(event.status == Status.SUGGESTED)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and event.status == Status.REJECTED:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None

    def sentence(self, event: Event) -> str:
        doc = self.session.doc
        if doc is None or event.sentence_start is None or event.sentence_end is None:
            return ""
        return doc.document.text[event.sentence_start : event.sentence_end]


class EventsPane(QWidget):
    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = EventsModel(session, self)
        self.header = QLabel()
        self.view = QTreeView()
        self.view.setObjectName("events")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        head = self.view.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 26), (1, 78), (3, 64), (4, 44)):  # fixed: no per-edit scan of all rows
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._picked)
        session.currentEventChanged.connect(self.follow_session)
        session.documentOpened.connect(self._update_header)
        session.documentEdited.connect(self._update_header)
        self.model.modelReset.connect(self.follow_session)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.set_current_event(self.model.events[current.row()].id)

    def follow_session(self) -> None:
        row = self.model.row_of(self.session.current_event_id)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row is None:
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
        self.header.setText(
            f"{counts['accepted']}✓ accepted &nbsp; {counts['rejected']}✗ rejected &nbsp; "
            f"<b>{counts['suggested']}</b> to decide"
        )


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
