"""The events list across documents on a generated project (200k events in 2,000 documents by default).

    python bench/bench_event_lists.py [--docs 2000] [--events 200000]

Prints how long the window waits for: 10,000 given ids (the list shows at most 5,000) (``events_by_ids``, the overview's
drill-down, ``EventsPane.show_only``), a filter over the whole project (``filtered_events``, the events
list's "All documents") and the annotator choices (``event_annotators``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path


def generate(path: Path, docs: int, events: int) -> None:
    from eventcoder.core.store import Project, now_iso, text_sha256

    rng = random.Random(3)
    codes = ["010", "040", "112", "138", "190", "193", "051"]
    actors = ["USA", "RUS", "RUSGOV", "IND", "CHN", "UKR"]
    stamp = now_iso()
    with Project(path) as p, p.transaction():
        p.db["documents"].insert_all(
            ({"id": i + 1, "title": f"Story {i}", "text": (text := f"Story {i}. Russia and India met. " * 4),
              "sha256": text_sha256(text), "published": "2024-01-01", "imported_at": stamp, "metadata": "{}",
              "done": 0} for i in range(docs)), batch_size=5000)
        p.db["events"].insert_all(
            ({"document_id": rng.randrange(docs) + 1, "event_code": rng.choice(codes),
              "source_code": rng.choice(actors), "target_code": rng.choice(actors),
              "status": rng.choice(["suggested", "accepted", "rejected"]), "origin": "model",
              "annotator": rng.choice([None, "ana", "bo"]), "sentence_start": 0, "sentence_end": 30, "version": 1,
              "created_at": stamp, "updated_at": stamp} for _ in range(events)), batch_size=5000)


def timed(what: str, fn) -> None:
    started = time.perf_counter()
    result = fn()
    print(f"{what:<44} {time.perf_counter() - started:7.3f} s  ({len(result):,} rows)")


def main() -> None:
    from eventcoder.core.event_filter import EventFilter
    from eventcoder.core.store import Project

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lists.db"
        generate(path, args.docs, args.events)
        with Project(path) as p:
            ids = [e.id for e in p.iter_events()]
            picked = random.Random(1).sample(ids, min(10_000, len(ids)))
            print(f"{args.events:,} events in {args.docs:,} documents")
            timed("events_by_ids(10,000 ids)", lambda: p.events_by_ids(picked))
            for wanted in (EventFilter(code="19"), EventFilter(actor="RUS", status="accepted"),
                           EventFilter(annotator="ana"), EventFilter(code="999")):
                timed(f"filtered_events({wanted.describe()})", lambda w=wanted: p.filtered_events(w))
            timed("event_annotators()", p.event_annotators)


if __name__ == "__main__":
    main()
