"""The window's first size fits the screen it opens on (a new user's 1400-px screen showed its right-hand columns
cut off at the old fixed 1480 px)."""

from __future__ import annotations


def test_the_first_size_never_exceeds_the_available_screen(window, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    from eventcoder.app import main_window

    area = QGuiApplication.primaryScreen().availableGeometry()
    w, h = main_window.initial_size()
    assert 0 < w <= area.width() and 0 < h <= area.height()
    assert (w, h) == (min(1480, int(area.width() * 0.96)), min(900, int(area.height() * 0.94)))

    class Small:
        def availableGeometry(self):
            return QRect(0, 0, 1400, 860)

    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: Small()))
    assert main_window.initial_size() == (1344, 808)
