"""Entry points: :func:`load_scheme` (raises one :class:`SchemeError` with every problem) and
:func:`check_scheme_file` / :func:`validate_scheme_file` (``eventcoder scheme validate``: the scheme file, what it
extends and its PETRARCH dictionaries)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.core.dictionaries import scheme_dictionary_problems
from eventcoder.core.errors import Problem, SchemeError

from .build import _build
from .catalogue import _SUFFIXES, _builtin_list, _find_scheme
from .extends import _resolve
from .scheme import CodingScheme
from .source import _Ctx


def _load(name_or_path: str | Path) -> tuple[CodingScheme | None, list[Problem]]:
    path = _find_scheme(name_or_path)
    if path is None:
        if (folder := _folder_said(name_or_path)) is not None:
            return None, [Problem(str(name_or_path), None, folder)]
        return None, [
            Problem(str(name_or_path), None, f"no such scheme file or built-in scheme (built-in: {_builtin_list()})")
        ]
    path = path.resolve()
    ctx = _Ctx(str(path))
    merged = _resolve(path, ctx)
    scheme = _build(merged, ctx) if merged is not None else None
    return scheme, _unique(ctx.problems)


def _folder_said(name_or_path: str | Path) -> str | None:
    """What to say of a folder given where a scheme file was wanted (None: it is no folder): that it is one, and
    the scheme file in it to give when it holds exactly one (``.yaml`` / ``.yml``)."""
    folder = Path(name_or_path)
    try:
        if not folder.is_dir():
            return None
        found = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file())
    except OSError:
        return None
    said = "is a folder, not a scheme file"
    if len(found) == 1:
        return f"{said}; give the scheme file in it: {found[0]}"
    if found:
        shown = ", ".join(p.name for p in found[:5]) + (", ..." if len(found) > 5 else "")
        return f"{said}; give one of its {len(found)} scheme files ({shown})"
    return f"{said} (it holds no .yaml scheme file); give the scheme's .yaml file"


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def load_scheme(name_or_path: str | Path) -> CodingScheme:
    """Load a built-in scheme by name (``"cameo"``, ``"PLOVER"``) or a scheme file; raise SchemeError."""
    scheme, problems = _load(name_or_path)
    if problems or scheme is None:
        raise SchemeError(problems, summary=f"invalid coding scheme {name_or_path}: {len(problems)} problem(s)")
    return scheme


@dataclass(frozen=True)
class SchemeCheck:
    """What ``eventcoder scheme validate`` reports: ``errors`` make the scheme invalid (exit 1), ``warnings``
    are dictionary lines left out of a dictionary that otherwise works (printed; exit 0)."""

    errors: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def builtin_warnings(self) -> list[Problem]:
        """The warnings in the dictionaries shipped with EventCoder (known, the same for every scheme using them)."""
        return [w for w in self.warnings if _shipped(w.file)]

    @property
    def own_warnings(self) -> list[Problem]:
        """The warnings in the user's own files."""
        return [w for w in self.warnings if not _shipped(w.file)]


def _shipped(file: str) -> bool:
    from eventcoder.resources import builtin_schemes_dir

    try:
        return Path(file).resolve().is_relative_to(builtin_schemes_dir().resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def check_scheme_file(path: str | Path) -> SchemeCheck:
    """Every problem in a scheme file (and in what it extends) and in its dictionaries, each with file:line.

    Errors: the scheme file's own problems, and each dictionary error (a file that is binary, unreadable,
    damaged, codes nothing or is mostly unreadable; a macro or synset that refers to itself; verb
    dictionaries with no verb). Warnings: the dictionary lines skipped, or read with a doubt, in files that
    otherwise work, and verb codes that are not event types of the scheme.
    """
    scheme, problems = _load(path)
    errors: list[Problem] = list(problems)
    warnings: list[Problem] = []
    if scheme is not None:
        for problem in scheme_dictionary_problems(scheme):
            (errors if problem.is_error else warnings).append(problem)
    return SchemeCheck(_unique(errors), _unique(warnings))


def validate_scheme_file(path: str | Path) -> list[Problem]:
    """Every error in a scheme file (and in what it extends) and in its dictionaries, each with file and
    line; [] when valid (dictionary warnings may remain: :func:`check_scheme_file` lists them)."""
    return check_scheme_file(path).errors
