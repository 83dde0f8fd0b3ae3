"""`eventcoder train --scheme X` goes through the same one-project-one-code-set check as `eventcoder code` and
the window's Scheme box (core/scheme_mix.py): a CAMEO project is not trained (nor its scheme setting changed)
in PLOVER; a real process, a real SQLite file."""

from __future__ import annotations

import json

from cli_checks import rows as _rows
from cli_checks import run_cli
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

TEXT = "Ruritania accused Freedonia of shelling the border town of Ostra on Monday."


def _cameo_project(path) -> None:
    with Project(path, annotator="tester") as project:
        doc_id, _ = project.add_document(Document(text=TEXT, title="border"))
        project.save_coded(doc_id, CodedDocument(spans=[SuggestedSpan(0, 9, "Ruritania", code="RUR")], events=[
            SuggestedEvent("112", "RUR", None, 0, None, None, 0, len(TEXT), confidence=0.5)]), scheme="CAMEO")
        project.set_meta("scheme", "cameo")


def test_train_in_a_scheme_lacking_the_projects_codes_is_refused_and_changes_nothing(tmp_path):
    db = tmp_path / "cameo.db"
    _cameo_project(db)
    before = (_rows(db, "SELECT * FROM meta ORDER BY key"), _rows(db, "SELECT * FROM events ORDER BY id"),
              _rows(db, "SELECT name FROM sqlite_master ORDER BY name"))
    extra = tmp_path / "plover.jsonl"
    extra.write_text(json.dumps({"text": "Ruritania protested against Freedonia.", "scheme": "PLOVER",
                                 "events": [{"code": "PROTEST"}]}) + "\n", encoding="utf-8")
    for args in (["--scheme", "plover"], ["--extra", str(extra)]):
        refused = run_cli("train", *args, "--db", str(db))
        assert refused.returncode == 1, refused.stderr
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert f"{db} is coded in CAMEO: 1 of its events have codes PLOVER does not have" in lines[0]
        assert "training it with" in lines[0] and f"`eventcoder train --scheme cameo --db {db}`" in lines[0]
        assert lines[0].endswith("nothing was changed")
        assert refused.stdout == ""
    after = (_rows(db, "SELECT * FROM meta ORDER BY key"), _rows(db, "SELECT * FROM events ORDER BY id"),
             _rows(db, "SELECT name FROM sqlite_master ORDER BY name"))
    assert after == before  # the scheme setting still cameo, no scheme recorded, no model stored
    assert ("scheme", "cameo") in [(k, v) for k, v, *_ in after[0]]


def test_train_in_the_projects_own_scheme_gets_past_the_check(tmp_path):
    db = tmp_path / "cameo.db"
    _cameo_project(db)
    ran = run_cli("train", "--scheme", "cameo", "--db", str(db))
    # one event is too few to train on: refused by the learner for that reason, not by the scheme check
    assert ran.returncode == 1 and "not enough codings" in ran.stderr, ran.stderr
    assert "is coded in" not in ran.stderr
