"""Dialogs, each behind one function so tests can monkeypatch it (tests never exec() a dialog)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ..core.errors import ProblemsError

PROJECT_FILTER = "EventCoder projects (*.db);;All files (*)"
IMPORT_FILTER = "Articles (*.txt *.text *.jsonl *.json *.csv);;All files (*)"


def ask_open_project(parent: QWidget, start: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open project", start, PROJECT_FILTER)
    return path or None


def ask_new_project(parent: QWidget, start: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "New project", start, PROJECT_FILTER)
    return path or None


def ask_import_files(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
    return list(paths)


def ask_import_folder(parent: QWidget) -> str | None:
    return QFileDialog.getExistingDirectory(parent, "Import a folder of articles") or None


def ask_export_path(parent: QWidget, default: Path, description: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export events", str(default), f"{description} (*{default.suffix})")
    return path or None


def ask_scheme_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open coding scheme", "", "Coding schemes (*.yaml *.yml)")
    return path or None


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


def show_info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def cheat_sheet_html(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td align='right'><b><code>{html.escape(k)}</code></b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return ("<h3>Keyboard</h3><table cellspacing='2'>" + body + "</table>"
            "<p>A new event whose actors are highlighted: <code>N C 1 1 2 Enter</code> — six keys.</p>")


def show_cheat_sheet(parent: QWidget, rows: list[tuple[str, str]]) -> QMessageBox:
    """Non-modal, so the analyst can keep it open while coding."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", cheat_sheet_html(rows),
                      QMessageBox.StandardButton.Close, parent)
    box.setModal(False)
    box.show()
    return box
