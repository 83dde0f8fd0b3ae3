"""The status bar's "N/25 new codings" after every edit, on a project with a long journal.

    QT_QPA_PLATFORM=offscreen python bench/bench_retrain_count.py [DOCUMENTS]

Builds a project through the store's own API: DOCUMENTS (default 115,000) short documents imported and coded
(``add_document`` journals an ``import`` entry, ``save_coded`` a ``code`` one: 230,000 history rows, the
situation of a corpus imported and coded after the last retraining), plus one document with 60 suggestions
an analyst decides with the core commands. Then, after each of 20 accepts, it times

* the scan the window made before: ``learn.codings_since_model`` (``Project.codings_since`` from the mark);
* the window's count now: ``RetrainingController.refresh()`` (the incremental ``CodingsCounter`` and the
  learner slot's text), on the UI thread;

checks the two agree after every edit, and that codings another process commits (a second connection) show
at the next refresh, a coding run of 10,000 documents in another process included. Then the other kind of
long journal: 10,000 events an analyst decided and edited with no model yet, a count past its bound of 1,000
(both count again after each edit there). The generated texts are the bench's own.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

SCHEME = "plover"
SCHEME_NAME = "PLOVER"  # as the scheme names itself (events and the learner are keyed by it)
WORDS = ("ministers", "met", "in", "the", "capital", "on", "talks", "over", "water", "rights", "border", "trade")


def _text(n: int) -> str:
    words = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(12))
    return f"Report {n}: {words.capitalize()}."


def timed(call):
    """``call()``'s result and how long it took, in milliseconds."""
    t = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - t) * 1000


def build(path: Path, documents: int):
    from eventcoder.core.model import CodedDocument, Document, SuggestedEvent
    from eventcoder.core.store import Project

    project = Project(path, annotator="bench")
    project.set_meta("scheme", SCHEME)
    started = time.perf_counter()
    sentences = [f"Sentence {k} says the ministers agreed." for k in range(60)]
    doc_id, _ = project.add_document(Document(text=" ".join(sentences), title="the analyst's document"))
    starts = [sum(len(x) + 1 for x in sentences[:k]) for k in range(60)]
    events = [SuggestedEvent("AGREE", "USA", "RUS", None, None, None, start, start + len(sentences[k]),
                             confidence=0.5, evidence=f"sentence {k}") for k, start in enumerate(starts)]
    project.save_coded(doc_id, CodedDocument(spans=[], events=events, sentences=[]), scheme=SCHEME_NAME)
    empty = CodedDocument(spans=[], events=[], sentences=[])
    batch = 5_000
    for first in range(0, documents, batch):  # one transaction per batch (each add and coding a savepoint)
        with project.transaction():
            for n in range(first, min(first + batch, documents)):
                new_id, _ = project.add_document(Document(text=_text(n), title=f"Report {n}"))
                project.save_coded(new_id, empty, scheme=SCHEME_NAME)
    rows = project.db.execute("SELECT count(*) FROM history").fetchone()[0]
    print(f"built: {rows:,} history rows ({documents:,} documents imported and coded) in "
          f"{time.perf_counter() - started:.1f} s")
    return project, doc_id


def main() -> int:
    from eventcoder.app.retraining import COUNT_CODINGS_UP_TO, RetrainingController
    from eventcoder.app.workers import WorkerPool
    from eventcoder.core import commands, learn
    from eventcoder.core.model import CodedDocument, Document
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project

    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 115_000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scheme = load_scheme(SCHEME)
    tmp = Path(tempfile.mkdtemp())
    project, doc_id = build(tmp / "bench.db", documents)
    pending = [e.id for e in project.events(doc_id) if e.status == "suggested"]
    texts: list[str] = []
    controller = RetrainingController(WorkerPool(), lambda: (project, scheme))
    controller.statusChanged.connect(lambda text, _tip: texts.append(text))

    _, first_refresh = timed(controller.refresh)  # the first count reads the journal from the mark once
    before: list[float] = []
    after: list[float] = []
    for event_id in pending[:20]:
        commands.accept_event(project, event_id).apply(project)
        old, ms = timed(lambda: learn.codings_since_model(project, scheme, limit=COUNT_CODINGS_UP_TO))
        before.append(ms)
        after.append(timed(controller.refresh)[1])
        assert controller.codings_since_model == old, (controller.codings_since_model, old)
    print(f"count after 20 accepts: {controller.codings_since_model} ({texts[-1]!r})")
    print(f"before: learn.codings_since_model per edit  median {statistics.median(before):6.1f} ms  "
          f"max {max(before):6.1f} ms")
    print(f"after:  RetrainingController.refresh per edit median {statistics.median(after):6.2f} ms  "
          f"max {max(after):6.2f} ms  (first refresh of the session {first_refresh:.1f} ms)")

    with Project(project.path, annotator="colleague") as other:  # another process codes in the same file
        for event_id in pending[20:23]:
            commands.accept_event(other, event_id).apply(other)
        commands.reject_event(other, pending[0]).apply(other)  # one of ours changed again: still one coding
    _, elsewhere = timed(controller.refresh)
    expected = learn.codings_since_model(project, scheme, limit=COUNT_CODINGS_UP_TO)
    print(f"another connection's 4 changes: count {controller.codings_since_model} at the next refresh "
          f"({elsewhere:.2f} ms), the full scan says {expected}")
    assert controller.codings_since_model == expected == 23

    with Project(project.path, annotator="colleague") as other:  # a coding run elsewhere: 20,000 entries at once
        empty = CodedDocument(spans=[], events=[], sentences=[])
        with other.transaction():
            for n in range(documents, documents + 10_000):
                new_id, _ = other.add_document(Document(text=_text(n), title=f"Report {n}"))
                other.save_coded(new_id, empty, scheme=SCHEME_NAME)
        commands.accept_event(other, pending[23]).apply(other)
    _, run = timed(controller.refresh)
    expected = learn.codings_since_model(project, scheme, limit=COUNT_CODINGS_UP_TO)
    print(f"after another process imported and coded 10,000 documents and made 1 coding: count "
          f"{controller.codings_since_model} at the next refresh ({run:.2f} ms), the full scan says {expected}")
    assert controller.codings_since_model == expected == 24
    project.close()
    saturated(tmp / "coded.db", scheme)
    del app
    return 0


def saturated(path: Path, scheme) -> None:
    """The other kind of long journal: 10,000 events each decided and edited by an analyst with no model yet
    (20,000 entries of events): the count is past its bound, so each refresh counts again up to it."""
    from eventcoder.app.retraining import COUNT_CODINGS_UP_TO
    from eventcoder.core import commands, learn
    from eventcoder.core.model import CodedDocument, Document, SuggestedEvent
    from eventcoder.core.store import Project
    from eventcoder.core.store.codings_count import CodingsCounter

    with Project(path, annotator="bench") as project:
        started = time.perf_counter()
        text = " ".join(f"Sentence {k} says the ministers agreed." for k in range(10_000))
        doc_id, _ = project.add_document(Document(text=text, title="ten thousand"))
        events = [SuggestedEvent("AGREE", "USA", "RUS", None, None, None, k, k + 1, evidence=f"e{k}")
                  for k in range(10_000)]
        project.save_coded(doc_id, CodedDocument(spans=[], events=events, sentences=[]), scheme=SCHEME_NAME)
        ids = [e.id for e in project.events(doc_id)]
        with project.transaction():
            for event_id in ids:
                commands.accept_event(project, event_id).apply(project)
                project.update_row("event", event_id, {"date": "2021-01-01"}, action="edit event")
        print(f"built: {project.history_mark():,} history rows (10,000 events decided and edited) in "
              f"{time.perf_counter() - started:.1f} s")
        counter, before, after = CodingsCounter(), [], []
        for event_id in ids[:10]:
            project.update_row("event", event_id, {"date": "2021-01-02"}, action="edit event")
            old, ms = timed(lambda: learn.codings_since_model(project, scheme, limit=COUNT_CODINGS_UP_TO))
            before.append(ms)
            new, ms = timed(lambda: counter.since_model(project, learn.KIND, scheme.name, limit=COUNT_CODINGS_UP_TO))
            after.append(ms)
            assert new == old == COUNT_CODINGS_UP_TO
        print(f"past the bound ({COUNT_CODINGS_UP_TO}): scan per edit median {statistics.median(before):.1f} ms, "
              f"the counter {statistics.median(after):.1f} ms (it counts again, as the scan does)")


if __name__ == "__main__":
    raise SystemExit(main())
