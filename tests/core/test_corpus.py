"""``eventcoder corpus``: a corpus coded on a real Dask LocalCluster (2 worker processes) gives exactly the events
``eventcoder code`` stores for the same documents (same scheme, learner and project); a run killed mid-way resumes
without recoding finished shards; bad records are listed with their ids and never stop a shard; JSONL, CSV, TSV
and Parquet inputs code alike; bad input is refused with file and line; ``stats`` agrees with the shards;
``sample`` brings documents with their suggestions into a project the coding session opens."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.cli import main
from eventcoder.core.corpus import corpus_stats, plan, read_shard, run_corpus, sample_into
from eventcoder.core.corpus.inputs import corpus_files
from eventcoder.core.errors import EventCoderError
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

ACTORS = ["Russia", "France", "Japan", "Egypt", "Brazil", "Turkey", "Germany", "India", "Kenya", "Chile"]
CLAUSES = [
    "{a} attacked {b} on Monday",
    "{a} sent food aid to {b}",
    "{a} criticized {b} over the election",
    "{a} accused {b} of spying on its embassy",
    "{a} withdrew its troops from {b}",
    "{a} demanded that {b} release the prisoners",
    "officials from {a} met the foreign minister of {b} in Geneva",
    "{a} bombed villages in {b}",
]
TRAINING = [  # the learner's codings (PLOVER), written for this test; two disagree with the rules, so it decides
    ("{a} attacked {b} on Monday.", "ASSAULT"),
    ("{a} bombed villages in {b}.", "ASSAULT"),
    ("{a} sent food aid to {b}.", "AID"),
    ("{a} criticized {b} over the election.", "REJECT"),
    ("{a} withdrew its troops from {b}.", "RETREAT"),
    ("{a} demanded that {b} release the prisoners.", "DEMAND"),
]


def article(i: int, sentences: int = 2) -> str:
    """A short made-up wire story; every ``i`` gives another text."""
    out = []
    for k in range(sentences):
        a = ACTORS[(i + k) % len(ACTORS)]
        b = ACTORS[(i * 3 + k + 1) % len(ACTORS)]
        if a == b:
            b = ACTORS[(ACTORS.index(a) + 1) % len(ACTORS)]
        out.append(CLAUSES[(i + 2 * k) % len(CLAUSES)].format(a=a, b=b).capitalize() + f", report {i}-{k} said.")
    return " ".join(out)


def records(n: int, start: int = 0, sentences: int = 2) -> list[dict]:
    return [{"id": f"doc-{i}", "title": f"Story {i}", "text": article(i, sentences),
             "date": f"2021-{1 + i % 12:02d}-{1 + i % 27:02d}", "source": "Test Wire"} for i in range(start, start + n)]


def write_jsonl(path: Path, rows: list[dict], bad: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(r) for r in rows]
    for at, line in sorted((bad or {}).items()):
        lines.insert(at, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shard_table(out: Path, part: str = "events") -> pd.DataFrame:
    manifest = json.loads((out / "manifest.json").read_text())
    frames = [pd.read_parquet(out / part / f"{key}.parquet") for key in sorted(manifest["shards"])]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def model_db(tmp_path_factory) -> Path:
    """A PLOVER project with a type learner trained by `eventcoder train` on made-up codings."""
    folder = tmp_path_factory.mktemp("model")
    extra = folder / "codings.jsonl"
    rows = []
    for t, (text, code) in enumerate(TRAINING):
        for k in range(5):
            a, b = ACTORS[k % 6], ACTORS[(k + t + 1) % 6]
            rows.append({"text": text.format(a=a, b=b), "date": "2020-01-01", "scheme": "PLOVER",
                         "events": [{"code": code, "source_text": a, "target_text": b}]})
    write_jsonl(extra, rows)
    db = folder / "model.db"
    assert main(["train", "--db", str(db), "--extra", str(extra)]) == 0
    return db


BAD_LINES = {3: "{this is not json", 7: json.dumps({"id": "no-text", "title": "x", "text": "  "}),
             11: json.dumps({"id": "bad-date", "text": "France met Japan.", "date": "the day after"})}


@pytest.fixture(scope="module")
def coded(tmp_path_factory, model_db) -> dict:
    """30 good and 3 bad records coded on a LocalCluster of 2 worker processes, with the model project's coder, in
    9 shards (more than are given to the workers at once)."""
    folder = tmp_path_factory.mktemp("corpus")
    good = records(30)
    source = write_jsonl(folder / "news.jsonl", good, BAD_LINES)
    out = folder / "coded"
    report = run_corpus([source], out, model=model_db, engine="dask", workers=2, shard_size=4, progress=None)
    return {"folder": folder, "source": source, "out": out, "report": report, "good": good}


# ------------------------------------------------------------------ the same events as `eventcoder code`


def _export_rows(db: Path, target: Path) -> pd.DataFrame:
    assert main(["export", "--format", "csv", "--status", "all", "--raw-cells", "--out", str(target),
                 "--db", str(db)]) == 0
    return pd.read_csv(target, dtype=str, keep_default_na=False)


def _as_csv_text(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    def cell(name: str, value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if isinstance(value, str):
            return value
        if name == "goldstein":
            return f"{value:g}"
        if name == "quad_class":  # an integer column (float in pandas when a row has none)
            return str(int(value))
        return str(value)

    return sorted(tuple(cell(c, v) for c, v in zip(columns, row, strict=True))
                  for row in frame[columns].itertuples(index=False))


def test_dask_run_gives_exactly_the_events_eventcoder_code_stores(coded, model_db, tmp_path, capsys):
    report = coded["report"]
    assert report.engine == "dask" and report.workers == 2 and report.failed == []
    assert report.documents == 30 and report.errors == 3 and report.shards == report.coded == 9  # more than in flight
    # the same documents imported into (a copy of) the model project and coded there by `eventcoder code`
    db = tmp_path / "same.db"
    shutil.copy(model_db, db)
    clean = write_jsonl(tmp_path / "clean.jsonl", coded["good"])
    assert main(["import", str(clean), "--db", str(db)]) == 0
    assert main(["code", "--db", str(db)]) == 0
    capsys.readouterr()
    expected = _export_rows(db, tmp_path / "events.csv")
    got = shard_table(coded["out"])
    assert len(expected) > 30 and len(got) == len(expected)
    columns = [c for c in expected.columns if c not in ("event_id", "document_id", "coded_at")]
    assert set(columns) < set(got.columns)  # the CSV export's columns, plus the record's id and place
    assert _as_csv_text(got, columns) == _as_csv_text(expected, columns)
    # the learner decided, as in the project (PLOVER types, its version in the provenance of the documents)
    assert {"PLOVER"} == set(got["scheme"]) and report.model_version == 1
    assert report.learner["learner_retyped"] > 0  # it retyped some of the rules' events, as `code` did in the project
    assert set(got["id"]) == {r["id"] for r in coded["good"]}
    assert got["record"].str.match(r".*news\.jsonl:\d+$").all()


def test_bad_records_are_listed_with_their_ids_and_never_stop_a_shard(coded):
    out = coded["out"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    source = str(coded["source"])
    by_line = {e["record"]: e for e in errors}
    assert set(by_line) == {f"{source}:4", f"{source}:8", f"{source}:12"}
    assert by_line[f"{source}:4"]["id"] is None and "invalid JSON" in by_line[f"{source}:4"]["reason"]
    assert by_line[f"{source}:8"]["id"] == "no-text" and "missing or empty 'text'" in by_line[f"{source}:8"]["reason"]
    assert by_line[f"{source}:12"]["id"] == "bad-date" and "unreadable date" in by_line[f"{source}:12"]["reason"]
    # the shards holding them coded every other record
    manifest = json.loads((out / "manifest.json").read_text())
    first = [manifest["shards"][k] for k in sorted(manifest["shards"])[:4]]
    assert [(s["documents"], s["errors"]) for s in first] == [(3, 1), (3, 1), (3, 1), (4, 0)]
    assert set(shard_table(out, "documents")["id"]) == {r["id"] for r in coded["good"]}


def test_stats_agree_with_the_shards(coded, capsys):
    events = shard_table(coded["out"])
    stats = corpus_stats(coded["out"])
    assert stats.events == len(events) and stats.documents == 30 and stats.errors == 3
    assert dict(stats.by_code) == events["event_code"].value_counts().to_dict()
    months = events["event_date"].fillna("unknown").str[:7].value_counts().to_dict()
    assert dict(stats.by_month) == months
    dyads = (events["source_country"].fillna("-") + "->" + events["target_country"].fillna("-")).value_counts()
    assert dict(stats.by_dyad) == dyads.to_dict()
    assert main(["corpus", "stats", str(coded["out"]), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["by_code"] == dict(stats.by_code) and printed["events"] == len(events)


def test_sample_by_code_opens_in_the_coding_session_with_its_suggestions(coded, tmp_path, capsys):
    db = tmp_path / "review.db"
    assert main(["corpus", "sample", str(coded["out"]), "--into", str(db), "--n", "8"]) == 0
    assert "8 document(s) sampled (stratified by code)" in capsys.readouterr().out
    events = shard_table(coded["out"])
    with Project(db) as project:
        session = CodingSession.open(project)
        assert session.scheme.name == "PLOVER"
        ids = session.document_order("useful")
        assert len(ids) == 8
        sampled_records = set()
        for doc_id in ids:
            session.open_document(doc_id)
            doc = session.doc.document
            sampled_records.add(doc.metadata["record"])
            shard_rows = events[events["record"] == doc.metadata["record"]]
            suggested = [e for e in session.doc.events if e.status == "suggested"]
            assert len(suggested) == len(shard_rows)
            assert sorted(e.event_code for e in suggested) == sorted(shard_rows["event_code"])
            assert doc.external_id == shard_rows["id"].iloc[0] if len(shard_rows) else True
        # stratified: every code the coder found is in the sample (8 documents, 7 codes)
        codes = set(events["event_code"])
        seen = set(events[events["record"].isin(sampled_records)]["event_code"])
        assert len(codes) <= 8 and seen == codes
    # the same sample again adds nothing
    with Project(db) as project:
        before = project.counts()
        report = sample_into(coded["out"], project, n=8)
        assert report.created == 0 and project.counts() == before


def test_sample_by_uncertainty_takes_the_least_certain_documents(coded, tmp_path):
    docs = shard_table(coded["out"], "documents").set_index("record")
    third_lowest = docs["min_confidence"].dropna().sort_values().iloc[2]
    with Project(tmp_path / "unsure.db") as project:
        report = sample_into(coded["out"], project, n=3, by="uncertainty")
        assert report.documents == 3 and report.events > 0
        records = [project.get_document(d).metadata["record"] for d in project.document_ids()]
    assert len(records) == 3 and docs.loc[records, "min_confidence"].max() <= third_lowest


def test_a_project_in_another_scheme_is_refused_a_sample(coded, tmp_path, capsys):
    db = tmp_path / "cameo.db"
    (tmp_path / "one.txt").write_text("France met Japan in Paris.", encoding="utf-8")
    assert main(["import", str(tmp_path / "one.txt"), "--db", str(db)]) == 0
    assert main(["code", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["corpus", "sample", str(coded["out"]), "--into", str(db), "--n", "2"]) == 1
    assert "codes in CAMEO" in capsys.readouterr().err


# ------------------------------------------------------------------ resume


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _finished_shards(out: Path) -> set[str]:
    try:
        return set(json.loads((out / "manifest.json").read_text())["shards"])
    except (OSError, ValueError):
        return set()


def test_a_killed_run_resumes_without_recoding_finished_shards_and_codes_new_input(tmp_path):
    source = write_jsonl(tmp_path / "wire.jsonl", records(40, sentences=5))
    out = tmp_path / "coded"
    cmd = [sys.executable, "-m", "eventcoder.cli", "corpus", "code", str(source), "--out", str(out),
           "--engine", "dask", "--workers", "2", "--shard-size", "2", "--scheme", "cameo"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert _wait_for(lambda: len(_finished_shards(out)) >= 2, 120), proc.stderr.read().decode()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its Dask workers, all at once
        proc.wait(timeout=30)
    assert _wait_for(lambda: not _group_alive(proc.pid), 30)
    finished = _finished_shards(out)
    assert 2 <= len(finished) < 20, "the run was to be killed mid-way (20 shards)"
    for key in finished:  # every shard the manifest lists is whole
        assert pq.read_table(out / "events" / f"{key}.parquet").num_rows > 0
    more = write_jsonl(tmp_path / "more.jsonl", records(4, start=100))
    coded_now: list[str] = []
    report = run_corpus([source, more], out, scheme="cameo", engine="local", progress=None,
                        on_shard=lambda s: coded_now.append(s["key"]))
    planned = {s.key for s in plan(corpus_files([source, more]), 2)}
    assert report.skipped == len(finished) and set(coded_now) == planned - finished
    assert any(k.startswith("more-") for k in coded_now) and report.failed == []
    assert not list(out.rglob(".*.tmp"))
    # the resumed folder holds what one uninterrupted run gives
    whole = tmp_path / "whole"
    run_corpus([source, more], whole, scheme="cameo", engine="local", shard_size=2, progress=None)
    columns = [c for c in shard_table(whole).columns if c != "coded_at"]
    assert _as_csv_text(shard_table(out), columns) == _as_csv_text(shard_table(whole), columns)
    # a third run has nothing to do
    again = run_corpus([source, more], out, scheme="cameo", engine="local", progress=None)
    assert again.coded == 0 and again.skipped == len(planned)


def test_an_input_file_that_changed_is_coded_again_never_counted_twice(tmp_path):
    source = write_jsonl(tmp_path / "wire.jsonl", records(4))
    out = tmp_path / "coded"
    run_corpus([source], out, scheme="cameo", engine="local", shard_size=2, progress=None)
    write_jsonl(source, records(6))  # two stories appended
    report = run_corpus([source], out, scheme="cameo", engine="local", progress=None)
    assert report.skipped == 0 and report.coded == 3
    docs = shard_table(out, "documents")
    assert sorted(docs["id"]) == sorted(r["id"] for r in records(6))
    assert len(list((out / "events").glob("*.parquet"))) == 3 and corpus_stats(out).documents == 6


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_folder_coded_with_another_coder_is_refused(coded, capsys):
    code = main(["corpus", "code", str(coded["source"]), "--out", str(coded["out"]), "--scheme", "cameo",
                 "--engine", "local"])
    assert code == 1
    assert "was coded with PLOVER with type learner v1" in capsys.readouterr().err


# ------------------------------------------------------------------ input formats


def test_csv_tsv_and_parquet_inputs_code_as_jsonl_does(coded, tmp_path):
    rows = coded["good"][:8]
    with (tmp_path / "news.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "text", "date", "source"])
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "text": r["text"].replace(". ", ".\n", 1)})  # a line break inside a quoted field
    with (tmp_path / "news.tsv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "text", "date", "source"], delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "news.parquet", row_group_size=3)
    jsonl = write_jsonl(tmp_path / "news.jsonl", rows)
    tables = {}
    for name in ("news.jsonl", "news.csv", "news.tsv", "news.parquet"):
        out = tmp_path / f"out-{name}"
        report = run_corpus([tmp_path / name], out, scheme="cameo", engine="local", shard_size=5, progress=None)
        assert report.documents == 8 and report.errors == 0 and report.shards == 2
        tables[name] = shard_table(out)
    columns = [c for c in tables["news.jsonl"].columns if c not in ("coded_at", "record", "sentence")]
    for name in ("news.tsv", "news.parquet"):
        assert _as_csv_text(tables[name], columns) == _as_csv_text(tables["news.jsonl"], columns), name
    # the CSV's texts have a line break where the others have a space: the same events, the sentence aside
    assert _as_csv_text(tables["news.csv"], ["id", "event_code", "source_code", "target_code"]) == _as_csv_text(
        tables["news.jsonl"], ["id", "event_code", "source_code", "target_code"])
    assert set(tables["news.parquet"]["record"]) >= {f"{tmp_path / 'news.parquet'}:row 1"}
    assert sorted(tables["news.csv"]["record"].unique())[0].startswith(f"{tmp_path / 'news.csv'}:")
    del jsonl


def test_shards_cover_every_line_once_with_its_line_number(tmp_path):
    path = tmp_path / "odd.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": f"Text {i}."}) for i in range(11)]
    lines.insert(4, "")  # a blank line
    path.write_text("\n".join(lines), encoding="utf-8")  # no line break at the end
    for size in (1, 4, 5, 12, 100):
        shards = plan([path], size)
        got = [(r.where, r.id) for s in shards for r in read_shard(s)]
        want = [(f"{path}:{n}", json.loads(line)["id"]) for n, line in enumerate(lines, start=1) if line]
        assert got == want, size
    csv_path = tmp_path / "odd.csv"
    csv_path.write_text('id,text\nA,"one\nline two"\n\nB,plain\nC,"with ""quotes"""\n', encoding="utf-8")
    for size in (1, 2, 3):
        got = [(r.where, r.id, r.document.text) for s in plan([csv_path], size) for r in read_shard(s)]
        assert got == [(f"{csv_path}:2", "A", "one\nline two"), (f"{csv_path}:5", "B", "plain"),
                       (f"{csv_path}:6", "C", 'with "quotes"')], size


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notext.csv", "id,body\n1,France met Japan.\n", "notext.csv:1: no 'text' column in the header"),
        ("open.csv", 'id,text\n1,"France met\n2,Japan\n', "open.csv:2: a quote opened in this row never closes"),
        ("after.csv", 'id,text\n1,ok\n2,"quoted" after\n', "after.csv:3: "),
        ("binary.jsonl", b"%PDF-1.4 \x00\x01", "binary.jsonl: binary file"),
        ("utf16.jsonl", '{"text": "x"}\n'.encode("utf-16"), "utf16.jsonl: UTF-16 text"),
        ("empty.jsonl", "", "empty.jsonl: empty file"),
        ("notext.parquet", None, "notext.parquet: no 'text' column (columns: id, body)"),
        ("table.xlsx", "x", "table.xlsx: unknown file type .xlsx"),
        ("missing.jsonl", False, "missing.jsonl: no such file or folder"),
    ],
)
def test_bad_input_is_refused_with_file_and_line_and_nothing_written(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is None:
        pq.write_table(pa.table({"id": ["1"], "body": ["France met Japan."]}), path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not False:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "coded"
    assert main(["corpus", "code", str(path), "--out", str(out), "--engine", "local", "--scheme", "cameo"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_stats_and_sample_of_a_folder_that_is_no_corpus_say_so(tmp_path, capsys):
    assert main(["corpus", "stats", str(tmp_path)]) == 1
    assert "not a folder written by `eventcoder corpus code`" in capsys.readouterr().err
    with pytest.raises(EventCoderError):
        corpus_stats(tmp_path / "nowhere")


# ------------------------------------------------------------------ memory per worker


def test_each_worker_reports_its_memory_after_its_shards(coded):
    report = coded["report"]
    assert len(report.worker_rss_last_mb) == report.workers == 2  # both worker processes, by pid
    for pid, last in report.worker_rss_last_mb.items():
        assert 50 < report.worker_rss_first_mb[pid] and 50 < last  # spaCy and the dictionaries are loaded
    entries = json.loads((coded["out"] / "manifest.json").read_text(encoding="utf-8"))["shards"].values()
    assert all(entry["rss_mb"] > 0 and entry["peak_rss_mb"] >= entry["rss_mb"] * 0.99 for entry in entries)


def test_a_workers_profiler_is_stopped_so_its_history_cannot_grow(tmp_path):
    """A Dask worker keeps a call tree of its threads every second (1,000 of them): over a long corpus run that grew
    each worker by MBs a shard. Any cluster's worker (a LocalCluster started with the default configuration here,
    as a user's own cluster would be) has it stopped by the run."""
    from distributed import Client, LocalCluster

    from eventcoder.core.corpus.shard import quiet_profiler

    def state(dask_worker) -> tuple[list[str], int]:
        names = sorted(n for n in dask_worker.periodic_callbacks if n.startswith("profile"))
        return names, len(dask_worker.profile_history)

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        time.sleep(1.2)
        [(names, _history)] = client.run(state).values()
        assert names == ["profile", "profile-cycle"]  # on by default
        assert list(client.run(quiet_profiler).values()) == [True]
        time.sleep(1.2)
        assert list(client.run(state).values()) == [([], 0)]
        assert list(client.run(quiet_profiler).values()) == [False]  # nothing left to stop
    assert quiet_profiler() is False  # outside a worker: nothing


def test_a_worker_past_its_memory_budget_loads_spacy_afresh_and_codes_the_same_events(tmp_path, monkeypatch):
    """The lexemes spaCy keeps for every new word grow a long-running worker; past its budget it loads the pipeline
    again (a fresh vocabulary) between shards. A budget of 0 reloads after every shard (even one the process shrank
    over): the events are the same as a run that never reloads, and the old pipeline is gone."""
    from eventcoder.core.suggest import nlp as nlp_module

    source = write_jsonl(tmp_path / "news.jsonl", records(9))
    plain = run_corpus([source], tmp_path / "plain", scheme="cameo", engine="local", shard_size=3, progress=None)
    assert plain.reloads == 0  # the default budget (150 MB) is far away
    before = nlp_module.load_model()
    monkeypatch.setenv("EVENTCODER_CORPUS_RECYCLE_MB", "0")
    report = run_corpus([source], tmp_path / "reloading", scheme="cameo", engine="local", shard_size=3,
                        progress=None)
    assert report.reloads == report.coded == 3
    assert nlp_module.load_model() is not before  # a new pipeline is the process's one now
    assert any("loaded afresh 3 time(s)" in line for line in report.lines())
    columns = [c for c in shard_table(tmp_path / "plain").columns if c != "coded_at"]
    assert len(shard_table(tmp_path / "plain")) > 9
    reloading, plain_rows = shard_table(tmp_path / "reloading"), shard_table(tmp_path / "plain")
    pd.testing.assert_frame_equal(reloading[columns], plain_rows[columns])


def test_a_budget_of_zero_reloads_even_after_a_shard_the_process_shrank_over(monkeypatch):
    """The RSS after a shard can be below the base an earlier run in the same process recorded (a CI run failed so:
    0 reloads of 3). With a budget of 0 every shard reloads, whatever the memory did; with the default, a process
    that shrank or grew a little does not."""
    from eventcoder.core.corpus import shard

    spec = shard.CoderSpec(scheme_name="cameo", scheme_ref="cameo", scheme_hash="h", model_path=None)
    monkeypatch.setattr(shard, "_BASE_RSS", {spec.key: 1000.0})
    reloaded: list[bool] = []
    monkeypatch.setattr("eventcoder.core.suggest.nlp.reload_model", lambda: reloaded.append(True))
    monkeypatch.setenv("EVENTCODER_CORPUS_RECYCLE_MB", "0")
    assert shard.recycle_if_grown(spec, 990.0) is True and reloaded == [True]
    monkeypatch.delenv("EVENTCODER_CORPUS_RECYCLE_MB")
    shard._BASE_RSS[spec.key] = 1000.0
    assert shard.recycle_if_grown(spec, 990.0) is False and shard.recycle_if_grown(spec, 1100.0) is False
    assert shard.recycle_if_grown(spec, 1151.0) is True and len(reloaded) == 2


def test_a_record_with_no_date_takes_its_datelines_as_import_does(tmp_path):
    """A wire story without a `date` field is dated by its dateline, as `eventcoder import` dates it: the event rows
    carry that document date, and the codes resolved on it are those `eventcoder code` stores."""
    story = {"id": "wire-1", "title": "Talks in Geneva",
             "text": "Talks in Geneva\n\nGENEVA, March 3, 2024 (Wire) - France accused Russia of spying on its "
                     "embassy. Russia denied the charge."}
    source = write_jsonl(tmp_path / "wire.jsonl", [story])
    run_corpus([source], tmp_path / "coded", scheme="cameo", engine="local", progress=None)
    got = shard_table(tmp_path / "coded")
    assert len(got) >= 1 and set(got["document_date"]) == {"2024-03-03"}
    db = tmp_path / "same.db"
    assert main(["import", str(source), "--db", str(db)]) == 0
    assert main(["code", "--db", str(db)]) == 0
    expected = _export_rows(db, tmp_path / "events.csv")
    columns = [c for c in expected.columns if c not in ("event_id", "document_id", "coded_at")]
    assert _as_csv_text(got, columns) == _as_csv_text(expected, columns)
