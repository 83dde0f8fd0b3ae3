"""The documents list: a table model over the store that fetches pages as the user scrolls."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.store import DocumentSummary, Project
from .session import CodingSession, summary_of
from .table_model import RowsTableModel

PAGE = 200
STATUS_FILTERS = (("All", None), ("To do", "todo"), ("Done", "done"))
ORDERS = (("Import order", "id"), ("Most useful next", "useful"))  # useful: least confident suggestion first


DATE_COLUMN = 2


class DocumentsModel(RowsTableModel):
    """The documents, a page at a time. The date column is editable: a typed date is handed to
    ``dateEdited`` (the pane saves it as an undoable command), never written here."""

    COLUMNS = ("", "Title", "Date", "Progress")
    dateEdited = Signal(int, str)  # document id, the date as typed

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.search: str | None = None
        self.status: str | None = None
        self.order = "id"
        self.leaving: int | None = None  # the document whose row is being removed (deleted elsewhere)
        self._total = 0
        self._row_of: dict[int, int] = {}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._row_of = {}
        self._order_ids: list[int] = []
        if self.order != "id":  # a snapshot of the sorted ids, paged by slices: no row skipped or repeated
            self._order_ids = self.project.ordered_document_ids(self.search, self.status, self.order)
            self._total = len(self._order_ids)
        else:
            self._total = self.project.document_count(self.search) if self._counted else -1
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def set_filter(self, search: str | None, status: str | None, order: str | None = None) -> None:
        self.search = (search or "").strip() or None
        self.status = status
        self.order = order or self.order
        self.refresh()

    @property
    def _counted(self) -> bool:
        """Whether the row total is known up front (cheap to count) rather than found at the last page."""
        return self.status is None and self.order == "id"

    # ---------------------------------------------------------------- lazy loading

    def canFetchMore(self, parent: QModelIndex) -> bool:
        if parent.isValid():
            return False
        return self._total < 0 or len(self.rows) < self._total

    def fetchMore(self, parent: QModelIndex) -> None:
        if self.order != "id":
            wanted = self._order_ids[len(self.rows) : len(self.rows) + PAGE]
            found = {s.id: s for s in self.project.document_summaries(ids=wanted)} if wanted else {}
            page = [found[i] for i in wanted if i in found]
            if len(page) < len(wanted):  # deleted meanwhile: the snapshot is shorter
                missing = set(wanted) - set(found)
                self._order_ids = [i for i in self._order_ids if i not in missing]
                self._total = len(self._order_ids)
        else:
            page = self.project.document_summaries(self.search, limit=PAGE, offset=len(self.rows),
                                                   status=self.status)
        if len(page) < PAGE and self._total < 0:
            self._total = len(self.rows) + len(page)
        if not page:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for i, summary in enumerate(page):
            self._row_of[summary.id] = first + i
        self.rows.extend(page)
        self.endInsertRows()

    def row_of(self, doc_id: int, fetch: bool = True) -> int | None:
        """The row showing ``doc_id``, fetching pages until it appears (in import order, not past its id)."""
        while doc_id not in self._row_of and fetch and self.canFetchMore(QModelIndex()):
            if self.order == "id" and self.rows and self.rows[-1].id > doc_id:
                break
            if self.order != "id" and doc_id not in self._order_ids:
                break
            self.fetchMore(QModelIndex())
        return self._row_of.get(doc_id)

    def refresh_document(self, doc_id: int, summary: DocumentSummary | None = None) -> None:
        row = self._row_of.get(doc_id)
        if row is None:
            return
        self.rows[row] = summary or self.project.document_summary(doc_id)
        self.row_changed(row)

    def refresh_loaded(self) -> None:
        """Another connection changed the project: re-read the rows already fetched in one query; a list
        that changed shape (documents added or removed) is reset."""
        if self.order != "id":  # a sorted list keeps its order while the analyst works through it
            ids = [r.id for r in self.rows]
            latest = {s.id: s for s in self.project.document_summaries(ids=ids)} if ids else {}
            for row in reversed([i for i, old in enumerate(self.rows) if old.id not in latest]):  # deleted meanwhile
                self.leaving = self.rows[row].id
                self.beginRemoveRows(QModelIndex(), row, row)
                gone = self.rows.pop(row).id
                self._order_ids = [i for i in self._order_ids if i != gone]
                self._total = len(self._order_ids)
                self.endRemoveRows()
                self.leaving = None
            self._row_of = {r.id: i for i, r in enumerate(self.rows)}
            for row, old in enumerate(self.rows):
                new = latest.get(old.id)
                if new is not None and new != old:
                    self.rows[row] = new
                    self.row_changed(row)
            return
        total = self.project.document_count(self.search) if self._counted else -1
        if total != self._total:
            self.refresh()
            return
        fresh = self.project.document_summaries(self.search, limit=max(len(self.rows), 1), offset=0,
                                                status=self.status) if self.rows else []
        if not self.update_changed_rows(fresh):
            self.refresh()

    # ---------------------------------------------------------------- table

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.isValid() and index.column() == DATE_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != DATE_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        summary = self.rows[index.row()]
        text = str(value or "").strip()
        if text != (summary.published or ""):
            self.dateEdited.emit(summary.id, text)
        return False  # the row changes once the command is saved (documentEdited refreshes it)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.EditRole and col == DATE_COLUMN:
            return s.published or ""
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return "✔" if s.done else ("●" if s.suggested else "")
            if col == 1:
                return s.title or f"Document {s.id}"
            if col == 2:
                return s.published or ""
            if col == 3:
                return f"{s.accepted}✓ {s.rejected}✗ {s.suggested}○"
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "done" if s.done else f"{s.suggested} suggestions to decide (○)"
            edit = "\nF2, a double-click or Ctrl+Shift+D sets the date" if col == DATE_COLUMN else ""
            return f"{s.title}\n{s.published or 'no date'} · {state}{edit}"
        if role == Qt.ItemDataRole.FontRole and col == 1 and s.suggested and not s.done:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None


class _DateDelegate(QStyledItemDelegate):
    """The date cell's editor: a line edit that says what to type."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setObjectName("document_date_editor")
        editor.setPlaceholderText("YYYY-MM-DD")
        editor.setToolTip("The document's date, YYYY-MM-DD (empty: no date); Enter saves, Esc cancels")
        return editor


class DocumentsPane(QWidget):
    """Search box, status filter and the table; picks the session's document."""

    documentPicked = Signal(int)

    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DocumentsModel(session.project, self)
        self.search = QLineEdit(placeholderText="Search documents… (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        for label, value in STATUS_FILTERS:
            self.status.addItem(label, value)
        self.order = QComboBox()
        self.order.setObjectName("document_order")
        for label, value in ORDERS:
            self.order.addItem(label, value)
        self.order.setToolTip("Most useful next: the documents whose suggestions the coder is least sure of "
                              "come first (active learning); done documents last. The list keeps its order while "
                              "you code; pick the order again to re-sort it")
        self.table = QTableView()
        self.table.setObjectName("documents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long title keeps its start and its end
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(DATE_COLUMN, _DateDelegate(self.table))
        self.model.dateEdited.connect(self.set_date)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 20), (2, 78), (3, 84)):  # fixed widths: 100k rows are never measured
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        below = QHBoxLayout()
        below.addWidget(QLabel("Order:"))
        below.addWidget(self.order, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(below)
        layout.addWidget(self.table)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.order.currentIndexChanged.connect(self.apply_filter)
        self.order.activated.connect(self.apply_filter)  # picked again: re-sort
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        session.documentEdited.connect(self._document_edited)
        session.documentOpened.connect(self.follow_session)

    def _document_edited(self, doc_id: int) -> None:
        doc = self.session.doc
        if doc is not None and doc.document.id == doc_id:  # counts from what is already in memory
            self.model.refresh_document(doc_id, summary_of(doc))
        else:
            self.model.refresh_document(doc_id)

    def set_date(self, doc_id: int, text: str) -> bool:
        """Save a document's date (undoable); a date that is not YYYY-MM-DD is refused, with the reason."""
        return self.session.core.set_document_date(doc_id, text or None)

    def edit_date(self, doc_id: int) -> bool:
        """Open the date cell of ``doc_id`` for typing (the list shows it if it holds it)."""
        row = self.model.row_of(doc_id)
        if row is None:
            return False
        index = self.model.index(row, DATE_COLUMN)
        self.table.scrollTo(index)
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.edit(index)
        return True

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.search.text(), self.status.currentData(), self.order.currentData())
        self.follow_session()

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            doc_id = self.model.rows[current.row()].id
            if self.model.leaving is not None and self.model.leaving == self.session.document_id:
                # the open document's row goes (deleted elsewhere): the next row is not picked for the analyst;
                # the session's re-read says why it went (core/session.py ``deleted_document_message``)
                QTimer.singleShot(0, self._forget_current)
                return
            if doc_id != self.session.document_id:
                in_list = self.table.hasFocus()  # a click or an arrow key in the list
                self.documentPicked.emit(doc_id)
                if in_list:  # the focus stays here: Delete deletes this document (asking), J/K/A/X still code
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget_current(self) -> None:
        """No row current (none picked): a click on any row opens it."""
        if self.session.document_id is None or self.model.row_of(self.session.document_id, fetch=False) is None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().clearCurrentIndex()
            self.table.selectionModel().clearSelection()
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()

    def follow_session(self) -> None:
        """Select (and show) the session's open document, if the list holds it, without picking it again."""
        doc_id = self.session.document_id
        row = self.model.row_of(doc_id) if doc_id is not None else None
        if row is None:
            return
        index = self.model.index(row, 1)
        if self.table.currentIndex().row() != row:
            self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(index)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()
        self.table.scrollTo(index)

    def reload(self) -> None:
        """Re-read the list from the first page (documents were added, e.g. by an import), keeping the open
        document selected."""
        self.model.refresh()
        self.follow_session()

    def step(self, delta: int) -> int | None:
        """The document ``delta`` rows from the current one (Alt+Down / Alt+Up)."""
        row = self.table.currentIndex().row()
        target = row + delta if row >= 0 else 0
        if target >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if 0 <= target < self.model.rowCount():
            return self.model.rows[target].id
        return None

    def first_document(self) -> int | None:
        return self.model.rows[0].id if self.model.rows else None
