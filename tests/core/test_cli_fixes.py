"""What a new user's trial of the command line found: real files, the real CLI (``main`` in-process, or a
subprocess where the interpreter itself must be set up differently)."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest

from eventcoder.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _events(db):
    con = sqlite3.connect(db)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM events ORDER BY id")]
    finally:
        con.close()


# --------------------------------------------------------------------------- 1. codes are never "guarded"

POLICE = {
    "text": "=Police in Ostra praised the -Vesk council.",
    "event": "051",
    "actor": [{"actor_code": "---COP", "entity_text": "Police"}],
    "recipient": [{"code": "---", "entity_text": "-Vesk council"}],
    "coder": "lena",
    "note": "=check the date",
}


def test_csv_and_tsv_keep_codes_starting_with_a_dash_and_guard_only_free_text(capsys, tmp_path):
    db = tmp_path / "p.db"
    assert run(capsys, "import", str(_jsonl(tmp_path / "r.jsonl", POLICE)), "--db", str(db))[0] == 0
    assert run(capsys, "export", "--db", str(db), "--out", str(tmp_path / "e.csv"))[0] == 0
    row = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False).iloc[0]
    assert (row.source_code, row.source_country, row.source_role) == ("---COP", "---", "COP")
    assert (row.target_code, row.target_country) == ("---", "---")
    assert (row.event_code, row.event_root, row.goldstein) == ("051", "05", "3.4")
    # free text keeps the spreadsheet guard
    assert row.sentence.startswith("'=Police") and row.document_title.startswith("'=Police")
    assert row.target_text == "'-Vesk council" and row.source_text == "Police"
    assert row.note == "'=check the date" and row.annotator == "lena"  # the record's note came in with it
    assert run(capsys, "export", "--db", str(db), "--format", "tsv", "--out", str(tmp_path / "e.tsv"))[0] == 0
    tsv = pd.read_csv(tmp_path / "e.tsv", sep="\t", dtype=str, keep_default_na=False).iloc[0]
    assert (tsv["Source Country"], tsv["Target Country"], tsv["CAMEO Code"]) == ("---", "---", "051")
    assert tsv["Target Name"] == "'-Vesk council"
    # --raw-cells: nothing changed anywhere
    run(capsys, "export", "--db", str(db), "--raw-cells", "--out", str(tmp_path / "raw.csv"))
    raw = pd.read_csv(tmp_path / "raw.csv", dtype=str, keep_default_na=False).iloc[0]
    assert raw.target_text == "-Vesk council" and raw.source_code == "---COP"


# --------------------------------------------------------------------------- 2. PLOVER import: who decided


CHILE = {"id": "p1", "text": "Chile praised Peru.", "event": "051",
         "actor": [{"code": "CHL"}], "recipient": [{"code": "PER"}]}


def test_plover_import_an_accepted_model_record_is_a_decision_of_whoever_imports(capsys, tmp_path):
    db = tmp_path / "p.db"
    records = _jsonl(tmp_path / "m.jsonl",
                     {**CHILE, "coder": "model", "status": "accepted"},
                     {**CHILE, "text": "Peru thanked Chile.", "event": "042", "coder": "model", "status": "suggested"},
                     {**CHILE, "text": "Chile met Peru.", "event": "040", "coder": "bob", "status": "rejected"},
                     {**CHILE, "text": "Chile warned Peru.", "event": "130", "coder": "human"})
    code, out, _ = run(capsys, "--annotator", "ann", "import", str(records), "--db", str(db))
    assert code == 0 and out.startswith("4 imported")
    rows = {e["event_code"]: e for e in _events(db)}
    assert (rows["051"]["status"], rows["051"]["origin"], rows["051"]["annotator"]) == ("accepted", "human", "ann")
    assert (rows["130"]["origin"], rows["130"]["annotator"]) == ("human", "ann")  # "human" names nobody
    assert (rows["040"]["status"], rows["040"]["annotator"]) == ("rejected", "bob")
    assert (rows["042"]["status"], rows["042"]["origin"], rows["042"]["annotator"]) == ("suggested", "model", None)


def test_plover_records_matching_a_document_merge_their_codings_or_say_why_not(capsys, tmp_path):
    db = tmp_path / "p.db"
    run(capsys, "import", str(_jsonl(tmp_path / "a.jsonl", {"text": CHILE["text"], "title": "Chile"})), "--db", str(db))
    # a record with the same text but a coding (and no actors: still a coding, not a bare article)
    code, out, _ = run(capsys, "import", str(_jsonl(tmp_path / "c.jsonl", {"text": CHILE["text"], "event": "051"})),
                       "--db", str(db))
    assert code == 0 and "1 annotated" in out and "document 1: 1 event(s)" in out
    assert [e["event_code"] for e in _events(db)] == ["051"]
    # the same coding again: skipped, saying the document already has it (never a bare "same text")
    code, out, _ = run(capsys, "import", str(tmp_path / "c.jsonl"), "--db", str(db))
    assert code == 0 and "already has its 1 coding(s): nothing to add" in out
    assert len(_events(db)) == 1


def test_plover_import_refuses_a_code_the_scheme_does_not_have_with_file_and_line(capsys, tmp_path):
    db = tmp_path / "p.db"
    good = _jsonl(tmp_path / "good.jsonl", CHILE)
    bad = _jsonl(tmp_path / "bad.jsonl", CHILE, {**CHILE, "text": "Chile x Peru.", "event": "ZZZ"})
    code, out, err = run(capsys, "import", str(good), str(bad), "--db", str(db))
    assert code == 1 and out.startswith("1 imported, 0 skipped, 1 refused")
    assert f"refused {bad}:2: event code 'ZZZ' is not in" in err
    assert [e["event_code"] for e in _events(db)] == ["051"]  # nothing of bad.jsonl, no empty-root event
    run(capsys, "code", "--db", str(db))  # the project now codes in CAMEO
    plover_code = _jsonl(tmp_path / "plv.jsonl", {**CHILE, "text": "Peru accused Chile.", "event": "ACCUSE"})
    code, _, err = run(capsys, "import", str(plover_code), "--db", str(db))
    assert code == 1 and f"{plover_code}:1: event code 'ACCUSE' is not in the project's scheme CAMEO" in err


# --------------------------------------------------------------------------- 4. messages and exit codes


def test_import_says_each_refusal_once_exits_1_and_leaves_no_empty_project(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Chile praised Peru."}\n{"text": "broken\n', encoding="utf-8")
    db = tmp_path / "new.db"
    code, out, err = run(capsys, "import", str(bad), "--db", str(db))
    assert code == 1 and "no project was made" in out
    line = next(x for x in err.splitlines() if "refused" in x)
    assert line.count(str(bad)) == 1
    assert line.endswith(f"refused {bad}:2: invalid JSON: Unterminated string starting at (column 10)")
    assert not db.exists() and not list(tmp_path.glob("new.db*")) and not (tmp_path / "backups").exists()
    good = _jsonl(tmp_path / "good.jsonl", {"text": "Chile praised Peru."})
    code, out, err = run(capsys, "import", str(good), str(bad), "--db", str(db))
    assert code == 1 and out.startswith("1 imported, 0 skipped, 1 refused") and "the others were imported" in out
    assert db.exists()


def test_a_missing_folder_of_db_is_an_error_not_created(capsys, tmp_path, monkeypatch):
    good = _jsonl(tmp_path / "good.jsonl", {"text": "Chile praised Peru."})
    code, _, err = run(capsys, "import", str(good), "--db", str(tmp_path / "nodir" / "x.db"))
    assert code == 1 and "the folder" in err and "does not exist" in err
    assert not (tmp_path / "nodir").exists()
    monkeypatch.setenv("EVENTCODER_DB", str(tmp_path / "other" / "y.db"))
    code, _, err = run(capsys, "documents")
    assert code == 1 and "does not exist" in err and not (tmp_path / "other").exists()


# --------------------------------------------------------------------------- 5. titles, dates, validate

LONG = ("Ministers of Vesk and Ostra agreed on Tuesday to reopen the river crossing closed since the spring floods, "
        "officials said. The crossing carries most of the trade between the two towns.")


def test_untitled_records_get_their_first_sentence_cut_as_title_and_documents_shows_dates(capsys, tmp_path):
    db = tmp_path / "p.db"
    rows = _jsonl(tmp_path / "n.jsonl", {"text": LONG, "date": "2024-03-05"},
                  {"text": "Vesk floods\n\nThe river rose again.", "date": "2024-03-06"})
    table = tmp_path / "t.csv"
    table.write_text('text\n"' + LONG.replace("Ministers", "Envoys") + '"\n', encoding="utf-8")
    assert run(capsys, "import", str(rows), str(table), "--db", str(db))[0] == 0
    code, out, _ = run(capsys, "documents", "--db", str(db), "--json")
    titles = {json.loads(x)["id"]: json.loads(x)["title"] for x in out.splitlines()}
    assert titles[2] == "Vesk floods"
    assert titles[1].startswith("Ministers of Vesk") and titles[1].endswith("…") and len(titles[1]) <= 73
    assert titles[3].startswith("Envoys of Vesk") and len(titles[3]) <= 73
    code, out, _ = run(capsys, "documents", "--db", str(db))
    header, first = out.splitlines()[:2]
    assert "date" in header.split() and "2024-03-05" in first


@pytest.fixture
def own_scheme(tmp_path):
    (tmp_path / "own.actors.txt").write_text("ZORVAN_KETTEL_ [NORGOV 20121204]\nVESK_COUNCIL_ [VSKGOV]\n",
                                             encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text("name: Mine\nversion: '1'\nextends: cameo\ndictionaries:\n  actors: ['@base', own.actors.txt]\n",
                    encoding="utf-8")
    return path


def test_scheme_validate_lists_own_problems_and_summarises_the_builtin_dictionary_warnings(capsys, own_scheme):
    code, out, err = run(capsys, "scheme", "validate", str(own_scheme))
    assert code == 0 and f"{own_scheme}: ok" in out
    lines = err.strip().splitlines()
    own = own_scheme.parent / "own.actors.txt"
    assert lines[0] == (f"warning: {own}:1: unknown date restriction in [NORGOV 20121204]; actor 'ZORVAN_KETTEL_' has "
                        "no other code: skipped")  # one warning for the line, naming the actor left out
    assert lines[1].startswith("1 dictionary warning(s)")
    assert len(lines) == 3 and "known warning(s) in EventCoder's built-in dictionaries" in lines[2]
    assert "--all" in lines[2] and "site-packages" not in err and "coding_schemes" not in err
    hidden = int(lines[2].split()[0])
    code, out, err_all = run(capsys, "scheme", "validate", "--all", str(own_scheme))
    listed = [x for x in err_all.splitlines() if x.startswith("warning: ")]
    assert code == 0 and len(listed) == hidden + 1 and "known warning" not in err_all


# --------------------------------------------------------------------------- 3. corpus: the extra, Ctrl+C

BLOCK = """
import sys
class _NoCorpusExtra:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pyarrow", "dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, _NoCorpusExtra())
from eventcoder.cli import main
sys.exit(main(sys.argv[1:]))
"""

STORIES = [f"Vesk officials met Ostra envoys in town {n}. The envoys praised the Vesk council." for n in range(40)]


@pytest.fixture
def small_corpus(tmp_path):
    return _jsonl(tmp_path / "news.jsonl", *({"id": f"s{n}", "text": t} for n, t in enumerate(STORIES)))


@pytest.mark.parametrize("argv", [
    ["corpus", "code", "{src}", "--out", "{out}"],
    ["corpus", "code", "{src}", "--out", "{out}", "--engine", "local"],
    ["corpus", "code", "{src}", "--out", "{out}", "--engine", "dask"],
    ["corpus", "stats", "{out}"],
    ["corpus", "sample", "{out}", "--into", "{db}"],
])
def test_corpus_commands_without_the_extra_say_how_to_install_it_in_one_line(tmp_path, small_corpus, argv):
    import subprocess
    import sys

    names = {"src": str(small_corpus), "out": str(tmp_path / "coded"), "db": str(tmp_path / "review.db")}
    done = subprocess.run([sys.executable, "-c", BLOCK, *(a.format(**names) for a in argv)],
                          capture_output=True, text=True, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert lines[0].startswith("eventcoder: corpus commands need PyArrow")
    assert "pip install 'eventcoder[corpus]'" in lines[0] and "py3-none-any.whl[corpus]'" in lines[0]
    assert ("Dask" in lines[0]) == ("dask" in argv)
    assert not (tmp_path / "coded").exists() and not (tmp_path / "review.db").exists()


def test_ctrl_c_during_a_dask_corpus_run_is_one_line_and_the_same_command_resumes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    # enough shards that a run is still going when the first one is in the manifest (40 stories took ~1 s)
    docs = 10 * len(STORIES)
    corpus = _jsonl(tmp_path / "news.jsonl", *({"id": f"s{n}", "text": STORIES[n % len(STORIES)]}
                                              for n in range(docs)))
    shards = docs // 2
    out = tmp_path / "coded"
    argv = [sys.executable, "-m", "eventcoder.cli", "corpus", "code", str(corpus), "--out", str(out),
            "--engine", "dask", "--workers", "2", "--shard-size", "2", "--scheme", "cameo"]
    # its own process group (SIGINT to all of it, as a terminal does), with Ctrl+C's default meaning even when this
    # test runs where SIGINT is ignored (a background job of a non-interactive shell: Python keeps an ignored
    # SIGINT ignored, so the command would never see the Ctrl+C)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    manifest = out / "manifest.json"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and json.loads(manifest.read_text() or "{}").get("shards"):
            break
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()[1]
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C: every process of the command gets it
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "CancelledError" not in err and "Port" not in err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("corpus: ")]
    assert lines == ["eventcoder: interrupted; finished shards are kept, run the same command to resume"]
    kept = set(json.loads(manifest.read_text())["shards"])
    assert 0 < len(kept) < shards
    again = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert set(json.loads(manifest.read_text())["shards"]) >= kept
    assert len(json.loads(manifest.read_text())["shards"]) == shards
    assert f"{docs} document(s) coded" in again.stdout or f"{len(kept)} shard(s)" in again.stdout


# --------------------------------------------------------------------------- 6. the README's commands


def test_readme_installs_into_a_venv_and_ci_runs_exactly_its_test_command():
    from ..conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b.strip() for b in readme.split("```bash\n")[1:3]]
    first, tests = (b.split("\n```")[0].strip() for b in blocks)
    assert first == "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && eventcoder"
    assert tests == "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == tests
    assert "pip install 'dist/eventcoder-0.1.0-py3-none-any.whl[corpus]'" in readme


def test_a_corpus_input_refused_for_one_reason_is_one_line(tmp_path, capsys):
    table = tmp_path / "table.csv"
    table.write_text("id,body\n1,Vesk met Ostra.\n", encoding="utf-8")
    assert main(["corpus", "code", str(table), "--out", str(tmp_path / "coded"), "--engine", "local"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"eventcoder: the corpus input was refused: {table}:1: no 'text' column in the header; "
                     "nothing was coded"]
    assert not (tmp_path / "coded").exists()


@pytest.mark.parametrize("command", [["documents"], ["code"], ["export", "--format", "csv", "--out", "{out}"],
                                     ["backup"], ["report", "--out", "{out}"]])
def test_a_mistyped_project_name_is_refused_and_makes_no_project(tmp_path, capsys, command):
    """A command that reads or codes a project refuses a --db that does not exist, in one line, rather than making
    an empty project and reporting success on it."""
    db = tmp_path / "typo.db"
    args = [a.replace("{out}", str(tmp_path / "out")) for a in command]
    assert main([*args, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "no such project" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # no project file, no -wal/-shm, no output


def test_a_decision_in_the_file_on_a_suggestion_the_project_holds_undecided_is_kept(capsys, tmp_path):
    """The same text with the same event, suggested in the project but accepted in the file (an annotator's
    exported work): the project's suggestion takes the decision instead of the record being skipped as a
    repeat."""
    db = tmp_path / "p.db"
    suggested = {**CHILE, "event": "051", "coder": "model", "status": "suggested"}
    run(capsys, "import", str(_jsonl(tmp_path / "s.jsonl", suggested)), "--db", str(db))
    [before] = _events(db)
    assert before["status"] == "suggested"
    accepted = {**CHILE, "event": "051", "coder": "ann", "status": "accepted"}
    code, out, _ = run(capsys, "import", str(_jsonl(tmp_path / "a.jsonl", accepted)), "--db", str(db))
    assert code == 0 and "1 suggestion(s) decided as the file decides them" in out
    [after] = _events(db)
    assert (after["id"], after["status"], after["annotator"]) == (before["id"], "accepted", "ann")
    # a decided event is never overturned by a file that holds it undecided
    code, out, _ = run(capsys, "import", str(tmp_path / "s.jsonl"), "--db", str(db))
    assert code == 0 and [e["status"] for e in _events(db)] == ["accepted"]
