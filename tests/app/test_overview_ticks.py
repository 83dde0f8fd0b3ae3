"""The overview's count axes (events, documents) are labelled in whole numbers only: a bar of 2 events never
sits on an axis reading 0.5, 1.5."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDockWidget

COUNT_AXES = {"types": "left", "quads": "left", "dyads": "bottom", "progress": "bottom"}


def _drawn_labels(view, side: str) -> list[str]:
    """The tick labels the axis paints at its size and range now (pyqtgraph's own drawing specs)."""
    axis = view.getPlotItem().getAxis(side)
    image = QImage(max(1, int(axis.width())), max(1, int(axis.height())), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None
    return [text for _rect, _flags, text in specs[2]]


def test_count_axes_show_whole_numbers_only(window, keys, qtbot):
    keys("J", "A", "A", "A", "X", "A")  # four accepted events: bars of 1 and 2
    qtbot.waitUntil(lambda: window.session.save_state == "saved")
    dock = window.findChild(QDockWidget, "overview_dock")
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.overview.pane is not None)
    pane = window.overview.pane
    from eventcoder.core.overview import PARTS

    for part, side in COUNT_AXES.items():
        with qtbot.waitSignal(pane.refreshed, timeout=20_000, check_params_cb=lambda p, part=part: p == part):
            if pane.part == part:
                pane.invalidate()
            else:
                pane.tabs.setCurrentIndex(PARTS.index(part))
        view = pane.views[part]
        qtbot.wait(50)  # laid out at its size
        labels = _drawn_labels(view, side)
        assert labels, part
        numbers = [float(t.replace(",", "")) for t in labels]
        assert all(n == int(n) for n in numbers), (part, labels)  # no 0.5, 1.5 …
        assert len(set(numbers)) == len(numbers), (part, labels)  # and no whole number twice
        assert 0 in numbers and max(numbers) >= 1, (part, labels)  # from 0 (a bar's foot) to a count
