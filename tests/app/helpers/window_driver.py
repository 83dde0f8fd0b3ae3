"""A real coding window in its own process, worked by keyboard like an analyst, for tests/app/test_cross_process.py.

``window_driver.py DB SEED [--annotator NAME] [--settings FILE] [--poll-ms MS] [--recode-chance P]
[--train-chance P] [--no-undo] [--wait-go]``

Builds the window exactly as ``eventcoder`` does (``app.main.build_window``: the project with its automatic
backup, the real ``CodingSession``, the real ``MainWindow`` with its worker threads and its poll of the file),
on the offscreen Qt platform. Before it says ``ready`` it runs suggestions on the open document (Ctrl+R: the
real spaCy coder in a worker thread, which opens its own ``Project`` on the file and closes it again). Then it
decides suggestions with the window's own keys sent to whatever has the keyboard focus: J (next
suggestion), A or Enter (accept), X or Delete (reject), Ctrl+Z (undo), Ctrl+Y (redo), Alt+Down / Alt+Up (next / previous
document), now and then Ctrl+R again and, rarely, Ctrl+T (retrain the type learner in the background).

After each decision the window reported saved (the session's save state went "saving" -> "saved" and the
status bar reads "All changes saved") it prints one line, flushed::

    ack EVENT_ID STATUS VERSION KIND t0=SECONDS t1=SECONDS doc=DOC_ID

KIND is accept, reject, undo or redo (STATUS and VERSION: the event as the undo or redo left it); t0/t1
are the wall-clock times just before the key and just after the window reported the save. Other lines:
``refused EVENT_ID`` (the window reported "Not saved", e.g. changed elsewhere), ``recode DOC_ID`` (Ctrl+R
pressed), ``stale-undo EVENT_ID`` (Ctrl+Z undid a decision made before a restore began, over the restored
state).

Commands on stdin, one a line: ``go`` (with ``--wait-go``: start deciding); ``restored STARTED`` (a
restore of the project that began at wall-clock time STARTED has finished: give the window time to notice,
print ``noticed-restore stale_steps=N`` -- how many of the window's undo steps are older than the restore --
and press Ctrl+Z twice); ``quit`` (close the window and exit 0).
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import sys
import threading
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def say(*parts) -> None:
    print(*parts, flush=True)


class Analyst:
    """Works a window by keyboard (keys go to whatever has the focus) and says what the window acknowledged.

    Used by this script and, in the test process, by the in-process tests (``say`` collects the lines)."""

    def __init__(self, window, rng: random.Random, say=say, *, recode_chance: float = 0.02,
                 train_chance: float = 0.0, undo: bool = True, poll_ms: int = 150, backwards: bool = False) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.window = window
        self.session = window.session
        self.rng = rng
        self.say = say
        self.recode_chance, self.train_chance, self.use_undo, self.poll_ms = recode_chance, train_chance, undo, poll_ms
        self.states: list[str] = []
        self.restore_started: float | None = None  # when a restore of the project began (told on stdin)
        self.session.saveStateChanged.connect(lambda: self.states.append(self.session.save_state))
        self.direction = 1
        # walks the suggestions from a document's last one up (K) instead of from its first down (J): two windows
        # on one document then start at its two ends and meet, as two analysts sharing a document would
        self.backwards = backwards

    # ------------------------------------------------------------------ keys

    def key(self, key, modifier=None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)

    def wait(self, ms: int) -> None:
        """Run the event loop for ``ms`` (not QTest.qWait: it sleeps holding the GIL, starving the workers)."""
        from PySide6.QtCore import QEventLoop

        end = time.monotonic() + ms / 1000
        while True:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.004, left))

    def show(self) -> None:
        from PySide6.QtTest import QTest

        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        self.window.activateWindow()
        self.window.article.setFocus()
        self.wait(20)

    def on_coding_surface(self) -> None:
        """Back to the article (Ctrl+1) when the focus is anywhere else: the single-key shortcuts live there."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        surfaces = self.window.coding_surfaces()
        if focus is None or not any(s is focus or s.isAncestorOf(focus) for s in surfaces):
            self.key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)

    def saved(self) -> bool:
        return (self.states[-1:] == ["saved"] and "saving" in self.states and self.session.save_state == "saved"
                and self.window.saved_label.text().startswith("✔ All changes saved"))

    # ------------------------------------------------------------------ actions

    def recode(self) -> None:
        from PySide6.QtCore import Qt

        self.say(f"recode {self.session.document_id}")
        self.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    def decide(self, accept: bool) -> None:
        from PySide6.QtCore import Qt

        event = self.session.current_event
        doc_id = self.session.document_id
        status = "accepted" if accept else "rejected"
        keys = ("A", Qt.Key.Key_Return) if accept else ("X", Qt.Key.Key_Delete)
        key = keys[0] if self.rng.random() < 0.8 else keys[1]
        self.states.clear()
        before = self.session.undo_stack.index()
        t0 = time.time()
        self.key(getattr(Qt.Key, f"Key_{key}") if isinstance(key, str) else key)
        t1 = time.time()
        if self.saved():
            step = self.session.undo_stack.command(before)  # the window's undo step for this decision
            step.driver_event, step.driver_made = event.id, t1
            shown = self.session.doc.event(event.id) if self.session.doc else None  # as the window now shows it
            version = shown.version if shown is not None else event.version + 1
            self.say(f"ack {event.id} {status} {version} {'accept' if accept else 'reject'} "
                f"t0={t0:.6f} t1={t1:.6f} doc={doc_id}")
        elif "failed" in self.states:
            self.say(f"refused {event.id}")

    def undo(self, redo: bool = False) -> None:
        """Ctrl+Z (or Ctrl+Y: redo); acknowledged with the event as the window's own connection reads it right
        after the commit."""
        from PySide6.QtCore import Qt

        stack = self.session.undo_stack
        before = stack.index()
        if not (stack.canRedo() if redo else before > 0):
            return
        step = stack.command(before if redo else before - 1)
        event_id, made = getattr(step, "driver_event", None), getattr(step, "driver_made", 0.0)
        self.states.clear()
        t0 = time.time()
        self.key(Qt.Key.Key_Y if redo else Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        t1 = time.time()
        if stack.index() == before:
            return
        if "failed" in self.states:  # refused (changed or deleted elsewhere): the window dropped the step
            self.say(f"refused {event_id}")
            return
        if self.restore_started is not None and made < self.restore_started:
            self.say(f"stale-undo {event_id}")  # a step from before the restore, undone over the restored state
            return
        event = self.session.project.get_event(event_id)
        self.say(f"ack {event_id} {event.status} {event.version} {'redo' if redo else 'undo'} t0={t0:.6f} "
                 f"t1={t1:.6f} doc={self.session.document_id}")

    def stale_steps(self) -> int:
        """The window's undo steps made before the restore began (the window should have dropped them)."""
        stack = self.session.undo_stack
        return sum(1 for i in range(stack.count()) if getattr(stack.command(i), "driver_made", 0.0)
                   < (self.restore_started or 0.0))

    def to_last_suggestion(self) -> bool:
        """Select the document's last suggestion in text order (as a click on its row would); False when it is
        selected already or there is none."""
        from eventcoder.core.session import event_position

        doc = self.session.core.doc
        suggested = [e for e in (doc.events if doc else []) if e.status == "suggested"]
        if not suggested:
            return False
        last = max(suggested, key=lambda e: (event_position(e, doc.spans), e.id or 0))
        here = self.session.current_event
        if here is not None and here.id == last.id:
            return False
        self.session.set_current_event(last.id)
        return True

    def step_document(self) -> None:
        from PySide6.QtCore import Qt

        current = self.session.document_id
        self.key(Qt.Key.Key_Down if self.direction > 0 else Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        if self.session.document_id == current:
            self.direction = -self.direction

    def act(self) -> None:
        from PySide6.QtCore import Qt

        self.on_coding_surface()
        walk = Qt.Key.Key_K if self.backwards else Qt.Key.Key_J
        event = self.session.current_event
        if event is None or event.status != "suggested":
            self.key(walk)
            event = self.session.current_event
            if event is None or event.status != "suggested":
                if self.backwards and self.to_last_suggestion():
                    return
                self.step_document()
            return
        roll = self.rng.random()
        if roll < self.recode_chance:
            self.recode()
        elif roll < self.recode_chance + self.train_chance:
            self.key(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # Ctrl+T: retrain in the background
        elif roll < 0.5:
            self.decide(accept=True)
        elif roll < 0.82:
            self.decide(accept=False)
        elif roll < 0.9 and self.use_undo:
            self.undo()
        elif roll < 0.94 and self.use_undo:
            self.undo(redo=True)
        else:
            self.key(Qt.Key.Key_J)

    def after_restore(self, started: float) -> None:
        """A restore that began at ``started`` has finished: the window's poll notices it (restore_id) and drops
        its undo steps; one made before the restore and undone now would write over the restored state."""
        self.restore_started = started
        for _ in range(3):
            self.wait(self.poll_ms + 20)
        self.window.poll_project()
        self.say(f"noticed-restore stale_steps={self.stale_steps()}")
        self.on_coding_surface()
        self.undo()
        self.undo()

    def first_worker(self, timeout: float = 120) -> None:
        """Ctrl+R and wait for it: a worker opens its own Project on the file, codes, and closes it."""
        self.recode()
        deadline = time.monotonic() + timeout
        while self.window.workers.busy and time.monotonic() < deadline:
            self.wait(20)


def run(args) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(["window_driver"])
    from eventcoder.app import main_window
    from eventcoder.app.main import build_window

    main_window.POLL_MS = args.poll_ms
    settings = QSettings(args.settings or str(Path(args.db).with_suffix(f".{args.seed}.ini")),
                         QSettings.Format.IniFormat)
    window, _seeded = build_window(args.db, seed=False, settings=settings)
    analyst = Analyst(window, random.Random(args.seed), recode_chance=args.recode_chance,
                      train_chance=args.train_chance, undo=args.undo, poll_ms=args.poll_ms,
                      backwards=args.backwards)
    commands: queue.Queue[str] = queue.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            commands.put(line.strip())

    threading.Thread(target=read_stdin, daemon=True).start()
    analyst.show()
    analyst.first_worker()
    say(f"ready {window.session.document_id}")
    if args.wait_go:  # another window on the file gets ready too before anyone decides
        while commands.get() != "go":
            pass
    if args.backwards:
        analyst.to_last_suggestion()
    while True:
        try:
            command = commands.get_nowait()
        except queue.Empty:
            command = None
        if command == "quit":
            break
        if command and command.startswith("restored "):
            analyst.after_restore(float(command.split()[1]))
        analyst.act()
        analyst.wait(analyst.rng.randint(1, 8))
    window.close()
    window.session.project.close()
    say("bye")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("seed", type=int)
    parser.add_argument("--annotator", default=None)
    parser.add_argument("--settings", default=None)
    parser.add_argument("--poll-ms", type=int, default=150)
    parser.add_argument("--recode-chance", type=float, default=0.02)
    parser.add_argument("--train-chance", type=float, default=0.0)
    parser.add_argument("--no-undo", dest="undo", action="store_false")
    parser.add_argument("--wait-go", action="store_true", help="after ready, wait for 'go' on stdin")
    parser.add_argument("--backwards", action="store_true", help="walk each document's suggestions from its last")
    args = parser.parse_args()
    os.environ["EVENTCODER_ANNOTATOR"] = args.annotator or f"window-{args.seed}"
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
