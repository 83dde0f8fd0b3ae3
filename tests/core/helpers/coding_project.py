"""A project full of decisions to make, and the check that every acknowledged decision reached the file.

Shared by tests/core/test_cli_beside_writer.py and tests/app/test_cross_process.py (loaded by path: the
test folders are not packages). The documents are invented dispatches ("Norway accused Chile over the
disputed fishing quotas.") with fixed model suggestions stored through ``Project.save_coded``, so no
coder has to run to make them; the real coder (``eventcoder code``, Ctrl+R) finds events in them too.

An acknowledgement is one line ``ack EVENT_ID STATUS VERSION ...`` printed by a driver once the window
(or the core writer) reported the change saved; :func:`check_acks` compares them with the file.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

COUNTRIES = [
    ("Norway", "NOR"), ("Sweden", "SWE"), ("Finland", "FIN"), ("Chile", "CHL"), ("Peru", "PER"),
    ("Kenya", "KEN"), ("Ghana", "GHA"), ("Canada", "CAN"), ("Mexico", "MEX"), ("Japan", "JPN"),
    ("Egypt", "EGY"), ("Brazil", "BRA"),
]
VERBS = [
    ("accused", "112"), ("threatened", "138"), ("met with", "040"), ("praised", "051"),
    ("criticized", "111"), ("visited", "042"), ("signed an agreement with", "057"),
]
TAILS = [
    "over the disputed fishing quotas", "during talks in the capital", "after the border incident",
    "ahead of the regional summit", "about the stalled rail project", "at the harbour ceremony",
    "over the detained trawler crew", "about grain shipments", "before the vote in parliament",
    "over customs delays at the crossing",
]


def dispatch(rng: random.Random, n_sentences: int):
    """An invented news text and the suggestions a coder might make for it (actors, triggers, events)."""
    from eventcoder.core.model import CodedDocument, SuggestedEvent, SuggestedSpan

    text, spans, events, sentences = "", [], [], []
    for _ in range(n_sentences):
        (a, a_code), (b, b_code) = rng.sample(COUNTRIES, 2)
        verb, code = rng.choice(VERBS)
        sentence = f"{a} {verb} {b} {rng.choice(TAILS)}."
        start = len(text)
        text += sentence + " "
        sentences.append((start, start + len(sentence)))
        idx = len(spans)
        b_at = start + len(a) + 1 + len(verb) + 1
        spans += [
            SuggestedSpan(start, start + len(a), a, layer="actor", code=a_code, kind="country", confidence=0.9,
                          evidence=f"dictionary: {a}"),
            SuggestedSpan(start + len(a) + 1, start + len(a) + 1 + len(verb), verb, layer="trigger",
                          confidence=0.8, evidence=f"verb {verb!r}"),
            SuggestedSpan(b_at, b_at + len(b), b, layer="actor", code=b_code, kind="country", confidence=0.9,
                          evidence=f"dictionary: {b}"),
        ]
        events.append(SuggestedEvent(code, a_code, b_code, idx, idx + 2, idx + 1, start, start + len(sentence),
                                     date="2024-03-05", confidence=round(rng.uniform(0.2, 0.95), 3),
                                     evidence=f"fixture: {verb}"))
    return text.strip(), CodedDocument(spans=spans, events=events, sentences=sentences)


def copy_project(template: Path, folder: Path) -> Path:
    """A fresh copy of a closed template project as ``folder/coding.db`` (a plain file copy: nothing has it open)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "coding.db"
    shutil.copyfile(template, db)
    return db


def make_project(path: Path, *, documents: int = 12, per_document: int = 25, seed: int = 7,
                 decided: int = 12) -> Path:
    """A project (scheme: the built-in CAMEO) with ``documents`` invented dispatches of ``per_document``
    suggested events each; ``decided`` of them (spread over several documents) are accepted or rejected
    already, so ``eventcoder train`` has codings of several types to learn from."""
    from eventcoder.core import commands
    from eventcoder.core.model import Document
    from eventcoder.core.store import Project

    rng = random.Random(seed)
    with Project(path, annotator="builder") as project:
        project.set_meta("scheme", "cameo")
        for i in range(documents):
            text, coded = dispatch(rng, per_document)
            doc_id, _ = project.add_document(Document(text=text, title=f"Invented dispatch {i + 1}",
                                                      source=f"dispatch-{i + 1}.txt", published="2024-03-05"))
            project.save_coded(doc_id, coded, scheme="CAMEO")
        ids = [e.id for e in project.events()]
        for n, event_id in enumerate(rng.sample(ids, decided)):
            factory = commands.accept_event if n % 3 else commands.reject_event
            factory(project, event_id).apply(project)
    return path


def _readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{urllib.parse.quote(str(Path(path).resolve()))}?mode=ro", uri=True)


def read_events(path: Path) -> dict[int, tuple[str, int]]:
    """Every event's (status, version), read with a plain read-only SQLite connection."""
    conn = _readonly(path)
    try:
        return {int(i): (s, int(v)) for i, s, v in conn.execute("SELECT id, status, version FROM events")}
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check`` of the file (empty: healthy), through a plain
    read-only SQLite connection (the same on any EventCoder version)."""
    if not Path(path).is_file():
        return [f"{path}: no such file"]
    try:
        conn = _readonly(path)
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
            if "events" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}:
                problems.append("no events table")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problems = [f"unreadable: {exc}"]
    return problems


@dataclass
class Ack:
    event_id: int
    status: str
    version: int
    kind: str  # accept, reject, undo
    who: str = ""
    line: int = 0  # order within its driver's output
    fields: dict[str, str] = field(default_factory=dict)


def parse_acks(output: str, who: str = "") -> list[Ack]:
    """``ack ID STATUS VERSION KIND [key=value ...]`` lines of a driver's output."""
    acks = []
    for n, line in enumerate(output.splitlines()):
        parts = line.split()
        if not parts or parts[0] != "ack":
            continue
        extra = dict(p.split("=", 1) for p in parts[5:] if "=" in p)
        acks.append(Ack(int(parts[1]), parts[2], int(parts[3]), parts[4], who, n, extra))
    return acks


def lines_of(output: str, word: str) -> list[list[str]]:
    return [line.split()[1:] for line in output.splitlines() if line.split()[:1] == [word]]


def check_acks(path: Path, acks: list[Ack], *, recoded: bool = False, in_flight: int = 1) -> list[str]:
    """What is wrong with the file given the acknowledged writes (empty list: nothing).

    Each event's newest acknowledged state (the last one a process printed; between processes, the higher
    version) must be in the file: the same version and status, or a newer version -- but versions go up by
    one per write and every write is acknowledged except the one in flight when a process was killed, so at
    most ``in_flight`` writes in all may be newer than acknowledged. An acknowledged write that was lost
    shows as a lower version. An event whose newest acknowledged state is "suggested" (an undo) may have
    been replaced by a coding run (``recoded``): the coder replaces pending suggestions, and SQLite may give
    a new suggestion the id of a deleted one."""
    stored = read_events(path)
    problems: list[str] = []
    newest: dict[int, Ack] = {}
    for ack in acks:  # one process's acks are in commit order; across processes, versions tell
        held = newest.get(ack.event_id)
        if held is None or (ack.line > held.line if ack.who == held.who else ack.version > held.version):
            newest[ack.event_id] = ack
    unacked_writes = 0
    for event_id, ack in sorted(newest.items()):
        row = stored.get(event_id)
        if ack.status == "suggested" and recoded:
            continue  # a coding run replaced the suggestion (and a new one may carry its id)
        if row is None:
            problems.append(f"event {event_id}: acknowledged {ack.status} v{ack.version} ({ack.kind} by "
                            f"{ack.who or 'the driver'}), but the event is gone")
            continue
        status, version = row
        if version < ack.version:
            problems.append(f"event {event_id}: acknowledged {ack.status} v{ack.version} ({ack.kind} by "
                            f"{ack.who or 'the driver'}), but the file holds {status} v{version}")
        elif version == ack.version and status != ack.status:
            problems.append(f"event {event_id}: acknowledged {ack.status} v{ack.version}, the file holds "
                            f"{status} v{version}")
        elif version > ack.version:
            unacked_writes += version - ack.version
    if unacked_writes > in_flight:
        problems.append(f"{unacked_writes} unacknowledged writes on acknowledged events (at most {in_flight} "
                        "can have been in flight)")
    return problems


# --------------------------------------------------------------------------- the CLI commands run beside

IMPORT_TXT = ("Ghana praised Kenya after the joint rail inspection on Monday. Officials in Accra said the "
              "line would open next spring.")
IMPORT_JSONL = [
    {"title": "Harbour talks", "text": "Peru met with Chile at the harbour ceremony in Arica on Friday."},
    {"title": "Quota row", "text": "Norway criticized Sweden over the disputed fishing quotas on Sunday."},
]
GOLD = [
    {"id": "g1", "text": "Norway accused Chile over the detained trawler crew.", "date": "2024-03-05",
     "events": [{"code": "112", "source_text": "Norway", "target_text": "Chile"}]},
    {"id": "g2", "text": "Japan visited Egypt ahead of the regional summit.", "date": "2024-03-05",
     "events": [{"code": "042", "source_text": "Japan", "target_text": "Egypt"}]},
]


def input_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / "rail-inspection.txt"
    txt.write_text(IMPORT_TXT, encoding="utf-8")
    jsonl = folder / "dispatches.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in IMPORT_JSONL), encoding="utf-8")
    gold = folder / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return {"txt": txt, "jsonl": jsonl, "gold": gold}


# name -> (its arguments, given the trial's folder and input files (``--db`` is added); a check of its stdout)
COMMANDS: dict[str, tuple] = {
    "documents": (lambda d, f: ["documents"], lambda out, d: out.count("Invented dispatch") == 12),
    "documents-search": (lambda d, f: ["documents", "--search", "Norway", "--json"],
                         lambda out, d: all(json.loads(x)["id"] for x in out.splitlines()) and out.strip()),
    "export-csv": (lambda d, f: ["export", "--format", "csv", "--out", str(d / "accepted.csv")],
                   lambda out, d: "written to" in out and (d / "accepted.csv").read_text().count("\n") >= 2),
    "export-jsonl": (lambda d, f: ["export", "--format", "jsonl", "--status", "all", "--out", str(d / "all.jsonl")],
                     lambda out, d: "written to" in out and (d / "all.jsonl").stat().st_size > 1000),
    "check": (lambda d, f: ["check"], lambda out, d: out.startswith("ok: documents 12")),
    "backup": (lambda d, f: ["backup"],
               lambda out, d: not _backup_problems(Path(out.split("backup written to ", 1)[1].strip()))),
    "backup-out": (lambda d, f: ["backup", "--out", str(d / "copy.db")],
                   lambda out, d: not _backup_problems(d / "copy.db")),
    "code": (lambda d, f: ["code", "--doc", "3", "4"], lambda out, d: out.startswith("2 document(s) coded")),
    "import": (lambda d, f: ["import", str(f["txt"]), str(f["jsonl"])], lambda out, d: "3 imported" in out),
    "train": (lambda d, f: ["train"], lambda out, d: "stored in" in out),
    "evaluate": (lambda d, f: ["evaluate", str(f["gold"]), "--json"], lambda out, d: json.loads(out)["records"] == 2),
}


def _backup_problems(path: Path) -> list[str]:
    return integrity(path) or ([] if read_events(path) else ["no events in the backup"])


def cli_result_problems(name: str, rc: int, out: str, err: str, folder: Path) -> list[str]:
    """The command either did its job (exit 0 and its normal output) or said in one line why not."""
    if "Traceback" in err:
        return [f"`eventcoder {name}` crashed beside the writer:\n{err[-3000:]}"]
    if rc == 0:
        ok = COMMANDS[name][1](out, folder) if name in COMMANDS else True
        return [] if ok else [f"`eventcoder {name}` exited 0 but its result is wrong: {out[-800:]!r}"]
    last = err.strip().splitlines()[-1] if err.strip() else ""
    if rc == 1 and last.startswith("eventcoder: "):
        return [f"`eventcoder {name}` refused beside the writer: {last}"]  # a refusal is still a failure here
    return [f"`eventcoder {name}` exited {rc}: {err[-1500:]!r}"]


def restore_problems(db: Path, backup: Path, acks: list, started: float, ended: float) -> list[str]:
    """After a restore: what was acknowledged after it is in the file; everything else is as in the backup.

    An acknowledgement whose change began after the restore returned is "after"; one whose commit returned
    before the restore began was overwritten by it; any other overlaps the restore and may be either."""
    after = [a for a in acks if float(a.fields["t0"]) > ended]
    overlapping: dict[int, set[tuple[str, int]]] = {}
    for a in acks:
        if float(a.fields["t1"]) >= started and float(a.fields["t0"]) <= ended:
            overlapping.setdefault(a.event_id, set()).add((a.status, a.version))
    in_backup, stored = read_events(backup), read_events(db)
    decided_after = {a.event_id for a in after}
    unexplained = []
    for event_id, state in sorted(in_backup.items()):
        now = stored.get(event_id)
        if event_id in decided_after or now == state or now in overlapping.get(event_id, ()):
            continue
        unexplained.append(f"event {event_id}: backup {state[0]} v{state[1]}, file "
                           + (f"{now[0]} v{now[1]}" if now else "without it"))
    # one write can have been in flight when the process was killed: either an unacknowledged change of a
    # restored event, or a change after the last acknowledged one of an event decided after the restore
    problems = check_acks(db, after, in_flight=0 if unexplained else 1)
    if not after:
        problems.append("no decision was acknowledged after the restore")
    if len(unexplained) > 1:
        problems.append(f"{len(unexplained)} events differ from the restored backup without an acknowledged "
                        "decision after the restore (work from before the restore came back over it): "
                        + "; ".join(unexplained[:8]))
    extra = sorted(set(stored) - set(in_backup))
    if extra:
        problems.append(f"events not in the backup appeared: {extra[:10]}")
    return problems


