"""A new user's trial of the window (Mali junta article): N's pre-filled roles, S / T on a suggestion, what the
project's actor dictionary learns, a run over all documents beside the analyst, $EVENTCODER_ANNOTATOR, editing a
rejected event, the status bar's long refusal. Real widgets, real SQLite."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from eventcoder.app import annotator
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.project_actors import project_actors
from eventcoder.core.store import Project

from .conftest import close_window, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

HEADLINE = "Mali junta expels French ambassador"
TEXT = (f"{HEADLINE}\n\n"
        "BAMAKO, Feb 1 (Reuters) - Mali's military junta on Monday ordered the French ambassador to leave.\n\n"
        "Colonel Assimi Goita, the head of the junta, said the decision followed outrageous remarks by French "
        "Foreign Minister Jean-Yves Le Drian.\n")


def _at(phrase: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase, after)
    return start, start + len(phrase)


def mali_project(path) -> tuple[Project, int]:
    """The article as the coder read it in the trial: the headline taken as an actor phrase coded FRAGOV (it holds
    the trigger "expels"), and "junta" coded FRAGOV from that phrase (the coder's coreference)."""
    project = Project(path, annotator="tester")
    doc_id, _ = project.add_document(Document(text=TEXT, title=HEADLINE, published="2022-02-01"))
    spans: list[SuggestedSpan] = []

    def span(phrase: str, code: str | None, layer: str = "actor", why: str = "", after: int = 0,
             origin: str | None = None) -> int:
        start, end = _at(phrase, after)
        spans.append(SuggestedSpan(start, end, phrase, layer=layer, code=code, confidence=0.9, evidence=why,
                                   origin=origin))
        return len(spans) - 1

    clause = span("Mali junta expels French", "FRAGOV", why='actor "French" [FRA]; agent "junta" [~GOV]')
    expels = span("expels", None, "trigger", 'verb EXPEL [161]')
    ambassador = span("ambassador", "MLIGOV", why="agent \"ambassador\" [~GOV]; no country named: the story's (MLI)")
    french_amb = span("French ambassador", "FRAGOV", why='actor "French" [FRA]; agent "ambassador" [~GOV]')
    said_at = TEXT.index("Colonel")
    goita = span("Colonel Assimi Goita", "MLIMIL", why='agent "Colonel" [~MIL]; actor "Assimi Goita" [MLIGOV]')
    junta = span("junta", "FRAGOV", why='agent "junta" [~GOV]; "junta" -> "Mali junta expels French" [FRAGOV]',
                 after=said_at, origin="antecedent")  # found_by, as the coder stores it (coref's carried code)
    drian = span("French Foreign Minister Jean-Yves Le Drian", "FRAGOV",
                 why='actor "French" [FRA]; agent "Foreign Minister" [~GOV]')
    head_end = len(HEADLINE)
    events = [SuggestedEvent("161", "FRAGOV", "MLIGOV", clause, ambassador, expels, 0, head_end,
                             date="2022-02-01", confidence=0.6, evidence="verb EXPEL")]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=events), scheme="CAMEO")
    project.set_meta("scheme", "cameo")
    del french_amb, goita, junta, drian
    return project, doc_id


def _span(project: Project, doc_id: int, text: str, after: int = 0):
    start = TEXT.index(text, after)
    return next(s for s in project.spans(doc_id) if s.start == start and s.text == text and s.layer == "actor")


def _caret(window, pos: int, end: int | None = None) -> None:
    cursor = window.article.textCursor()
    cursor.setPosition(pos)
    if end is not None:
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.article.setTextCursor(cursor)
    window.article.setFocus()


def _learned(project: Project) -> set[tuple[str, str]]:
    return {(a.key, a.code) for a in project_actors(project)}


def _window(qtbot, tmp_path, settings):
    project, doc_id = mali_project(tmp_path / "mali.db")
    win = open_window(qtbot, project, settings)
    win.open_document(doc_id)
    return win, project, doc_id


@pytest.fixture
def mali(qtbot, tmp_path, settings):
    """The trial's window on the Mali article: (window, project, document id); closed after the test."""
    win, project, doc_id = _window(qtbot, tmp_path, settings)
    yield win, project, doc_id
    close_window(win)


def _current_expulsion(win, project: Project, doc_id: int):
    """The coder's suggestion 161 (the headline's "expels"), made the current event."""
    event = next(e for e in project.events(doc_id) if e.event_code == "161")
    win.session.set_current_event(event.id)
    return event


# ---------------------------------------------------------------------------- 1. N's pre-filled roles


def test_new_event_never_prefills_words_with_a_code_of_another_mention(mali, keys):
    win, project, doc_id = mali
    _caret(win, TEXT.index("said the decision") + 2)
    keys("N")
    assert win.editor.mode == "new"
    assert win.editor.source.note.text() == "“Colonel Assimi Goita”" and win.editor.source.code() == "MLIMIL"
    # "junta" carries FRAGOV from the headline's phrase: not its own words' code, so not the target
    assert "junta" not in win.editor.target.note.text() and win.editor.target.code() != "FRAGOV"
    keys("C", "1", "1", "1", Qt.Key.Key_Return)
    made = next(e for e in project.events(doc_id) if e.event_code == "111")
    assert made.target_code is None and made.target_span_id is None
    junta = _span(project, doc_id, "junta", TEXT.index("Colonel"))
    assert (junta.code, junta.status) == ("FRAGOV", "suggested")  # neither recoded nor accepted


# ---------------------------------------------------------------------------- 2. S / T on a suggestion


def test_t_on_a_suggestion_sets_the_target_only_and_learns_nothing_else(mali, keys):
    win, project, doc_id = mali
    event = _current_expulsion(win, project, doc_id)
    start, end = _at("French ambassador")
    _caret(win, start, end)
    keys("T")
    after = project.get_event(event.id)
    french = _span(project, doc_id, "French ambassador")
    assert (after.target_code, after.target_span_id) == ("FRAGOV", french.id)
    assert after.status == "suggested"  # S / T set a role; A decides the event
    clause = _span(project, doc_id, "Mali junta expels French")
    assert (after.source_span_id, clause.status) == (clause.id, "suggested")  # the untouched role as it was
    assert not any(key.startswith("MALI JUNTA") for key, _code in _learned(project))
    keys(("Z", CTRL))  # one undoable step
    assert project.get_event(event.id).target_span_id == event.target_span_id
    keys(("Z", CTRL | SHIFT))
    win.session.set_current_event(event.id)
    keys("A")  # accepting confirms both roles: still, words holding the trigger are no actor name
    assert project.get_event(event.id).status == "accepted"
    assert _span(project, doc_id, "Mali junta expels French").status == "accepted"
    learned = _learned(project)
    assert ("FRENCH AMBASSADOR", "FRAGOV") in learned  # the target the analyst set, confirmed by A
    assert not any(key.startswith("MALI JUNTA") for key, _code in learned)


# ---------------------------------------------------------------------------- 5. editing a rejected event


def test_editing_a_rejected_event_accepts_the_corrected_event(mali, keys):
    win, project, doc_id = mali
    event = _current_expulsion(win, project, doc_id)
    keys("X")
    assert project.get_event(event.id).status == "rejected"
    win.session.set_current_event(event.id)
    keys("C")
    win.editor.code.line.setText("163")
    keys(Qt.Key.Key_Return)
    row = project.get_event(event.id)
    assert (row.event_code, row.status) == ("163", "accepted")
    win.focus_article()
    keys(("Z", CTRL))  # one step back: rejected, under its old code
    row = project.get_event(event.id)
    assert (row.event_code, row.status) == ("161", "rejected")


# ---------------------------------------------------------------------------- 4. who codes


def test_the_environment_names_the_annotator_over_the_saved_name(qtbot, tmp_path, settings, monkeypatch):
    settings.setValue(annotator.SETTING, "saved name")
    monkeypatch.setenv("EVENTCODER_ANNOTATOR", "  Awa  Traoré ")
    win, project, _doc = _window(qtbot, tmp_path, settings)
    try:
        assert project.annotator == "Awa Traoré"
        assert "Awa Traoré" in win.annotator_label.text() and "EVENTCODER_ANNOTATOR" in win.annotator_label.toolTip()
    finally:
        close_window(win)
    monkeypatch.delenv("EVENTCODER_ANNOTATOR")
    assert annotator.resolve(settings) == "saved name"


# ---------------------------------------------------------------------------- 7. the status bar's refusal


def test_a_long_refusal_keeps_its_start_and_clears_after_the_next_action(mali, qtbot, keys):
    win, project, doc_id = mali
    event = _current_expulsion(win, project, doc_id)
    with Project(project.path, annotator="other") as elsewhere:  # another window changes it meanwhile
        elsewhere.update_event(event.id, note="x" * 10)
    keys("A")
    label = win.saved_label
    assert win.session.save_state == "failed" and label.text().startswith("✖ Not saved: ")
    win.resize(900, 600)
    qtbot.waitUntil(lambda: label.displayed_text() != label.text())
    shown = label.displayed_text()
    assert shown.endswith("…") and label.text().startswith(shown[:-1])  # cut at its end, its start whole
    assert label.toolTip() == label.text()
    keys("J")  # the next action goes through: the stale refusal is gone
    assert win.session.save_state == "saved" and label.text().startswith("✔")


# ---------------------------------------------------------------------------- 3. suggestions on all documents


def test_a_run_on_all_documents_leaves_the_window_usable_and_the_open_document_alone(mali, qtbot, keys):
    win, project, doc_id = mali
    other, _ = project.add_document(Document(text="Mali's junta expelled the French ambassador on Monday.",
                                             title="Second", published="2022-02-02"))
    win.documents.model.refresh()
    before = {(e.id, e.version) for e in project.events(doc_id)}
    qtbot.waitUntil(lambda: not win.workers.busy, timeout=60_000)  # the dictionaries' check at start
    worker = win.suggest_all()
    assert worker is not None, win.statusBar().currentMessage()
    assert win.run_progress.isVisible() and win.run_progress.label.text() == "Suggesting events…"
    assert not any(d.isVisible() for d in win.findChildren(QProgressDialog))
    assert QApplication.activeModalWidget() is None  # nothing takes the keys
    event = _current_expulsion(win, project, doc_id)
    win.focus_article()
    keys("A")  # coding goes on while the run runs
    assert project.get_event(event.id).status == "accepted"
    qtbot.waitUntil(lambda: not win.workers.busy, timeout=240_000)
    assert not win.run_progress.isVisible()
    after = {e.id for e in project.events(doc_id)}
    assert {i for i, _v in before} <= after  # the open document's suggestions were not replaced
    assert project.get_event(event.id).status == "accepted"
    assert project.events(other), "the other document was coded"
    assert "left as it is" in win.statusBar().currentMessage()


def test_cancel_in_the_status_bar_stops_the_run(mali, qtbot):
    win, project, _doc = mali
    for n in range(3):
        project.add_document(Document(text=f"France recalled its ambassador {n} from Mali.", title=f"d{n}"))
    qtbot.waitUntil(lambda: not win.workers.busy, timeout=60_000)  # the dictionaries' check at start
    worker = win.suggest_all()
    win.run_progress.cancel_button.click()
    assert worker.cancelled
    qtbot.waitUntil(lambda: not win.workers.busy, timeout=240_000)
    assert not win.run_progress.isVisible()
