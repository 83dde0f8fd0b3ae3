"""An event id names one event for the project's whole life: a deleted id is never given to a new row."""

from __future__ import annotations

import shutil

import pytest

from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document, Event, RowKind
from eventcoder.core.store import Project

from ..conftest import REPO


def test_a_deleted_highest_event_id_is_never_reused(project):
    doc_id, _ = project.add_document(Document(text="The council met and the envoy left."))
    first = project.add_event(Event(doc_id, event_code="040"))
    last = project.add_event(Event(doc_id, event_code="042"))
    project.delete_row(RowKind.EVENT, last.id)
    again = project.add_event(Event(doc_id, event_code="043"))
    assert again.id not in (first.id, last.id) and again.id > last.id
    assert [h["row_id"] for h in project.history(10) if h["table_name"] == "events"].count(last.id) == 2


def test_an_older_project_keeps_its_ids_and_rows_when_migrated(tmp_path):
    path = tmp_path / "project_v1.db"
    shutil.copy(REPO / "tests" / "data" / "project_v1.db", path)
    with Project(path) as p:
        (event,) = p.events()
        assert (event.event_code, event.source_code, event.status) == ("057", "GON", "accepted")
        assert p.integrity_check() == []
        sql = p.db.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        assert "AUTOINCREMENT" in sql
        p.delete_row(RowKind.EVENT, event.id)
        assert p.add_event(Event(event.document_id, event_code="010")).id > event.id



def test_rows_are_named_by_kind_and_a_table_name_is_refused(project):
    doc_id, _ = project.add_document(Document(text="Spain met Portugal."))
    event = project.add_event(Event(doc_id, event_code="036"))
    assert project.get_row(RowKind.EVENT, event.id)["event_code"] == "036"
    assert project.get_row("event", event.id)["event_code"] == "036"  # a kind's value is that kind
    for table in ("events", "documents"):
        with pytest.raises(StoreError, match=f"no kind of row is called '{table}'"):
            project.get_row(table, event.id)
        with pytest.raises(StoreError, match=f"no kind of row is called '{table}'"):
            project.delete_row(table, event.id)
    assert project.get_row(RowKind.EVENT, event.id)["event_code"] == "036"
