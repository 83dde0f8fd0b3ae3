"""PLOVER JSON Lines export -> import -> export, as a user runs it (the CLI in a subprocess, the real coder, real
project files): the same articles (not one document per sentence), events, triggers and spans come back."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ..conftest import REPO

ARTICLES = {
    "a1.txt": "Border talks collapse\n\nLAGOS, 2024-03-04 (Wire) - The president of Nigeria met the foreign minister "
              "of Ghana on Monday. Nigeria accused Benin of smuggling fuel across the border. Ghana praised the "
              "agreement.\n",
    "a2.txt": "Kenya and Uganda sign deal\n\nNAIROBI, 2024-03-05 (Wire) - Kenya signed a trade agreement with Uganda. "
              "Police in Kampala arrested protesters.\n",
    "a3.txt": "Envoys meet\n\nPARIS, 2024-03-06 (Wire) - France criticised Germany over the budget. The German "
              "chancellor visited Poland.\n",
}


def cli(*args: str) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", *args], capture_output=True, text=True,
                         timeout=600, cwd=REPO)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return run


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


DOCUMENTS = "SELECT text, title, published FROM documents ORDER BY text"
EVENTS = """SELECT d.text, e.event_code, e.source_code, e.target_code, e.status, e.sentence_start, e.sentence_end,
                   tr.start, tr.end, tr.text, tr.layer, ss.start, ss.text, ts.start, ts.text
            FROM events e JOIN documents d ON d.id = e.document_id
            LEFT JOIN spans tr ON tr.id = e.trigger_span_id
            LEFT JOIN spans ss ON ss.id = e.source_span_id
            LEFT JOIN spans ts ON ts.id = e.target_span_id"""


def essence(path: Path) -> list[dict]:
    """What the two exports must agree on: everything but the ids and the day of coding."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for key in ("id", "document_id", "coded_date"):
            record.pop(key)
        out.append(record)
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """A project of three articles coded by `eventcoder code`, exported with every event to PLOVER JSONL."""
    tmp = tmp_path_factory.mktemp("plover")
    folder = tmp / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp / "coded.db"
    cli("import", "--db", str(db), str(folder))
    cli("code", "--db", str(db), "--all")
    out = tmp / "all.jsonl"
    cli("export", "--db", str(db), "--format", "jsonl", "--status", "all", "--out", str(out))
    return db, out


def test_export_import_export_keeps_documents_events_and_triggers(exported, tmp_path):
    db, first = exported
    events = rows(db, EVENTS)
    assert len(events) >= 5 and all(e[9] for e in events)  # the coder gave every event a trigger
    fresh = tmp_path / "fresh.db"
    run = cli("import", "--db", str(fresh), str(first))
    assert "3 imported" in run.stdout
    assert rows(fresh, DOCUMENTS) == rows(db, DOCUMENTS)  # the articles, not one document per sentence
    assert sorted(rows(fresh, EVENTS)) == sorted(events)  # codes, sentences, trigger and actor spans in place
    second = tmp_path / "again.jsonl"
    cli("export", "--db", str(fresh), "--format", "jsonl", "--status", "all", "--out", str(second))
    assert essence(second) == essence(first)
    records = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    assert all(r["event_text"] and r["event_text"][0] for r in records)
    for r in records:  # the offsets written are offsets into the document text written
        text = next(o["document_text"] for o in records if o["document_id"] == r["document_id"]
                    and "document_text" in o)
        assert text[r["trigger_start"]:r["trigger_end"]] == r["event_text"][0]
        assert text[r["sentence_start"]:r["sentence_end"]].strip() == r["text"]
    assert sum("document_text" in r for r in records) == 3


def test_importing_the_export_into_its_own_project_adds_nothing(exported, tmp_path):
    db, first = exported
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    before = (rows(copy, DOCUMENTS), sorted(rows(copy, EVENTS)), rows(copy, "SELECT count(*) FROM spans"))
    cli("import", "--db", str(copy), str(first))
    assert (rows(copy, DOCUMENTS), sorted(rows(copy, EVENTS)), rows(copy, "SELECT count(*) FROM spans")) == before


def test_the_readmes_pandas_line_keeps_codes_as_text(exported):
    _, first = exported
    naive = pd.read_json(first, lines=True)
    codes = [json.loads(line)["event"] for line in first.read_text(encoding="utf-8").splitlines()]
    assert any(c.startswith("0") for c in codes)  # a code with a leading zero is there to be lost
    assert naive["event"].tolist() != codes
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = 'pd.read_json(path, lines=True, dtype={"event": str, "document_id": str})'
    assert line in readme
    df = eval(line, {"pd": pd, "path": first})  # the README's own line, as written there
    assert df["event"].tolist() == codes
    assert df["document_id"].tolist() == [json.loads(x)["document_id"] for x in first.read_text().splitlines()]
