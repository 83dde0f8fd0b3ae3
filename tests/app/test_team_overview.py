"""A shared team file in the window: the overview counts the layer on screen (mine by default, another's or the
curated one on demand) and its clicks list only that layer's events, read off the UI thread; Ctrl+D marks a
document done for me only (undoable) and the progress figure shows each annotator's marks; the least certain
suggestions are drawn differently in the article and the events list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QDockWidget

from eventcoder.app.styles import LEGEND_HTML
from eventcoder.core import commands
from eventcoder.core.certainty import HIGH, LOW, MEDIUM, NONE, UNCERTAIN_BELOW, certainty_band, span_certainty
from eventcoder.core.overview import PARTS
from eventcoder.core.store import Project

from .conftest import close_window, seed_project, window_as


def _close(win) -> None:
    if win.overview.pane is not None:
        win.overview.pane.wait(5000)
    win.events.lister.wait(5000)
    close_window(win)


def _team(tmp_path):
    """The seed article in a shared file: ben accepted every suggestion; ana (the window) accepts two."""
    path = tmp_path / "team.db"
    project = seed_project(path)
    project.set_team_layers(True)
    doc_id = project.document_ids()[0]
    with Project(path, annotator="ben") as ben:
        for event in ben.events(doc_id):
            commands.accept_event(ben, event.id).apply(ben)
    return project, doc_id


def _count(pane, qtbot, part="types"):
    with qtbot.waitSignal(pane.refreshed, timeout=20_000, check_params_cb=lambda p: p == part):
        if pane.part == part:
            pane.invalidate()
        else:
            pane.tabs.setCurrentIndex(PARTS.index(part))
    return pane.last_overview[part].figure(part)


def test_overview_counts_the_layer_shown_and_clicks_list_it(qtbot, keys, tmp_path):
    project, doc_id = _team(tmp_path)
    win = window_as(qtbot, tmp_path, project, "ana")
    try:
        keys("J", "A", "A")  # ana accepts the first two suggestions (in her layer)
        qtbot.waitUntil(lambda: win.session.save_state == "saved")
        mine = [e for e in project.events(doc_id) if e.annotator == "ana" and e.status == "accepted"]
        bens = [e for e in project.events(doc_id) if e.annotator == "ben" and e.status == "accepted"]
        assert len(mine) == 2 and len(bens) == 5
        dock = win.findChild(QDockWidget, "overview_dock")
        dock.toggleViewAction().trigger()
        qtbot.waitUntil(lambda: win.overview.pane is not None)
        pane = win.overview.pane
        figure = _count(pane, qtbot)
        assert figure.total == len(mine)  # my layer only: ben's events and the suggestions he decided are not mine
        assert "layer: mine (ana)" in pane.info.text()
        assert pane._layer_cache is not None and pane._layer_cache[0] == pane._layer_key()  # reused by the next count
        # ana accepts one more in another window: the overview sees the commit and chooses her layer's events anew
        with Project(project.path, annotator="ana") as other:
            pending = next(e for e in other.events(doc_id) if e.status == "suggested" and e.annotator is None
                           and e.id not in {m.decides for m in mine})
            commands.accept_event(other, pending.id).apply(other)
        qtbot.waitUntil(lambda: pane.last_overview["types"].types.total == len(mine) + 1, timeout=20_000)
        mine = [e for e in project.events(doc_id) if e.annotator == "ana" and e.status == "accepted"]
        figure = pane.last_overview["types"].types
        # a click lists exactly my layer's events of that bar, read off the UI thread
        bar = figure.bars[0]
        pane._picked(bar.selection)
        assert pane.info.text().startswith("listing")
        assert pane.lister.wait()
        listed = win.events.listed_ids()
        assert listed and {project.get_event(i).annotator for i in listed} == {"ana"}
        assert sorted(listed) == sorted(e.id for e in mine if e.event_code in bar.selection.codes)
        win.events.show_only(None, "")
        # View ▸ Show layer ▸ ben: the overview follows
        win.actions_by_name["show_layer_ben"].trigger()
        qtbot.waitUntil(lambda: "layer: ben's layer" in pane.info.text(), timeout=20_000)
        assert pane.last_overview["types"].types.total == len(bens)
        win.actions_by_name["show_layer_all"].trigger()
        qtbot.waitUntil(lambda: "layer: every layer" in pane.info.text(), timeout=20_000)
        assert pane.last_overview["types"].types.total == len(bens) + len(mine)
        win.actions_by_name["show_layer_curated"].trigger()
        qtbot.waitUntil(lambda: "layer: curated" in pane.info.text(), timeout=20_000)
        assert pane.last_overview["types"].types.total == 0
        win.actions_by_name["show_layer_mine"].trigger()
        qtbot.waitUntil(lambda: "layer: mine (ana)" in pane.info.text(), timeout=20_000)
        # "All documents": listing…, then my layer's events only
        win.events.set_filter(status="accepted")
        win.events.all_documents.setChecked(True)
        assert "listing…" in win.events.list_label.text() and win.events.listing_busy
        assert win.events.lister.wait()
        assert sorted(win.events.listed_ids()) == sorted(e.id for e in mine)
        # a newer request cancels the older: only the last one's list is shown
        win.events.set_filter(status="suggested")
        win.events.set_filter(status="accepted", code="1")
        assert win.events.lister.wait()
        assert sorted(win.events.listed_ids()) == sorted(e.id for e in mine if e.event_code.startswith("1"))
        win.events.all_documents.setChecked(False)
    finally:
        _close(win)


def test_done_is_mine_and_progress_shows_each_annotator(qtbot, keys, tmp_path):
    project, doc_id = _team(tmp_path)
    win = window_as(qtbot, tmp_path, project, "ana")
    try:
        rows = win.documents.model
        assert not win.session.doc.document.done
        keys((Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier))
        qtbot.waitUntil(lambda: win.session.save_state == "saved")
        assert win.session.doc.document.done and project.annotator_done(doc_id, "ana")
        assert not project.annotator_done(doc_id, "ben")
        with Project(project.path, annotator="ben") as ben:
            assert not ben.get_document(doc_id).done and ben.document_summaries()[0].done is False
        assert project.document_summaries()[0].done  # the list's row: my mark
        assert rows.data(rows.index(0, 0)) == "✔"
        dock = win.findChild(QDockWidget, "overview_dock")
        dock.toggleViewAction().trigger()
        qtbot.waitUntil(lambda: win.overview.pane is not None)
        figure = _count(win.overview.pane, qtbot, "progress")
        assert ("ana", 1, 0) in figure.rows and ("ben", 0, 1) in figure.rows
        keys((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))  # undo: to do again, for me
        qtbot.waitUntil(lambda: not project.annotator_done(doc_id, "ana"))
        assert not win.session.doc.document.done
        figure = _count(win.overview.pane, qtbot, "progress")
        assert ("ana", 0, 1) in figure.rows
    finally:
        _close(win)


def test_the_least_certain_suggestions_look_different(window):
    assert [certainty_band(c) for c in (None, 0.2, UNCERTAIN_BELOW - 0.01, UNCERTAIN_BELOW, 0.9)] == \
        [NONE, LOW, LOW, MEDIUM, HIGH]
    assert span_certainty([0.3, 0.8]) == HIGH and span_certainty([], 0.1) == LOW and span_certainty([None]) == NONE
    model = window.events.model
    glyphs = {model.events[r].confidence: model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert glyphs == {0.82: "○", 0.55: "○", 0.41: "○?", 0.70: "○", 0.60: "○"}
    low = next(r for r in range(model.rowCount()) if model.events[r].confidence == 0.41)
    assert "least certain" in model.data(model.index(low, 2), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(low, 2), Qt.ItemDataRole.ForegroundRole) is not None
    # in the article: the trigger of the 0.41 suggestion is dotted and paler; a confident one's is not
    doc = window.session.doc
    article = window.article
    weak = next(e for e in doc.events if e.confidence == 0.41)
    sure = next(e for e in doc.events if e.confidence == 0.82)
    assert weak.trigger_span_id in article._uncertain and sure.trigger_span_id not in article._uncertain
    weak_fmt = article._selections[weak.source_span_id].format
    sure_fmt = article._selections[sure.source_span_id].format
    assert weak_fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert sure_fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert weak_fmt.background().color().alpha() < sure_fmt.background().color().alpha()
    assert "least certain" in article.tooltip_html(doc.spans[weak.trigger_span_id])
    assert "least certain" in LEGEND_HTML and "○?" in LEGEND_HTML
    # accepting it: no longer a suggestion, no longer drawn as doubtful
    assert window.session.core.accept(weak.id)
    assert weak.trigger_span_id not in article._uncertain
