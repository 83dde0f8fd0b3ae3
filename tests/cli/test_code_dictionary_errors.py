"""`eventcoder code` (and `train`, `evaluate`) refuse a scheme whose dictionaries `eventcoder scheme validate` calls
invalid, before anything is recorded or coded: a verbs file with no verb coded every document with no event and
said nothing, and a binary actors file failed after the scheme was already the project's setting (found by a new
user). Real processes, a real SQLite file."""

from __future__ import annotations

import json

from cli_checks import rows, run_cli


def _scheme(tmp_path, verbs: bytes, actors: bytes | None = None):
    (tmp_path / "my.verbs.txt").write_bytes(verbs)
    lines = ["name: Mine", "extends: cameo", "dictionaries:", "  verbs: [my.verbs.txt]"]
    if actors is not None:
        (tmp_path / "my.actors.txt").write_bytes(actors)
        lines.append('  actors: ["@base", my.actors.txt]')
    path = tmp_path / "mine.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _project(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Vardania scolded Georgia on Monday.\n", encoding="utf-8")
    db = tmp_path / "news.db"
    assert run_cli("import", str(article), "--db", str(db)).returncode == 0
    return db


def test_code_refuses_a_verbs_file_with_no_verb_and_records_nothing(tmp_path):
    scheme = _scheme(tmp_path, b"")
    db = _project(tmp_path)
    refused = run_cli("code", "--scheme", str(scheme), "--db", str(db))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert "the dictionaries of coding scheme Mine cannot code: 2 error(s)" in refused.stderr
    assert f"{tmp_path / 'my.verbs.txt'}: the verb dictionaries hold no verb: no event can be coded" in refused.stderr
    assert "coded" not in refused.stdout
    assert rows(db, "SELECT value FROM meta WHERE key = 'scheme'") == []  # the setting was not taken
    assert rows(db, "SELECT count(*) FROM events") == [(0,)]


def test_code_refuses_a_binary_actors_file_before_the_setting_changes(tmp_path):
    good_verbs = b"---  SCOLD   [111]  ---\nSCOLD {SCOLDS SCOLDED SCOLDING}\n"
    scheme = _scheme(tmp_path, good_verbs, actors=bytes(range(256)) * 8)
    db = _project(tmp_path)
    refused = run_cli("code", "--scheme", str(scheme), "--db", str(db))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert f"{tmp_path / 'my.actors.txt'}: binary file" in refused.stderr
    assert rows(db, "SELECT value FROM meta WHERE key = 'scheme'") == []


def test_evaluate_and_train_refuse_it_too(tmp_path):
    scheme = _scheme(tmp_path, b"")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "Vardania scolded Georgia.", "events": [{"code": "111"}]}) + "\n",
                    encoding="utf-8")
    scored = run_cli("evaluate", str(gold), "--scheme", str(scheme))
    assert scored.returncode == 1 and "cannot code" in scored.stderr and "Traceback" not in scored.stderr
    db = _project(tmp_path)
    trained = run_cli("train", "--scheme", str(scheme), "--extra", str(gold), "--db", str(db))
    assert trained.returncode == 1 and "cannot code" in trained.stderr and "Traceback" not in trained.stderr
    assert rows(db, "SELECT value FROM meta WHERE key = 'scheme'") == []
