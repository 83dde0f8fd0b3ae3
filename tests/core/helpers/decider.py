"""An analyst's process without the window, for tests/core/test_cli_beside_writer.py.

``decider.py DB SEED``: holds the project open the way the window does (one ``Project`` for the analyst's
changes, and now and then a second one opened and closed in the same process, as the window's coding and
retraining workers do), and decides suggested events one user action at a time, as the window's A / X /
Ctrl+Z do: accept or reject with the version it read (a change made elsewhere meanwhile is refused), or
undo its last decision. After each change has committed it prints, flushed::

    ack EVENT_ID STATUS VERSION KIND t0=SECONDS t1=SECONDS

(``t0``/``t1``: wall-clock time just before the change started and just after it committed), and
``refused EVENT_ID`` for a change refused by the store. Like the window, it forgets its undo steps when the
project was restored from a backup meanwhile (``restore_id`` in meta changed; checked in the undo's own
transaction), and prints ``restored``. It runs until killed (or stdin closes).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import threading
import time

from eventcoder.core import commands
from eventcoder.core.errors import EventCoderError
from eventcoder.core.model import RowKind
from eventcoder.core.store import Project


def _stop_when_stdin_closes() -> None:
    sys.stdin.read()
    sys.stdout.flush()
    import os

    os._exit(0)


class Restored(Exception):
    """The project was restored since the undo steps were recorded: they are not undone over the backup."""


def main(db: str, seed: int) -> None:
    rng = random.Random(seed)
    project = Project(db, annotator=f"decider-{seed}")
    with Project(db, annotator="worker") as worker:  # a worker's own connection, opened and closed
        worker.document_ids()
    threading.Thread(target=_stop_when_stdin_closes, daemon=True).start()
    print("ready", flush=True)
    undo: list[tuple[int, commands.Command]] = []  # (event id, inverse) of each decision, newest last
    restore_id = project.get_meta("restore_id")
    step = 0
    while True:
        step += 1
        if step % 15 == 0:  # a worker (Ctrl+R, retraining) opens the file again and closes it
            try:
                with Project(db, annotator="worker") as worker:
                    worker.pending_events_by_confidence()
            except (EventCoderError, sqlite3.Error) as exc:  # the window shows a worker's failure and goes on
                print(f"worker-failed {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", flush=True)
        t0 = time.time()
        if undo and rng.random() < 0.15:
            event_id, inverse = undo.pop()
            try:
                with project.transaction():
                    if project.get_meta("restore_id") != restore_id:
                        raise Restored
                    inverse.apply(project)
                    after = project.get_event(event_id)
            except Restored:
                restore_id = project.get_meta("restore_id")
                undo.clear()
                print("restored", flush=True)
                continue
            except EventCoderError:
                print(f"refused {event_id}", flush=True)
                continue
            print(f"ack {event_id} {after.status} {after.version} undo t0={t0:.6f} t1={time.time():.6f}",
                  flush=True)
            continue
        pending = project.pending_events_by_confidence()
        if not pending:
            time.sleep(0.01)
            continue
        event_id = rng.choice(pending[:40])
        try:
            seen = project.get_event(event_id)
        except EventCoderError:
            continue
        status = "accepted" if rng.random() < 0.6 else "rejected"
        factory = commands.accept_event if status == "accepted" else commands.reject_event
        try:
            inverse = factory(project, event_id, expected_version=seen.version).apply(project)
        except EventCoderError:  # changed or deleted elsewhere since it was read: nothing written
            print(f"refused {event_id}", flush=True)
            continue
        undo.append((event_id, inverse))
        steps = getattr(inverse, "commands", (inverse,))
        assert all(hasattr(c, "kind") for c in steps), steps  # row commands name their kind
        wrote = any(c.kind is RowKind.EVENT for c in steps)
        version = seen.version + 1 if wrote else seen.version  # deciding it as it already was writes nothing
        print(f"ack {event_id} {status} {version} {status[:-2]} t0={t0:.6f} t1={time.time():.6f}", flush=True)
        time.sleep(rng.uniform(0.0, 0.01))  # the analyst reads the next sentence


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
