"""One edit of an event for the window and the command line (core/session.py ``event_edit``): ``eventcoder edit``
and the window's session (as its editor calls it: every field, the roles as the fields show them) leave the same
rows in a real SQLite project -- the event's code, roles, attributes and provenance, the spans it keeps and how
they are coded, who is journalled for what, and what the project's actor dictionary learns -- for a recoding, a
root category typed, an old name typed, a role typed over words that do not name it, a PLOVER type that clears a
mode, and (team layers) a shared suggestion edited into the annotator's own layer. The code picker and the command
line read a typed code by one function (``typed_event_code``)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from decision_checks import border_row
from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.errors import EventCoderError
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession, check_typed_event_code, typed_event_code
from eventcoder.core.store import Project

PROVENANCE = {"rule": "verb pattern", "verb": "accuse", "pattern": "* OST"}


def _project(path: Path, scheme: str = "cameo") -> None:
    """The model's suggestions (with provenance): 112 NORGOV -> OST ("accused"), 141 PLM (second sentence); in
    PLOVER, ACCUSE (mode disapprove, context economic) and PROTEST."""
    border_row(path, scheme=scheme, provenance=PROVENANCE)


def _stored(path: Path) -> dict:
    """Every event and span row, the journal (who, what, which row, the row before and after) and the learned
    actor codings, without time stamps."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        out = {t: [{k: r[k] for k in r.keys() if k not in ("created_at", "updated_at")}
                   for r in con.execute(f"SELECT * FROM {t} ORDER BY id")] for t in ("events", "spans")}
        out["history"] = []
        for r in con.execute("SELECT who, action, table_name, row_id, before, after FROM history ORDER BY id"):
            entry = dict(r)
            for side in ("before", "after"):
                if entry[side]:
                    row = json.loads(entry[side])
                    row.pop("updated_at", None)
                    row.pop("created_at", None)
                    row.pop("at", None)
                    entry[side] = row
            out["history"].append(entry)
    finally:
        con.close()
    with Project(path, readonly=True) as project:
        out["learned"] = sorted((c.text, c.code) for c in project.learned_actor_codings())
    return out


def _cli(path: Path, who: str, *argv: str) -> None:
    assert main(["--annotator", who, "edit", *argv, "--db", str(path)]) == 0


def _window(path: Path, who: str, event_id: int, *, source: str | None = None, target: str | None = None,
            **fields) -> None:
    """The window's editor committing an edit of ``event_id``: every field as shown, those typed changed, the
    roles as the fields give them (a code typed over the words the field shows keeps those words' id)."""
    with Project(path, annotator=who) as project:
        session = CodingSession.open(project)
        event = project.get_event(event_id)
        session.open_document(event.document_id)
        shown = {"event_code": event.event_code, "date": event.date, "location": event.location,
                 "location_span_id": event.location_span_id, "mode": event.mode, "context": event.context,
                 "note": event.note}
        roles = {"source": commands.RoleWords(source or event.source_code, event.source_span_id),
                 "target": commands.RoleWords(target or event.target_code, event.target_span_id)}
        assert session.edit_event(shown=event, roles=roles, **{**shown, **fields})
        assert session.save_state == "saved", session.save_problem


def _both(tmp_path: Path, scheme: str = "cameo") -> tuple[Path, Path]:
    cli, window = tmp_path / "cli.db", tmp_path / "window.db"
    _project(cli, scheme)
    _project(window, scheme)
    return cli, window


def test_the_command_lines_edit_and_the_windows_give_the_same_rows(tmp_path):
    cli, window = _both(tmp_path)
    # recoded at the version seen, with a note
    _cli(cli, "ann", "1@1", "--code", "111", "--note", "  checked  ")
    _window(window, "ann", 1, event_code="111", note="checked")
    assert _stored(cli) == _stored(window)
    # a code typed over words that do not name it: the role links the sentence's mention, else no words
    _cli(cli, "ann", "2", "--source", "ost")
    _window(window, "ann", 2, source="OST")
    # a root category typed: its "not specified" code
    _cli(cli, "ann", "1", "--code", "02", "--target", "plm")
    _window(window, "ann", 1, event_code=typed_event_code(load_scheme("cameo"), "02"), target="PLM")
    got = _stored(cli)
    assert got == _stored(window)
    first, second = got["events"]
    assert (first["event_code"], first["source_code"], first["target_code"], first["note"], first["status"],
            first["annotator"], first["version"]) == ("020", "NORGOV", "PLM", "checked", "accepted", "ann", 3)
    assert json.loads(first["provenance"]) == PROVENANCE  # an edit keeps how the suggestion was made
    assert (second["event_code"], second["source_code"], second["source_span_id"], second["status"]) == (
        "141", "OST", None, "accepted")
    assert got["learned"] == [("Ostrania", "OST"), ("Zorvan Kettel", "NORGOV")]  # not "Pelmark" as OST
    assert [(h["who"], h["action"]) for h in got["history"] if h["table_name"] == "events"][-3:] == [
        ("ann", "edit event 112 → 111"), ("ann", "edit event 141"), ("ann", "edit event 111 → 020")]


def test_an_old_name_and_a_type_that_clears_a_mode_give_the_same_rows(tmp_path):
    cli, window = _both(tmp_path, "plover")
    plover = load_scheme("plover")
    assert typed_event_code(plover, "DISAPPROVE") == "ACCUSE"  # an old name standing for one code
    _cli(cli, "ann", "2", "--code", "DISAPPROVE")
    _window(window, "ann", 2, event_code="ACCUSE")
    _cli(cli, "ann", "1", "--code", "PROTEST")  # ACCUSE's disapprove is no mode of PROTEST: cleared
    _window(window, "ann", 1, event_code="PROTEST", mode="disapprove")  # the field still showing it
    got = _stored(cli)
    assert got == _stored(window)
    assert [(e["event_code"], e["mode"], e["context"], e["status"]) for e in got["events"]] == [
        ("PROTEST", None, "economic", "accepted"), ("ACCUSE", None, None, "accepted")]


def test_an_edit_of_a_shared_suggestion_goes_into_the_editors_layer_the_same_way(tmp_path):
    cli, window = _both(tmp_path)
    for path in (cli, window):
        with Project(path) as project:
            project.set_team_layers(True)
    _cli(cli, "bob", "1", "--code", "111", "--target", "plm")
    _window(window, "bob", 1, event_code="111", target="PLM")
    got = _stored(cli)
    assert got == _stored(window)
    shared, mine = got["events"][0], got["events"][-1]
    assert (shared["event_code"], shared["status"], shared["annotator"], shared["version"]) == (
        "112", "suggested", None, 1)  # the shared suggestion stays pending for the others
    assert (mine["event_code"], mine["target_code"], mine["status"], mine["annotator"], mine["decides"]) == (
        "111", "PLM", "accepted", "bob", 1)
    assert json.loads(mine["provenance"]) == PROVENANCE


def test_a_typed_code_is_read_by_one_rule(tmp_path):
    cameo, plover = load_scheme("cameo"), load_scheme("plover")
    assert [typed_event_code(cameo, t) for t in ("111", " 111  Accuse", "02", "zzz", "", None)] == [
        "111", "111", "020", None, None, None]
    assert typed_event_code(plover, "YIELD") is None  # an old name for two codes: none of them chosen
    with pytest.raises(EventCoderError, match="YIELD stands for CONCEDE, RETREAT in PLOVER; give one of them"):
        check_typed_event_code(plover, "YIELD")
    with pytest.raises(EventCoderError, match="zzz is not an event code of CAMEO"):
        check_typed_event_code(cameo, "zzz")
    with pytest.raises(EventCoderError, match="no event code given"):
        check_typed_event_code(cameo, " ")
    path = tmp_path / "news.db"
    _project(path)
    before = _stored(path)
    assert main(["edit", "1", "--code", "", "--db", str(path)]) == 1  # refused, nothing written
    assert _stored(path) == before
