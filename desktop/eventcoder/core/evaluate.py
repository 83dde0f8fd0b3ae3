"""Score the suggestion engine against gold files (``shared/reference/gold/*.jsonl`` format).

Each record has ``text``, ``date`` (``YYYYMMDD`` or ISO), ``events`` (``[{source, target, code}]``),
optional ``expect_no_events``, ``category`` and ``evaluate`` (records with ``evaluate: false`` are
skipped). Codes are compared as strings -- a few PETRARCH validation records expect literal text
(``"INJURY TOLL"``, ``"+++"``) and are compared as such. A missing actor is ``"---"``.

Counting: per record, the multiset of predicted items is matched against the gold multiset
(true positives = size of the multiset intersection); counts are summed over records
(micro-average). Items: (a) event code, (b) root code (first two characters), (c) source,
(d) target, (e) the (source, code, target) triple, (f) the (source country, root, target country)
triple, where a country is the first three letters of an actor code. A record is *exactly right*
when its predicted triples equal the gold triples (no events predicted for ``expect_no_events``).
Events the coder flags ``"negated"`` are not counted as predictions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

MEASURES = ("code", "root", "source", "target", "triple", "country_triple")


def _norm(code) -> str:
    if code is None:
        return "---"
    s = str(code).strip()
    return s if s else "---"


def _items(events: Iterable[tuple[str, str, str]]) -> dict[str, Counter]:
    out = {m: Counter() for m in MEASURES}
    for s, c, t in events:
        out["code"][c] += 1
        out["root"][c[:2]] += 1
        out["source"][s] += 1
        out["target"][t] += 1
        out["triple"][(s, c, t)] += 1
        out["country_triple"][(s[:3], c[:2], t[:3])] += 1
    return out


def read_gold(path: str | Path) -> list[dict]:
    """Gold records (``evaluate: false`` ones left out); a malformed file raises ``ImportRefused`` with file:line."""
    from eventcoder.core.errors import ImportRefused
    from eventcoder.core.io.textfiles import read_text

    path = Path(path)
    records = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        where = f"{path}:{number}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportRefused(f"{where}: invalid JSON ({exc.msg})") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise ImportRefused(f"{where}: a gold record must be an object with a 'text' string")
        events = rec.get("events") or []
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise ImportRefused(f"{where}: 'events' must be a list of objects")
        if rec.get("evaluate", True) is False:
            continue
        records.append(rec)
    return records


def predicted_triples(doc) -> list[tuple[str, str, str]]:
    out = []
    for e in doc.events:
        if "negated" in (e.flags or ()):
            continue
        out.append((_norm(e.source_code), _norm(e.event_code), _norm(e.target_code)))
    return out


def gold_triples(rec: dict) -> list[tuple[str, str, str]]:
    if rec.get("expect_no_events"):
        return []
    return [(_norm(e.get("source")), _norm(e.get("code")), _norm(e.get("target"))) for e in rec.get("events", [])]


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else (1.0 if npred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: Iterable[tuple[dict, list[tuple[str, str, str]]]]) -> dict:
    """Score (gold record, predicted triples) pairs; returns the JSON-able result."""
    totals = {m: [0, 0, 0] for m in MEASURES}  # tp, pred, gold
    cats: dict[str, dict] = {}
    n = exact = 0
    details = []
    for rec, pred in pairs:
        gold = gold_triples(rec)
        gi, pi = _items(gold), _items(pred)
        cat = str(rec.get("category") or "")
        c = cats.setdefault(cat, {"records": 0, "exact": 0, **{m: [0, 0, 0] for m in ("root", "triple")}})
        for m in MEASURES:
            tp = sum((gi[m] & pi[m]).values())
            totals[m][0] += tp
            totals[m][1] += sum(pi[m].values())
            totals[m][2] += sum(gi[m].values())
            if m in c:
                c[m][0] += tp
                c[m][1] += sum(pi[m].values())
                c[m][2] += sum(gi[m].values())
        ok = Counter(gold) == Counter(pred)
        n += 1
        exact += ok
        c["records"] += 1
        c["exact"] += ok
        details.append({"id": rec.get("id"), "ok": ok, "gold": gold, "pred": pred})
    result: dict = {"records": n, "exact_records": exact / n if n else 0.0}
    for m in MEASURES:
        p, r, f = _prf(*totals[m])
        result[f"{m}_precision"] = p
        result[f"{m}_recall"] = r
        result[f"{m}_f1"] = f
    result["categories"] = {
        k: {
            "records": v["records"],
            "exact_records": v["exact"] / v["records"] if v["records"] else 0.0,
            "root_f1": _prf(*v["root"])[2],
            "triple_f1": _prf(*v["triple"])[2],
        }
        for k, v in sorted(cats.items())
    }
    result["details"] = details
    return result


def evaluate_records(records: list[dict], coder) -> dict:
    docs = coder.code_texts((r["text"], gold_date(r.get("date"))) for r in records)
    return score((rec, predicted_triples(doc)) for rec, doc in zip(records, docs, strict=True))


def gold_date(value) -> str | None:
    """A gold record's date (``YYYYMMDD`` or ISO) as ISO; an unreadable one counts as no date."""
    from eventcoder.core.io.dates import normalise_date

    try:
        return normalise_date(value)
    except ValueError:
        return None


def evaluate_file(gold_path: str | Path, scheme=None, coder=None) -> dict:
    """Code every record of a gold file with the scheme's dictionaries and score it."""
    if coder is None:
        from eventcoder.core.suggest.coder import EventCoder

        coder = EventCoder.from_scheme(scheme)
    result = evaluate_records(read_gold(gold_path), coder)
    result["gold"] = str(gold_path)
    return result


def format_report(result: dict) -> str:
    lines = [
        f"gold: {result.get('gold', '?')}  records: {result['records']}  exactly right: {result['exact_records']:.3f}",
        "",
        f"{'measure':<16}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for m in MEASURES:
        lines.append(
            f"{m:<16}{result[m + '_precision']:>10.3f}{result[m + '_recall']:>10.3f}{result[m + '_f1']:>10.3f}"
        )
    lines += ["", f"{'category':<16}{'records':>8}{'exact':>8}{'root F1':>9}{'triple F1':>11}"]
    for k, v in result.get("categories", {}).items():
        lines.append(
            f"{k or '-':<16}{v['records']:>8}{v['exact_records']:>8.2f}{v['root_f1']:>9.2f}{v['triple_f1']:>11.2f}"
        )
    return "\n".join(lines)
