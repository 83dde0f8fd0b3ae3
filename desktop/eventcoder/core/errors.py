"""The project's own error types: every user mistake surfaces as one of these, with a message."""

from __future__ import annotations

from dataclasses import dataclass


class EventCoderError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located by file and 1-based line."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class ProblemsError(EventCoderError):
    """An input was refused; ``problems`` lists every reason found, each with file:line."""

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = list(problems)
        head = summary or f"{len(self.problems)} problem(s)"
        super().__init__(head + ("\n" + "\n".join(str(p) for p in self.problems) if self.problems else ""))


class SchemeError(ProblemsError):
    """A coding scheme file is invalid; the project is left untouched."""


class DictionaryError(ProblemsError):
    """A PETRARCH/TABARI dictionary could not be read at all."""


class ImportRefused(EventCoderError):
    """A file was refused on import (binary, empty, undecodable, malformed)."""


class StoreError(EventCoderError):
    """The project file cannot be opened or written (newer schema, not a project, locked)."""


class ModelMissing(EventCoderError):
    """No spaCy English model is installed."""
