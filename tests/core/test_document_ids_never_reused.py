"""Document and span ids are never given again (m014): undoing the delete of the newest document still works
after documents were imported since -- here, by the command line, by another process, by a build from before
the upgrade that had the file open while it was upgraded. A project written before m014 keeps every row, id,
index and trigger. Real project files, real processes."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.model import Relation, RowKind
from eventcoder.core.store import SCHEMA_VERSIONS, Project

from .helpers.previous_schema import M014, add_coded, previous_schema

HELPERS = Path(__file__).parent / "helpers"
TEXTS = [
    "Ruritania accused Freedonia of shelling the border town of Ostra on Monday.",
    "Freedonia denied the charge and recalled its envoy from the Ruritanian capital.",
    "Ruritania closed the border crossing at Ostra to all traffic on Tuesday.",
]
SKIPPED = {"sqlite_sequence", "_sqlite_migrations", "meta"}  # what an upgrade itself writes


def _coded_project(project: Project) -> list[int]:
    """Three coded documents: two highlights each, an event on them, a relation between them; a done mark."""
    ids = []
    for n, text in enumerate(TEXTS, start=1):
        doc_id, (actor, trigger) = add_coded(project, text, f"article {n}")
        project.add_relation(Relation(document_id=doc_id, from_span_id=trigger, to_span_id=actor, type="coref"))
        ids.append(doc_id)
    project.set_annotator_done(ids[-1], "tester", True)
    return ids


def _snapshot(project: Project) -> dict[str, list[dict]]:
    """Every row of every table (the search index's own tables included), in id order."""
    tables = [r["name"] for r in project.db.execute_returning_dicts(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") if r["name"] not in SKIPPED]
    return {t: project.db.execute_returning_dicts(f'SELECT rowid AS _rowid, * FROM "{t}" ORDER BY 1')
            if not t.endswith(("_idx", "_config", "annotator_documents")) else
            project.db.execute_returning_dicts(f'SELECT * FROM "{t}" ORDER BY 1, 2')
            for t in tables}


# columns later upgrades add (after m014): an upgraded row holds them as NULL, the rest exactly as it was
LATER_COLUMNS = {"spans": ("found_by",)}  # m015


def _without_later_columns(snapshot: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {t: [{k: v for k, v in row.items() if k not in LATER_COLUMNS.get(t, ()) or v is not None} for row in rows]
            for t, rows in snapshot.items()}


def _schema(project: Project) -> dict[str, str]:
    return {r["name"]: r["sql"] for r in project.db.execute_returning_dicts(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")}


def _search_index_ok(project: Project) -> None:
    project.db.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")


def _delete_newest(project: Project) -> tuple[commands.Command, object]:
    newest = max(project.document_ids())
    rows = project.document_rows(newest)
    assert rows.spans and rows.events and rows.relations and rows.marks
    inverse = commands.delete_document(project, newest).apply(project)
    assert project.get_row(RowKind.DOCUMENT, newest) is None
    return inverse, rows


def _python(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_undoing_the_delete_of_the_newest_document_works_after_imports_here_and_in_other_processes(tmp_path,
                                                                                                   capsys):
    db = tmp_path / "news.db"
    with Project(db, annotator="tester") as project:
        _coded_project(project)
        inverse, rows = _delete_newest(project)
        kept, deleted_spans = project.document_ids(), [s["id"] for s in rows.spans]
        # imported since, by this window ...
        here, here_spans = add_coded(project, "Freedonia sent aid convoys to Ostra after the floods.", "here")
        # ... by the command line ...
        article = tmp_path / "article.txt"
        article.write_text("Ruritania and Freedonia agreed to reopen talks in Vienna next week.\n", encoding="utf-8")
        assert main(["import", str(article), "--db", str(db)]) == 0, capsys.readouterr().err
        # ... and by another program coding a new document
        other = json.loads(_python("""
            import json, sys
            from tests.core.helpers.previous_schema import add_coded
            from eventcoder.core.store import Project
            with Project(sys.argv[1], annotator="other") as p:
                doc, spans = add_coded(p, "Freedonia expelled two Ruritanian diplomats on Friday.", "other")
            print(json.dumps({"document": doc, "spans": spans}))
            """, str(db)))
        new_documents = set(project.document_ids()) - set(kept)
        assert len(new_documents) == 3 and {here, other["document"]} < new_documents
        assert min(new_documents) > rows.document_id
        assert min(here_spans + other["spans"]) > max(deleted_spans)

        inverse.apply(project)  # Ctrl+Z

        assert project.document_rows(rows.document_id) == rows  # every row back, ids, versions, stamps included
        assert project.get_document(here).title == "here" and project.document_count() == 6
        assert project.document_count(search="Tuesday") == 1 and project.integrity_check() == []
        _search_index_ok(project)


def test_a_deleted_span_id_is_never_given_again(project):
    doc_id, (actor, trigger) = add_coded(project, "Ruritania warned Freedonia about the dam.", "spans")
    (event,) = project.events(doc_id)
    project.delete_row(RowKind.EVENT, event.id)  # the event on it first: the span is then no longer used
    project.delete_row(RowKind.SPAN, trigger)
    _, again = add_coded(project, "Freedonia answered the warning about the dam.", "more spans")
    assert min(again) > trigger


def test_a_project_of_the_previous_schema_keeps_every_row_id_index_and_trigger(tmp_path):
    db = tmp_path / "old.db"
    with previous_schema(), Project(db, annotator="tester") as old:
        ids = _coded_project(old)
        # deleted by the previous build (its undo step still open in a window): the upgrade must not give its ids
        removed = old.delete_document(ids[-1])
        rows, schema = _snapshot(old), _schema(old)
        assert old.schema_version != M014 and "AUTOINCREMENT" not in old.db["documents"].schema
    with Project(db, annotator="tester") as project:
        assert project.schema_version == SCHEMA_VERSIONS[-1]
        assert [b.name for b in (tmp_path / "backups").glob(f"old-*-before-{M014}.db")]
        assert _without_later_columns(_snapshot(project)) == rows and _schema(project) == schema
        with Project(tmp_path / "fresh.db") as fresh:  # an upgraded file and a new one end in the same schema
            for table in ("documents", "spans"):
                assert "AUTOINCREMENT" in project.db[table].schema
                assert project.db[table].schema == fresh.db[table].schema
        assert project.integrity_check() == []
        _search_index_ok(project)
        assert project.document_count(search="denied") == 1 and project.document_count(search="Tuesday") == 0
        doc_id, span_ids = add_coded(project, "Ruritania thanked Freedonia for the return of the envoy.", "new")
        assert doc_id > removed.document_id and min(span_ids) > max(s["id"] for s in removed.spans)
        project.restore_document(removed)  # the previous build's delete undone after the upgrade and an import
        back = project.document_rows(removed.document_id)
        spans = _without_later_columns({"spans": list(back.spans)})["spans"]
        assert dataclasses.replace(back, spans=type(back.spans)(spans)) == removed
        assert project.document_count(search="Tuesday") == 1 and project.integrity_check() == []


def test_an_old_build_holding_the_file_open_while_it_is_upgraded_loses_and_breaks_nothing(tmp_path):
    db = tmp_path / "shared.db"
    with previous_schema(), Project(db, annotator="tester") as old:
        _coded_project(old)
    holder = subprocess.Popen([sys.executable, str(HELPERS / "previous_schema.py"), str(db), "hold"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=Path(__file__).parents[2])
    try:
        assert holder.stdout.readline().strip() == "ready"
        with Project(db, annotator="tester") as project:  # upgraded while the old build has it open
            assert project.schema_version == SCHEMA_VERSIONS[-1]
            inverse, rows = _delete_newest(project)
            out, err = holder.communicate("go\n", timeout=60)  # the old build imports and codes a document now
            assert holder.returncode == 0, err
            written = json.loads(out.strip().splitlines()[-1])
            assert written["document"] > rows.document_id
            assert min(written["spans"]) > max(s["id"] for s in rows.spans)
            inverse.apply(project)
            assert project.document_rows(rows.document_id) == rows
            assert project.get_document(written["document"]).title == "old build"
            assert project.integrity_check() == []
            _search_index_ok(project)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
