"""Undo: a ``QUndoCommand`` that only wraps a core command (``apply(project) -> inverse``).

The core command is applied *before* it is pushed, so a refused change (a version conflict, a row
deleted elsewhere) never reaches the stack; each later redo/undo applies the stored command and keeps
its inverse for the next swap. Every stored command is version-checked (core/commands.py): an undo or
redo of a row someone else changed since is refused whole -- nothing written, the reason (and who) told
through ``on_error``, and the step dropped from the stack (obsolete), never left pretending it moved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..core.commands import AddEventWithSpans, Command, Composite, DeleteRow, InsertRow, UpdateRow
from ..core.errors import EventCoderError, StoreError
from ..core.store import Project

Touched = set[tuple[str, int]]


def touched_rows(command: Command) -> Touched:
    """(table, id) of every row an applied command changed, read from its inverse."""
    if isinstance(command, Composite):
        return set().union(*(touched_rows(c) for c in command.commands)) if command.commands else set()
    if isinstance(command, UpdateRow | DeleteRow):
        return {(command.table, command.row_id)}
    if isinstance(command, InsertRow) and command.row.get("id") is not None:
        return {(command.table, int(command.row["id"]))}
    if isinstance(command, AddEventWithSpans) and command.event.id is not None:
        return {("events", command.event.id)} | {("spans", s.id) for s in command.new_spans.values() if s.id}
    return set()


class CoreUndoCommand(QUndoCommand):
    def __init__(
        self,
        project: Project,
        inverse: Command,
        label: str,
        document_id: int | None,
        on_applied: Callable[[int | None, Touched | None], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(label)
        self._project = project
        self._next = inverse  # the command to apply on the next undo/redo
        self._document_id = document_id
        self._on_applied = on_applied
        self._on_error = on_error
        self._first_redo = True

    def _swap(self, verb: str) -> None:
        try:
            applied, self._next = self._next, self._next.apply(self._project)
        except (EventCoderError, sqlite3.Error) as exc:
            # Refused (changed or deleted elsewhere, or the file could not be written): its one transaction
            # rolled back, so nothing was written, and this step can no longer be swapped; obsolete, the
            # stack drops it instead of pretending it moved.
            self.setObsolete(True)
            refusal = StoreError(f"cannot {verb} “{self.text()}”: {exc}")
            refusal.__cause__ = exc
            self._on_error(refusal)
            return
        self._on_applied(self._document_id, touched_rows(self._next) | touched_rows(applied))

    def redo(self) -> None:
        if self._first_redo:  # already applied by apply_and_push
            self._first_redo = False
            return
        self._swap("redo")

    def undo(self) -> None:
        self._swap("undo")


def apply_and_push(
    stack,
    project: Project,
    command: Command,
    document_id: int | None,
    on_applied: Callable[[int | None, Touched | None], None],
    on_error: Callable[[Exception], None],
) -> Command:
    """Apply ``command`` now (committed to SQLite), then record it for undo; returns its inverse."""
    inverse = command.apply(project)
    stack.push(CoreUndoCommand(project, inverse, command.label, document_id, on_applied, on_error))
    on_applied(document_id, touched_rows(inverse))
    return inverse
