"""Benchmark the type learner: learning curve by cross-validation, rules alone beside it, training time.

Reads ``../shared/reference/gold/plv_train.jsonl`` (relative to the repository root), standing in for an
analyst's earlier codings (PLOVER scheme; its old names resolve through the scheme's aliases). For each
size N, N codings are drawn (seeded) and a grouped 5-fold cross-validation (near-duplicate sentences in
the same fold) scores, per sentence, the types the rules suggest, the learner's types (it decides
everywhere) and the decision with the threshold chosen on the same folds.

    python bench/bench_learn.py [--sizes 100 250 500 1000] [--seeds 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "reference" / "gold" / "plv_train.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--scheme", default="plover")
    ap.add_argument("--sizes", nargs="+", type=int, default=[100, 250, 500, 1000])
    ap.add_argument("--seeds", type=int, default=3, help="draws per size (the full set is drawn once)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not Path(args.gold).is_file():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 1

    import numpy as np

    from eventcoder.core.evaluate import read_gold
    from eventcoder.core.learn import TypeLearner, cross_validate, records_from_gold
    from eventcoder.core.learn.train import _fit
    from eventcoder.core.pipeline import rules_coder as coder_for
    from eventcoder.core.schemes import load_scheme

    scheme = load_scheme(args.scheme)
    gold = read_gold(args.gold)
    t0 = time.perf_counter()
    coder = coder_for(scheme)
    coder.nlp  # noqa: B018 (load the model outside the timing)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    records, skipped = records_from_gold(gold, scheme, coder)
    t_parse = time.perf_counter() - t0
    rows = []
    for n in args.sizes:
        n = min(n, len(records))
        draws = 1 if n == len(records) else args.seeds
        res = {"rules": [], "learner": [], "chosen": [], "threshold": [], "add_threshold": [], "cv_s": []}
        for seed in range(draws):
            idx = np.sort(np.random.default_rng(seed).permutation(len(records))[:n])
            subset = [records[i] for i in idx]
            t0 = time.perf_counter()
            cv = cross_validate(subset)
            res["cv_s"].append(time.perf_counter() - t0)
            res["rules"].append(cv.rules_f1)
            res["learner"].append(cv.learner_f1)
            res["chosen"].append(cv.chosen_f1)
            res["threshold"].append(cv.threshold)
            res["add_threshold"].append(cv.add_threshold)
        rows.append(
            {
                "codings": n,
                "draws": draws,
                **{k: statistics.mean(v) for k, v in res.items()},
                "thresholds": sorted(set(zip(res["threshold"], res["add_threshold"], strict=True))),
            }
        )
    t0 = time.perf_counter()
    model = _fit(records[:1000])
    t_fit = time.perf_counter() - t0
    learner = TypeLearner(model, scheme.name)
    size = len(json.dumps(learner.to_dict(), separators=(",", ":")))
    summary = {
        "gold": args.gold,
        "records": len(records),
        "skipped": skipped,
        "model_load_s": round(t_load, 2),
        "parse_and_code_s": round(t_parse, 2),
        "fit_1000_s": round(t_fit, 3),
        "model_json_bytes": size,
        "curve": rows,
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{args.gold}: {len(records)} coded sentences ({skipped} codes skipped)")
    print(f"parse + rule coding: {t_parse:.1f} s; one fit on 1,000 codings: {t_fit:.2f} s; model {size / 1024:.0f} KiB")
    print()
    print(f"{'codings':>8} {'draws':>6} {'rules F1':>9} {'learner F1':>11} {'chosen F1':>10}  {'thresholds':<22} cv s")
    for r in rows:
        th = "; ".join(f"{a:.2f}/{b:.2f}" for a, b in r["thresholds"])
        print(
            f"{r['codings']:>8} {r['draws']:>6} {r['rules']:>9.3f} {r['learner']:>11.3f} {r['chosen']:>10.3f}  "
            f"{th:<22} {r['cv_s']:.1f}"
        )
    print("\nthresholds: override / add (1.01 = never: the rules stand)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
