"""The window's first size fits the screen it opens on (a new user's 1400-px screen showed its right-hand columns
cut off at the old fixed 1480 px)."""

from __future__ import annotations


def test_the_first_size_never_exceeds_the_available_screen(window, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    from eventcoder.app import main_window

    # offscreen (the tests' platform) there is no screen to fit: the wanted size
    assert main_window.initial_size() == main_window.WANTED_SIZE

    class Screen:
        def __init__(self, w: int, h: int):
            self.area = QRect(0, 0, w, h)

        def availableGeometry(self):
            return self.area

    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: Screen(1400, 860)))
    assert main_window.initial_size() == (1344, 808)  # 96% and 94% of the available area
    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: Screen(2560, 1400)))
    assert main_window.initial_size() == main_window.WANTED_SIZE  # a big screen: the wanted size, no more
