"""What the coding keys do. Each method is one analyst action; all changes are core commands."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from ..core.mentions import antecedent, is_pronoun, pronoun_role_code
from ..core.model import CARRIED_CODE_ORIGINS, Layer, Span, Status
from ..core.session import role_outside_sentence
from . import dialogs
from .article_view import ArticleView
from .event_editor import EventEditor, PendingSpan
from .events_pane import EventsPane
from .keymap import ALTERNATIVE_KEYS
from .session import CodingSession, event_position

NEW_EVENT_HINT = "New event: C for the code, Enter to save, Esc to cancel"
_EDITOR_HINT_ENDS = ("Enter to save, Esc to cancel", "C for the code, Enter to save")


def own_mention(span: Span) -> bool:
    """``span``'s code is its own words' (a dictionary's, the analyst's), not one the coder carried over to it from
    another mention of the document; a pronoun always (it names no actor by its words, core/mentions.py)."""
    if is_pronoun(span.text) or not span.code or span.status == Status.ACCEPTED:  # (an analyst confirmed it)
        return True
    return span.found_by not in CARRIED_CODE_ORIGINS


def is_editor_hint(text: str) -> bool:
    """``text`` is one of the hints shown while the editor holds an unsaved event (cleared when it closes)."""
    return text.endswith(_EDITOR_HINT_ENDS)


class CodingActions(QObject):
    message = Signal(str)

    def __init__(self, session: CodingSession, article: ArticleView, events: EventsPane, editor: EventEditor,
                 parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.article = article
        self.events = events
        self.editor = editor
        self.relation_from: int | None = None
        article.spanClicked.connect(self.select_span_event)
        session.currentEventChanged.connect(self.scroll_to_current)
        session.documentOpened.connect(self._forget_relation)
        events.eventOpened.connect(self._opened_from_list)
        self._shown_before: list[int] = []  # the events list's rows as an undo or redo found them
        session.undo_stack.aboutToMove.connect(self._before_history_move)
        session.undo_stack.moved.connect(self.select_after_history_move)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), article, context=Qt.ShortcutContext.WidgetShortcut)
        cancel.activated.connect(self.cancel_new)  # the hint's "Esc to cancel" holds in the article too

    def cancel_new(self) -> None:
        """Esc in the article while a new event (N) waits in the editor: drop it, as Esc in the editor does."""
        if self.editor.mode == "new":
            self.editor.cancel()

    # ------------------------------------------------------------------ moving

    def next_suggestion(self) -> None:
        self._step(1)

    def previous_suggestion(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.session.core.move_to_suggestion(step) is None:
            self.message.emit("No more suggestions in this document" if self.session.doc else "No document open")

    def scroll_to_current(self) -> None:
        event = self.session.current_event
        doc = self.session.doc
        if event is None or doc is None:
            return
        self.article.show_range(event_position(event, doc.spans))

    def _opened_from_list(self, _event_id: int) -> None:
        """Enter on an event of a list across documents opened its document: the article shows its sentence."""
        self.scroll_to_current()
        self.article.setFocus()

    def _before_history_move(self) -> None:
        self._shown_before = self.events.listed_ids()

    def select_after_history_move(self, event_ids: list[int]) -> None:
        """Ctrl+Z / Ctrl+Shift+Z touched ``event_ids``: select the first of them the list shows (and show it in
        the article); one that is gone (an undone new event) leaves its neighbour in the list selected."""
        doc = self.session.doc
        if doc is None or not event_ids:
            return
        shown = self.events.listed_ids()
        present = [i for i in event_ids if doc.event(i) is not None]
        if present:
            picked = min(present, key=lambda i: shown.index(i) if i in shown else len(shown))
        else:
            picked = self._neighbour(event_ids)
            if picked is None:
                return
        self.session.set_current_event(picked)
        self.events.follow_session()
        self.scroll_to_current()

    def _neighbour(self, gone: list[int]) -> int | None:
        """The row after the first gone event in the list as it was before (else the row before it) that is
        still there."""
        before = self._shown_before
        at = next((k for k, i in enumerate(before) if i in gone), None)
        if at is None:
            return None
        doc = self.session.doc
        after = [i for i in before[at + 1:] if i not in gone]
        earlier = [i for i in reversed(before[:at]) if i not in gone]
        return next((i for i in (*after, *earlier) if doc is not None and doc.event(i) is not None), None)

    def select_span_event(self, span_id: int) -> None:
        """A click on a highlight selects its event (a suggestion first)."""
        doc = self.session.doc
        event = doc.event_for_span(span_id) if doc else None  # a suggestion first, then one it triggers (core)
        if event is not None:
            self.session.set_current_event(event.id)

    def next_span(self) -> None:
        self._select_span(1)

    def previous_span(self) -> None:
        self._select_span(-1)

    def _select_span(self, step: int) -> None:
        doc = self.session.doc
        if doc is None:
            return
        here = self.article.textCursor()
        pos = here.selectionStart() if here.hasSelection() else here.position()
        span = doc.index.next_after(pos) if step > 0 else doc.index.previous_before(pos)
        if span is None:
            self.message.emit("No more highlights")
            return
        self.article.show_range(span.start, span.end, select=True)
        self.article.setFocus()

    # ------------------------------------------------------------------ deciding

    def accept(self) -> None:
        self._decide(accept=True)

    def reject(self) -> None:
        self._decide(accept=False)

    def _decide(self, accept: bool) -> None:
        """Version-checked against the event as shown (core session): a change made elsewhere since is refused,
        nothing written; the next suggestion is selected."""
        if self.session.current_event is None:
            self.message.emit("Select an event first (J / K)")
            return
        if accept:
            self.session.core.accept()
        else:
            self.session.core.reject()

    def toggle_done(self) -> None:
        """Ctrl+D: done (or to do again). Suggestions left undecided are said in the status bar -- the analyst
        keeps the keyboard, and Ctrl+Z takes it back -- rather than asked in a dialog."""
        doc = self.session.doc
        if doc is None:
            return
        done = not doc.document.done
        if self.session.core.set_done(done) and done:
            left = self.session.core.undecided()
            if left:
                self.message.emit(f"Marked done with {left} suggestion{'s' if left != 1 else ''} not decided "
                                  "(J goes to them; Ctrl+Z or Ctrl+D takes it back)")
            else:
                self.message.emit("Marked done")
        elif not done:
            self.message.emit("Marked to do")

    def delete_event(self) -> None:
        """Ctrl+Delete: delete the analyst's own event (undoable); a suggestion is rejected instead."""
        if self.session.current_event is None:
            self.message.emit("Select an event first (J / K)")
            return
        self.session.core.delete_event()

    def edit_document_date(self) -> None:
        """Ctrl+Shift+D: type the open document's date in the documents list (Enter saves, undoable)."""
        documents = getattr(self.parent(), "documents", None)
        if self.session.doc is None or documents is None:
            self.message.emit("No document open")
            return
        documents.edit_date(self.session.doc.document.id)

    # ------------------------------------------------------------------ finding words (Ctrl+F)

    def find_in_article(self) -> None:
        self.article.find_bar.open_bar()

    def find_next(self) -> None:
        self._find_step(1)

    def find_previous(self) -> None:
        self._find_step(-1)

    def _find_step(self, step: int) -> None:
        if not self.article.find_bar.isVisible() or not self.article.find_bar.edit.text():
            self.find_in_article()
            return
        if self.article.find_step(step) is None:
            self.message.emit("No match in this document")

    # ------------------------------------------------------------------ editing

    def edit_event(self) -> None:
        if self.session.current_event is None:
            self.message.emit("Select an event first (J / K), or N for a new one")
            return
        self.editor.show_event(self.session.current_event)
        self.editor.focus_first()

    def alternative_1(self) -> None:
        self._alternative(1)

    def alternative_2(self) -> None:
        self._alternative(2)

    def alternative_3(self) -> None:
        self._alternative(3)

    def _alternative(self, n: int) -> None:
        if self.editor.mode == "idle" and self.session.current_event is not None:
            self.editor.show_event(self.session.current_event)
        if not self.editor.pick_alternative(n):
            self.message.emit("No alternative code there (select an event first)")

    def focus_code(self) -> None:
        if self.editor.mode == "idle":
            if self.session.current_event is None:
                self.new_event()
            else:
                self.editor.show_event(self.session.current_event)
        self.editor.focus_code()

    def current_sentence(self) -> tuple[int, int] | None:
        """The caret's sentence, as core/document.py segments the text (the coder's sentences)."""
        doc = self.session.doc
        return doc.sentence_at(self.article.caret()) if doc else None

    def new_event(self) -> None:
        """N: a new event in the caret's sentence, source and target pre-filled from its actors."""
        doc = self.session.doc
        if doc is None:
            return
        selected = self.article.selected_range()
        sentence = doc.sentence_at(selected[0]) if selected else self.current_sentence()
        trigger = None
        if selected and sentence and sentence[0] <= selected[0] and selected[1] <= sentence[1]:
            on_it = doc.index.exact(*selected)
            if on_it is None or on_it.layer == Layer.TRIGGER.value:  # selected words (Ctrl+F's too): the trigger
                trigger = PendingSpan(selected[0], selected[1], doc.document.text[selected[0]:selected[1]])
        source, target = self._likely_actors(sentence)
        self.session.set_current_event(None)
        self.editor.start_new(sentence, source, target, trigger)
        self.message.emit(NEW_EVENT_HINT)

    def _likely_actors(self, sentence: tuple[int, int] | None) -> tuple[Span | None, Span | None]:
        """The sentence's likely actors (core), each only when its words and its code are of the same mention:
        words whose code the coder carried over from another mention ("the junta" coded as an earlier name) are
        left out, the role empty -- saved, the words would be accepted with a code they do not name, and the
        project's actor dictionary would learn it. A pronoun stays (it names no actor by its words)."""
        doc = self.session.doc
        if doc is None:
            return None, None
        return tuple(span if span is None or own_mention(span) else None  # type: ignore[return-value]
                     for span in doc.likely_actors(sentence))

    def make_source(self) -> None:
        self._make_role("source")

    def make_target(self) -> None:
        self._make_role("target")

    def _make_role(self, role: str) -> None:
        picked = self._picked_span_or_text()
        if picked is None:
            self.message.emit(f"Select the {role}'s words in the article first")
            return
        span, pending = picked
        if self.editor.mode == "idle":
            if self.session.current_event is not None:
                self.editor.show_event(self.session.current_event)
            else:
                self.editor.start_new(self.current_sentence(), None, None)
        words = span if span is not None else pending
        problem = role_outside_sentence(self.editor.sentence, role, words.start, words.end, words.text)
        if problem:  # core's rule: an event's actors are words of its own sentence (the field keeps its value)
            self.editor.error.setText(problem)
            self.message.emit(problem)
            return
        said = ""
        code = None
        if span is not None and span.layer == Layer.ACTOR.value and is_pronoun(span.text):
            # a pronoun stands for an actor: the one typed, else its linked antecedent, else its own reading
            field = self.editor.source if role == "source" else self.editor.target
            doc = self.session.doc
            code, where = pronoun_role_code(span, field.typed_code(), doc.spans, doc.relations)
            ante = antecedent(span, doc.spans, doc.relations) if where == "antecedent" else None
            said = {"typed": f"{role.capitalize()} “{span.text}” = {code} (as typed)",
                    "antecedent": f"{role.capitalize()} “{span.text}” = {code}, from “{ante.text if ante else ''}” "
                                  "(linked as the same actor)",
                    "own": f"{role.capitalize()} “{span.text}” = {code or 'no code'} (the coder's reading of the "
                           f"pronoun): type the actor it stands for in {role.capitalize()} to change it"}[where]
        self.editor.set_role(role, span, pending, code=code)
        if self.editor.mode == "edit":  # that role only: the event is not decided by it (editor.commit_role)
            if self.editor.commit_role(role) and said:
                self.message.emit(said)
        else:
            self.message.emit(said + " · Enter to save, Esc to cancel" if said else
                              f"{role.capitalize()} set: C for the code, Enter to save")

    def make_location(self) -> None:
        """L: the location span at the selection or caret (or the selected words) becomes the event's location."""
        doc = self.session.doc
        if doc is None:
            return
        selected = self.article.selected_range()
        span = doc.index.exact(*selected) if selected else None
        if span is None:
            here = selected[0] if selected else self.article.caret()
            hits = [s for s in doc.index.at(here) if s.layer == Layer.LOCATION.value]
            span = hits[0] if hits else None
        text = doc.document.text[selected[0]:selected[1]].strip() if selected and span is None else None
        if span is None and not text:
            self.message.emit("Select a place in the article (or put the caret on a location highlight), then L")
            return
        if self.editor.mode == "idle":
            if self.session.current_event is not None:
                self.editor.show_event(self.session.current_event)
            else:
                self.editor.start_new(self.current_sentence(), None, None)
        self.editor.set_location(span, text)
        if self.editor.mode == "edit":
            self.editor.commit()
        else:
            self.message.emit("Location set: C for the code, Enter to save")

    def _picked_span_or_text(self) -> tuple[Span | None, PendingSpan | None] | None:
        """The selection as an existing span (exact match), else as new text; or the span at the caret."""
        doc = self.session.doc
        if doc is None:
            return None
        selected = self.article.selected_range()
        if selected is None:
            hits = [s for s in doc.index.at(self.article.caret()) if s.layer == Layer.ACTOR.value]
            return (hits[0], None) if hits else None
        span = doc.index.exact(*selected)
        if span is not None:
            return span, None
        return None, PendingSpan(selected[0], selected[1], doc.document.text[selected[0]:selected[1]])

    def label_span(self, number: int) -> None:
        """1–9 with words selected: label them with the scheme's n-th span label. 1–3 with no words selected
        and an event current: its n-th alternative code (the learner's), saved at once."""
        doc = self.session.doc
        selected = self.article.selected_range()
        if selected is None and number <= ALTERNATIVE_KEYS and self.session.current_event is not None:
            self._alternative(number)
            return
        layers = self.session.core.span_layers()  # the scheme's labels, else every layer (core)
        if doc is None or not 1 <= number <= len(layers):
            return
        if selected is None:
            self.message.emit("Select words in the article, then press a label number")
            return
        layer = layers[number - 1]
        # a span on exactly those words is relabelled as shown (a change made elsewhere since is refused)
        if self.session.core.mark_words(selected[0], selected[1], layer):
            self.message.emit(f"Marked as {layer}")

    # ------------------------------------------------------------------ relations

    def _forget_relation(self) -> None:
        self.relation_from = None

    def delete_relation(self) -> None:
        """Delete: the selected relation, as shown (the session checks the version it was read at)."""
        if self.session.current_relation_id is not None:
            self.session.delete_relation()

    def start_relation(self) -> None:
        """R on a span, then R on another: pick the relation type and save it."""
        doc = self.session.doc
        picked = self._picked_span_or_text()
        span = picked[0] if picked else None
        if doc is None or span is None:
            self.message.emit("Put the caret on a highlighted span (] / [ select them), then R")
            return
        if self.relation_from is None or self.relation_from not in doc.spans:
            self.relation_from = span.id
            self.message.emit(f"Relation from “{span.text}”: select the other span (] / [), then R")
            return
        first = doc.spans[self.relation_from]
        if span.id == first.id:
            self.message.emit("Pick a different span for the other end")
            return
        types = self.session.core.relation_types()  # the scheme's, else "related" (core)
        kind = types[0][0] if len(types) == 1 else dialogs.choose_relation_type(
            self.article.window(), types, first.text, span.text)
        self.relation_from = None
        if kind is None:
            self.message.emit("Relation cancelled")
            return
        if self.session.core.add_relation(first.id, span.id, kind):  # core refuses a span related to itself
            self.message.emit(f"Relation saved: “{first.text}” {kind} “{span.text}”")
