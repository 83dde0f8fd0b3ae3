"""Checking dictionaries as ``eventcoder scheme validate`` and the window do: every problem of a kind's files
and of a coding scheme's dictionaries (files and inline entries, located where they are written), what only
shows across a file or scheme (a file that codes nothing, a verb code the scheme does not define), and
:class:`DictionaryReport`, remembered per process while the files are unchanged."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.core.errors import DictionaryError, Problem

from .cache import LOADERS
from .files import (
    _NEWLINE,
    DICTIONARY_KINDS,
    ERROR,
    WARNING,
    DictionaryProblem,
)
from .verbs import SchemeCodes, VerbDictionary, code_map_path

_WHAT = {"verbs": "verb", "actors": "actor", "agents": "agent", "discards": "discard"}



def _as_dictionary_problem(p: Problem, severity: str = ERROR) -> DictionaryProblem:
    return p if isinstance(p, DictionaryProblem) else DictionaryProblem(p.file, p.line, p.message, severity)


def _load_readable(kind: str, paths: list[Path], codes: SchemeCodes | None = None
                   ) -> tuple[Any, list[DictionaryProblem]]:
    """The ``kind`` dictionary of the files that can be read (cached loader; verbs fitted to ``codes``, a scheme's,
    as the coder reads them), and an error per file that cannot (binary, unreadable): one bad file does not hide
    the problems of the others."""
    errors: list[DictionaryProblem] = []
    remaining = list(paths)
    while remaining:
        try:
            if kind == "verbs" and codes is not None:
                return LOADERS[kind](remaining, codes), errors
            return LOADERS[kind](remaining), errors
        except DictionaryError as exc:
            errors.extend(_as_dictionary_problem(p) for p in exc.problems)
            bad = {p.file for p in exc.problems}
            left = [p for p in remaining if str(p) not in bad]
            if len(left) == len(remaining):  # the error names no file given: nothing more can be read
                break
            remaining = left
    return None, errors


def dictionary_problems(kind: str, paths: Sequence[Path | str]) -> list[DictionaryProblem]:
    """Every problem of the ``kind`` dictionary (``verbs``, ``actors``, ``agents``, ``discards``) made of
    ``paths``, read as the coder reads them, plus what only shows across a file:

    * error: a file that cannot be read or is not text; a file from which no entry can be read (empty, or
      every line skipped); a file with more lines skipped than read (probably not a dictionary of this
      kind); verb dictionaries that hold no verb at all (nothing can ever be coded);
    * the readers' own problems: a line skipped (warning) or a damaged line / looping macro or synset (error).
    """
    if kind not in LOADERS:
        raise ValueError(f"unknown dictionary kind {kind!r}")
    return _kind_problems(kind, [Path(p) for p in paths])[1]


def _kind_problems(kind: str, paths: list[Path], codes: SchemeCodes | None = None
                   ) -> tuple[Any, list[DictionaryProblem]]:
    """:func:`dictionary_problems` and the dictionary read (None when no file could be read)."""
    if not paths:
        return None, []
    d, out = _load_readable(kind, paths, codes)
    if d is None:
        return None, out
    out.extend(_as_dictionary_problem(p, WARNING) for p in d.problems)
    what = _WHAT[kind]
    for path in paths:
        src = str(path)
        if src not in d.line_counts:  # not read (reported above)
            continue
        content = d.line_counts[src]
        skipped = {p.line for p in d.problems if p.file == src and p.line and getattr(p, "skipped", True)}
        read = content - len(skipped)
        if content == 0:
            out.append(DictionaryProblem(src, None, f"the file holds no {what} entry: it codes nothing", ERROR))
        elif read <= 0:
            out.append(DictionaryProblem(
                src, None, f"no line of the file could be read ({content} skipped): it codes nothing", ERROR
            ))
        elif len(skipped) > read:
            out.append(DictionaryProblem(
                src, None, f"{len(skipped)} of {content} lines could not be read: is this a {what} dictionary?", ERROR
            ))
    if kind == "verbs" and not d.forms and any(str(p) in d.line_counts for p in paths):
        out.append(DictionaryProblem(
            str(paths[0]), None, "the verb dictionaries hold no verb: no event can be coded", ERROR
        ))
    return d, out


def _unknown_codes(d: VerbDictionary, scheme: Any) -> list[DictionaryProblem]:
    """A warning for each verb code the scheme does not know (:meth:`CodingScheme.knows`: an event type or an
    alias), at its first use."""
    name = getattr(scheme, "name", "") or "the scheme"
    out: list[DictionaryProblem] = []
    for code, (src, line, uses) in d.code_uses.items():
        unknown = [c for c in code.split(":") if c and not scheme.knows(c)]
        if unknown:
            more = f" (and {uses - 1} more use(s))" if uses > 1 else ""
            out.append(DictionaryProblem(
                src, line, f"code [{code}] is not an event type of {name}{more}", WARNING, skipped=False
            ))
    return out


def _code_map_notes(d: VerbDictionary, paths: Sequence[Path]) -> list[DictionaryProblem]:
    """A line for each verbs file whose codes were read through its code map (:func:`code_map_path`): which map,
    how many codes, how many uses -- a scheme that numbers codes as the file does would be mistranslated."""
    out: list[DictionaryProblem] = []
    for path in paths:
        src, cmap = str(path), d.code_maps.get(Path(path).name)
        if not cmap or src not in d.line_counts:
            continue
        mine = sorted((old, new, n) for (old, new), (f, _ln, n) in d.translated.items() if f == src)
        what = ", ".join(f"{old} -> {new} ({n})" for old, new, n in mine) or "none used"
        where = code_map_path(path)
        try:  # located at the map's first entry
            lines = where.read_text(encoding="utf-8", errors="replace").splitlines()
            line = next((i for i, t in enumerate(lines, 1) if t.strip() and not t.lstrip().startswith("#")), 1)
        except OSError:
            line = 1
        out.append(DictionaryProblem(
            str(where), line, f"the codes of {Path(path).name} were translated by {where.name} ({len(cmap)} code(s) "
            f"mapped; {sum(n for *_x, n in mine)} use(s): {what}): a scheme that numbers them as the file does must "
            "not keep the map beside it", WARNING, skipped=False))
    return out


def _write_inline(directory: Path, kind: str, lines: Sequence[str]) -> tuple[Path, list[int]]:
    """A scheme's inline lines as a file (as the coder writes them); for each file line, the entry it came from."""
    path = directory / f"{kind}_inline.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry_of: list[int] = []
    for i, line in enumerate(lines):
        entry_of.extend([i] * len(_NEWLINE.split(line)))
    return path, entry_of


def scheme_dictionary_problems(scheme: Any) -> list[DictionaryProblem]:
    """Every problem of a coding scheme's dictionaries (files and ``<kind>_inline`` entries), each with
    file:line and a ``severity``; errors first, then warnings, each in file order.

    Besides :func:`dictionary_problems` of each kind (the verbs read as the coder reads them, fitted to the
    scheme's list of codes: each code read as another is a warning at its line): a verbs file whose codes were
    translated by its code map (warning), a verb code the scheme does not define (warning). An inline entry's
    problem is located at the scheme file line that wrote it (``scheme.inline_lines``).
    """
    files = {k: [Path(p) for p in v] for k, v in (getattr(scheme, "dictionaries", {}) or {}).items()}
    inline = {k: list(v) for k, v in (getattr(scheme, "inline_dictionaries", {}) or {}).items() if v}
    inline_where = getattr(scheme, "inline_lines", {}) or {}
    scheme_file = str(getattr(scheme, "path", None) or getattr(scheme, "name", "scheme"))
    out: list[DictionaryProblem] = []
    with contextlib.ExitStack() as stack:
        relabel: dict[str, tuple[str, list[int], list[tuple[str, int]]]] = {}
        inline = {k: v for k, v in inline.items() if k in LOADERS}
        try:
            if inline:
                tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="eventcoder-inline-")))
            for kind, lines in inline.items():
                path, entry_of = _write_inline(tmp, kind, lines)
                files.setdefault(kind, []).append(path)
                relabel[str(path)] = (kind, entry_of, list(inline_where.get(kind, [])))
        except OSError as exc:  # no temporary directory: the files are still checked
            out.append(DictionaryProblem(
                scheme_file, None, f"inline dictionary entries not checked: {exc.strerror or exc}", WARNING, False
            ))
        # as the coder reads them (EventCoder.from_files): a scheme coded through a cameo_mapping keeps the codes
        codes = SchemeCodes.for_verbs_of(scheme)
        for kind in DICTIONARY_KINDS:
            paths = files.get(kind) or []
            d, found = _kind_problems(kind, paths, codes)
            if kind == "verbs" and d is not None:
                found.extend(_code_map_notes(d, paths))
                found.extend(_unknown_codes(d, scheme))
            for p in found:
                if p.file in relabel:
                    p = _inline_problem(p, *relabel[p.file], scheme_file)
                out.append(p)
    order = {str(p): i for i, p in enumerate(x for k in DICTIONARY_KINDS for x in files.get(k, []))}
    out = list(dict.fromkeys(out))
    out.sort(key=lambda p: (not p.is_error, order.get(p.file, len(order)), p.file, p.line or 0))
    return out


def _inline_problem(
    p: DictionaryProblem, kind: str, entry_of: list[int], where: list[tuple[str, int]], scheme_file: str
) -> DictionaryProblem:
    entry = entry_of[p.line - 1] if p.line and 0 < p.line <= len(entry_of) else None
    if entry is not None and entry < len(where):
        file, line = where[entry]
        number = sum(1 for w in where[:entry] if w[0] == file) + 1  # counted in the file that wrote it
        label = f"{kind}_inline entry {number}"
    else:
        file, line, label = scheme_file, None, f"{kind}_inline"
    return dataclasses.replace(p, file=file, line=line, message=f"{label}: {p.message}")


@dataclass(frozen=True)
class DictionaryReport:
    """What the window shows after loading a scheme: counts, a one-line summary and the first problems."""

    problems: tuple[DictionaryProblem, ...] = ()

    @property
    def errors(self) -> list[DictionaryProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[DictionaryProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """No error: the dictionaries can code (warnings may remain)."""
        return not self.errors

    def summary(self) -> str:
        """``""`` when there is no problem, else e.g. ``"dictionaries: 2 errors, 16 warnings"``."""
        if not self.problems:
            return ""
        parts = []
        if self.errors:
            parts.append(f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}")
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")
        return "dictionaries: " + ", ".join(parts)

    def lines(self, limit: int | None = None) -> list[str]:
        """``"error: file:line: message"`` / ``"warning: ..."``, errors first; at most ``limit`` and a last
        line saying how many more there are."""
        shown = self.problems if limit is None else self.problems[:limit]
        out = [f"{p.severity}: {p}" for p in shown]
        if len(shown) < len(self.problems):
            out.append(f"... and {len(self.problems) - len(shown)} more")
        return out


_REPORTS: dict[tuple, DictionaryReport] = {}


def files_signature(scheme: Any) -> tuple:
    """What a loaded scheme was read from, with each dictionary file's stat now: it differs once a file is edited."""
    def stat(p: Path) -> tuple:
        try:
            st = os.stat(p)
            return str(p), st.st_mtime_ns, st.st_size
        except OSError:
            return str(p), None, None

    files = dict(getattr(scheme, "dictionaries", {}) or {})
    if files.get("verbs"):  # a verbs file's code map is read with it
        files["verbs"] = [*files["verbs"], *(code_map_path(p) for p in files["verbs"])]
    # a loaded scheme's content hash covers its YAML and the content of every dictionary file when it was loaded
    # (schemes.py); the files' stat catches an edit made since
    return (
        str(getattr(scheme, "path", "")),
        getattr(scheme, "content_hash", ""),
        tuple((k, tuple(stat(Path(p)) for p in v)) for k, v in sorted(files.items())),
        tuple((k, tuple(v)) for k, v in sorted((getattr(scheme, "inline_dictionaries", {}) or {}).items())),
        tuple((k, tuple(v)) for k, v in sorted((getattr(scheme, "inline_lines", {}) or {}).items())),
        tuple(sorted(getattr(scheme, "event_types", {}) or {})),
        tuple(sorted(getattr(scheme, "aliases", {}) or {})),
    )


def scheme_dictionary_report(scheme: Any) -> DictionaryReport:
    """:func:`scheme_dictionary_problems` as a :class:`DictionaryReport`, remembered per process while the
    files are unchanged (the first call reads the dictionaries, or their compiled cache: under a second for
    CAMEO's; later calls are free)."""
    key = files_signature(scheme)
    report = _REPORTS.get(key)
    if report is None:
        report = DictionaryReport(tuple(scheme_dictionary_problems(scheme)))
        if len(_REPORTS) > 16:
            _REPORTS.clear()
        _REPORTS[key] = report
    return report
