"""Code ▸ Project actors…: the project's own actor dictionary (core/project_actors.py) in the window.

A list of the names the project codes -- learned from the analysts' codings or added here -- with add, edit and
remove. Every change is one core command through the session, so it is committed at once and Ctrl+Z undoes it
(also from the main window). The rules live in the core; this dialog only shows and calls them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import project_actors as pa
from ..core.errors import EventCoderError
from .dialogs import ask_save_path

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .session import CodingSession

COLUMNS = ("Name", "Code", "Dates", "Source")


class ActorEntryDialog(QDialog):
    """Name, code and an optional date range of one entry; OK only when the core would take them."""

    def __init__(self, parent: QWidget | None = None, actor: pa.ProjectActor | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit project actor" if actor else "Add project actor")
        self.name = QLineEdit(actor.name if actor else "")
        self.code = QLineEdit(actor.code if actor else "")
        self.start = QLineEdit(actor.start or "" if actor else "")
        self.end = QLineEdit(actor.end or "" if actor else "")
        for field, tip in ((self.start, "first day the code holds"), (self.end, "last day the code holds")):
            field.setPlaceholderText("YYYY-MM-DD (optional)")
            field.setToolTip(tip)
        self.code.setPlaceholderText("e.g. FRAGOV")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Code", self.code)
        form.addRow("&From", self.start)
        form.addRow("&Until", self.end)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.name, self.code, self.start, self.end):
            field.textChanged.connect(self._check)
        self._check()

    def values(self) -> tuple[str, str, str | None, str | None]:
        return (self.name.text().strip(), self.code.text().strip().upper(), self.start.text().strip() or None,
                self.end.text().strip() or None)

    def _check(self) -> str:
        """Why the entry cannot be stored ("" when it can), shown under the fields; OK follows it."""
        name, code, start, end = self.values()
        why = "" if name and code else "a name and a code are needed"
        if not why:
            try:
                pa.add_actor(name, code, start, end)  # builds the command only: the core's checks, nothing written
            except EventCoderError as exc:
                why = str(exc)
        self.problem.setText(why if name and code else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not why)
        return why

    def _accept(self) -> None:
        if not self._check():
            self.accept()


class ActorsDialog(QDialog):
    """The project's actor dictionary: every entry with where it comes from; Add…, Edit…, Remove, Export…."""

    def __init__(self, session: CodingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Project actors")
        self.resize(760, 460)
        self.actors: list[pa.ProjectActor] = []
        intro = QLabel("Names this project codes: learned from the actor codes analysts give (from the date of the "
                       "document on), or added here. Later suggestions use them before the built-in dictionaries. "
                       "Every change can be undone (Ctrl+Z).")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.count = QLabel()
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("&Remove")
        self.export_button = QPushButton("E&xport…")
        close = QPushButton("Close")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.count)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        undo = QAction(self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self._undo)
        redo = QAction(self)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        redo.triggered.connect(self._redo)
        self.addAction(undo)
        self.addAction(redo)
        self.table.itemSelectionChanged.connect(self._enable)
        stack = getattr(session, "undo_stack", None)
        if stack is not None:  # an undo in the main window shows here too
            stack.indexChanged.connect(self._stack_moved)  # a bound slot: Qt drops it with the dialog
        self.refresh()

    def _stack_moved(self, _index: int) -> None:
        if self.isVisible():
            self.refresh()

    # ------------------------------------------------------------------ showing

    def refresh(self) -> None:
        """Read the entries again (after a change, an undo, or another window's change)."""
        keep = self.selected()
        try:
            self.actors = pa.project_actors(self.session.project)
        except EventCoderError as exc:  # the project could not be read (closed, damaged): said, nothing shown
            self.actors = []
            self.count.setText(f"cannot read the project's actors: {str(exc).splitlines()[0]}")
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(self.actors))
        for r, actor in enumerate(self.actors):
            how = f"learned from {actor.mentions} mention(s)" if actor.source == pa.LEARNED else "added"
            for c, text in enumerate((actor.name, actor.code, actor.dates, how)):
                item = QTableWidgetItem(text)
                if actor.source == pa.LEARNED:
                    item.setToolTip("Learned from accepted actor codes; editing it makes an added entry in its place,"
                                    " removing it stops the name being coded so (the codings stay)")
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.count.setText(f"{len(self.actors)} entr{'y' if len(self.actors) == 1 else 'ies'}")
        if keep is not None:
            for r, actor in enumerate(self.actors):
                if (actor.key, actor.code, actor.start) == (keep.key, keep.code, keep.start):
                    self.table.selectRow(r)
                    break
        self._enable()

    def selected(self) -> pa.ProjectActor | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.actors[row] if 0 <= row < len(self.actors) else None

    def select(self, name: str, code: str | None = None) -> bool:
        """Select the row of ``name`` (and ``code``); False when there is none."""
        for r, actor in enumerate(self.actors):
            if actor.key == pa.name_key(name) and (code is None or actor.code == code.strip().upper()):
                self.table.selectRow(r)
                return True
        return False

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self.actors))

    # ------------------------------------------------------------------ changing (one undoable command each)

    def ask(self, actor: pa.ProjectActor | None = None) -> tuple[str, str, str | None, str | None] | None:
        """The entry dialog's values, or None when cancelled (tests replace this; a modal dialog is not run there)."""
        dialog = ActorEntryDialog(self, actor)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def add(self) -> bool:
        values = self.ask()
        return values is not None and self._do(lambda: pa.add_actor(*values), values[0], values[1])

    def edit_selected(self) -> bool:
        actor = self.selected()
        if actor is None:
            return False
        values = self.ask(actor)
        if values is None:
            return False
        name, code, start, end = values
        return self._do(lambda: pa.change_actor(actor, name=name, code=code, start=start, end=end), name, code)

    def remove_selected(self) -> bool:
        actor = self.selected()
        return actor is not None and self._do(lambda: pa.remove_actor(actor))

    def _do(self, build, name: str | None = None, code: str | None = None) -> bool:
        try:
            built = build()  # a bad name, code or date: said here, nothing written
        except EventCoderError as exc:
            QMessageBox.warning(self, "Project actors", str(exc))
            return False
        done = self.session.do(built) is not None  # refused: the session says why in the status bar
        self.refresh()
        if done and name:
            self.select(name, code)
        return done

    def _undo(self) -> None:
        self.session.undo()
        self.refresh()

    def _redo(self) -> None:
        self.session.redo()
        self.refresh()

    # ------------------------------------------------------------------ export

    def export(self, path: str | Path | None = None) -> int | None:
        """Write the entries as a PETRARCH actors file (asks where when ``path`` is None); the names written."""
        if path is None:
            stamp = dt.date.today().isoformat()
            chosen = ask_save_path(self, "Export project actors", f"project-actors-{stamp}.txt",
                                   "PETRARCH actors (*.txt)")
            if not chosen:
                return None
            path = chosen
        try:
            left_out: list[str] = []
            names = pa.export_petrarch(self.session.project, path, left_out)
        except EventCoderError as exc:
            QMessageBox.warning(self, "Project actors", str(exc))
            return None
        self.count.setText(f"{names} name(s) written to {Path(path).name}" + (
            f"; left out (a PETRARCH file cannot hold [ ] {{ }} # + < > or !): {', '.join(left_out)}"
            if left_out else ""))
        return names


def open_dialog(window: MainWindow) -> ActorsDialog:
    """Code ▸ Project actors…: one dialog per window, shown (not modal, so coding goes on beside it)."""
    dialog = getattr(window, "actors_dialog", None)
    if dialog is None:
        dialog = ActorsDialog(window.session, window)
        window.actors_dialog = dialog
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    return dialog


def install(window: MainWindow) -> None:
    """The Code menu's *Project actors…* entry."""
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
    action = QAction("Project &actors…", window)
    action.setObjectName("action_project_actors")
    action.setToolTip("Names the project codes, learned from your actor codes or added; editable, exportable")
    action.triggered.connect(lambda _checked=False: open_dialog(window))
    menu = menus.get("Code")
    if menu is not None:
        menu.addAction(action)
    window.actions_by_name["project_actors"] = action
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
