"""Score the rule coder on whole wire articles (``bench/articles/``), dev and held-out apart, beside a sentence set.

Each split is scored through the product's evaluation, ``eventcoder.core.evaluate.evaluate_file`` with the
``cameo`` scheme (what ``eventcoder evaluate FILE --scheme cameo`` prints): per event, precision / recall / F1
of the (source, code, target) triple, of the root code alone, and of the (source country, root, target
country) triple. The same figures on ``../shared/reference/gold/petr2_gsr_ud.jsonl`` (78 news sentences) are
printed beside them, and how many of the events an analyst codes in the seed article
(``bench/articles/seed_expert.json``) are among the coder's first 30 suggestions there.

``evaluate_file`` matches predicted and gold events one to one within a *record*; for an article that means
anywhere in the article, so an event found in the wrong sentence still counts. The second table is computed
here, not by the product: the same coding, but a predicted event may only match a gold event of the sentence
its trigger lies in (the gold events carry their ``sentence``); events outside every coded sentence are false
positives.

The held-out split is for reporting only: never look at its details while changing the coder (the script
prints no per-article lines for it). ``--per-article`` lists the dev articles one by one.

    python bench/bench_articles.py [--per-article] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "bench" / "articles" / "articles.jsonl"
SENTENCES = REPO.parent / "shared" / "reference" / "gold" / "petr2_gsr_ud.jsonl"
MEASURES = (("triple", "(source, code, target)"), ("root", "root code"), ("country_triple", "(country, root, country)"))
SPLITS = ("dev", "heldout", "calibration", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
          "heldout8", "heldout9", "heldout10", "heldout11", "heldout12")


def product_coder(scheme):
    """The coder ``eventcoder code`` uses for ``scheme`` (rules only)."""
    try:
        from eventcoder.core.pipeline import rules_coder
    except ImportError:  # older layout
        from eventcoder.core.suggest.run import coder_for as rules_coder
    return rules_coder(scheme)


class Recording:
    """A coder that keeps what it coded, so the sentence-matched figures use the very same coding."""

    def __init__(self, coder):
        self.coder = coder
        self.scheme = getattr(coder, "scheme", None)
        self.docs: list = []

    def code_texts(self, items, *args, **kwargs):
        for doc in self.coder.code_texts(items, *args, **kwargs):
            self.docs.append(doc)
            yield doc


def split_file(records: list[dict], split: str, folder: Path) -> Path:
    path = folder / f"articles_{split}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            if rec.get("split") == split:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def trigger_offset(doc, event) -> int | None:
    spans = getattr(doc, "spans", None) or []
    idx = event.trigger
    if isinstance(idx, int) and 0 <= idx < len(spans):
        return spans[idx].start
    return event.sentence_start


def sentence_pairs(rec: dict, doc) -> list[tuple[dict, list]]:
    """(pseudo-record, predicted events) per gold sentence, plus one for predictions outside them."""
    from eventcoder.core.evaluate import predicted_events

    text = rec["text"]
    where: dict[str, tuple[int, int]] = {}
    groups: dict[str, list[dict]] = {}
    for ev in rec.get("events") or []:
        s = ev["sentence"]
        if s not in where:
            start = text.find(s)
            where[s] = (start, start + len(s))
        groups.setdefault(s, []).append(ev)
    kept = [e for e in doc.events if "negated" not in (e.flags or ())]
    preds = predicted_events(doc)  # same events, same order (negated ones left out)
    buckets: dict[str | None, list] = {s: [] for s in groups}
    buckets[None] = []
    for ev, pred in zip(kept, preds, strict=True):
        at = trigger_offset(doc, ev)
        home = None
        if at is not None:
            home = next((s for s, (a, b) in where.items() if a <= at < b), None)
        buckets[home].append(pred)
    pairs = [({"id": rec.get("id"), "text": s, "events": groups[s]}, buckets[s]) for s in groups]
    pairs.append(({"id": rec.get("id"), "text": "", "events": []}, buckets[None]))
    return pairs


SEED_EXPERT = REPO / "bench" / "articles" / "seed_expert.json"
SEEDS = REPO.parent / "shared" / "seeds"


def seed_count(coder, limit: int = 30) -> tuple[int, int, int] | None:
    """(expert events found, expert events, suggestions) on the seed article: the coder's first ``limit``
    suggestions by confidence, each matching at most one expert event on (source country, root, target
    country) -- ``bench/articles/seed_expert.json``."""
    if not SEED_EXPERT.is_file():
        return None
    expert = json.loads(SEED_EXPERT.read_text(encoding="utf-8"))
    path = SEEDS / expert["file"]
    if not path.is_file():
        return None
    doc = next(coder.code_texts([(path.read_text(encoding="utf-8"), None)]))
    shown = sorted((e for e in doc.events if "negated" not in (e.flags or ())), key=lambda e: -e.confidence)[:limit]
    free = list(shown)
    found = 0
    for want in expert["events"]:
        hit = next((e for e in free if (e.source_code or "---")[:3] == want["source"]
                    and e.event_code[:2] in want["roots"] and (e.target_code or "---")[:3] in want["targets"]), None)
        if hit is not None:
            free.remove(hit)
            found += 1
    return found, len(expert["events"]), len(shown)


def figures(result: dict) -> dict:
    out = {"records": result["records"]}
    for m, _ in MEASURES:
        out[m] = tuple(round(result[f"{m}_{k}"], 3) for k in ("precision", "recall", "f1"))
    return out


def table(rows: list[tuple[str, int, int, dict]]) -> str:
    head1 = f"{'':<14}{'':>8}{'':>8}" + "".join(f"  {label:^22}" for _, label in MEASURES)
    head2 = f"{'set':<14}{'records':>8}{'events':>8}" + "".join(f"  {'P':>6}{'R':>7}{'F1':>7}  " for _ in MEASURES)
    lines = [head1, head2]
    for name, n, events, fig in rows:
        cells = "".join(f"  {fig[m][0]:>6.3f}{fig[m][1]:>7.3f}{fig[m][2]:>7.3f}  " for m, _ in MEASURES)
        lines.append(f"{name:<14}{n:>8}{events:>8}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default=str(ARTICLES))
    ap.add_argument("--sentences", default=str(SENTENCES), help="a sentence-level gold set printed beside")
    ap.add_argument("--per-article", action="store_true", help="one line per dev article (never held-out)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from eventcoder.core import evaluate
    from eventcoder.core.schemes import load_scheme

    if not Path(args.articles).is_file():
        print(f"no article set at {args.articles}", file=sys.stderr)
        return 1
    scheme = load_scheme("cameo")
    records = evaluate.read_gold(args.articles)
    base = product_coder(scheme)

    rows, by_sentence, report = [], [], {}
    per_article: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for split in SPLITS:
            part = [r for r in records if r.get("split") == split]
            if not part:
                continue
            recorder = Recording(base)
            result = evaluate.evaluate_file(split_file(records, split, Path(tmp)), scheme, coder=recorder)
            n_events = sum(len(r.get("events") or []) for r in part)
            rows.append((split, len(part), n_events, figures(result)))
            pairs = [p for rec, doc in zip(part, recorder.docs, strict=True) for p in sentence_pairs(rec, doc)]
            sent = evaluate.score(pairs, scheme)
            sent["records"] = len(part)
            by_sentence.append((split, len(part), n_events, figures(sent)))
            report[split] = {"whole_article": figures(result), "within_sentence": figures(sent)}
            if split == "dev" and args.per_article:
                for rec, doc in zip(part, recorder.docs, strict=True):
                    one = evaluate.score([(rec, evaluate.predicted_events(doc))], scheme)
                    per_article.append((rec["id"], {"gold": len(rec.get("events") or []),
                                                    "pred": len(evaluate.predicted_events(doc)), **figures(one)}))
    if Path(args.sentences).is_file():
        result = evaluate.evaluate_file(args.sentences, scheme, coder=base)
        n_events = sum(len(r.get("events") or []) for r in evaluate.read_gold(args.sentences))
        rows.append((Path(args.sentences).stem, result["records"], n_events, figures(result)))
        report[Path(args.sentences).stem] = figures(result)

    seed = seed_count(base)
    if seed is not None:
        report["seed"] = {"expert_found": seed[0], "expert_events": seed[1], "suggestions": seed[2]}
    if args.json:
        if per_article:
            report["dev_articles"] = dict(per_article)
        print(json.dumps(report, indent=1))
        return 0
    print(f"article set: {args.articles}")
    print("matched one to one within each record (evaluate_file; an article is one record):")
    print(table(rows))
    print()
    print("matched within the gold sentence of the predicted trigger (computed by this bench):")
    print(table(by_sentence))
    if seed is not None:
        print()
        print(f"seed article: {seed[0]} of the {seed[1]} events an analyst codes are among the {seed[2]} "
              f"suggestions shown (first 30 by confidence; bench/articles/seed_expert.json)")
    if per_article:
        print()
        print(f"{'dev article':<36}{'gold':>5}{'pred':>5}  {'triple F1':>9}{'root F1':>8}{'country F1':>11}")
        for aid, fig in per_article:
            print(f"{aid:<36}{fig['gold']:>5}{fig['pred']:>5}  {fig['triple'][2]:>9.2f}{fig['root'][2]:>8.2f}"
                  f"{fig['country_triple'][2]:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
