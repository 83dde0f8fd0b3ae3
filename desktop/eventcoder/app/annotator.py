"""Who is coding: the annotator's name, asked on first run and kept in the settings, shown in the status bar and
given to the project (stored with every change). Also the window's team menu entries (adjudication, the team
picture, a copy of the project for an annotator).

Which name the window uses: the ``annotator`` setting; else ``$EVENTCODER_ANNOTATOR``; else the analyst is asked
once (:func:`ask_name`, monkeypatched in tests) and the answer saved. Nothing is asked when either is set.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QMenu, QWidget

from ..core.store import default_annotator

if TYPE_CHECKING:
    from .main_window import MainWindow

SETTING = "annotator"


def ask_name(parent: QWidget | None, current: str) -> str | None:
    """The name dialog (first run, and File ▸ Coding as…); None when cancelled."""
    name, ok = QInputDialog.getText(
        parent, "Who is coding?", "Your name as an annotator (kept with every coding you make,\n"
        "and how agreement and adjudication tell coders apart):", text=current)
    return name if ok else None


def clean(name: str | None) -> str:
    """A name as stored: trimmed, inner runs of space folded; '' for none."""
    return " ".join((name or "").split())[:80]


def resolve(settings: QSettings, parent: QWidget | None = None) -> str:
    """The annotator's name for the window (see the module's doc); asks, and saves the answer, only when neither
    the setting nor ``$EVENTCODER_ANNOTATOR`` gives one."""
    saved = clean(str(settings.value(SETTING, "") or ""))
    if saved:
        return saved
    env = clean(os.environ.get("EVENTCODER_ANNOTATOR"))
    if env:
        return env
    name = clean(ask_name(parent, default_annotator())) or default_annotator()
    settings.setValue(SETTING, name)
    settings.sync()
    return name


def install(window: MainWindow) -> None:
    """Set the project's annotator, add "Coding as: NAME" to the status bar and the team entries to the menus."""
    window.session.project.annotator = resolve(window.settings, window)
    label = QLabel()
    label.setObjectName("annotator_status")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(6, 0, 6, 0)
    label.setToolTip("Who is coding: kept with every change (File ▸ Coding as… to change it)")
    label.linkActivated.connect(lambda _link: change_name(window))
    window.statusBar().insertPermanentWidget(0, label)
    window.annotator_label = label
    _show(window)
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
    file_menu, code_menu, view_menu = menus.get("File"), menus.get("Code"), menus.get("View")

    def add(menu: QMenu | None, name: str, text: str, slot, keys: str = "") -> None:
        action = QAction(text, window)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        window.actions_by_name[name] = action

    from . import adjudication

    if file_menu is not None:
        file_menu.addSeparator()
    add(file_menu, "coding_as", "Coding &as…", lambda: change_name(window))
    add(file_menu, "export_for_annotator", "Export for an &annotator…",
        lambda: adjudication.export_for_annotator(window))
    if code_menu is not None:
        code_menu.addSeparator()
    add(code_menu, "adjudicate", "&Adjudicate annotators' differences…", lambda: adjudication.open_view(window),
        "Ctrl+Shift+A")
    add(view_menu, "team_picture", "&Team and agreement…", lambda: adjudication.show_team(window))


def _show(window: MainWindow) -> None:
    name = window.session.project.annotator
    window.annotator_label.setText(f'Coding as <a href="change">{_escape(name)}</a>')


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def change_name(window: MainWindow) -> None:
    """File ▸ Coding as…: another name from now on (earlier changes keep theirs)."""
    name = clean(ask_name(window, window.session.project.annotator))
    if not name:
        return
    window.settings.setValue(SETTING, name)
    window.settings.sync()
    window.session.project.annotator = name
    _show(window)
    window.show_message(f"Coding as {name} from now on")
