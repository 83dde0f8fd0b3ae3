"""The catalogue of built-in schemes: where they are (``$EVENTCODER_SCHEMES_DIR``, else the shipped
``coding_schemes/``), their names, and finding a scheme by built-in name or file path."""

from __future__ import annotations

import os
from pathlib import Path

from eventcoder.resources import schemes_dir

BUILTIN_DIR: Path = schemes_dir()  # $EVENTCODER_SCHEMES_DIR, else the shipped schemes (eventcoder.resources)

_SUFFIXES = (".yaml", ".yml")


def _builtin_dir() -> Path:
    env = os.environ.get("EVENTCODER_SCHEMES_DIR")
    return Path(env) if env else BUILTIN_DIR


def builtin_scheme_names() -> list[str]:
    directory = _builtin_dir()
    if not directory.is_dir():
        return []
    return sorted({p.stem.lower() for p in directory.iterdir() if p.suffix in _SUFFIXES and p.is_file()})


def _builtin_list() -> str:
    return ", ".join(builtin_scheme_names()) or "none"


def _find_scheme(name_or_path: str | Path, relative_to: Path | None = None) -> Path | None:
    """A built-in name (any case) or a file path (relative to ``relative_to`` when given)."""
    text = str(name_or_path)
    if not isinstance(name_or_path, Path) and "/" not in text and "\\" not in text:
        if not text.lower().endswith(_SUFFIXES):
            directory = _builtin_dir()
            for suffix in _SUFFIXES:
                candidate = directory / f"{text.lower()}{suffix}"
                if candidate.is_file():
                    return candidate
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    try:
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None
