"""The build before m014 (document and span ids reused), for the upgrade tests: the same store with its schema
ending at m013, so a project file it writes is one the previous release wrote.

In a test: ``with previous_schema(): Project(path)`` makes and writes such a file. As a process:
``previous_schema.py DB hold``: opens DB as the previous build does (it must already have that schema), prints
``ready`` and waits for a line on stdin (meanwhile the test opens the file with this build, which upgrades
it); then, still on its first connection, imports a document with two highlights and an event, prints its id
and the spans' ids as one JSON line and exits.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator

from sqlite_utils import Migrations

from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import MIGRATION_SET, Project, base, migrations

M014 = "m014_document_and_span_ids_never_reused"


def previous_migrations() -> Migrations:
    names = [m.name for m in migrations._migrations]
    older = Migrations(MIGRATION_SET)
    older._migrations = list(migrations._migrations[: names.index(M014)])
    return older


@contextlib.contextmanager
def previous_schema() -> Iterator[None]:
    """Projects opened inside are opened (made, upgraded) as the build before m014 did."""
    older = previous_migrations()
    saved = base.migrations, base.SCHEMA_VERSIONS
    base.migrations, base.SCHEMA_VERSIONS = older, [m.name for m in older._migrations]
    try:
        yield
    finally:
        base.migrations, base.SCHEMA_VERSIONS = saved


def add_coded(project: Project, text: str, title: str) -> tuple[int, list[int]]:
    """Import ``text`` with two highlights (an actor, a trigger) and an event on them; returns the document's
    id and its spans' ids."""
    doc_id, _ = project.add_document(Document(text=text, title=title))
    project.save_coded(doc_id, CodedDocument(
        spans=[SuggestedSpan(0, 4, text[:4], code="RUR"), SuggestedSpan(5, 10, text[5:10], layer="trigger")],
        events=[SuggestedEvent("112", "RUR", None, 0, None, 1, 0, len(text), confidence=0.5)]))
    return doc_id, sorted(s.id for s in project.spans(doc_id))


if __name__ == "__main__":
    path, mode = sys.argv[1], sys.argv[2]
    assert mode == "hold"
    with previous_schema():
        project = Project(path, annotator="old build")
    assert project.schema_version == previous_migrations()._migrations[-1].name
    print("ready", flush=True)
    sys.stdin.readline()
    doc_id, span_ids = add_coded(project, "Ruritania warned Freedonia from the old build's window.", "old build")
    print(json.dumps({"document": doc_id, "spans": span_ids}), flush=True)
    project.close()
