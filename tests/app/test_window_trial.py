"""What a new user's trial of the window found, each with real widgets: no display, the overview's size, the
cheat sheet on a small screen, the "N/25 new codings" count, a bad or read-only project, long status messages,
find, a role from another sentence, undo labels, and the looks (adjudication tint, an empty overview)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDockWidget

from .conftest import open_window, seed_project

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


# ---------------------------------------------------------------------------- 1. no display


def _free_display_number() -> int:
    return next(n for n in range(170, 400) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    base["XDG_SESSION_TYPE"] = "tty"
    db = tmp_path / "never.db"
    for extra, why in (({}, "DISPLAY is not set"),
                       ({"DISPLAY": f":{_free_display_number()}"}, "no X server answers at DISPLAY=:")):
        result = subprocess.run([sys.executable, "-m", "eventcoder.cli", "gui", "--db", str(db)], env={**base, **extra},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, result.stderr  # not Qt's abort (134)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("eventcoder: there is no display") and why in lines[0]
        assert "eventcoder --help" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
        assert "xcb-cursor" not in result.stderr
        assert not db.exists()  # nothing was created on the way


def test_a_listening_display_socket_counts_as_a_display(tmp_path):
    from eventcoder.app.main import display_problem

    env = {"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-7", "QT_QPA_PLATFORM": "wayland"}
    assert "no Wayland compositor at WAYLAND_DISPLAY=wayland-7" in display_problem(env)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-7"))
        server.listen(1)
        assert display_problem(env) is None  # a compositor listens there
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None  # no display needed


# ---------------------------------------------------------------------------- 2. the overview's size


def test_view_overview_opens_at_a_readable_height_and_remembers_it(window, qtbot, settings):
    from eventcoder.app.main_window import OVERVIEW_HEIGHT_KEY

    window.resize(1480, 900)
    qtbot.waitUntil(lambda: window.height() == 900)
    dock = window.findChild(QDockWidget, "overview_dock")
    events = window.findChild(QDockWidget, "events_dock")
    dock.toggleViewAction().trigger()  # View ▸ Overview
    qtbot.waitUntil(lambda: window.overview.pane is not None and dock.height() >= 0.35 * window.height())
    pane = window.overview.pane
    qtbot.waitUntil(lambda: pane.views["types"].height() >= 200)  # a figure, not a strip
    assert events.geometry().bottom() > dock.geometry().top()  # the events list keeps the full height beside it

    window.resizeDocks([dock], [300], Qt.Orientation.Vertical)  # the analyst drags it smaller
    qtbot.waitUntil(lambda: dock.height() == 300)
    dock.toggleViewAction().trigger()  # closed ...
    assert not dock.isVisible() and int(settings.value(OVERVIEW_HEIGHT_KEY)) == 300
    dock.toggleViewAction().trigger()  # ... and opened again at the height it had
    qtbot.waitUntil(lambda: dock.isVisible() and dock.height() == 300)


# ---------------------------------------------------------------------------- 3. the cheat sheet fits the screen


def test_cheat_sheet_fits_the_available_screen(window, keys, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    keys("?")
    sheet = window._cheat_sheet
    qtbot.waitUntil(lambda: sheet.isVisible())
    available = sheet.screen().availableGeometry()
    frame = sheet.frameGeometry()
    assert frame.width() <= available.width() and frame.height() <= available.height()
    assert available.contains(frame)
    text = sheet.findChild(QTextBrowser, "cheat_sheet_text")
    plain = text.toPlainText()
    assert "Ctrl+Shift+Z / Ctrl+Y" in plain and "N C 1 1 2 Enter" in plain  # every key still there, scrolling
    assert text.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded  # what does not fit scrolls


def test_cheat_sheet_html_in_two_columns_keeps_every_row():
    from eventcoder.app import dialogs
    from eventcoder.app.keymap import cheat_sheet_rows

    rows = cheat_sheet_rows(["actor", "trigger"])
    one, two = dialogs.cheat_sheet_html(rows, 1), dialogs.cheat_sheet_html(rows, 2)
    assert one.count("<tr><td align='right'") == two.count("<tr><td align='right'") == len(rows)


# ---------------------------------------------------------------------------- 4. "N/25 new codings"


def test_new_codings_count_what_the_analyst_did_right_after_each_change(window, keys, qtbot):
    label = window.learner_label
    qtbot.waitUntil(lambda: "0/25 new codings" in label.text())

    def after(*pressed) -> str:
        for key in pressed:
            if key == "undo":
                window.undo()
            else:
                keys(key)
        qtbot.waitUntil(lambda: window.session.save_state == "saved")
        return label.text()  # no waiting for the retraining check: shown at once

    assert "1/25 new codings" in after("J", "A")  # accept
    assert "2/25 new codings" in after("X")  # reject
    assert "1/25 new codings" in after("undo")  # the undo takes the reject back
    assert "1/25 new codings" in after("K")  # moving writes nothing, counts nothing
    assert window.retraining.codings_since_model == 1
    assert "2/25 new codings" in after(("Z", CTRL | SHIFT))  # redo: the reject again


def test_an_event_decided_then_edited_is_one_coding(window, keys, qtbot):
    from eventcoder.core import learn

    project = window.session.project
    keys("J", "A")
    qtbot.waitUntil(lambda: window.session.save_state == "saved")
    event = project.events(status="accepted")[0]
    assert window.session.core.edit_event(event.id, note="checked twice") is not None
    assert learn.codings_since_model(project, window.session.scheme) == 1


# ---------------------------------------------------------------------------- 5. bad or read-only project


def test_a_project_that_is_not_sqlite_gets_a_dialog_that_offers_another(qtbot, tmp_path, settings, monkeypatch,
                                                                          capsys):
    from eventcoder.app import dialogs
    from eventcoder.app.main import open_window as open_app

    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a project\n" * 50, encoding="utf-8")
    asked = []
    monkeypatch.setattr(dialogs, "ask_other_project", lambda parent, path, reason: asked.append((path, reason)))
    assert open_app(bad, seed=False, settings=settings) is None  # Quit
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("eventcoder: ") and str(bad) in err[0]
    assert asked and asked[0][0] == bad and asked[0][1] in err[0]

    good = tmp_path / "other.db"
    monkeypatch.setattr(dialogs, "ask_other_project", lambda parent, path, reason: str(good))
    opened = open_app(bad, seed=False, settings=settings)  # "Open another project…": that one opens
    assert opened is not None
    win, _seeded = opened
    qtbot.addWidget(win)
    try:
        assert win.session.project.path == good
    finally:
        win.close()
        win.session.project.close()


def test_a_read_only_project_never_says_changes_are_saved(qtbot, tmp_path, settings, keys):
    from eventcoder.core.store import Project

    path = tmp_path / "ro.db"
    seed_project(path).close()
    project = Project(path, readonly=True)
    win = open_window(qtbot, project, settings)
    try:
        assert win.saved_label.text() == "Read-only: changes cannot be saved"
        assert "read-only" in win.saved_label.toolTip()
        keys("J", "A")
        assert "All changes saved" not in win.saved_label.text()
    finally:
        win.workers.cancel_all()
        win.workers.wait(5000)
        win.close()
        project.close()


# ---------------------------------------------------------------------------- 6. long status messages


def test_a_long_status_message_is_elided_at_its_end_and_whole_in_the_tooltip(window, qtbot):
    window.resize(1480, 900)
    qtbot.waitUntil(lambda: window.width() == 1480)
    text = ("Type learner not retrained: not enough codings to train on: 2 decided events of 1 type; it needs at "
            "least 10 events of 2 types (accept or reject more suggestions, then Ctrl+T)")
    window.show_message(text)
    bar = window.statusBar()
    assert bar.currentMessage() == text and bar.toolTip() == text  # the whole text, always reachable
    assert not window.hint_label.isVisible()  # the key hint gave the message its room
    shown = bar.displayed_message()
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_room()
    if shown != text:  # still too long: its start (what happened, to what) stays readable, the rest in the tooltip
        assert shown.endswith("…") and text.startswith(shown[:-1].rstrip())
    bar.clearMessage()
    assert window.hint_label.isVisible()
    window.show_message("Saved")  # a short one fits whole and leaves the hint
    assert bar.displayed_message() == "Saved" and window.hint_label.isVisible()


# ---------------------------------------------------------------------------- 7. keys


def test_find_starts_at_the_top_of_the_text_on_screen_not_at_the_event_caret(window, keys, qtbot):
    import re

    article = window.article
    text = window.session.doc.document.text
    matches = [m.start() for m in re.finditer("lavrov", text, re.IGNORECASE)]
    keys("J", "J", "J", "J")  # the caret follows the events down the article
    assert article.textCursor().position() > matches[0]
    article.verticalScrollBar().setValue(0)  # the analyst reads from the top
    keys(("F", CTRL), *"lavrov")
    assert article.found_index == 0 and article.find_bar.count.text() == f"1 of {len(matches)}"
    keys(Qt.Key.Key_Escape)

    bar = article.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the first match from the top of what is on screen
    cursor = article.textCursor()
    cursor.clearSelection()
    article.setTextCursor(cursor)
    bar.setValue(bar.maximum())
    start = article.find_start()
    assert start > 0
    article.find("lavrov")
    expected = next((i for i, m in enumerate(matches) if m >= start), 0)
    assert article.found_index == expected


def test_s_on_words_from_another_sentence_is_refused(window, keys, qtbot):
    from eventcoder.core.session import RoleOutsideSentence, role_outside_sentence

    project = window.session.project
    keys("J")
    event = window.session.current_event
    sentence = (event.sentence_start, event.sentence_end)
    keys(("F", CTRL), *"lavrov", Qt.Key.Key_Return)  # the second Lavrov: in another sentence
    found = window.article.found[window.article.found_index]
    assert not (sentence[0] <= found[0] < sentence[1])
    keys(Qt.Key.Key_Escape, "S")
    stored = project.get_row("event", event.id)
    assert (stored["source_code"], stored["source_span_id"]) == (event.source_code, event.source_span_id)
    assert "another sentence" in window.statusBar().currentMessage()
    assert "another sentence" in window.editor.error.text()

    # core's rule, for any caller: words outside the event's sentence are refused, words inside are not
    assert role_outside_sentence(sentence, "source", sentence[0], sentence[0] + 3, "abc") is None
    assert "another sentence" in role_outside_sentence(sentence, "source", *found, "Lavrov")
    from eventcoder.core import commands

    span = next(s for s in window.session.doc.spans.values() if s.start >= sentence[1] and s.layer == "actor")
    try:
        window.session.core.edit_event(event.id, roles={"source": commands.RoleWords(span.code, span.id,
                                                                                     picked=True)})
    except RoleOutsideSentence as exc:
        assert span.text in str(exc)
    else:
        raise AssertionError("an actor from another sentence was saved")
    assert project.get_row("event", event.id)["version"] == stored["version"]  # nothing was written


def test_undo_and_redo_are_journalled_as_such_and_said(window, keys, qtbot):
    project = window.session.project
    keys("J", "X")
    qtbot.waitUntil(lambda: window.session.save_state == "saved")
    label = project.history(1)[0]["action"]
    assert label.startswith("reject event ")
    window.undo()
    assert project.history(1)[0]["action"] == f"undo: {label}"
    assert window.statusBar().currentMessage() == f"Undone: {label}"
    window.redo()
    assert project.history(1)[0]["action"] == f"redo: {label}"
    assert window.statusBar().currentMessage() == f"Redone: {label}"
    actions = [h["action"] for h in project.history(20)]
    assert actions.count(label) == 1  # the original, once


# ---------------------------------------------------------------------------- 8. looks


def test_an_empty_overview_says_so_and_counts_in_words(window, qtbot):
    from eventcoder.core.overview import PARTS

    dock = window.findChild(QDockWidget, "overview_dock")
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.overview.pane is not None)
    pane = window.overview.pane
    pane.set_filter(status="accepted")  # nothing is accepted yet
    qtbot.waitUntil(lambda: pane.views["types"].data is not None and "events ·" in pane.info.text(), timeout=20_000)
    view = pane.views["types"]
    assert view.empty_text == "No events for this filter" and "0 events ·" in pane.info.text()
    assert not view.getPlotItem().getAxis("left").isVisible()  # no made-up 0.1–0.9 axis
    assert not view.getPlotItem().getAxis("bottom").isVisible()

    with qtbot.waitSignal(pane.refreshed, timeout=20_000, check_params_cb=lambda p: p == "types"):
        window.session.core.accept(window.session.doc.events[0].id)
    assert "1 event ·" in pane.info.text() and view.empty_text == ""
    assert view.getPlotItem().getAxis("left").isVisible()
    assert PARTS[0] == "types"


def test_the_chosen_coding_in_adjudication_uses_the_apps_palette(qtbot, keys, tmp_path, capsys):
    from eventcoder.app.styles import CHOSEN_ROW
    from eventcoder.cli import main
    from eventcoder.core.store import Project

    from .test_adjudication import CTRL_SHIFT, close_window, code_in_window, settings_for

    ann, bob, team = tmp_path / "ann.db", tmp_path / "bob.db", tmp_path / "team.db"
    code_in_window(qtbot, keys, ann, tmp_path, "ann", "AXAAA")
    code_in_window(qtbot, keys, bob, tmp_path, "bob", "AAAXA")
    assert main(["merge", str(ann), str(bob), "--into", str(team)]) == 0
    project = Project(team)
    win = open_window(qtbot, project, settings_for(tmp_path, "cur"))
    try:
        keys((Qt.Key.Key_A, CTRL_SHIFT))
        view = win.adjudication_view
        qtbot.waitUntil(lambda: view.isVisible() and QApplication.focusWidget() is view and view.cur is not None)
        keys("2")  # bob's coding taken; look back at it
        keys("K")
        chosen = [r for r in range(view.table.rowCount()) if view.table.item(r, 0).text().startswith("✓")]
        assert len(chosen) == 1
        for c in range(view.table.columnCount()):
            cell = view.table.item(chosen[0], c)
            assert cell.background().color() == QColor(CHOSEN_ROW)
            assert cell.background().color() != QColor("#00ff00")
            assert cell.font().bold()
    finally:
        close_window(win)
        project.close()
    capsys.readouterr()
