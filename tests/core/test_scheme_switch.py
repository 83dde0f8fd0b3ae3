"""Core's rules for one project, one code set (core/scheme_mix.py, core/session.py): a session's scheme switch
is refused when the new scheme lacks the codes of the project's events, unless it moves towards them; a typed
event code the scheme does not list is refused before anything is written."""

from __future__ import annotations

import pytest

from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.scheme_mix import SchemeMixError, UnknownEventCode, check_event_code, check_switch
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

TEXT = "Ruritania accused Freedonia of shelling the border town of Ostra on Monday."


def _cameo_project(path) -> Project:
    project = Project(path, annotator="tester")
    doc_id, _ = project.add_document(Document(text=TEXT, title="border"))
    project.save_coded(doc_id, CodedDocument(spans=[SuggestedSpan(0, 9, "Ruritania", code="RUR")], events=[
        SuggestedEvent("112", "RUR", None, 0, None, None, 0, len(TEXT), confidence=0.5)]), scheme="CAMEO")
    project.set_meta("scheme", "cameo")
    return project


def test_a_switch_to_a_scheme_without_the_events_codes_is_refused_and_changes_nothing(tmp_path):
    with _cameo_project(tmp_path / "p.db") as project:
        session = CodingSession.open(project)
        assert session.scheme.name == "CAMEO"
        with pytest.raises(SchemeMixError) as caught:
            session.set_scheme("plover")
        assert caught.value.own == "CAMEO" and caught.value.events == 1 and caught.value.scheme == "PLOVER"
        assert "is coded in CAMEO: 1 of its events have codes PLOVER does not have" in str(caught.value)
        assert session.scheme.name == "CAMEO" and project.get_meta("scheme") == "cameo"
        session.set_scheme("cameo")  # its own scheme: fine


def test_a_mixed_project_may_move_towards_the_scheme_of_its_events(tmp_path):
    cameo, plover = load_scheme("cameo"), load_scheme("plover")
    with _cameo_project(tmp_path / "p.db") as project:
        check_switch(project, cameo, plover)  # from PLOVER (1 event foreign) to CAMEO (none): allowed
        with pytest.raises(SchemeMixError):
            check_switch(project, plover, cameo)
        session = CodingSession(project, plover)  # opened in PLOVER by an older window
        session.set_scheme("cameo")
        assert project.get_meta("scheme") == "cameo"


def test_event_codes_are_checked_against_the_scheme_as_strings():
    cameo = load_scheme("cameo")
    check_event_code(cameo, "112")
    check_event_code(cameo, None)  # no code: nothing to check
    for code in ("CONSULT", "99", "0112"):
        with pytest.raises(UnknownEventCode, match=f"{code} is not an event code of CAMEO"):
            check_event_code(cameo, code)
    from eventcoder.core.session import empty_scheme

    check_event_code(empty_scheme(), "ANYTHING")  # no scheme loaded: codes as typed


def test_the_session_refuses_a_typed_code_the_scheme_lacks(tmp_path):
    with _cameo_project(tmp_path / "p.db") as project:
        session = CodingSession.open(project)
        session.open_document(project.document_ids()[0])
        event = session.doc.events[0]
        assert session.new_event("CONSULT", at=0, source="RUR") is None
        assert session.save_state == "failed" and "CONSULT is not an event code of CAMEO" in session.save_problem
        assert session.edit_event(shown=event, event_code="ACCUSE") is False
        assert [(e.event_code, e.status) for e in project.events(project.document_ids()[0])] == [
            ("112", "suggested")]
        assert session.edit_event(shown=event, event_code="111") is True
        assert project.events(project.document_ids()[0])[0].event_code == "111"
