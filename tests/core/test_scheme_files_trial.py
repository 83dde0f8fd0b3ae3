"""A new user's trial: a PLOVER export imported into a new project stays PLOVER (and is refused by a CAMEO
project), `merge` refuses to mix a CAMEO and a PLOVER file, `package` gives the coder's suggestions back (decided
ones too, with the coder's codes), and a mistyped --db makes no project."""

from __future__ import annotations

import csv
import json
import sqlite3

from eventcoder.cli import main
from eventcoder.core.store import Project

TEXT = ("Protesters marched through Lagos on Monday against the new fuel tax. "
        "The governor accused the union of staging the march. "
        "Later the union praised the court for its ruling.")


def _record(text_of: str, code: str, src: tuple[str, str], tgt: tuple[str, str], *, scheme: str,
            status: str = "accepted", coder: str = "ann", trigger: str = "") -> dict:
    start = TEXT.index(text_of)
    return {"id": f"{code}-{src[1]}", "text": text_of, "document_id": "d1", "document_text": TEXT,
            "sentence_start": start, "sentence_end": start + len(text_of),
            "event": code, "event_text": trigger, "scheme": scheme, "status": status, "coder": coder,
            "actor": [{"code": src[0], "entity_text": src[1]}], "recipient": [{"code": tgt[0], "entity_text": tgt[1]}]}


S1 = "Protesters marched through Lagos on Monday against the new fuel tax."
S2 = "The governor accused the union of staging the march."
S3 = "Later the union praised the court for its ruling."


def _write(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def plover_file(tmp_path) -> str:
    return _write(tmp_path / "plover.jsonl", [
        _record(S1, "PROTEST", ("NGACVL", "Protesters"), ("NGAGOV", "Lagos"), scheme="PLOVER", trigger="marched"),
        _record(S2, "ACCUSE", ("NGAGOV", "governor"), ("NGALAB", "union"), scheme="PLOVER", trigger="accused"),
    ])


def cameo_file(tmp_path, name="cameo.jsonl", status="accepted", coder="ann") -> str:
    return _write(tmp_path / name, [
        _record(S2, "112", ("NGAGOV", "governor"), ("NGALAB", "union"), scheme="CAMEO", status=status,
                coder=coder, trigger="accused"),
        _record(S3, "051", ("NGALAB", "union"), ("NGAJUD", "court"), scheme="CAMEO", status=status,
                coder=coder, trigger="praised"),
    ])


def _events(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT event_code, scheme, status FROM events ORDER BY id").fetchall()
    finally:
        con.close()


def test_plover_export_into_a_new_project_stays_plover(tmp_path, capsys):
    first = tmp_path / "first.db"
    assert main(["import", plover_file(tmp_path), "--db", str(first)]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--status", "all", "--out", str(out), "--db", str(first)]) == 0
    assert {json.loads(line)["scheme"] for line in out.read_text().splitlines()} == {"PLOVER"}
    again = tmp_path / "again.db"
    assert main(["import", str(out), "--db", str(again)]) == 0
    assert sorted(_events(again)) == [("ACCUSE", "PLOVER", "accepted"), ("PROTEST", "PLOVER", "accepted")]
    with Project(again) as project:
        assert (project.get_meta("scheme") or "").casefold() == "plover"
    table = tmp_path / "again.csv"
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--status", "all", "--out", str(table), "--db", str(again)]) == 0
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert {(r["event_code"], r["scheme"], r["event_label"]) for r in rows} == {
        ("PROTEST", "PLOVER", "Protest"), ("ACCUSE", "PLOVER", "Accuse")}


def test_plover_file_refused_by_a_cameo_project_with_file_and_line(tmp_path, capsys):
    cam = tmp_path / "cam.db"
    assert main(["import", cameo_file(tmp_path), "--db", str(cam)]) == 0
    assert sorted(_events(cam)) == [("051", "CAMEO", "accepted"), ("112", "CAMEO", "accepted")]
    before = _events(cam)
    capsys.readouterr()
    path = plover_file(tmp_path)
    assert main(["import", path, "--db", str(cam)]) == 1
    err = capsys.readouterr().err
    assert f"refused {path}:1: this file is coded in PLOVER" in err
    assert "is coded in CAMEO" in err and "mix two code sets" in err
    assert _events(cam) == before  # nothing written
    with Project(cam) as project:
        assert project.document_count() == 1


def test_merge_refuses_to_mix_cameo_and_plover_files(tmp_path, capsys):
    cam, plv = tmp_path / "cam.db", tmp_path / "plv.db"
    assert main(["import", cameo_file(tmp_path), "--db", str(cam)]) == 0
    assert main(["import", plover_file(tmp_path), "--db", str(plv)]) == 0
    capsys.readouterr()
    mix = tmp_path / "mix.db"
    assert main(["merge", str(cam), str(plv), "--into", str(mix)]) == 1
    err = capsys.readouterr().err
    assert f"{plv} is coded in PLOVER" in err and "nothing was changed" in err
    assert not mix.exists()  # refused before the team file was made
    # an existing CAMEO team file refuses the PLOVER file and keeps what it had
    team = tmp_path / "team.db"
    assert main(["merge", str(cam), "--into", str(team)]) == 0
    before = _events(team)
    assert sorted(before) == [("051", "CAMEO", "accepted"), ("112", "CAMEO", "accepted")]
    capsys.readouterr()
    assert main(["merge", str(plv), "--into", str(team)]) == 1
    assert f"{plv} is coded in PLOVER" in capsys.readouterr().err
    assert _events(team) == before
    # a PLOVER team file of its own takes PLOVER
    own = tmp_path / "plover_team.db"
    assert main(["merge", str(plv), "--into", str(own)]) == 0
    with Project(own) as project:
        assert (project.get_meta("scheme") or "").casefold() == "plover"


def test_package_gives_back_the_coders_suggestions_not_the_decisions(tmp_path, capsys):
    db = tmp_path / "news.db"
    assert main(["import", cameo_file(tmp_path, status="suggested", coder="model"), "--db", str(db)]) == 0
    with Project(db) as project:
        ids = {e.event_code: e.id for e in project.events()}
        assert {e.origin for e in project.events()} == {"model"}
    accused, praised = ids["112"], ids["051"]
    # the lead edits one suggestion (code and source actor; its trigger span takes the new code) and rejects the other
    assert main(["--annotator", "lead", "edit", str(accused), "--code", "111", "--source", "ZZZZZ",
                 "--db", str(db)]) == 0
    assert main(["--annotator", "lead", "reject", str(praised), "--db", str(db)]) == 0
    with Project(db) as project:
        assert sorted((e.event_code, e.source_code, e.status) for e in project.events()) == [
            ("051", "NGALAB", "rejected"), ("111", "ZZZZZ", "accepted")]
        assert "111" in {s.code for s in project.spans(project.document_ids()[0])}
    out = tmp_path / "pk"
    assert main(["package", "--db", str(db), "--for", "x,y", "--out", str(out)]) == 0
    for who in ("x", "y"):
        with Project(out / f"{who}.db") as copy:
            events = copy.events()
            assert sorted((e.event_code, e.source_code, e.target_code, e.status, e.origin, e.annotator)
                          for e in events) == [("051", "NGALAB", "NGAJUD", "suggested", "model", None),
                                               ("112", "NGAGOV", "NGALAB", "suggested", "model", None)]
            spans = copy.spans(copy.document_ids()[0])
            assert not {"111", "ZZZZZ"} & {s.code for s in spans}  # no analyst's span codes
            assert {s.status for s in spans} == {"suggested"} and {s.annotator for s in spans} == {None}
            by_id = {s.id: s for s in spans}
            edited = next(e for e in events if e.event_code == "112")
            assert (by_id[edited.source_span_id].text, by_id[edited.source_span_id].code) == ("governor", "NGAGOV")
            assert (by_id[edited.trigger_span_id].text, by_id[edited.trigger_span_id].code) == ("accused", "112")
    with Project(db) as project:  # the lead's project is as it was
        assert sorted(e.status for e in project.events()) == ["accepted", "rejected"]


def test_mistyped_db_makes_no_project(tmp_path, capsys):
    for argv in (["package", "--for", "x", "--out", str(tmp_path / "pk")], ["team", "layers", "on"],
                 ["actors", "list"]):
        nope = tmp_path / f"nope_{argv[0]}.db"
        assert main([*argv, "--db", str(nope)]) == 1, argv
        assert "no such project" in capsys.readouterr().err
        assert not nope.exists()
