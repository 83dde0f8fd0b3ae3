"""Coding one shard: what a worker (a Dask worker process, or this process with ``--engine local``) runs.

The events of a shard are made by the path ``eventcoder code`` takes, not by a copy of it: the shard's records
are added to a project held in memory (:class:`~eventcoder.core.store.Project` on ``:memory:``, one per shard),
coded by :func:`~eventcoder.core.suggest.run.code_documents_with` with the coder the pipeline assembles for the
scheme and the stored learner, saved by ``save_coded`` and read back by the CSV export's own row function
(:func:`~eventcoder.core.io.export_base.event_tuples`, columns ``CSV_COLUMNS``). So each row is the row
``eventcoder export --format csv --status all`` gives for that document once ``eventcoder code`` has coded it,
except ``event_id`` and ``document_id``, which are empty (there is no project yet): ``id`` and ``record``
(``file:line``) name the record.

The coder is built once per process and kept (:func:`pipeline_for`): spaCy, the dictionaries and the learner load
once per worker, whatever the number of shards.

Output per shard, each written to a hidden temporary file and renamed into place: ``events/KEY.parquet`` (one row
per event), ``documents/KEY.parquet`` (one row per record coded: its fields, text, the coding as JSON, for
``corpus sample``) and ``errors/KEY.jsonl`` (one line per bad record: ``id``, ``record``, ``reason``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import gc
import hashlib
import json
import os
import resource
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..fsutil import write_file_atomic, write_text_atomic
from ..io.export_base import CSV_COLUMNS, CSV_NUMERIC, event_tuples
from ..model import CodedDocument, SuggestedEvent, SuggestedSpan
from ..store import Project
from ..suggest.run import code_documents_with
from .inputs import Shard, read_shard

EXTRA_COLUMNS = ("id", "record")  # the record's own id, and where it is (file:line)
EVENT_COLUMNS = CSV_COLUMNS + EXTRA_COLUMNS
_INTEGER = frozenset({"event_id", "document_id", "quad_class"})  # of CSV_NUMERIC; the rest are decimals


@dataclass(frozen=True)
class CoderSpec:
    """What a worker needs to build the coder ``eventcoder code`` would use: the scheme (a built-in name or a file,
    checked by content hash) and, with ``--model``, the project whose pipeline codes (its actor dictionary and
    newest type learner, through :func:`eventcoder.core.pipeline.assemble`), checked by the learner's version."""

    scheme_ref: str
    scheme_name: str
    scheme_hash: str
    model_path: str | None = None
    model_version: int | None = None  # the learner the run was started with (None: rules only)
    model_hash: str | None = None  # its weights, and the project's actor entries

    @property
    def key(self) -> str:
        text = json.dumps([self.scheme_hash, self.model_version, self.model_hash], default=str)
        return hashlib.sha1(text.encode()).hexdigest()[:16]


_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()

RECYCLE_MB = 150.0
"""How far (MB) a process may grow past its size after its first shard before it loads the spaCy pipeline afresh
(:func:`recycle_if_grown`); ``EVENTCODER_CORPUS_RECYCLE_MB`` overrides it (0 or below: after every shard, even one
after which the process shrank)."""
_BASE_RSS: dict[str, float] = {}  # per coder: this process's RSS after its first shard since the last reload


def _memory_zone(rules):
    zone = getattr(rules.nlp, "memory_zone", None)  # spaCy >= 3.8
    return zone() if zone is not None else contextlib.nullcontext()


def pipeline_for(spec: CoderSpec):
    """The pipeline (rules, mapping, the project's actors and learner) for ``spec``, built once per process."""
    from ..errors import EventCoderError
    from ..pipeline import Pipeline, assemble, rules_coder
    from ..schemes import load_scheme

    with _LOCK:
        found = _PIPELINES.get(spec.key)
        if found is not None:
            return found
        ref = spec.scheme_ref if Path(spec.scheme_ref).exists() else spec.scheme_name
        scheme = load_scheme(ref)
        if scheme.content_hash != spec.scheme_hash:
            raise EventCoderError(f"the scheme {ref} on this worker is not the one the run was started with "
                                  "(its content differs)")
        if spec.model_path is None:
            pipe = Pipeline(scheme, rules_coder(scheme), None)
        else:
            with Project(spec.model_path, readonly=True) as project:
                pipe = assemble(project, scheme)  # exactly what `eventcoder code` codes that project with
            version = None if pipe.learner is None else int(pipe.learner.version)
            if version != spec.model_version:
                raise EventCoderError(f"{spec.model_path}: its type learner changed since the run started "
                                      f"(v{spec.model_version} then, v{version} now); run again")
        _PIPELINES[spec.key] = pipe
        return pipe


def warm(spec: CoderSpec, dask_worker=None) -> dict[str, Any]:
    """Load the coder (spaCy model included) now; what a worker reports back: how long it took, its pid.

    On a Dask worker (``Client.run`` passes ``dask_worker``) its profiler is stopped first (:func:`quiet_profiler`)."""
    if dask_worker is not None:
        quiet_profiler(dask_worker)
    started = time.perf_counter()
    pipe = pipeline_for(spec)
    pipe.rules.nlp("Warm up.")
    return {"pid": os.getpid(), "seconds": time.perf_counter() - started}


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float | None:
    """This process's resident memory now (MB), or None where it cannot be read."""
    try:
        import psutil  # a dependency of distributed
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 2**20


def recycle_budget_mb() -> float:
    raw = os.environ.get("EVENTCODER_CORPUS_RECYCLE_MB")
    try:
        return float(raw) if raw not in (None, "") else RECYCLE_MB
    except ValueError:
        return RECYCLE_MB


def recycle_if_grown(spec: CoderSpec, now: float | None) -> bool:
    """After a shard: if this process has grown more than :func:`recycle_budget_mb` past its size after its first
    shard, load the spaCy pipeline afresh (:func:`~eventcoder.core.suggest.nlp.reload_model`: a new vocabulary,
    the old one freed) and return True. What grows is the lexemes spaCy keeps for every new word a corpus brings
    (names, numbers): ~3 MB a shard of such text, without end; a reload costs a few seconds. The coder, its
    dictionaries and the learner are kept: they do not grow. ``now``: this process's RSS (MB) after the shard."""
    if now is None:
        return False
    base = _BASE_RSS.setdefault(spec.key, now)
    budget = recycle_budget_mb()
    if budget > 0 and now - base <= budget:  # a budget of 0 or below: after every shard, however the RSS moved
        return False
    from ..suggest.nlp import reload_model

    reload_model()
    gc.collect()
    _trim_heap()
    _BASE_RSS.pop(spec.key, None)  # the next shard's size is the new base
    return True


def _trim_heap() -> None:
    """Hand freed heap pages back to the system (glibc's ``malloc_trim``), where there is one."""
    name = ctypes.util.find_library("c")
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(name).malloc_trim(0)


def quiet_profiler(dask_worker=None) -> bool:
    """Stop the statistical profiler of the Dask worker this runs in (the one given, or the current one).

    A worker samples its threads' stacks every 10 ms and keeps each second's call tree, up to
    ``distributed.admin.low-level-log-length`` (1,000) of them: over a long run of coding that history alone
    grew a worker by about 2.5 MB a shard (measured: 347 -> 446 MB over 40 shards, flat at 325 MB without it).
    The corpus run has no dashboard to show it, so it is stopped and its history dropped. Outside a worker this
    does nothing (False)."""
    if dask_worker is None:
        try:
            from distributed import get_worker

            dask_worker = get_worker()
        except (ImportError, ValueError):
            return False
    callbacks = getattr(dask_worker, "periodic_callbacks", {})
    stopped = False
    for name in ("profile", "profile-cycle"):
        callback = callbacks.pop(name, None)
        if callback is not None:
            callback.stop()
            stopped = True
    if stopped:
        for name in ("profile_history", "profile_keys_history", "profile_keys"):
            with contextlib.suppress(AttributeError):
                getattr(dask_worker, name).clear()
    return stopped


class _ShardProject(Project):
    """The in-memory project a shard is coded in; it keeps each document's coding as saved (for ``sample``)."""

    def __init__(self) -> None:
        super().__init__(":memory:", annotator="corpus", readonly=False)  # never a file
        self.codings: dict[int, str] = {}

    def save_coded(self, document_id: int, coded: CodedDocument, scheme: str | None = None) -> dict[str, int]:
        counts = super().save_coded(document_id, coded, scheme=scheme)
        self.codings[document_id] = coding_to_json(coded)
        return counts


def coding_to_json(coded: CodedDocument) -> str:
    return json.dumps(dataclasses.asdict(coded), ensure_ascii=False, separators=(",", ":"), default=str)


def coding_from_json(text: str) -> CodedDocument:
    data = json.loads(text)
    events = [SuggestedEvent(**{**e, "flags": tuple(e.get("flags") or ())}) for e in data.get("events", [])]
    return CodedDocument(
        spans=[SuggestedSpan(**s) for s in data.get("spans", [])],
        events=events,
        sentences=[tuple(s) for s in data.get("sentences", [])],
        discarded=data.get("discarded"),
    )


def code_shard(spec: CoderSpec, shard: Shard, out: str) -> dict[str, Any]:
    """Code one shard and write its three files under ``out``; returns what the manifest records of it.

    A record that cannot be read, or a document that cannot be coded, is listed in the shard's errors file with
    its id and reason; the other records are coded. Only a failure to write the output raises."""
    started = time.perf_counter()
    quiet_profiler()  # a worker the nanny restarted has its profiler again
    pipe = pipeline_for(spec)
    scheme = pipe.scheme
    coder = pipe.coder()
    errors: list[dict[str, Any]] = []
    records = []
    # strings spaCy learns from a shard's text are freed after it (Language.memory_zone): a worker's memory stays
    # bounded however many shards it codes; nothing of a shard's Docs outlives it (rows are plain data)
    with _memory_zone(pipe.rules), _ShardProject() as project:
        owner: dict[int, int] = {}  # document id -> index of the record that brought it
        dup_of: dict[int, int] = {}  # record index -> record index with the same text
        for rec in read_shard(shard):
            if rec.error is not None or rec.document is None:
                reason = rec.error and rec.error.removeprefix(f"{rec.where}: ")  # the record column says where
                errors.append({"id": rec.id, "record": rec.where, "reason": reason})
                continue
            doc_id, created = project.add_document(rec.document)
            index = len(records)
            records.append((rec, doc_id))
            if created:
                owner[doc_id] = index
            else:
                dup_of[index] = owner[doc_id]
        ids = list(owner)
        totals = code_documents_with(project, scheme, coder, ids)
        failed = dict(totals.get("errors") or [])
        for doc_id, why in failed.items():
            rec = records[owner[doc_id]][0]
            errors.append({"id": rec.id, "record": rec.where, "reason": str(why)})
        rows = _event_rows(project, scheme, records, owner)
        documents = _document_rows(project, records, owner, dup_of, failed, rows)
    base = Path(out)
    _write_parquet(base / "events" / f"{shard.key}.parquet", rows, _event_schema())
    _write_parquet(base / "documents" / f"{shard.key}.parquet", documents, _document_schema())
    _write_text(base / "errors" / f"{shard.key}.jsonl",
                "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
    learner = {k: v for k, v in getattr(coder, "totals", {}).items()} if pipe.learner is not None else {}
    rss_after = rss_mb()
    recycled = recycle_if_grown(spec, rss_after)
    return {
        "key": shard.key, "input": shard.path, "index": shard.index, "documents": len(ids),
        "records": len(records) + len(errors), "events": len(rows["event_code"]), "errors": len(errors),
        "seconds": round(time.perf_counter() - started, 3), "pid": os.getpid(), "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_mb": _rounded(rss_after), "recycled": recycled,
        "learner": learner,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _event_rows(project: Project, scheme, records, owner) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name in EVENT_COLUMNS}
    for values in event_tuples(project, scheme, None):
        rec = records[owner[values[1]]][0]
        row = dict(zip(CSV_COLUMNS, values, strict=False))
        row["event_id"] = row["document_id"] = None  # no project yet: ``id`` and ``record`` name the record
        for name in CSV_COLUMNS:
            columns[name].append(_typed(name, row[name]))
        columns["id"].append(rec.id)
        columns["record"].append(rec.where)
    return columns


def _typed(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in CSV_NUMERIC:
        return int(value) if name in _INTEGER else float(value)
    return str(value)


def _document_rows(project, records, owner, dup_of, failed, rows) -> dict[str, list[Any]]:
    by_record: dict[str, list[tuple[str, float]]] = {}
    for where, code, conf in zip(rows["record"], rows["event_code"], rows["confidence"], strict=True):
        by_record.setdefault(where, []).append((code, 0.0 if conf is None else conf))
    out: dict[str, list[Any]] = {name: [] for name in DOCUMENT_COLUMNS}
    for index, (rec, doc_id) in enumerate(records):
        if doc_id in failed:
            continue
        doc = rec.document
        found = by_record.get(rec.where, [])
        first = dup_of.get(index)
        coding = project.codings.get(doc_id) if first is None else None
        values = {
            "id": rec.id, "record": rec.where, "title": doc.title or None, "date": doc.published, "url": doc.url,
            "source": doc.source, "text": doc.text if first is None else None, "coding": coding,
            "events": len(found), "codes": sorted({c for c, _ in found if c}),
            "min_confidence": min((c for _, c in found), default=None),
            "duplicate_of": None if first is None else records[first][0].where,
        }
        for name in DOCUMENT_COLUMNS:
            out[name].append(values[name])
    return out


DOCUMENT_COLUMNS = ("id", "record", "title", "date", "url", "source", "text", "coding", "events", "codes",
                    "min_confidence", "duplicate_of")


def _event_schema():
    import pyarrow as pa

    def kind(name: str):
        if name in CSV_NUMERIC:
            return pa.int64() if name in _INTEGER else pa.float64()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in EVENT_COLUMNS])


def _document_schema():
    import pyarrow as pa

    types = {"events": pa.int64(), "codes": pa.list_(pa.string()), "min_confidence": pa.float64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in DOCUMENT_COLUMNS])


def _write_parquet(path: Path, columns: dict[str, list[Any]], schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomic(path, lambda tmp: pq.write_table(pa.table(columns, schema=schema), tmp, compression="zstd"))


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
