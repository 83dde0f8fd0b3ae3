"""Export speed and memory on a generated project (100k documents, 1M events by default).

    python bench/bench_export.py [--docs 100000] [--events 1000000] [--format csv[,jsonl,...]]

Prints rows/s and the peak resident memory of the exporting process, per format (each in its own process), and
with several formats each one's speed against the first's (``--format csv,jsonl``: the PLOVER JSON Lines export
reads its offsets in the same pass as the CSV's rows, so it should stay within ~2x of it). The project is generated once
into a temp folder (reused while its size matches) without the history journal, to keep set-up quick.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench_projects import generated_project


def generate(path: Path, docs: int, events: int) -> None:
    from eventcoder.core.store import Project, now_iso, text_sha256

    rng = random.Random(7)
    actors = ["RUS", "RUSGOV", "IND", "INDMIL", "USA", "USAGOV", "CHN", "AFG", "PAK", "IRN"]
    codes = ["010", "036", "040", "042", "057", "112", "1312", "172", "190", "0311"]
    stamp = now_iso()
    with Project(path) as p:
        db = p.db
        with p.transaction():
            db["documents"].insert_all(
                (
                    {
                        "id": i + 1,
                        "title": f"Story {i}",
                        "text": (text := f"Story {i}. Russia and India agreed to work together. " * 3),
                        "sha256": text_sha256(text),
                        "published": "2021-12-06",
                        "imported_at": stamp,
                        "metadata": "{}",
                        "done": 0,
                    }
                    for i in range(docs)
                ),
                batch_size=5000,
            )
            db["spans"].insert_all(
                (
                    {
                        "id": i + 1,
                        "document_id": i % docs + 1,
                        "start": 10,
                        "end": 16,
                        "text": "Russia",
                        "layer": "actor",
                        "code": rng.choice(actors),
                        "status": "accepted",
                        "origin": "model",
                        "version": 1,
                    }
                    for i in range(docs * 2)
                ),
                batch_size=5000,
            )
            db["events"].insert_all(
                (
                    {
                        "document_id": (d := i % docs + 1),
                        "event_code": rng.choice(codes),
                        "source_code": rng.choice(actors),
                        "target_code": rng.choice(actors),
                        "source_span_id": d,
                        "target_span_id": d + docs,
                        "sentence_start": 0,
                        "sentence_end": 50,
                        "status": "accepted",
                        "origin": "model",
                        "confidence": 0.8,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "version": 1,
                    }
                    for i in range(events)
                ),
                batch_size=5000,
            )


def child(db: str, fmt: str, out: str) -> None:
    from eventcoder.core.io.exporters import export
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project

    scheme = load_scheme("cameo")
    with Project(db) as p:
        start = time.perf_counter()
        count = export(p, fmt, out, scheme, "accepted")
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"format": fmt, "events": count, "seconds": elapsed, "peak_mb": peak_mb}))  # for the parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--format", default="csv", help="one format, or several separated by commas")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    db = generated_project("export", args.docs, args.events, generate)
    folder = db.parent
    speeds: dict[str, float] = {}
    for fmt in args.format.split(","):
        out = folder / f"events.{fmt}"
        done = subprocess.run([sys.executable, __file__, "--child", str(db), fmt, str(out)], check=True,
                              stdout=subprocess.PIPE, text=True)  # a failing child's traceback shows
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        speeds[fmt] = figures["events"] / figures["seconds"]
        print(f"{fmt}: {figures['events']:,} events in {figures['seconds']:.2f} s = {speeds[fmt]:,.0f} rows/s; "
              f"peak RSS {figures['peak_mb']:.0f} MB; output {out.stat().st_size / 1e6:.0f} MB")
    first = next(iter(speeds))
    for fmt, speed in list(speeds.items())[1:]:
        print(f"{fmt}: {speeds[first] / speed:.2f}x the time per row of {first}")


if __name__ == "__main__":
    main()
