"""Score the suggestion engine against gold files (``shared/reference/gold/*.jsonl`` format).

Each record has ``text``, ``date`` (``YYYYMMDD`` or ISO), ``events`` (``[{source, target, code}]``),
optional ``expect_no_events``, ``category`` and ``evaluate`` (records with ``evaluate: false`` are
skipped). Codes are compared as strings -- a few PETRARCH validation records expect literal text
(``"INJURY TOLL"``, ``"+++"``) and are compared as such. A missing actor is ``"---"``.

Counting: per record, the predicted events are matched one-to-one against the gold events (true
positives = the size of a maximum matching; for plain codes this is the multiset intersection); counts
are summed over records (micro-average). Items: (a) event code, (b) root code (first two characters of
a numeric code, else the scheme's root type), (c) source, (d) target, (e) the (source, code, target)
triple, (f) the (source country, root, target country) triple, where a country is the first three
letters of an actor code, and (g) ``record_code``: the *distinct* codes of a record against its distinct
gold codes (per sentence, as the learner reports it). A record is *exactly right* when its predicted
triples match the gold triples one-to-one (no events predicted for ``expect_no_events``). Events the
coder flags ``"negated"`` are not counted as predictions.

With a scheme, a gold code is read through :meth:`CodingScheme.resolve_alias`: an old name counts as
right when the prediction is any of its current names (PLOVER ``YIELD`` -> ``CONCEDE`` or ``RETREAT``);
a code the scheme does not know is compared as written. A gold event that gives actor *texts*
(``source_text`` / ``target_text``) and no actor codes -- the PLOVER-style sets -- is matched on the
words of the predicted actor spans instead: they match when one text contains the other as whole
words (case, punctuation and a leading article ignored); the country triple is then the same test.

:func:`evaluate_file` codes the gold texts the way ``eventcoder code`` does
(:func:`eventcoder.core.pipeline.rules_coder`): a scheme with a ``cameo_mapping`` and no verb
dictionary of its own (PLOVER) is coded with the CAMEO dictionaries and the codes mapped to its types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

# the gold format; callers may read it from here too
from .io.gold import gold_date, read_gold, read_gold_lines, unknown_gold_codes  # noqa: F401

MEASURES = ("code", "root", "source", "target", "triple", "country_triple", "record_code")


class Predicted(NamedTuple):
    """One predicted event: actor codes (``"---"`` when none), code, and the actor spans' words."""

    source: str
    code: str
    target: str
    source_text: str | None = None
    target_text: str | None = None


class Gold(NamedTuple):
    """One gold event: ``codes`` are the accepted codes (aliases resolved); texts only when given."""

    source: str
    codes: tuple[str, ...]
    target: str
    source_text: str | None = None
    target_text: str | None = None
    by_text: bool = False  # actors given as text only: match on the words


def _norm(code) -> str:
    if code is None:
        return "---"
    s = str(code).strip()
    return s if s else "---"


_ARTICLES = {"the", "a", "an"}


def _words(text: str | None) -> tuple[str, ...]:
    words = re.findall(r"\w+", (text or "").lower())
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return tuple(words)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[k : k + n] == small for k in range(len(big) - n + 1))


def text_match(gold_text: str | None, pred_text: str | None) -> bool:
    """Actor texts match when one contains the other as whole words; no gold text matches no actor."""
    g, p = _words(gold_text), _words(pred_text)
    if not g or not p:
        return not g and not p
    return _contains(g, p) if len(g) >= len(p) else _contains(p, g)


def predicted_triples(doc) -> list[tuple[str, str, str]]:
    return [p[:3] for p in predicted_events(doc)]


def predicted_events(doc) -> list[Predicted]:
    """The coded document's events (negated ones left out) with their actor spans' texts."""
    spans = getattr(doc, "spans", None) or []

    def text(idx):
        return spans[idx].text if isinstance(idx, int) and 0 <= idx < len(spans) else None

    return [
        Predicted(_norm(e.source_code), _norm(e.event_code), _norm(e.target_code), text(e.source), text(e.target))
        for e in doc.events
        if "negated" not in (e.flags or ())
    ]


def gold_triples(rec: dict) -> list[tuple[str, str, str]]:
    if rec.get("expect_no_events"):
        return []
    return [(_norm(e.get("source")), _norm(e.get("code")), _norm(e.get("target"))) for e in rec.get("events", [])]


def gold_events(rec: dict, scheme=None) -> list[Gold]:
    """A record's gold events, codes read through the scheme's aliases."""
    out = []
    for (s, c, t), e in zip(gold_triples(rec), [] if rec.get("expect_no_events") else rec.get("events", []),
                            strict=True):
        codes: tuple[str, ...] = ()
        if scheme is not None and c != "---":
            codes = tuple(scheme.resolve_alias(c)) or tuple(scheme.resolve_alias(c.upper()))
        by_text = s == "---" and t == "---" and any(isinstance(e.get(k), str) for k in ("source_text", "target_text"))
        out.append(Gold(s, codes or (c,), t, e.get("source_text"), e.get("target_text"), by_text))
    return out


def _root(code: str, scheme=None) -> str:
    if code[:1].isdigit() or scheme is None:
        return code[:2]
    return scheme.root(code) or code


def _matchers(scheme=None) -> dict[str, Callable[[Gold, Predicted], bool]]:
    def source(g: Gold, p: Predicted) -> bool:
        return text_match(g.source_text, p.source_text) if g.by_text else g.source == p.source

    def target(g: Gold, p: Predicted) -> bool:
        return text_match(g.target_text, p.target_text) if g.by_text else g.target == p.target

    def code(g: Gold, p: Predicted) -> bool:
        return p.code in g.codes

    def root(g: Gold, p: Predicted) -> bool:
        return _root(p.code, scheme) in {_root(c, scheme) for c in g.codes}

    def country(g: Gold, p: Predicted) -> bool:
        if g.by_text:
            return source(g, p) and target(g, p)
        return g.source[:3] == p.source[:3] and g.target[:3] == p.target[:3]

    return {
        "code": code,
        "root": root,
        "source": source,
        "target": target,
        "triple": lambda g, p: code(g, p) and source(g, p) and target(g, p),
        "country_triple": lambda g, p: root(g, p) and country(g, p),
    }


def _matching(gold: list, pred: list, ok: Callable) -> int:
    """Size of a maximum one-to-one matching of ``gold`` and ``pred`` items under ``ok`` (Kuhn)."""
    adj = [[j for j, p in enumerate(pred) if ok(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else (1.0 if npred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: Iterable[tuple[dict, list[tuple]]], scheme=None) -> dict:
    """Score (gold record, predicted events) pairs; returns the JSON-able result.

    A predicted event is a :class:`Predicted` or a plain ``(source, code, target)`` triple.
    """
    matchers = _matchers(scheme)
    totals = {m: [0, 0, 0] for m in MEASURES}  # tp, pred, gold
    cats: dict[str, dict] = {}
    n = exact = 0
    details = []
    for rec, pred_in in pairs:
        pred = [p if isinstance(p, Predicted) else Predicted(*p) for p in pred_in]
        gold = gold_events(rec, scheme)
        cat = str(rec.get("category") or "")
        c = cats.setdefault(cat, {"records": 0, "exact": 0, **{m: [0, 0, 0] for m in ("root", "triple")}})
        counts = {m: (_matching(gold, pred, ok), len(pred), len(gold)) for m, ok in matchers.items()}
        # distinct codes per record: a gold code is found when any of its names was predicted
        pred_codes = {p.code for p in pred}
        gold_codes = {g.codes for g in gold}
        counts["record_code"] = (
            sum(1 for codes in gold_codes if pred_codes & set(codes)), len(pred_codes), len(gold_codes)
        )
        for m in MEASURES:
            for k in range(3):
                totals[m][k] += counts[m][k]
                if m in c:
                    c[m][k] += counts[m][k]
        ok = counts["triple"][0] == len(gold) == len(pred)
        n += 1
        exact += ok
        c["records"] += 1
        c["exact"] += ok
        details.append({"id": rec.get("id"), "ok": ok, "gold": gold_triples(rec), "pred": [tuple(p[:3]) for p in pred]})
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


def evaluate_records(records: list[dict], coder, scheme=None) -> dict:
    scheme = scheme if scheme is not None else getattr(coder, "scheme", None)
    docs = coder.code_texts((r["text"], gold_date(r.get("date"))) for r in records)
    return score(((rec, predicted_events(doc)) for rec, doc in zip(records, docs, strict=True)), scheme)


def evaluate_file(gold_path: str | Path, scheme=None, coder=None, split: str | None = None) -> dict:
    """Code every record of a gold file as ``eventcoder code`` would for ``scheme`` and score it.

    ``split`` keeps only the records of that split (an article set's ``"split": "dev"`` / ``"heldout"``).
    """
    lines = read_gold_lines(gold_path)  # the file read once: the records scored and the warnings' line numbers
    records = [rec for _number, rec in lines]
    if split is not None:
        splits = sorted({str(r["split"]) for r in records if r.get("split") is not None})
        records = [r for r in records if r.get("split") == split]
        if not records:
            from .errors import EventCoderError

            known = ", ".join(splits) if splits else "none: its records have no 'split'"
            raise EventCoderError(f"{gold_path}: no records of split {split!r} (splits: {known})")
    if coder is None:
        from .pipeline import rules_coder

        coder = rules_coder(scheme)
    result = evaluate_records(records, coder, scheme)
    known = scheme if scheme is not None else getattr(coder, "scheme", None)
    if known is not None and hasattr(known, "knows"):
        result["warnings"] = unknown_gold_codes(gold_path, known, split, lines)
    if split is not None:
        result["split"] = split
    result["gold"] = str(gold_path)
    if scheme is not None:
        result["scheme"] = scheme.name
    return result


def format_report(result: dict) -> str:
    lines = [
        f"gold: {result.get('gold', '?')}" + (f"  split: {result['split']}" if result.get("split") else "")
        + f"  records: {result['records']}  exactly right: {result['exact_records']:.3f}",
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
    if result.get("warnings"):
        lines += ["", f"warning: {len(result['warnings'])} gold code(s) not in the scheme, scored as misses:",
                  *(f"  {w}" for w in result["warnings"][:20])]
        if len(result["warnings"]) > 20:
            lines.append(f"  ... and {len(result['warnings']) - 20} more")
    return "\n".join(lines)
