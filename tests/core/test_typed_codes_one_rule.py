"""A code typed for a role links the sentence's words that name it by one mechanism, the command's
(core/commands.py ``_settle_role``), inside its transaction: the session adds no second linking of its own, so a
script calling the command and the window's session give the same words (a swap of source and target, a mention
naming the same actor more specifically, never the words the other role keeps). A typed code never recodes words
that do not name it, nor does the project's actor dictionary learn from it (the new-user trial's "US" ->
IGOWSTNAT: "US" was read as the pronoun "us"); and an edit that changes an event's type clears the modes the new
type does not take (the trial's ACCUSE/disapprove edited to PROTEST: the window showed no mode, the export said
disapprove). Real SQLite files, through the command line and the window's session alike."""

from __future__ import annotations

import pandas as pd
import pytest

from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core import project_actors as pa
from eventcoder.core import session as core_session
from eventcoder.core.errors import EventCoderError
from eventcoder.core.event_attributes import settle_attributes
from eventcoder.core.mentions import is_pronoun
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


# ---------------------------------------------------------------- the trial's "US" and a new type's modes

SENTENCE = "Moldova rejected every demand made by the US or the EU on Friday."


@pytest.fixture(scope="module")
def plover():
    return load_scheme("plover")


def _span(project, doc_id, words, code):
    start = SENTENCE.index(words)
    return project.add_span(Span(doc_id, start, start + len(words), words, "actor", code, status="suggested",
                                 origin="model")).id


def _seed(path):
    """A project file with the coder's suggestion Moldova 111 USA (target "US"), "EU" coded IGOEUREEC."""
    with Project(path, annotator="tester") as project:
        doc_id, _ = project.add_document(Document(text=SENTENCE, published="2025-05-09"))
        ids = {w: _span(project, doc_id, w, c) for w, c in (("Moldova", "MDA"), ("US", "USA"), ("EU", "IGOEUREEC"))}
        event = project.add_event(Event(doc_id, "111", source_code="MDA", target_code="USA",
                                        source_span_id=ids["Moldova"], target_span_id=ids["US"], sentence_start=0,
                                        sentence_end=len(SENTENCE), status="suggested", origin="model",
                                        scheme="CAMEO"))
    return doc_id, event.id, ids


def _after_typing_eu(path, event_id, ids):
    with Project(path, annotator="tester") as project:
        event = project.get_event(event_id)
        assert (event.status, event.target_code, event.target_span_id) == ("accepted", "IGOEUREEC", ids["EU"])
        us = project.get_span(ids["US"])
        assert (us.code, us.status) == ("USA", "suggested")  # the words typed over keep their code, undecided
        assert project.get_span(ids["EU"]).status == "accepted"
        learned = {(a.name, a.code) for a in pa.project_actors(project)}
    assert ("EU", "IGOEUREEC") in learned
    assert not [a for a in learned if a[0] == "US"]  # nothing learned for "US"


def test_abbreviations_are_not_pronouns():
    assert not is_pronoun("US") and not is_pronoun("IT")
    assert is_pronoun("us") and is_pronoun("Us") and is_pronoun("I") and is_pronoun("They")
    assert pa.looks_like_name("US") and not pa.looks_like_name("us")


def test_a_typed_target_links_its_mention_through_the_command_line(tmp_path, capsys):
    path = tmp_path / "cli.db"
    _doc, event_id, ids = _seed(path)
    assert main(["edit", str(event_id), "--target", "IGOEUREEC", "--db", str(path)]) == 0
    assert "IGOEUREEC" in capsys.readouterr().out
    _after_typing_eu(path, event_id, ids)
    out = tmp_path / "events.csv"
    assert main(["export", "--out", str(out), "--db", str(path)]) == 0
    row = pd.read_csv(out, dtype=str).iloc[0]
    assert (row["target_code"], row["target_text"]) == ("IGOEUREEC", "EU")


def test_a_typed_target_links_its_mention_in_the_window_session(tmp_path, cameo):
    path = tmp_path / "window.db"
    doc_id, event_id, ids = _seed(path)
    with Project(path, annotator="tester") as project:
        session = CodingSession(project, cameo)
        session.open_document(doc_id)
        event = project.get_event(event_id)
        roles = {"target": commands.RoleWords("IGOEUREEC", ids["US"]),
                 "source": commands.RoleWords("MDA", ids["Moldova"])}
        assert session.edit_event(shown=event, roles=roles, event_code="111")
    _after_typing_eu(path, event_id, ids)


def _accusation(path, plover):
    with Project(path, annotator="tester") as project:
        text = "Farmers' groups accused the ministry of hiding the report."
        doc_id, _ = project.add_document(Document(text=text, published="2025-05-09"))
        event = project.add_event(Event(doc_id, "ACCUSE", source_code="MDAAGR", target_code="MDAGOV",
                                        sentence_start=0, sentence_end=len(text), mode="disapprove",
                                        context="economic", status="accepted", origin="human", annotator="tester",
                                        scheme=plover.name))
    return doc_id, event.id


def test_a_new_type_clears_the_modes_it_does_not_take_through_the_command_line(tmp_path, plover, capsys):
    path = tmp_path / "plv.db"
    _doc, event_id = _accusation(path, plover)
    assert "disapprove" not in plover.modes_for("PROTEST")
    version = Project(path).get_event(event_id).version
    assert main(["edit", f"{event_id}@{version}", "--code", "PROTEST", "--db", str(path)]) == 0
    with Project(path) as project:
        event = project.get_event(event_id)
    assert (event.event_code, event.mode, event.context) == ("PROTEST", None, "economic")  # context: any type
    out = tmp_path / "events.csv"
    assert main(["export", "--out", str(out), "--db", str(path)]) == 0
    row = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[0]
    assert (row["event_code"], row["mode"]) == ("PROTEST", "")  # the export agrees with the window


def test_a_new_type_clears_the_modes_it_does_not_take_in_the_window_session(tmp_path, plover):
    path = tmp_path / "plv.db"
    doc_id, event_id = _accusation(path, plover)
    with Project(path, annotator="tester") as project:
        session = CodingSession(project, plover)
        session.open_document(doc_id)
        accusation = project.get_event(event_id)
        # the rule: a type that takes the mode keeps it; a mode given that the new type lacks is refused
        assert settle_attributes(plover, accusation, {"note": "x"}) == {"note": "x"}
        assert settle_attributes(plover, accusation, {"event_code": "PROTEST", "mode": "riot"})["mode"] == "riot"
        with pytest.raises(EventCoderError, match="PROTEST has no mode disapprove"):
            settle_attributes(plover, accusation, {"event_code": "PROTEST", "mode": "disapprove"})
        assert session.edit_event(shown=accusation, event_code="PROTEST")
        event = project.get_event(event_id)
        assert (event.event_code, event.mode, event.context) == ("PROTEST", None, "economic")
