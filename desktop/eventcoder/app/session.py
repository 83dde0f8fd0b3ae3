"""The window's coding session: a thin QObject over the core session (core/session.py).

The core session holds the state -- project, scheme, the document on screen, the selection, the save state
and the undo history -- and the rules; this one turns what it reports into Qt signals and shows its history
in a ``QUndoStack`` (app/undo.py). Views take this session and listen to its signals; every change goes
through :meth:`CodingSession.do`, so it is committed to SQLite at once and can be undone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core import session as core_session
from ..core.commands import Command
from ..core.model import Event
from ..core.schemes import CodingScheme
from ..core.session import (
    DocumentState,
    SessionListener,
    Touched,
    empty_scheme,
    event_position,
    order_events,
    summary_of,
)
from ..core.store import Project
from .undo import MirroredUndoStack

__all__ = ["CodingSession", "DocumentState", "empty_scheme", "event_position", "order_events", "summary_of"]


def _emit(signal: str) -> Callable[..., None]:
    def emit(self: _Signals, *args: Any) -> None:
        getattr(self.owner, signal).emit(*args)

    return emit


class _Signals(SessionListener):
    """Tells the window what the core session reports: each call emits that signal of ``owner``."""

    def __init__(self, owner: CodingSession) -> None:
        self.owner = owner

    scheme_changed = _emit("schemeChanged")
    document_opened = _emit("documentOpened")
    document_edited = _emit("documentEdited")
    current_event_changed = _emit("currentEventChanged")
    current_relation_changed = _emit("currentRelationChanged")
    message = _emit("message")
    save_state_changed = _emit("saveStateChanged")
    refused = _emit("refused")


def _delegate(name: str, doc: str = "") -> property:
    return property(lambda self: getattr(self.core, name), lambda self, value: setattr(self.core, name, value),
                    doc=doc)


class CodingSession(QObject):
    schemeChanged = Signal()
    documentOpened = Signal()  # a different document (or none) is on screen
    documentEdited = Signal(int)  # rows of this document changed (command, undo, coding run)
    currentEventChanged = Signal()
    currentRelationChanged = Signal()
    message = Signal(str)
    saveStateChanged = Signal()
    refused = Signal(str)  # a change was not saved (conflict, deleted row…): the window tells the analyst

    project = _delegate("project", "The open project (setting another forgets the undo history).")
    scheme = _delegate("scheme")
    doc = _delegate("doc", "The document on screen (core ``DocumentState``), or None.")
    current_event_id = _delegate("current_event_id")
    current_relation_id = _delegate("current_relation_id")
    save_state = _delegate("save_state", "saved | saving | failed: saved only once a commit returned.")
    save_problem = _delegate("save_problem")
    save_refused = _delegate("save_refused", "The failure was a refused undo or redo (nothing was at risk).")
    external_reload = _delegate("external_reload", "True while re-reading rows another connection changed.")

    def __init__(self, project: Project, scheme: CodingScheme | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.core = core_session.CodingSession(project, scheme, listener=_Signals(self))
        self.undo_stack = MirroredUndoStack(self.core, self)

    initial_scheme = staticmethod(core_session.CodingSession.initial_scheme)

    def set_scheme(self, name_or_path: str | Path) -> CodingScheme:
        """Load and switch; a ``SchemeError`` propagates before anything (project included) changes."""
        return self.core.set_scheme(name_or_path)

    # ------------------------------------------------------------------ documents and selection

    def open_document(self, doc_id: int | None) -> None:
        self.core.open_document(doc_id)

    def reload(self, doc_id: int | None, touched: Touched | None = None) -> None:
        """Rows of ``doc_id`` changed (all, or just ``touched``): re-read them if on screen; tell every view."""
        self.core.reload(doc_id, touched)

    @property
    def document_id(self) -> int | None:
        return self.core.document_id

    @property
    def current_event(self) -> Event | None:
        return self.core.current_event

    def set_current_event(self, event_id: int | None) -> None:
        self.core.set_current_event(event_id)

    def set_current_relation(self, relation_id: int | None) -> None:
        self.core.set_current_relation(relation_id)

    def next_suggestion(self, step: int = 1) -> Event | None:
        """The next (``step`` 1) or previous (-1) suggested event in text order from the current one."""
        return self.core.next_suggestion(step)

    # ------------------------------------------------------------------ layers (several annotators in one file)

    @property
    def layer_view(self) -> str:
        """Whose layer is shown: ``mine``, an annotator's name, ``all`` or ``curated`` (core/team/layers.py)."""
        return self.core.layer_view

    def set_layer_view(self, view: str) -> None:
        """View ▸ Show layer: read the document on screen again in ``view`` (see the core session)."""
        self.core.set_layer_view(view)

    def coding_refused(self) -> str:
        return self.core.coding_refused()

    def layer_filter(self) -> set[int] | None:
        return self.core.layer_filter()

    # ------------------------------------------------------------------ changes

    def do(self, command: Command | Callable[[], Command], document_id: int | None = None, *,
           any_layer: bool = False) -> Command | None:
        """Apply a core command (committed at once) and record it for undo; its inverse, or None if refused
        (``any_layer``: see the core session)."""
        return self.core.do(command, document_id, any_layer=any_layer)

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Several commands as one undo step (see the core session's ``macro``)."""
        with self.core.macro(label):
            yield

    def delete_relation(self, relation_id: int | None = None) -> bool:
        """Delete the current relation (or ``relation_id``) as shown, version-checked (see the core session)."""
        return self.core.delete_relation(relation_id)

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # ------------------------------------------------------------------ other connections

    def data_version(self) -> int:
        return self.core.data_version()

    def changed_elsewhere(self) -> bool:
        """True once per commit made by another connection (another window, the CLI, a coding worker)."""
        return self.core.changed_elsewhere()

    def reload_external(self) -> None:
        """Re-read the open document after another connection changed the file; an editor being typed in keeps
        its text (its commit is checked against the newer row)."""
        self.core.reload_external()
