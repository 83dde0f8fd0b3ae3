"""The Overview dock: code a few events, open it, click a bar, a point and an edge; the events list shows
exactly the events behind each (read back through the store), and it follows the coding as it goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget


def _accepted(project, code_prefix: str = "", dyad=None) -> list[int]:
    events = [e for e in project.events(status="accepted") if e.event_code.startswith(code_prefix)]
    if dyad is not None:
        events = [e for e in events if (e.source_code, e.target_code) == dyad]
    return [e.id for e in sorted(events, key=lambda e: (e.document_id, e.sentence_start or 0, e.id))]


def _open_overview(window, qtbot, part: str):
    dock = window.findChild(QDockWidget, "overview_dock")
    assert dock is not None and not dock.isVisible()  # hidden until asked for
    dock.toggleViewAction().trigger()  # View ▸ Overview
    qtbot.waitUntil(lambda: window.overview.pane is not None)
    pane = window.overview.pane
    return dock, pane


def _show_tab(pane, qtbot, part: str):
    from eventcoder.core.overview import PARTS

    with qtbot.waitSignal(pane.refreshed, timeout=20_000, check_params_cb=lambda p: p == part):
        if pane.part == part:
            pane.invalidate()
        else:
            pane.tabs.setCurrentIndex(PARTS.index(part))
    return pane.views[part]


def _click(qtbot, view, x: float, y: float) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.widget_point(x, y))
    pane = view.parent()
    while pane is not None and not hasattr(pane, "lister"):
        pane = pane.parent()
    assert pane is not None and pane.lister.wait()  # the click's events are read off the UI thread


def test_click_a_bar_lists_exactly_its_events(window, keys, qtbot):
    project = window.session.project
    keys("A", "A", "A", "X", "A")  # accept 112 (current on open), 010, 040 (same page); reject 138; accept 040
    qtbot.waitUntil(lambda: window.session.save_state == "saved")
    assert sorted(e.event_code for e in project.events(status="accepted")) == ["010", "040", "040", "112"]

    dock, pane = _open_overview(window, qtbot, "types")
    view = _show_tab(pane, qtbot, "types")
    assert pane.annotator_box.findData("tester") > 0  # who decided events, read in the overview's thread
    bars = {b.key: (i, b) for i, b in enumerate(view.data.bars)}
    assert {k: b.count for k, (_i, b) in bars.items()} == {"01": 1, "04": 2, "11": 1}
    i, bar = bars["04"]
    _click(qtbot, view, i, bar.count / 2)
    expected = _accepted(project, "04")
    assert len(expected) == 2
    qtbot.waitUntil(lambda: window.events.listing)
    assert window.events.listed_ids() == expected
    # Enter on the list opens the event at its sentence
    window.events.view.setFocus()
    window.events.view.setCurrentIndex(window.events.model.index(0, 0))
    qtbot.keyClick(window.events.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.current_event_id == expected[0])

    # a click beside the bars lists nothing new
    window.events.show_only(None, "")
    _click(qtbot, view, i + 0.5, bar.count / 2)
    qtbot.wait(50)
    assert not window.events.listing


def test_month_bar_and_network_edge_and_follows_the_coding(window, keys, qtbot):
    project = window.session.project
    keys("A", "A", "A")  # accept 112 RUSGOV→USA (current on open), 010, 040 IND→RUS
    qtbot.waitUntil(lambda: window.session.save_state == "saved")
    dock, pane = _open_overview(window, qtbot, "quads")

    view = _show_tab(pane, qtbot, "quads")
    figure = view.data
    assert figure.months == ("2021-12",)
    # the stacked bar of December 2021: click each class's slice
    level = 0
    for series in figure.series:
        count = series.counts[0]
        _click(qtbot, view, 0, level + count / 2)
        qtbot.waitUntil(lambda s=series: window.events.listing and len(window.events.listed_ids()) == s.counts[0])
        wanted = [e.id for e in project.events(status="accepted") if e.event_code in series.codes]
        assert sorted(window.events.listed_ids()) == sorted(wanted) and len(wanted) == count
        level += count

    view = _show_tab(pane, qtbot, "network")
    edge = next(e for e in view.data.edges if (e.source, e.target) == ("RUSGOV", "USA"))
    x0, y0, x1, y1 = view.edge_segment(view.data, edge)
    window.events.show_only(None, "")
    _click(qtbot, view, (x0 + x1) / 2, (y0 + y1) / 2)
    qtbot.waitUntil(lambda: window.events.listing)
    assert window.events.listed_ids() == _accepted(project, dyad=("RUSGOV", "USA")) and edge.count == 1

    # coding goes on: the figure on screen is counted again (debounced, off the UI thread)
    view = _show_tab(pane, qtbot, "types")
    before = {b.key: b.count for b in view.data.bars}
    window.events.show_only(None, "")
    window.article.setFocus()
    with qtbot.waitSignal(pane.refreshed, timeout=20_000):
        keys("X", "A")  # reject 138, accept the second 040
    after = {b.key: b.count for b in view.data.bars}
    assert after["04"] == before["04"] + 1 == 2


def test_overview_filters_by_status_and_date(window, qtbot):
    dock, pane = _open_overview(window, qtbot, "types")
    pane.set_filter(status="suggested")
    view = _show_tab(pane, qtbot, "types")
    assert view.data.total == 5  # all five suggestions, nothing decided yet
    pane.set_filter(status="suggested", date_from="2022")
    view = _show_tab(pane, qtbot, "types")
    assert view.data.total == 0
    pane.date_from.setText("20x")
    pane.invalidate()
    qtbot.waitUntil(lambda: "YYYY" in pane.info.text())
