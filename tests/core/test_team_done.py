"""Who marked which document done, as agreement and the team picture read it: from the rows' states, so an
undone mark is no mark (the undo is journalled as "undo: mark done", never read as a mark)."""

from __future__ import annotations

from eventcoder.core import commands
from eventcoder.core.model import Document
from eventcoder.core.store import Project


def test_an_undone_done_mark_is_no_mark(tmp_path):
    with Project(tmp_path / "p.db", annotator="ann") as project:
        doc_id, _ = project.add_document(Document(text="Norland protested to Vestria on Monday.", title="t"))
        other_id, _ = project.add_document(Document(text="Vestria met Norland on Tuesday.", title="u"))
        sha = project.get_document(doc_id).sha256
        inverse = commands.set_document_done(project, doc_id, True).apply(project)
        commands.set_document_done(project, other_id, True).apply(project)
        assert sha in project.done_documents()["ann"]
        inverse.apply(project)  # Ctrl+Z
        assert not project.get_document(doc_id).done
        assert sha not in project.done_documents()["ann"]
        assert project.get_document(other_id).sha256 in project.done_documents()["ann"]
