"""Inter-annotator agreement over project files: which events pair up, and α, κ and AC1 per code level.

**Units are sentences** (the rule segmenter's, :func:`eventcoder.core.document.sentence_bounds`, so every
annotator's events fall into the same sentences whatever split their coder used). Only the documents each
annotator coded count for them (marked done, or holding an event they decided); an annotator who did not code a
document is *missing* there (not counted), one who coded it and has no event in a sentence says "no event".

**Events are paired within a sentence** into *slots*: first by the same trigger (overlapping trigger words), then
by best match (same code 4, same root 2, same source 1, same target 1; ties in text order). An event that finds
no partner is alone in its slot: the others who coded the document say :data:`NO_EVENT` there, which counts as a
disagreement. Every slot is kept (:attr:`Agreement.slots`) so each figure can be opened: which events were paired,
how, and which counted as missing.

**Levels**: ``event`` (does the sentence have an event: one value per sentence), and per slot ``code``, ``root``
(CAMEO root or PLOVER type), ``source``, ``target`` and ``triple`` (source, code, target).

**Figures**: Krippendorff's α (nominal, the ``krippendorff`` package), Cohen's κ when there are exactly two
annotators, and Gwet's AC1 (stable when one value dominates, where α and κ drop). All three are computed over the
same value matrix (annotators × units).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import sentence_at, sentence_bounds
from ..errors import EventCoderError

NO_EVENT = "(no event)"
NO_ACTOR = "(none)"
LEVELS = ("event", "code", "root", "source", "target", "triple")
SLOT_LEVELS = LEVELS[1:]

RootOf = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Coding:
    """One annotator's accepted event, as agreement sees it."""

    annotator: str
    event_id: int
    file: str
    sha256: str
    sentence: tuple[int, int]
    code: str
    source: str | None
    target: str | None
    trigger: tuple[int, int] | None = None
    trigger_text: str | None = None
    position: int = 0
    coded_at: str | None = None

    def value(self, level: str, root_of: RootOf) -> str:
        if level == "code":
            return self.code
        if level == "root":
            return root_of(self.code) or self.code
        if level == "source":
            return self.source or NO_ACTOR
        if level == "target":
            return self.target or NO_ACTOR
        if level == "triple":
            return f"{self.source or NO_ACTOR} | {self.code} | {self.target or NO_ACTOR}"
        raise ValueError(f"unknown level {level!r}")

    def as_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "file": self.file, "code": self.code, "source": self.source,
                "target": self.target, "trigger": self.trigger_text,
                "trigger_span": list(self.trigger) if self.trigger else None}


@dataclass
class Slot:
    """Events of one sentence that were paired: per annotator who coded the document, their event or None."""

    sha256: str
    sentence: tuple[int, int]
    members: dict[str, Coding | None]
    how: dict[str, str] = field(default_factory=dict)  # annotator -> "first", "trigger", "best match"

    def values(self, level: str, root_of: RootOf) -> dict[str, str]:
        return {a: NO_EVENT if c is None else c.value(level, root_of) for a, c in self.members.items()}

    def agrees(self, level: str, root_of: RootOf) -> bool:
        return len(set(self.values(level, root_of).values())) <= 1


@dataclass
class SentenceUnit:
    sha256: str
    sentence: tuple[int, int]
    coders: tuple[str, ...]  # annotators who coded the document
    codings: dict[str, list[Coding]]
    text: str = ""
    title: str = ""
    slots: list[Slot] = field(default_factory=list)
    source: str = ""  # the document's file name, when it was imported from one
    rejected: dict[str, list[Coding]] = field(default_factory=dict)  # annotator -> the events they rejected here

    def rejected_in(self, slot: Slot, who: str) -> Coding | None:
        """The event ``who`` rejected that stands for ``slot`` (where they have no event): one whose trigger
        overlaps a slot member's, or with a member's code, source and target; else, when ``who`` accepted nothing
        in this sentence, any they rejected in it (they decided there is no event here)."""
        mine = self.rejected.get(who, [])
        members = [m for m in slot.members.values() if m is not None]
        for r in mine:
            if any(_overlap(r.trigger, m.trigger) for m in members):
                return r
        for r in mine:
            if any((r.code, r.source, r.target) == (m.code, m.source, m.target) for m in members):
                return r
        return mine[0] if mine and not self.codings.get(who) else None


@dataclass
class Figure:
    level: str
    alpha: float | None
    kappa: float | None
    ac1: float | None
    units: int  # units with values from at least two annotators
    observed: float | None  # share of those units where all agree
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"alpha": _r(self.alpha), "kappa": _r(self.kappa), "ac1": _r(self.ac1), "units": self.units,
                "observed_agreement": _r(self.observed), "note": self.note}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


# ---------------------------------------------------------------------------- the statistics


def _codes(matrix: Sequence[Sequence[str | None]]) -> list[list[int | None]]:
    cats = sorted({v for row in matrix for v in row if v is not None})
    index = {c: i for i, c in enumerate(cats)}
    return [[None if v is None else index[v] for v in row] for row in matrix]


def pairable_columns(matrix: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """Each unit's values (columns of annotators × units) that has at least two."""
    columns = [[v for v in col if v is not None] for col in zip(*matrix, strict=True)] if matrix else []
    return [c for c in columns if len(c) >= 2]


PACKAGE_LIMIT = 20_000_000
"""Largest units × values² the ``krippendorff`` package is asked to work through (it builds a units × values ×
values array); beyond it the same nominal α comes from the coincidence counts directly (equal to the package's
within rounding: tests/core/test_agreement.py compares them)."""


def krippendorff_alpha(matrix: Sequence[Sequence[str | None]]) -> tuple[float | None, str]:
    """Nominal α over annotators × units (None = missing), with the ``krippendorff`` package; None and why when it
    is undefined (fewer than two pairable units' values, or one value only: expected disagreement 0)."""
    columns = pairable_columns(matrix)
    if not columns:
        return None, "no unit was coded by two annotators"
    values = {v for c in columns for v in c}
    if len(values) < 2:
        return None, "every value is the same: α is undefined (no expected disagreement); agreement is total"
    if len(columns) * len(values) ** 2 > PACKAGE_LIMIT:
        return nominal_alpha(columns), ""
    import krippendorff
    import numpy as np

    data = np.array([[np.nan if v is None else float(v) for v in row] for row in _codes(matrix)], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")), ""


def nominal_alpha(columns: Sequence[Sequence[str]]) -> float:
    """Nominal α from pairable units' values (Krippendorff 2011, eq. for nominal data): with ``n`` pairable
    values, ``n_c`` of value c, and ``o_cc`` the coincidences of c with itself (each unit of ``m`` values adds
    ``k(k-1)/(m-1)`` for a value it holds ``k`` times), ``α = ((n-1)·Σo_cc − Σn_c(n_c−1)) / (n(n−1) − Σn_c(n_c−1))``."""
    n = sum(len(c) for c in columns)
    totals: Counter[str] = Counter()
    same = 0.0
    for column in columns:
        counts = Counter(column)
        totals.update(counts)
        same += sum(k * (k - 1) for k in counts.values()) / (len(column) - 1)
    expected = sum(k * (k - 1) for k in totals.values())
    return ((n - 1) * same - expected) / (n * (n - 1) - expected)


def cohen_kappa(a: Sequence[str | None], b: Sequence[str | None]) -> float | None:
    """Cohen's κ of two annotators over the units both coded; None when undefined (chance agreement 1)."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    chance = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if math.isclose(chance, 1.0):
        return None
    return (observed - chance) / (1 - chance)


def gwet_ac1(matrix: Sequence[Sequence[str | None]]) -> float | None:
    """Gwet's AC1 for any number of annotators with missing values (Gwet 2008; 2014, ch. 4): observed agreement
    over units with two or more values; chance from the categories' average shares, ``Σ π(1-π) / (q-1)`` for
    the ``q`` categories seen. None without a pairable unit; 1 when only one category was ever used."""
    columns = [[v for v in col if v is not None] for col in zip(*matrix, strict=True)] if matrix else []
    rated = [c for c in columns if c]
    pairable = [c for c in rated if len(c) >= 2]
    if not pairable:
        return None
    cats = sorted({v for c in rated for v in c})
    observed = sum(
        sum(k * (k - 1) for k in Counter(c).values()) / (len(c) * (len(c) - 1)) for c in pairable
    ) / len(pairable)
    if len(cats) < 2:
        return 1.0
    shares: Counter[str] = Counter()
    for column in rated:
        for k, count in Counter(column).items():
            shares[k] += count / len(column) / len(rated)
    chance = sum(p * (1 - p) for p in shares.values()) / (len(cats) - 1)
    return (observed - chance) / (1 - chance)


def observed_agreement(matrix: Sequence[Sequence[str | None]]) -> float | None:
    columns = pairable_columns(matrix)
    if not columns:
        return None
    return sum(len(set(c)) == 1 for c in columns) / len(columns)


def figure(level: str, matrix: list[list[str | None]]) -> Figure:
    alpha, note = krippendorff_alpha(matrix)
    kappa = cohen_kappa(matrix[0], matrix[1]) if len(matrix) == 2 else None
    return Figure(level, alpha, kappa, gwet_ac1(matrix), len(pairable_columns(matrix)), observed_agreement(matrix),
                  note)


# ---------------------------------------------------------------------------- pairing


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def match_score(a: Coding, b: Coding, root_of: RootOf) -> int:
    """How alike two events of one sentence are: same code 4, same root 2, same source 1, same target 1."""
    return (4 * (a.code == b.code) + 2 * ((root_of(a.code) or a.code) == (root_of(b.code) or b.code))
            + (a.source == b.source) + (a.target == b.target))


def pair_sentence(unit: SentenceUnit, root_of: RootOf) -> list[Slot]:
    """The sentence's events in slots (see the module's doc): the first coder's events open slots, each next
    coder's events join one by the same trigger, else by the best match, else open their own."""
    slots: list[Slot] = []
    for who in unit.coders:
        mine = sorted(unit.codings.get(who, []), key=lambda c: (c.position, c.event_id))
        left: list[Coding] = []
        for coding in mine:
            found = next((s for s in slots if who not in s.how and any(
                m is not None and _overlap(m.trigger, coding.trigger) for m in s.members.values())), None)
            if found is None:
                left.append(coding)
            else:
                found.members[who], found.how[who] = coding, "trigger"
        while left:
            open_slots = [s for s in slots if who not in s.how]
            if not open_slots:
                break
            best = max(
                ((max(match_score(m, c, root_of) for m in s.members.values() if m is not None), -si, -ci, s, c)
                 for si, s in enumerate(open_slots) for ci, c in enumerate(left)),
                key=lambda t: t[:3],
            )
            _score, _si, _ci, slot, coding = best
            slot.members[who], slot.how[who] = coding, "best match"
            left.remove(coding)
        for coding in left:
            slots.append(Slot(unit.sha256, unit.sentence, {who: coding}, {who: "first"}))
    for slot in slots:
        for who in unit.coders:
            slot.members.setdefault(who, None)
        slot.members = {who: slot.members[who] for who in unit.coders}
    slots.sort(key=lambda s: min(m.position for m in s.members.values() if m is not None))
    return slots


# ---------------------------------------------------------------------------- the whole comparison


@dataclass
class Agreement:
    annotators: list[str]
    files: list[str]
    documents: int
    units: list[SentenceUnit]
    root_of: RootOf
    figures: dict[str, Figure] = field(default_factory=dict)

    @property
    def slots(self) -> list[Slot]:
        return [s for u in self.units for s in u.slots]

    def matrix(self, level: str) -> list[list[str | None]]:
        """Annotators × units for ``level`` (None: that annotator did not code the document)."""
        if level == "event":
            return [[("yes" if u.codings.get(a) else "no") if a in u.coders else None for u in self.units]
                    for a in self.annotators]
        return self.slot_matrix(level, self.slots)

    def slot_matrix(self, level: str, slots: Sequence[Slot]) -> list[list[str | None]]:
        rows: list[list[str | None]] = [[] for _ in self.annotators]
        for slot in slots:
            values = slot.values(level, self.root_of)
            for row, who in zip(rows, self.annotators, strict=True):
                row.append(values.get(who))
        return rows

    def by_month(self) -> list[tuple[str, dict[str, float | None]]]:
        """α per slot level for the slots of each month (the month the last of its events was coded in)."""
        months: dict[str, list[Slot]] = {}
        for slot in self.slots:
            stamps = [m.coded_at for m in slot.members.values() if m is not None and m.coded_at]
            months.setdefault(max(stamps)[:7] if stamps else "undated", []).append(slot)
        return [(month, {level: krippendorff_alpha(self.slot_matrix(level, slots))[0] for level in SLOT_LEVELS})
                for month, slots in sorted(months.items())]

    def compute(self) -> Agreement:
        self.figures = {level: figure(level, self.matrix(level)) for level in LEVELS}
        return self

    def confusion(self, level: str = "code") -> list[dict[str, Any]]:
        """How often each pair of values met in a slot (every pair of annotators, both orders folded: a <= b)."""
        counts: Counter[tuple[str, str]] = Counter()
        for slot in self.slots:
            values = list(slot.values(level, self.root_of).values())
            for x, y in itertools.combinations(values, 2):
                counts[tuple(sorted((x, y)))] += 1  # type: ignore[index]
        return [{"a": a, "b": b, "count": n, "agree": a == b}
                for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def per_code(self) -> list[dict[str, Any]]:
        """Per code: how many annotators' events used it, and in how many slots everyone gave it."""
        used: Counter[str] = Counter()
        agreed: Counter[str] = Counter()
        for slot in self.slots:
            values = slot.values("code", self.root_of)
            for v in values.values():
                if v != NO_EVENT:
                    used[v] += 1
            if len(set(values.values())) == 1 and len(values) >= 2:
                agreed[next(iter(values.values()))] += 1
        return [{"code": c, "used": n, "slots_agreed": agreed[c]} for c, n in sorted(used.items())]

    def disagreements(self, limit: int = 10) -> list[dict[str, Any]]:
        """The sentences with the most disagreeing slots (triple level), then event-level disagreement."""
        scored = []
        for u in self.units:
            if len(u.coders) < 2:
                continue
            bad = sum(not s.agrees("triple", self.root_of) for s in u.slots)
            if bad:
                scored.append((bad, u))
        scored.sort(key=lambda t: (-t[0], t[1].sha256, t[1].sentence))
        return [{"document": u.title, "sha256": u.sha256, "sentence": list(u.sentence), "text": u.text,
                 "disagreeing_slots": bad} for bad, u in scored[:limit]]

    def explain(self, level: str) -> list[dict[str, Any]]:
        """Every unit of ``level`` with its document (title, file), sentence and trigger words, each annotator's
        value and where it came from: the event (id, file), or ``rejected`` (they rejected the event suggested
        here: no event), ``missing`` (coded the document, no event paired here) or ``not coded`` (not counted)."""
        out = []
        numbers: Counter[str] = Counter()
        for u in self.units:
            numbers[u.sha256] += 1
            where = {"sha256": u.sha256, "document": u.title, "source": u.source or None,
                     "sentence": list(u.sentence), "sentence_number": numbers[u.sha256], "text": u.text}
            if level == "event":
                values = {a: ("yes" if u.codings.get(a) else "no") if a in u.coders else None for a in self.annotators}
                out.append({**where, "values": values,
                            "events": {a: [c.event_id for c in u.codings.get(a, [])] for a in u.coders},
                            "rejected": {a: [c.event_id for c in u.rejected.get(a, [])] for a in u.coders},
                            "agree": len({v for v in values.values() if v is not None}) <= 1})
                continue
            for slot in u.slots:
                values = slot.values(level, self.root_of)
                triggers = [m.trigger_text for m in slot.members.values() if m is not None and m.trigger_text]
                out.append({
                    **where, "trigger": " / ".join(dict.fromkeys(triggers)) or None,
                    "values": {a: values.get(a) for a in self.annotators},
                    "codings": {a: self._where_from(u, slot, a) for a in self.annotators},
                    "agree": len(set(values.values())) <= 1,
                })
        return out

    @staticmethod
    def _where_from(unit: SentenceUnit, slot: Slot, who: str) -> dict[str, Any] | str:
        coding = slot.members.get(who)
        if coding is not None:
            return {**coding.as_dict(), "paired_by": slot.how.get(who)}
        if who not in slot.members:
            return "not coded"
        return "rejected" if unit.rejected_in(slot, who) is not None else "missing"

    def as_dict(self, *, explain: bool = True) -> dict[str, Any]:
        figures = {level: f.as_dict() for level, f in self.figures.items()}
        out: dict[str, Any] = {
            "annotators": self.annotators,
            "files": self.files,
            "documents": self.documents,
            "units": len(self.units),
            "slots": len(self.slots),
            "alpha": {level: figures[level]["alpha"] for level in LEVELS},
            "kappa": {level: figures[level]["kappa"] for level in LEVELS} if len(self.annotators) == 2 else None,
            "ac1": {level: figures[level]["ac1"] for level in LEVELS},
            "levels": figures,
            "confusion": self.confusion("code"),
            "per_code": self.per_code(),
            "disagreements": self.disagreements(),
            "pairing": "units are sentences; events are paired within a sentence by the same trigger, else by the "
                       "best match (code 4, root 2, source 1, target 1); an event without a partner counts as "
                       f"{NO_EVENT!r} for the others who coded the document (a disagreement); an annotator who did "
                       "not code a document is not counted there",
        }
        if explain:
            out["explain"] = {level: self.explain(level) for level in LEVELS}
        return out


def build(codings: Sequence[Coding], coded: dict[str, set[str]], texts: dict[str, tuple[str, str]],
          root_of: RootOf, *, files: Sequence[str] = (), annotators: Sequence[str] | None = None,
          rejections: Sequence[Coding] = (), sources: dict[str, str] | None = None) -> Agreement:
    """The comparison from annotators' codings (``coded``: annotator -> sha256s of the documents they coded;
    ``texts``: sha256 -> (title, text); ``rejections``: the events they rejected, which say why an annotator has
    no event in a slot; ``sources``: sha256 -> the document's file name). Documents coded by fewer than two of
    the annotators are left out."""
    names = list(annotators) if annotators else sorted(coded)
    by_doc: dict[str, list[str]] = {}
    for who in names:
        for sha in coded.get(who, ()):
            by_doc.setdefault(sha, []).append(who)
    shared = {sha: tuple(w) for sha, w in by_doc.items() if len(w) >= 2 and sha in texts}
    per_doc: dict[str, list[Coding]] = {}
    for c in codings:
        if c.sha256 in shared and c.annotator in shared[c.sha256]:
            per_doc.setdefault(c.sha256, []).append(c)
    rejected_per_doc: dict[str, list[Coding]] = {}
    for c in rejections:
        if c.sha256 in shared and c.annotator in shared[c.sha256]:
            rejected_per_doc.setdefault(c.sha256, []).append(c)
    units: list[SentenceUnit] = []
    for sha in sorted(shared, key=lambda s: texts[s][0] + s):
        title, text = texts[sha]
        bounds = sentence_bounds(text)
        found: dict[tuple[int, int], dict[str, list[Coding]]] = {}
        for c in per_doc.get(sha, []):
            sentence = sentence_at(bounds, c.position) or c.sentence
            found.setdefault(sentence, {}).setdefault(c.annotator, []).append(c)
        rejected: dict[tuple[int, int], dict[str, list[Coding]]] = {}
        for c in rejected_per_doc.get(sha, []):
            rejected.setdefault(sentence_at(bounds, c.position) or c.sentence, {}).setdefault(c.annotator, []).append(c)
        for sentence in sorted(set(bounds) | set(found)):
            unit = SentenceUnit(sha, sentence, shared[sha], found.get(sentence, {}),
                                text=text[sentence[0]:sentence[1]].strip(), title=title,
                                source=(sources or {}).get(sha) or "", rejected=rejected.get(sentence, {}))
            unit.slots = pair_sentence(unit, root_of)
            units.append(unit)
    return Agreement(names, list(files), len(shared), units, root_of).compute()


def from_projects(projects: Sequence[Any], root_of: RootOf, annotators: Sequence[str] | None = None) -> Agreement:
    """The comparison over project files (one per annotator, or several annotators in one; documents matched by
    their text). An annotator's codings of a document come from the first file given that holds them."""
    codings: list[Coding] = []
    rejections: list[Coding] = []
    coded: dict[str, set[str]] = {}
    texts: dict[str, tuple[str, str]] = {}
    sources: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()  # (annotator, sha256) read from an earlier file
    files = [str(p.path) for p in projects]
    for project, file in zip(projects, files, strict=True):
        here_coded = project.annotator_documents()
        fresh = {(who, sha) for who, shas in here_coded.items() for sha in shas if (who, sha) not in taken}
        for status, into in (("accepted", codings), ("rejected", rejections)):
            for row in project.team_codings(status):
                if (row["annotator"], row["sha256"]) not in fresh:
                    continue
                trigger = (row["trig_start"], row["trig_end"]) if row["trig_start"] is not None else None
                position = row["trig_start"] if row["trig_start"] is not None else (row["sentence_start"] or 0)
                into.append(Coding(
                    row["annotator"], int(row["id"]), file, row["sha256"],
                    (row["sentence_start"] or 0, row["sentence_end"] or 0), row["event_code"], row["source_code"],
                    row["target_code"], trigger, row["trig_text"], position, row.get("coded_at")))
        for who, sha in fresh:
            coded.setdefault(who, set()).add(sha)
        taken |= fresh
        wanted = {sha for _, sha in fresh} - set(texts)
        for sha, doc in project.documents_by_sha(wanted).items():
            texts[sha] = (doc["title"] or "", doc["text"])
            sources[sha] = doc.get("source") or ""
    if annotators:
        unknown = [a for a in annotators if a not in coded]
        if unknown:
            raise EventCoderError(f"no codings by {', '.join(unknown)} in {', '.join(files)} "
                                  f"(annotators found: {', '.join(sorted(coded)) or 'none'})")
    return build(codings, coded, texts, root_of, files=files, annotators=annotators, rejections=rejections,
                 sources=sources)


def text_report(result: Agreement) -> list[str]:
    """The figures as lines for a terminal."""
    two = len(result.annotators) == 2
    lines = [f"annotators: {', '.join(result.annotators)}",
             f"documents coded by two or more: {result.documents}; units (sentences): {len(result.units)}; "
             f"paired event slots: {len(result.slots)}",
             "",
             f"{'level':<8} {'units':>6} {'agree':>7} {'alpha':>7} {'kappa' if two else '':>7} {'AC1':>7}"]

    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    for level in LEVELS:
        f = result.figures[level]
        lines.append(f"{level:<8} {f.units:>6} {fmt(f.observed):>7} {fmt(f.alpha):>7} "
                     f"{fmt(f.kappa) if two else '':>7} {fmt(f.ac1):>7}" + (f"   ({f.note})" if f.note else ""))
    worst = result.disagreements(5)
    if worst:
        lines += ["", "sentences with the most disagreement:"]
        lines += [f"  {w['disagreeing_slots']}  {w['document'][:40]}: {w['text'][:80]}" for w in worst]
    lines += ["", "--explain LEVEL lists every unit: which events were paired and which counted as missing"]
    return lines


SHOWN_SENTENCE = 160
"""Longest sentence ``--explain`` prints whole; a longer one is cut at a word and ends in "…"."""


def shorten(text: str, limit: int = SHOWN_SENTENCE) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(" ,;:") + "…"


def explain_lines(result: Agreement, level: str) -> list[str]:
    """``--explain LEVEL`` as lines for a terminal: per unit its document (title, file), the sentence (shortened
    when long), the trigger words, and what each annotator coded there (:meth:`Agreement.explain`)."""
    units = result.explain(level)
    differ = sum(not u["agree"] for u in units)
    lines = [f"{level} level: {len(units)} units, {differ} where the annotators differ (marked *)"]
    for unit in units:
        document = unit["document"] or unit["source"] or unit["sha256"][:12]
        if unit["source"] and unit["source"] != document:
            document += f" ({unit['source']})"
        start, end = unit["sentence"]
        lines += ["", f"{' ' if unit['agree'] else '*'} {document}, sentence {unit['sentence_number']} "
                      f"(characters {start}-{end})",
                  f'    "{shorten(unit["text"])}"']
        if unit.get("trigger"):
            lines.append(f'    trigger: "{unit["trigger"]}"')
        for who, value in unit["values"].items():
            lines.append(f"    {who}: {_explained_value(unit, who, value)}")
    return lines


def _explained_value(unit: dict[str, Any], who: str, value: str | None) -> str:
    """One annotator's part of an explained unit: their value and the event it came from, or why there is none."""
    if value is None:
        return "(not coded: did not code this document)"
    if "events" in unit:  # the event level
        ids, rejected = unit["events"].get(who) or [], unit["rejected"].get(who) or []
        if ids:
            return f"{value} (event{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))})"
        return f"{value} (rejected event{'s' if len(rejected) > 1 else ''} {', '.join(map(str, rejected))})" \
            if rejected else value
    coding = unit["codings"][who]
    if coding == "rejected":
        return "no event (rejected)"
    if coding == "missing":
        return "no event (missing: none of theirs paired here)"
    if isinstance(coding, str):
        return coding
    event = f"{coding['code']} {coding['source'] or NO_ACTOR} -> {coding['target'] or NO_ACTOR}"
    trigger = f', trigger "{coding["trigger"]}"' if coding["trigger"] and coding["trigger"] != unit.get("trigger") \
        else ""
    how = "" if coding["paired_by"] == "first" else f", paired by {coding['paired_by']}"
    return f"{value}  [{event}]  (event {coding['event_id']} in {coding['file']}{trigger}{how})"
