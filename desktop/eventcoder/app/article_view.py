"""The article: read-only text with one extra selection per span, and Ctrl+F's find bar.

Formats are shared per look (``styles.span_format``) and selections are kept per span id, so a change
rebuilds only the spans it touched before handing the list to Qt, which repaints only their rectangles.
Words found (Ctrl+F) are drawn over the highlights; the current one is also selected, so S, T, L or 1–9
act on it.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton, QToolTip, QWidget

from ..core.certainty import LOW, span_certainty, uncertain_reason
from ..core.model import Event, Layer, Span, Status
from ..core.schemes import CodingScheme
from .session import CodingSession
from .styles import span_colour, span_format

MAX_FOUND_SHOWN = 500  # found words drawn at once (every one is counted); many extra selections are slow


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text``, case-insensitively, as (start, end) character offsets."""
    if not query:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(query), text, re.IGNORECASE)]


def _found_format(current: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#2e9e44" if current else "#b9f0b0"))
    if current:
        fmt.setForeground(QColor("#ffffff"))
    return fmt


class ArticleView(QPlainTextEdit):
    spanClicked = Signal(int)
    foundChanged = Signal()  # the words found, or the current one, changed

    def __init__(self, session: CodingSession | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("article")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) * 1.1)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self._selections: dict[int, QTextEdit.ExtraSelection] = {}
        self._looks: dict[int, tuple] = {}
        self._spans: dict[int, Span] = {}
        self._emphasis: dict[int, str] = {}
        self._related: set[int] = set()
        self._uncertain: set[int] = set()  # suggested spans whose best reading is least certain (core/certainty)
        self._kind = lambda code: "unknown"
        self._scheme: CodingScheme | None = None
        self.found: list[tuple[int, int]] = []  # every match of the find bar's words, in text order
        self.found_index = -1  # the current match
        self._query = ""
        self.find_from: int | None = None  # where the search being typed starts (``find_start``)
        self.find_bar = FindBar(self)  # placed by the window (above the article)
        self.session = session
        if session is not None:
            session.documentOpened.connect(self.show_session_document)
            session.documentEdited.connect(self._on_edited)
            session.currentEventChanged.connect(self._on_emphasis)
            session.currentRelationChanged.connect(self._on_emphasis)
            session.schemeChanged.connect(self._on_scheme)

    # ------------------------------------------------------------------ from the session

    def show_session_document(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.set_text("", [], set())
            return
        self._scheme = self.session.scheme
        self._uncertain = self._uncertain_ids()
        self.set_text(doc.document.text, list(doc.spans.values()), self._related_ids())
        self._on_emphasis()
        if self._query:
            self.find(self._query, move=False)

    def _on_scheme(self) -> None:
        if self.session.doc is not None:
            self._scheme = self.session.scheme
            self.update_spans(list(self.session.doc.spans.values()), removed=set(self._spans) -
                              set(self.session.doc.spans), related=self._related_ids())

    def _on_edited(self, doc_id: int) -> None:
        doc = self.session.doc
        if doc is None or doc.document.id != doc_id:
            return
        changed = [s for s in doc.spans.values() if self._spans.get(s.id) != s]
        uncertain = self._uncertain_ids()
        if uncertain != self._uncertain:  # a suggestion decided: its spans' certainty may change
            flipped = uncertain ^ self._uncertain
            self._uncertain = uncertain
            changed += [s for s in doc.spans.values() if s.id in flipped and s not in changed]
        self.update_spans(changed, removed=set(self._spans) - set(doc.spans), related=self._related_ids())
        self._on_emphasis()

    def _uncertain_ids(self) -> set[int]:
        """The suggested spans to show as least certain: the most confident pending suggestion using each (else
        the span's own confidence) is in the ``low`` band of :func:`eventcoder.core.certainty.span_certainty`."""
        doc = self.session.doc
        if doc is None:
            return set()
        uses: dict[int, list[float | None]] = {}
        for event in doc.events:
            if event.status != Status.SUGGESTED:
                continue
            for span_id in (event.source_span_id, event.trigger_span_id, event.target_span_id,
                            event.location_span_id):
                if span_id is not None:
                    uses.setdefault(span_id, []).append(event.confidence)
        return {s.id for s in doc.spans.values() if s.status == Status.SUGGESTED
                and span_certainty(uses.get(s.id, ()), s.confidence) == LOW}

    def _related_ids(self) -> set[int]:
        doc = self.session.doc
        return {i for r in doc.relations for i in (r.from_span_id, r.to_span_id)} if doc else set()

    def _on_emphasis(self) -> None:
        doc = self.session.doc
        emphasis: dict[int, str] = {}
        if doc is not None:
            for relation in doc.relations:
                if relation.id == self.session.current_relation_id:
                    emphasis[relation.from_span_id] = emphasis[relation.to_span_id] = "relation"
            event = self.session.current_event
            if event is not None:
                for span_id in (event.source_span_id, event.trigger_span_id, event.target_span_id):
                    if span_id is not None:
                        emphasis[span_id] = "event"
        self.set_emphasis(emphasis)

    # ------------------------------------------------------------------ highlights

    def set_text(self, text: str, spans: list[Span], related: set[int] | None = None) -> None:
        """Show a new text with its highlights (one setPlainText, one setExtraSelections)."""
        self._selections.clear()
        self._looks.clear()
        self._spans.clear()
        self._emphasis.clear()
        self._related = set(related or ())
        self.found, self.found_index = [], -1
        self.find_from = None  # another text: a search starts at its top
        self.setPlainText(text)
        for span in spans:
            self._put(span)
        self._push()

    def update_spans(self, changed: list[Span], removed: set[int] = frozenset(), related: set[int] | None = None):
        """Re-style only what changed."""
        touched = {s.id for s in changed} | set(removed)
        if related is not None and related != self._related:
            touched |= related ^ self._related
            self._related = set(related)
        for span_id in removed:
            self._selections.pop(span_id, None)
            self._looks.pop(span_id, None)
            self._spans.pop(span_id, None)
        for span in changed:
            self._put(span)
        for span_id in touched - {s.id for s in changed} - set(removed):
            if span_id in self._spans:
                self._put(self._spans[span_id])
        if touched:
            self._push()

    def set_emphasis(self, emphasis: dict[int, str]) -> None:
        if emphasis == self._emphasis:
            return
        touched = set(emphasis) ^ set(self._emphasis) | {
            k for k in emphasis if self._emphasis.get(k) != emphasis[k]
        }
        self._emphasis = dict(emphasis)
        for span_id in touched:
            if span_id in self._spans:
                self._put(self._spans[span_id])
        self._push()

    def _look(self, span: Span) -> tuple:
        scheme = self._scheme
        kind = scheme.actor_kind(span.code) if scheme is not None and span.layer == Layer.ACTOR.value else "unknown"
        label = scheme.span_labels.get(span.layer) if scheme is not None else None
        colour = span_colour(span.layer, kind, label.colour if label else None)
        return (colour, span.status, span.layer == Layer.TRIGGER.value, self._emphasis.get(span.id),
                span.id in self._related, span.id in self._uncertain)

    def _put(self, span: Span) -> None:
        look = self._look(span)
        self._spans[span.id] = span
        if self._looks.get(span.id) == look and span.id in self._selections:
            sel = self._selections[span.id]
            if sel.cursor.selectionStart() == span.start and sel.cursor.selectionEnd() == span.end:
                return
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = span_format(*look)
        self._selections[span.id] = sel
        self._looks[span.id] = look

    def _push(self) -> None:
        # emphasised spans last, so their look wins where spans overlap
        ordered = sorted(self._selections.items(), key=lambda kv: kv[0] in self._emphasis)
        self.setExtraSelections([sel for _, sel in ordered] + self._found_selections())

    # ------------------------------------------------------------------ find (Ctrl+F)

    def find_start(self) -> int:
        """Where a search starts: the selected words, else the top of the text on screen (the caret J / K leave at
        an event is not where the analyst reads from). Fixed while the query is typed (``find_from``), so each
        letter typed does not push the match further down."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor.selectionStart()
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        return 0 if self.verticalScrollBar().value() == 0 else top

    def find(self, query: str, move: bool = True) -> int:
        """Highlight every match of ``query`` (case-insensitive) and, with ``move``, go to the first one at or
        after :meth:`find_start` (the first in the document when none is below it). Returns how many there are."""
        self._query = query
        self.found = find_all(self.toPlainText(), query)
        self.found_index = -1
        if self.found and move:
            if self.find_from is None:
                self.find_from = self.find_start()
            here = self.find_from
            self.found_index = next((i for i, (start, _end) in enumerate(self.found) if start >= here), 0)
            self._show_found()
        self._push()
        self.foundChanged.emit()
        return len(self.found)

    def find_step(self, step: int = 1) -> tuple[int, int] | None:
        """Go to the next (``step`` 1) or previous (-1) match, wrapping around; None when nothing matches."""
        if not self.found:
            return None
        if self.found_index < 0:
            here = self.textCursor().selectionStart()
            after = [i for i, (start, _end) in enumerate(self.found) if start >= here]
            self.found_index = (after[0] if after else 0) if step > 0 else ((after[0] if after else 0) - 1)
        else:
            self.found_index += step
        self.found_index %= len(self.found)
        self._show_found()
        self._push()
        self.foundChanged.emit()
        return self.found[self.found_index]

    def clear_find(self) -> None:
        self._query = ""
        self.find_from = None
        self.found, self.found_index = [], -1
        self._push()
        self.foundChanged.emit()

    def _show_found(self) -> None:
        start, end = self.found[self.found_index]
        self.show_range(start, end, select=True)

    def _found_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self.found:
            return []
        shown = self.found
        if len(shown) > MAX_FOUND_SHOWN:  # the ones around the current match
            centre = max(self.found_index, 0)
            first = max(0, min(centre - MAX_FOUND_SHOWN // 2, len(shown) - MAX_FOUND_SHOWN))
            shown = shown[first:first + MAX_FOUND_SHOWN]
        current = self.found[self.found_index] if self.found_index >= 0 else None
        selections = []
        for start, end in shown:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = _found_format((start, end) == current)
            selections.append(sel)
        return selections

    @property
    def highlight_count(self) -> int:
        return len(self._selections)

    # ------------------------------------------------------------------ navigation

    def show_range(self, start: int, end: int | None = None, select: bool = False) -> None:
        """Put the caret at ``start`` (selecting to ``end`` when asked) and centre it."""
        cursor = self.textCursor()
        cursor.setPosition(min(start, len(self.toPlainText())))
        if select and end is not None:
            cursor.setPosition(min(end, len(self.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def selected_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        text = self.toPlainText()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def caret(self) -> int:
        return self.textCursor().position()

    # ------------------------------------------------------------------ mouse: click and hover

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.cursorForPosition(event.position().toPoint()).position()
            span = self._span_at(pos)
            if span is not None:
                self.spanClicked.emit(span.id)

    def _span_at(self, pos: int) -> Span | None:
        doc = self.session.doc if self.session else None
        if doc is None:
            return None
        hits = doc.index.at(pos)
        hits.sort(key=lambda s: (s.layer != Layer.TRIGGER.value, s.end - s.start))
        return hits[0] if hits else None

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.cursorForPosition(event.pos()).position()
            span = self._span_at(pos)
            if span is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_html(span), self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip_html(self, span: Span) -> str:
        scheme = self.session.scheme
        lines = [f"<b>{html.escape(span.text)}</b> — {html.escape(span.layer)}"]
        if span.layer == Layer.ACTOR.value:
            lines.append(f"code <b>{html.escape(span.code or '(none)')}</b> · {scheme.actor_kind(span.code)}"
                         + "".join(f" · {html.escape(n)}" for n in _actor_names(scheme, span.code)))
        lines.append(_provenance(span.status, span.origin, span.annotator, span.confidence, span.evidence))
        if span.id in self._uncertain:
            lines.append(f"<i>least certain ({html.escape(uncertain_reason())})</i>")
        for event in self.session.doc.events_of_span(span.id)[:4]:
            lines.append(_event_line(scheme, event))
        return "<br>".join(lines)


class FindBar(QWidget):
    """Ctrl+F: words to find in the article. Typing finds as you type; Enter / F3 next, Shift+Enter / Shift+F3
    previous, Escape closes it (the current match stays selected in the article)."""

    def __init__(self, article: ArticleView) -> None:
        super().__init__()
        self.setObjectName("find_bar")
        self.article = article
        self.edit = QLineEdit(placeholderText="Find in the article…")
        self.edit.setObjectName("find_text")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("find_count")
        self.count.setMinimumWidth(90)
        previous, following, close = QToolButton(), QToolButton(), QToolButton()
        previous.setText("↑")
        previous.setToolTip("Previous (Shift+Enter, Shift+F3)")
        following.setText("↓")
        following.setToolTip("Next (Enter, F3)")
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        for button in (previous, following, close):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(previous)
        row.addWidget(following)
        row.addWidget(close)
        self.edit.textChanged.connect(lambda text: article.find(text))
        previous.clicked.connect(lambda: article.find_step(-1))
        following.clicked.connect(lambda: article.find_step(1))
        close.clicked.connect(self.close_bar)
        article.foundChanged.connect(self._update_count)
        self._keys = _FindKeys(self)
        self.edit.installEventFilter(self._keys)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the selected words (if any) as the search, all of it selected to type over."""
        selected = self.article.textCursor().selectedText()
        self.article.find_from = self.article.find_start()  # a new search starts from here
        self.show()
        if selected and "\u2029" not in selected and len(selected) <= 80:
            self.edit.setText(selected)
        elif self.edit.text():
            self.article.find(self.edit.text(), move=False)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.article.clear_find()
        self.article.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_count(self) -> None:
        found, index = self.article.found, self.article.found_index
        if not self.edit.text():
            self.count.setText("")
        elif not found:
            self.count.setText("no match")
        else:
            self.count.setText(f"{index + 1} of {len(found)}" if index >= 0 else f"{len(found)} found")
        self.edit.setStyleSheet("QLineEdit { background: #ffe0e0 }" if self.edit.text() and not found else "")


class _FindKeys(QObject):
    """Enter, Shift+Enter and Escape in the find box (claimed before any window shortcut sees them)."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self.bar = bar

    def eventFilter(self, watched, event) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        key = event.key()
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            return False
        event.accept()
        if event.type() == QEvent.Type.KeyPress:
            if key == Qt.Key.Key_Escape:
                self.bar.close_bar()
            else:
                back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.bar.article.find_step(-1 if back else 1)
        return True


def _actor_names(scheme: CodingScheme, code: str | None) -> list[str]:
    """RUSGOV -> [Russia, Government]: the scheme's rule (``CodingScheme.actor_names``)."""
    return scheme.actor_names(code)


def _provenance(status, origin, annotator, confidence, evidence) -> str:
    parts = [f"{status}", "by the model" if origin == "model" else f"by {html.escape(annotator or 'analyst')}"]
    if confidence is not None:
        parts.append(f"confidence {confidence:.2f}")
    text = " · ".join(parts)
    if evidence:
        text += f"<br><i>why: {html.escape(evidence)}</i>"
    return text


def _event_line(scheme: CodingScheme, event: Event) -> str:
    label = scheme.label(event.event_code) or ""
    score = scheme.score(event.event_code, event.mode)
    score_text = f" · {scheme.score_name} {score:+.1f}" if score is not None else ""
    return (f"event <b>{html.escape(event.event_code)}</b> {html.escape(label)}{score_text}: "
            f"{html.escape(event.source_code or '?')} → {html.escape(event.target_code or '—')}"
            f" ({event.status}" + (f", {event.confidence:.2f}" if event.confidence is not None else "") + ")"
            + (f"<br><i>why: {html.escape(event.evidence)}</i>" if event.evidence else ""))
