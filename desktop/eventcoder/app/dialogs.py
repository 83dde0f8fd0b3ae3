"""Dialogs, each behind one function so tests can monkeypatch it (tests never exec() a dialog)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileInfo, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFileIconProvider,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ProblemsError

PROJECT_FILTER = "EventCoder projects (*.db);;All files (*)"
def import_filter() -> str:
    """The import file dialog's filter: every suffix the importers read (core/io/importers.py ``SUFFIXES``: .tsv
    too), so no supported file is hidden in the dialog."""
    from ..core.io.importers import SUFFIXES

    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUFFIXES))
    return f"Articles and codings ({patterns});;All files (*)"


class NamesOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's name alone, never from its contents.

    Qt's own provider asks the MIME database, which opens and reads a file whose name does not settle its
    type -- the project file among them. Closing that descriptor drops every SQLite lock this process holds
    on the project (POSIX locks belong to the process), so another process then checkpoints and deletes the
    write-ahead log under the window's open connection and the window's later changes are lost
    (../shared/NOTES.md). A dialog showing the project's folder must not open the project: this provider
    stats nothing and reads nothing."""

    def icon(self, what):  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def file_dialog(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> QFileDialog:
    """Every file dialog of the window: Qt's own (not the desktop's, which sniffs contents in this process
    too), with :class:`NamesOnlyIconProvider`, so browsing the project's folder never opens the project."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    provider = NamesOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._names_only_icons = provider  # type: ignore[attr-defined]  # kept alive as long as the dialog
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    return list(dialog.selectedFiles()) if dialog.exec() == QDialog.DialogCode.Accepted else []


def _open_file(parent: QWidget, title: str, start: str, filters: str, *, many: bool = False) -> list[str]:
    dialog = file_dialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def _save_file(parent: QWidget, title: str, start: str, filters: str) -> str | None:
    dialog = file_dialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def _folder(parent: QWidget, title: str, start: str = "") -> str | None:
    dialog = file_dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def ask_open_project(parent: QWidget, start: str = "") -> str | None:
    chosen = _open_file(parent, "Open project", start, PROJECT_FILTER)
    return chosen[0] if chosen else None


def ask_new_project(parent: QWidget, start: str = "") -> str | None:
    return _save_file(parent, "New project", start, PROJECT_FILTER)


def ask_import_files(parent: QWidget) -> list[str]:
    return _open_file(parent, "Import articles", "", import_filter(), many=True)


def ask_import_folder(parent: QWidget) -> str | None:
    return _folder(parent, "Import a folder of articles")


def ask_export_path(parent: QWidget, default: Path, description: str) -> str | None:
    return _save_file(parent, "Export events", str(default), f"{description} (*{default.suffix})")


def ask_export_folder(parent: QWidget, default: Path) -> str | None:
    return _folder(parent, "Export into folder", str(default))


def ask_save_path(parent: QWidget, title: str, default: str, filters: str) -> str | None:
    return _save_file(parent, title, default, filters)


EXPORT_STATUSES = (("accepted", "Accepted events"), ("all", "All events (suggested and rejected too)"))


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    status: str | None  # None: every event
    path: str
    layer: str | None = None  # "curated": the adjudicated layer only (core/team/layers.py)
    annotator: str | None = None  # one annotator's layer only (with layer "curated": that curator's)


@dataclass(frozen=True)
class LayerChoice:
    """One entry of the export dialog's Layer box: what it says, and the (layer, annotator) it exports."""

    label: str
    layer: str | None = None
    annotator: str | None = None


def layer_choices(project: Any) -> tuple[list[LayerChoice], int]:
    """The export dialog's layers for ``project`` -- every layer, mine, each other annotator's, the curated one --
    and which is chosen at first: mine in a file with team layers on, else every layer (an export as before)."""
    from ..core.errors import EventCoderError

    me = project.annotator
    try:
        names, team = [n for n in project.layer_annotators() if n != me], project.team_layers()
    except EventCoderError:
        names, team = [], False
    choices = [LayerChoice("Every layer (all events in the file)"), LayerChoice(f"Mine ({me})", None, me),
               *(LayerChoice(f"{name}’s layer", None, name) for name in names),
               LayerChoice("Curated (the adjudicated layer)", "curated")]
    return choices, 1 if team else 0


class ExportDialog(QDialog):
    """Format (every registered exporter), which events, and where: a file, or a folder for brat."""

    def __init__(self, parent: QWidget | None, formats: dict[str, Any], folder: Path, stem: str,
                 layers: tuple[list[LayerChoice], int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export events")
        self.formats, self.folder, self.stem = formats, Path(folder), stem
        self.format_box = QComboBox()
        self.format_box.setObjectName("export_format")
        for name, exp in formats.items():
            self.format_box.addItem(f"{name} — {exp.description}", name)
        self.status_box = QComboBox()
        for value, label in EXPORT_STATUSES:
            self.status_box.addItem(label, value)
        choices, first = layers or ([LayerChoice("Every layer (all events in the file)")], 0)
        self.layer_box = QComboBox()
        self.layer_box.setObjectName("export_layer")
        for entry in choices:
            self.layer_box.addItem(entry.label, entry)
        self.layer_box.setCurrentIndex(first)
        self.path = QLineEdit()
        self.path.setObjectName("export_path")
        self.path.setMinimumWidth(420)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555")
        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow("Events", self.status_box)
        form.addRow("Layer", self.layer_box)
        form.addRow("Save to", where)
        form.addRow("", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    @property
    def fmt(self) -> str:
        return self.format_box.currentData()

    def default_path(self, fmt: str) -> Path:
        exp = self.formats[fmt]
        status = self.status_box.currentData()
        name = f"{self.stem}-{status}-{fmt}" if exp.folder else f"{self.stem}-{status}{exp.suffix}"
        return self.folder / name

    def _format_changed(self, *_args) -> None:
        exp = self.formats[self.fmt]
        current = Path(self.path.text()) if self.path.text() else None
        folder = current.parent if current else self.folder
        name = self.default_path(self.fmt).name
        self.path.setText(str(folder / name))
        self.note.setText("a folder of NAME.txt + NAME.ann files" if exp.folder else
                          "binary file (spaCy DocBin)" if exp.binary else "")

    def browse(self) -> None:
        exp = self.formats[self.fmt]
        current = Path(self.path.text() or self.default_path(self.fmt))
        if exp.folder:
            picked = ask_export_folder(self, current.parent)
        else:
            picked = ask_export_path(self, current, exp.description)
        if picked:
            self.path.setText(picked)

    def choice(self) -> ExportChoice | None:
        path = self.path.text().strip()
        if not path:
            return None
        status = self.status_box.currentData()
        layer: LayerChoice = self.layer_box.currentData()
        return ExportChoice(self.fmt, None if status == "all" else status, path, layer.layer, layer.annotator)


def ask_export(parent: QWidget, formats: dict[str, Any], folder: Path, stem: str,
               layers: tuple[list[LayerChoice], int] | None = None) -> ExportChoice | None:
    """The export dialog; ``layers``: its Layer box (default: :func:`layer_choices` of the window's project)."""
    session = getattr(parent, "session", None)
    if layers is None and session is not None:
        layers = layer_choices(session.project)
    dialog = ExportDialog(parent, formats, folder, stem, layers)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_warnings(parent: QWidget, title: str, head: str, lines: list[str]) -> None:
    """Several warnings in one box: the first 30 listed, all of them under Show Details."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, head, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(lines[:30]) + (f"\n… and {len(lines) - 30} more" if len(lines) > 30 else ""))
    box.setDetailedText("\n".join(lines))
    box.exec()


def show_messages(parent: QWidget, current: str, log: list[str]) -> QMessageBox:
    """The status bar's message whole (a click on it), the earlier ones of this session under Show Details, newest
    first. Not modal: the analyst may go on coding with it open; returned for the caller to keep."""
    box = QMessageBox(QMessageBox.Icon.Information, "Messages", current or "No message now",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messages_box")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if log:
        box.setInformativeText(f"{len(log)} message{'' if len(log) == 1 else 's'} this session (Show Details…)")
        box.setDetailedText("\n".join(reversed(log)))
    box.setWindowModality(Qt.WindowModality.NonModal)  # the analyst may go on coding with it open
    box.show()
    return box


def ask_scheme_file(parent: QWidget) -> str | None:
    chosen = _open_file(parent, "Open coding scheme", "", "Coding schemes (*.yaml *.yml)")
    return chosen[0] if chosen else None


def choose_relation_type(parent: QWidget, choices: list[tuple[str, str]], first: str, second: str) -> str | None:
    """Pick a relation type by label; ``choices`` are (name, label)."""
    labels = [f"{label} ({name})" for name, label in choices]
    label, ok = QInputDialog.getItem(parent, "Relation", f"“{first}” → “{second}”:", labels, 0, False)
    return choices[labels.index(label)][0] if ok and label in labels else None


def show_problems(parent: QWidget, title: str, error: Exception) -> None:
    """Every problem with its file:line, so a scheme (or import) can be fixed in one pass."""
    if isinstance(error, ProblemsError) and error.problems:
        lines = [str(p) for p in error.problems]
        head = str(error).splitlines()[0]
    else:
        lines, head = [], str(error)
    text = f"<b>{html.escape(head)}</b>" + (
        "<ul>" + "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines[:40]) + "</ul>"
        if lines else "")
    if len(lines) > 40:
        text += f"… and {len(lines) - 40} more"
    QMessageBox.critical(parent, title, text + "<p>Nothing was changed.</p>")


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_other_project(parent: QWidget | None, path: Path, reason: str) -> str | None:
    """The project at ``path`` cannot be opened: say why and how to pick another; the project file chosen
    (an existing one, or a new name to start one), or None to quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the project",
                      f"EventCoder cannot open the project {path}:\n\n{reason}", parent=parent)
    box.setInformativeText("Open another project file (or give a new name to start an empty project). Next time "
                           "you can name it at the start: eventcoder --db PROJECT.db, or set EVENTCODER_DB.")
    other = box.addButton("Open another project…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("New project…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    start = str(path.parent)
    if box.clickedButton() is other:
        return ask_open_project(parent, start)
    if box.clickedButton() is new:
        return ask_new_project(parent, start)
    return None


def confirm_delete_document(parent: QWidget, title: str, what: str) -> bool:
    """Ask before deleting a document (``what``: what goes with it); Cancel is the default button."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Delete document", f"Delete the document “{title}”?", parent=parent)
    box.setInformativeText(f"{what}\n\nCtrl+Z (Edit ▸ Undo) brings it back with all of it.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is delete


def show_info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def _keys_table(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td align='right' valign='top'><b><code>{html.escape(k)}</code></b>&nbsp;&nbsp;</td>"
        f"<td valign='top'>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return "<table cellspacing='2'>" + body + "</table>"


def cheat_sheet_html(rows: list[tuple[str, str]], columns: int = 1) -> str:
    """The keys as HTML: one table, or ``columns`` tables side by side (the rows split in order)."""
    columns = max(1, columns)
    per = -(-len(rows) // columns) or 1
    parts = [rows[i:i + per] for i in range(0, len(rows), per)] or [[]]
    tables = (_keys_table(parts[0]) if len(parts) == 1 else
              "<table width='100%'><tr>" + "".join(f"<td valign='top' width='{100 // len(parts)}%'>"
                                                   f"{_keys_table(part)}</td>" for part in parts) + "</tr></table>")
    return ("<h3>Keyboard</h3>" + tables +
            "<p>A new event whose actors are highlighted: <code>N C 1 1 2 Enter</code> — six keys.</p>")


TWO_COLUMNS_FROM = 1100  # px of available screen width: the cheat sheet's keys in two columns side by side


def show_cheat_sheet(parent: QWidget, rows: list[tuple[str, str]]) -> QDialog:
    """Non-modal, so the analyst can keep it open while coding. Fits the screen it opens on: two columns on a wide
    screen, never taller or wider than the available area (the text scrolls if it must)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    columns = 2 if available.width() >= TWO_COLUMNS_FROM else 1
    dialog = QDialog(parent)
    dialog.setObjectName("cheat_sheet")
    dialog.setWindowTitle("Keyboard shortcuts")
    text = QTextBrowser(dialog)
    text.setObjectName("cheat_sheet_text")
    text.setOpenLinks(False)
    text.setHtml(cheat_sheet_html(rows, columns))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    width = min(1040 if columns == 2 else 560, int(available.width() * 0.9))
    measure = QTextDocument()  # the text's height at the dialog's width (the browser's own lays out on show)
    measure.setDefaultFont(text.font())
    measure.setHtml(cheat_sheet_html(rows, columns))
    measure.setTextWidth(width - 2 * layout.contentsMargins().left() - 2 * text.frameWidth() - 4)
    wanted = (int(measure.size().height()) + 2 * text.frameWidth() + layout.spacing()
              + buttons.sizeHint().height() + layout.contentsMargins().top() + layout.contentsMargins().bottom() + 4)
    dialog.resize(width, max(200, min(wanted, int(available.height() * 0.9))))
    frame = dialog.frameGeometry()
    frame.moveCenter(available.center())
    dialog.move(frame.topLeft())
    dialog.setModal(False)
    dialog.show()
    return dialog
