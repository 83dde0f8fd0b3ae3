"""The count of a coding run in progress (core/store/runs.py) follows the documents stored: a real
``eventcoder code`` in its own process, a reader polling the project file beside it. The coder parses a batch of
documents, then stores them in a burst; the record used to keep the burst's first count for a whole batch (the
window showed "0/156", then "1/156", while 94 were stored)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from eventcoder.core.model import Document
from eventcoder.core.store import Project
from eventcoder.core.store.runs import HEARTBEAT_S

SENTENCES = [
    "Ruritania accused Freedonia of shelling the border town of Ostra on Monday.",
    "The foreign minister of Freedonia met the Ruritanian envoy in Vienna to discuss a ceasefire.",
    "Protesters in the capital of Ruritania demanded the release of three journalists.",
    "Police in Ostra arrested twelve demonstrators after the rally turned violent.",
    "The government of Freedonia promised aid to the families displaced by the fighting.",
    "Ruritanian troops withdrew from two villages near the river on Tuesday.",
]

# the real command line, in batches of 8 documents (the default of 64 would code this small project in one batch)
CODE = textwrap.dedent("""
    import sys
    import eventcoder.core.suggest.run as run
    run.BATCH_DOCS = 8
    from eventcoder.cli import main
    sys.exit(main(["code", "--all", "--scheme", "cameo", "--db", sys.argv[1]]))
""")


def _stored(reader: Project) -> int:
    return sum(1 for s in reader.document_summaries() if s.suggested)


def test_the_recorded_count_follows_the_documents_stored(tmp_path):
    db = tmp_path / "news.db"
    with Project(db, annotator="tester") as project:
        for n in range(24):  # long enough that parsing a batch takes seconds
            text = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(120))
            project.add_document(Document(text=f"Item {n}. {text}", title=f"article {n}"))
    proc = subprocess.Popen([sys.executable, "-c", CODE, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    samples: list[tuple[float, int, int]] = []  # (time, documents stored, the run's recorded count)
    try:
        with Project(db, readonly=True) as reader:
            deadline = time.monotonic() + 300
            while proc.poll() is None and time.monotonic() < deadline:
                runs = reader.coding_runs()
                stored = _stored(reader)
                if runs:
                    samples.append((time.monotonic(), stored, runs[0].done))
                time.sleep(0.1)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "24 document(s) coded" in out
    stored_during = [s for _t, s, _d in samples]
    assert stored_during and max(stored_during) >= 16  # the reader saw two batches stored mid-run
    for at, _stored_now, done in samples:
        # every document stored a heartbeat (and a little) before this sample is counted in the record
        before = [s for t, s, _d in samples if t <= at - HEARTBEAT_S - 1.0]
        if before:
            assert done >= before[-1], (done, before[-1], samples)
    # and while the coder parsed a batch (nothing stored for a while), the record said exactly what was stored
    quiet = [(s, d) for t, s, d in samples
             if all(s2 == s for t2, s2, _d in samples if at_least(t - 1.5, t2, t)) and t - samples[0][0] > 1.5]
    quiet = [(s, d) for s, d in quiet if s]
    assert quiet and all(d == s for s, d in quiet), quiet


def at_least(low: float, t: float, high: float) -> bool:
    return low <= t <= high
