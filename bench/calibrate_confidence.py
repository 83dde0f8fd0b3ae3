"""Fit the rule coder's confidence calibration on dev data and print its reliability on held-out articles.

Codes the dev articles (``bench/articles``, split ``dev``) and the dev sentence set (petr2_gsr_ud) with the
product's rule coder, its calibration switched off; labels every suggested event right when its (source
country, root, target country) is that of a gold event of its sentence (one to one); fits the logistic
calibration of :mod:`eventcoder.core.suggest.confidence` and, with ``--write``, stores it as data
(``coding_schemes/dictionaries/EventCoder.confidence.json``). Then prints the reliability table (confidence
bin, events, mean confidence, share right) on the dev data and on the held-out articles -- held-out only as
one table, never per article, and never used to fit.

    python bench/calibrate_confidence.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_articles import ARTICLES, SENTENCES, product_coder, trigger_offset  # noqa: E402

OUT = REPO / "coding_schemes" / "dictionaries" / "EventCoder.confidence.json"


def labelled(records: list[dict], coder, whole_record: bool = False) -> list[tuple[list[str], bool, object]]:
    """(signals, right, event) for every event the coder suggests on ``records``."""
    from eventcoder.core.evaluate import gold_date
    from eventcoder.core.suggest.confidence import signals

    out = []
    docs = coder.code_texts((r["text"], gold_date(r.get("date"))) for r in records)
    for rec, doc in zip(records, docs, strict=True):
        text = rec["text"]
        golds: dict[tuple[int, int] | None, list[tuple[str, str, str]]] = {}
        for ev in rec.get("events") or []:
            if whole_record:
                where = None
            else:
                start = text.find(ev["sentence"])
                where = (start, start + len(ev["sentence"]))
            golds.setdefault(where, []).append(
                ((ev.get("source") or "---")[:3], str(ev.get("code"))[:2], (ev.get("target") or "---")[:3]))
        for e in doc.events:
            if "negated" in (e.flags or ()):
                continue
            at = trigger_offset(doc, e)
            home = None if whole_record else next(
                (w for w in golds if w is not None and at is not None and w[0] <= at < w[1]), None)
            key = ((e.source_code or "---")[:3], e.event_code[:2], (e.target_code or "---")[:3])
            pool = golds.get(home, [])
            right = key in pool
            if right:
                pool.remove(key)
            out.append((signals(e, doc), right, e))
            groups.append(id(rec))
    return out


groups: list[int] = []  # the record each labelled event comes from (folds keep a record's events together)


def cross_validated_l2(data, record_of: list[int], choices=(0.3, 1.0, 3.0, 10.0), folds: int = 5) -> dict:
    """Mean held-out log loss of the calibration for each L2 strength, ``folds`` folds by record."""
    import math

    from eventcoder.core.suggest.confidence import fit

    records = sorted(set(record_of), key=record_of.index)
    fold_of = {r: k % folds for k, r in enumerate(records)}
    out = {}
    for l2 in choices:
        loss, n = 0.0, 0
        for k in range(folds):
            train = [(s, y) for (s, y, _e), r in zip(data, record_of, strict=True) if fold_of[r] != k]
            test = [(s, y) for (s, y, _e), r in zip(data, record_of, strict=True) if fold_of[r] == k]
            cal = fit(train, l2=l2)
            for sig, y in test:
                p = min(max(cal.probability(sig), 1e-6), 1 - 1e-6)
                loss -= math.log(p if y else 1 - p)
                n += 1
        out[l2] = loss / max(n, 1)
    return out


def table(rows) -> str:
    lines = [f"{'confidence':<12}{'events':>7}{'mean':>7}{'right':>7}"]
    for lo, hi, n, mean, share in rows:
        lines.append(f"{lo:.1f}-{hi:.1f}     {n:>7}{mean:>7.2f}{share:>7.2f}" if n else f"{lo:.1f}-{hi:.1f}     {0:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"store the fitted calibration in {OUT.name}")
    ap.add_argument("--heldout", action="store_true", help="also the reliability on the held-out articles (report)")
    args = ap.parse_args(argv)
    from eventcoder.core.evaluate import read_gold
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.suggest.confidence import Calibration, fit, reliability

    coder = product_coder(load_scheme("cameo"))
    kept = coder.calibration
    coder.calibration = None
    records = read_gold(ARTICLES)
    dev = labelled([r for r in records if r.get("split") == "dev"], coder)
    if Path(SENTENCES).is_file():
        dev += labelled(read_gold(SENTENCES), coder, whole_record=True)
    record_of = list(groups)
    held = labelled([r for r in records if r.get("split") == "heldout"], coder) if args.heldout else []
    # the regularisation that predicts unseen dev records best (5 folds by article / sentence record)
    losses = cross_validated_l2(dev, record_of)
    l2 = min(losses, key=losses.get)
    print("cross-validated log loss by L2: " + ", ".join(f"{k:g}: {v:.4f}" for k, v in losses.items())
          + f" -> {l2:g}")
    cal = fit([(s, y) for s, y, _ in dev], l2=l2,
              about="Fitted by bench/calibrate_confidence.py on the dev articles and petr2_gsr_ud: right = the "
                    "(source country, root, target country) of a gold event of the sentence.")
    if args.write:
        OUT.write_text(json.dumps(cal.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    coder.calibration = kept if not args.write else Calibration.from_dict(cal.to_dict())
    for name, data in (("dev (fitted on)", dev), ("held-out articles", held)):
        if not data:
            continue
        raw = [(e.confidence, y) for _s, y, e in data]
        fitted = [(cal.probability(s), y) for s, y, _e in data]
        print(f"\n{name}: {len(data)} events, {sum(y for _s, y, _e in data)} right")
        print("raw rule confidence:")
        print(table(reliability(raw)))
        print("calibrated:")
        print(table(reliability(fitted)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
