"""How dictionary words become tokens (split the way spaCy's English tokenizer splits them, so matching is a
comparison of token texts), regular plurals and verb forms, and :class:`PhraseIndex`, the first-token index
for longest-match lookup that every reader fills."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventcoder.core.errors import Problem

_ALNUM = re.compile(r"^[A-Z0-9]+$")
_SPLIT_RE = re.compile(r"(-|'S$|'$|,|\(|\)|/|\"|;)")


def split_word(word: str) -> list[str]:
    """Split one upper-case dictionary word into tokens roughly as spaCy's tokenizer does."""
    if not word:
        return []
    if _ALNUM.match(word):
        return [word]
    parts = [p for p in _SPLIT_RE.split(word) if p]
    out: list[str] = []
    for p in parts:
        # a trailing period is kept on abbreviations (U.S., V.) like spaCy does; a lone
        # final period on a long word is split.
        if len(p) > 3 and p.endswith(".") and "." not in p[:-1]:
            out.extend([p[:-1], "."])
        else:
            out.append(p)
    return out


def phrase_tokens(text: str) -> tuple[str, ...]:
    """``RUSSIAN_FOREIGN_MINISTER`` / ``russian foreign minister`` -> token tuple (upper case)."""
    words = re.split(r"[_\s]+", text.strip().strip("_").upper())
    out: list[str] = []
    for w in words:
        out.extend(split_word(w))
    return tuple(out)


def plurals(word: str) -> list[str]:
    """Regular English plurals of an upper-case noun."""
    if not word or not word[-1].isalpha():
        return []
    if word.endswith("MAN"):
        return [word[:-3] + "MEN"]
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return [word[:-1] + "IES"]
    if word.endswith(("S", "SH", "CH", "X", "Z")):
        return [word + "ES"]
    return [word + "S"]


def verb_forms(word: str) -> set[str]:
    """Regular inflections of an upper-case verb (over-generation is harmless)."""
    forms = {word, word + "S", word + "ED", word + "ING"}
    if word.endswith("E"):
        forms |= {word + "D", word[:-1] + "ING"}
    if word.endswith(("S", "SH", "CH", "X", "Z", "O")):
        forms.add(word + "ES")
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        forms |= {word[:-1] + "IES", word[:-1] + "IED"}
    if (
        len(word) >= 3
        and word[-1] not in "AEIOUWXY"
        and word[-2] in "AEIOU"
        and word[-3] not in "AEIOU"
    ):
        forms |= {word + word[-1] + "ED", word + word[-1] + "ING"}
    return forms


class PhraseIndex:
    """First-token index of phrases for longest-match lookup over a token sequence."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], object]]] = {}

    def add(self, words: tuple[str, ...], payload: object) -> None:
        if not words:
            return
        bucket = self.index.setdefault(words[0], [])
        bucket.append((words, payload))

    def finish(self) -> None:
        for bucket in self.index.values():
            # longest first; first added wins among equals (stable sort)
            bucket.sort(key=lambda item: -len(item[0]))

    def match_at(self, toks: Sequence[str], i: int) -> tuple[int, object] | None:
        """Longest phrase starting at ``toks[i]``: (length, payload) or None."""
        bucket = self.index.get(toks[i])
        if not bucket:
            return None
        n = len(toks)
        for words, payload in bucket:
            k = len(words)
            if i + k <= n and tuple(toks[i : i + k]) == words:
                return k, payload
        return None

    def exact(self, phrase: str) -> object | None:
        """The payload of the phrase that is all of ``phrase`` (as :func:`phrase_tokens` splits it), or None."""
        toks = phrase_tokens(phrase)
        hit = self.match_at(toks, 0) if toks else None
        return hit[1] if hit is not None and hit[0] == len(toks) else None

    def __len__(self) -> int:
        return sum(len(b) for b in self.index.values())


@dataclass
class PhraseDictionary:
    """A dictionary whose entries are found by their words (actors, agents): the entries, the phrase index over
    every spelling of them, the problems met reading the files, and the lines with content per file."""

    entries: list[Any] = field(default_factory=list)
    index: PhraseIndex = field(default_factory=PhraseIndex)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    line_counts: dict[str, int] = field(default_factory=dict)  # lines with content, per file

    def lookup(self, phrase: str) -> Any:
        """The entry whose words are all of ``phrase``, or None."""
        return self.index.exact(phrase)

    def __len__(self) -> int:
        return len(self.entries)
