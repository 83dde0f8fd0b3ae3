"""The coding rules the window used to decide in its widgets, now in core (core/session.py, core/commands.py), run
here without Qt: a new event's date, a note that decides nothing, an unchanged suggestion saved, words marked for
a role, span layers and relation types, a relation to itself, document dates read by the one date reader, and
document edits (date, done) whose undo is refused once someone else changed the document."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from eventcoder.core import commands
from eventcoder.core import store as store_mod
from eventcoder.core.document import segment
from eventcoder.core.errors import EventCoderError, StoreError
from eventcoder.core.io.dates import normalise_date, parse_news_date
from eventcoder.core.model import (
    CodedDocument,
    Document,
    Layer,
    Relation,
    RowKind,
    Span,
    SuggestedEvent,
    SuggestedSpan,
)
from eventcoder.core.session import CodingSession, empty_scheme, relation_types, span_layers, typed_actor_code
from eventcoder.core.store import Project

SCHEME = """\
name: DANUBE-TEST
version: "1"
description: Invented codes for the session rule tests.
score_name: score
roles:
  - {name: source, required: true}
  - {name: target, required: false}
  - {name: date, required: false}
event_types:
  - {code: "04", label: Consult, score: 1.0}
  - {code: "042", parent: "04", label: Visit, score: 1.0}
  - {code: "11", label: Disapprove, score: -2.0}
  - {code: "112", parent: "11", label: Accuse, score: -2.0}
actor_codes:
  - {code: "AUT", name: Austria, kind: country}
  - {code: "HUN", name: Hungary, kind: country}
  - {code: "SVK", name: Slovakia, kind: country}
span_labels:
  - {layer: actor, label: Actor}
  - {layer: location, label: Place}
relation_types:
  - {name: member_of, label: member of, description: "The first belongs to the second.", symmetric: false}
  - {name: same_as, label: same as, description: "Both name the same actor.", symmetric: true}
"""

TEXT = (
    "River barges wait at Komarno\n"
    "\n"
    "Hungary accused Slovakia of closing the lock at Komarno. The river authority of Austria said nothing.\n"
    "\n"
    "Slovakia hosted envoys from Vienna."
)


def _coding(text: str) -> CodedDocument:
    bounds = segment(text).bounds()
    spans = []
    for words, code, layer in (("Hungary", "HUN", "actor"), ("Slovakia", "SVK", "actor"),
                               ("accused", None, "trigger"), ("Komarno.", None, "location")):
        start = text.index(words, text.index("Hungary accused"))
        spans.append(SuggestedSpan(start, start + len(words), words, layer=layer, code=code, confidence=0.9))
    sentence = next(b for b in bounds if b[0] <= spans[2].start < b[1])
    event = SuggestedEvent("112", "HUN", "SVK", 0, 1, 2, *sentence, date="2024-06-03", confidence=0.7)
    return CodedDocument(spans=spans, events=[event], sentences=bounds)


@pytest.fixture
def session(scheme_project):
    project = scheme_project(SCHEME, "danube")
    doc_id, _ = project.add_document(Document(TEXT, title="Barges", published="2024-06-03"))
    project.add_document(Document("Another river, another day.\n\nNothing moved on the Drava.", title="Drava"))
    project.save_coded(doc_id, _coding(TEXT), scheme="DANUBE-TEST")
    session = CodingSession.open(project)
    session.open_document(doc_id)
    return session


def _row(project: Project, event_id: int) -> dict:
    return project.get_row(RowKind.EVENT, event_id)


# ---------------------------------------------------------------------------- events


def test_a_new_event_takes_the_document_date_unless_one_is_given_or_cleared(session):
    caret = TEXT.index("hosted")
    assert session.doc.default_event_date == "2024-06-03"
    assert session.new_event("042", at=caret, source="SVK").date == "2024-06-03"
    assert session.new_event("042", at=caret, source="SVK", date="2024-06-01").date == "2024-06-01"
    assert session.new_event("042", at=caret, source="SVK", date="").date is None  # a cleared date field: none


def test_a_note_alone_decides_nothing_and_keeps_who_decided(session):
    project = session.project
    suggestion = session.current_event  # opened: the first suggestion is current
    before = _row(project, suggestion.id)
    # the editor sends every field it shows: only the note differs from the event as shown
    assert session.edit_event(shown=suggestion, event_code="112", date="2024-06-03", note="check the lock")
    row = _row(project, suggestion.id)
    assert (row["note"], row["status"], row["annotator"], row["origin"]) == ("check the lock", "suggested", None,
                                                                             "model")
    assert row["version"] == before["version"] + 1 and session.history.undo_label().startswith("edit event")

    # an analyst's event keeps its annotator when someone else writes a note on it
    made = session.new_event("042", at=TEXT.index("hosted"), source="SVK")
    with Project(project.path, annotator="colleague") as other:
        commands.edit_event(other, made.id, note="who were the envoys?").apply(other)
        row = _row(other, made.id)
    assert (row["note"], row["annotator"], row["status"]) == ("who were the envoys?", "analyst", "accepted")

    # a note with another field is an edit like any other: the suggestion becomes the analyst's
    session.set_current_event(suggestion.id)
    assert session.edit_event(note="lock closed", date="2024-06-02")
    row = _row(project, suggestion.id)
    assert (row["status"], row["annotator"], row["date"]) == ("accepted", "analyst", "2024-06-02")


def test_saving_an_unchanged_suggestion_accepts_it_and_an_unchanged_event_saves_nothing(session):
    project = session.project
    suggestion = session.current_event  # opened: the first suggestion is current
    shown = {"event_code": "112", "date": "2024-06-03", "note": None}
    words = {role: commands.RoleWords(getattr(suggestion, f"{role}_code"), getattr(suggestion, f"{role}_span_id"))
             for role in ("source", "target")}
    assert session.edit_event(shown=suggestion, roles=words, **shown)
    row = _row(project, suggestion.id)
    assert (row["status"], row["annotator"]) == ("accepted", "analyst")
    spans = [project.get_span(row[f"{r}_span_id"]) for r in ("source", "target", "trigger")]
    assert [s.status for s in spans] == ["accepted"] * 3 and spans[2].code == "112"
    steps = len(session.history.undo_steps)

    accepted = session.doc.event(suggestion.id)
    version = _row(project, suggestion.id)["version"]
    assert session.edit_event(shown=accepted, roles=words, **shown)  # Enter again: nothing to save
    assert len(session.history.undo_steps) == steps and _row(project, suggestion.id)["version"] == version
    assert session.accept(suggestion.id)  # A on what is accepted writes nothing: no step to undo either
    assert len(session.history.undo_steps) == steps


def test_words_marked_for_a_role_become_an_accepted_human_actor_span(session):
    project = session.project
    start = TEXT.index("The river authority of Austria")
    words = "The river authority of Austria"
    marked = commands.actor_words(session.document_id, start, start + len(words), words, "AUT")
    assert (marked.layer, marked.status, marked.origin, marked.code) == ("actor", "accepted", "human", "AUT")
    made = session.new_event("112", sentence=session.doc.sentence_at(start),
                             roles={"source": commands.RoleWords("AUT", new_span=marked),
                                    "target": commands.RoleWords(None)})
    span = project.get_span(made.source_span_id)
    assert (span.text, span.layer, span.code, span.status, span.origin, span.annotator) == (
        words, "actor", "AUT", "accepted", "human", "analyst")
    assert made.target_span_id is None and made.target_code is None  # given as empty: not guessed

    # plain words given for a role are made an accepted human actor span too, whatever they came with
    loose = commands.RoleWords("HUN", new_span=Span(session.document_id, 0, 5, "River", layer="trigger",
                                                             status="suggested", origin="model"))
    made = session.new_event("112", at=0, roles={"source": loose})
    span = project.get_span(made.source_span_id)
    assert (span.layer, span.code, span.status, span.origin) == ("actor", "HUN", "accepted", "human")

    # a role that needs words but has a new span only counts as filled (nothing else given)
    authority = commands.actor_words(session.document_id, start + 4, start + 19, "river authority")
    made = session.new_event("112", at=start, roles={"source": commands.RoleWords(None, new_span=authority)})
    assert made is not None and project.get_span(made.source_span_id).text == "river authority"


def test_an_actor_code_as_typed_and_the_event_a_click_on_a_span_selects(session):
    assert typed_actor_code("aut") == "AUT" and typed_actor_code("SVK  Slovakia") == "SVK"
    assert typed_actor_code("  ") is None and typed_actor_code(None) is None

    suggestion = session.doc.events[0]
    trigger = suggestion.trigger_span_id
    made = session.new_event("042", at=TEXT.index("accused"), source=session.doc.spans[suggestion.source_span_id])
    source = made.source_span_id
    assert source == suggestion.source_span_id
    assert session.doc.event_for_span(source).id == suggestion.id  # the suggestion first
    session.accept(suggestion.id)
    assert session.doc.event_for_span(trigger).id == suggestion.id  # the one it triggers
    assert session.doc.event_for_span(source).id == made.id  # neither a suggestion nor triggered: text order
    vienna = session.project.add_span(Span(session.document_id, TEXT.index("Vienna"),
                                                    TEXT.index("Vienna") + 6, "Vienna", layer="location"))
    session.reload(session.document_id)
    assert session.doc.event_for_span(vienna.id) is None


# ---------------------------------------------------------------------------- spans and relations


def test_label_keys_take_the_schemes_layers_and_else_every_layer(session):
    assert span_layers(session.scheme) == ["actor", "location"]
    assert span_layers(empty_scheme()) == [layer.value for layer in Layer]
    assert relation_types(session.scheme) == [("member_of", "member of"), ("same_as", "same as")]
    assert relation_types(empty_scheme()) == [("related", "Related")]

    project = session.project
    start = TEXT.index("Vienna")
    assert session.mark_words(start, start + len("Vienna"), "location")
    (made,) = [s for s in project.spans(session.document_id) if s.text == "Vienna"]
    assert (made.layer, made.status, made.origin, made.annotator) == ("location", "accepted", "human", "analyst")
    assert session.mark_words(start, start + len("Vienna"), "actor")  # the same words again: relabelled
    (again,) = [s for s in project.spans(session.document_id) if s.text == "Vienna"]
    assert again.id == made.id and again.layer == "actor" and again.version == made.version + 1
    with pytest.raises(EventCoderError, match="not words of this document"):
        session.mark_words(len(TEXT) - 2, len(TEXT) + 5, "actor")


def test_a_relation_from_a_span_to_itself_is_refused_in_core(session):
    project = session.project
    hungary, slovakia = (next(s for s in session.doc.spans.values() if s.text == t) for t in ("Hungary", "Slovakia"))
    with pytest.raises(StoreError, match="two different spans"):
        commands.add_relation(Relation(session.document_id, hungary.id, hungary.id, "same_as"))
    assert not session.add_relation(hungary.id, hungary.id, "same_as")
    assert "two different spans" in session.save_problem and project.relations(session.document_id) == []
    with pytest.raises(EventCoderError, match="no relation type 'related'"):
        session.add_relation(hungary.id, slovakia.id, "related")

    # a span of another document, or one deleted elsewhere, is refused with nothing written
    other_doc = project.document_ids()[1]
    stray = project.add_span(Span(other_doc, 0, 7, "Another", layer="actor"))
    with pytest.raises(StoreError, match="in another document"):
        commands.add_relation(Relation(session.document_id, hungary.id, stray.id, "same_as")).apply(project)
    assert session.add_relation(hungary.id, slovakia.id, "member_of")
    (relation,) = project.relations(session.document_id)
    assert (relation.from_span_id, relation.to_span_id, relation.type) == (hungary.id, slovakia.id, "member_of")
    assert session.undo() and project.relations(session.document_id) == []


# ---------------------------------------------------------------------------- document dates and done marks


def test_document_dates_are_read_by_the_one_date_reader_with_the_reason(session):
    project, doc_id = session.project, session.document_id
    assert normalise_date(" 2024-02-29 ", iso_only=True) == "2024-02-29"
    for typed, reason in (("2023-02-29", "day is out of range for month"), ("2024-13-01", "month must be in 1..12"),
                          ("3 June 2024", "not a date written YYYY-MM-DD"), ("20240603", "YYYY-MM-DD")):
        with pytest.raises(StoreError, match=reason):
            commands.set_document_date(project, doc_id, typed)
    assert not session.set_document_date(doc_id, "2024-06-31")
    assert "day is out of range for month" in session.save_problem
    assert project.get_document(doc_id).published == "2024-06-03"
    assert session.set_document_date(doc_id, "  ") and project.get_document(doc_id).published is None


def test_news_dates_are_read_in_core_io(session):
    assert parse_news_date("Jan. 17", before="2022-03-01") == "2022-01-17"
    assert parse_news_date("18 February", before="2022-01-01T09:00:00Z") == "2021-02-18"  # the latest not after
    assert parse_news_date("Sept. 3, 2021") == "2021-09-03" == parse_news_date("2021-09-03")
    assert parse_news_date("Monday morning") is None and parse_news_date("") is None


def test_documents_have_versions_from_m013_and_every_edit_makes_a_new_one(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    store_mod.migrations.apply(db, stop_before="m013_document_versions")
    db["documents"].insert({"text": "An old article about the Tisza.", "sha256": "x", "title": "old"})
    db.close()
    with Project(path, annotator="analyst") as project:
        (doc_id,) = project.document_ids()
        assert project.get_document(doc_id).version == 1
        commands.set_document_date(project, doc_id, "2020-01-02").apply(project)
        project.set_document_done(doc_id, True)
        assert project.get_document(doc_id).version == 3
        entry = project.last_change(RowKind.DOCUMENT, doc_id)
        assert entry["after"]["version"] == 3 and "text" not in entry["after"]  # the journal keeps no article copy
        added, _ = project.add_document(Document("A new one.", title="new"))
        assert project.get_document(added).version == 1


def test_undoing_a_date_after_someone_else_changed_the_document_is_refused_naming_them(session):
    project, doc_id = session.project, session.document_id
    assert session.set_document_date(doc_id, "2024-06-04")
    with Project(project.path, annotator="colleague") as other:  # another window on the same file
        commands.set_document_date(other, doc_id, "2024-06-05").apply(other)
    assert not session.undo()
    assert "cannot undo “set the document date to 2024-06-04”" in session.save_problem
    assert "document “Barges”" in session.save_problem and "changed elsewhere by colleague" in session.save_problem
    assert project.get_document(doc_id).published == "2024-06-05"  # theirs, untouched
    assert not session.history.can_undo() and session.doc.document.published == "2024-06-05"

    # a date set from a stale view is refused too: the document on screen is checked at the version shown
    stale = session.doc.document
    with Project(project.path, annotator="colleague") as other:
        commands.set_document_date(other, doc_id, "2024-06-06").apply(other)
    session.doc.document = stale  # (the window had not re-read it yet)
    assert not session.set_document_date(doc_id, "2024-06-07")
    assert "changed elsewhere by colleague" in session.save_problem
    assert project.get_document(doc_id).published == "2024-06-06"


def test_undoing_done_after_someone_else_changed_the_date_is_refused_and_undo_redo_of_ones_own_work(session):
    project, doc_id = session.project, session.document_id
    assert session.set_done(True) and project.get_document(doc_id).done
    assert session.undo() and not project.get_document(doc_id).done
    assert session.redo() and project.get_document(doc_id).done  # one's own undo and redo go through
    with Project(project.path, annotator="colleague") as other:
        commands.set_document_date(other, doc_id, "2024-07-01").apply(other)
    assert not session.undo()
    assert "changed elsewhere by colleague" in session.save_problem
    document = project.get_document(doc_id)
    assert document.done and document.published == "2024-07-01"
