"""One project, one code set, in the window: the Scheme box refuses a scheme that lacks the codes of the
project's events (as ``eventcoder code`` does: core/scheme_mix.py), and an event code the project's scheme does
not list is never saved (N, E: refused in core's session, the reason in the status bar). The status bar's model
slot and its "(last: …)" follow a switch back and an undo."""

from __future__ import annotations

from eventcoder.app import dialogs
from eventcoder.cli import main
from eventcoder.core.store import Project

from .conftest import MINI_SCHEME, open_window


def _events(project):
    return project.db.execute_returning_dicts("SELECT id, event_code, scheme, status, version FROM events ORDER BY id")


def _pick(window, name: str) -> None:
    """The analyst picks ``name`` in the Scheme box (its activated signal, as a click does)."""
    box = window.scheme_box
    index = box.findText(name)
    assert index >= 0, [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_the_scheme_box_refuses_a_scheme_without_the_projects_codes(window, monkeypatch, capsys):
    project = window.session.project
    before, setting = _events(project), project.get_meta("scheme")
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))
    _pick(window, "PLOVER")
    assert window.session.scheme.name == "MINI-CAMEO"  # not switched ...
    assert window.scheme_box.currentText() == "MINI-CAMEO"  # ... and the box says so
    assert project.get_meta("scheme") == setting == str(MINI_SCHEME)  # the project's setting is untouched
    assert shown and shown[0][0] == "Scheme not switched"
    text = shown[0][1]
    assert "events are coded in MINI-CAMEO: 5 of them have codes PLOVER does not have" in text
    assert "The project stays in MINI-CAMEO; nothing was changed" in text
    assert window.statusBar().currentMessage().startswith(
        "Scheme not switched: this project is coded in MINI-CAMEO, and PLOVER lacks the codes of 5 of its events")
    assert "PLOVER" not in window.windowTitle()
    assert _events(project) == before
    # the command line gives the same verdict (one check, one message), and its own scheme setting still codes
    same = "is coded in MINI-CAMEO: 5 of its events have codes PLOVER does not have"
    assert same in text
    assert main(["code", "--scheme", "plover", "--db", str(project.path)]) == 1
    assert same in capsys.readouterr().err


def test_a_typed_code_the_scheme_does_not_list_is_never_saved(window):
    core = window.session.core
    project = core.project
    before = _events(project)
    event = core.move_to_suggestion()
    assert event is not None
    assert core.edit_event(shown=event, event_code="CONSULT") is False  # E, a PLOVER code, Enter
    assert core.save_state == "failed"
    assert core.save_problem.startswith("CONSULT is not an event code of MINI-CAMEO, this project's scheme")
    assert window.statusBar().currentMessage().startswith("Not saved: CONSULT is not an event code of MINI-CAMEO")
    assert window.saved_label.text().startswith("✖ Not saved: CONSULT is not an event code")
    assert core.new_event("CONSULT", at=event.sentence_start) is None  # N, the same code: refused too
    assert core.new_event("10", at=event.sentence_start) is None  # "10" is not "010": codes are strings
    assert _events(project) == before  # nothing written
    assert not core.history.can_undo()
    made = core.new_event("040", at=event.sentence_start)  # a code of the scheme saves as before
    assert made is not None and made.event_code == "040" and made.scheme == "MINI-CAMEO"
    assert core.save_state == "saved"


def test_a_project_set_to_another_scheme_opens_in_the_scheme_of_its_events(qtbot, tmp_path, settings):
    """A CAMEO project whose setting an older window switched to PLOVER: the window opens it in CAMEO (and says
    so), so CONSULT typed in it is refused; the box then switches back and forth as the events allow."""
    from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan

    project = Project(tmp_path / "cameo.db", annotator="tester")
    text = "Ruritania accused Freedonia of shelling the border town of Ostra on Monday."
    doc_id, _ = project.add_document(Document(text=text, title="border"))
    project.save_coded(doc_id, CodedDocument(spans=[SuggestedSpan(0, 9, "Ruritania", code="RUR")], events=[
        SuggestedEvent("112", "RUR", None, 0, None, None, 0, len(text), confidence=0.5)]), scheme="CAMEO")
    project.set_meta("scheme", "plover")
    try:
        from eventcoder.app.main_window import MainWindow
        from eventcoder.app.session import CodingSession

        scheme, problem = CodingSession.initial_scheme(project)  # what the window opens it in, and why
        assert scheme.name == "CAMEO"
        assert problem.startswith("This project's events are coded in CAMEO, but its scheme setting is PLOVER")
        window = MainWindow(CodingSession(project, scheme), settings)
        qtbot.addWidget(window)
        assert window.session.scheme.name == "CAMEO"
        assert window.scheme_box.currentText() == "CAMEO"
        core = window.session.core
        core.open_document(doc_id)
        assert core.new_event("CONSULT", at=0) is None
        assert "CONSULT is not an event code of CAMEO" in core.save_problem
        assert [e["event_code"] for e in _events(project)] == ["112"]
    finally:
        project.close()


def test_the_model_slot_and_the_last_change_follow_a_switch_back_and_an_undo(qtbot, tmp_path, settings):
    project = Project(tmp_path / "empty.db", annotator="tester")  # no events yet: any scheme fits
    from eventcoder.core.model import Document

    project.add_document(Document(text="Ruritania accused Freedonia of shelling the border town.", title="t"))
    project.set_meta("scheme", "cameo")
    try:
        window = open_window(qtbot, project, settings)
        window.set_model_state("model ready")  # the coder of CAMEO was loaded (main.py starts it)
        assert window.switch_scheme("plover")
        assert window.model_state == "model not loaded"  # PLOVER's coder was never loaded
        assert window.switch_scheme("cameo")
        assert window.model_state == "model ready"  # CAMEO's is still loaded in this process
        assert window.model_label.text().startswith("model ready")

        core = window.session.core
        core.open_document(project.document_ids()[0])
        made = core.new_event("112", at=0, source="RUR")
        assert made is not None
        label = window.saved_label.text()
        assert label.startswith("✔ All changes saved (last: ") and "112" in label
        step = label.removeprefix("✔ All changes saved (last: ").removesuffix(")")
        window.session.undo_stack.undo()  # Ctrl+Z
        assert window.saved_label.text() == f"✔ All changes saved (last: undo {step})"
        window.session.undo_stack.redo()
        assert window.saved_label.text() == f"✔ All changes saved (last: {step})"
    finally:
        project.close()
