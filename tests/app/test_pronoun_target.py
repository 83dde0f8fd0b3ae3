"""T (or S) on a pronoun mention: the role takes the actor the pronoun stands for -- the code the analyst typed,
else the antecedent the analyst linked it to (a "same as" relation), else the coder's reading -- and the pronoun's
words take that code with the event, as in INCEpTION or brat (a mention is who it refers to). Typing another
code for the role later recodes the pronoun too, instead of dropping its words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.core import commands
from eventcoder.core.mentions import is_pronoun
from eventcoder.core.model import Event, Relation, RowKind

HE = "” he said, referring"


def _setup(window):
    """A pronoun "he" the coder read as USA (wrongly: it is Lavrov), and an accepted event in its sentence."""
    session, project = window.session, window.session.project
    doc = session.doc
    text = doc.document.text
    start = text.index(HE) + 2
    he = project.add_row(RowKind.SPAN, {"document_id": doc.document.id, "start": start, "end": start + 2,
                                        "text": "he", "layer": "actor", "code": "USA", "status": "suggested",
                                        "origin": "model", "evidence": 'pronoun "he" -> "US" [USA]'})
    sentence = doc.sentence_at(start)
    made = session.do(commands.add_event(Event(doc.document.id, "112", source_code="IND", target_code="RUS",
                                               sentence_start=sentence[0], sentence_end=sentence[1],
                                               status="accepted")))
    assert made is not None
    session.reload(doc.document.id)
    event = next(e for e in session.doc.events if e.event_code == "112" and e.sentence_start == sentence[0])
    session.set_current_event(event.id)
    window.editor.show_event(session.current_event)
    return he["id"], event.id, start


def _press_t_on(window, keys, start):
    window.article.show_range(start, start + 2, select=True)
    window.article.setFocus()
    keys("T")


def test_t_on_a_pronoun_linked_to_its_antecedent_takes_the_antecedents_code(window, keys):
    session, project = window.session, window.session.project
    he, event_id, start = _setup(window)
    lavrov = next(s for s in session.doc.spans.values() if s.text == "Russian foreign minister Sergey Lavrov")
    assert session.do(commands.add_relation(Relation(session.document_id, he, lavrov.id, "same_as")))
    _press_t_on(window, keys, start)
    event = project.get_event(event_id)
    assert (event.target_span_id, event.target_code) == (he, "RUSGOV")  # Lavrov's code, not the pronoun's USA
    span = project.get_span(he)
    assert (span.code, span.status) == ("RUSGOV", "accepted")  # the pronoun now says whom it stands for
    assert "from “Russian foreign minister Sergey Lavrov”" in window.statusBar().currentMessage()
    window.article.setFocus()
    keys(("Z", Qt.KeyboardModifier.ControlModifier))  # one undo step takes both back
    assert project.get_event(event_id).target_code == "RUS" and project.get_span(he).code == "USA"


def test_t_on_a_pronoun_keeps_the_code_the_analyst_typed(window, keys, qtbot):
    project = window.session.project
    he, event_id, start = _setup(window)
    target = window.editor.target.line
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "RUSGOV")  # the analyst chose the actor first ...
    _press_t_on(window, keys, start)  # ... then T on "he"
    event = project.get_event(event_id)
    assert (event.target_span_id, event.target_code) == (he, "RUSGOV")
    assert project.get_span(he).code == "RUSGOV"


def test_a_pronoun_the_coder_read_keeps_its_reading_until_the_analyst_types_another(window, keys, qtbot):
    project = window.session.project
    he, event_id, start = _setup(window)
    _press_t_on(window, keys, start)
    assert project.get_event(event_id).target_code == "USA"  # nothing else known: the coder's reading
    assert "type the actor it stands for" in window.statusBar().currentMessage()
    keys("E")  # then the analyst types whom "he" stands for: the pronoun is recoded, its words stay the target
    target = window.editor.target.line
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "RUSGOV")
    qtbot.keyClick(target, Qt.Key.Key_Return)
    event = project.get_event(event_id)
    assert (event.target_span_id, event.target_code) == (he, "RUSGOV")
    assert project.get_span(he).code == "RUSGOV"


def test_a_name_still_keeps_its_own_code_on_t():
    """Words that name an actor are no pronoun: T on "Russia" keeps RUS (core/commands.py's rule, unchanged)."""
    assert is_pronoun("he") and is_pronoun("Their") and is_pronoun("“it”")
    assert not is_pronoun("Russia") and not is_pronoun("his government") and not is_pronoun("")
