"""No acknowledged work is lost: SIGKILL at random moments, and two processes writing at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from eventcoder.core.model import Document
from eventcoder.core.store import Project

WRITER = Path(__file__).parent / "helpers" / "writer.py"
KILLS = int(os.environ.get("EVENTCODER_KILLS", "20"))


def _new_project(path: Path) -> None:
    with Project(path) as p:
        p.add_document(Document(text="India and Russia agreed to work together."))


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_sigkill_never_loses_an_acknowledged_event(tmp_path):
    db = tmp_path / "kill.db"
    _new_project(db)
    rng = random.Random(1234)
    acknowledged: list[int] = []
    for _ in range(KILLS):
        proc = _spawn(str(db), "add", "100000")
        first = proc.stdout.readline()  # wait until it is writing
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged += [int(x) for x in (first + out).split()]
        assert proc.returncode == -signal.SIGKILL
    assert len(acknowledged) > KILLS
    with Project(db) as p:
        assert p.integrity_check() == []
        stored = {e.id for e in p.events()}
        missing = set(acknowledged) - stored
        assert not missing, f"acknowledged but lost: {sorted(missing)[:10]}"
        # every stored event is whole: its span came in the same transaction
        assert all(e.source_span_id is not None for e in p.events())


def test_two_writers_lose_nothing_and_report_conflicts(tmp_path):
    db = tmp_path / "two.db"
    _new_project(db)
    with Project(db) as p:
        doc_id = p.document_ids()[0]
        from eventcoder.core.model import Event

        for _ in range(5):
            p.add_event(Event(document_id=doc_id, event_code="042"))
    procs = [_spawn(str(db), "edit", name, "3") for name in ("alice", "bob")]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    oks: Counter[int] = Counter()
    versions: set[tuple[int, int]] = set()
    conflicts = 0
    for out, _ in outputs:
        for line in out.splitlines():
            parts = line.split()
            if parts[0] == "ok":
                oks[int(parts[1])] += 1
                versions.add((int(parts[1]), int(parts[2])))
            else:
                conflicts += 1
    assert sum(oks.values()) > 50
    assert conflicts > 0, "concurrent edits to the same events should have been detected"
    with Project(db) as p:
        assert p.integrity_check() == []
        for event in p.events():
            # each acknowledged write bumped the version exactly once: none was silently overwritten
            assert event.version == 1 + oks[event.id]
        # no two acknowledged writes produced the same version of an event
        assert len(versions) == sum(oks.values())


@pytest.mark.slow
def test_sigkill_slow(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "KILLS", 200)
    test_sigkill_never_loses_an_acknowledged_event(tmp_path)
