"""Deciding events without a display: ``eventcoder accept`` / ``reject`` / ``edit`` go through the window's own
commands (its spans accepted with it, the actor dictionary learning, the annotator recorded, one transaction,
the version check naming who changed the event), and a JSON Lines file's decisions on re-import give the rows
deciding in the window gives. Real project files, the real CLI in subprocesses, a second process changing the
event between reading and deciding."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eventcoder.core import commands
from eventcoder.core.decisions import Shown, decide
from eventcoder.core.model import CodedDocument, Document, Event, SuggestedEvent, SuggestedSpan
from eventcoder.core.scheme_mix import UnknownEventCode, check_event_code
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

TEXT = "Zorvan Kettel accused Ostrania of shelling Pelmark on Monday. Pelmark protested loudly."
SECOND = TEXT.index("Pelmark protested")


def _project(path: Path) -> None:
    """One document, the model's suggestions: 112 NORGOV -> OST (trigger "accused"), 141 PLM (second sentence)."""
    project = Project(path, annotator="tester")
    doc_id, _ = project.add_document(Document(text=TEXT, title="border row", published="2026-11-30"))
    spans = [SuggestedSpan(0, 13, "Zorvan Kettel", code="NORGOV"),
             SuggestedSpan(14, 21, "accused", layer="trigger", code="112"),
             SuggestedSpan(22, 30, "Ostrania", code="OST"),
             SuggestedSpan(SECOND, SECOND + 7, "Pelmark", code="PLM"),
             SuggestedSpan(SECOND + 8, SECOND + 17, "protested", layer="trigger", code="141")]
    events = [SuggestedEvent("112", "NORGOV", "OST", 0, 2, 1, 0, SECOND - 1, confidence=0.6),
              SuggestedEvent("141", "PLM", None, 3, None, 4, SECOND, len(TEXT), confidence=0.4)]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=events), scheme="CAMEO")
    project.close()


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "news.db"
    _project(path)
    return path


def cli(db: Path, *argv: str, who: str = "ann") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", "--annotator", who, *argv, "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


def _state(db: Path) -> dict:
    """Every event and span row as stored, without time stamps."""
    with Project(db, readonly=True) as project:
        rows = {table: project.db.execute_returning_dicts(f"SELECT * FROM {table} ORDER BY id")
                for table in ("events", "spans")}
    for table in rows.values():
        for row in table:
            for column in ("created_at", "updated_at"):
                row.pop(column, None)
    return rows


def _event(db: Path, event_id: int) -> Event:
    with Project(db, readonly=True) as project:
        return project.get_event(event_id)


def _spans_of(db: Path, event_id: int) -> dict[str, tuple]:
    with Project(db, readonly=True) as project:
        event = project.get_event(event_id)
        out = {}
        for role in ("source", "target", "trigger"):
            span_id = getattr(event, f"{role}_span_id")
            if span_id is not None:
                span = project.get_span(span_id)
                out[role] = (span.text, span.code, span.status, span.annotator)
        return out


def _learned(db: Path) -> set[tuple[str, str]]:
    with Project(db, readonly=True) as project:
        return {(c.text, c.code) for c in project.learned_actor_codings()}


def test_accept_decides_as_the_window_does_spans_learning_annotator_history(db):
    listed = cli(db, "events", "--json")
    versions = {r["id"]: r["version"] for r in map(json.loads, listed.stdout.splitlines())}
    assert versions == {1: 1, 2: 1}
    done = cli(db, "accept", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "accepted event 1: NORGOV 112 OST, accepted by ann (version 2)"
    assert _spans_of(db, 1) == {"source": ("Zorvan Kettel", "NORGOV", "accepted", "ann"),
                                "target": ("Ostrania", "OST", "accepted", "ann"),
                                "trigger": ("accused", "112", "accepted", "ann")}
    assert _learned(db) == {("Zorvan Kettel", "NORGOV"), ("Ostrania", "OST")}  # the actor dictionary learnt
    with Project(db, readonly=True) as project:
        entry = project.last_change("event", 1)
        assert (entry["who"], entry["action"]) == ("ann", "accept event 112")
    assert _event(db, 2).status == "suggested"  # only the event named


def test_accept_gives_the_rows_the_windows_accept_gives(db, tmp_path):
    window = tmp_path / "window.db"
    _project(window)
    with Project(window, annotator="ann") as project:
        session = CodingSession.open(project)
        session.open_document(1)
        assert session.accept(1) and session.reject(2)
    assert cli(db, "accept", "1").returncode == 0
    assert cli(db, "reject", "2").returncode == 0
    assert _state(db) == _state(window)


def test_several_events_are_one_transaction_and_an_unknown_id_decides_nothing(db):
    before = _state(db)
    refused = cli(db, "reject", "1", "99", "2")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip() == (f"eventcoder: no event with id 99 in {db} (`eventcoder events --db {db}` "
                                      "lists them); nothing was rejected")
    assert _state(db) == before
    done = cli(db, "reject", "1", "2")
    assert done.returncode == 0, done.stderr
    assert [_event(db, i).status for i in (1, 2)] == ["rejected", "rejected"]
    assert _spans_of(db, 1)["source"][2] == "suggested"  # a rejection leaves the words as they were (window)
    bad = cli(db, "accept", "one")
    assert bad.returncode == 2 and "is not an event id" in bad.stderr and "Traceback" not in bad.stderr


def test_edit_checks_the_code_against_the_projects_scheme_with_the_windows_message(db):
    before = _state(db)
    refused = cli(db, "edit", "1", "--code", "ZZZ")
    with pytest.raises(UnknownEventCode) as window_says:
        check_event_code(load_scheme("cameo"), "ZZZ")
    assert refused.returncode == 1 and refused.stderr.strip() == f"eventcoder: {window_says.value}"
    assert "Traceback" not in refused.stderr and _state(db) == before
    done = cli(db, "edit", "1@1", "--code", "111")
    assert done.returncode == 0, done.stderr
    event = _event(db, 1)
    assert (event.event_code, event.status, event.annotator, event.version) == ("111", "accepted", "ann", 2)
    assert _spans_of(db, 1)["trigger"] == ("accused", "111", "accepted", "ann")  # the trigger takes the code
    again = cli(db, "edit", "1", "--code", "111")
    assert again.returncode == 0 and again.stdout.startswith("nothing to change: event 1")
    assert cli(db, "edit", "1").returncode == 1  # nothing asked


def test_edit_of_a_role_code_links_the_sentences_words_that_name_it(db):
    done = cli(db, "edit", "2", "--source", "ost", "--note", "checked")
    assert done.returncode == 0, done.stderr
    event = _event(db, 2)
    # "Pelmark" does not name OST and the second sentence names no Ostrania: the role links no words (window's rule)
    assert (event.source_code, event.source_span_id, event.note, event.status) == ("OST", None, "checked", "accepted")
    with Project(db, readonly=True) as project:
        assert project.get_span(4).code == "PLM"  # the words keep their own code


def test_a_decision_at_an_older_version_is_refused_naming_who_changed_it(db):
    listed = cli(db, "events", "--json")
    seen = {r["id"]: r["version"] for r in map(json.loads, listed.stdout.splitlines())}[1]
    assert cli(db, "edit", "1", "--code", "111", who="bob").returncode == 0  # another process, another analyst
    after_bob = _state(db)
    refused = cli(db, "accept", f"1@{seen}")
    assert refused.returncode == 3, refused.stderr
    assert "event 111 (id 1) was changed elsewhere by bob (edit event 112 → 111" in refused.stderr
    assert refused.stderr.rstrip().endswith("(now version 2, not 1); nothing was written")
    assert _state(db) == after_bob
    refused = cli(db, "edit", "1", "--code", "112", "--version", str(seen))
    assert refused.returncode == 3 and "changed elsewhere by bob" in refused.stderr and _state(db) == after_bob
    gone = cli(db, "accept", "1@2", "2@1")
    assert gone.returncode == 0, gone.stderr  # the versions as they are: decided


CHANGER = textwrap.dedent("""
    import sys
    from eventcoder.core import commands
    from eventcoder.core.store import Project
    with Project(sys.argv[1], annotator="bob") as project:
        commands.reject_event(project, 1).apply(project)
""")


def test_a_change_by_another_process_between_reading_and_deciding_refuses_the_decision(db):
    with Project(db, annotator="ann") as project:
        command = decide(project, [Shown(1), Shown(2)], "accepted")  # reads the events (version 1 each)
        subprocess.run([sys.executable, "-c", CHANGER, str(db)], check=True, timeout=120)
        with pytest.raises(commands.ChangedElsewhere, match=r"changed elsewhere by bob \(reject event 112"):
            command.apply(project)
        assert project.get_event(1).status == "rejected" and project.get_event(2).status == "suggested"
        assert project.get_span(1).status == "suggested"  # nothing of the refused accept was written


# ---------------------------------------------------------------------------- a JSON Lines file's decisions


def _exported(db: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "all.jsonl"
    done = cli(db, "export", "--format", "jsonl", "--status", "all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _reimport(db: Path, tmp_path: Path, records: list[dict]) -> subprocess.CompletedProcess:
    path = tmp_path / "decided.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = cli(db, "import", str(path))
    assert done.returncode == 0, done.stderr
    return done


def test_an_imported_decision_gives_the_rows_the_windows_decision_gives(db, tmp_path):
    window = tmp_path / "window.db"
    _project(window)
    with Project(window, annotator="ann") as project:
        session = CodingSession.open(project)
        session.open_document(1)
        assert session.accept(1) and session.reject(2)
    records = _exported(db, tmp_path)
    for record in records:
        record["status"] = "accepted" if record["event"] == "112" else "rejected"
    done = _reimport(db, tmp_path, records)
    assert "2 suggestion(s) decided as the file decides them" in done.stdout
    assert _state(db) == _state(window)  # spans accepted with the event, annotator recorded: the window's rows
    assert _learned(db) == {("Zorvan Kettel", "NORGOV"), ("Ostrania", "OST")}


def test_an_imported_coding_of_another_code_settles_the_suggestion_it_replaces(db, tmp_path):
    window = tmp_path / "window.db"
    _project(window)
    with Project(window, annotator="ann") as project:
        session = CodingSession.open(project)
        session.open_document(1)
        assert session.edit_event(1, event_code="111")
    records = [r for r in _exported(db, tmp_path) if r["event"] == "112"]
    records[0].update(event="111", status="accepted")
    done = _reimport(db, tmp_path, records)
    assert "1 suggestion(s) decided as the file decides them" in done.stdout
    with Project(db, readonly=True) as project:
        assert [(e.id, e.event_code, e.status, e.annotator) for e in project.events(1)] == [
            (1, "111", "accepted", "ann"), (2, "141", "suggested", None)]  # no second event, none left pending
    assert _state(db) == _state(window)  # the window's edit of the suggestion
    with Project(db, annotator="ann") as project:  # what `eventcoder code` does on a re-run: not suggested again
        spans = [SuggestedSpan(0, 13, "Zorvan Kettel", code="NORGOV"),
                 SuggestedSpan(14, 21, "accused", layer="trigger", code="112"),
                 SuggestedSpan(22, 30, "Ostrania", code="OST")]
        counts = project.save_coded(1, CodedDocument(spans=spans, events=[
            SuggestedEvent("112", "NORGOV", "OST", 0, 2, 1, 0, SECOND - 1)]), scheme="CAMEO")
        assert counts["already_decided"] == 1
        assert [(e.event_code, e.status) for e in project.events(1)] == [("111", "accepted")]


def test_a_rerun_does_not_keep_a_suggestion_beside_an_analysts_event_between_the_same_actors(db):
    with Project(db, annotator="ann") as project:  # the window's N: a new event in the sentence, 111 NORGOV -> OST
        commands.add_event(Event(1, "111", source_code="NORGOV", target_code="OST", sentence_start=0,
                                 sentence_end=SECOND - 1, status="accepted")).apply(project)
        spans = [SuggestedSpan(0, 13, "Zorvan Kettel", code="NORGOV"),
                 SuggestedSpan(14, 21, "accused", layer="trigger", code="112"),
                 SuggestedSpan(22, 30, "Ostrania", code="OST")]
        counts = project.save_coded(1, CodedDocument(spans=spans, events=[
            SuggestedEvent("112", "NORGOV", "OST", 0, 2, 1, 0, SECOND - 1)]), scheme="CAMEO")
        assert counts["already_decided"] == 1
        assert [(e.event_code, e.status) for e in project.events(1)] == [("111", "accepted")]


def test_an_edit_that_leaves_a_required_role_empty_is_refused_and_writes_nothing(db):
    before = _state(db)
    refused = cli(db, "edit", "1", "--source", "")
    assert refused.returncode == 1 and refused.stderr.strip() == "eventcoder: Source is required for 112"
    assert _state(db) == before


def test_an_imported_new_event_on_undecided_words_accepts_them_as_the_windows_new_event(db, tmp_path):
    records = [r for r in _exported(db, tmp_path) if r["event"] == "141"]
    # the analyst's file codes the second sentence 173 PLM, a code no suggestion there has: a new event
    records[0].update(event="173", status="accepted")
    done = _reimport(db, tmp_path, records)
    assert "1 event(s), 0 span(s) added" in done.stdout
    with Project(db, readonly=True) as project:
        added = next(e for e in project.events(1) if e.event_code == "173")
        assert (added.status, added.origin, added.annotator) == ("accepted", "human", "ann")
        source, trigger = project.get_span(added.source_span_id), project.get_span(added.trigger_span_id)
        assert (source.text, source.code, source.status) == ("Pelmark", "PLM", "accepted")
        assert (trigger.text, trigger.code, trigger.status) == ("protested", "173", "accepted")
        assert project.get_event(2).status == "suggested"  # no two actors named: the 141 suggestion is not replaced
    assert ("Pelmark", "PLM") in _learned(db)


def test_in_a_team_file_a_decision_goes_into_the_annotators_own_layer(db):
    with Project(db) as project:
        project.set_team_layers(True)
    done = cli(db, "accept", "1", who="bob")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("accepted event 3: NORGOV 112 OST, accepted by bob (version 1), deciding the "
                                   "shared suggestion 1 in bob's layer")
    twice = cli(db, "accept", "1", who="bob")
    assert twice.returncode == 1 and "was decided by bob already" in twice.stderr
    with Project(db, readonly=True) as project:
        assert [(e.id, e.status, e.annotator, e.decides) for e in project.events(1)] == [
            (1, "suggested", None, None), (3, "accepted", "bob", 1), (2, "suggested", None, None)]
