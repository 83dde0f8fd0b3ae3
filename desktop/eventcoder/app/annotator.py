"""Who is coding: the annotator's name, asked on first run and kept in the settings, shown in the status bar and
given to the project (stored with every change). Also the window's team menu entries (adjudication, the team
picture, a copy of the project for an annotator).

Which name the window uses: ``$EVENTCODER_ANNOTATOR`` when set (as the command line reads it); else the
``annotator`` setting; else the analyst is asked once (:func:`ask_name`, monkeypatched in tests) and the answer
saved. Nothing is asked when either is set. The saved name is also written where the command line reads it
(:func:`keep_for_cli`), so both record the analyst under one name.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QMenu, QWidget

from ..core.store import default_annotator
from ..core.user_config import save_annotator

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
    """The annotator's name for the window (see the module's doc): ``$EVENTCODER_ANNOTATOR`` wins over the saved
    name, as in the command line; asks, and saves the answer, only when neither gives one."""
    env = from_environment()
    if env:
        return env
    saved = clean(str(settings.value(SETTING, "") or ""))
    if saved:
        keep_for_cli(saved)  # a name saved before the command line read it
        return saved
    name = clean(ask_name(parent, default_annotator())) or default_annotator()
    settings.setValue(SETTING, name)
    settings.sync()
    keep_for_cli(name)
    return name


def keep_for_cli(name: str) -> str:
    """The name saved in the settings, also where the command line reads it (``core/user_config.py``: a plain
    file of the user config dir), so ``eventcoder edit`` records the window's analyst under the same name when
    neither ``--annotator`` nor ``$EVENTCODER_ANNOTATOR`` names one. '' when kept, else why not."""
    return save_annotator(name)


def from_environment() -> str:
    """``$EVENTCODER_ANNOTATOR`` as a name ('' when unset or blank)."""
    return clean(os.environ.get("EVENTCODER_ANNOTATOR"))


def install(window: MainWindow) -> None:
    """Set the project's annotator, add "Coding as: NAME" to the status bar and the team entries to the menus."""
    window.session.project.annotator = resolve(window.settings, window)
    label = QLabel()
    label.setObjectName("annotator_status")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(6, 0, 6, 0)
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
    install_layers(window, code_menu, view_menu)


def install_layers(window: MainWindow, code_menu: QMenu | None, view_menu: QMenu | None) -> None:
    """Code ▸ Team layers (the project setting: several annotators in this file, each in their own layer) and
    View ▸ Show layer ▸ Mine / NAME / All / Curated (core/team/layers.py)."""
    toggle = QAction("Team &layers: each annotator decides in their own", window)
    toggle.setObjectName("action_team_layers")
    toggle.setCheckable(True)
    toggle.setToolTip("Several annotators share this file: a suggestion you decide stays pending for the others, "
                      "and each sees their own decisions")
    toggle.toggled.connect(lambda on: set_team_layers(window, on))
    window.actions_by_name["team_layers"] = toggle
    if code_menu is not None:
        code_menu.addAction(toggle)
    menu = QMenu("Show &layer", window)
    menu.setObjectName("menu_show_layer")
    window.layer_menu = menu
    menu.aboutToShow.connect(lambda: _fill_layer_menu(window))
    if view_menu is not None:
        view_menu.addMenu(menu)
    _fill_layer_menu(window)
    window.session.documentOpened.connect(lambda: _sync_layers(window))
    _sync_layers(window)


def _fill_layer_menu(window: MainWindow) -> None:
    from PySide6.QtGui import QActionGroup

    from ..core.errors import EventCoderError
    from ..core.team.layers import ALL, CURATED, MINE

    menu: QMenu = window.layer_menu
    menu.clear()
    group = QActionGroup(menu)
    me = window.session.project.annotator
    try:
        others = [n for n in window.session.project.layer_annotators() if n != me]
    except EventCoderError:  # a file that cannot be read now: only the fixed views
        others = []
    current = window.session.layer_view
    for view, text in [(MINE, f"&Mine ({me})"), *((n, n) for n in others), (ALL, "&All (every row)"),
                       (CURATED, "&Curated")]:
        action = QAction(text, menu)
        action.setObjectName(f"action_show_layer_{view}")
        action.setCheckable(True)
        action.setChecked(view == current)
        action.triggered.connect(lambda _checked=False, v=view: show_layer(window, v))
        group.addAction(action)
        menu.addAction(action)
        window.actions_by_name[f"show_layer_{view}"] = action


def show_layer(window: MainWindow, view: str) -> None:
    """View ▸ Show layer: another layer on screen (coding stays in one's own)."""
    window.session.set_layer_view(view)
    _show(window)
    _fill_layer_menu(window)


def set_team_layers(window: MainWindow, on: bool) -> None:
    """Code ▸ Team layers: the project setting (read by every window and the CLI on this file)."""
    from ..core.errors import EventCoderError

    project = window.session.project
    if project.team_layers() == on:
        return
    try:
        project.set_team_layers(on)
    except EventCoderError as exc:
        window.show_message(f"Not saved: {exc}")
        _sync_layers(window)
        return
    if window.session.doc is not None:
        window.session.reload(window.session.doc.document.id)
        window.session.documentOpened.emit()
    window.show_message("Team layers on: your decisions are yours; suggestions stay pending for the others" if on
                        else "Team layers off: a decision changes the suggestion itself, for everyone")


def _sync_layers(window: MainWindow) -> None:
    from ..core.errors import EventCoderError

    toggle: QAction = window.actions_by_name["team_layers"]
    try:
        on = window.session.project.team_layers()
    except EventCoderError:
        on = False
    toggle.blockSignals(True)
    toggle.setChecked(on)
    toggle.blockSignals(False)
    _show(window)


def _show(window: MainWindow) -> None:
    name = window.session.project.annotator
    view = getattr(window.session, "layer_view", "mine")
    shown = {"mine": "", "all": " · showing every layer", "curated": " · showing the curated layer"}.get(
        view, f" · showing {_escape(view)}’s layer (read only)")
    window.annotator_label.setText(f'Coding as <a href="change">{_escape(name)}</a>{shown}')
    env = from_environment()
    where = ("from $EVENTCODER_ANNOTATOR, which wins over the name saved in the settings" if env and env == name
             else "File ▸ Coding as… to change it")
    window.annotator_label.setToolTip(f"Who is coding: kept with every change ({where})")


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
    problem = keep_for_cli(name)
    if problem:
        window.show_message(f"Warning: {problem}")
    window.session.project.annotator = name
    if window.session.doc is not None:  # "mine" is now this name's layer
        window.session.reload(window.session.doc.document.id)
        window.session.documentOpened.emit()
    _show(window)
    env = from_environment()
    later = (f"; $EVENTCODER_ANNOTATOR ({env}) wins again at the next start" if env and env != name else "")
    window.show_message(f"Coding as {name} from now on{later}")
