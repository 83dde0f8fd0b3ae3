"""Delete on a relation in the window deletes it as shown: refused, nothing written, if it changed elsewhere."""

from __future__ import annotations

from eventcoder.core import commands
from eventcoder.core.model import Relation
from eventcoder.core.store import Project


def _relation(window) -> int:
    session = window.session
    doc = session.doc
    first, second = sorted(doc.spans.values(), key=lambda s: s.start)[:2]
    session.do(commands.add_relation(Relation(doc.document.id, first.id, second.id, "same")))
    relation = session.doc.relations[-1]
    session.set_current_relation(relation.id)
    return relation.id


def test_delete_relation_changed_elsewhere_is_refused(window):
    relation_id = _relation(window)
    with Project(window.session.project.path, annotator="other") as other:  # another window changes it
        other.update_row("relation", relation_id, {"type": "other"})
    window.coding.delete_relation()  # Delete in the relations list
    project = window.session.project
    assert project.get_row("relation", relation_id) is not None  # still there, as the other window left it
    assert project.get_row("relation", relation_id)["type"] == "other"
    assert "changed elsewhere" in window.statusBar().currentMessage()


def test_delete_relation_as_shown(window):
    relation_id = _relation(window)
    window.coding.delete_relation()
    assert window.session.project.get_row("relation", relation_id) is None
    assert window.session.core.undo()  # one undoable step
    assert window.session.project.get_row("relation", relation_id) is not None
