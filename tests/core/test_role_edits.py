"""A code typed in Source or Target changes that role of that event only; words are recoded only when they are the
role's own words and name the actor; the project's actor dictionary never learns from a typed code landing on
other words; and a learned code that carries a role is never composed with another role (the new-user trial on
343f68c: "Nairobi -> KENGOV", "Kosovo -> KSVGOV", then "Protesters in Kosovo" coded KSVGOVOPP)."""

from __future__ import annotations

import pytest

from eventcoder.core import commands, pipeline
from eventcoder.core import project_actors as pa
from eventcoder.core.model import Document, Event, Span
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession

TEXT = "The two leaders signed a formal agreement in Nairobi on Tuesday."
KOSOVO = "Serbia accused Kosovo of provocations on Sunday."


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def _span(project, doc_id, text, words, code):
    start = text.index(words)
    return project.add_span(Span(doc_id, start, start + len(words), words, "actor", code, status="suggested",
                                 origin="model")).id


def _suggestion(project, cameo, text, source, target, code="057"):
    """A document with the coder's suggestion ``source code -> target``: ((words, code), ...) of each role."""
    doc_id, _ = project.add_document(Document(text=text, published="2025-03-04"))
    s = _span(project, doc_id, text, *source[0]) if source else None
    t = _span(project, doc_id, text, *target[0])
    event = project.add_event(Event(doc_id, code, source_code=source[1] if source else None, target_code=target[1],
                                    source_span_id=s, target_span_id=t, sentence_start=0, sentence_end=len(text),
                                    status="suggested", origin="model"))
    session = CodingSession(project, cameo)
    session.open_document(doc_id)
    return session, event, s, t


def _typed(session, event, role, code):
    """What the editor gives when the analyst typed ``code`` in ``role``'s field and pressed Enter: both roles, the
    other one as shown."""
    event = session.project.get_event(event.id)
    other = "source" if role == "target" else "target"
    roles = {role: commands.RoleWords(code, getattr(event, f"{role}_span_id")),
             other: commands.RoleWords(getattr(event, f"{other}_code"), getattr(event, f"{other}_span_id"))}
    return session.edit_event(shown=event, roles=roles, event_code=event.event_code)


def test_typing_the_target_leaves_the_source_and_other_words_alone(project, cameo):
    # "The two leaders" is coded ETHGOV (both leaders, one code) while the event's source is KENGOV
    session, event, leaders, nairobi = _suggestion(
        project, cameo, TEXT, (("The two leaders", "ETHGOV"), "KENGOV"), (("Nairobi", "KEN"), "KEN"))
    assert _typed(session, event, "target", "ETHGOV")
    saved = project.get_event(event.id)
    assert (saved.source_code, saved.source_span_id, saved.status) == ("KENGOV", leaders, "accepted")
    assert saved.target_code == "ETHGOV" and saved.target_span_id is None  # the sentence names no other ETHGOV
    assert (project.get_span(nairobi).code, project.get_span(nairobi).status) == ("KEN", "suggested")
    assert (project.get_span(leaders).code, project.get_span(leaders).status) == ("ETHGOV", "suggested")
    assert pa.project_actors(project) == []  # nothing learned
    assert session.undo()
    undone = project.get_event(event.id)
    assert (undone.source_span_id, undone.target_span_id, undone.target_code, undone.status) == (
        leaders, nairobi, "KEN", "suggested")


def test_accepting_keeps_words_that_do_not_name_the_code_without_accepting_them(project, cameo):
    session, event, leaders, nairobi = _suggestion(
        project, cameo, TEXT, (("The two leaders", "ETHGOV"), "KENGOV"), (("Nairobi", "KEN"), "KEN"))
    assert session.do(commands.accept_event(project, event.id)) is not None
    saved = project.get_event(event.id)
    assert (saved.source_span_id, saved.target_span_id) == (leaders, nairobi)
    assert project.get_span(leaders).status == "suggested"  # not accepted as ETHGOV under a KENGOV source
    assert project.get_span(nairobi).status == "accepted"  # words that name the target's code are
    assert [(a.key, a.code) for a in pa.project_actors(project)] == [("NAIROBI", "KEN")]


def test_a_more_specific_typed_code_keeps_the_words_and_their_code(project, cameo):
    """KSVGOV typed over "Kosovo" (KSV): the words still name the target, but "Kosovo" is not learned as Kosovo's
    government (select the words and press T to code them so)."""
    session, event, serbia, kosovo = _suggestion(
        project, cameo, KOSOVO, (("Serbia", "SRB"), "SRB"), (("Kosovo", "KSV"), "KSV"), code="112")
    assert _typed(session, event, "target", "KSVGOV")
    saved = project.get_event(event.id)
    assert (saved.target_code, saved.target_span_id) == ("KSVGOV", kosovo)
    assert project.get_span(kosovo).code == "KSV"
    assert ("KOSOVO", "KSVGOV") not in {(a.key, a.code) for a in pa.project_actors(project)}


def test_a_less_specific_typed_code_still_recodes_the_roles_own_words(project, cameo):
    """The README's rule: RUS typed over "Russian foreign minister Sergey Lavrov" (RUSGOV) recodes those words."""
    text = "Russian foreign minister Sergey Lavrov criticised Kosovo on Sunday."
    session, event, lavrov, _kosovo = _suggestion(
        project, cameo, text, (("Russian foreign minister Sergey Lavrov", "RUSGOV"), "RUSGOV"),
        (("Kosovo", "KSV"), "KSV"), code="111")
    assert _typed(session, event, "source", "RUS")
    assert project.get_event(event.id).source_span_id == lavrov
    assert project.get_span(lavrov).code == "RUS"


def test_picked_words_are_still_recoded(project, cameo):
    """Selecting the words and pressing T is the deliberate way to code them, and it is learned."""
    session, event, _serbia, kosovo = _suggestion(
        project, cameo, KOSOVO, (("Serbia", "SRB"), "SRB"), (("Kosovo", "KSV"), "KSV"), code="112")
    shown = project.get_event(event.id)
    assert session.edit_event(shown=shown, roles={"target": commands.RoleWords("KSVGOV", kosovo, picked=True)})
    assert project.get_span(kosovo).code == "KSVGOV"
    assert ("KOSOVO", "KSVGOV") in {(a.key, a.code) for a in pa.project_actors(project)}


def test_a_learned_code_with_a_role_is_never_composed_with_another_role(project, cameo):
    """"Kosovo" learned as KSVGOV: "Kosovo" alone codes KSVGOV, but "Protesters in Kosovo" and "Kosovo soldiers"
    compose their role with the country (KSVOPP, KSVMIL), never KSVGOVOPP / KSVGOVMIL."""
    first, _ = project.add_document(Document(text="Kosovo signed a deal.", published="2025-03-04"))
    project.add_span(Span(first, 0, 6, "Kosovo", "actor", "KSVGOV", status="accepted", origin="human"))
    assert [(a.key, a.code) for a in pa.project_actors(project)] == [("KOSOVO", "KSVGOV")]
    text = "Protesters in Kosovo clashed with police on Sunday. Kosovo soldiers attacked Serbian police."
    doc_id, _ = project.add_document(Document(text=text, published="2025-03-05"))
    pipeline.code_documents(project, cameo, [doc_id])
    codes = {s.text: s.code for s in project.spans(doc_id, layer="actor")}
    assert codes["Protesters"] == "KSVOPP" and codes["Kosovo soldiers"] == "KSVMIL"
    assert codes["Kosovo"] == "KSVGOV"  # the analyst's code for the name itself
    every = {c for e in project.events(doc_id) for c in (e.source_code, e.target_code) if c}
    assert not [c for c in every | set(codes.values()) if c and c.startswith("KSVGOV") and c != "KSVGOV"]
