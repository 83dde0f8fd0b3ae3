"""What a new user's first trial of the window found: a root code typed as a label, N's pre-filled roles and
words, Ctrl+D with undecided suggestions, a hint that outlived the editor, nothing selected after Alt+Down, an
editor showing the previous event's tree / alternatives / confidence, and titles cut short in the documents list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eventcoder.core.model import CodedDocument, Document, SuggestedSpan

from .conftest import MINI_SCHEME, open_window
from .second_document import add_second_document


def _put_caret(window, pos: int) -> None:
    cursor = window.article.textCursor()
    cursor.setPosition(pos)
    window.article.setTextCursor(cursor)
    window.article.setFocus()


def _type_code(window, keys, qtbot, text: str) -> None:
    if window.article.hasFocus():
        keys("C")
    else:  # in the editor's fields C is a letter
        window.editor.focus_code()
    assert window.editor.code.line.hasFocus()
    qtbot.keyClicks(window.editor.code.line, text)


def _new_event_with_code(window, keys, qtbot, pos: int, text: str):
    _put_caret(window, pos)
    keys("N")
    assert window.editor.mode == "new"
    _type_code(window, keys, qtbot, text)
    keys(Qt.Key.Key_Return)
    event = window.session.current_event
    assert event is not None and window.editor.mode == "edit", window.editor.error.text()
    return event


# ---------------------------------------------------------------------------- 1. a root is not an event code

def test_a_root_typed_as_a_label_saves_its_not_specified_code(window, keys, qtbot):
    text = window.session.doc.document.text
    at = text.index("India and Russia are on the same page")
    # MINI-CAMEO: the root 01 "Make public statement" matches "statement" before 010 "Make statement"
    assert _new_event_with_code(window, keys, qtbot, at, "statement").event_code == "010"
    assert window.switch_scheme("cameo")
    event = _new_event_with_code(window, keys, qtbot, at, "appeal")
    assert event.event_code == "020"  # CAMEO's "Appeal, not specified below", never the root 02
    assert _new_event_with_code(window, keys, qtbot, at, "02").event_code == "020"
    codes = [r["event_code"] for r in window.session.project.db.execute_returning_dicts(
        "SELECT event_code FROM events")]
    assert "02" not in codes and "01" not in codes
    # PLOVER's types are roots without sub-codes: each is a code. The Scheme box refuses PLOVER on this project
    # (its events are CAMEO's: test_scheme_switch_refused.py), so the window is put in it as if opened so
    from eventcoder.core.schemes import load_scheme

    window.session.core.scheme = load_scheme("plover")
    window.session.schemeChanged.emit()
    assert _new_event_with_code(window, keys, qtbot, at, "agree").event_code == "AGREE"


# ---------------------------------------------------------------------------- 2. N from a quote

QUOTE_TEXT = (
    "Nile talks stall again\n\n"
    "\u201cEgypt is trying to intimidate us,\u201d said Ethiopian government spokesman Dawit Alemu on Tuesday. "
    "The talks resume next month."
)


@pytest.fixture
def quote_window(qtbot, tmp_path, settings):
    from eventcoder.core.document import sentence_bounds
    from eventcoder.core.store import Project

    project = Project(tmp_path / "quote.db", annotator="tester")
    doc_id, _ = project.add_document(Document(text=QUOTE_TEXT, title="Nile talks stall again", source="nile.txt",
                                              published="2026-03-03"))

    def span(phrase, code):
        start = QUOTE_TEXT.index(phrase)
        return SuggestedSpan(start, start + len(phrase), phrase, layer="actor", code=code, confidence=0.9)

    spans = [span("Egypt", "EGY"), span("Ethiopian government spokesman Dawit Alemu", "ETHGOV")]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=[], sentences=sentence_bounds(QUOTE_TEXT)),
                       scheme="MINI-CAMEO")
    project.set_meta("scheme", str(MINI_SCHEME))
    win = open_window(qtbot, project, settings)
    yield win
    win.close()
    project.close()


def _spans(window):
    doc = window.session.doc
    return ({s.text: s for s in doc.spans.values()}["Egypt"],
            {s.text: s for s in doc.spans.values()}["Ethiopian government spokesman Dawit Alemu"])


def test_n_in_a_quote_takes_the_speaker_as_source(quote_window, keys):
    window = quote_window
    egypt, speaker = _spans(window)
    _put_caret(window, QUOTE_TEXT.index("trying"))
    keys("N")
    assert window.editor.source.span_id == speaker.id
    assert window.editor.target.span_id == egypt.id


def test_typed_codes_link_the_sentences_words_even_swapped(quote_window, keys, qtbot):
    """The trial: the roles shown the other way round, the analyst retyped both codes: the event kept no words."""
    window = quote_window
    egypt, speaker = _spans(window)
    _put_caret(window, QUOTE_TEXT.index("trying"))
    keys("N")
    window.editor.source.set_span(egypt)  # as N showed them before: the quoted country as source
    window.editor.target.set_span(speaker)
    for field, code in ((window.editor.source, "ETHGOV"), (window.editor.target, "EGY")):
        field.line.setFocus()
        field.line.selectAll()
        qtbot.keyClicks(field.line, code)
    _type_code(window, keys, qtbot, "112")
    keys(Qt.Key.Key_Return)
    event = window.session.current_event
    assert event is not None, window.editor.error.text()
    assert (event.source_code, event.target_code) == ("ETHGOV", "EGY")
    assert event.source_span_id == speaker.id and event.target_span_id == egypt.id
    spans = window.session.doc.spans
    assert spans[speaker.id].code == "ETHGOV" and spans[egypt.id].code == "EGY"  # neither recoded


def test_selected_words_are_the_new_events_trigger(quote_window, keys, qtbot):
    window = quote_window
    start = QUOTE_TEXT.index("intimidate")
    window.article.show_range(start, start + len("intimidate"), select=True)
    window.article.setFocus()
    keys("N")
    assert "intimidate" in window.editor.title.text()
    _type_code(window, keys, qtbot, "112")
    keys(Qt.Key.Key_Return)
    event = window.session.current_event
    assert event is not None, window.editor.error.text()
    trigger = window.session.doc.spans[event.trigger_span_id]
    assert (trigger.start, trigger.text, trigger.layer, trigger.code) == (start, "intimidate", "trigger", "112")
    assert trigger.status == "accepted"
    window.undo()  # one step: the event and its new trigger span go together
    project = window.session.project
    assert project.db.execute_returning_dicts("SELECT id FROM events") == []
    assert [s.text for s in project.spans(window.session.document_id) if s.layer == "trigger"] == []


# ---------------------------------------------------------------------------- 3. and 4. the status bar

def test_ctrl_d_says_how_many_suggestions_stay_undecided(window, keys):
    keys("J", "A")  # one of the five decided
    keys(("D", Qt.KeyboardModifier.ControlModifier))
    assert window.session.doc.document.done
    assert "4 suggestions not decided" in window.statusBar().currentMessage()
    keys(("D", Qt.KeyboardModifier.ControlModifier))  # to do again: nothing to warn about
    assert not window.session.doc.document.done
    assert "not decided" not in window.statusBar().currentMessage()


def test_the_new_event_hint_goes_when_the_editor_closes(window, keys, qtbot):
    bar = window.statusBar()
    keys("N")
    assert bar.currentMessage().startswith("New event")
    keys(Qt.Key.Key_Escape)
    assert bar.currentMessage() == ""
    keys("N")
    _type_code(window, keys, qtbot, "010")
    keys(Qt.Key.Key_Return)
    assert window.editor.mode == "edit"
    assert bar.currentMessage() == ""


# ---------------------------------------------------------------------------- 5. Alt+Down selects

def test_the_next_document_opens_on_its_first_suggestion(qtbot, app_project, settings, keys):
    second = add_second_document(app_project)
    window = open_window(qtbot, app_project, settings)
    try:
        keys((Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
        assert window.session.document_id == second
        first = window.session.current_event
        assert first is not None and first.event_code == "191"  # its first suggestion in text order, as J gives
        keys("A")
        assert window.session.project.get_event(first.id).status == "accepted"
    finally:
        window.close()


# ---------------------------------------------------------------------------- 6. nothing stale in the editor

def test_a_new_event_shows_a_fresh_code_tree(window, keys):
    keys("J", "E")  # the 112 accusation: its branch shown, its row current
    tree = window.editor.code.tree
    assert tree.currentIndex().isValid()
    keys(Qt.Key.Key_Escape, "N")
    assert window.editor.code.line.text() == ""
    assert not tree.currentIndex().isValid()
    model = tree.model()
    assert not any(tree.isExpanded(model.index(r, 0)) for r in range(model.rowCount()))


def test_alternatives_follow_a_recoded_event(window, keys, qtbot):
    assert window.switch_scheme("cameo")
    threat = next(e for e in window.session.doc.events if e.event_code == "138")
    window.session.set_current_event(threat.id)
    keys("E")
    assert [c for c, _p in window.editor.alternatives][:3] == ["130", "131", "132"]
    _type_code(window, keys, qtbot, "020")
    keys(Qt.Key.Key_Return)
    assert window.session.current_event.event_code == "020"
    listed = [c for c, _p in window.editor.alternatives]
    assert listed and not {"130", "131", "132"} & set(listed)
    assert "130" not in window.editor.alternatives_label.text()


def test_a_decided_suggestion_says_who_decided_not_the_models_confidence(window, keys, qtbot):
    assert window.editor.why.text().startswith("confidence 0.82")
    keys("E")
    _type_code(window, keys, qtbot, "040")
    keys(Qt.Key.Key_Return)  # an analyst's edit: recoded
    event = window.session.current_event
    assert event.status == "accepted"
    window.editor.show_event(event)
    why = window.editor.why.text()
    assert why.startswith("accepted by tester") and "confidence 0.82" not in why.split("(")[0]


# ---------------------------------------------------------------------------- 7. whole titles

def test_document_titles_are_whole_in_the_list(window):
    table = window.documents.table
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    index = table.model().index(0, 1)
    title = "S-400 deal being implemented despite US, says Lavrov"
    assert index.data() == title
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(title)
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance(title[:24])
