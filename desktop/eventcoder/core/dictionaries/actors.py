"""PETRARCH actor dictionaries: names and synonyms with date-limited codes (``[HOBGOV 19950601-19990815]``),
how an entry codes on a date, and writing entries back as a PETRARCH actors file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from eventcoder.core.io.dates import parse_date as _read_date

from .files import (
    DictionaryProblem,
    _lines,
    _why,
)
from .phrases import PhraseDictionary, file_layers, phrase_tokens


def parse_date(text: str | _date | None) -> _date | None:
    """A date as a PETRARCH dictionary writes it: ``19950601``, ``950601`` (two-digit years: >= 30 -> 19xx) or ISO
    ``1995-06-01`` (:func:`eventcoder.core.io.dates.parse_date` with ``short_years``)."""
    return _read_date(text, short_years=True)


as_date = parse_date
"""A document's date (text, a date or None) as a date: the same reader."""


def _ymd(d: _date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(slots=True)
class ActorCode:
    code: str  # may contain "/" for compound actors ("FRO/BIL/SAM")
    start: int | None = None  # inclusive, YYYYMMDD
    end: int | None = None  # inclusive, YYYYMMDD

    def holds(self, on: int | None) -> bool:
        if on is None:
            return self.start is None and self.end is None
        if self.start is not None and on < self.start:
            return False
        if self.end is not None and on > self.end:
            return False
        return True

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(slots=True)
class ActorEntry:
    name: str
    codes: list[ActorCode] = field(default_factory=list)
    file: str = ""
    line: int = 0
    undated: ActorCode | None = None  # the code for a text without a date, when not the default (project entries)

    def resolve(self, on: str | _date | None = None) -> list[str]:
        """Codes holding on the date: the first date-limited code that holds, else the default (``undated``
        first when there is no date)."""
        d = as_date(on)
        key = _ymd(d) if d is not None else None
        if key is None and self.undated is not None:
            return [x for x in self.undated.code.split("/") if x]
        if key is not None:
            for c in self.codes:
                if c.restricted and c.holds(key):
                    return [x for x in c.code.split("/") if x]
        for c in self.codes:
            if not c.restricted:
                return [x for x in c.code.split("/") if x]
        if self.codes:  # only date-limited codes, none holds: the latest one
            return [x for x in self.codes[-1].code.split("/") if x]
        return []

    def past_dated(self, on: str | _date | None = None) -> ActorCode | None:
        """The entry's latest date-limited code (by its end) when ``on`` is after every one of them ended -- the
        office is no longer known on that date (a dictionary that ends before the story), else None. An entry
        with an open-ended range, one that holds on the date, or none at all is not past its dates."""
        latest = None
        for c in self.codes:
            if c.start is None and c.end is None:
                continue
            if c.end is None:
                return None  # open-ended: may hold still
            if latest is None or c.end > (latest.end or 0):
                latest = c
        if latest is None:
            return None
        d = as_date(on)
        return latest if d is not None and _ymd(d) > (latest.end or 0) else None


_CODE_RE = re.compile(r"^\s*([^\s<>\d][^\s<>]*|[A-Z0-9]{3,}[^\s<>]*)?\s*(.*)$")


def _parse_actor_code(body: str) -> tuple[ActorCode | None, str | None]:
    """``HOBGOV 19950601 - 19990815`` / ``HOB < 950601`` / ``ELR/GAL`` -> ActorCode or error."""
    body = body.strip()
    m = re.match(r"^([^\s<>]+)\s*(.*)$", body)
    if not m:
        return None, f"empty actor code [{body}]"
    code, rest = m.group(1), m.group(2).strip()
    if re.match(r"^\d", code) and not re.match(r"^\d{3}", code):
        return None, f"actor code expected, got [{body}]"
    if not rest:
        return ActorCode(code.upper()), None
    if rest.startswith("<"):
        d = parse_date(rest[1:].strip())
        if d is None:
            return None, f"bad date in [{body}]"
        # "< date": before the date
        return ActorCode(code.upper(), None, _ymd(_date.fromordinal(d.toordinal() - 1))), None
    if rest.startswith(">"):
        d = parse_date(rest[1:].strip())
        if d is None:
            return None, f"bad date in [{body}]"
        return ActorCode(code.upper(), _ymd(_date.fromordinal(d.toordinal() + 1)), None), None
    m2 = re.match(r"^(\d+)\s*-\s*(\d+)$", rest)
    if m2:
        d1, d2 = parse_date(m2.group(1)), parse_date(m2.group(2))
        if d1 is None or d2 is None:
            return None, f"bad date range in [{body}]"
        return ActorCode(code.upper(), _ymd(d1), _ymd(d2)), None
    return None, f"unknown date restriction in [{body}]"


@dataclass
class ActorDictionary(PhraseDictionary):
    """Actors by their words: ``lookup`` gives the :class:`ActorEntry` of a phrase."""

    def with_entries(self, extra: Iterable[ActorEntry], names: dict[int, Sequence[str]] | None = None,
                     source: str = "project actors") -> ActorDictionary:
        """A new dictionary: this one with ``extra`` entries taking priority for the same words.

        Each extra entry is looked up by its ``name`` (and, with ``names``, ``names[id(entry)]`` as synonyms).
        Where this dictionary has an entry for exactly the same words, the two are merged: the extra entry's
        codes come first (its date-limited codes win where they hold, its undated code is the default), this
        dictionary's codes after (they decide on dates the extra codes do not cover), and a text without a date
        takes the extra entry's ``undated`` code when it has one. Longer phrases still win over shorter ones.
        This dictionary is left as it is (its index is shared where nothing is added).
        """
        out = ActorDictionary(entries=list(self.entries), problems=list(self.problems),
                              files=[*self.files, source], line_counts=dict(self.line_counts))
        out.index.index = dict(self.index.index)
        added: dict[str, dict[tuple[str, ...], ActorEntry]] = {}  # first token -> words -> entry
        for entry in extra:
            for spelling in [entry.name, *(names.get(id(entry), ()) if names else ())]:
                toks = phrase_tokens(spelling)
                if not toks or toks in added.get(toks[0], {}):  # the first extra entry for these words wins
                    continue
                hit = self.index.match_at(toks, 0)
                base = hit[1] if hit is not None and hit[0] == len(toks) else None
                merged = entry
                if isinstance(base, ActorEntry):
                    merged = ActorEntry(entry.name, [*entry.codes, *base.codes], entry.file, entry.line,
                                        entry.undated if entry.undated is not None else _undated_of(entry))
                added.setdefault(toks[0], {})[toks] = merged
                out.entries.append(merged)
        for first, mine in added.items():  # each bucket rebuilt once: the extra entries first, then the rest
            rest = [item for item in out.index.index.get(first, []) if item[0] not in mine]
            bucket = [*mine.items(), *rest]
            bucket.sort(key=lambda item: -len(item[0]))  # longest first; among equals the extra entry wins
            out.index.index[first] = bucket
        return out


def _undated_of(entry: ActorEntry) -> ActorCode | None:
    """The code of an entry for a text without a date: its default, else its latest date-limited code."""
    for c in entry.codes:
        if not c.restricted:
            return c
    return max(entry.codes, key=lambda c: c.start or 0) if entry.codes else None


def _day(ymd: int, delta: int) -> _date:
    d = _date(ymd // 10000, ymd // 100 % 100, ymd % 100)
    return _date.fromordinal(d.toordinal() + delta)


def actor_code_text(code: ActorCode) -> str:
    """One PETRARCH code bracket: ``[FRAGOV]``, ``[FRAGOV 20220101-20231231]``, ``[FRAGOV >20211231]`` (from
    2022-01-01 on), ``[FRAGOV <20240101]`` (until 2023-12-31); :func:`parse_actors` reads it back as it was."""
    if code.start is not None and code.end is not None:
        return f"[{code.code} {code.start:08d}-{code.end:08d}]"
    if code.start is not None:
        return f"[{code.code} >{_ymd(_day(code.start, -1)):08d}]"
    if code.end is not None:
        return f"[{code.code} <{_ymd(_day(code.end, 1)):08d}]"
    return f"[{code.code}]"


def actor_name_text(name: str) -> str:
    """A name as a PETRARCH actors file spells it: upper case, words joined by ``_``."""
    return "_".join(w for w in re.split(r"[\s_]+", name.strip().upper()) if w)


def writable_actor_name(name: str) -> bool:
    """Whether ``name`` can be an entry of a PETRARCH actors file (no brackets, ``#``, ``+``, ``<``, ``>`` or ``!``,
    something left): :func:`format_actors` leaves the others out."""
    word = actor_name_text(name)
    return bool(word) and not re.search(r"[\[\]{}#+<>!]", word) and not word.startswith(("<", "+"))


def format_actors(entries: Iterable[tuple[str, Sequence[ActorCode]]], header: Sequence[str] = ()) -> str:
    """A PETRARCH actors file of ``(name, codes)`` pairs: ``NAME [CODE]`` for one undated code, else the name
    and one code line each (``header`` lines as ``#`` comments first). Names that cannot be written (brackets,
    ``#``, nothing left) are left out; :func:`parse_actors` reads the file back to the same entries."""
    lines = [f"# {h}" for h in header]
    for name, codes in entries:
        word = actor_name_text(name)
        if not codes or not writable_actor_name(name):
            continue
        codes = list(codes)
        if len(codes) == 1 and not codes[0].restricted:
            lines.append(f"{word} {actor_code_text(codes[0])}")
        else:
            lines.append(word)
            lines.extend(f"\t{actor_code_text(c)}" for c in codes)
    return "\n".join(lines) + "\n"


def parse_actors(paths: Sequence[Path | str]) -> ActorDictionary:
    """Actor entries of ``paths``; for the same words a later dictionary set wins over an earlier one (the project's
    ``EventCoder.*`` supplement over ``Phoenix.*``), the first entry within a set (:func:`.phrases.file_layers`)."""
    d = ActorDictionary(files=[str(p) for p in paths])
    for path, layer in zip(map(Path, paths), file_layers(paths), strict=True):
        fname, src = path.name, str(path)
        group: list[tuple[str, int]] = []  # names waiting for codes
        current: ActorEntry | None = None
        names_of_current: list[tuple[str, int]] = []
        orphan_of: int | None = None  # the line of an actor name that was skipped: its synonyms and codes go too
        unread: list[tuple[int, str]] = []  # the current actor's codes that could not be read: (problem index, why)
        closed = False  # the current actor was given codes (readable or not): the next name line is another actor

        def flush(src: str = src, layer: int = layer, unread: list[tuple[int, str]] = unread) -> None:
            nonlocal current, names_of_current, closed
            if current is not None:
                if current.codes:
                    d.entries.append(current)
                    for nm, _ln in names_of_current:
                        toks = phrase_tokens(nm)
                        if toks:
                            d.index.add(toks, current, layer)
                elif unread:  # its codes were all unreadable: one problem, at the first of them, says both
                    index, why = unread[0]
                    names = [repr(nm) for nm, _ln in names_of_current]
                    who = names[0] + (f" (and {', '.join(names[1:])})" if len(names) > 1 else "")
                    d.problems[index] = DictionaryProblem(src, d.problems[index].line,
                                                          f"{why}; actor {who} has no other code: skipped")
                else:
                    for nm, ln in names_of_current:
                        d.problems.append(DictionaryProblem(src, ln, f"actor {nm!r} has no code; skipped"))
            current = None
            names_of_current = []
            unread.clear()
            closed = False

        for no, line in _lines(path, d.problems, d.line_counts):
            s = line.strip()
            if orphan_of is not None and s.startswith(("[", "+")):
                what = "code" if s.startswith("[") else "synonym"
                d.problems.append(DictionaryProblem(
                    src, no, f"{what} {s!r} of the actor skipped at line {orphan_of}; skipped"
                ))
                continue
            if s.startswith("["):
                m = re.match(r"^\[([^\]]*)\]\s*$", s)
                if not m:
                    d.problems.append(DictionaryProblem(src, no, f"cannot read code line {s!r}{_why(s)}; skipped"))
                    continue
                ac, err = _parse_actor_code(m.group(1))
                if err:
                    if current is not None:
                        unread.append((len(d.problems), err))
                        closed = True
                    d.problems.append(DictionaryProblem(src, no, err + "; skipped"))
                    continue
                if current is None:
                    d.problems.append(DictionaryProblem(src, no, "code line without an actor name; skipped"))
                    continue
                current.codes.append(ac)  # type: ignore[arg-type]
                continue
            if s.startswith("+"):
                name = s[1:].strip()
                m = re.match(r"^(.*?)\s*\[([^\]]*)\]\s*$", name)
                if m:  # a synonym carrying its own code is read as its own entry
                    name = m.group(1)
                if current is None:
                    d.problems.append(DictionaryProblem(src, no, f"synonym {name!r} without an actor; skipped"))
                    continue
                if re.search(r"[\[\]{}]", name):
                    d.problems.append(DictionaryProblem(src, no, f"cannot read synonym {s!r}{_why(s)}; skipped"))
                    continue
                names_of_current.append((name, no))
                continue
            m = re.match(r"^([^\[\]{}]+?)\s*((?:\[[^\]]*\]\s*)*)$", s)
            if not m:
                d.problems.append(DictionaryProblem(src, no, f"cannot read actor line {s!r}{_why(s)}; skipped"))
                orphan_of = no
                continue
            orphan_of = None
            name, codes_text = m.group(1).strip(), m.group(2)
            if current is not None and (current.codes or closed):
                flush()  # (names waiting for a code share the next one; a name given codes, even unreadable, does not)
            if current is None:
                current = ActorEntry(name=name, file=fname, line=no)
            names_of_current.append((name, no))
            for code in re.findall(r"\[([^\]]*)\]", codes_text or ""):
                closed = True
                ac, err = _parse_actor_code(code)
                if err:
                    unread.append((len(d.problems), err))
                    d.problems.append(DictionaryProblem(src, no, err + "; skipped"))
                else:
                    current.codes.append(ac)  # type: ignore[arg-type]
        flush()
        del group
    d.index.finish()
    return d
