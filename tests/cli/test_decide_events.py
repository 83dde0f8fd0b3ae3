"""Deciding events without a display: ``eventcoder accept`` / ``reject`` / ``edit`` go through the window's own
commands (its spans accepted with it, the actor dictionary learning, the annotator recorded, one transaction,
the version check naming who changed the event), and a JSON Lines file's decisions on re-import give the rows
deciding in the window gives. Real project files, the real CLI in subprocesses, a second process changing the
event between reading and deciding."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from decision_checks import SECOND, border_row, cli
from eventcoder.core import commands
from eventcoder.core.decisions import Shown, decide
from eventcoder.core.model import CodedDocument, Event, SuggestedEvent, SuggestedSpan
from eventcoder.core.scheme_mix import UnknownEventCode, check_event_code
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "news.db"
    border_row(path)
    return path


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


def _window(tmp_path: Path, decide) -> Path:
    """The same project in a file of its own, decided in the window's session (annotator ann, the document open) by
    ``decide(session)``, which must succeed; that file."""
    window = tmp_path / "window.db"
    border_row(window)
    with Project(window, annotator="ann") as project:
        session = CodingSession.open(project)
        session.open_document(1)
        assert decide(session)
    return window


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
    window = _window(tmp_path, lambda session: session.accept(1) and session.reject(2))
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
    assert cli(db, "edit", "1").returncode == 2  # nothing asked: a malformed command line


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
        command, _already = decide(project, [Shown(1), Shown(2)], "accepted")  # reads the events (version 1 each)
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
    window = _window(tmp_path, lambda session: session.accept(1) and session.reject(2))
    records = _exported(db, tmp_path)
    for record in records:
        record["status"] = "accepted" if record["event"] == "112" else "rejected"
    done = _reimport(db, tmp_path, records)
    assert "2 suggestion(s) decided as the file decides them" in done.stdout
    assert _state(db) == _state(window)  # spans accepted with the event, annotator recorded: the window's rows
    assert _learned(db) == {("Zorvan Kettel", "NORGOV"), ("Ostrania", "OST")}


def test_an_imported_coding_of_another_code_settles_the_suggestion_it_replaces(db, tmp_path):
    window = _window(tmp_path, lambda session: session.edit_event(1, event_code="111"))
    records = [r for r in _exported(db, tmp_path) if r["event"] == "112"]
    records[0].update(event="111", status="accepted")
    done = _reimport(db, tmp_path, records)
    assert "1 suggestion(s) decided as the file decides them" in done.stdout
    with Project(db, readonly=True) as project:
        assert [(e.id, e.event_code, e.status, e.annotator) for e in project.events(1)] == [
            (1, "111", "accepted", "ann"), (2, "141", "suggested", None)]  # no second event, none left pending
    assert _state(db) == _state(window)  # the window's edit of the suggestion
    with Project(db, annotator="ann") as project:  # what `eventcoder code` does on a re-run: not suggested again
        _rerun_keeps_only_the_analysts(project)


def _rerun_keeps_only_the_analysts(project) -> None:
    """What `eventcoder code` does on a re-run: the coder's 112 between the same actors is not suggested again
    beside the analyst's 111."""
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
        _rerun_keeps_only_the_analysts(project)


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
    before = _state(db)
    twice = cli(db, "accept", "1", who="bob")  # decided the same way again: nothing to change
    assert twice.returncode == 0, twice.stderr
    assert twice.stdout.strip() == ("nothing to change: event 3: NORGOV 112 OST, accepted by bob (version 1), "
                                    "deciding the shared suggestion 1 in bob's layer")
    assert _state(db) == before
    with Project(db, readonly=True) as project:
        assert [(e.id, e.status, e.annotator, e.decides) for e in project.events(1)] == [
            (1, "suggested", None, None), (3, "accepted", "bob", 1), (2, "suggested", None, None)]


# ---------------------------------------------------------------------------- team layers: one's own layer only


def _team(db: Path) -> None:
    with Project(db) as project:
        project.set_team_layers(True)


def _listed(db: Path, who: str, *argv: str) -> list[tuple]:
    done = cli(db, "events", "--json", *argv, who=who)
    assert done.returncode == 0, done.stderr
    return [(r["id"], r["status"], r["annotator"]) for r in map(json.loads, done.stdout.splitlines())]


def test_in_a_team_file_another_annotators_event_is_read_only_from_the_command_line(db):
    _team(db)
    assert cli(db, "reject", "1", who="bob").returncode == 0  # bob's event 3 decides suggestion 1
    before = _state(db)
    for argv in (("accept", "3"), ("reject", "3"), ("accept", "3@1"), ("edit", "3", "--code", "111"),
                 ("edit", "3", "--note", "mine now")):
        refused = cli(db, *argv, who="ann")
        assert refused.returncode == 1, (argv, refused.stderr)
        assert "event 112 (id 3) is in bob's layer: another annotator's layer is read only" in refused.stderr
        assert "`eventcoder" in refused.stderr and " 1` decides it in yours" in refused.stderr  # the shared one
        assert refused.stdout == "" and "Traceback" not in refused.stderr
        assert _state(db) == before  # bob's rejection stands, nothing written
    several = cli(db, "accept", "2", "3", who="ann")  # all of them or none
    assert several.returncode == 1 and _state(db) == before
    with Project(db, annotator="ann") as project:  # the window shows ann no event of bob's: nothing to decide there
        session = CodingSession.open(project)
        session.open_document(1)
        assert 3 not in {e.id for e in session.doc.events}
    done = cli(db, "accept", "1", who="ann")  # the shared suggestion: decided in ann's own layer
    assert done.returncode == 0, done.stderr
    with Project(db, readonly=True) as project:
        assert [(e.id, e.status, e.annotator, e.decides) for e in project.events(1)] == [
            (1, "suggested", None, None), (3, "rejected", "bob", 1), (4, "accepted", "ann", 1),
            (2, "suggested", None, None)]


def test_in_a_team_file_the_curated_layer_is_read_only_from_the_command_line(db):
    _team(db)
    with Project(db, annotator="cleo") as project:
        event = dataclasses.replace(project.get_event(2), id=None, status="accepted", annotator="cleo",
                                    layer="curated", origin="human")
        project.add_event(event)
        curated = event.id
    before = _state(db)
    refused = cli(db, "reject", str(curated), who="ann")
    assert refused.returncode == 1 and f"(id {curated}) is in the curated layer, read only here" in refused.stderr
    assert _state(db) == before


def test_in_a_team_file_deciding_again_changes_nothing_and_changing_ones_mind_names_ones_own_event(db):
    _team(db)
    assert cli(db, "reject", "1", who="bob").returncode == 0
    before = _state(db)
    again = cli(db, "reject", "1", who="bob")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("nothing to change: event 3: NORGOV 112 OST, rejected by bob")
    assert _state(db) == before
    other_way = cli(db, "accept", "1", who="bob")
    assert other_way.returncode == 1 and _state(db) == before
    assert other_way.stderr.strip() == (f"eventcoder: event 112 (id 1) is decided in bob's layer already, as event 3 "
                                        f"(rejected 112): to change that, `eventcoder accept 3 --db {db}`; nothing "
                                        "was accepted")
    edit = cli(db, "edit", "1", "--code", "111", who="bob")
    assert edit.returncode == 1 and "`eventcoder edit 3 --db" in edit.stderr and _state(db) == before
    mind = cli(db, "accept", "3", who="bob")  # the own event named: changed
    assert mind.returncode == 0, mind.stderr
    assert (_event(db, 3).status, _event(db, 1).status) == ("accepted", "suggested")
    mixed = cli(db, "accept", "3", "2", who="bob")  # 3 is accepted already: only 2 is decided
    assert mixed.returncode == 0, mixed.stderr
    assert _listed(db, "bob") == [(3, "accepted", "bob"), (4, "accepted", "bob")]


def test_in_a_team_file_events_lists_the_callers_layer_as_the_window_shows_it(db):
    _team(db)
    assert cli(db, "reject", "1", who="bob").returncode == 0
    assert _listed(db, "ann") == [(1, "suggested", None), (2, "suggested", None)]  # nothing of bob's
    assert _listed(db, "bob") == [(3, "rejected", "bob"), (2, "suggested", None)]
    assert _listed(db, "bob", "--status", "suggested") == [(2, "suggested", None)]  # still to decide for bob
    with Project(db, annotator="bob") as project:  # the window's layer for bob
        session = CodingSession.open(project)
        session.open_document(1)
        assert {e.id for e in session.doc.events} == {3, 2}
    assert _listed(db, "ann", "--layer", "bob") == _listed(db, "bob")
    assert _listed(db, "ann", "--layer", "all") == [(1, "suggested", None), (3, "rejected", "bob"),
                                                     (2, "suggested", None)]
    table = cli(db, "events", "--layer", "all", who="ann")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "doc", "status", "source", "code", "target", "annotator", "trigger"]
    assert lines[2].split() == ["3", "1", "rejected", "NORGOV", "112", "OST", "bob", "accused"]
    assert table.stderr.strip() == "3 event(s) in every layer"
    mine = cli(db, "events", who="ann")
    assert mine.stderr.strip() == "2 event(s) in ann's layer" and "annotator" not in mine.stdout.splitlines()[0]


def test_an_event_deleted_since_its_version_exits_3_and_an_unknown_id_without_one_exits_1(db):
    with Project(db, annotator="bob") as project:
        commands.delete_event(2).apply(project)
    before = _state(db)
    gone = cli(db, "accept", "2@1")
    assert gone.returncode == 3, gone.stderr
    assert gone.stderr.startswith("eventcoder: event 2 was deleted elsewhere by bob (delete event, ")
    assert gone.stderr.rstrip().endswith("nothing was written")
    assert cli(db, "edit", "2", "--version", "1", "--code", "111").returncode == 3
    unknown = cli(db, "accept", "2")
    assert unknown.returncode == 1 and "no event with id 2" in unknown.stderr
    assert cli(db, "accept", "1", "2@1").returncode == 3 and _state(db) == before  # nothing of it written


def test_malformed_command_lines_exit_2_and_a_version_from_the_future_is_a_mistake(db):
    before = _state(db)
    huge = "99999999999999999999"
    for argv in (("edit", huge, "--code", "111"), ("accept", huge), ("reject", f"1@{huge}"),
                 ("accept", "1", "--version", huge), ("accept", "1", "2", "--version", "1"),
                 ("accept", "1@2", "--version", "1"), ("edit", "1"), ("events", "--doc", huge)):
        done = cli(db, *argv)
        assert done.returncode == 2, (argv, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.count("error:") == 1 and done.stdout == ""
    assert "--version goes with one event" in cli(db, "accept", "1", "2", "--version", "1").stderr
    future = cli(db, "edit", "1@7", "--code", "111")
    assert future.returncode == 1
    assert future.stderr.strip() == ("eventcoder: event 112 (id 1) is at version 1: it was never at version 7 "
                                     "(`eventcoder events --json` shows the versions); nothing was written")
    assert cli(db, "accept", "1@2").returncode == 1
    assert _state(db) == before
