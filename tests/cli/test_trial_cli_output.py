"""New-user trial: what the commands print and write, each through the real command in its own process: ICEWS's
place columns, an export into a folder that does not exist, evaluate's JSON figures, `code` without --all/--doc."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from eventcoder.core.evaluate import evaluate_file
from eventcoder.core.model import Document, Event
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project


def _cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *argv], capture_output=True, text=True,
                          timeout=600)


def _project(db: Path, locations: list[str]) -> None:
    with Project(db) as project:
        doc_id, _ = project.add_document(Document(text="Police fired tear gas at protesters. The envoys met."))
        for place in locations:
            event = project.add_event(Event(doc_id, event_code="040", source_code="KENCOP", target_code="KENOPP",
                                            location=place, sentence_start=0, sentence_end=36))
            project.update_event(event.id, status="accepted")


def test_the_icews_export_puts_a_city_in_city_and_its_country_in_country(tmp_path):
    db = tmp_path / "news.db"
    _project(db, ["NAIROBI", "Washington", "Kenya", "Second Thomas Shoal"])
    out = tmp_path / "events.tsv"
    run = _cli("export", "--format", "tsv", "--out", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert [(r["City"], r["Province"], r["Country"]) for r in rows] == [
        ("NAIROBI", "", "Kenya"),
        ("Washington", "", "United States Of America"),  # the scheme's name for USA
        ("", "", "Kenya"),
        ("Second Thomas Shoal", "", ""),  # a place no dictionary places: not a country
    ]


def test_an_export_into_a_folder_that_does_not_exist_is_refused_and_makes_nothing(tmp_path):
    db = tmp_path / "news.db"
    _project(db, ["Nairobi"])
    for fmt, out in (("csv", tmp_path / "nonexistent" / "dir" / "x.csv"),
                     ("brat", tmp_path / "nonexistent" / "dir" / "brat")):
        run = _cli("export", "--format", fmt, "--out", str(out), "--db", str(db))
        assert run.returncode == 1
        assert run.stderr.splitlines()[-1] == (f"eventcoder: {out}: the folder {out.parent} does not exist; "
                                               "create it first (nothing was written)")
        assert not (tmp_path / "nonexistent").exists()
    brat = tmp_path / "brat"  # a folder format makes its own folder, in a folder that exists
    assert _cli("export", "--format", "brat", "--out", str(brat), "--db", str(db)).returncode == 0
    assert sorted(p.suffix for p in brat.iterdir() if p.suffix in (".txt", ".ann")) == [".ann", ".txt"]


GOLD = [
    ("Russia condemned Ukraine on Monday.", "RUS", "UKR", "122"),
    ("France and Germany signed a trade agreement.", "FRA", "DEU", "057"),
    ("Kenyan police arrested protesters in Nairobi.", "KENCOP", "KENOPP", "173"),
    ("China threatened Japan with sanctions.", "CHN", "JPN", "130"),
    ("India praised Nepal for its help.", "IND", "NPL", "051"),
    ("Egypt accused Israel of violating the truce.", "EGY", "ISR", "112"),
    ("Brazil met Argentina in Brasilia.", "BRA", "ARG", "040"),
]


def _figures(value, path=()):
    if isinstance(value, float):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _figures(item, (*path, key))


def test_evaluate_json_rounds_its_figures_to_4_decimals_and_the_core_keeps_them_exact(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": f"g{n}", "text": text, "date": "2015-01-05", "events": [
        {"source": source, "target": target, "code": code}]}) + "\n" for n, (text, source, target, code)
        in enumerate(GOLD)), encoding="utf-8")
    run = _cli("evaluate", str(gold), "--scheme", "cameo", "--json")
    assert run.returncode == 0, run.stderr
    shown = dict(_figures(json.loads(run.stdout)))
    exact = dict(_figures(evaluate_file(gold, load_scheme("cameo"))))
    assert shown.keys() == exact.keys() and len(shown) > 10
    assert {k: round(v, 4) for k, v in exact.items()} == shown
    assert any(round(v, 4) != v for v in exact.values())  # the core's own figures are not rounded
    assert all(len(repr(v).partition(".")[2]) <= 4 for v in shown.values())


def test_code_without_all_or_doc_says_it_codes_every_document(tmp_path):
    db = tmp_path / "news.db"
    with Project(db) as project:
        for n in range(3):
            project.add_document(Document(text=f"Russia condemned Ukraine on day {n}."))
    run = _cli("code", "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == f"coding all 3 document(s) of {db} (no --doc given; --all says so)"
    assert run.stdout.startswith("3 document(s) coded")
    again = _cli("code", "--all", "--db", str(db))
    assert again.returncode == 0 and "no --doc given" not in again.stderr


def test_every_out_option_takes_the_short_o_as_well(tmp_path):
    """A new user typed `export -o out.csv` (as most tools take it) and got "--out is required"."""
    db = tmp_path / "news.db"
    _project(db, ["Nairobi"])
    out = tmp_path / "events.csv"
    run = _cli("export", "-o", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8", newline="") as fh:
        assert [r["source_code"] for r in csv.DictReader(fh)] == ["KENCOP"]
    backup = tmp_path / "copy.db"
    assert _cli("backup", "-o", str(backup), "--db", str(db)).returncode == 0
    with Project(backup) as copy:
        assert [e.source_code for e in copy.events()] == ["KENCOP"]
