"""The window's other duties: editor rules, labels, clicks, documents list, settings, workers, help."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt

from eventcoder.app import dialogs, main_window
from eventcoder.core.model import Document

from .conftest import ARTIFACTS


def _rows(project, sql, params=()):
    return project.db.execute_returning_dicts(sql, list(params))


def test_required_roles_enforced_and_only_taken_roles_shown(window, keys):
    project = window.session.project
    keys("J", "N")
    window.editor.target.clear()  # the analyst removed the pre-filled target
    keys("C", "0", "4", "0", Qt.Key.Key_Return)
    assert "Target is required" in window.editor.error.text()
    assert _rows(project, "SELECT * FROM events WHERE origin = 'human'") == []
    form = window.editor.form
    assert form.isRowVisible(window.editor.target) and not form.isRowVisible(window.editor.location)
    assert form.isRowVisible(window.editor.date)  # every event has a date (exported), whatever roles its type lists
    window.editor.code.set_code("112")
    window.editor._show_roles("112")
    assert form.isRowVisible(window.editor.location)  # 112 takes the default roles (date, location too)
    keys(Qt.Key.Key_Escape)
    assert window.editor.mode == "idle"


def test_code_type_ahead_on_label(window, keys):
    keys("J", "N", "C")
    for ch in "accuse":
        keys(ch.upper() if False else getattr(Qt.Key, f"Key_{ch.upper()}"))
    assert window.editor.code.line.text() == "accuse"
    assert window.editor.code.resolve() == "112"
    assert "Accuse" in window.editor.code.about.text()


def test_label_keys_and_source_key(window, keys):
    project = window.session.project
    text = window.session.doc.document.text
    start = text.index("Taliban to deliver")
    window.article.show_range(start, start + len("Taliban"), select=True)
    keys("1")  # an existing suggested span: relabelled (and so accepted) as actor
    taliban = _rows(project, "SELECT * FROM spans WHERE text = 'Taliban'")
    assert taliban[0]["status"] == "accepted" and taliban[0]["layer"] == "actor"
    start = text.index("AUKUS")
    window.article.show_range(start, start + len("AUKUS"), select=True)
    keys("3")  # new span with the scheme's third label (location)
    aukus = _rows(project, "SELECT * FROM spans WHERE text = 'AUKUS'")
    assert [(r["layer"], r["origin"]) for r in aukus] == [("location", "human")]
    # S: the selected words become the source of the current event
    keys("J")
    event = window.session.current_event
    start = text.index("Sergey Lavrov")
    window.article.show_range(start, start + len("Sergey Lavrov"), select=True)
    keys("S")
    row = _rows(project, "SELECT e.status, s.text FROM events e JOIN spans s ON s.id = e.source_span_id "
                         "WHERE e.id = ?", [event.id])[0]
    # S sets that role only: the suggestion stays undecided (nothing the analyst did not touch is accepted)
    assert row == {"status": "suggested", "text": "Sergey Lavrov"}
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    row = _rows(project, "SELECT e.status, s.text FROM events e JOIN spans s ON s.id = e.source_span_id "
                         "WHERE e.id = ?", [event.id])[0]
    assert row["status"] == "suggested" and row["text"].startswith("Russian foreign minister")
    assert _rows(project, "SELECT * FROM spans WHERE text = 'Sergey Lavrov'") == []


def test_click_on_highlight_selects_its_event_and_tooltip_explains(window, qtbot):
    doc = window.session.doc
    span = next(s for s in doc.spans.values() if s.text == "threatened")
    window.article.show_range(span.start)
    cursor = window.article.textCursor()
    cursor.setPosition(span.start + 3)
    rect = window.article.cursorRect(cursor)
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    assert window.session.current_event.event_code == "138"
    tip = window.article.tooltip_html(next(s for s in doc.spans.values() if s.code == "RUSGOV"))
    assert "RUSGOV" in tip and "Russia · Government" in tip and "112" in tip and "Accuse" in tip and "why" in tip


def test_documents_list_fetches_lazily_searches_and_steps(window, keys, qtbot):
    project = window.session.project
    with project.transaction():
        for i in range(450):
            project.add_document(Document(text=f"Report {i}: talks in Kabul went on, number {i}.", title=f"Report {i}"))
    pane = window.documents
    pane.model.refresh()
    assert pane.model.rowCount() == 200 and pane.model.canFetchMore(pane.model.index(-1, -1))
    pane.table.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 200, timeout=2000)
    pane.search.setText("Lavrov")
    pane.apply_filter()
    assert pane.model.rowCount() == 1
    pane.search.setText("")
    pane.status.setCurrentIndex(2)  # done
    assert pane.model.rowCount() == 0
    pane.status.setCurrentIndex(0)
    first = window.session.document_id
    keys(("Down", Qt.KeyboardModifier.AltModifier) if False else (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
    assert window.session.document_id == first + 1
    assert window.session.doc.document.title == "Report 0"
    keys((Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier))
    assert window.session.document_id == first
    keys(("F", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert pane.search.hasFocus()


def test_layout_document_and_scroll_restored(qtbot, app_project, settings, tmp_path):
    from eventcoder.app.main_window import MainWindow
    from eventcoder.app.session import CodingSession

    def open_window():
        scheme, _ = CodingSession.initial_scheme(app_project)
        win = MainWindow(CodingSession(app_project, scheme), settings)
        qtbot.addWidget(win)
        win.restore_layout()
        win.restore_document()
        win.show()
        qtbot.waitExposed(win)
        return win

    app_project.add_document(Document(text="A second article.\n\nNothing to code.", title="Second"))
    first = open_window()
    first.open_document(first.documents.model.rows[0].id)
    bar = first.article.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    first.findChild(main_window.QDockWidget, "relations_dock").hide()
    first.close()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value("window/state") is not None
    second = open_window()
    qtbot.waitUntil(lambda: second.article.verticalScrollBar().value() == scroll, timeout=2000)
    assert second.session.document_id == first.session.document_id
    assert not second.findChild(main_window.QDockWidget, "relations_dock").isVisible()


def test_suggestions_run_in_a_worker(window, qtbot, monkeypatch):
    from eventcoder.app.workers import CoderUnavailable
    from eventcoder.core.model import CodedDocument, SuggestedEvent, SuggestedSpan
    from eventcoder.core.store import Project

    def no_coder(worker, scheme):
        raise CoderUnavailable("suggestions unavailable (no spaCy model)")

    monkeypatch.setattr(main_window, "load_coder", no_coder)
    window.start_model()
    qtbot.waitUntil(lambda: "unavailable" in window.model_label.text(), timeout=3000)

    def fake_coding(worker, db_path, scheme, ids):
        with Project(db_path) as project:  # its own connection, as the real job
            for n, doc_id in enumerate(ids, start=1):
                text = project.get_document(doc_id).text
                start = text.index("Kabul")
                project.save_coded(doc_id, CodedDocument(
                    spans=[SuggestedSpan(start, start + 5, "Kabul", code="AFG")],
                    events=[SuggestedEvent("010", "AFG", None, 0, None, None, 0, len(text), confidence=0.3)]))
                worker.report(n)
        return {"documents": len(ids), "events": len(ids), "ids": list(ids), "cancelled": False}

    doc_id, _ = window.session.project.add_document(Document(text="Talks in Kabul resumed.", title="Kabul"))
    window.documents.model.refresh()
    window.open_document(doc_id)
    monkeypatch.setattr(main_window, "code_documents_job", fake_coding)
    worker = window.suggest_documents([doc_id], show_progress=True)
    assert worker is not None
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=5000)
    qtbot.waitUntil(lambda: len(window.session.doc.events) == 1, timeout=2000)
    assert window.article.highlight_count == 1
    assert "Suggested 1 event in" in window.statusBar().currentMessage()


def test_cheat_sheet_lists_every_key(window, keys, monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "show_cheat_sheet", lambda parent, rows: seen.append(rows))
    keys(Qt.Key.Key_F1)
    rows = dict(seen[0])
    for key in ("J", "K", "A / Return / Enter", "X / Delete", "E", "N", "C", "S", "T", "R", "Alt+Down",
                "Ctrl+Z", "Ctrl+Shift+Z / Ctrl+Y", "Ctrl+F", "1", "4"):
        assert key in rows, key
    html = dialogs.cheat_sheet_html(seen[0])
    assert "N C 1 1 2 Enter" in html
    menu_keys = {a.shortcut().toString() for a in window.actions_by_name.values()}
    assert {"J", "A", "X", "N", "C", "R", "Ctrl+Z"} <= menu_keys


def test_import_by_drop_path(window, tmp_path):
    article = tmp_path / "kabul.txt"
    article.write_text("Kabul talks\n\nThe Taliban met Pakistani officials in Kabul on Monday.\n", encoding="utf-8")
    before = window.session.project.document_count()
    job = window.import_paths([str(article)])  # in the background: the outcome once the job is done
    assert job is not None and job.wait(10_000)
    ids = job.outcome.ids
    assert len(ids) == 1 and window.session.project.document_count() == before + 1
    assert window.documents.model.rowCount() == before + 1


def test_screenshot(window, keys, qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "choose_relation_type", lambda parent, choices, a, b: "member_of")
    keys("J", "A", "X")  # one accepted, one rejected, the next suggestion selected
    window.article.show_range(window.session.doc.document.text.index("Russian foreign") - 1)
    keys("]", "R", "[", "[", "[", "R")  # relation: Lavrov member of Russia
    relation = window.session.doc.relations[0]
    spans = window.session.doc.spans
    assert (spans[relation.from_span_id].code, spans[relation.to_span_id].text) == ("RUSGOV", "Russia")
    keys("J", "K")
    window.article.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "main_window_relations.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 20_000


def test_delete_relation_from_its_list(window, keys, monkeypatch):
    monkeypatch.setattr(dialogs, "choose_relation_type", lambda parent, choices, a, b: "same_as")
    text = window.session.doc.document.text
    window.article.show_range(text.index("India") - 1)
    keys("]", "R", "]", "R")
    assert len(window.session.doc.relations) == 1
    window.relations.view.setFocus()
    window.relations.view.setCurrentIndex(window.relations.model.index(0, 0))
    keys(Qt.Key.Key_Delete)
    assert window.session.doc.relations == []
    assert window.session.project.db.execute("SELECT count(*) FROM relations").fetchone()[0] == 0


def test_edit_key_then_enter_saves_and_keeps_what_is_not_shown(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    keys("E")
    assert window.editor.source.line.hasFocus()
    keys("R", "U", "S", Qt.Key.Key_Return)
    row = _rows(project, "SELECT * FROM events WHERE id = ?", [event.id])[0]
    assert (row["source_code"], row["status"], row["date"], row["annotator"]) == (
        "RUS", "accepted", "2021-12-06", "tester")
    assert _rows(project, "SELECT code FROM spans WHERE id = ?", [event.source_span_id])[0]["code"] == "RUS"
    assert window.article.hasFocus()
    keys(("Z", Qt.KeyboardModifier.ControlModifier))  # the edit and the span's new code undo together
    row = _rows(project, "SELECT * FROM events WHERE id = ?", [event.id])[0]
    assert (row["source_code"], row["status"]) == ("RUSGOV", "suggested")
    assert _rows(project, "SELECT code FROM spans WHERE id = ?", [event.source_span_id])[0]["code"] == "RUSGOV"


def test_new_project_then_back(window, monkeypatch, tmp_path):
    old = window.session.project.path
    monkeypatch.setattr(dialogs, "ask_new_project", lambda parent, start: str(tmp_path / "other.db"))
    window.new_project()
    assert window.session.project.path == tmp_path / "other.db"
    assert window.session.doc is None and window.documents.model.rowCount() == 0
    assert "other.db" in window.windowTitle()
    monkeypatch.setattr(dialogs, "ask_open_project", lambda parent, start: str(old))
    window.open_project()
    assert window.session.doc is not None and len(window.session.doc.events) == 5
    assert window.session.scheme.name == "MINI-CAMEO"


def test_events_list_shows_an_uncoded_role_by_its_words(window):
    from eventcoder.core import commands

    session = window.session
    taliban = next(s for s in session.doc.spans.values() if s.text == "Taliban")
    assert taliban.code is None
    event = session.doc.events[0]
    session.do(lambda: commands.edit_event(session.project, event.id, target_span_id=taliban.id, target_code=None))
    row = next(k for k, e in enumerate(window.events.model.rows) if e.id == event.id)
    assert window.events.model.index(row, 3).data() == "“Taliban”"
    assert window.events.model._role_text(None) == "—"
