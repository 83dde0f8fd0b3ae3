"""The coding session: the open project, its scheme, the document on screen and the undo stack.

Views take the session and listen to its signals; every change goes through :meth:`CodingSession.do`,
so it is committed to SQLite at once and can be undone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.commands import Command
from ..core.errors import EventCoderError
from ..core.model import Document, Event, Relation, Span, Status
from ..core.schemes import CodingScheme, builtin_scheme_names, load_scheme
from ..core.store import DocumentSummary, Project
from .text import SpanIndex, sentences
from .undo import apply_and_push


def empty_scheme(name: str = "no scheme") -> CodingScheme:
    """Stands in when no scheme can be loaded: codes show as typed, nothing else breaks."""
    return CodingScheme(
        name=name, version="", description="", path=None, content_hash="", score_name="score",
        event_types={}, actor_codes={}, span_labels={}, relation_types={}, attributes={}, aliases={},
        dictionaries={}, inline_dictionaries={}, quad_class_conventions={}, default_quad_convention="",
    )


def event_position(event: Event, spans: dict[int, Span]) -> int:
    """Where an event sits in the text: its trigger, else its first actor, else its sentence."""
    for span_id in (event.trigger_span_id, event.source_span_id, event.target_span_id):
        if span_id in spans:
            return spans[span_id].start
    return event.sentence_start or 0


@dataclass
class DocumentState:
    """One document as the window shows it: rows read once, then updated row by row after each edit."""

    document: Document
    spans: dict[int, Span]
    events: list[Event]  # suggested first, then the rest; each group in text order
    relations: list[Relation]
    index: SpanIndex = field(init=False)
    sentences: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.index = SpanIndex(list(self.spans.values()))
        self.sentences = sentences(self.document.text)

    def update(self, project: Project, touched: set[tuple[str, int]]) -> None:
        """Re-read only the rows a command touched."""
        doc_id = self.document.id
        events = {e.id: e for e in self.events}
        spans_changed = relations_changed = False
        for table, row_id in touched:
            try:
                if table == "spans":
                    spans_changed = True
                    span = project.get_span(row_id)
                    if span.document_id == doc_id:
                        self.spans[row_id] = span
                elif table == "events":
                    event = project.get_event(row_id)
                    if event.document_id == doc_id:
                        events[row_id] = event
                elif table == "relations":
                    relations_changed = True
                elif table == "documents" and row_id == doc_id:
                    self.document = project.get_document(doc_id)
            except EventCoderError:  # deleted
                self.spans.pop(row_id, None) if table == "spans" else None
                events.pop(row_id, None) if table == "events" else None
        if relations_changed:
            self.relations = project.relations(doc_id)
        self.events = order_events(list(events.values()), self.spans)
        if spans_changed:
            self.index = SpanIndex(list(self.spans.values()))

    def event(self, event_id: int | None) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def events_of_span(self, span_id: int) -> list[Event]:
        return [
            e for e in self.events if span_id in (e.source_span_id, e.target_span_id, e.trigger_span_id,
                                                   e.location_span_id)
        ]


def order_events(events: list[Event], spans: dict[int, Span]) -> list[Event]:
    return sorted(events, key=lambda e: (e.status != Status.SUGGESTED, event_position(e, spans), e.id or 0))


def summary_of(state: DocumentState) -> DocumentSummary:
    counts = {s.value: 0 for s in Status}
    for event in state.events:
        counts[event.status] = counts.get(event.status, 0) + 1
    d = state.document
    return DocumentSummary(d.id, d.title, d.published, counts["suggested"], counts["accepted"], counts["rejected"],
                           d.done)


class CodingSession(QObject):
    schemeChanged = Signal()
    documentOpened = Signal()  # a different document (or none) is on screen
    documentEdited = Signal(int)  # rows of this document changed (command, undo, coding run)
    currentEventChanged = Signal()
    currentRelationChanged = Signal()
    message = Signal(str)
    saveStateChanged = Signal()
    refused = Signal(str)  # a change was not saved (conflict, deleted row…): the window tells the analyst

    def __init__(self, project: Project, scheme: CodingScheme | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.scheme = scheme or empty_scheme()
        self.undo_stack = QUndoStack(self)
        self.doc: DocumentState | None = None
        self.current_event_id: int | None = None
        self.current_relation_id: int | None = None
        self.save_state = "saved"  # saved | saving | failed: "All changes saved" only once a commit returned
        self.save_problem = ""
        self.external_reload = False  # True while re-reading rows another connection changed
        self._macro_failed: bool | None = None  # None: no macro open
        self._data_version: int | None = None

    # ------------------------------------------------------------------ scheme

    @staticmethod
    def initial_scheme(project: Project) -> tuple[CodingScheme, str | None]:
        """The project's scheme, else the first built-in one; (scheme, problem to show or None)."""
        wanted = project.get_meta("scheme")
        candidates = [wanted] if wanted else []
        names = builtin_scheme_names()
        candidates += [n for n in ("cameo", "plover") if n in names] + names
        problem = None
        for name in candidates:
            try:
                return load_scheme(name), problem
            except EventCoderError as exc:
                problem = problem or f"scheme {name} could not be loaded: {str(exc).splitlines()[0]}"
        return empty_scheme(), problem or "no coding scheme installed: codes are shown as typed"

    def set_scheme(self, name_or_path: str | Path) -> CodingScheme:
        """Load and switch; a ``SchemeError`` propagates before anything (project included) changes."""
        scheme = load_scheme(name_or_path)
        self.scheme = scheme
        self.project.set_meta("scheme", str(name_or_path))
        self.project.record_scheme(scheme.name, scheme.version, scheme.content_hash,
                                   str(scheme.path) if scheme.path else None)
        self.schemeChanged.emit()
        return scheme

    # ------------------------------------------------------------------ documents

    def open_document(self, doc_id: int | None) -> None:
        if doc_id is None:
            self.doc = None
        else:
            self.doc = self._read(doc_id)
        self.current_event_id = None
        self.current_relation_id = None
        self.documentOpened.emit()
        self.currentEventChanged.emit()

    def _read(self, doc_id: int) -> DocumentState:
        doc = self.project.get_document(doc_id)
        spans = {s.id: s for s in self.project.spans(doc_id)}
        events = order_events(self.project.events(doc_id), spans)
        return DocumentState(doc, spans, events, self.project.relations(doc_id))

    def reload(self, doc_id: int | None, touched: set[tuple[str, int]] | None = None) -> None:
        """Rows of ``doc_id`` changed (all, or just ``touched``): re-read them if on screen; tell every view."""
        if self.doc is not None and doc_id == self.doc.document.id:
            if touched is None:
                self.doc = self._read(doc_id)
            else:
                self.doc.update(self.project, touched)
            if self.doc.event(self.current_event_id) is None:
                self.current_event_id = None
            if not any(r.id == self.current_relation_id for r in self.doc.relations):
                self.current_relation_id = None
        if doc_id is not None:
            self.documentEdited.emit(doc_id)

    @property
    def document_id(self) -> int | None:
        return self.doc.document.id if self.doc else None

    # ------------------------------------------------------------------ selection

    @property
    def current_event(self) -> Event | None:
        return self.doc.event(self.current_event_id) if self.doc else None

    def set_current_event(self, event_id: int | None) -> None:
        if event_id != self.current_event_id:
            self.current_event_id = event_id
            self.currentEventChanged.emit()

    def set_current_relation(self, relation_id: int | None) -> None:
        if relation_id != self.current_relation_id:
            self.current_relation_id = relation_id
            self.currentRelationChanged.emit()

    def next_suggestion(self, step: int = 1) -> Event | None:
        """The next (``step`` 1) or previous (-1) suggested event in text order from the current one."""
        if not self.doc:
            return None
        suggested = [e for e in self.doc.events if e.status == Status.SUGGESTED]
        if not suggested:
            return None
        here = self.current_event
        if here is None:
            return suggested[0] if step > 0 else suggested[-1]
        pos = (event_position(here, self.doc.spans), here.id or 0)
        keyed = [((event_position(e, self.doc.spans), e.id or 0), e) for e in suggested]
        if step > 0:
            return next((e for k, e in keyed if k > pos), None)
        return next((e for k, e in reversed(keyed) if k < pos), None)

    # ------------------------------------------------------------------ changes

    def do(self, command: Command | Callable[[], Command], document_id: int | None = None) -> Command | None:
        """Apply a core command (committed at once) and push it on the undo stack; None if refused.

        ``command`` may be a function that builds it: reading the rows it needs can fail too (deleted elsewhere).
        """
        doc_id = document_id if document_id is not None else self.document_id
        self._set_save_state("saving")
        try:
            if not hasattr(command, "apply"):
                command = command()
            inverse = apply_and_push(self.undo_stack, self.project, command, doc_id, self._applied, self._refused)
        except (EventCoderError, sqlite3.Error) as exc:  # its transaction rolled back: nothing was written
            self._refused(exc)
            return None
        if self.save_state == "saving":
            self._set_save_state("saved")
        return inverse

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Several commands as one undo step; if one is refused, those already applied are undone and the
        step is dropped, so the stack never holds half a change. Its undo is one transaction per command, so
        an action that must be all-or-nothing on undo too is one core command (``Composite``, ``EditEvent``)."""
        if self._macro_failed is not None:  # nested: part of the outer step
            yield
            return
        self._macro_failed = False
        stack = self.undo_stack
        before = stack.index()
        stack.beginMacro(label)
        try:
            yield
        except BaseException:
            self._macro_failed = True
            raise
        finally:
            failed, self._macro_failed = self._macro_failed, None
            stack.endMacro()
            if failed and stack.index() > before:
                problem = self.save_problem
                stack.undo()  # reverts the parts already applied
                stack.command(stack.index()).setObsolete(True)
                stack.redo()  # an obsolete step is not redone but deleted
                self._set_save_state("failed", problem)

    def _applied(self, doc_id: int | None, touched: set[tuple[str, int]] | None = None) -> None:
        if self.save_state != "saving":  # an undo or redo went through (a refused one left "failed")
            self._set_save_state("saved")
        if doc_id is not None and doc_id != self.document_id:
            self.open_document(doc_id)  # undoing a change made in another document shows it
            touched = None
        self.reload(doc_id, touched)

    def _refused(self, exc: Exception) -> None:
        """Nothing of the refused command was written (its transaction rolled back); the rows on screen may be
        older than the file (another window changed them), so the document is read again. A refused undo or
        redo lands here too (its step is then dropped from the stack), its message naming who changed the row
        when the history tells."""
        if self._macro_failed is not None:
            self._macro_failed = True
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        self._set_save_state("failed", text)
        self.message.emit(f"Not saved: {text}")
        if self.doc is not None:
            try:
                self.reload(self.doc.document.id)
            except EventCoderError:  # the document itself is gone
                self.open_document(None)
        self.refused.emit(text)

    def _set_save_state(self, state: str, problem: str = "") -> None:
        self.save_state, self.save_problem = state, problem
        self.saveStateChanged.emit()

    # ------------------------------------------------------------------ other connections

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes whenever another connection commits to the file."""
        return self.project.data_version()

    def changed_elsewhere(self) -> bool:
        """True once per commit made by another connection (another window, the CLI, a coding worker)."""
        version = self.data_version()
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def reload_external(self) -> None:
        """Re-read the open document after another connection changed the file; an editor being typed in
        keeps its text (its commit is checked against the newer row)."""
        if self.doc is None:
            return
        self.external_reload = True
        try:
            self.reload(self.doc.document.id)
        except EventCoderError:
            self.open_document(None)
        finally:
            self.external_reload = False
