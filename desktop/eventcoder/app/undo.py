"""Undo in the window: a ``QUndoStack`` that mirrors the core session's history (core/session.py).

The history of core commands lives in the core session; this stack only shows it to Qt (the Undo and Redo
actions, their texts, ``QUndoView``). Each entry is a :class:`MirrorStep` standing for one core step:

* a change recorded in core is pushed here (already applied: the push does not apply it again);
* Ctrl+Z / Ctrl+Shift+Z here undo or redo that core step; if core refuses it (changed or deleted elsewhere,
  nothing written) it dropped the step, and the entry is made obsolete, so the stack drops it too;
* an undo, redo, refusal or clear done on the core history directly (a script, a test) is mirrored here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.model import RowKind
from ..core.session import CLEARED, DROPPED, RECORDED, REDONE, UNDONE, Step, touched_rows
from ..core.session import CodingSession as CoreSession


class MirrorStep(QUndoCommand):
    """One core :class:`~eventcoder.core.session.Step`; undo and redo go through the core session."""

    def __init__(self, stack: MirroredUndoStack, step: Step) -> None:
        super().__init__(step.label)
        self.step_id = step.id
        self._stack = stack
        self._pushed = True  # the core command was applied before it was recorded

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._stack.apply(self, redo=True)

    def undo(self) -> None:
        self._stack.apply(self, redo=False)


class MirroredUndoStack(QUndoStack):
    """The Qt face of ``core.history``: same steps, same order, same index.

    An undo or redo asked for here (Ctrl+Z, Ctrl+Shift+Z, the Edit menu) is announced before it is applied
    (``aboutToMove``) and, once core applied it, ``moved`` gives the ids of the events it touched (the window
    selects one); a refused one announces nothing after."""

    aboutToMove = Signal()
    moved = Signal(list)  # the ids of the events the undone or redone step touched, in id order

    def __init__(self, core: CoreSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self._driving = False  # this stack asked core to move: core's report of it is already in hand
        self._following = False  # core moved on its own: the stack follows without applying anything
        core.history.listeners.append(self._history_changed)

    def apply(self, entry: MirrorStep, redo: bool) -> None:
        if self._following:
            return
        history = self.core.history
        steps = history.redo_steps if redo else history.undo_steps
        step = (steps[0] if redo else steps[-1]) if steps else None
        if step is None or step.id != entry.step_id:  # out of step with core: nothing to apply for it
            entry.setObsolete(True)
            return
        self.aboutToMove.emit()
        self._driving = True
        try:
            if redo:
                self.core.redo_step(step)
            else:
                self.core.undo_step(step)
        finally:
            self._driving = False
        landed = history.undo_steps[-1:] if redo else history.redo_steps[:1]
        if all(s.id != entry.step_id for s in (*history.undo_steps, *history.redo_steps)):
            entry.setObsolete(True)  # refused: core dropped the step, so does the stack
        elif landed and landed[0].id == entry.step_id:
            rows = touched_rows(step.command) | touched_rows(landed[0].command)
            self.moved.emit(sorted(row_id for kind, row_id in rows if kind == RowKind.EVENT))

    def clear(self) -> None:
        """Forget every step, here and in core (a restore or another project makes them meaningless)."""
        self._driving = True
        try:
            self.core.history.clear()
        finally:
            self._driving = False
        super().clear()

    def _history_changed(self, change: str, step: Step | None) -> None:
        if change == RECORDED:
            self.push(MirrorStep(self, step))  # type: ignore[arg-type]
            return
        if self._driving:
            return
        self._following = True
        try:
            if change == CLEARED:
                super().clear()
            elif change == UNDONE:
                self.undo()
            elif change == REDONE:
                self.redo()
            elif change == DROPPED and step is not None:
                for index in (self.index() - 1, self.index()):  # the undo side's top, or the redo side's next
                    entry = self.command(index) if 0 <= index < self.count() else None
                    if isinstance(entry, MirrorStep) and entry.step_id == step.id:
                        entry.setObsolete(True)  # the stack deletes it without applying it
                        if index < self.index():
                            self.undo()
                        else:
                            self.redo()
                        break
        finally:
            self._following = False
