"""A document's new date moves its events that had the document's date (or none), in the same transaction and
the same undo step; an event an analyst dated to another day keeps its date. Exported event dates follow."""

from __future__ import annotations

import csv
import json

import pytest

from eventcoder.core import commands
from eventcoder.core.io.exporters import export
from eventcoder.core.model import Document
from eventcoder.core.session import BadEventDate, CodingSession
from eventcoder.core.store import Project

TEXT = ("Hungary hosted Slovakia in Budapest on Monday.\n\n"
        "Slovakia praised Hungary for the talks.\n\n"
        "Hungary thanked Slovakia for the visit.")


@pytest.fixture
def dated(tmp_path):
    """A CAMEO project, one document dated 2024-06-03 and three events: one on the document's date, one with no
    date, one an analyst dated 2024-05-30."""
    with Project(tmp_path / "dated.db", annotator="analyst") as project:
        doc_id, _ = project.add_document(Document(TEXT, title="Talks", published="2024-06-03"))
        session = CodingSession.open(project)
        session.open_document(doc_id)
        on_doc = session.new_event("042", at=TEXT.index("hosted"), source="HUN", target="SVK")
        undated = session.new_event("051", at=TEXT.index("praised"), source="SVK", target="HUN", date="")
        own = session.new_event("051", at=TEXT.index("thanked"), source="HUN", target="SVK", date="2024-05-30")
        assert (on_doc.date, undated.date, own.date) == ("2024-06-03", None, "2024-05-30")
        yield session, doc_id, (on_doc.id, undated.id, own.id)


def _dates(project: Project, ids) -> tuple:
    return tuple(project.get_event(i).date for i in ids)


def test_events_on_the_document_date_or_none_follow_it_and_one_undo_takes_both_back(dated, tmp_path):
    session, doc_id, ids = dated
    project = session.project
    assert session.set_document_date(doc_id, "2024-06-10")
    assert project.get_document(doc_id).published == "2024-06-10"
    assert _dates(project, ids) == ("2024-06-10", "2024-06-10", "2024-05-30")  # the analyst's own day kept
    assert [e.date for e in session.doc.events if e.id == ids[0]] == ["2024-06-10"]  # the screen re-read
    # a new event of the document takes the new date
    assert session.new_event("042", at=TEXT.index("hosted"), source="HUN").date == "2024-06-10"
    assert session.undo()  # the new event
    assert session.undo()  # the date: one step, document and events together
    assert project.get_document(doc_id).published == "2024-06-03"
    assert _dates(project, ids) == ("2024-06-03", None, "2024-05-30")
    assert session.redo() and _dates(project, ids) == ("2024-06-10", "2024-06-10", "2024-05-30")

    # the exports say the new date: CSV event_date, PLOVER JSONL date
    scheme = session.scheme
    export(project, "csv", tmp_path / "out.csv", scheme, None)
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        by_id = {int(r["event_id"]): r["event_date"] for r in csv.DictReader(fh)}
    assert [by_id[i] for i in ids] == ["2024-06-10", "2024-06-10", "2024-05-30"]
    export(project, "jsonl", tmp_path / "out.jsonl", scheme, None)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["date"] for r in lines) == ["2024-05-30", "2024-06-10", "2024-06-10"]


def test_clearing_the_document_date_clears_the_events_that_had_it(dated):
    session, doc_id, ids = dated
    assert session.set_document_date(doc_id, "")
    assert _dates(session.project, ids) == (None, None, "2024-05-30")
    assert session.set_document_date(doc_id, "2024-07-01")  # and a date again: the undated ones take it
    assert _dates(session.project, ids) == ("2024-07-01", "2024-07-01", "2024-05-30")


def test_undo_is_refused_whole_when_someone_redated_a_following_event_since(dated):
    session, doc_id, ids = dated
    project = session.project
    assert session.set_document_date(doc_id, "2024-06-10")
    with Project(project.path, annotator="colleague") as other:
        event = other.get_event(ids[0])
        commands.edit_event(other, ids[0], expected_version=event.version, date="2024-06-11").apply(other)
    assert not session.undo()
    assert "changed elsewhere by colleague" in session.save_problem
    # nothing of the undo was written: the document keeps the new date, the colleague's event theirs
    assert project.get_document(doc_id).published == "2024-06-10"
    assert _dates(project, ids) == ("2024-06-11", "2024-06-10", "2024-05-30")


def test_an_event_date_is_edited_in_every_scheme_and_checked(dated):
    session, doc_id, ids = dated
    project = session.project
    shown = project.get_event(ids[0])
    assert session.edit_event(shown=shown, date="2024-06-01")
    assert project.get_event(ids[0]).date == "2024-06-01"
    shown = project.get_event(ids[0])
    assert not session.edit_event(shown=shown, date="2024-13-01")
    assert "month must be in 1..12" in session.save_problem
    assert project.get_event(ids[0]).date == "2024-06-01"
    with pytest.raises(BadEventDate, match="not a date written YYYY-MM-DD"):
        from eventcoder.core.session import event_date

        event_date("1 June 2024")
