"""How dictionary words become tokens (split the way spaCy's English tokenizer splits them, so matching is a
comparison of token texts), regular plurals and verb forms, and :class:`PhraseIndex`, the first-token index
for longest-match lookup that every reader fills."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.core.errors import Problem

_ALNUM = re.compile(r"^[A-Z0-9]+$")
# a hyphen splits before a letter only, as spaCy's infix rule does: "UN-HABITAT" is three tokens,
# "G-20" and "MIG-31" one
_SPLIT_RE = re.compile(r"(-(?=[A-Z])|'S$|'$|,|\(|\)|/|\"|;)")


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


def dictionary_set(path: str | Path) -> str:
    """The dictionary set a file belongs to: its name's first dotted word, upper case (``Phoenix.agents.txt`` ->
    ``PHOENIX``, ``EventCoder.news.actors.txt`` -> ``EVENTCODER``)."""
    return Path(path).name.split(".", 1)[0].upper()


def file_layers(paths: Sequence[str | Path]) -> list[int]:
    """The precedence layer of each file of a dictionary, in the order given: files of one set (see
    :func:`dictionary_set`) share a layer, numbered by the set's first file. A higher layer wins for the same words
    (:meth:`PhraseIndex.finish`): a supplement listed after a third-party set overrides it, while the files of one
    set (``Phoenix.Countries`` / ``Phoenix.International`` / ``Phoenix.MilNonState``) keep their first entry."""
    seen: dict[str, int] = {}
    return [seen.setdefault(dictionary_set(p), len(seen)) for p in paths]


_SHORT_BUCKET = 8  # a bucket of up to this many phrases is scanned
_NONE = object()


def _length_table(bucket: list[tuple[tuple[str, ...], object]]) -> list[tuple[int, dict]] | None:
    """A bucket by phrase length, longest first, each length's first phrase of the same words kept (what a scan
    of the bucket in order finds first); None for a bucket not in longest-first order (then it is scanned)."""
    table: list[tuple[int, dict]] = []
    for words, payload in bucket:
        k = len(words)
        if not table or table[-1][0] != k:
            if table and table[-1][0] < k:
                return None
            table.append((k, {}))
        table[-1][1].setdefault(words, payload)
    return table


class PhraseIndex:
    """First-token index of phrases for longest-match lookup over a token sequence.

    Precedence among phrases starting with the same token, after :meth:`finish`: the longest phrase wins; among
    phrases of the same words, the one added with the highest ``layer`` wins (a later dictionary set overrides an
    earlier one, :func:`file_layers`); within a layer the first added wins (PETRARCH's files repeat words and
    expect the first entry to count)."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        self._layer: dict[int, int] = {}  # id(bucket item) -> layer, until finish()
        # first token -> (its bucket, [(length, {words: payload})] longest first): a long bucket ("MINISTER" has
        # ~600 phrases) looked up by length instead of scanned; rebuilt when the bucket is another list
        self._by_length: dict[str, tuple[list, list[tuple[int, dict]] | None]] = {}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_by_length", {})

    def add(self, words: tuple[str, ...], payload: object, layer: int = 0) -> None:
        if not words:
            return
        self._by_length.pop(words[0], None)
        bucket = self.index.setdefault(words[0], [])
        item = (words, payload)
        bucket.append(item)
        if layer:
            self._layer[id(item)] = layer

    def finish(self) -> None:
        layer = self._layer
        for bucket in self.index.values():
            # longest first; then the highest layer; first added wins among equals (stable sort)
            bucket.sort(key=lambda item: (-len(item[0]), -layer.get(id(item), 0)))
        self._layer = {}
        self._by_length = {}

    def match_at(self, toks: Sequence[str], i: int) -> tuple[int, object] | None:
        """Longest phrase starting at ``toks[i]``: (length, payload) or None."""
        first = toks[i]
        bucket = self.index.get(first)
        if not bucket:
            return None
        n = len(toks)
        if len(bucket) > _SHORT_BUCKET:
            table = self._by_length.get(first)
            if table is None or table[0] is not bucket:
                table = self._by_length[first] = (bucket, _length_table(bucket))
            if table[1] is not None:
                for k, phrases in table[1]:
                    if i + k <= n:
                        hit = phrases.get(tuple(toks[i : i + k]), _NONE)
                        if hit is not _NONE:
                            return k, hit
                return None
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
