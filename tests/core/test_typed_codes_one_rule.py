"""A code typed for a role links the sentence's words that name it by one mechanism, the command's
(core/commands.py ``_settle_role``), inside its transaction: the session adds no second linking of its own, so a
script calling the command and the window's session give the same words (a swap of source and target, a mention
naming the same actor more specifically, never the words the other role keeps)."""

from __future__ import annotations

import pytest

from eventcoder.core import commands
from eventcoder.core import session as core_session
from eventcoder.core.model import Document, Event, Span
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

SWAP = "Ethiopia accused Kenya of shelling the border town of Moyale on Monday."
SANCTIONS = "Sanctions on the Russian government were extended by Canada on Friday."


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def _doc(project, text, spans, source, target):
    doc_id, _ = project.add_document(Document(text=text, published="2025-03-04"))
    ids = {}
    for words, layer, code in spans:
        start = text.index(words)
        ids[words] = project.add_span(Span(doc_id, start, start + len(words), words, layer, code,
                                           status="suggested", origin="model")).id
    event = project.add_event(Event(doc_id, "112", source_code=source[1], target_code=target[1],
                                    source_span_id=ids[source[0]], target_span_id=ids[target[0]],
                                    sentence_start=0, sentence_end=len(text), status="suggested", origin="model"))
    return doc_id, event, ids


def _swap(project):
    return _doc(project, SWAP, [("Ethiopia", "actor", "ETH"), ("Kenya", "actor", "KEN")],
                ("Ethiopia", "ETH"), ("Kenya", "KEN"))


def _roles(event, source_code, target_code):
    return {"source": commands.RoleWords(source_code, event.source_span_id),
            "target": commands.RoleWords(target_code, event.target_span_id)}


def test_the_session_has_no_linking_of_its_own():
    assert not hasattr(core_session, "link_typed_codes")


@pytest.mark.parametrize("through", ["session", "command"])
def test_swapped_codes_swap_the_words(tmp_path, cameo, through):
    with Project(tmp_path / f"{through}.db", annotator="ana") as project:
        doc_id, event, ids = _swap(project)
        if through == "session":
            session = CodingSession(project, cameo)
            session.open_document(doc_id)
            assert session.edit_event(shown=event, roles=_roles(event, "KEN", "ETH"), event_code="112")
        else:
            commands.edit_event(project, event.id, expected_version=event.version,
                                roles=_roles(event, "KEN", "ETH"), event_code="112").apply(project)
        saved = project.get_event(event.id)
        assert (saved.source_code, saved.source_span_id) == ("KEN", ids["Kenya"])
        assert (saved.target_code, saved.target_span_id) == ("ETH", ids["Ethiopia"])
        assert saved.status == "accepted"
        assert {project.get_span(i).code for i in ids.values()} == {"ETH", "KEN"}  # nobody's words recoded


def test_a_typed_country_links_the_mention_of_its_government_not_the_other_roles_words(tmp_path, cameo):
    with Project(tmp_path / "p.db", annotator="ana") as project:
        doc_id, event, ids = _doc(project, SANCTIONS, [("Sanctions", "trigger", None),
                                                        ("the Russian government", "actor", "RUSGOV"),
                                                        ("Canada", "actor", "CAN")],
                                  ("Canada", "CAN"), ("Sanctions", None))
        session = CodingSession(project, cameo)
        session.open_document(doc_id)
        # the target field showed "Sanctions" (a grammar phrase); the analyst typed RUS: the words naming Russia
        assert session.edit_event(shown=event, roles=_roles(event, "CAN", "RUS"), event_code="112")
        saved = project.get_event(event.id)
        assert (saved.target_code, saved.target_span_id) == ("RUS", ids["the Russian government"])
        assert saved.source_span_id == ids["Canada"]
        assert project.get_span(ids["Sanctions"]).code is None  # the phrase keeps its own coding
        # typed CAN for the target too: Canada is the source's words, never taken from it
        again = project.get_event(event.id)
        assert session.edit_event(shown=again, roles=_roles(again, "CAN", "CAN"), event_code="112")
        assert project.get_event(event.id).source_span_id == ids["Canada"]
        assert project.get_event(event.id).target_span_id != ids["Canada"]
