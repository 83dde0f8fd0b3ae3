"""Exports that cannot hurt: never onto the project or its backups, files with the user's umask, one brat
file per document, spreadsheet-safe cells, and brat imports that refuse a malformed line with file:line."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventcoder.core.errors import EventCoderError, ImportRefused
from eventcoder.core.io.exporters import export
from eventcoder.core.io.importers import IMPORTERS, detect_format, import_paths
from eventcoder.core.model import Document, Event, Span
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

# Invented texts: a ferry on the (made-up) Vesk river, a council in Ostra.
FERRY = "-5 dead as the Vesk ferry tipped near Ostra. @group blamed +north for the late repairs."
COUNCIL = "The Ostra council met the ferry owners on Tuesday. They agreed to inspect every boat."


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def _add(project: Project, text: str, *, external_id: str | None = None, title: str = "") -> int:
    doc_id, created = project.add_document(Document(text=text, title=title or text[:20], external_id=external_id))
    assert created
    return doc_id


def _event(project: Project, doc_id: int, code: str, trigger: str, *, source: str | None = None,
           target: str | None = None, sentence: tuple[int, int] | None = None) -> Event:
    """One accepted event with a trigger span (and actor spans) found by their words in the text."""
    text = project.get_document(doc_id).text

    def span(word: str, layer: str, code_: str | None) -> int:
        start = text.index(word)
        return project.add_span(Span(doc_id, start, start + len(word), word, layer=layer, code=code_,
                                     status="accepted", origin="human")).id

    return project.add_event(Event(
        doc_id, code, source_code="GRP" if source else None, target_code="NOR" if target else None,
        source_span_id=span(source, "actor", "GRP") if source else None,
        target_span_id=span(target, "actor", "NOR") if target else None,
        trigger_span_id=span(trigger, "trigger", code),
        sentence_start=sentence[0] if sentence else None, sentence_end=sentence[1] if sentence else None,
        status="accepted", origin="human",
    ))


@pytest.fixture
def ferry_project(project):
    doc_id = _add(project, FERRY, external_id="ferry-1", title='=HYPERLINK("http://example.invalid/x","open me")')
    _event(project, doc_id, "190", "dead", sentence=(0, 44))
    _event(project, doc_id, "111", "blamed", source="@group", target="+north", sentence=(45, 87))
    return project


def _intact(project: Project, events: int, inode: int) -> None:
    """The project file is the same file, sound, with its events (checked through the open connection only: a
    second open of the file in this process could drop SQLite's locks)."""
    assert os.stat(project.path).st_ino == inode
    assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(project.events()) == events


def _hidden_leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- 1. never onto the project


def test_file_exports_refuse_the_project_its_side_files_and_backups(ferry_project, cameo, tmp_path):
    project = ferry_project
    project.backup()  # a backups/ folder with one backup in it
    (backup,) = project.backups()
    folder = project.path.parent
    (folder / "sub").mkdir()
    (folder / "link.db").symlink_to(project.path)
    (folder / "backups-link").symlink_to(project.backup_dir)
    os.link(project.path, folder / "hard.db")
    before = {p.name: os.stat(p).st_ino for p in folder.iterdir() if p.is_file()}
    inode = os.stat(project.path).st_ino
    targets = {
        project.path: "is the project file",
        Path(f"{project.path}-wal"): "is the project's SQLite -wal file",
        Path(f"{project.path}-shm"): "is the project's SQLite -shm file",
        Path(f"{project.path}-journal"): "is the project's SQLite -journal file",
        folder / "sub" / ".." / project.path.name: "is the project file",
        folder / "link.db": "is the project file",
        folder / "hard.db": "is the project file",
        project.backup_dir: "is the backups folder",
        backup: "inside the backups folder",
        project.backup_dir / "events.csv": "inside the backups folder",
        project.backup_dir / "new" / "events.csv": "inside the backups folder",
        folder / "backups-link" / "events.csv": "inside the backups folder",
    }
    for fmt in ("csv", "jsonl", "spacy"):
        for target, why in targets.items():
            with pytest.raises(EventCoderError) as refused:
                export(project, fmt, target, cameo, None)
            message = str(refused.value)
            assert "\n" not in message and message.startswith(f"{target}: ") and why in message, message
    assert not Path(f"{project.path}-journal").exists() and not (project.backup_dir / "new").exists()
    assert not (project.backup_dir / "events.csv").exists() and project.backups() == [backup]
    assert {p.name: os.stat(p).st_ino for p in folder.iterdir() if p.is_file()} == before
    assert project.get_meta("last_export") is None and not _hidden_leftovers(folder)
    _intact(project, 2, inode)
    with Project(backup) as old:
        assert len(old.events()) == 2


def test_brat_refuses_the_project_folder_and_the_backups_folder(ferry_project, cameo, tmp_path):
    project = ferry_project
    project.backup()
    folder = project.path.parent
    (folder / "elsewhere").mkdir()
    (folder / "elsewhere" / "here").symlink_to(folder)
    listing = sorted(p.name for p in folder.iterdir())
    inode = os.stat(project.path).st_ino
    targets = {
        folder: "is the folder holding the project file",
        folder / "elsewhere" / "here": "is the folder holding the project file",
        folder / "elsewhere" / "..": "is the folder holding the project file",
        project.backup_dir: "is the backups folder",
        project.backup_dir / "brat": "inside the backups folder",
        project.path: "is the project file",
        Path(f"{project.path}-journal"): "is the project's SQLite -journal file",
    }
    for target, why in targets.items():
        with pytest.raises(EventCoderError) as refused:
            export(project, "brat", target, cameo, None)
        message = str(refused.value)
        assert "\n" not in message and str(target) in message and why in message, message
    assert sorted(p.name for p in folder.iterdir()) == listing
    assert not (project.backup_dir / "brat").exists() and len(project.backups()) == 1
    _intact(project, 2, inode)
    assert export(project, "brat", folder / "brat", cameo, None) == 2  # a folder beside the project is fine


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, EVENTCODER_ANNOTATOR="tester")
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_export_onto_the_project_exits_1_and_keeps_it(tmp_path):
    db = tmp_path / "news.db"
    with Project(db) as p:
        doc_id = _add(p, COUNCIL, external_id="council-1")
        _event(p, doc_id, "043", "met", sentence=(0, 50))
    (tmp_path / "sub").mkdir()
    for out in (db, tmp_path / "sub" / ".." / "news.db", Path(f"{db}-wal")):
        for fmt in ("csv", "brat"):
            done = _cli("export", "--format", fmt, "--out", str(out), "--db", str(db), "--status", "all")
            assert done.returncode == 1, done.stdout + done.stderr
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"eventcoder: {out}: ") and "Traceback" not in done.stderr
            assert "project" in lines[0] and "nothing was written" in lines[0]
    done = _cli("export", "--format", "csv", "--out", str(tmp_path / "backups" / "x.csv"), "--db", str(db))
    assert done.returncode == 1 and "inside the backups folder" in done.stderr
    with Project(db) as p:
        assert p.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [e.event_code for e in p.events()] == ["043"] and p.get_document(doc_id).text == COUNCIL
    done = _cli("export", "--format", "csv", "--out", str(tmp_path / "events.csv"), "--db", str(db))
    assert done.returncode == 0 and "1 event(s)" in done.stdout


# --------------------------------------------------------------------------- 2. the user's umask


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_exports_take_the_users_umask_and_replace_only_when_complete(ferry_project, cameo, tmp_path):
    old = os.umask(0o022)
    try:
        for umask, file_mode, dir_mode in ((0o022, 0o644, 0o755), (0o077, 0o600, 0o700)):
            os.umask(umask)
            out = tmp_path / f"u{umask:o}"
            (out / "files").mkdir(parents=True)  # an export writes into a folder that exists (never makes one)
            for fmt, name in (("csv", "e.csv"), ("tsv", "e.tsv"), ("jsonl", "e.jsonl"), ("doccano", "d.jsonl")):
                assert export(ferry_project, fmt, out / "files" / name, cameo, None) == 2
                assert _mode(out / "files" / name) == file_mode, (fmt, oct(_mode(out / "files" / name)))
            brat = out / "brat"  # a brat export makes its own folder (inside one that exists), with the umask
            assert export(ferry_project, "brat", brat, cameo, None) == 2
            assert _mode(brat) == dir_mode
            assert {_mode(p) for p in brat.iterdir()} == {file_mode} and len(list(brat.iterdir())) == 4
            # a failing export leaves the file it would have replaced as it was
            target = out / "files" / "e.csv"
            target.write_text("kept\n")
            os.chmod(target, 0o640)
            with pytest.raises(EventCoderError, match="unknown column"):
                export(ferry_project, "csv", target, cameo, None, columns="event_id,nope")
            assert target.read_text() == "kept\n" and _mode(target) == 0o640
            assert not _hidden_leftovers(out)
    finally:
        os.umask(old)


def test_a_failing_brat_export_writes_nothing(ferry_project, cameo, tmp_path):
    folder = tmp_path / "brat"
    (folder / "ferry-1.ann").mkdir(parents=True)  # where the document's .ann would go
    (folder / "notes.md").write_text("mine\n")
    with pytest.raises(EventCoderError, match="is a folder"):
        export(ferry_project, "brat", folder, cameo, None)
    assert sorted(p.name for p in folder.iterdir()) == ["ferry-1.ann", "notes.md"]
    assert not any((folder / "ferry-1.ann").iterdir()) and (folder / "notes.md").read_text() == "mine\n"
    assert not (tmp_path / "fresh").exists()
    with pytest.raises(EventCoderError):
        export(ferry_project, "brat", folder / "notes.md", cameo, None)  # a file is no folder
    assert (folder / "notes.md").read_text() == "mine\n"


# --------------------------------------------------------------------------- 3. one brat file per document

LONG = "ostra-harbour-board-minutes-" + "x" * 60  # 88 characters: cut at 80 they would be one name
IDS = ["a/b", "a_b", "Case", "case", LONG + "-1", LONG + "-2", "CON", None, "a_b-0000"]


def test_brat_names_every_document_apart_and_counts_what_it_wrote(project, cameo, tmp_path):
    for n, ext in enumerate(IDS):
        first_sentence = f"Boat {n} of the Vesk fleet sank. "
        text = first_sentence + "The owners complained loudly."
        doc_id = _add(project, text, external_id=ext)
        _event(project, doc_id, "111", "complained", sentence=(len(first_sentence), len(text)))
    first = tmp_path / "one"
    count = export(project, "brat", first, cameo, "accepted")
    anns = sorted(first.glob("*.ann"))
    assert count == len(IDS) == len(anns) == len(list(first.glob("*.txt")))
    assert len({p.name.casefold() for p in first.iterdir()}) == len(list(first.iterdir()))
    assert sum(len(re.findall(r"^E\d+\t", p.read_text(), re.M)) for p in anns) == count
    texts = sorted(p.read_text() for p in first.glob("*.txt"))
    assert texts == sorted(project.get_document(i).text for i in project.document_ids())
    names = {p.stem for p in anns}
    assert {"case", "Case"}.isdisjoint(names) and "a_b" in names and "a_b-0000" in names
    assert not any(n.casefold() == "con" for n in names) and all(len(n) <= 120 for n in names)
    # stable: the same names again, and through an import into a fresh project and out again
    again = tmp_path / "again"
    export(project, "brat", again, cameo, "accepted")
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in first.iterdir())
    with Project(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [first])
        assert not report.refused and len(report.imported) == len(IDS) and len(fresh.events()) == count
        second = tmp_path / "two"
        assert export(fresh, "brat", second, cameo, "accepted") == count
    assert sorted(p.name for p in second.glob("*.ann")) == [p.name for p in anns]
    for ann in anns:
        assert (second / ann.name).read_bytes() == ann.read_bytes()


def test_brat_count_leaves_out_and_reports_an_event_it_cannot_draw(project, cameo, tmp_path):
    doc_id = _add(project, COUNCIL, external_id="council-1")
    _event(project, doc_id, "043", "met", sentence=(0, 50))
    project.add_event(Event(doc_id, "036", status="accepted", origin="human"))  # nothing in the text to anchor
    warnings: list[str] = []
    assert export(project, "brat", tmp_path / "b", cameo, "accepted", warnings=warnings) == 1
    assert len(re.findall(r"^E\d+\t", (tmp_path / "b" / "council-1.ann").read_text(), re.M)) == 1
    assert len(warnings) == 1 and "(036)" in warnings[0] and "left out" in warnings[0]


# --------------------------------------------------------------------------- 4. spreadsheet-safe cells


def test_csv_and_tsv_cells_cannot_run_as_formulas(ferry_project, cameo, tmp_path):
    project = ferry_project
    doc_id = project.document_ids()[0]
    project.add_event(Event(doc_id, "111", annotator="=cmd|' /C calc'!A0", mode="\tpress", context="\rnote",
                            location="+Ostra", sentence_start=45, sentence_end=87, status="accepted", origin="human",
                            confidence=0.5))
    csv_out = tmp_path / "e.csv"
    assert export(project, "csv", csv_out, cameo, "accepted") == 3
    df = pd.read_csv(csv_out, dtype=str, keep_default_na=False)
    dead, blamed, extra = df.iloc[0], df.iloc[1], df.iloc[2]
    assert set(df["document_title"]) == {"'=HYPERLINK(\"http://example.invalid/x\",\"open me\")"}
    assert dead.sentence == "'-5 dead as the Vesk ferry tipped near Ostra."
    assert (blamed.source_text, blamed.target_text) == ("'@group", "'+north")
    assert (extra.annotator, extra.location) == ("'=cmd|' /C calc'!A0", "'+Ostra")
    # mode and context are codes: never given a quote; a lone CR would split the row, so it becomes a newline
    assert (extra["mode"], extra.context) == ("\tpress", "\nnote")
    assert (dead.goldstein, blamed.goldstein, dead.quad_class, extra.confidence) == ("-10", "-2", "4", "0.5")
    assert dead.event_code == "190" and dead.event_id.isdigit() and dead.document_id == str(doc_id)
    numbers = pd.read_csv(csv_out)
    assert list(numbers["goldstein"]) == [-10.0, -2.0, -2.0] and numbers["quad_class"].dtype.kind == "i"
    assert ",-10," in csv_out.read_text() and "'-10" not in csv_out.read_text()
    # chosen and renamed columns keep their kind
    few = tmp_path / "few.csv"
    export(project, "csv", few, cameo, "accepted", columns="score=goldstein,title=document_title,sentence")
    row = pd.read_csv(few, dtype=str).iloc[0]
    assert (row.score, row.title[:2], row.sentence[:3]) == ("-10", "'=", "'-5")
    # ICEWS-style TSV: Intensity and Sentence Number stay numbers
    tsv_out = tmp_path / "e.tsv"
    export(project, "tsv", tsv_out, cameo, "accepted")
    tsv = pd.read_csv(tsv_out, sep="\t", dtype=str, keep_default_na=False)
    assert list(tsv["Intensity"]) == ["-10", "-2", "-2"] and list(tsv["Sentence Number"]) == ["1", "2", "2"]
    # a place that is not a country's name is the City (guarded too), its country unknown here
    assert (tsv.iloc[1]["Source Name"], tsv.iloc[1]["Target Name"], tsv.iloc[2]["City"]) == (
        "'@group", "'+north", "'+Ostra")
    assert pd.read_csv(tsv_out, sep="\t")["Intensity"].dtype.kind in "if"
    # raw_cells: for pipelines that never meet a spreadsheet
    raw = tmp_path / "raw.csv"
    export(project, "csv", raw, cameo, "accepted", raw_cells=True)
    raw_rows = pd.read_csv(raw, dtype=str)
    assert len(raw_rows) == 3 and raw_rows.iloc[1].source_text == "@group" and raw_rows.iloc[2].context == "\nnote"


# --------------------------------------------------------------------------- 5. brat import: file:line

ALPHA = "Alpha and Beta met in Ostra."
GOOD = "T1\tActor 0 5\tAlpha\nT2\tEV_043 15 18\tmet\nE1\tEV_043:T2 Source:T1\n"
MALFORMED = [
    (GOOD + "#1\tAnnotatorNotes E1\tsentence=abc\n", 4, "sentence='abc' is not START-END"),
    (GOOD + "#1\tAnnotatorNotes E1\tsentence=5\n", 4, "is not START-END"),
    (GOOD + "#1\tAnnotatorNotes E1\tsentence=20-10\n", 4, "sentence 20-10 outside the text"),
    (GOOD + "#1\tAnnotatorNotes E1\tsentence=0-999\n", 4, "sentence 0-999 outside the text"),
    ("T1\tActor 0 " + "9" * 5000 + "\tAlpha\n", 1, "far outside the text"),
    ("T1\tActor \u0660 \u0665\tAlpha\n", 1, "not a brat standoff line"),  # digits, but not ASCII offsets
    (GOOD + "A1\tStatus T7 accepted\n", 4, "A1 refers to unknown annotation T7"),
    (GOOD + "#1\tAnnotatorNotes E4\tsource=GRP\n", 4, "#1 refers to unknown annotation E4"),
    (GOOD + "A1\tStatus E1 maybe\n", 4, "Status of E1 must be accepted or rejected or suggested, not 'maybe'"),
    (GOOD + "A1\tOrigin T1\n", 4, "Origin of T1 must be"),
    ("T1\tActor 0 5\tAlpha\nE1\tEV_043:T9\n", 2, "E1 refers to unknown trigger T9"),
    (GOOD + "E2\tEV_010:T2 Target:E1\n", 4, "E2 argument Target:E1 is an event"),
    (GOOD + "E2\tEV_010:T2 Target:T5\n", 4, "E2 argument Target refers to unknown T5"),
    (GOOD + "E2\tEV_010:T2 Agent:T1\n", 4, "argument role 'Agent' is not Source, Target or Location"),
    (GOOD + "E2\tEV_010:T1 Source:T2\n", 4, "E2 argument Source:T2 is an event's trigger"),
    (GOOD + "R1\tally Arg1:T1 Arg2:T8\n", 4, "relation ally refers to unknown T8"),
    (GOOD + "T1\tActor 10 14\tBeta\n", 4, "T1 is already defined on line 1"),
    (GOOD + "E2\tEV_:T2\n", 4, "event type 'EV_' has no code"),
    (GOOD.encode() + b"T3\tActor 22 27\tOstra \xed\xa0\x80\n", 4, "brat files must be UTF-8"),  # a lone surrogate
]


MALFORMED_IDS = [
    "note-sentence-not-numbers", "note-sentence-one-number", "note-sentence-backwards", "note-sentence-past-end",
    "offset-5000-digits", "offset-non-ascii-digits", "attribute-unknown-id", "note-unknown-id", "status-value",
    "origin-without-value", "event-unknown-trigger", "event-argument-is-event", "event-unknown-argument",
    "event-unknown-role", "event-argument-is-trigger", "relation-unknown-id", "duplicate-id", "event-without-code",
    "lone-surrogate",
]


@pytest.mark.parametrize(("ann", "line", "why"), MALFORMED, ids=MALFORMED_IDS)
def test_a_malformed_ann_line_refuses_the_file_with_file_and_line(project, tmp_path, ann, line, why):
    (tmp_path / "a.txt").write_text(ALPHA, encoding="utf-8")
    (tmp_path / "a.ann").write_bytes(ann if isinstance(ann, bytes) else ann.encode("utf-8"))
    report = import_paths(project, [tmp_path])
    assert project.document_count() == 0 and not report.imported
    ((name, reason),) = report.refused
    assert reason.startswith(f"{tmp_path / 'a.ann'}:{line}: ") and why in reason, reason


ANN_PIECES = st.sampled_from([
    "T1", "T2", "E1", "E2", "R1", "A1", "#1", "M1", "T", "\t", " ", ":", ";", "-", "=", "0", "5", "9", "15",
    "18", "99999999999999999999", "\u0665", "Actor", "EV_043", "EV_", "Source:T1", "Target:E1", "Agent:T2",
    "Arg1:T1", "Arg2:T2", "Status", "accepted", "bogus", "Origin", "NoTrigger", "AnnotatorNotes",
    "sentence=", "sentence=0-5", "sentence=abc", "date=", "Alpha", "met", "\r", "\ufeff", "\ud800",
])
ANN_LINE = st.lists(ANN_PIECES, max_size=10).map("".join)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(ANN_LINE, st.text(max_size=30)), max_size=8), keep_good=st.booleans())
@example(lines=["#1\tAnnotatorNotes E1\tsentence=abc"], keep_good=True)
@example(lines=["T3\tActor 0 " + "9" * 4400 + "\tAlpha"], keep_good=False)
def test_any_ann_gives_documents_or_the_projects_own_error(project, tmp_path, lines, keep_good):
    detect_format(tmp_path)  # registers brat
    path = tmp_path / "fuzz.ann"
    path.with_suffix(".txt").write_text(ALPHA, encoding="utf-8")
    text = (GOOD if keep_good else "") + "\n".join(lines)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        items = IMPORTERS["brat"](path)
    except ImportRefused as exc:
        assert re.match(rf"{re.escape(str(path))}(:\d+)?: \S", str(exc)) and "\n" not in str(exc), str(exc)
    else:
        assert len(items) == 1 and items[0].document.text == ALPHA
    report = import_paths(project, [path])  # storing it raises nothing else either
    assert len(report.imported) + len(report.refused) + len(report.skipped) + len(report.annotated) == 1
