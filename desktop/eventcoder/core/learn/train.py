"""Training the type learner on a project's codings (and gold files), cross-validation, storage.

The unit of evaluation is a sentence: its gold types (what the analyst accepted, or a gold file says)
against the types suggested there. *Type F1* is the micro F1 of those per-sentence type sets, pooled
over the held-out folds of a grouped k-fold cross-validation: near-duplicate sentences (same words, or
most of their word 4-grams shared) always fall in the same fold.

Training parses and codes each sentence afresh with the rule coder it is given (``coder``: the scheme's rule
coder, with the CAMEO mapping where the scheme has one); :func:`eventcoder.core.pipeline.train` passes the
project's.
"""

from __future__ import annotations

import json
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventcoder.core.suggest.nlp import sentence_offsets

from ..errors import EventCoderError
from ..io.gold import gold_date, read_gold
from ..model import CodedDocument, Status
from .classifier import LogisticModel
from .features import DENSE_WIDTH, N_DENSE, Anchor, _actor_tokens, anchors, dense_features, features, lexicon_for
from .learner import KIND, NEVER, NONE, TypeLearner

if TYPE_CHECKING:
    from ..schemes import CodingScheme
    from ..store import Project

L2 = 0.5  # 0.5 vs 1.0: cross-validated type F1 0.800 vs 0.796 on plv_train (840), neutral at 100-500 codings
FOLDS = 5
SEED = 13
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, NEVER)
MIN_GAIN = 0.005  # the learner must beat the rules by this much (type F1) to be used
RETRAIN_EVERY = 25  # the window retrains in the background after this many new codings


@dataclass
class Record:
    """One sentence: its gold types, the anchors found there, and which anchors are labelled."""

    text: str
    gold: list[frozenset[str]]
    anchors: list[Anchor]
    labels: dict[int, str] = field(default_factory=dict)  # anchor index -> class name
    origin: str = "project"


@dataclass
class TrainReport:
    codings: int
    from_project: int
    from_extra: int
    skipped: int
    classes: dict[str, int]
    rules_f1: float
    learner_f1: float
    chosen_f1: float
    threshold: float
    add_threshold: float
    active: bool
    folds: int
    seconds: float
    version: int | None = None
    learner: TypeLearner | None = None
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def th(t: float) -> str:
            return "never" if t >= NEVER else f"{t:.2f}"

        out = [
            f"trained on {self.codings} coding(s) ({self.from_project} from the project, {self.from_extra} from "
            f"--extra; {self.skipped} skipped) in {self.seconds:.1f} s",
            f"type F1, {self.folds}-fold cross-validation (near-duplicate sentences in the same fold):",
            f"  rules    {self.rules_f1:.3f}",
            f"  learner  {self.learner_f1:.3f}",
            f"  chosen   {self.chosen_f1:.3f}",
        ]
        if self.active:
            out.append(
                f"threshold: {th(self.threshold)} (the learner's type replaces the rules' at or above it; "
                f"it adds an event where the rules found none at {th(self.add_threshold)})"
            )
        else:
            out.append("threshold: none (the learner does not beat the rules on these codings: the rules stand)")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("learner",)}


# --------------------------------------------------------------------------- building records


class TrainingCancelled(Exception):
    """The caller asked training to stop (the window closing); nothing was stored."""


StopCheck = Callable[[], bool] | None


def _check(should_stop: StopCheck) -> None:
    if should_stop is not None and should_stop():
        raise TrainingCancelled("training cancelled")


def _parse_and_code(coder, texts: Sequence[tuple[str, str | None]], should_stop: StopCheck = None):
    for doc, date in coder.nlp.pipe(list(texts), as_tuples=True, batch_size=64):
        _check(should_stop)
        yield doc, coder.code_doc(doc, date)


def _resolve(scheme: CodingScheme, code: str | None) -> str | None:
    """A class name for a code: the type, an old name's single target, or ``A|B`` for an ambiguous one."""
    targets = scheme.resolve_alias(code) if code else ()
    if not targets and code:
        targets = scheme.resolve_alias(code.strip().upper())
    if not targets:
        return None
    return "|".join(targets)


def records_from_gold(records: Iterable[dict], scheme: CodingScheme, coder, should_stop: StopCheck = None
                      ) -> tuple[list[Record], int]:
    """Records from gold-format dicts (``text``, ``date``, ``events[].code``, old names via aliases), parsed and
    coded with ``coder`` (the scheme's rule coder).

    A record lists every event of its text: a rule suggestion on a verb no gold event is attached to is an
    example of ``NONE`` (what not to suggest), as are all of them in an ``expect_no_events`` record.
    """
    recs = [r for r in records if isinstance(r.get("text"), str) and r["text"].strip()]
    # a record is parsed and coded once per coder and scheme in a process: the window retrains on the same
    # --extra records every 25 codings
    cache = _GOLD_CACHE.setdefault(coder, {})
    keys = [(scheme.content_hash, json.dumps(r, sort_keys=True, ensure_ascii=False)) for r in recs]
    todo = [(k, r) for k, r in zip(keys, recs, strict=True) if k not in cache]
    if todo:
        fresh, _skipped = _gold_records([r for _k, r in todo], scheme, coder, should_stop)
        for (key, _r), result in zip(todo, fresh, strict=True):
            cache[key] = result
    out: list[Record] = []
    skipped = 0
    for key in keys:
        record, unknown = cache[key]
        skipped += unknown
        if record is not None:
            out.append(record)
    return out, skipped


_GOLD_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _gold_records(recs: list[dict], scheme: CodingScheme, coder, should_stop: StopCheck = None
                  ) -> tuple[list[tuple[Record | None, int]], int]:
    """One (record or None, codes skipped) per gold dict, in order."""
    lex = lexicon_for(coder, scheme)
    results: list[tuple[Record | None, int]] = []
    for rec, (doc, coded) in zip(
        recs, _parse_and_code(coder, [(r["text"], gold_date(r.get("date"))) for r in recs], should_stop), strict=True
    ):
        labels = []
        unknown = 0
        for ev in [] if rec.get("expect_no_events") else rec.get("events") or []:
            name = _resolve(scheme, ev.get("code"))
            if name is None:
                unknown += 1
                continue
            labels.append(name)
        found = anchors(doc, coded, lexicon=lex)
        r = Record(rec["text"], [frozenset(n.split("|")) for n in labels], found, origin="extra")
        _label_anchors(r, labels)
        if (labels or rec.get("expect_no_events")) and not unknown:
            # a gold record lists every event of its text: a rule suggestion no gold event fell on is a false one
            for k, a in enumerate(found):
                if a.rule_type is not None and k not in r.labels:
                    r.labels[k] = NONE
        results.append((r, unknown) if r.labels or r.gold else (None, unknown + 1))
    return results, sum(n for _r, n in results)


def _label_anchors(r: Record, labels: list[str]) -> None:
    """Attach each gold label to an anchor: one the rules typed within it, else the first free rule anchor."""
    free = list(range(len(r.anchors)))
    for name in labels:
        parts = set(name.split("|"))
        pick = next((k for k in free if r.anchors[k].rule_type in parts), None)
        if pick is None:
            pick = next((k for k in free if r.anchors[k].rule_type is not None and not r.anchors[k].negated), None)
        if pick is None:
            pick = next((k for k in free if r.anchors[k].rule_type is not None), None)
        if pick is None and free:
            pick = free[0]
        if pick is None:
            continue
        free.remove(pick)
        r.labels[pick] = name


def records_from_project(project: Project, scheme: CodingScheme, coder, should_stop: StopCheck = None
                         ) -> tuple[list[Record], int]:
    """Records from the project's decided events: accepted ones are positives for their (final) type,
    rejected suggestions are examples of ``NONE``; in a document with a curated (adjudicated) layer, only that
    layer. Each sentence is parsed and coded afresh with ``coder``."""
    lex = lexicon_for(coder, scheme)
    rows = project.prefer_curated(project.decided_events((Status.ACCEPTED.value, Status.REJECTED.value)))
    sentences: dict[tuple[int, int, int], list[dict]] = {}
    texts: dict[tuple[int, int, int], tuple[str, str | None]] = {}
    skipped = 0
    for row in rows:
        if row["scheme"] not in (None, "", scheme.name) or row["sentence_start"] is None:
            skipped += 1
            continue
        key = (row["document_id"], row["sentence_start"], row["sentence_end"])
        sentences.setdefault(key, []).append(row)
        texts[key] = (row["doc_text"][row["sentence_start"] : row["sentence_end"]], row["published"])
    keys = list(sentences)
    out: list[Record] = []
    for key, (doc, coded) in zip(keys, _parse_and_code(coder, [texts[k] for k in keys], should_stop), strict=True):
        found = anchors(doc, coded, lexicon=lex)
        actor_tokens = _actor_tokens(doc, coded)
        rec = Record(doc.text, [], found)
        for row in sentences[key]:
            accepted = row["status"] == Status.ACCEPTED.value
            name = _resolve(scheme, row["event_code"]) if accepted else NONE
            if name is None or (not accepted and row["origin"] != "model"):
                skipped += 1
                continue
            k = _anchor_for(doc, coded, found, row["trig_start"], key[1], actor_tokens, lex)
            if accepted:
                rec.gold.append(frozenset(name.split("|")))
                rec.labels[k] = name
            elif k not in rec.labels:
                rec.labels[k] = NONE
        if rec.labels:
            out.append(rec)
    return out, skipped


def _anchor_for(doc, coded: CodedDocument, found: list[Anchor], trig_start, offset: int, actor_tokens, lex=None) -> int:
    """The anchor at an event's trigger (made when the rules have none there), else the sentence's first."""
    if trig_start is not None:
        rel = trig_start - offset
        for k, a in enumerate(found):
            t = doc[a.token]
            if t.idx <= rel < t.idx + len(t.text):
                return k
        tok = next((t for t in doc if t.idx <= rel < t.idx + max(len(t.text), 1)), None)
        if tok is not None:
            sent = tok.sent
            a = Anchor(tok.i, *sentence_offsets(sent))
            a.features = features(doc, a, coded, actor_tokens, lex)
            a.dense = dense_features(doc, a, actor_tokens)
            found.append(a)
            return len(found) - 1
    ruled = [k for k, a in enumerate(found) if a.rule_type is not None]
    if ruled:
        return ruled[0]
    if not found:
        sent = next(iter(doc.sents))
        a = Anchor(sent.root.i, *sentence_offsets(sent))
        a.features = features(doc, a, coded, actor_tokens, lex)
        a.dense = dense_features(doc, a, actor_tokens)
        found.append(a)
    return 0


def _unique(records: Iterable[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for rec in records:
        seen.setdefault(json.dumps(rec, ensure_ascii=False, sort_keys=True), rec)
    return list(seen.values())


def read_extra(path: str | Path) -> list[dict]:
    return read_gold(path)


# --------------------------------------------------------------------------- folds


_WORD = re.compile(r"[a-z0-9]+")


def near_duplicate_groups(texts: Sequence[str], overlap: float = 0.5) -> list[int]:
    """A group id per text; texts sharing most of their word 4-grams (or all their words) share a group."""
    n = len(texts)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles: list[set] = []
    for t in texts:
        words = _WORD.findall(t.lower())
        sh = {" ".join(words[i : i + 4]) for i in range(max(len(words) - 3, 1))}
        shingles.append(sh)
    index: dict[str, list[int]] = {}
    for i, sh in enumerate(shingles):
        for s in sh:
            index.setdefault(s, []).append(i)
    for i, sh in enumerate(shingles):
        shared: dict[int, int] = {}
        for s in sh:
            posting = index[s]
            if len(posting) > 200:
                continue
            for j in posting:
                if j < i:
                    shared[j] = shared.get(j, 0) + 1
        for j, c in shared.items():
            if c >= overlap * min(len(sh), len(shingles[j])):
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(n)]


def assign_folds(records: Sequence[Record], folds: int = FOLDS, seed: int = SEED) -> list[int]:
    groups = near_duplicate_groups([r.text for r in records])
    ids = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(ids))
    fold_of_group = {ids[g]: k % folds for k, g in enumerate(order)}
    return [fold_of_group[g] for g in groups]


# --------------------------------------------------------------------------- scoring


def _fit(records: Sequence[Record], l2: float = L2) -> LogisticModel | None:
    feats, dense, labels = [], [], []
    for r in records:
        for k, name in r.labels.items():
            feats.append(r.anchors[k].features)
            dense.append(_dense_of(r.anchors[k]))
            labels.append(name)
    if len(set(labels)) < 2:
        return None
    return LogisticModel.fit(feats, labels, np.array(dense), l2=l2)


def _dense_of(a: Anchor) -> np.ndarray:
    return a.dense if a.dense is not None else np.zeros(N_DENSE * DENSE_WIDTH)


def _decisions(r: Record, probs: np.ndarray | None, learner: TypeLearner | None) -> list[str]:
    out = []
    for k, a in enumerate(r.anchors):
        if learner is None or probs is None:
            t = None if a.negated else a.rule_type
        else:
            t = learner.decide(probs[k], a.rule_type, a.negated)[0]
        if t is not None:
            out.append(t)
    return out


def type_counts(r: Record, predicted: Iterable[str]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for one sentence: distinct predicted types against gold types."""
    pred = sorted(set(predicted))
    gold = list(r.gold)
    tp = 0
    for t in pred:
        for g in gold:
            if t in g:
                gold.remove(g)
                tp += 1
                break
    return tp, len(pred), len(r.gold)


def f1(counts: Iterable[tuple[int, int, int]]) -> float:
    tp = npred = ngold = 0
    for a, b, c in counts:
        tp, npred, ngold = tp + a, npred + b, ngold + c
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class CrossValidation:
    rules_f1: float
    learner_f1: float
    chosen_f1: float
    threshold: float
    add_threshold: float
    grid: dict[tuple[float, float], float]


def cross_validate(records: Sequence[Record], folds: int = FOLDS, seed: int = SEED, l2: float = L2,
                   should_stop: StopCheck = None) -> CrossValidation:
    """Out-of-fold probabilities for every anchor, then the thresholds that score best on them."""
    fold = assign_folds(records, folds, seed)
    probs: list[np.ndarray | None] = [None] * len(records)
    for f in range(folds):
        _check(should_stop)
        train = [r for r, k in zip(records, fold, strict=True) if k != f]
        test = [i for i, k in enumerate(fold) if k == f]
        if not test:
            continue
        model = _fit(train, l2)
        if model is None:
            continue
        flat = [a for i in test for a in records[i].anchors]
        p = model.predict_proba([a.features for a in flat], np.array([_dense_of(a) for a in flat]))
        p = _align(p, model.classes, _all_classes(records))
        pos = 0
        for i in test:
            n = len(records[i].anchors)
            probs[i] = p[pos : pos + n]
            pos += n
    classes = _all_classes(records)
    rules = f1(type_counts(r, _decisions(r, None, None)) for r in records)
    grid: dict[tuple[float, float], float] = {}
    dummy = LogisticModel({}, classes, np.zeros((0, len(classes))), np.zeros(len(classes)))
    for t in THRESHOLDS:
        for ta in THRESHOLDS:
            lr = TypeLearner(dummy, "", threshold=t, add_threshold=ta)
            grid[(t, ta)] = f1(
                type_counts(r, _decisions(r, p, lr) if p is not None else _decisions(r, None, None))
                for r, p in zip(records, probs, strict=True)
            )
    # best score; among equals the higher thresholds (the rules keep more)
    best = max(grid, key=lambda k: (round(grid[k], 6), k[0], k[1]))
    if grid[best] < rules + MIN_GAIN:
        best = (NEVER, NEVER)
    return CrossValidation(rules, grid[(0.0, 0.0)], grid[best] if best in grid else rules, best[0], best[1], grid)


def _all_classes(records: Sequence[Record]) -> list[str]:
    return sorted({name for r in records for name in r.labels.values()})


def _align(p: np.ndarray, have: list[str], want: list[str]) -> np.ndarray:
    out = np.zeros((p.shape[0], len(want)))
    for j, c in enumerate(have):
        out[:, want.index(c)] = p[:, j]
    return out


# --------------------------------------------------------------------------- training and storage

_TRAIN_LOCK = threading.Lock()


def train(
    project: Project,
    scheme: CodingScheme,
    extra: Iterable[str | Path | dict] = (),
    *,
    coder,
    folds: int = FOLDS,
    seed: int = SEED,
    store: bool = True,
    progress: Callable[[str], None] | None = None,
    should_stop: StopCheck = None,
    history_mark: int | None = None,
) -> TrainReport:
    """Train on the project's codings plus ``extra`` gold files (paths or records), cross-validate, store.

    ``history_mark``: the history entry from which later codings count towards the next retraining (the window
    takes it when it asks, so codings made while the worker starts are not taken as learnt); now when None.

    ``coder``: the scheme's rule coder, which parses and codes every sentence (the pipeline's
    :func:`~eventcoder.core.pipeline.train` passes it). Safe to call from a worker thread with its own
    :class:`Project` connection; ``should_stop`` is polled between sentences and folds and raises
    :class:`TrainingCancelled` (nothing stored) when it returns True.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    with _TRAIN_LOCK:
        mark = project.history_mark() if history_mark is None else history_mark
        say("reading the project's codings")
        own, skipped = records_from_project(project, scheme, coder, should_stop=should_stop)
        given: list[tuple[dict, str | None]] = []
        for item in extra:
            if isinstance(item, str | Path):
                given.extend((rec, Path(item).name) for rec in read_extra(item))
            else:
                given.append((item, None))
        gold = _unique([*project.training_records(), *(rec for rec, _src in given)])
        say(f"reading {len(gold)} extra coding(s)")
        ext, skipped_extra = records_from_gold(gold, scheme, coder, should_stop=should_stop) if gold else ([], 0)
        records = own + ext
        # codings: the project's decided events and the gold events (not the NONE examples gold files imply)
        n_own, n_ext = sum(len(r.labels) for r in own), sum(len(r.gold) for r in ext)
        n_labels = n_own + n_ext
        classes: dict[str, int] = {}
        for r in records:
            for name in r.labels.values():
                classes[name] = classes.get(name, 0) + 1
        if len(classes) < 2 or len(records) < folds:
            raise EventCoderError(
                f"not enough codings to train on: {n_labels} decided event(s) in {len(classes)} class(es) over "
                f"{len(records)} sentence(s); training needs at least 2 event types and {folds} coded sentences "
                "(one per cross-validation fold): accept or reject some suggestions, or pass --extra FILE.jsonl"
            )
        say("cross-validating")
        cv = cross_validate(records, folds, seed, should_stop=should_stop)
        say("training the final model")
        _check(should_stop)
        model = _fit(records)
        assert model is not None
        learner = TypeLearner(model, scheme.name, threshold=cv.threshold, add_threshold=cv.add_threshold)
        report = TrainReport(
            codings=n_labels,
            from_project=n_own,
            from_extra=n_ext,
            skipped=skipped + skipped_extra,
            classes=dict(sorted(classes.items())),
            rules_f1=round(cv.rules_f1, 4),
            learner_f1=round(cv.learner_f1, 4),
            chosen_f1=round(cv.chosen_f1, 4),
            threshold=cv.threshold,
            add_threshold=cv.add_threshold,
            active=learner.active,
            folds=folds,
            seconds=round(time.perf_counter() - started, 2),
            learner=learner,
        )
        learner.metrics = report.as_dict()
        learner.trained_on = {"project": report.from_project, "extra": report.from_extra, "history_mark": mark}
        _check(should_stop)  # a cancel during the final fit: nothing is stored
        if store:
            if given:  # kept in the project once training succeeded: every later retraining learns from them
                for source in dict.fromkeys(src for _rec, src in given):
                    project.add_training_records([rec for rec, src in given if src == source], source)
            report.version = save_model(project, learner)
            learner.version = report.version
    return report


def save_model(project: Project, learner: TypeLearner) -> int:
    """Store the learner in the project file (a new version per scheme); returns the version."""
    version = project.save_model(
        KIND,
        learner.scheme,
        blob=json.dumps(learner.to_dict(), separators=(",", ":")),
        metrics=json.dumps(learner.metrics),
        trained_on=json.dumps(learner.trained_on),
    )
    learner.version = version
    with _CACHE_LOCK:  # the window's thread may be reading it
        _CACHE.clear()
    return version


_CACHE: dict[tuple[str, int], TypeLearner] = {}
_CACHE_LOCK = threading.Lock()


def load_model(project: Project, scheme: CodingScheme | str | None = None) -> TypeLearner | None:
    """The newest stored learner (for ``scheme`` when given), or None."""
    name = _scheme_name(scheme)
    row = project.latest_model(KIND, name, with_blob=False)
    if row is None:
        return None
    key = (str(project.path.resolve()), int(row["id"]))
    with _CACHE_LOCK:
        learner = _CACHE.get(key)
        if learner is None:
            row = project.latest_model(KIND, name) or row
            learner = _CACHE[key] = TypeLearner.from_dict(
                json.loads(row["blob"]),
                version=int(row["version"]),
                metrics=json.loads(row["metrics"] or "{}"),
                trained_on=json.loads(row["trained_on"] or "{}"),
            )
        return learner


def _scheme_name(scheme: CodingScheme | str | None) -> str | None:
    return scheme if isinstance(scheme, str) or scheme is None else scheme.name


def model_status(project: Project, scheme: CodingScheme | str | None = None) -> tuple[int | None, float | None]:
    """(version, cross-validated type F1 of the chosen decision) of the stored learner; (None, None) if none."""
    learner = load_model(project, scheme)
    if learner is None:
        return None, None
    return learner.version, learner.metrics.get("chosen_f1")


def codings_since_model(project: Project, scheme: CodingScheme | str | None = None, limit: int = -1) -> int:
    """How many codings analysts made since the stored model was trained (since the project began without one,
    counted up to ``limit``): events an analyst's decisions and edits left changed, an undo taking one back
    (``Project.codings_since``). The window retrains once this reaches :data:`RETRAIN_EVERY`."""
    name = _scheme_name(scheme)
    row = project.latest_model(KIND, name, with_blob=False)
    mark = int(json.loads(row["trained_on"] or "{}").get("history_mark", 0)) if row else 0
    return project.codings_since(mark, name, limit)


def model_summary(project: Project, scheme: CodingScheme | str | None = None) -> dict[str, Any] | None:
    """What the status bar shows of the stored learner, without loading it: version, when, the cross-validated
    figures (``rules_f1``, ``learner_f1``, ``chosen_f1``), whether it overrides the rules (``active``), its
    ``threshold`` and the number of ``codings`` it learnt from. None without a model."""
    row = project.latest_model(KIND, _scheme_name(scheme), with_blob=False)
    if row is None:
        return None
    metrics = json.loads(row["metrics"] or "{}")
    keys = ("rules_f1", "learner_f1", "chosen_f1", "active", "threshold", "codings", "from_project", "from_extra")
    return {"version": int(row["version"]), "scheme": row["scheme"], "created_at": row["created_at"],
            **{k: metrics.get(k) for k in keys}}
