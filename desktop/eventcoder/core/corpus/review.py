"""What to do with a coded corpus: counts by code, month and dyad (:func:`corpus_stats`), and a sample of its
documents imported into a project with their suggestions, for review in the window (:func:`sample_into`).

Both read only the shards the manifest lists as finished, one shard at a time (constant memory in the corpus's
size). The sample is drawn in one pass: per stratum, the documents with the lowest seeded hash of their record
are kept (at most ``n`` per stratum), so the same folder and seed always give the same sample.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EventCoderError
from ..model import Document
from ..store import Project
from .run import corpus_manifest
from .shard import coding_from_json

NO_EVENT = ""  # the stratum of documents in which the coder found no event
SAMPLE_BY = ("code", "uncertainty")


def _pyarrow():
    from .inputs import _pyarrow as load

    return load()


def _shard_files(out: Path, part: str) -> list[Path]:
    manifest = corpus_manifest(out)
    return [out / part / f"{key}.parquet" for key in sorted(manifest["shards"])
            if (out / part / f"{key}.parquet").is_file()]


# --------------------------------------------------------------------------- stats


@dataclass
class CorpusStats:
    shards: int = 0
    documents: int = 0
    events: int = 0
    errors: int = 0
    by_code: Counter = field(default_factory=Counter)
    by_month: Counter = field(default_factory=Counter)
    by_dyad: Counter = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"shards": self.shards, "documents": self.documents, "events": self.events, "errors": self.errors,
                "by_code": dict(self.by_code.most_common()), "by_month": dict(sorted(self.by_month.items())),
                "by_dyad": dict(self.by_dyad.most_common()), "labels": self.labels}

    def lines(self, top: int = 20) -> list[str]:
        out = [f"{self.documents:,} document(s), {self.events:,} event(s) in {self.shards} shard(s); "
               f"{self.errors:,} bad record(s)"]
        out.append("by code:")
        out += [f"  {code or '-':<8} {n:>10,}  {self.labels.get(code, '')}"
                for code, n in self.by_code.most_common(top)]
        out.append("by month:")
        out += [f"  {month:<8} {n:>10,}" for month, n in sorted(self.by_month.items())]
        out.append("by dyad (source country -> target country):")
        out += [f"  {dyad:<16} {n:>10,}" for dyad, n in self.by_dyad.most_common(top)]
        return out


def corpus_stats(out: str | Path) -> CorpusStats:
    """Events by code, by month of the event date (``unknown`` without one) and by dyad (source country ->
    target country, ``-`` for a side without one), counted with PyArrow's group-by shard by shard."""
    pa = _pyarrow()
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out = Path(out)
    manifest = corpus_manifest(out)
    stats = CorpusStats(shards=len(manifest["shards"]))
    for entry in manifest["shards"].values():
        stats.documents += int(entry.get("documents") or 0)
        stats.errors += int(entry.get("errors") or 0)
    for path in _shard_files(out, "events"):
        table = pq.read_table(path, columns=["event_code", "event_label", "event_date", "source_country",
                                             "target_country"])
        if table.num_rows == 0:
            continue
        stats.events += table.num_rows
        month = pc.fill_null(pc.utf8_slice_codeunits(table["event_date"], 0, 7), "unknown")
        dyad = pc.binary_join_element_wise(pc.fill_null(table["source_country"], "-"),
                                           pc.fill_null(table["target_country"], "-"), "->")
        work = pa.table({"code": pc.fill_null(table["event_code"], ""), "month": month, "dyad": dyad})
        for column, counter in (("code", stats.by_code), ("month", stats.by_month), ("dyad", stats.by_dyad)):
            counts = work.group_by(column).aggregate([([], "count_all")])
            counter.update(dict(zip(counts[column].to_pylist(), counts["count_all"].to_pylist(), strict=True)))
        for code, label in zip(table["event_code"].to_pylist(), table["event_label"].to_pylist(), strict=True):
            if code is not None and code not in stats.labels:
                stats.labels[code] = label or ""
    return stats


# --------------------------------------------------------------------------- sample


@dataclass
class SampleReport:
    project: Path
    by: str
    documents: int = 0  # sampled
    created: int = 0  # new in the project (the others were there already: same text)
    events: int = 0  # suggestions saved
    strata: dict[str, int] = field(default_factory=dict)  # by code: documents taken per code


def _priority(seed: int, record: str) -> str:
    return hashlib.sha1(f"{seed}\x00{record}".encode()).hexdigest()


def choose_sample(out: str | Path, n: int, by: str = "code", seed: int = 0) -> tuple[list[str], dict[str, int]]:
    """The records to sample (``file:line`` names), in review order, and per stratum how many were taken.

    ``code``: stratified by event code, rarest code first, each round taking one more document of every code
    (documents with no event are a stratum too), so every code the coder found is seen; ``uncertainty``: the
    documents whose least confident suggestion is least confident first (those with no event last)."""
    if by not in SAMPLE_BY:
        raise EventCoderError(f"unknown sampling {by!r}; use {' or '.join(SAMPLE_BY)}")
    if n < 1:
        raise EventCoderError("--n must be at least 1")
    import pyarrow.parquet as pq

    _pyarrow()
    out = Path(out)
    strata: dict[str, list[tuple[str, str]]] = {}  # code -> heap of (-priority, record), the n lowest kept
    sizes: Counter = Counter()
    uncertain: list[tuple[float, str, str]] = []  # heap of (-key...) kept to n
    for path in _shard_files(out, "documents"):
        table = pq.read_table(path, columns=["record", "codes", "min_confidence", "duplicate_of"])
        for record, codes, low, dup in zip(*(table[c].to_pylist() for c in table.column_names), strict=True):
            if dup is not None:
                continue
            prio = _priority(seed, record)
            if by == "uncertainty":
                key = (1.0 if low is None else 0.0, low or 0.0, prio, record)
                _keep_lowest(uncertain, key, n)
                continue
            for code in codes or [NO_EVENT]:
                sizes[code] += 1
                _keep_lowest(strata.setdefault(code, []), (prio, record), n)
    if by == "uncertainty":
        return [k[-1] for k in sorted(_unneg(uncertain))], {}
    ordered = {code: [r for _p, r in sorted(_unneg(heap))] for code, heap in strata.items()}
    chosen: list[str] = []
    seen: set[str] = set()
    taken: Counter = Counter()
    order = sorted(ordered, key=lambda c: (sizes[c], c))
    depth = 0
    while len(chosen) < n and any(depth < len(ordered[c]) for c in order):
        for code in order:
            if len(chosen) >= n:
                break
            rows = ordered[code]
            while depth < len(rows) and rows[depth] in seen:  # already taken for another of its codes
                rows.pop(depth)
            if depth < len(rows):
                chosen.append(rows[depth])
                seen.add(rows[depth])
                taken[code] += 1
        depth += 1
    return chosen, dict(taken)


def _keep_lowest(heap: list, key: tuple, n: int) -> None:
    """Keep the ``n`` lowest keys (a max-heap of negated keys)."""
    neg = _neg(key)
    if len(heap) < n:
        heapq.heappush(heap, neg)
    elif neg > heap[0]:
        heapq.heapreplace(heap, neg)


class _Neg:
    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Neg) -> bool:
        return self.key > other.key

    def __gt__(self, other: _Neg) -> bool:
        return self.key < other.key


def _neg(key: tuple) -> _Neg:
    return _Neg(key)


def _unneg(heap: list) -> list[tuple]:
    return [item.key for item in heap]


def sample_into(
    out: str | Path,
    project: Project,
    n: int = 500,
    by: str = "code",
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> SampleReport:
    """Import a sample of the coded documents into ``project`` with their suggestions, in one transaction: each
    document through ``add_document`` and its coding through ``save_coded``, as ``eventcoder import`` and
    ``eventcoder code`` store them (the same text twice is one document; what analysts decided stays).

    The project must code in the corpus's scheme (a new project takes it)."""
    from ..pipeline import project_scheme
    from ..schemes import load_scheme

    out = Path(out)
    manifest = corpus_manifest(out)
    ref = manifest["scheme_ref"] if Path(manifest["scheme_ref"]).exists() else manifest["scheme"]
    scheme = load_scheme(ref)
    if project.document_count() == 0:
        project_scheme(project, scheme)  # a new project codes in the corpus's scheme
    else:
        current = project_scheme(project, record=False).scheme
        if current.name != scheme.name:
            raise EventCoderError(f"{project.path} codes in {current.name}; the corpus in {out} was coded in "
                                  f"{scheme.name}: sample into another project")
    chosen, strata = choose_sample(out, n, by, seed)
    report = SampleReport(project.path, by, strata=strata)
    wanted = set(chosen)
    rows: dict[str, dict[str, Any]] = {}
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    for path in _shard_files(out, "documents"):
        if len(rows) == len(wanted):
            break
        table = pq.read_table(path)
        picked = table.filter(pc.is_in(table["record"], value_set=pa.array(sorted(wanted), pa.string())))
        for row in picked.to_pylist():
            rows[row["record"]] = row
    with project.transaction():
        for done, record in enumerate(chosen, start=1):
            row = rows.get(record)
            if row is None or row["coding"] is None:
                continue
            doc = Document(text=row["text"], title=row["title"] or "", url=row["url"], source=row["source"],
                           published=row["date"], external_id=row["id"],
                           metadata={"corpus": str(out.resolve()), "record": record})
            doc_id, created = project.add_document(doc)
            counts = project.save_coded(doc_id, coding_from_json(row["coding"]), scheme=scheme.name)
            report.documents += 1
            report.created += int(created)
            report.events += int(counts.get("events", 0)) + int(counts.get("kept", 0))
            if progress:
                progress(done)
    return report
