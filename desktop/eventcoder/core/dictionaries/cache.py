"""The content-keyed cache of compiled dictionaries: a pickle in the user cache directory keyed by the sha256
of every file read and of every module of this package (:data:`CODE_HASH`), so that editing a dictionary or
the code that reads it invalidates it without anyone bumping a version; and the cached loaders
(:func:`load_verbs`, :func:`load_actors`, :func:`load_agents`, :func:`load_discards`)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.core.errors import DictionaryError, Problem

from .actors import ActorDictionary, parse_actors
from .agents import AgentDictionary, parse_agents
from .discards import DiscardDictionary, parse_discards
from .files import (
    ERROR,
    DictionaryProblem,
)
from .verbs import SchemeCodes, VerbDictionary, code_map_path, parse_verbs

CODE_VERSION = "dict-12"
"""Kept for callers that print it; the cache key is :data:`CODE_HASH`, the content of the code that builds the
dictionaries."""


def _code_hash() -> str:
    """sha256 of the source of every module of this package (the code that reads and compiles every dictionary):
    a cached dictionary compiled by other code is never used. Without the sources (a build that ships only
    bytecode), the compiled modules and :data:`CODE_VERSION` stand in."""
    h = hashlib.sha256(CODE_VERSION.encode())
    package = Path(__file__).parent
    modules = sorted(package.glob("*.py")) or sorted(package.glob("*.pyc")) or sorted(package.glob("__pycache__/*.pyc"))
    for path in modules:
        h.update(path.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


CODE_HASH = _code_hash()
"""Part of every dictionary cache key: the content of the code that builds the dictionaries."""


def file_sha256(paths: Sequence[Path], salt: str = "") -> str:
    """The cache key of a dictionary made of ``paths``: the code that builds it (:data:`CODE_HASH`), then each
    file's name and the sha256 of its content, in order (and ``salt``, what else the dictionary is built for).
    OSError for a file that cannot be read."""
    h = hashlib.sha256(CODE_HASH.encode() + salt.encode())
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(b"\0")
        h.update(hashlib.sha256(Path(p).read_bytes()).digest())
    return h.hexdigest()


def files_digest(paths: Sequence[Path | str]) -> str:
    """sha256 over the names and contents of ``paths`` (a file that cannot be read counts as "unreadable"), for
    a scheme's content hash: a scheme whose dictionary files change is another scheme."""
    h = hashlib.sha256()
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(b"\0")
        try:
            h.update(hashlib.sha256(Path(p).read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


def _cache_dir() -> Path | None:
    env = os.environ.get("EVENTCODER_CACHE_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("eventcoder", appauthor=False)) / "dictionaries"
    except Exception:  # pragma: no cover - platformdirs is a dependency
        return None


def cached(kind: str, paths: Sequence[Path], build, keyed_with: Sequence[Path] = (), salt: str = ""):
    """Return ``build()``, pickled under the cache dir keyed by the content of the files (and of the files
    ``keyed_with`` that ``build`` also reads, and ``salt``) and of the code that builds them (:func:`file_sha256`).
    Writing one removes the pickles of its kind that older code named, or that nothing used for
    :data:`STALE_AFTER_S`."""
    paths = [Path(p) for p in paths]
    try:
        key = file_sha256([*paths, *map(Path, keyed_with)], salt)
    except OSError as exc:
        fallback = [DictionaryProblem(str(paths[0]), None, f"cannot read: {exc}", ERROR)]
        raise DictionaryError(_unreadable(paths) or fallback) from exc
    cdir = _cache_dir()
    target = cdir / f"{kind}-{key[:40]}.pkl" if cdir else None
    if target is not None and os.environ.get("EVENTCODER_NO_CACHE") != "1":
        try:
            with open(target, "rb") as fh:
                obj = pickle.load(fh)
            if hasattr(obj, "line_counts"):  # (else a stale pickle: rebuilt)
                with contextlib.suppress(OSError):
                    os.utime(target)  # in use: not removed as stale
                return _relocated(obj, paths)
        except Exception:
            pass
    obj = build()
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
            for old in target.parent.glob(f"{kind}-*.pkl"):  # caches of older code or other file contents
                if old != target and _stale(old):
                    old.unlink(missing_ok=True)
        except Exception:
            pass
    return obj


STALE_AFTER_S = 7 * 24 * 3600
"""A cached dictionary not used for this long is removed when another of its kind is written (several
schemes, or copies of one, may be in use at once: each keeps its own)."""


_CACHE_NAME = re.compile(r"^[a-z]+-[0-9a-f]{40}\.pkl$")


def _stale(path: Path) -> bool:
    """A cache file named as older code named them, or not used for :data:`STALE_AFTER_S`."""
    import time

    if not _CACHE_NAME.match(path.name):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return time.time() - max(st.st_mtime, st.st_atime) > STALE_AFTER_S


def _unreadable(paths: Sequence[Path]) -> list[Problem]:
    """A "cannot read" error for each of ``paths`` that cannot be read."""
    out: list[Problem] = []
    for p in paths:
        try:
            with open(p, "rb") as fh:
                fh.read(1)
        except OSError as exc:
            out.append(DictionaryProblem(str(p), None, f"cannot read: {exc.strerror or exc}", ERROR))
    return out


def _relocated(obj: Any, paths: Sequence[Path]) -> Any:
    """A cached dictionary read from files of the same names and contents elsewhere: its problems (and
    per-file counts) name the files given now, not the ones it was compiled from."""
    old = list(getattr(obj, "files", []))
    new = [str(p) for p in paths]
    if old == new or len(old) != len(new):
        return obj
    where = dict(zip(old, new, strict=True))
    obj.files = new
    obj.problems = [dataclasses.replace(p, file=where.get(p.file, p.file)) for p in obj.problems]
    obj.line_counts = {where.get(k, k): v for k, v in getattr(obj, "line_counts", {}).items()}
    if hasattr(obj, "code_uses"):
        obj.code_uses = {c: (where.get(f, f), ln, n) for c, (f, ln, n) in obj.code_uses.items()}
    for table in ("translated", "fitted", "dropped"):
        if hasattr(obj, table):
            setattr(obj, table, {c: (where.get(f, f), ln, n) for c, (f, ln, n) in getattr(obj, table).items()})
    return obj


def load_verbs(paths: Sequence[Path | str], codes: SchemeCodes | None = None) -> VerbDictionary:
    """The verb dictionary of ``paths``; with ``codes`` (:meth:`SchemeCodes.of` a scheme) fitted to the scheme's
    list of codes (:func:`parse_verbs`)."""
    maps = [m for m in map(code_map_path, paths) if m.is_file()]  # the files' code maps are part of the key
    return cached("verbs", [Path(p) for p in paths], lambda: parse_verbs(paths, codes), keyed_with=maps,
                  salt=codes.digest() if codes is not None else "")


def load_actors(paths: Sequence[Path | str]) -> ActorDictionary:
    return cached("actors", [Path(p) for p in paths], lambda: parse_actors(paths))


def load_agents(paths: Sequence[Path | str]) -> AgentDictionary:
    return cached("agents", [Path(p) for p in paths], lambda: parse_agents(paths))


def load_discards(paths: Sequence[Path | str]) -> DiscardDictionary:
    return cached("discards", [Path(p) for p in paths], lambda: parse_discards(paths))


LOADERS = {"verbs": load_verbs, "actors": load_actors, "agents": load_agents, "discards": load_discards}
