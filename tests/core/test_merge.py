"""Annotators' files merged into a team file (every event keeping its annotator, documents matched by text),
packages for annotators, the curated layer (choices, export --layer/--annotator) and the learner's preference."""

from __future__ import annotations

import csv
import json

from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.model import Document, Status
from eventcoder.core.store import Project
from eventcoder.core.team import curation
from eventcoder.core.team.agreement import from_projects

from .test_agreement import TEXT, agreement_json, code_file


def two_files(tmp_path):
    code_file(tmp_path / "A.db", "ann", {"praised": "051", "thanked": "051", "accused": "112"}).close()
    code_file(tmp_path / "B.db", "bob", {"praised": "051", "accused": "111", "offered": "073"}).close()
    return tmp_path / "A.db", tmp_path / "B.db"


def root(code: str) -> str:
    return code[:2]


def test_merge_keeps_annotators_matches_documents_and_is_idempotent(tmp_path, capsys):
    a, b = two_files(tmp_path)
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    out = capsys.readouterr().out
    assert "6 event(s) (ann 3, bob 3)" in out and "1 new document(s), 1 matched by text" in out
    with Project(team) as project:
        assert project.document_count() == 1
        events = project.events()
        assert sorted((e.annotator, e.event_code) for e in events) == [
            ("ann", "051"), ("ann", "051"), ("ann", "112"), ("bob", "051"), ("bob", "073"), ("bob", "111")]
        assert {who: len(shas) for who, shas in project.annotator_documents().items()} == {"ann": 1, "bob": 1}
        history = project.history(5)
        assert history[0]["action"] == "merge" and history[0]["after"]["from"] == str(b)
        # triggers came along: each annotator's trigger words point at this file's spans of the same offsets
        praised = [e for e in events if e.event_code == "051" and e.trigger_span_id is not None]
        assert {project.get_span(e.trigger_span_id).text for e in praised} == {"praised", "thanked"}
    # the same files again: nothing new
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    assert "0 event(s)" in capsys.readouterr().out
    with Project(team) as project:
        assert len(project.events()) == 6
    # agreement over the team file alone is agreement over the two files
    assert agreement_json(capsys, team)["alpha"] == agreement_json(capsys, a, b)["alpha"]


def test_merge_refuses_bad_input(tmp_path, capsys):
    a, _b = two_files(tmp_path)
    assert main(["merge", str(tmp_path / "nope.db"), "--into", str(tmp_path / "team.db")]) == 1
    assert "no such project file" in capsys.readouterr().err
    assert main(["merge", str(a), "--into", str(a)]) == 1
    assert "is the team file itself" in capsys.readouterr().err


def test_package_splits_with_overlap(tmp_path, capsys):
    base = tmp_path / "base.db"
    with Project(base, annotator="lead") as project:
        ids = [project.add_document(Document(text=f"Article {i}\n\nFrance thanked Spain {i} times.\n"))[0]
               for i in range(5)]
        commands.set_document_done(project, ids[0], True).apply(project)
    assert main(["package", "--db", str(base), "--for", "ann,bob", "--split", "--overlap", "1",
                 "--out", str(tmp_path / "out")]) == 0
    assert "ann: " in capsys.readouterr().out
    with Project(tmp_path / "out" / "ann.db") as ann, Project(tmp_path / "out" / "bob.db") as bob:
        assert ann.get_meta("team_annotator") == "ann" and bob.get_meta("team_annotator") == "bob"
        texts = {p: {p.get_document(i).text.split()[1] for i in p.document_ids()} for p in (ann, bob)}
        assert texts[ann] == {"0", "1", "3"} and texts[bob] == {"0", "2", "4"}  # 0 shared, the rest in turn
        assert not any(ann.get_document(i).done for i in ann.document_ids())
        assert ann.annotator_documents() == {} and bob.annotator_documents() == {}  # the lead's marks stay home
        assert ann.project_uuid() != bob.project_uuid()
    assert main(["package", "--db", str(base), "--for", "ann", "--out", str(tmp_path / "out")]) == 1
    assert "exists already" in capsys.readouterr().err


def test_curated_layer_choices_export_and_training_rows(tmp_path, capsys):
    a, b = two_files(tmp_path)
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    capsys.readouterr()
    with Project(team, annotator="cur") as project:
        cur = curation.load(project, root)
        # praised (both 051: agreed), thanked (ann only), accused (112 vs 111), offered (bob only)
        assert len(cur.items) == 4 and [i.agreed for i in cur.items] == [True, False, False, False]
        agreed = curation.take_agreed(project, cur)
        inverse = agreed.apply(project)
        cur = curation.load(project, root)
        assert cur.progress() == (0, 3) and cur.items[0].decided and cur.items[0].chosen == "ann"
        thanked, accused, offered = cur.differing
        curation.choose_none(project, thanked).apply(project)
        curation.choose(project, accused, "bob").apply(project)
        first = curation.choose(project, offered, "bob").apply(project)
        cur = curation.load(project, root)
        assert cur.progress() == (3, 3)
        assert [i.chosen for i in cur.differing] == [None, "bob", "bob"]
        # changing one's mind replaces the decision; undo puts the earlier one back
        again = curation.choose(project, cur.differing[2], "ann").apply(project)  # ann had no event: "no event"
        assert curation.load(project, root).differing[2].decision["status"] == Status.REJECTED.value
        again.apply(project)
        assert curation.load(project, root).differing[2].chosen == "bob"
        rows = project.curated_rows()
        assert sorted((r["event_code"], r["status"], r["curated_from_annotator"], r["annotator"]) for r in rows) == [
            ("051", "accepted", "ann", "cur"), ("051", "rejected", None, "cur"), ("073", "accepted", "bob", "cur"),
            ("111", "accepted", "bob", "cur")]
        assert {r["layer"] for r in rows} == {"curated"} and all(r["curated_from"] for r in rows)
        # the own layers are untouched, and agreement never reads the curated layer
        assert len(project.layer_event_ids("own")) == 6
        assert len(from_projects([project], root).slots) == 4
        # the learner's rows: the curated layer where it exists
        decided = project.decided_events()
        preferred = project.prefer_curated(decided)
        assert {r["id"] for r in preferred} == {r["id"] for r in rows}
        del first, inverse
    out = tmp_path / "curated.csv"
    assert main(["export", "--db", str(team), "--layer", "curated", "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert sorted((r["event_code"], r["source_code"], r["target_code"], r["annotator"]) for r in exported) == [
        ("051", "PRT", "ESP", "cur"), ("073", "DEU", "GRC", "cur"), ("111", "ITA", "FRA", "cur")]
    assert main(["export", "--db", str(team), "--annotator", "bob", "--layer", "own", "--format", "jsonl",
                 "--out", str(tmp_path / "bob.jsonl")]) == 0
    records = [json.loads(line) for line in (tmp_path / "bob.jsonl").read_text().splitlines()]
    assert sorted(r["event"] for r in records) == ["051", "073", "111"] and {r["coder"] for r in records} == {"bob"}
    assert TEXT.count("Portugal praised Spain") == 1


def test_undo_of_a_choice(tmp_path):
    a, b = two_files(tmp_path)
    with Project(tmp_path / "team.db", annotator="cur") as project:
        from eventcoder.core.team.merge import merge_into

        with Project(a) as pa, Project(b) as pb:
            merge_into(project, [pa, pb])
        item = curation.load(project, root).differing[1]
        inverse = curation.choose(project, item, "ann").apply(project)
        assert curation.load(project, root).differing[1].chosen == "ann"
        inverse.apply(project)
        assert not curation.load(project, root).differing[1].decided
        assert project.history(1)[0]["action"].startswith("curate")


def test_every_export_format_holds_only_the_chosen_layer(tmp_path, capsys):
    a, b = two_files(tmp_path)
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    with Project(team, annotator="cur") as project:
        cur = curation.load(project, root)
        curation.take_agreed(project, cur).apply(project)  # praised: one curated event
        curation.choose(project, cur.differing[1], "bob").apply(project)  # accused: bob's 111
    capsys.readouterr()
    for fmt, target in (("csv", "c.csv"), ("tsv", "c.tsv"), ("jsonl", "c.jsonl"), ("brat", "brat"),
                        ("doccano", "c.jsonl"), ("spacy", "c.spacy")):
        (tmp_path / fmt).mkdir()  # exports write into folders that exist
        assert main(["export", "--db", str(team), "--format", fmt, "--layer", "curated",
                     "--out", str(tmp_path / fmt / target)]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out.startswith("2 event(s) written"), fmt
    assert main(["export", "--db", str(team), "--layer", "own", "--out", str(tmp_path / "own.csv")]) == 0
    assert capsys.readouterr().out.startswith("6 event(s) written")
    lines = [line for p in (tmp_path / "brat" / "brat").glob("*.ann")
             for line in p.read_text(encoding="utf-8").splitlines()]
    assert len([line for line in lines if line.startswith("E")]) == 2  # brat's event lines: the curated two


def test_relations_come_along(tmp_path, capsys):
    from eventcoder.core.model import Relation

    a, b = two_files(tmp_path)
    with Project(a, annotator="ann") as project:
        spans = [s for s in project.spans(1) if s.layer == "trigger"]
        commands.add_relation(Relation(1, spans[0].id, spans[1].id, "cause")).apply(project)
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    assert "1 relation(s)" in capsys.readouterr().out
    assert main(["merge", str(a), "--into", str(team)]) == 0
    assert "0 relation(s)" in capsys.readouterr().out
    with Project(team) as project:
        (relation,) = project.relations(1)
        words = {project.get_span(relation.from_span_id).text, project.get_span(relation.to_span_id).text}
        assert relation.type == "cause" and relation.annotator == "ann" and words == {"praised", "thanked"}
