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

Compiled dictionaries are cached (pickle keyed by the sha256 of every file read and of the code that
builds them, :data:`CODE_HASH`) in the user cache directory: editing a dictionary file or this module
invalidates the cache without anyone bumping a version; an unwritable cache is silently ignored. Use
:func:`load_verbs`, :func:`load_actors`, :func:`load_agents`, :func:`load_discards` (cached) or the ``parse_*``
functions (uncached, used by tests).

Problems are :class:`DictionaryProblem` objects (a :class:`Problem` with a ``severity``), located by
the path as given and 1-based line. A file that is not text at all (binary, UTF-16 without a byte
order mark, unreadable) raises :class:`DictionaryError`. :func:`scheme_dictionary_problems` and
:func:`scheme_dictionary_report` read every dictionary of a coding scheme and add what only shows
across a whole file or scheme (a file that codes nothing, a verb code the scheme does not define).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any

from eventcoder.core.errors import DictionaryError, Problem

CODE_VERSION = "dict-12"
"""Kept for callers that print it; the cache key is :data:`CODE_HASH`, the content of the code that builds the
dictionaries."""


def _code_hash() -> str:
    """sha256 of the source of this module (the code that reads and compiles every dictionary): a cached
    dictionary compiled by other code is never used. Without the source (a build that ships only bytecode), the
    compiled module and :data:`CODE_VERSION` stand in."""
    h = hashlib.sha256(CODE_VERSION.encode())
    here = Path(__file__)
    for candidate in (here, Path(getattr(__spec__, "cached", "") or "")):
        try:
            h.update(candidate.read_bytes())
            break
        except OSError:
            continue
    return h.hexdigest()


CODE_HASH = _code_hash()
"""Part of every dictionary cache key: the content of the code that builds the dictionaries."""

ERROR = "error"
"""Severity of a problem that makes a dictionary untrustworthy or useless: ``scheme validate`` fails."""
WARNING = "warning"
"""Severity of a line left out (or read with a doubt) in a file that otherwise works."""

DICTIONARY_KINDS = ("verbs", "actors", "agents", "discards")


@dataclass(frozen=True)
class DictionaryProblem(Problem):
    """A problem in a dictionary file: ``severity`` is :data:`ERROR` or :data:`WARNING`; ``skipped`` says
    whether the line was left out (False: it was read, e.g. a name with a control character)."""

    severity: str = WARNING
    skipped: bool = True

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

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


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Characters that do not occur in a text file (tab, newline, form feed etc. excepted)."""
_NEWLINE = re.compile(r"\r\n|\r|\n")  # as an editor counts lines (str.splitlines also splits at \x1c, \x85...)
BINARY_SHARE = 0.10
"""A file whose first 64 KiB are more than this share of control characters is binary, not text."""


def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str:
    """The text of a dictionary file: UTF-8 (a byte order mark is dropped) or UTF-16 with a byte order mark;
    else Windows-1252 (or Latin-1) with a warning at the first line that is not UTF-8. DictionaryError for a
    binary file (more than ``BINARY_SHARE`` control characters)."""
    src = str(path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DictionaryError(
                [DictionaryProblem(src, None, f"not a text file: bad UTF-16 ({exc.reason})", ERROR)],
                summary="cannot read a dictionary file",
            ) from exc
    else:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text, encoding = raw.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "Latin-1"
            line = raw.count(b"\n", 0, exc.start) + 1
            problems.append(DictionaryProblem(
                src, line, f"not UTF-8 (undecodable bytes from this line on): the file is read as {encoding}; "
                "save it as UTF-8", WARNING, skipped=False,
            ))
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > BINARY_SHARE * len(sample):
        hint = ""
        if sample.count("\x00") > 0.3 * len(sample):
            hint = " (UTF-16 without a byte order mark? save it as UTF-8)"
        raise DictionaryError(
            [DictionaryProblem(src, None, f"binary file, not a text dictionary{hint}", ERROR)],
            summary="cannot read a dictionary file",
        )
    return text


def _lines(path: Path, problems: list[Problem], counts: dict[str, int] | None = None) -> Iterable[tuple[int, str]]:
    """Yield (line number, text without comments) skipping blank lines and ``<!-- -->`` blocks.

    A line with a NUL byte is an error and is skipped; another control character is a warning (the line
    is read: such a word never matches text). ``counts[str(path)]`` counts the lines with content.
    """
    src = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            [DictionaryProblem(src, None, f"cannot read: {exc.strerror or exc}", ERROR)],
            summary="cannot read a dictionary file",
        ) from exc
    text = _decode(path, raw, problems)
    if counts is not None:
        counts.setdefault(src, 0)
    in_html = False
    for no, line in enumerate(_NEWLINE.split(text), start=1):
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
        if counts is not None:
            counts[src] += 1
        bad = _CONTROL.search(s)
        if bad and "\x00" in s:
            problems.append(DictionaryProblem(src, no, "NUL byte in the line (is the file damaged?); skipped", ERROR))
            continue
        if bad:
            problems.append(DictionaryProblem(
                src, no, f"control character U+{ord(bad.group()):04X} in the line: that word never matches text",
                WARNING, skipped=False,
            ))
        yield no, s


_OPEN_OF = {"]": "[", "}": "{", ")": "("}


def bracket_trouble(text: str) -> str | None:
    """Why the brackets of a line do not balance (``[ ]``, ``{ }``, ``( )``), or None when they do."""
    stack: list[str] = []
    for ch in text:
        if ch in "[{(":
            stack.append(ch)
        elif ch in _OPEN_OF:
            if not stack:
                return f"unbalanced brackets: {ch!r} without {_OPEN_OF[ch]!r}"
            if stack[-1] != _OPEN_OF[ch]:
                return f"unbalanced brackets: {stack[-1]!r} closed by {ch!r}"
            stack.pop()
    if stack:
        return f"unbalanced brackets: {stack[-1]!r} is never closed"
    return None


def _why(text: str) -> str:
    """`` (unbalanced brackets: ...)`` for a line that cannot be read, or ``""``."""
    trouble = bracket_trouble(text)
    return f" ({trouble})" if trouble else ""


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
    """The cache key of a dictionary made of ``paths``: the code that builds it (:data:`CODE_HASH`), then each
    file's name and the sha256 of its content, in order. OSError for a file that cannot be read."""
    h = hashlib.sha256(CODE_HASH.encode())
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(b"\0")
        h.update(hashlib.sha256(Path(p).read_bytes()).digest())
    return h.hexdigest()


def files_digest(paths: Sequence[Path | str]) -> str:
    """sha256 over the names and contents of ``paths`` (a file that cannot be read counts as "unreadable"), for
    a scheme's content hash: a scheme whose dictionary files change is another scheme."""
    h = hashlib.sha256()
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(b"\0")
        try:
            h.update(hashlib.sha256(Path(p).read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
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
    """Return ``build()``, pickled under the cache dir keyed by the content of the files and of the code that
    builds them (:func:`file_sha256`). Writing one removes the pickles of its kind that older code named, or
    that nothing used for :data:`STALE_AFTER_S`."""
    paths = [Path(p) for p in paths]
    try:
        key = file_sha256(paths)
    except OSError as exc:
        fallback = [DictionaryProblem(str(paths[0]), None, f"cannot read: {exc}", ERROR)]
        raise DictionaryError(_unreadable(paths) or fallback) from exc
    cdir = _cache_dir()
    target = cdir / f"{kind}-{key[:40]}.pkl" if cdir else None
    if target is not None and os.environ.get("EVENTCODER_NO_CACHE") != "1":
        try:
            with open(target, "rb") as fh:
                obj = pickle.load(fh)
            if hasattr(obj, "line_counts"):  # (else a stale pickle: rebuilt)
                with contextlib.suppress(OSError):
                    os.utime(target)  # in use: not removed as stale
                return _relocated(obj, paths)
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
            for old in target.parent.glob(f"{kind}-*.pkl"):  # caches of older code or other file contents
                if old != target and _stale(old):
                    old.unlink(missing_ok=True)
        except Exception:
            pass
    return obj


STALE_AFTER_S = 7 * 24 * 3600
"""A cached dictionary not used for this long is removed when another of its kind is written (several
schemes, or copies of one, may be in use at once: each keeps its own)."""


_CACHE_NAME = re.compile(r"^[a-z]+-[0-9a-f]{40}\.pkl$")


def _stale(path: Path) -> bool:
    """A cache file named as older code named them, or not used for :data:`STALE_AFTER_S`."""
    import time

    if not _CACHE_NAME.match(path.name):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return time.time() - max(st.st_mtime, st.st_atime) > STALE_AFTER_S


def _unreadable(paths: Sequence[Path]) -> list[Problem]:
    """A "cannot read" error for each of ``paths`` that cannot be read."""
    out: list[Problem] = []
    for p in paths:
        try:
            with open(p, "rb") as fh:
                fh.read(1)
        except OSError as exc:
            out.append(DictionaryProblem(str(p), None, f"cannot read: {exc.strerror or exc}", ERROR))
    return out


def _relocated(obj: Any, paths: Sequence[Path]) -> Any:
    """A cached dictionary read from files of the same names and contents elsewhere: its problems (and
    per-file counts) name the files given now, not the ones it was compiled from."""
    old = list(getattr(obj, "files", []))
    new = [str(p) for p in paths]
    if old == new or len(old) != len(new):
        return obj
    where = dict(zip(old, new, strict=True))
    obj.files = new
    obj.problems = [dataclasses.replace(p, file=where.get(p.file, p.file)) for p in obj.problems]
    obj.line_counts = {where.get(k, k): v for k, v in getattr(obj, "line_counts", {}).items()}
    if hasattr(obj, "code_uses"):
        obj.code_uses = {c: (where.get(f, f), ln, n) for c, (f, ln, n) in obj.code_uses.items()}
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
    line_counts: dict[str, int] = field(default_factory=dict)  # lines with content, per file

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


def format_actors(entries: Iterable[tuple[str, Sequence[ActorCode]]], header: Sequence[str] = ()) -> str:
    """A PETRARCH actors file of ``(name, codes)`` pairs: ``NAME [CODE]`` for one undated code, else the name
    and one code line each (``header`` lines as ``#`` comments first). Names that cannot be written (brackets,
    ``#``, nothing left) are left out; :func:`parse_actors` reads the file back to the same entries."""
    lines = [f"# {h}" for h in header]
    for name, codes in entries:
        word = actor_name_text(name)
        if not word or not codes or re.search(r"[\[\]{}#+<>!]", word) or word.startswith(("<", "+")):
            continue
        codes = list(codes)
        if len(codes) == 1 and not codes[0].restricted:
            lines.append(f"{word} {actor_code_text(codes[0])}")
        else:
            lines.append(word)
            lines.extend(f"\t{actor_code_text(c)}" for c in codes)
    return "\n".join(lines) + "\n"


def parse_actors(paths: Sequence[Path | str]) -> ActorDictionary:
    d = ActorDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        fname, src = path.name, str(path)
        group: list[tuple[str, int]] = []  # names waiting for codes
        current: ActorEntry | None = None
        names_of_current: list[tuple[str, int]] = []
        orphan_of: int | None = None  # the line of an actor name that was skipped: its synonyms and codes go too

        def flush(src: str = src) -> None:
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
                        d.problems.append(DictionaryProblem(src, ln, f"actor {nm!r} has no code; skipped"))
            current = None
            names_of_current = []

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
            if current is not None and current.codes:
                flush()
            if current is None:
                current = ActorEntry(name=name, file=fname, line=no)
            names_of_current.append((name, no))
            for code in re.findall(r"\[([^\]]*)\]", codes_text or ""):
                ac, err = _parse_actor_code(code)
                if err:
                    d.problems.append(DictionaryProblem(src, no, err + "; skipped"))
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
    line_counts: dict[str, int] = field(default_factory=dict)  # lines with content, per file

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


_MACRO_REF = re.compile(r"!([A-Z0-9_]+)!")


def _expand_macros(text: str, macros: dict[str, list[str]], depth: int = 0) -> list[str]:
    """Every spelling an agent phrase's ``!MACRO!`` references give; ValueError for a macro that refers to
    itself (directly or not) or expands into too many phrases."""
    m = _MACRO_REF.search(text)
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


def _macro_trouble(text: str, macros: dict[str, list[str]]) -> tuple[str, list[str]] | None:
    """The first macro ``text`` uses, directly or through other macros, that is unknown (``("unknown", path)``)
    or that refers to itself (``("loop", path)``); ``path`` is the chain of macro names. None when fine."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> tuple[str, list[str]] | None:
        if name in path:
            return "loop", path[path.index(name):] + [name]
        if name in done:
            return None
        if name not in macros:
            return "unknown", path + [name]
        for alt in macros[name]:
            for sub in _MACRO_REF.findall(alt):
                found = visit(sub, path + [name])
                if found:
                    return found
        done.add(name)
        return None

    for name in _MACRO_REF.findall(text):
        found = visit(name, [])
        if found:
            return found
    return None


def _chain(names: list[str]) -> str:
    return " -> ".join(f"!{n}!" for n in names)


def parse_agents(paths: Sequence[Path | str]) -> AgentDictionary:
    """``PHRASE [~CODE]`` / ``PHRASE [CODE~]``, ``{PLURALS}``, and ``!MACRO! = A, B`` spelled into phrases.

    A macro that refers to itself (directly or through others) is an error at its definition; each agent
    that uses it, or a macro never defined, is skipped with a warning.
    """
    d = AgentDictionary(files=[str(p) for p in paths])
    for path in map(Path, paths):
        fname, src = path.name, str(path)
        macros: dict[str, list[str]] = {}
        for no, line in _lines(path, d.problems, d.line_counts):
            s = line.strip().upper()
            m = re.match(r"^!([A-Z0-9_]+)!\s*=\s*(.*)$", s)
            if m:
                name = m.group(1)
                spellings = [x.strip() for x in m.group(2).split(",") if x.strip()]
                if not spellings:
                    d.problems.append(DictionaryProblem(src, no, f"macro !{name}! has no spelling; skipped"))
                    macros.pop(name, None)
                    continue
                macros[name] = spellings
                trouble = _macro_trouble(f"!{name}!", macros)
                if trouble and trouble[0] == "loop" and trouble[1][0] == name:
                    d.problems.append(DictionaryProblem(
                        src, no, f"macro !{name}! refers to itself ({_chain(trouble[1])}): "
                        "every agent that uses it is skipped", ERROR, skipped=False,
                    ))
                continue
            m = re.match(r"^([^\[\]{}]+?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*?)\s*\]\s*$", s)
            if not m:
                d.problems.append(DictionaryProblem(src, no, f"cannot read agent line {s!r}{_why(s)}; skipped"))
                continue
            name, plural_block, code = m.group(1).strip(), m.group(2), m.group(3).replace(" ", "")
            if code.startswith("~") and len(code) > 1:
                entry_code, prefix = code[1:], False
            elif code.endswith("~") and len(code) > 1:
                entry_code, prefix = code[:-1], True
            else:
                d.problems.append(DictionaryProblem(
                    src, no, f"agent code must be [~CODE] or [CODE~], got [{code}]; skipped"
                ))
                continue
            if "!" in name and not _MACRO_REF.search(name):
                d.problems.append(DictionaryProblem(src, no, f"bad macro in {name!r}; skipped"))
                continue
            trouble = _macro_trouble(name, macros)
            if trouble and trouble[0] == "unknown":
                via = f" (through {_chain(trouble[1][:-1])})" if len(trouble[1]) > 1 else ""
                d.problems.append(DictionaryProblem(src, no, f"unknown macro !{trouble[1][-1]}!{via}; skipped"))
                continue
            if trouble:
                d.problems.append(DictionaryProblem(
                    src, no, f"macro {_chain(trouble[1][:1])} refers to itself ({_chain(trouble[1])}); skipped"
                ))
                continue
            try:
                variants = _expand_macros(name, macros)
            except ValueError as exc:
                d.problems.append(DictionaryProblem(src, no, f"{exc}; skipped"))
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
    line_counts: dict[str, int] = field(default_factory=dict)  # lines with content, per file
    # each code the verb dictionary gives (blocks, verbs, patterns): first (file, line) and number of uses
    code_uses: dict[str, tuple[str, int, int]] = field(default_factory=dict)

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
    raw_synsets: dict[str, list[tuple[str, str, int]]] = {}  # name -> (member, path, line)
    raw_patterns: list[tuple[str, str, str, str, int]] = []  # (block, body, file name, path, line)
    raw_trans: list[tuple[str, str, int]] = []
    block_where: dict[str, tuple[str, int]] = {}
    for path in map(Path, paths):
        fname, src = path.name, str(path)
        block: VerbBlock | None = None
        synset: str | None = None
        for no, line in _lines(path, d.problems, d.line_counts):
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
                    d.problems.append(
                        DictionaryProblem(src, no, f"cannot read verb block header {s!r}{_why(s)}; skipped")
                    )
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
                block_where[key] = (src, no)
                _use_code(d, block.code, src, no)
                synset = None
                continue
            if s.startswith("~"):
                raw_trans.append((s, src, no))
                synset = None
                continue
            if s.startswith("+") and synset is not None and block is None:
                raw_synsets[synset].append((s[1:].strip(), src, no))
                continue
            if s.startswith("-"):
                if block is None:
                    d.problems.append(DictionaryProblem(src, no, "pattern outside a verb block; skipped"))
                    continue
                raw_patterns.append((block.name, s[1:].strip(), fname, src, no))
                continue
            synset = None
            if block is None:
                d.problems.append(DictionaryProblem(src, no, f"cannot read line {s!r} (no verb block); skipped"))
                continue
            _add_verb_line(d, block, s, fname, src, no)
    # synsets (members may be other synsets)
    resolved: dict[str, list[tuple[tuple[str, bool], ...]]] = {}

    def resolve(name: str, stack: tuple[str, ...] = ()) -> list[tuple[tuple[str, bool], ...]]:
        if name in resolved:
            return resolved[name]
        out: list[tuple[tuple[str, bool], ...]] = []
        for member, src, no in raw_synsets.get(name, []):
            member = member.upper()
            if member.startswith("&"):
                sub = member.split()[0].rstrip("_")
                if sub == name or sub in stack:
                    loop = stack[stack.index(sub):] if sub in stack else ()
                    chain = " -> ".join((*loop, name, sub))
                    d.problems.append(DictionaryProblem(
                        src, no, f"synset {sub} refers to itself ({chain}); skipped", ERROR
                    ))
                    continue
                if sub not in raw_synsets:
                    d.problems.append(DictionaryProblem(src, no, f"unknown synset {sub}; skipped"))
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
    for block_name, body, fname, src, no in raw_patterns:
        pat = _compile_pattern(body, block_name, resolved, fname, src, no, d.problems)
        if pat is not None:
            d.blocks[block_name].patterns.append(pat)
            _use_code(d, pat.code, src, no)
    with_verbs = {e.block for entries in d.forms.values() for e in entries}
    for key, b in d.blocks.items():
        if key not in with_verbs:
            src, no = block_where[key]
            d.problems.append(DictionaryProblem(
                src, no, f"verb block {b.name} has no verb: it never codes"
                + (f" (its {len(b.patterns)} pattern(s) never match)" if b.patterns else ""), skipped=False,
            ))
    for b in d.blocks.values():
        # most specific first; file order among equals
        b.patterns.sort(key=lambda p: -p.size)
    for s, src, no in raw_trans:
        m = re.match(r"^~\s*(\w)\s*\(\s*(\S)\s+(\S)\s+([^)]+?)\s*\)\s*(\S+)\s*=\s*(\S)\s+(\S)\s+(\S+)\s*$", s)
        if not m:
            d.problems.append(DictionaryProblem(src, no, f"cannot read transformation {s!r}{_why(s)}; skipped"))
            continue
        d.transformations.append(
            Transformation(s, m.group(5).upper(), m.group(4).upper(), m.group(2), m.group(8), no)
        )
    return d


def _use_code(d: VerbDictionary, code: str | None, src: str, no: int) -> None:
    if code:
        first = d.code_uses.get(code)
        d.code_uses[code] = (first[0], first[1], first[2] + 1) if first else (src, no, 1)


def _add_verb_line(d: VerbDictionary, block: VerbBlock, s: str, fname: str, src: str, no: int) -> None:
    s = s.split(";")[0].strip()
    m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*(?:\[\s*([^\]]*?)\s*\])?\s*$", s)
    if not m:
        d.problems.append(DictionaryProblem(src, no, f"cannot read verb line {s!r}{_why(s)}; skipped"))
        return
    word, irregular, code = re.sub(r"\s+", "_", m.group(1).upper()), m.group(2), m.group(3)
    vcode = _code_value(code) if code is not None else block.code
    if code is not None:
        _use_code(d, vcode, src, no)
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
            d.problems.append(DictionaryProblem(src, no, f"cannot read verb {form!r}; skipped"))
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


def _compile_pattern(
    body: str, block: str, synsets, fname: str, src: str, no: int, problems: list[Problem]
) -> VerbPattern | None:
    m = re.match(r"^(.*?)\[\s*([^\]]*?)\s*\]\s*$", body)
    if not m:
        problems.append(DictionaryProblem(src, no, f"pattern without [code]: {body!r}{_why(body)}; skipped"))
        return None
    text, code = m.group(1).strip(), m.group(2)
    if text.count("*") != 1:
        problems.append(DictionaryProblem(src, no, f"pattern needs exactly one '*': {text!r}; skipped"))
        return None
    try:
        items = _tokenize_pattern(text.upper())
        star = items.index("*")
        pre_items, post_items = items[:star], items[star + 1 :]
        pre, _f, pre_last_glued = _compile_side(pre_items, synsets, None)
        post, post_first_glued, _l = _compile_side(post_items, synsets, None)
    except _PatternError as exc:
        problems.append(DictionaryProblem(src, no, f"{exc} in pattern {text!r}; skipped"))
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


LOADERS = {"verbs": load_verbs, "actors": load_actors, "agents": load_agents, "discards": load_discards}
_WHAT = {"verbs": "verb", "actors": "actor", "agents": "agent", "discards": "discard"}


# --------------------------------------------------------------------------- checking a scheme's dictionaries


def _as_dictionary_problem(p: Problem, severity: str = ERROR) -> DictionaryProblem:
    return p if isinstance(p, DictionaryProblem) else DictionaryProblem(p.file, p.line, p.message, severity)


def _load_readable(kind: str, paths: list[Path]) -> tuple[Any, list[DictionaryProblem]]:
    """The ``kind`` dictionary of the files that can be read (cached loader), and an error per file that cannot
    (binary, unreadable): one bad file does not hide the problems of the others."""
    errors: list[DictionaryProblem] = []
    remaining = list(paths)
    while remaining:
        try:
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


def _kind_problems(kind: str, paths: list[Path]) -> tuple[Any, list[DictionaryProblem]]:
    """:func:`dictionary_problems` and the dictionary read (None when no file could be read)."""
    if not paths:
        return None, []
    d, out = _load_readable(kind, paths)
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
    known = set(getattr(scheme, "event_types", {}) or {}) | set(getattr(scheme, "aliases", {}) or {})
    name = getattr(scheme, "name", "") or "the scheme"
    out: list[DictionaryProblem] = []
    for code, (src, line, uses) in d.code_uses.items():
        unknown = [c for c in code.split(":") if c and c not in known]
        if unknown:
            more = f" (and {uses - 1} more use(s))" if uses > 1 else ""
            out.append(DictionaryProblem(
                src, line, f"code [{code}] is not an event type of {name}{more}", WARNING, skipped=False
            ))
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

    Besides :func:`dictionary_problems` of each kind: a verb code the scheme does not define (warning). An
    inline entry's problem is located at the scheme file line that wrote it (``scheme.inline_lines``).
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
        for kind in DICTIONARY_KINDS:
            paths = files.get(kind) or []
            d, found = _kind_problems(kind, paths)
            if kind == "verbs" and d is not None:
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


def _signature(scheme: Any) -> tuple:
    def stat(p: Path) -> tuple:
        try:
            st = os.stat(p)
            return str(p), st.st_mtime_ns, st.st_size
        except OSError:
            return str(p), None, None

    files = getattr(scheme, "dictionaries", {}) or {}
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
    key = _signature(scheme)
    report = _REPORTS.get(key)
    if report is None:
        report = DictionaryReport(tuple(scheme_dictionary_problems(scheme)))
        if len(_REPORTS) > 16:
            _REPORTS.clear()
        _REPORTS[key] = report
    return report
