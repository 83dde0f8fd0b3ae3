"""The status bar says when another process is writing suggestions into the open project: a coding run of the
command line (``eventcoder code``) or of another window, as the project records it (core/store/runs.py). It
reads "Coding run in progress (another process): 12/40 documents …" while the run lives and disappears when it
ends or its process died. This window's own runs show in the model slot as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from ..core.errors import EventCoderError

if TYPE_CHECKING:
    from ..core.store import CodingRun
    from .main_window import MainWindow

POLL_MS = 2000


def install(window: MainWindow) -> QLabel:
    label = QLabel()
    label.setObjectName("run_status")
    label.setContentsMargins(6, 0, 6, 0)
    label.setStyleSheet("color: #8a5300; font-weight: bold")
    label.hide()
    window.statusBar().insertPermanentWidget(0, label)
    window.run_label = label
    timer = QTimer(window, interval=POLL_MS)
    timer.setObjectName("run_status_timer")
    timer.timeout.connect(lambda: update(window))
    timer.start()
    QTimer.singleShot(0, lambda: update(window))
    return label


def runs_elsewhere(window: MainWindow) -> list[CodingRun]:
    try:
        return window.session.project.coding_runs(others_only=True)
    except EventCoderError:  # closed or unreadable: the next action says why
        return []


def text_for(runs: list[CodingRun]) -> tuple[str, str]:
    """The label's text and tooltip for ``runs`` (empty: none in progress)."""
    if not runs:
        return "", ""
    first = runs[0]
    more = f" (+{len(runs) - 1} more)" if len(runs) > 1 else ""
    text = f"⟳ Being coded elsewhere: {first.done}/{first.total}{more}"  # short: the bar's slots set the window's width
    tip = ("Another process is writing suggestions into this project:\n" + "\n".join(run.describe() for run in runs)
           + "\nThe documents list and the open document show its suggestions as they are saved.")
    return text, tip


def update(window: MainWindow) -> None:
    label = getattr(window, "run_label", None)
    if label is None or not shiboken6.isValid(label):
        return
    text, tip = text_for(runs_elsewhere(window))
    label.setText(text)
    label.setToolTip(tip)
    label.setVisible(bool(text))
