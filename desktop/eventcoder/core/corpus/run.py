"""Coding a corpus into a folder of Parquet shards, on Dask or in this process, resumable.

:func:`run_corpus` plans the shards (:func:`eventcoder.core.corpus.inputs.plan`), skips those the folder's
manifest lists as finished, and codes the others: ``engine="dask"`` on a ``distributed.LocalCluster`` of
``workers`` processes (one thread each) or on the cluster at ``scheduler``, ``engine="local"`` one after the
other in this process. Every worker builds the coder once (:func:`eventcoder.core.corpus.shard.pipeline_for`).

The manifest (``DIR/manifest.json``) names the scheme, the learner and the shard size the folder was coded with,
and every finished shard with its counts; it is rewritten atomically (temporary file, fsync, rename) after each
shard, so a run killed at any moment leaves a manifest that lists only shards whose files are whole. A later
run with the same folder codes only what is missing: the shards of a killed run, or of new input files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import itertools
import json
import logging
import os
import secrets
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import EventCoderError
from ..fsutil import atomic_text, fsync_dir, write_text_atomic
from .inputs import DEFAULT_SHARD_SIZE, Shard, corpus_files, plan, require_corpus_extra
from .shard import CoderSpec, code_shard, peak_rss_mb, warm

MANIFEST = "manifest.json"
ERRORS = "errors.jsonl"
FORMAT = 1
PARTS = ("events", "documents", "errors")


def default_engine() -> str:
    """``dask`` when Dask's distributed scheduler is installed (the ``[corpus]`` extra), else ``local``."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return "local"
    return "dask"


def coder_spec(scheme: str | None = None, model: str | Path | None = None) -> CoderSpec:
    """The coder ``eventcoder code`` would use: with ``model``, that project's scheme (unless ``scheme`` names one),
    its actor dictionary and its newest stored type learner; without it the scheme alone (default CAMEO)."""
    from ..learn import load_model
    from ..pipeline import DEFAULT_SCHEME, project_scheme
    from ..schemes import load_scheme
    from ..store import Project

    version = digest = path = None
    if model is not None:
        if not Path(model).is_file():
            raise EventCoderError(f"{model}: no such project file (--model names a project)")
        path = str(Path(model).resolve())
        with Project(path, readonly=True) as project:
            chosen = project_scheme(project, scheme, record=False).scheme
            learner = load_model(project, chosen)
            actors = _actor_entries(project)
        if learner is not None:
            version = int(learner.version)
        blob = json.dumps([learner.to_dict() if learner is not None else None, actors], sort_keys=True, default=str)
        digest = hashlib.sha1(blob.encode()).hexdigest()[:16]
    else:
        chosen = load_scheme(scheme or DEFAULT_SCHEME)
    ref = str(chosen.path) if getattr(chosen, "path", None) else chosen.name
    return CoderSpec(ref, chosen.name, chosen.content_hash, path, version, digest)


def _actor_entries(project) -> list[str]:
    """The project's own actor dictionary as text (part of what the coder is), where this EventCoder has one."""
    try:
        from ..project_actors import project_actors
    except ImportError:
        return []
    return [repr(entry) for entry in project_actors(project)]


@dataclass
class RunReport:
    out: Path
    engine: str
    workers: int
    scheme: str
    model_version: int | None
    shards: int = 0  # in the plan
    skipped: int = 0  # finished before this run
    coded: int = 0  # finished by this run
    documents: int = 0
    records: int = 0
    events: int = 0
    errors: int = 0  # bad records this run
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard, reason): not finished, tried again next run
    seconds: float = 0.0  # coding, after the workers loaded the coder
    load_seconds: float = 0.0
    worker_rss_mb: dict[str, float] = field(default_factory=dict)  # peak RSS of each worker process
    # resident memory of each worker process (by pid) after its first and after its last shard of this run
    worker_rss_first_mb: dict[str, float] = field(default_factory=dict)
    worker_rss_last_mb: dict[str, float] = field(default_factory=dict)
    reloads: int = 0  # times a process loaded the spaCy pipeline afresh, past its memory budget (shard.py)
    learner: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        out = [f"{self.documents:,} document(s) coded in {self.coded} shard(s)"
               + (f" ({self.skipped} shard(s) finished before were skipped)" if self.skipped else "")
               + f": {self.events:,} event(s), {self.errors:,} bad record(s)"
               + (f" listed in {self.out / ERRORS}" if self.errors else "")]
        if self.documents:
            out.append(f"{self.rate:.1f} documents/s on {self.workers} worker(s) ({self.engine}); "
                       f"coder loaded in {self.load_seconds:.1f} s")
        if self.reloads:
            out.append(f"the spaCy pipeline was loaded afresh {self.reloads} time(s), in a worker grown past its "
                       "memory budget (EVENTCODER_CORPUS_RECYCLE_MB)")
        if self.learner.get("learner_decided"):
            t = self.learner
            out.append(f"type learner (model v{self.model_version}) decided {t['learner_decided']} suggestion(s): "
                       f"{t['learner_confirmed']} kept the rules' type, {t['learner_retyped']} retyped, "
                       f"{t['learner_added']} added where the rules found none, {t['learner_dropped']} dropped")
        return out


# --------------------------------------------------------------------------- the manifest


def read_manifest(out: str | Path) -> dict[str, Any] | None:
    path = Path(out) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EventCoderError(f"{path}: not a readable corpus manifest ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("shards"), dict):
        raise EventCoderError(f"{path}: not a corpus manifest of this EventCoder")
    return data


def corpus_manifest(out: str | Path) -> dict[str, Any]:
    """The manifest of a coded corpus folder, or a clear error."""
    data = read_manifest(out)
    if data is None:
        raise EventCoderError(f"{out}: no {MANIFEST}: not a folder written by `eventcoder corpus code`")
    return data


def write_atomic(path: Path, text: str) -> None:
    """``text`` as the whole of ``path``, flushed, and the rename flushed too (the manifest says what is done)."""
    write_text_atomic(path, text)
    fsync_dir(path.parent)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One run per folder at a time (a lock the OS drops when the process dies)."""
    out.mkdir(parents=True, exist_ok=True)
    fh = open(out / ".lock", "a+")  # noqa: SIM115
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise EventCoderError(f"{out}: another `eventcoder corpus code` is writing this folder") from exc
        yield
    finally:
        fh.close()


def _clean_temporaries(out: Path) -> None:
    for folder in (out, *(out / part for part in PARTS)):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def _finished(manifest: dict[str, Any], out: Path) -> set[str]:
    """Shards the manifest lists whose files are all there."""
    done = set()
    for key, entry in manifest["shards"].items():
        if all((out / part / f"{key}{'.jsonl' if part == 'errors' else '.parquet'}").is_file() for part in PARTS):
            done.add(key)
        else:
            entry["missing"] = True
    return done


# --------------------------------------------------------------------------- the run


class Progress:
    """Documents/s, shards done and the time left, on a stream (one line rewritten on a terminal)."""

    def __init__(self, stream: IO[str] | None, shards: int, records: int, every: float = 2.0) -> None:
        self.stream, self.shards, self.records, self.every = stream, shards, records, every
        self.done_shards = self.done_records = self.documents = 0
        self.started = time.perf_counter()
        self.last = 0.0
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())

    def start(self) -> None:
        self.started = time.perf_counter()

    def update(self, summary: dict[str, Any], final: bool = False) -> None:
        self.done_shards += 1
        self.done_records += int(summary.get("records") or 0)
        self.documents += int(summary.get("documents") or 0)
        self.show(final or self.done_shards == self.shards)

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.documents / elapsed
        left = max(self.records - self.done_records, 0)
        eta = _duration(left / (self.done_records / elapsed)) if self.done_records else "?"
        return (f"corpus: {self.done_shards}/{self.shards} shards, {self.documents:,} documents, "
                f"{rate:.1f} documents/s, ETA {eta}")

    def show(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if not force and now - self.last < self.every:
            return
        self.last = now
        if self.tty:
            self.stream.write("\r" + self.line() + ("\n" if self.done_shards == self.shards else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def run_corpus(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    scheme: str | None = None,
    model: str | Path | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    shard_size: int | None = None,
    progress: IO[str] | None = sys.stderr,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
) -> RunReport:
    """Code ``inputs`` into ``out`` (see the module's docstring); returns what was done.

    Refused before any work (:class:`EventCoderError`): input that cannot be a corpus (every problem with its
    ``file:line``), a folder coded with another scheme, learner or shard size, a folder another run is writing."""
    engine = engine or default_engine()
    if engine not in ("local", "dask"):
        raise EventCoderError(f"unknown engine {engine!r}; use local or dask")
    require_corpus_extra(dask=engine == "dask")  # one line naming the install command, before any work
    if scheduler and engine != "dask":
        raise EventCoderError("--scheduler needs --engine dask")
    if workers is not None and workers < 1:
        raise EventCoderError("--workers must be at least 1")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise EventCoderError(f"{out}: is a file; --out names a folder")
    files = corpus_files(inputs)
    spec = coder_spec(scheme, model)
    manifest = read_manifest(out)
    if manifest is not None:
        _check_same_coder(manifest, spec, shard_size, out)
        shard_size = int(manifest["shard_size"])
    shards = plan(files, shard_size or DEFAULT_SHARD_SIZE)  # refused input: nothing written, no folder made
    with _locked(out):
        manifest = read_manifest(out)  # as it is now that this run holds the folder
        if manifest is not None:
            _check_same_coder(manifest, spec, shard_size, out)
        else:
            manifest = {"format": FORMAT, "scheme": spec.scheme_name, "scheme_ref": spec.scheme_ref,
                        "scheme_hash": spec.scheme_hash, "model_version": spec.model_version, "coder": spec.key,
                        "shard_size": shard_size or DEFAULT_SHARD_SIZE, "created_at": _now(), "shards": {}}
        _clean_temporaries(out)
        for part in PARTS:
            (out / part).mkdir(parents=True, exist_ok=True)
        _drop_changed_inputs(manifest, shards, out, progress)
        done = _finished(manifest, out)
        todo = [s for s in shards if s.key not in done]
        report = RunReport(out, engine, 1 if engine == "local" else 0, spec.scheme_name, spec.model_version,
                           shards=len(shards), skipped=len(shards) - len(todo))
        bar = Progress(progress, len(todo), sum(s.records for s in todo))

        def finished(shard: Shard, summary: dict[str, Any]) -> None:
            entry = {**summary, "fmt": shard.fmt, "first_line": shard.first_line, "planned_records": shard.records,
                     "finished_at": _now()}
            manifest["shards"][shard.key] = entry
            manifest["updated_at"] = _now()
            write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            report.coded += 1
            for key in ("documents", "records", "events", "errors"):
                setattr(report, key, getattr(report, key) + int(summary.get(key) or 0))
            for key, n in (summary.get("learner") or {}).items():
                report.learner[key] = report.learner.get(key, 0) + int(n)
            report.reloads += int(bool(summary.get("recycled")))
            if summary.get("rss_mb") is not None:
                pid = str(summary.get("pid"))
                report.worker_rss_first_mb.setdefault(pid, summary["rss_mb"])
                report.worker_rss_last_mb[pid] = summary["rss_mb"]
            bar.update(summary)
            if on_shard is not None:
                on_shard(summary)

        if not (out / MANIFEST).exists():
            write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        if todo:
            if engine == "local":
                _run_local(spec, todo, out, report, bar, finished)
            else:
                _run_dask(spec, todo, out, report, bar, finished, scheduler, workers)
        _write_errors(out, manifest)
    return report


def _drop_changed_inputs(manifest: dict[str, Any], shards: list[Shard], out: Path, stream: IO[str] | None) -> None:
    """Shards of an input file that has changed since they were coded (same path, other content) leave the
    manifest, with their files: the file is coded again as it is now, never counted twice."""
    planned = {s.key for s in shards}
    paths = {_real(s.path) for s in shards}
    stale = [key for key, entry in manifest["shards"].items()
             if key not in planned and _real(str(entry.get("input", ""))) in paths]
    changed: dict[str, int] = {}
    for key in stale:
        entry = manifest["shards"].pop(key)
        for part in PARTS:
            (out / part / f"{key}{'.jsonl' if part == 'errors' else '.parquet'}").unlink(missing_ok=True)
        changed[str(entry.get("input"))] = changed.get(str(entry.get("input")), 0) + 1
    for name, n in changed.items():
        if stream is not None:
            print(f"corpus: {name} changed since it was coded: its {n} earlier shard(s) are dropped and it is "
                  "coded again", file=stream)
    if stale:
        write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def _real(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _check_same_coder(manifest: dict[str, Any], spec: CoderSpec, shard_size: int | None, out: Path) -> None:
    if manifest.get("coder") != spec.key:
        was = f"{manifest.get('scheme')}" + (f" with type learner v{manifest['model_version']}"
                                              if manifest.get("model_version") else " (rules only)")
        now = f"{spec.scheme_name}" + (f" with type learner v{spec.model_version}" if spec.model_version
                                       else " (rules only)")
        raise EventCoderError(f"{out} was coded with {was}; this run would code with {now}. Give the same --scheme "
                              "and --model to go on with it, or another --out")
    if shard_size is not None and int(manifest["shard_size"]) != shard_size:
        raise EventCoderError(f"{out} is cut into shards of {manifest['shard_size']} records; run again without "
                              "--shard-size (or with that size) to go on with it, or use another --out")


def _run_local(spec, todo, out, report, bar, finished) -> None:
    started = time.perf_counter()
    warm(spec)
    report.load_seconds = time.perf_counter() - started
    bar.start()
    for shard in todo:
        try:
            summary = code_shard(spec, shard, str(out))
        except Exception as exc:
            report.failed.append((shard.key, _reason(exc)))
            continue
        finished(shard, summary)
    report.seconds = time.perf_counter() - bar.started
    report.worker_rss_mb = {str(os.getpid()): round(peak_rss_mb(), 1)}


def _run_dask(spec, todo, out, report, bar, finished, scheduler, workers) -> None:
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        require_corpus_extra(dask=True)
        raise EventCoderError(f"Dask cannot be loaded ({exc}); or use --engine local") from exc
    cluster = None
    with contextlib.ExitStack() as stack:
        quiet = stack.enter_context(_quiet_shutdown())
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            except OSError as exc:
                raise EventCoderError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
        else:
            n = workers or os.cpu_count() or 1
            # no statistical profiler in the workers: its history grows a worker by MBs a shard (quiet_profiler)
            with _workers_ignore_sigint(), warnings.catch_warnings(), \
                    dask.config.set({"distributed.worker.profile.enabled": False}):
                # its HTTP (metrics) server moves off a busy port 8787 by itself: no warning for that
                warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
                cluster = stack.enter_context(LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                           dashboard_address=None, silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        stack.callback(quiet)  # runs first, before the client and the cluster close
        started = time.perf_counter()
        try:
            loaded = client.run(warm, spec)  # every worker builds the coder once, before any shard
        except Exception as exc:
            raise EventCoderError(f"a Dask worker could not load the coder: {_reason(exc)}") from exc
        report.workers = len(loaded)
        if not loaded:
            raise EventCoderError("the Dask cluster has no workers")
        report.load_seconds = time.perf_counter() - started
        shared = client.scatter(spec, broadcast=True, hash=False)
        bar.start()
        queue = iter(todo)
        running: dict[Any, Shard] = {}
        token = secrets.token_hex(3)

        def submit(shard: Shard) -> Any:
            fut = client.submit(code_shard, shared, shard, str(out.resolve()), pure=False,
                                key=f"corpus-shard-{shard.key}-{token}")
            running[fut] = shard
            return fut

        flow = as_completed([submit(s) for s in itertools.islice(queue, 2 * report.workers + 1)])
        for fut in flow:
            shard = running.pop(fut)
            try:
                summary = fut.result()
            except Exception as exc:
                report.failed.append((shard.key, _reason(exc)))
            else:
                finished(shard, summary)
            fut.release()
            nxt = next(queue, None)
            if nxt is not None:
                flow.add(submit(nxt))
        report.seconds = time.perf_counter() - bar.started
        with contextlib.suppress(Exception):
            report.worker_rss_mb = {addr: round(mb, 1) for addr, mb in client.run(peak_rss_mb).items()}


@contextlib.contextmanager
def _workers_ignore_sigint() -> Iterator[None]:
    """Start the local cluster's processes with Ctrl+C ignored (a terminal sends SIGINT to every process of the
    command; an ignored signal stays ignored in a child, and Python then installs no KeyboardInterrupt handler):
    only this process is interrupted, and it shuts the workers down itself, without their tracebacks."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; a caller in a worker thread keeps its own
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


_NOISY = ("distributed", "tornado", "asyncio")


@contextlib.contextmanager
def _quiet_shutdown() -> Iterator[Callable[[], None]]:
    """Entered before the cluster: once the work is over (done, failed or Ctrl+C), Dask's own shutdown messages
    stay off the terminal and a second Ctrl+C does not cut the shutdown short; both come back once it is closed."""
    import signal
    import threading

    main = threading.current_thread() is threading.main_thread()
    levels = {name: logging.getLogger(name).level for name in _NOISY}
    handler = signal.getsignal(signal.SIGINT)

    def quiet() -> None:
        for name in _NOISY:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        if main:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    try:
        yield quiet
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        if main and handler is not None:
            signal.signal(signal.SIGINT, handler)


def _write_errors(out: Path, manifest: dict[str, Any]) -> None:
    """``DIR/errors.jsonl``: every bad record of every finished shard, in shard order."""
    with atomic_text(out / ERRORS) as fh:
        for key in sorted(manifest["shards"]):
            part = out / "errors" / f"{key}.jsonl"
            if part.is_file():
                fh.write(part.read_text(encoding="utf-8"))


def _reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if not isinstance(exc, EventCoderError) else str(exc)
    return text if len(text) <= 300 else text[:297] + "..."


def report_dict(report: RunReport) -> dict[str, Any]:
    data = asdict(report)
    data["out"] = str(report.out)
    data["rate"] = report.rate
    return data
