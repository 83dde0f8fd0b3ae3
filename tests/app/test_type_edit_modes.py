"""The window's editor and ``eventcoder edit`` agree when an edit changes an event's type: the modes the new type
does not take are cleared (the new-user trial: an ACCUSE event with mode "disapprove" edited to PROTEST by
``eventcoder edit`` kept the mode, so the window showed an empty Mode while the export said "disapprove"). The
editor refills Mode with the new type's modes; core/event_attributes.py is the rule both go through (the command
line's side: tests/core/test_typed_codes_one_rule.py). Real store, real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from eventcoder.core.model import Document, Event
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

from .conftest import open_window

TEXT = "Dock workers accused the port authority of ignoring safety rules on Thursday."


def test_retyping_the_type_in_the_editor_clears_a_mode_the_new_type_lacks(qtbot, tmp_path, settings, keys):
    plover = load_scheme("plover")
    project = Project(tmp_path / "plv.db", annotator="tester")
    doc_id, _ = project.add_document(Document(text=TEXT, title="Dock workers", published="2025-06-12"))
    project.set_meta("scheme", "plover")
    event = project.add_event(Event(doc_id, "ACCUSE", source_code="LAB", target_code="GOV", sentence_start=0,
                                    sentence_end=len(TEXT), mode="disapprove", status="accepted", origin="human",
                                    annotator="tester", scheme=plover.name))
    win = open_window(qtbot, project, settings)
    try:
        win.session.set_current_event(event.id)
        win.article.setFocus()
        keys("E", Qt.Key.Key_Tab)  # Source, then the event's code
        editor = win.editor
        assert QApplication.focusWidget() is editor.code.line
        assert editor.mode_box.currentData() == "disapprove"  # ACCUSE takes it: shown
        editor.code.line.selectAll()
        qtbot.keyClicks(editor.code.line, "PROTEST")
        assert "disapprove" not in plover.modes_for("PROTEST")
        shown = [editor.mode_box.itemData(i) for i in range(editor.mode_box.count())]
        assert [m for m in shown if m] == list(plover.modes_for("PROTEST"))  # Mode refilled with PROTEST's
        keys(Qt.Key.Key_Return)
        assert win.session.save_state == "saved", win.session.save_problem
        before, saved = event, project.get_event(event.id)
        # the stored row: the new type, the mode it lacks cleared, everything else as it was, one new version
        assert (saved.event_code, saved.mode, saved.version) == ("PROTEST", None, before.version + 1)
        assert (saved.source_code, saved.target_code, saved.status, saved.origin, saved.annotator, saved.context,
                saved.scheme) == ("LAB", "GOV", "accepted", "human", "tester", None, plover.name)
        entry = project.last_change("event", event.id)
        assert (entry["who"], entry["action"]) == ("tester", "edit event ACCUSE → PROTEST")
        assert (entry["before"]["mode"], entry["after"]["mode"]) == ("disapprove", None)
        assert win.session.core.history.undo_label() == "edit event ACCUSE → PROTEST"
        win.article.setFocus()
        keys(("Z", Qt.KeyboardModifier.ControlModifier))  # one undo step brings the type and its mode back
        undone = project.get_event(event.id)
        assert (undone.event_code, undone.mode, undone.version) == ("ACCUSE", "disapprove", saved.version + 1)
        assert {k: v for k, v in project.get_row("event", event.id).items() if k not in ("version", "updated_at")} \
            == {k: v for k, v in entry["before"].items() if k not in ("version", "updated_at")}  # exactly as before
        assert not win.session.core.history.can_undo()
    finally:
        win.workers.cancel_all()
        win.workers.wait(5000)
        win.close()
        project.close()
