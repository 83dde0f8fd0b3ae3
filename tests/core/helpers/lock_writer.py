"""A process that holds a project open the way the window does, for the lock tests.

``lock_writer.py DB``: opens the project, then a second ``Project`` on the same file in the same process
(as the window's workers do for coding and retraining) and closes it again, then adds events one user
action at a time, printing each id once committed, until killed.
"""

from __future__ import annotations

import sys

from eventcoder.core import commands
from eventcoder.core.model import Event, Span
from eventcoder.core.store import Project

if __name__ == "__main__":
    db = sys.argv[1]
    project = Project(db, annotator="window")
    doc_id = project.document_ids()[0]
    with Project(db, annotator="worker") as worker:  # a worker thread's own connection, opened and closed
        worker.get_document(doc_id)
    print("ready", flush=True)
    i = 0
    while True:
        inverse = commands.add_event(
            Event(document_id=doc_id, event_code="042", source_code="RUS", target_code="IND"),
            new_spans={"source": Span(document_id=doc_id, start=0, end=5, text="", code=f"X{i}")},
        ).apply(project)
        print(inverse.commands[0].row_id, flush=True)
        i += 1
