"""The command line as a user types it (in-process through ``main``; no display needed)."""

import json

import pandas as pd
import pytest

from eventcoder.cli import build_parser, main

from ..conftest import REPO, SEEDS


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    monkeypatch.setenv("EVENTCODER_DB", str(path))
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_documents_and_search(db, capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(capsys, "import", str(SEEDS), str(tmp_path / "empty.txt"))
    assert code == 1 and out.startswith("1 imported, 0 skipped, 1 refused") and "the others were imported" in out
    assert "empty.txt: empty file" in err
    code, out, _ = run(capsys, "documents", "--search", "Lavrov")
    assert code == 0 and "The deal between India and Russia for S-400" in out
    code, out, _ = run(capsys, "documents", "--search", "zzzzunknown")
    assert code == 0 and "000_" not in out


def test_scheme_commands(capsys, tmp_path):
    code, out, _ = run(capsys, "scheme", "list")
    assert code == 0 and "cameo" in out and "plover" in out
    code, out, _ = run(capsys, "scheme", "show", "cameo")
    assert code == 0 and "1312" in out and "-5.8" in out
    code, out, _ = run(capsys, "scheme", "show", "plover", "--json")
    assert code == 0 and json.loads(out)
    bad = tmp_path / "bad.yaml"
    bad.write_text('name: Bad\nversion: "1"\nevent_types:\n  - code: 010\n    label: Say\n')
    code, out, err = run(capsys, "scheme", "validate", str(bad))
    assert code == 1 and f"{bad}:4:" in err
    code, out, _ = run(capsys, "scheme", "validate", str(REPO / "coding_schemes" / "cameo.yaml"))
    assert code == 0 and out.strip().endswith(": ok")


def test_export_csv_via_cli_and_user_errors(db, capsys, tmp_path):
    run(capsys, "import", str(SEEDS))
    from eventcoder.core.model import Event
    from eventcoder.core.store import Project

    with Project(db) as p:
        p.add_event(Event(document_id=1, event_code="036", source_code="RUS", target_code="IND", status="accepted"))
    out_file = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "--format", "csv", "--out", str(out_file))
    assert code == 0 and "1 event(s)" in out and "left out" not in err
    with Project(db) as p:
        p.add_event(Event(document_id=1, event_code="042", status="suggested"))
    code, out, err = run(capsys, "export", "--format", "csv", "--out", str(out_file))
    assert "1 event(s)" in out and "1 suggested event(s) nobody has accepted yet were left out" in err
    df = pd.read_csv(out_file, dtype=str)
    assert list(df["event_code"]) == ["036"] and list(df["event_root"]) == ["03"]
    code, _, err = run(capsys, "export", "--format", "xml", "--out", str(out_file))
    assert code == 1 and err.startswith("eventcoder: unknown format 'xml'") and "Traceback" not in err
    code, _, err = run(capsys, "scheme", "show", "nosuchscheme")
    assert code == 1 and "nosuchscheme" in err and "Traceback" not in err


def test_check_and_backup(db, capsys, tmp_path):
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.startswith("ok: documents 1")
    code, out, _ = run(capsys, "backup", "--out", str(tmp_path / "b.db"))
    assert code == 0 and (tmp_path / "b.db").exists()
    code, out, _ = run(capsys, "restore", str(tmp_path / "b.db"))
    assert code == 0 and "restored" in out


def test_refuses_a_file_that_is_not_a_project(capsys, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    code, _, err = run(capsys, "documents", "--db", str(junk))
    assert code == 1 and "not an SQLite file" in err


def test_every_command_has_help_and_is_in_the_readme():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {action.dest: action.help for action in sub._choices_actions}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in sub.choices:
        assert helps.get(name), f"command {name} has no help"
        assert f"eventcoder {name}" in readme, f"command {name} is not in the README"
