"""The project's own actor dictionary: the coder learns actors from the analysts as the type learner learns types.

An actor code an analyst gives to a mention (an accepted actor span with a code: coded, recoded or confirmed by
a person) is remembered by the project -- the mention's words -> that code, from the date of its document on --
and used by every later suggestion, in every document, before the built-in dictionaries for the same words.
Analysts see, add, change (code, date range) and remove entries (``eventcoder actors``, the window's
*Project actors…*), and export them as a PETRARCH actors file.

Where the entries come from (stored as data, never parsed out of display text):

* **learned** -- read from the codings each time (:meth:`~eventcoder.core.store.Project.learned_actor_codings`),
  so undoing a coding undoes what was learned from it. The words are normalised as the dictionaries match them
  (upper-case tokens; a leading article and a trailing possessive dropped), and only names are learned: words
  with a capitalised word that is not a pronoun or function word (``the minister``, ``she`` are not), and not
  wholly a role phrase of the agents dictionary (``President``), nor a list or a long phrase, nor words holding
  an event's trigger (a clause taken for an actor: ``Mali junta expels French``; the store leaves those
  out). A name coded with several codes gets each from the first date it was coded so (until the next code's
  first date); codings in undated documents give a code without a date.
* **added** -- rows of the project's actor table: an analyst's own entries (a code, optionally from / until a
  date), and suppressions that hide one learned (name, code). An added entry with a learned entry's name and
  code replaces it.

How an entry codes (:func:`dictionary_entries`, :meth:`~eventcoder.core.dictionaries.ActorDictionary.
with_entries`): its dated codes where their dates hold (added ones first), else its undated code, else the
built-in dictionary's codes for the same words (on dates the project's codes do not cover); a text without a
date takes the project's newest code. Longer phrases still win over shorter ones, as in any dictionary.

Changes are undoable commands (:func:`add_actor`, :func:`change_actor`, :func:`remove_actor`): one transaction
each, version-checked like every other command.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .commands import Command, Composite, row_state
from .dictionaries import (
    ActorCode,
    ActorDictionary,
    ActorEntry,
    AgentDictionary,
    format_actors,
    phrase_tokens,
    writable_actor_name,
)
from .errors import EventCoderError, StoreError
from .mentions import is_abbreviation
from .store import Project
from .store.actors import ENTRY, SUPPRESS, ActorEntryRow

LEARNED = "learned"
ADDED = "added"
SUPPRESSED = "suppressed"  # a learned entry an analyst removed (listed with ``include_suppressed``)
SOURCE_FILE = "project actors"  # how the coder's dictionary names the project's entries

LEADING = frozenset({"THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE"})
"""Articles and demonstratives dropped from the start of a learned name (``the Kremlin`` -> ``KREMLIN``)."""
TRAILING = frozenset({"'S", "'"})


@dataclass(frozen=True)
class ProjectActor:
    """One entry of the project's actor dictionary, as the analyst sees it.

    ``key``: the words as the dictionaries match them; ``start``/``end``: ISO dates (inclusive) or None;
    ``source``: :data:`LEARNED` (from ``mentions`` accepted mentions) or :data:`ADDED` (row ``entry_id`` of the
    project's actor table, at ``version``)."""

    name: str
    key: str
    code: str
    start: str | None = None
    end: str | None = None
    source: str = ADDED
    mentions: int = 0
    entry_id: int | None = None
    version: int | None = None

    @property
    def dates(self) -> str:
        """``from 2022-03-01``, ``2022-03-01 – 2023-12-31``, ``until …`` or ``""``."""
        if self.start and self.end:
            return f"{self.start} – {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return ""


class ActorEntryError(EventCoderError):
    """An entry the analyst gave cannot be stored (no words, no code, a bad date); nothing was written."""


# ---------------------------------------------------------------------------- names


def name_key(text: str) -> str:
    """The words of a name as the dictionaries match them (upper-case tokens joined by a space), with a leading
    article and a trailing possessive dropped; ``""`` when nothing is left."""
    toks = list(phrase_tokens(text))
    while toks and toks[0] in LEADING:
        toks.pop(0)
    while toks and toks[-1] in TRAILING:
        toks.pop()
    return " ".join(toks)


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy's English function words (a light import)

    return frozenset(STOP_WORDS)


_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def looks_like_name(text: str) -> bool:
    """Words that name someone: at least one capitalised word that is not a function word or pronoun (an
    all-capitals abbreviation like ``US`` counts)."""
    stop = _stop_words()
    for word in _WORD.findall(text):
        if not word[:1].isupper():
            continue
        if word.lower() not in stop or is_abbreviation(word):
            return True
    return False


# ---------------------------------------------------------------------------- the entries


def project_actors(project: Project, *, include_suppressed: bool = False) -> list[ProjectActor]:
    """The project's actor dictionary: learned entries (not suppressed, not replaced by an added one with the same
    words and code) and added entries, by words then date. ``include_suppressed``: the suppressed learned entries
    too (``source`` :data:`SUPPRESSED`)."""
    rows = project.actor_entries()
    suppressed = {(r.key, r.code) for r in rows if r.kind == SUPPRESS}
    suppressed_all = {r.key for r in rows if r.kind == SUPPRESS and not r.code}
    added = [r for r in rows if r.kind == ENTRY]
    replaced = {(r.key, r.code) for r in added}
    out: list[ProjectActor] = []
    for learned in _learned(project):
        hidden = (learned.key, learned.code) in suppressed or learned.key in suppressed_all
        if (learned.key, learned.code) in replaced:
            continue
        if hidden and not include_suppressed:
            continue
        out.append(dataclasses.replace(learned, source=SUPPRESSED) if hidden else learned)
    out.extend(ProjectActor(r.name, r.key, str(r.code), r.start, r.end, ADDED, 0, r.id, r.version) for r in added)
    out.sort(key=lambda a: (a.key, a.start or "", a.source != ADDED, a.code))
    return out


def _learned(project: Project) -> list[ProjectActor]:
    """Learned entries: per (words, code) the mentions and the first date; a code is valid from its first date
    until the day before the next code of the same words was first given."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for c in project.learned_actor_codings():
        code = c.code.strip().upper()
        if not code or code.startswith("---") or not looks_like_name(c.text):
            continue
        key = name_key(c.text)
        if not key or _not_one_name(key):
            continue
        g = grouped.setdefault((key, code), {"name": c.text, "mentions": 0, "first": None, "best": 0})
        g["mentions"] += c.mentions
        if c.mentions > g["best"]:  # the spelling used most names the entry
            g["name"], g["best"] = c.text, c.mentions
        if c.first_date and (g["first"] is None or c.first_date < g["first"]):
            g["first"] = c.first_date
    by_key: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for (key, code), g in grouped.items():
        by_key.setdefault(key, []).append((code, g))
    out: list[ProjectActor] = []
    for key, codes in by_key.items():
        dated = sorted((g["first"], code) for code, g in codes if g["first"])
        ends: dict[str, str | None] = {}
        for i, (_first, code) in enumerate(dated):
            ends[code] = _day_before(dated[i + 1][0]) if i + 1 < len(dated) else None
        for code, g in codes:
            end = ends.get(code)
            if end is not None and g["first"] and end < g["first"]:
                end = g["first"]  # two codes first given on the same day: both from that day
            out.append(ProjectActor(g["name"], key, code, g["first"], end, LEARNED, g["mentions"]))
    return out


MAX_LEARNED_WORDS = 8
"""Longer mentions are phrases, not names: not learned (an analyst can still add them)."""


def _not_one_name(key: str) -> bool:
    """A list (``Gondor, Arnor``) or a long phrase: its code is not the code of its words wherever they appear."""
    toks = key.split(" ")
    return len(toks) > MAX_LEARNED_WORDS or any(t in (",", ";") for t in toks)


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def _ymd(iso: str | None) -> int | None:
    return int(iso.replace("-", "")) if iso else None


def _code(actor: ProjectActor) -> ActorCode:
    return ActorCode(actor.code, _ymd(actor.start), _ymd(actor.end))


def dictionary_entries(actors: Iterable[ProjectActor], agents: AgentDictionary | None = None) -> list[ActorEntry]:
    """One dictionary entry per name: its dated codes (added first, then learned by date), then its undated ones
    (added first); a text without a date takes the undated added code, else the newest code. Learned names that
    are wholly a role phrase of ``agents`` (``President``) are left out."""
    return [entry for _key, entry in _keyed_entries(actors, agents)]


def _keyed_entries(actors: Iterable[ProjectActor], agents: AgentDictionary | None) -> list[tuple[str, ActorEntry]]:
    by_key: dict[str, list[ProjectActor]] = {}
    for a in actors:
        if a.source == SUPPRESSED:
            continue
        by_key.setdefault(a.key, []).append(a)
    out: list[tuple[str, ActorEntry]] = []
    for key, group in by_key.items():
        role = agents.index.match_at(key.split(" "), 0) if agents is not None else None
        if role is not None and role[0] == len(key.split(" ")):
            group = [a for a in group if a.source == ADDED]  # a role word is only a name when an analyst says so
            if not group:
                continue
        dated = [a for a in group if a.start or a.end]
        undated = [a for a in group if not (a.start or a.end)]
        dated.sort(key=lambda a: (a.source != ADDED, a.start or "", a.end or ""))
        undated.sort(key=lambda a: a.source != ADDED)
        codes = [_code(a) for a in (*dated, *undated)]
        added_undated = next((a for a in undated if a.source == ADDED), None)
        newest = max(group, key=lambda a: (a.start or "", a.source == ADDED))
        pick = added_undated or (newest if newest.start else (undated[0] if undated else newest))
        # named by its key: the words it matches ("the Varnholt Council" matches "Varnholt Council")
        out.append((key, ActorEntry(key, codes, SOURCE_FILE, 0, _code(pick))))
    return out


def with_project_actors(actors: ActorDictionary | None, agents: AgentDictionary | None,
                        entries: Sequence[ProjectActor]) -> ActorDictionary:
    """The coder's actor dictionary with the project's entries first for the same words (see the module's doc)."""
    base = actors if actors is not None else ActorDictionary()
    return base.with_entries(dictionary_entries(entries, agents), source=SOURCE_FILE)


# ---------------------------------------------------------------------------- export


def petrarch_text(actors: Sequence[ProjectActor], header: Sequence[str] = ()) -> str:
    """The project's actor dictionary as a PETRARCH actors file (what the scheme loader and ``eventcoder scheme
    validate`` read): one entry per name, its codes with their date ranges."""
    entries = sorted(_keyed_entries(actors, None), key=lambda item: item[0])
    return format_actors((("_".join(key.split(" ")), e.codes) for key, e in entries), header)


def export_petrarch(project: Project, path: str | Path, left_out: list[str] | None = None) -> int:
    """Write the project's actor dictionary to ``path`` (whole or not at all); the number of names written. A name
    a PETRARCH file cannot hold (``[brackets]``, ``#``, ...) is left out, and appended to ``left_out`` when given
    (the count said "written" for them too)."""
    actors = project_actors(project)
    keys = {a.key: a.name for a in actors if a.source != SUPPRESSED}
    unwritable = sorted(name for key, name in keys.items() if not writable_actor_name("_".join(key.split(" "))))
    if left_out is not None:
        left_out.extend(unwritable)
    names = len(keys) - len(unwritable)
    header = [f"The actor dictionary of the EventCoder project {Path(project.path).name}: {names} name(s),",
              "learned from the analysts' codings and added by them. Use it in a scheme, e.g.",
              'extends: cameo / dictionaries: actors: ["@base", this_file.txt]']
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(petrarch_text(actors, header), encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EventCoderError(f"{target}: cannot write the actors file ({exc.strerror or exc})") from exc
    return names


# ---------------------------------------------------------------------------- changes (undoable commands)


def _state(row: ActorEntryRow) -> str:
    """A digest of a row's contents but its version and time stamp (as :func:`~eventcoder.core.commands.row_state`)."""
    return row_state({k: v for k, v in dataclasses.asdict(row).items()})


def _checked(project: Project, entry_id: int, expected_version: int | None, expected_state: str | None) -> int | None:
    """The row's version when it is still as the command expects: at ``expected_version``, or -- after an undo of a
    later step wrote it back under a newer version -- holding ``expected_state`` again; else the store refuses."""
    row = project.get_actor_entry(entry_id)
    if row is None or expected_version is None:
        return expected_version
    if row.version != expected_version and expected_state is not None and _state(row) == expected_state:
        return row.version
    return expected_version


@dataclass(frozen=True)
class AddActorEntry:
    """Store a row of the project's actor table (an entry or a suppression); its inverse removes it."""

    entry: ActorEntryRow
    label: str = "add actor"

    def apply(self, project: Project) -> Command:
        stored = project.add_actor_entry(self.entry, action=self.label)
        return RemoveActorEntry(int(stored.id), stored.version, _state(stored), label=self.label)  # type: ignore[arg-type]


@dataclass(frozen=True)
class RemoveActorEntry:
    """Remove a row (refused when it changed since ``expected_version``); its inverse puts it back, same id."""

    entry_id: int
    expected_version: int | None = None
    expected_state: str | None = None
    label: str = "remove actor"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            version = _checked(project, self.entry_id, self.expected_version, self.expected_state)
            before = project.delete_actor_entry(self.entry_id, expected_version=version, action=self.label)
        return AddActorEntry(before, label=self.label)


@dataclass(frozen=True)
class ChangeActorEntry:
    """Change columns of a row (refused when it changed since ``expected_version``)."""

    entry_id: int
    changes: dict[str, Any]
    expected_version: int | None = None
    expected_state: str | None = None
    label: str = "change actor"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            version = _checked(project, self.entry_id, self.expected_version, self.expected_state)
            before, after = project.update_actor_entry(self.entry_id, self.changes, expected_version=version,
                                                       action=self.label)
        old = dataclasses.asdict(before)
        return ChangeActorEntry(self.entry_id, {k: old[k] for k in self.changes}, after.version, _state(after),
                                label=self.label)


def _date(value: str | dt.date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ActorEntryError(f"{what} date {value!r} is not a date (YYYY-MM-DD)") from None


def _entry_row(name: str, code: str, start: str | dt.date | None, end: str | dt.date | None,
               note: str | None = None) -> ActorEntryRow:
    key = name_key(name)
    if not key:
        raise ActorEntryError(f"actor name {name!r} has no words to match")
    code = (code or "").strip().upper()
    if not code or re.search(r"[\s\[\]<>#]", code):
        raise ActorEntryError(f"actor code {code!r} for {name!r}: give one code without spaces (e.g. FRAGOV)")
    s, e = _date(start, "start"), _date(end, "end")
    if s and e and s > e:
        raise ActorEntryError(f"{name!r}: the entry starts ({s}) after it ends ({e})")
    return ActorEntryRow(name=name.strip(), key=key, code=code, kind=ENTRY, start=s, end=e, note=note)


def add_actor(name: str, code: str, start: str | dt.date | None = None, end: str | dt.date | None = None,
              note: str | None = None) -> Command:
    """An analyst's entry: ``name`` coded ``code`` (from ``start``, until ``end``, both optional and inclusive).
    ActorEntryError (nothing written) for a name without words, a bad code or dates."""
    row = _entry_row(name, code, start, end, note)
    return AddActorEntry(row, label=f"add actor {row.name} → {row.code}")


def change_actor(actor: ProjectActor, *, name: str | None = None, code: str | None = None,
                 start: str | dt.date | None | bool = False, end: str | dt.date | None | bool = False) -> Command:
    """Change an entry's name, code or dates (``start``/``end``: False leaves them, None clears them). An added
    entry is changed in place; a learned one is suppressed and an added entry with the changes takes its place
    (one undo step)."""
    new_start = actor.start if start is False else start
    new_end = actor.end if end is False else end
    row = _entry_row(name if name is not None else actor.name, code if code is not None else actor.code,
                     new_start, new_end)  # type: ignore[arg-type]
    label = f"change actor {actor.name} → {row.code}"
    if actor.source == ADDED and actor.entry_id is not None:
        changes = {k: getattr(row, k) for k in ("name", "key", "code", "start", "end")}
        return ChangeActorEntry(actor.entry_id, changes, actor.version, label=label)
    if actor.source != LEARNED:
        raise StoreError(f"actor entry {actor.name!r} cannot be changed: it is {actor.source}")
    return Composite((AddActorEntry(_suppression(actor), label=label), AddActorEntry(row, label=label)), label=label)


def remove_actor(actor: ProjectActor) -> Command:
    """Remove an entry: an added one is deleted; a learned one is suppressed (its codings stay as they are, and
    the name no longer codes so; undo brings it back)."""
    label = f"remove actor {actor.name} ({actor.code})"
    if actor.source == ADDED and actor.entry_id is not None:
        return RemoveActorEntry(actor.entry_id, actor.version, label=label)
    if actor.source != LEARNED:
        raise StoreError(f"actor entry {actor.name!r} is already removed")
    return AddActorEntry(_suppression(actor), label=label)


def _suppression(actor: ProjectActor) -> ActorEntryRow:
    return ActorEntryRow(name=actor.name, key=actor.key, code=actor.code, kind=SUPPRESS,
                         note=f"learned from {actor.mentions} mention(s); removed by an analyst")


def find_actor(actors: Sequence[ProjectActor], name: str, code: str | None = None) -> list[ProjectActor]:
    """The entries for ``name`` (its words, as the dictionaries match them), with ``code`` when given."""
    key = name_key(name)
    wanted = (code or "").strip().upper()
    return [a for a in actors if a.key == key and (not wanted or a.code == wanted)]
