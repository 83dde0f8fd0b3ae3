"""Corpus coding on Dask: throughput with 1 and 2 workers, the speed-up, memory per worker, and a large input
coded end to end.

    python bench/bench_corpus.py              # a 2,000-document sample on 1 and 2 workers, then 100,000 end to end
    python bench/bench_corpus.py --docs 500 --sample-docs 200     # a quick look (what CI-sized machines can spare)

Generates JSON Lines of made-up wire stories (``--sentences`` per story, default 3: short, so 100,000 finish),
codes the first ``--sample-docs`` of them with ``eventcoder corpus code`` on a LocalCluster of 1 and of 2 workers
(each into its own folder), then all ``--docs`` of them on ``--workers`` workers. Prints for each run the documents
and words per second once the workers have loaded the coder, the start-up (cluster and coder), the wall time, and
each worker's peak resident memory; then what 1,000,000 600-word articles cost at the measured word rate.
Set ``--keep DIR`` to keep the input and the coded folders.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ACTORS = ["Russia", "Ukraine", "France", "Germany", "Japan", "China", "India", "Pakistan", "Egypt", "Israel",
          "Turkey", "Brazil", "Kenya", "Nigeria", "Mexico", "the United States", "the European Union",
          "the United Nations", "NATO", "Iran"]
CLAUSES = [
    "{a} attacked positions held by {b} near the border",
    "{a} sent food aid and medicine to {b}",
    "{a} criticized {b} over the disputed election",
    "{a} accused {b} of spying on its embassy",
    "{a} withdrew its troops from {b}",
    "{a} demanded that {b} release the detained journalists",
    "officials from {a} met the foreign minister of {b} in Geneva",
    "{a} imposed new sanctions on {b}",
    "{a} agreed to resume talks with {b} next month",
    "{a} threatened to cut gas supplies to {b}",
    "{a} praised {b} for its help after the floods",
    "police in {a} arrested two men suspected of working for {b}",
]


def story(rng: random.Random, i: int, sentences: int) -> dict:
    parts = []
    for k in range(sentences):
        a, b = rng.sample(ACTORS, 2)
        clause = rng.choice(CLAUSES).format(a=a, b=b)
        parts.append(clause[0].upper() + clause[1:] + f", according to report {i}-{k}.")
    day = 1 + rng.randrange(28)
    return {"id": f"bench-{i}", "title": f"Bench story {i}", "text": " ".join(parts),
            "date": f"20{rng.randrange(15, 24)}-{1 + rng.randrange(12):02d}-{day:02d}", "source": "Bench Wire"}


def generate(path: Path, docs: int, sentences: int) -> int:
    rng = random.Random(11)
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            rec = story(rng, i, sentences)
            words += len(rec["text"].split())
            fh.write(json.dumps(rec) + "\n")
    return words


def run(source: Path, out: Path, workers: int, shard_size: int, words: int, label: str) -> dict:
    from eventcoder.core.corpus import run_corpus

    if out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    report = run_corpus([source], out, engine="dask", workers=workers, shard_size=shard_size, scheme="cameo",
                        progress=sys.stderr)
    wall = time.perf_counter() - started
    rss = sorted(report.worker_rss_mb.values())
    first, last = report.worker_rss_first_mb, report.worker_rss_last_mb
    now = [(first[pid], last[pid]) for pid in sorted(last)]
    figures = {"label": label, "workers": report.workers, "documents": report.documents, "events": report.events,
               "rate": report.rate, "words_per_s": words / report.seconds if report.seconds else 0.0,
               "coding_s": report.seconds, "startup_s": wall - report.seconds, "wall_s": wall, "rss_mb": rss,
               "rss_first_last_mb": now, "failed": len(report.failed)}
    print(f"{label}: {report.documents:,} documents ({report.events:,} events) on {report.workers} worker(s): "
          f"{figures['rate']:.1f} documents/s, {figures['words_per_s']:,.0f} words/s after start-up; "
          f"start-up {figures['startup_s']:.1f} s (cluster + coder), wall {wall:.1f} s; "
          f"peak RSS per worker {', '.join(f'{m:.0f}' for m in rss)} MB; "
          f"RSS after its first -> last shard {', '.join(f'{a:.0f} -> {b:.0f}' for a, b in now)} MB", flush=True)
    for key, why in report.failed:
        print(f"  shard {key} failed: {why}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="documents coded end to end (default 100,000)")
    parser.add_argument("--sample-docs", type=int, default=2_000, help="documents for the 1- vs 2-worker figures")
    parser.add_argument("--sentences", type=int, default=3, help="sentences per story (default 3)")
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="workers for the end-to-end run (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="keep the input and coded folders here")
    args = parser.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_corpus_"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"bench_corpus: {args.sample_docs:,}-document sample on 1 and 2 workers, then {args.docs:,} documents "
          f"on {args.workers} worker(s); {args.sentences} sentence(s) per story, shards of {args.shard_size}; "
          f"{os.cpu_count()} cores; files in {base}", flush=True)
    try:
        sample = base / "sample.jsonl"
        sample_words = generate(sample, args.sample_docs, args.sentences)
        one = run(sample, base / "coded-1", 1, args.shard_size, sample_words, "sample, 1 worker ")
        two = run(sample, base / "coded-2", 2, args.shard_size, sample_words, "sample, 2 workers")
        if one["rate"]:
            print(f"speed-up 1 -> 2 workers: {two['rate'] / one['rate']:.2f}x "
                  f"({one['rate']:.1f} -> {two['rate']:.1f} documents/s)")
        big = base / "corpus.jsonl"
        t0 = time.perf_counter()
        words = generate(big, args.docs, args.sentences)
        print(f"generated {args.docs:,} documents ({words:,} words, {big.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t0:.1f} s", flush=True)
        end = run(big, base / "coded-all", args.workers, args.shard_size, words, "end to end      ")
        per_worker = (two["words_per_s"] or 1.0) / max(two["workers"], 1)
        hours = 1_000_000 * 600 / per_worker / 3600
        print(f"measured {per_worker:,.0f} words/s per worker (2-worker sample): 1,000,000 600-word articles "
              f"take {hours:,.1f} worker-hours, i.e. {hours / 2:,.1f} h on 2 workers, {hours / 8:,.1f} h on 8, "
              f"{hours / 32:,.1f} h on 32")
        print("peak RSS per worker: sample "
              f"{max(two['rss_mb'] or [0]):.0f} MB, end to end {max(end['rss_mb'] or [0]):.0f} MB "
              f"({args.sample_docs:,} vs {args.docs:,} documents)")
        failed = one["failed"] + two["failed"] + end["failed"]
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
