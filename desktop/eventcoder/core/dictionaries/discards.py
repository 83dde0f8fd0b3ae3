"""PETRARCH discard dictionaries: phrases that cancel a sentence (``PHRASE``) or the whole story (``+PHRASE``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.core.errors import Problem

from .files import (
    DictionaryProblem,
    _lines,
    _why,
)
from .phrases import PhraseIndex, phrase_tokens


@dataclass
class DiscardDictionary:
    index: PhraseIndex = field(default_factory=PhraseIndex)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    line_counts: dict[str, int] = field(default_factory=dict)  # lines with content, per file
    count: int = 0

    def __len__(self) -> int:
        return self.count


def parse_discards(paths: Sequence[Path | str]) -> DiscardDictionary:
    """``+PHRASE`` cancels the whole story; ``PHRASE`` cancels the sentence."""
    d = DiscardDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        src = str(path)
        for no, line in _lines(path, d.problems, d.line_counts):
            s = line.strip()
            story = s.startswith("+")
            if story:
                s = s[1:].strip()
            s = s.rstrip(";").strip()
            if re.search(r"[\[\]{}]", s):
                d.problems.append(DictionaryProblem(
                    src, no, f"cannot read discard line {line.strip()!r}{_why(s)}; skipped"
                ))
                continue
            words = phrase_tokens(s)
            if not words:
                d.problems.append(DictionaryProblem(src, no, f"empty discard entry {line.strip()!r}; skipped"))
                continue
            d.index.add(words, ("story" if story else "sentence", s))
            d.count += 1
    d.index.finish()
    return d
