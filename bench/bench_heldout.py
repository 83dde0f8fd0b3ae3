"""The type learner on sentences it has not seen, through the product path: ``eventcoder train --extra`` on
part of a gold file, then ``import`` + ``code`` + ``export --format csv`` of the rest, scored from the CSV.

    python bench/bench_heldout.py [--gold FILE] [--split fifth|random] [--seed N] [--test 210]

Prints type precision/recall/F1 per sentence (the distinct types exported for a sentence against its gold
types, old names through the scheme's aliases) and per exported event (one gold event matched at most once),
with the rules alone beside them. Everything happens in a temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "reference" / "gold" / "plv_train.jsonl"


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "eventcoder.cli", *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"eventcoder {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def score(records: list[dict], rows: list[dict], scheme) -> dict[str, tuple[float, float, float]]:
    by_text = {r["text"]: r for r in records}
    pred: dict[str, list[str]] = {}
    for row in rows:
        pred.setdefault(row["document_title_text"], []).append(row["event_code"])
    s_tp = s_fp = s_fn = e_tp = e_fp = e_fn = 0
    for text, rec in by_text.items():
        gold = set()
        for ev in rec.get("events") or []:
            gold |= set(scheme.resolve_alias(ev.get("code")) or ())
        codes = pred.get(text, [])
        types = set(codes)
        hit = bool(types & gold)
        s_tp += hit
        s_fn += bool(gold) and not hit
        s_fp += len(types - gold) + max(len(types & gold) - 1, 0)
        used = False
        for code in codes:
            if code in gold and not used:
                e_tp, used = e_tp + 1, True
            else:
                e_fp += 1
        e_fn += bool(gold) and not used

    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    return {"per sentence": prf(s_tp, s_fp, s_fn), "per event": prf(e_tp, e_fp, e_fn)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--scheme", default="plover")
    ap.add_argument("--split", choices=("fifth", "random"), default="random")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--test", type=int, default=210, help="held-out sentences (random split)")
    args = ap.parse_args(argv)
    from eventcoder.core.evaluate import read_gold
    from eventcoder.core.schemes import load_scheme

    if not Path(args.gold).is_file():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 1
    records = read_gold(args.gold)
    scheme = load_scheme(args.scheme)
    order = list(range(len(records)))
    if args.split == "fifth":
        held = {i for i in order if i % 5 == 0}
    else:
        random.Random(args.seed).shuffle(order)
        held = set(order[: args.test])
    train = [records[i] for i in range(len(records)) if i not in held]
    test = [records[i] for i in sorted(held)]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train), encoding="utf-8")
        docs = [{"text": r["text"], "title": f"held-out {k}", "date": r.get("date")} for k, r in enumerate(test)]
        (t / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        results = {}
        for name, learner in (("rules", False), ("learner", True)):
            db = str(t / f"{name}.db")
            cli("import", str(t / "docs.jsonl"), "--db", db)
            if learner:
                out = cli("train", "--db", db, "--scheme", args.scheme, "--extra", str(t / "train.jsonl"))
                chosen = next(line for line in out.splitlines() if line.strip().startswith("chosen"))
            cli("code", "--db", db, "--scheme", args.scheme)
            cli("export", "--format", "csv", "--status", "all", "--out", str(t / f"{name}.csv"), "--db", db)
            rows = list(csv.DictReader((t / f"{name}.csv").open(encoding="utf-8")))
            for row in rows:
                row["document_title_text"] = test[int(row["document_title"].split()[-1])]["text"]
            results[name] = (score(test, rows, scheme), len(rows))
    split = "every fifth sentence" if args.split == "fifth" else f"random split, seed {args.seed}"
    print(f"{len(train)} training sentences, {len(test)} held out ({split}); cross-validated:{chosen.split()[-1]}")
    for name, (measures, n) in results.items():
        for what, (p, r, f) in measures.items():
            print(f"  {name:8} {what:13} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({n} events exported)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
