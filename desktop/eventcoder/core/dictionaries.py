"""Readers for PETRARCH/TABARI dictionaries (verbs, actors, agents, discards).

The files are read directly, in the format analysts already maintain (see
``shared/reference/README.md``). Each reader returns a small, picklable object that the
suggestion engine matches against spaCy tokens:

* words are compared in upper case; ``_`` joins the words of a phrase;
* a phrase is stored as a tuple of *tokens* split the way spaCy's English tokenizer splits
  them (``AL-QAEDA`` -> ``AL - QAEDA``, ``GONDOR'S`` -> ``GONDOR 'S``), so that matching is a
  plain comparison of token texts;
* a line the reader does not understand is recorded as a :class:`~eventcoder.core.errors.Problem`
  (file:line) on the loaded object's ``problems`` list and skipped -- never a crash.

Compiled dictionaries are cached (pickle keyed by the files' sha256 and ``CODE_VERSION``) in the
user cache directory; an unwritable cache is silently ignored. Use :func:`load_verbs`,
:func:`load_actors`, :func:`load_agents`, :func:`load_discards` (cached) or the ``parse_*``
functions (uncached, used by tests).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from eventcoder.core.errors import DictionaryError, Problem

CODE_VERSION = "dict-10"

# --------------------------------------------------------------------------- helpers

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


def strip_comment(line: str) -> str:
    """Drop a ``#`` comment, but not a ``#`` inside ``[...]`` (codes like ``[###]``)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _lines(path: Path, problems: list[Problem]) -> Iterable[tuple[int, str]]:
    """Yield (line number, text without comments) skipping blank lines and ``<!-- -->`` blocks."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError([Problem(str(path), None, f"cannot read: {exc}")]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    in_html = False
    for no, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if in_html:
            if "-->" in s:
                in_html = False
            continue
        if s.startswith("<!"):
            if "-->" not in s:
                in_html = True
            continue
        s = strip_comment(line).rstrip()
        if not s.strip():
            continue
        yield no, s


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


def parse_date(text: str) -> _date | None:
    """``19950601``, ``950601`` (two-digit years: >= 30 -> 19xx) or ISO ``1995-06-01``."""
    t = text.strip().replace("-", "") if len(text.strip()) == 10 else text.strip()
    if not t.isdigit():
        return None
    try:
        if len(t) == 8:
            return _date(int(t[:4]), int(t[4:6]), int(t[6:8]))
        if len(t) == 6:
            yy = int(t[:2])
            year = 1900 + yy if yy >= 30 else 2000 + yy
            return _date(year, int(t[2:4]), int(t[4:6]))
    except ValueError:
        return None
    return None


def as_date(value: str | _date | None) -> _date | None:
    if value is None or isinstance(value, _date):
        return value
    s = str(value).strip()
    if len(s) >= 10 and s[4] == "-":
        return parse_date(s[:10])
    return parse_date(s)


def file_sha256(paths: Sequence[Path]) -> str:
    h = hashlib.sha256(CODE_VERSION.encode())
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(Path(p).read_bytes())
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


def cached(kind: str, paths: Sequence[Path], build):
    """Return ``build()``, pickled under the cache dir keyed by the files' sha256 + code version."""
    paths = [Path(p) for p in paths]
    try:
        key = file_sha256(paths)
    except OSError as exc:
        raise DictionaryError([Problem(str(p), None, f"cannot read: {exc}") for p in paths]) from exc
    cdir = _cache_dir()
    target = cdir / f"{kind}-{CODE_VERSION}-{key[:32]}.pkl" if cdir else None
    if target is not None and os.environ.get("EVENTCODER_NO_CACHE") != "1":
        try:
            with open(target, "rb") as fh:
                return pickle.load(fh)
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
            for old in target.parent.glob(f"{kind}-*.pkl"):  # caches of older code versions
                if not old.name.startswith(f"{kind}-{CODE_VERSION}-"):
                    old.unlink(missing_ok=True)
        except Exception:
            pass
    return obj


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

    def __len__(self) -> int:
        return sum(len(b) for b in self.index.values())


# --------------------------------------------------------------------------- actors


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

    def resolve(self, on: str | _date | None = None) -> list[str]:
        """Codes holding on the date: the first date-limited code that holds, else the default."""
        d = as_date(on)
        key = _ymd(d) if d is not None else None
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
class ActorDictionary:
    entries: list[ActorEntry] = field(default_factory=list)
    index: PhraseIndex = field(default_factory=PhraseIndex)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def lookup(self, phrase: str) -> ActorEntry | None:
        toks = phrase_tokens(phrase)
        if not toks:
            return None
        hit = self.index.match_at(toks, 0)
        if hit and hit[0] == len(toks):
            return hit[1]  # type: ignore[return-value]
        return None

    def __len__(self) -> int:
        return len(self.entries)


def parse_actors(paths: Sequence[Path | str]) -> ActorDictionary:
    d = ActorDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        fname = path.name
        group: list[tuple[str, int]] = []  # names waiting for codes
        current: ActorEntry | None = None
        names_of_current: list[tuple[str, int]] = []

        def flush(fname: str = fname) -> None:
            nonlocal current, names_of_current
            if current is not None:
                if current.codes:
                    d.entries.append(current)
                    for nm, _ln in names_of_current:
                        toks = phrase_tokens(nm)
                        if toks:
                            d.index.add(toks, current)
                else:
                    for nm, ln in names_of_current:
                        d.problems.append(Problem(fname, ln, f"actor {nm!r} has no code; skipped"))
            current = None
            names_of_current = []

        for no, line in _lines(path, d.problems):
            s = line.strip()
            if s.startswith("["):
                m = re.match(r"^\[([^\]]*)\]\s*$", s)
                if not m:
                    d.problems.append(Problem(fname, no, f"cannot read code line {s!r}; skipped"))
                    continue
                ac, err = _parse_actor_code(m.group(1))
                if err:
                    d.problems.append(Problem(fname, no, err + "; skipped"))
                    continue
                if current is None:
                    d.problems.append(Problem(fname, no, "code line without an actor name; skipped"))
                    continue
                current.codes.append(ac)  # type: ignore[arg-type]
                continue
            if s.startswith("+"):
                name = s[1:].strip()
                m = re.match(r"^(.*?)\s*\[([^\]]*)\]\s*$", name)
                if m:  # a synonym carrying its own code is read as its own entry
                    name = m.group(1)
                if current is None:
                    d.problems.append(Problem(fname, no, f"synonym {name!r} without an actor; skipped"))
                    continue
                if re.search(r"[\[\]{}]", name):
                    d.problems.append(Problem(fname, no, f"cannot read synonym {s!r}; skipped"))
                    continue
                names_of_current.append((name, no))
                continue
            m = re.match(r"^([^\[\]{}]+?)\s*((?:\[[^\]]*\]\s*)*)$", s)
            if not m:
                d.problems.append(Problem(fname, no, f"cannot read actor line {s!r}; skipped"))
                continue
            name, codes_text = m.group(1).strip(), m.group(2)
            if current is not None and current.codes:
                flush()
            if current is None:
                current = ActorEntry(name=name, file=fname, line=no)
            names_of_current.append((name, no))
            for code in re.findall(r"\[([^\]]*)\]", codes_text or ""):
                ac, err = _parse_actor_code(code)
                if err:
                    d.problems.append(Problem(fname, no, err + "; skipped"))
                else:
                    current.codes.append(ac)  # type: ignore[arg-type]
        flush()
        del group
    d.index.finish()
    return d


# --------------------------------------------------------------------------- agents


@dataclass
class AgentEntry:
    name: str
    code: str  # the role code without "~"
    prefix: bool  # True for "[NGO~]" (code goes before the country), False for "[~GOV]"
    file: str = ""
    line: int = 0


@dataclass
class AgentDictionary:
    entries: list[AgentEntry] = field(default_factory=list)
    index: PhraseIndex = field(default_factory=PhraseIndex)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def lookup(self, phrase: str) -> AgentEntry | None:
        toks = phrase_tokens(phrase)
        hit = self.index.match_at(toks, 0) if toks else None
        if hit and hit[0] == len(toks):
            return hit[1]  # type: ignore[return-value]
        return None

    def __len__(self) -> int:
        return len(self.entries)


MAX_MACRO_DEPTH = 16
MAX_MACRO_VARIANTS = 10_000


def _expand_macros(text: str, macros: dict[str, list[str]], depth: int = 0) -> list[str]:
    """Every spelling an agent phrase's ``!MACRO!`` references give; ValueError for a macro that refers to
    itself (directly or not) or expands into too many phrases."""
    m = re.search(r"!([A-Z0-9_]+)!", text)
    if not m:
        return [text]
    if depth >= MAX_MACRO_DEPTH:
        raise ValueError(f"macro !{m.group(1)}! expands without end (does it refer to itself?)")
    out: list[str] = []
    for alt in macros.get(m.group(1), []):
        out.extend(_expand_macros(text[: m.start()] + alt + text[m.end() :], macros, depth + 1))
        if len(out) > MAX_MACRO_VARIANTS:
            raise ValueError(f"macro !{m.group(1)}! expands into more than {MAX_MACRO_VARIANTS} phrases")
    return out


def parse_agents(paths: Sequence[Path | str]) -> AgentDictionary:
    d = AgentDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        fname = path.name
        macros: dict[str, list[str]] = {}
        for no, line in _lines(path, d.problems):
            s = line.strip().upper()
            m = re.match(r"^!([A-Z0-9_]+)!\s*=\s*(.+)$", s)
            if m:
                macros[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
                continue
            m = re.match(r"^([^\[\]{}]+?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*?)\s*\]\s*$", s)
            if not m:
                d.problems.append(Problem(fname, no, f"cannot read agent line {s!r}; skipped"))
                continue
            name, plural_block, code = m.group(1).strip(), m.group(2), m.group(3).replace(" ", "")
            if code.startswith("~") and len(code) > 1:
                entry_code, prefix = code[1:], False
            elif code.endswith("~") and len(code) > 1:
                entry_code, prefix = code[:-1], True
            else:
                d.problems.append(Problem(fname, no, f"agent code must be [~CODE] or [CODE~], got [{code}]"))
                continue
            if "!" in name and not re.search(r"!([A-Z0-9_]+)!", name):
                d.problems.append(Problem(fname, no, f"bad macro in {name!r}; skipped"))
                continue
            unknown = [mm for mm in re.findall(r"!([A-Z0-9_]+)!", name) if mm not in macros]
            if unknown:
                d.problems.append(Problem(fname, no, f"unknown macro !{unknown[0]}!; skipped"))
                continue
            try:
                variants = _expand_macros(name, macros)
            except ValueError as exc:
                d.problems.append(Problem(fname, no, f"{exc}; skipped"))
                continue
            for variant in variants:
                entry = AgentEntry(variant, entry_code, prefix, fname, no)
                d.entries.append(entry)
                forms = {variant.rstrip("_")}
                if plural_block is not None:
                    forms |= {p.strip() for p in plural_block[1:-1].split() if p.strip()}
                elif not variant.endswith("_"):
                    words = variant.split("_")
                    for pl in plurals(words[-1]):
                        forms.add("_".join(words[:-1] + [pl]))
                for f in forms:
                    d.index.add(phrase_tokens(f), entry)
    d.index.finish()
    return d


# --------------------------------------------------------------------------- discards


@dataclass
class DiscardDictionary:
    index: PhraseIndex = field(default_factory=PhraseIndex)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    count: int = 0

    def __len__(self) -> int:
        return self.count


def parse_discards(paths: Sequence[Path | str]) -> DiscardDictionary:
    """``+PHRASE`` cancels the whole story; ``PHRASE`` cancels the sentence."""
    d = DiscardDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        for no, line in _lines(path, d.problems):
            s = line.strip()
            story = s.startswith("+")
            if story:
                s = s[1:].strip()
            s = s.rstrip(";").strip()
            if re.search(r"[\[\]{}]", s) or not s:
                d.problems.append(Problem(path.name, no, f"cannot read discard line {line.strip()!r}"))
                continue
            d.index.add(phrase_tokens(s), ("story" if story else "sentence", s))
            d.count += 1
    d.index.finish()
    return d


# --------------------------------------------------------------------------- verbs

# A pattern side is a list of Slots; a Slot is a list of alternatives; an alternative is a
# tuple of (word, glued_to_previous) pairs. Special words: "*" never appears inside sides;
# "%" compound, "$" source, "+" target, "^" any one token.


@dataclass
class Slot:
    alts: list[tuple[tuple[str, bool], ...]]
    glued: bool = False  # must directly follow the previous slot (or the verb)
    prep: bool = False  # first word of a prepositional phrase "(PREP ...)"
    in_prep: bool = False  # inside a prepositional phrase: must be in the prep's subtree
    marker: str | None = None  # "$" or "+": the actor of the matched token is source/target
    compound: bool = False  # "%": the subject/object is compound
    any_token: bool = False  # "^"


@dataclass
class VerbPattern:
    pre: list[Slot]
    post: list[Slot]
    code: str | None  # None = [---]
    text: str
    block: str
    file: str
    line: int
    pre_glued_to_verb: bool = False
    post_glued_to_verb: bool = False
    size: int = 0  # number of words: more specific patterns are tried first
    # per word slot, the words one of which must occur for the pattern to match (a fast pre-filter)
    need: tuple[frozenset[str], ...] = ()


@dataclass
class VerbEntry:
    """One verb of a block (a word or a multi-word verb)."""

    word: str  # the inflected verb word this entry was generated for (upper case)
    base: str  # the primary form as written
    block: str
    code: str | None
    pre: tuple[str, ...] = ()  # multi-word: words directly before the verb (WIRE_+TAP)
    post: tuple[str, ...] = ()  # words after the verb (+CORDON_OFF)
    line: int = 0
    file: str = ""


@dataclass
class VerbBlock:
    name: str
    code: str | None
    patterns: list[VerbPattern] = field(default_factory=list)
    line: int = 0


@dataclass
class Transformation:
    text: str
    outer: str  # the reporting/intent verb block (SAY, CLAIM, WANT, ...)
    inner: str  # block or code class of the embedded verb
    inner_source: str  # "a" (same as outer source), "b", "_" (none), "."
    code: str
    line: int = 0


@dataclass
class VerbDictionary:
    synsets: dict[str, list[tuple[tuple[str, bool], ...]]] = field(default_factory=dict)
    blocks: dict[str, VerbBlock] = field(default_factory=dict)
    forms: dict[str, list[VerbEntry]] = field(default_factory=dict)
    transformations: list[Transformation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks.values())

    def entries_for(self, *words: str) -> list[VerbEntry]:
        out: list[VerbEntry] = []
        seen: set[int] = set()
        for w in words:
            for e in self.forms.get(w, ()):
                if id(e) not in seen:
                    seen.add(id(e))
                    out.append(e)
        return out

    def __len__(self) -> int:
        return len(self.blocks)


_VCODE = re.compile(r"\[\s*([^\]]*?)\s*\]")


def _code_value(raw: str) -> str | None:
    raw = raw.strip()
    if raw in ("---", ""):
        return None
    return raw


def _word_alts(word: str) -> tuple[tuple[str, bool], ...]:
    """One upper-case word (maybe with a trailing _ = no plurals) -> glued token sequence."""
    toks = split_word(word)
    return tuple((t, i > 0) for i, t in enumerate(toks))


class _PatternError(ValueError):
    pass


def _tokenize_pattern(text: str) -> list[str]:
    """Split a pattern body into items: words, ``*``, ``(``, ``)``, ``{...}``, markers, ``_`` glue."""
    items: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            items.append(" ")
            i += 1
        elif ch in "()*$+%^_":
            items.append(ch)
            i += 1
        elif ch == "{":
            j = text.find("}", i)
            if j < 0:
                raise _PatternError("unclosed {")
            items.append(text[i : j + 1])
            i = j + 1
        elif ch == "}":
            raise _PatternError("unbalanced }")
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "()*$+%^_{}":
                j += 1
            items.append(text[i:j])
            i = j
    return items


def _compile_side(items: list[str], synsets, problems_ctx) -> tuple[list[Slot], bool, bool]:
    """Items of one side of ``*`` -> slots; returns (slots, first_glued, last_glued)."""
    slots: list[Slot] = []
    glue_next = False
    in_prep = 0
    prep_first = False
    first_glued = False
    last_glued = False
    for idx, it in enumerate(items):
        if it == " ":
            glue_next = False
            continue
        if it == "_":
            if not slots and idx == 0:
                first_glued = True
            glue_next = True
            if idx == len(items) - 1:
                last_glued = True
            continue
        if it == "(":
            in_prep += 1
            prep_first = True
            continue
        if it == ")":
            in_prep = max(0, in_prep - 1)
            continue
        if it in ("$", "+"):
            # a marker stands for the noun phrase at its position: its actor is the source/target
            slot = Slot([(("^", False),)], glued=glue_next, any_token=True, in_prep=bool(in_prep))
            slot.marker = it
            slots.append(slot)
            glue_next = False
            prep_first = False
            continue
        if it == "%":
            slot = Slot([], compound=True)
            slots.append(slot)
            glue_next = False
            continue
        if it == "^":
            slots.append(Slot([(("^", False),)], glued=glue_next, any_token=True, in_prep=bool(in_prep)))
            glue_next = False
            prep_first = False
            continue
        if it.startswith("{"):
            words = it[1:-1].split()
            alts_seq: list[list[tuple[tuple[str, bool], ...]]] = []
            for w in words:
                alts_seq.append(_expand_word(w, synsets))
            # noun phrase: words glued in order; represent as one slot with the product of alternatives
            combos: list[tuple[tuple[str, bool], ...]] = [()]
            for alts in alts_seq:
                new: list[tuple[tuple[str, bool], ...]] = []
                for c in combos:
                    for a in alts:
                        if len(new) > 400:
                            break
                        if c:
                            a2 = ((a[0][0], True),) + a[1:]
                            new.append(c + a2)
                        else:
                            new.append(a)
                combos = new
            slot = Slot(combos, glued=glue_next, prep=prep_first and bool(in_prep), in_prep=bool(in_prep))
        else:
            slot = Slot(
                _expand_word(it, synsets), glued=glue_next, prep=prep_first and bool(in_prep),
                in_prep=bool(in_prep),
            )
        slots.append(slot)
        glue_next = False
        prep_first = False
    return slots, first_glued, last_glued


def _expand_word(word: str, synsets) -> list[tuple[tuple[str, bool], ...]]:
    if word.startswith("&"):
        name = word.rstrip("_")
        if name not in synsets:
            raise _PatternError(f"unknown synset {name}")
        return synsets[name]
    return [_word_alts(word)]


def parse_verbs(paths: Sequence[Path | str]) -> VerbDictionary:
    d = VerbDictionary(files=[str(p) for p in paths])
    raw_synsets: dict[str, list[tuple[str, str, int]]] = {}
    raw_patterns: list[tuple[str, str, str, int]] = []  # (block, body, file, line)
    raw_trans: list[tuple[str, str, int]] = []
    for path in map(Path, paths):
        fname = path.name
        block: VerbBlock | None = None
        synset: str | None = None
        for no, line in _lines(path, d.problems):
            s = line.strip()
            if s.startswith("&"):
                name = s.split()[0].rstrip("_")
                synset = name
                raw_synsets.setdefault(name, [])
                block = None
                continue
            if s.startswith("---"):
                m = re.match(r"^---\s*(.+?)\s*\[\s*([^\]]*?)\s*\][\s-]*$", s)
                if not m:
                    d.problems.append(Problem(fname, no, f"cannot read verb block header {s!r}; skipped"))
                    block = None
                    synset = None
                    continue
                name = m.group(1).strip().rstrip("_").upper()
                key = name
                k = 2
                while key in d.blocks:
                    key = f"{name}#{k}"
                    k += 1
                block = VerbBlock(key, _code_value(m.group(2)), line=no)
                d.blocks[key] = block
                synset = None
                continue
            if s.startswith("~"):
                raw_trans.append((s, fname, no))
                synset = None
                continue
            if s.startswith("+") and synset is not None and block is None:
                raw_synsets[synset].append((s[1:].strip(), fname, no))
                continue
            if s.startswith("-"):
                if block is None:
                    d.problems.append(Problem(fname, no, "pattern outside a verb block; skipped"))
                    continue
                raw_patterns.append((block.name, s[1:].strip(), fname, no))
                continue
            synset = None
            if block is None:
                d.problems.append(Problem(fname, no, f"cannot read line {s!r} (no verb block); skipped"))
                continue
            _add_verb_line(d, block, s, fname, no)
    # synsets (members may be other synsets)
    resolved: dict[str, list[tuple[tuple[str, bool], ...]]] = {}

    def resolve(name: str, stack: tuple[str, ...] = ()) -> list[tuple[tuple[str, bool], ...]]:
        if name in resolved:
            return resolved[name]
        out: list[tuple[tuple[str, bool], ...]] = []
        for member, fname, no in raw_synsets.get(name, []):
            member = member.upper()
            if member.startswith("&"):
                sub = member.split()[0].rstrip("_")
                if sub in stack or sub not in raw_synsets:
                    d.problems.append(Problem(fname, no, f"unknown or recursive synset {sub}; skipped"))
                    continue
                out.extend(resolve(sub, stack + (name,)))
                continue
            nop = member.endswith("_")
            words = [w for w in re.split(r"[\s_]+", member.strip("_")) if w]
            if not words:
                continue
            seq: list[tuple[str, bool]] = []
            glued = [True] * len(words)
            # spaces inside a member allow gaps, "_" glues
            parts = re.split(r"(\s+|_)", member.strip("_"))
            gl = False
            wi = 0
            for p in parts:
                if not p:
                    continue
                if p == "_":
                    gl = True
                    continue
                if p.isspace():
                    gl = False
                    continue
                toks = split_word(p)
                for ti, t in enumerate(toks):
                    seq.append((t, (gl if ti == 0 else True) if seq else False))
                gl = False
                wi += 1
            del glued
            out.append(tuple(seq))
            if not nop and len(seq) >= 1:
                for pl in plurals(seq[-1][0]):
                    out.append(tuple(seq[:-1]) + ((pl, seq[-1][1]),))
        resolved[name] = out
        return out

    for name in raw_synsets:
        resolve(name)
    d.synsets = resolved
    for block_name, body, fname, no in raw_patterns:
        pat = _compile_pattern(body, block_name, resolved, fname, no, d.problems)
        if pat is not None:
            d.blocks[block_name].patterns.append(pat)
    for b in d.blocks.values():
        # most specific first; file order among equals
        b.patterns.sort(key=lambda p: -p.size)
    for s, fname, no in raw_trans:
        m = re.match(r"^~\s*(\w)\s*\(\s*(\S)\s+(\S)\s+([^)]+?)\s*\)\s*(\S+)\s*=\s*(\S)\s+(\S)\s+(\S+)\s*$", s)
        if not m:
            d.problems.append(Problem(fname, no, f"cannot read transformation {s!r}; skipped"))
            continue
        d.transformations.append(
            Transformation(s, m.group(5).upper(), m.group(4).upper(), m.group(2), m.group(8), no)
        )
    return d


def _add_verb_line(d: VerbDictionary, block: VerbBlock, s: str, fname: str, no: int) -> None:
    s = s.split(";")[0].strip()
    m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*(?:\[\s*([^\]]*?)\s*\])?\s*$", s)
    if not m:
        d.problems.append(Problem(fname, no, f"cannot read verb line {s!r}; skipped"))
        return
    word, irregular, code = re.sub(r"\s+", "_", m.group(1).upper()), m.group(2), m.group(3)
    vcode = _code_value(code) if code is not None else block.code
    forms_given = [x for x in re.split(r"[\s,]+", (irregular or "{}")[1:-1]) if x]

    def add(form: str, is_base: bool) -> None:
        form = form.upper()
        parts = [p for p in form.strip("_").split("_") if p]
        vi = next((i for i, p in enumerate(parts) if p.startswith("+")), None)
        if vi is None:
            if len(parts) == 1:
                vi = 0
            else:
                vi = 0  # a multi-word line without + : the first word is the verb
        verb = parts[vi].lstrip("+")
        if not verb or not re.match(r"^[A-Z][A-Z'\-]*$", verb):
            d.problems.append(Problem(fname, no, f"cannot read verb {form!r}; skipped"))
            return
        pre = tuple(p.lstrip("+") for p in parts[:vi])
        post = tuple(p.lstrip("+") for p in parts[vi + 1 :])
        words = {verb} | (verb_forms(verb) if is_base else set())
        for w in words:
            e = VerbEntry(w, word, block.name, vcode, pre, post, no, fname)
            d.forms.setdefault(w, []).append(e)

    add(word, True)
    for f in forms_given:
        add(f, False)


def _compile_pattern(body: str, block: str, synsets, fname: str, no: int, problems) -> VerbPattern | None:
    m = re.match(r"^(.*?)\[\s*([^\]]*?)\s*\]\s*$", body)
    if not m:
        problems.append(Problem(fname, no, f"pattern without [code]: {body!r}; skipped"))
        return None
    text, code = m.group(1).strip(), m.group(2)
    if text.count("*") != 1:
        problems.append(Problem(fname, no, f"pattern needs exactly one '*': {text!r}; skipped"))
        return None
    try:
        items = _tokenize_pattern(text.upper())
        star = items.index("*")
        pre_items, post_items = items[:star], items[star + 1 :]
        pre, _f, pre_last_glued = _compile_side(pre_items, synsets, None)
        post, post_first_glued, _l = _compile_side(post_items, synsets, None)
    except _PatternError as exc:
        problems.append(Problem(fname, no, f"{exc} in pattern {text!r}; skipped"))
        return None
    size = sum(1 for s in pre + post if not s.compound) + sum(
        max((len(a) for a in s.alts), default=0) - 1 for s in pre + post if s.alts
    )
    need = tuple(
        frozenset(alt[0][0] for alt in slot.alts if alt)
        for slot in pre + post
        if slot.alts and not slot.any_token and not slot.compound
    )
    return VerbPattern(
        pre, post, _code_value(code), text, block, fname, no,
        pre_glued_to_verb=pre_last_glued, post_glued_to_verb=post_first_glued, size=size, need=need,
    )


# --------------------------------------------------------------------------- cached loaders


def load_verbs(paths: Sequence[Path | str]) -> VerbDictionary:
    return cached("verbs", [Path(p) for p in paths], lambda: parse_verbs(paths))


def load_actors(paths: Sequence[Path | str]) -> ActorDictionary:
    return cached("actors", [Path(p) for p in paths], lambda: parse_actors(paths))


def load_agents(paths: Sequence[Path | str]) -> AgentDictionary:
    return cached("agents", [Path(p) for p in paths], lambda: parse_agents(paths))


def load_discards(paths: Sequence[Path | str]) -> DiscardDictionary:
    return cached("discards", [Path(p) for p in paths], lambda: parse_discards(paths))
