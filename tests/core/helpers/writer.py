"""A coder in a separate process, for the crash and concurrency tests.

``writer.py DB add N``: adds events one user action at a time; prints each id once committed.
``writer.py DB edit NAME SECONDS``: edits random events with version checks; prints
``ok ID VERSION`` per acknowledged write and ``conflict ID`` per detected concurrent change.
"""

from __future__ import annotations

import random
import sys
import time

from eventcoder.core import commands
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Event, Span
from eventcoder.core.store import Project


def add(project: Project, count: int) -> None:
    doc_id = project.document_ids()[0]
    for i in range(count):
        cmd = commands.add_event(
            Event(document_id=doc_id, event_code="042", source_code="RUS", target_code="IND"),
            new_spans={"source": Span(document_id=doc_id, start=0, end=5, text="", code=f"X{i}")},
        )
        inverse = cmd.apply(project)
        event_id = inverse.commands[0].row_id
        print(event_id, flush=True)


def edit(project: Project, name: str, seconds: float) -> None:
    rng = random.Random(name)
    ids = [e.id for e in project.events()]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        event_id = rng.choice(ids)
        seen = project.get_event(event_id)
        time.sleep(rng.random() * 0.002)  # the analyst "thinks" between reading and writing
        try:
            after = project.update_event(event_id, expected_version=seen.version, location=f"{name}-{seen.version}")
        except StoreError:
            print(f"conflict {event_id}", flush=True)
        else:
            print(f"ok {event_id} {after.version}", flush=True)


if __name__ == "__main__":
    db, mode = sys.argv[1], sys.argv[2]
    with Project(db, annotator=f"proc-{mode}") as project:
        if mode == "add":
            add(project, int(sys.argv[3]))
        else:
            edit(project, sys.argv[3], float(sys.argv[4]))
