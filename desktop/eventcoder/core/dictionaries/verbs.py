"""PETRARCH/TABARI verb dictionaries: synsets, verb blocks with their forms and multi-word verbs, patterns
compiled into slots matched against the parse, and transformations (reported speech, intent)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.core.errors import Problem

from .files import (
    ERROR,
    DictionaryProblem,
    _lines,
    _why,
)
from .phrases import plurals, split_word, verb_forms

# A pattern side is a list of Slots; a Slot is a list of alternatives; an alternative is a
# tuple of (word, glued_to_previous) pairs. Special words: "*" never appears inside sides;
# "%" compound, "$" source, "+" target, "^" any one token.


_FEW_ALTS = 8  # a slot of up to this many alternatives is tried whole


@dataclass
class Slot:
    alts: list[tuple[tuple[str, bool], ...]]
    glued: bool = False  # must directly follow the previous slot (or the verb)
    prep: bool = False  # first word of a prepositional phrase "(PREP ...)"
    in_prep: bool = False  # inside a prepositional phrase: must be in the prep's subtree
    marker: str | None = None  # "$" or "+": the actor of the matched token is source/target
    compound: bool = False  # "%": the subject/object is compound
    any_token: bool = False  # "^"
    # (the alternatives it was built for, first word -> their positions, positions of those starting with "^"):
    # built on first use by :meth:`alts_for`
    _by_first: tuple | None = field(default=None, repr=False, compare=False)

    def alts_for(self, words: set[str] | frozenset[str]) -> list[tuple[tuple[str, bool], ...]]:
        """The alternatives, in their order, whose first word is in ``words`` or is ``^`` (any token): the only ones
        that can match tokens of those words. A slot of a synset has up to ~400 alternatives."""
        alts = self.alts
        if len(alts) <= _FEW_ALTS:
            return alts
        index = self._by_first
        if index is None or index[0] is not alts:
            firsts: dict[str, list[int]] = {}
            for k, alt in enumerate(alts):
                if alt:
                    firsts.setdefault(alt[0][0], []).append(k)
            index = self._by_first = (alts, firsts, firsts.pop("^", []))
        firsts = index[1]
        found = list(index[2])
        for w in words:
            hit = firsts.get(w)
            if hit is not None:
                found.extend(hit)
        found.sort()
        return [alts[k] for k in found]


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
    # the verb of its block its line's comment names ("- * TO [030]  # HEAD"): the verb the pattern was written for
    # when PETRARCH merged verbs into one block (None: no comment naming a verb of the block)
    for_verb: str | None = None


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
    # (the pattern list it was built for, its length, word -> positions of the patterns keyed by it, positions of
    # the patterns that need no word): built on first use by :meth:`candidates`
    _by_word: tuple | None = field(default=None, repr=False, compare=False)

    def candidates(self, words: set[str] | frozenset[str]) -> list[VerbPattern]:
        """The patterns, in their order (most specific first), each of whose word slots has one of its words in
        ``words``: the only ones that can match material of those words (``VerbPattern.need``).

        Each pattern is found through one of its slots (the one whose words are rarest among the block's
        patterns), so only the patterns that slot admits are checked further, not every pattern of the block."""
        index = self._by_word
        if index is None or index[0] is not self.patterns or index[1] != len(self.patterns):
            index = self._by_word = _need_index(self.patterns)
        by_word, free = index[2], index[3]
        found: set[int] = set(free)
        for w in words:
            hit = by_word.get(w)
            if hit is not None:
                found.update(hit)
        pats = self.patterns
        return [pats[k] for k in sorted(found)
                if all(not need.isdisjoint(words) for need in pats[k].need)]


def _need_index(patterns: list[VerbPattern]) -> tuple:
    """:attr:`VerbBlock._by_word` for ``patterns``: each pattern under the words of its rarest slot."""
    uses: dict[str, int] = {}
    for pat in patterns:
        for need in pat.need:
            for w in need:
                uses[w] = uses.get(w, 0) + 1
    by_word: dict[str, list[int]] = {}
    free: list[int] = []
    for k, pat in enumerate(patterns):
        if not pat.need:
            free.append(k)
            continue
        key = min(pat.need, key=lambda need: sum(uses[w] for w in need))
        for w in key:
            by_word.setdefault(w, []).append(k)
    return patterns, len(patterns), by_word, free


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
    # each code of a file read as another (its code map, :func:`code_map_path`): (file code, scheme code) ->
    # first (file, line) and number of uses
    translated: dict[tuple[str, str], tuple[str, int, int]] = field(default_factory=dict)
    # the code map of each file that has one (by file name, as VerbEntry.file / VerbPattern.file name it)
    code_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    # the scheme's codes the dictionary was read for (:class:`SchemeCodes`; None: codes kept as written)
    fitted_to: SchemeCodes | None = None
    # each code (after its code map) the scheme does not list, read as the nearest code it lists (or a malformed
    # one repaired): (code, scheme code) -> first (file, line) and number of uses
    fitted: dict[tuple[str, str], tuple[str, int, int]] = field(default_factory=dict)
    # each code with no code of the scheme near it: its lines were left out -> first (file, line), number of lines
    dropped: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks.values())

    def scheme_code(self, code: str, file: str) -> str:
        """A code made in the numbering of the verbs file ``file`` (a file name) -- not read from it, e.g. the demand
        a rule makes of one of its appeal codes -- as the scheme numbers it (each part of a paired code), fitted to
        the scheme's list as the codes read were (:meth:`SchemeCodes.fit`)."""
        cmap = self.code_maps.get(file) or {}
        if not code or not (cmap or self.fitted_to):
            return code
        parts = [cmap.get(p, p) for p in code.split(":")]
        if self.fitted_to is not None:
            fits = [self.fitted_to.fit(p)[0] if p else p for p in parts]
            if all(f is not None for f in fits):  # (a code with no listed code near it is left as made)
                parts = fits
        return ":".join(parts)

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


CODE_MAP_SUFFIX = ".codes.tsv"
"""A verbs file ``NAME.txt`` numbers some codes otherwise than the scheme's list: ``NAME.codes.tsv`` beside it says
which, one ``file code<TAB>scheme code<TAB>what it means`` a line (``#`` comments). PETRARCH's ``CAMEO.2.0.txt``
numbers the demands as the CAMEO codebook does (105 yield, 106 meeting, 107 settling, 108 mediation), the CAMEO
list of this scheme has 105 mediation, 106 withdrawal, 107 ceasefire, 108 meeting: ``CAMEO.2.0.codes.tsv``."""

_MAP_CODE = re.compile(r"^[0-9A-Za-z]+$")
_CODE_CHARS = re.compile(r"^[0-9A-Za-z_-]+$")
_STRAY = "".join(sorted(set("!?.,;'\"`*#$%&^~|/\\<>()=+@ ")))


@dataclass(frozen=True)
class SchemeCodes:
    """The event codes a coding scheme lists (code -> its parent code, None for a top-level one) and its aliases
    (old code -> the current codes): what every code read from a verbs file is fitted to at load, so that the
    dictionary gives no code the scheme does not list (:meth:`fit`)."""

    name: str
    parents: Mapping[str, str | None]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def for_verbs_of(cls, scheme) -> SchemeCodes | None:
        """What a scheme's own verb files are fitted to: its codes, or None for a scheme coded through a
        ``cameo_mapping`` (its verbs are CAMEO's, so CAMEO's codes are given by the caller). The one rule the coder
        (``EventCoder.from_files``) and the dictionary check (``checks.py``) both follow."""
        return None if getattr(scheme, "cameo_mapping", None) else cls.of(scheme)

    @classmethod
    def of(cls, scheme) -> SchemeCodes | None:
        """The codes of a loaded scheme (duck-typed: ``event_types`` with a ``parent``, ``aliases``); None for no
        scheme or one that lists no event type."""
        types = getattr(scheme, "event_types", None) or {}
        if not types:
            return None
        return cls(getattr(scheme, "name", "") or "the scheme",
                   {c: getattr(et, "parent", None) for c, et in types.items()},
                   {a: tuple(t) for a, t in (getattr(scheme, "aliases", None) or {}).items()})

    def digest(self) -> str:
        """What the cache of a dictionary fitted to these codes is keyed by besides its files."""
        h = hashlib.sha256(self.name.encode())
        for c in sorted(self.parents):
            h.update(f"\0{c}\1{self.parents[c] or ''}".encode())
        for a in sorted(self.aliases):
            h.update(f"\0{a}\2{','.join(self.aliases[a])}".encode())
        return h.hexdigest()

    def fit(self, code: str) -> tuple[str | None, str]:
        """The code the scheme lists for ``code`` (one part of a paired code) and how it was found:

        * ``""``: it is listed;
        * ``"alias"``: an alias of one listed code;
        * ``"nearest"``: a numbered code the scheme does not list is its longest prefix the scheme lists (CAMEO's
          numbering nests: 1213 -> 121), and a top-level one of those its "not specified below" code, the
          top-level code + "0", when the scheme lists it (176 -> 17 -> 170);
        * ``"repaired"``: a malformed code (stray characters around it, ``080!``) whose code is listed;
        * None, ``"none"``: nothing the scheme lists is near it (a malformed code is repaired only when the code
          left is listed as it is, never guessed further).
        """
        if code in self.parents:
            return code, ""
        targets = self.aliases.get(code, ())
        if len(targets) == 1 and targets[0] in self.parents:
            return targets[0], "alias"
        if not _CODE_CHARS.match(code):
            core = code.strip(_STRAY)
            if core and _CODE_CHARS.match(core) and core in self.parents:
                return core, "repaired"
            return None, "none"
        if code.isdigit():
            for k in range(len(code) - 1, 0, -1):
                head = code[:k]
                if head in self.parents:
                    if self.parents[head] is None and self.parents.get(head + "0", "") == head:
                        return head + "0", "nearest"
                    return head, "nearest"
        return None, "none"


def code_map_path(path: Path | str) -> Path:
    """Where the code map of the verbs file ``path`` is (it may not exist): ``NAME.txt`` -> ``NAME.codes.tsv``."""
    return Path(path).with_suffix(CODE_MAP_SUFFIX)


def read_code_map(path: Path | str, problems: list[Problem]) -> dict[str, str]:
    """A code map file (:data:`CODE_MAP_SUFFIX`): file code -> scheme code; a line it cannot read is a problem
    (file:line) and skipped, as is a file code given twice."""
    src = str(path)
    out: dict[str, str] = {}
    for no, line in _lines(Path(path), problems):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not _MAP_CODE.match(cols[0]) or not _MAP_CODE.match(cols[1]):
            problems.append(DictionaryProblem(
                src, no, f"cannot read code map line {line.strip()!r} (file code, tab, scheme code); skipped"))
            continue
        if cols[0] in out:
            problems.append(DictionaryProblem(src, no, f"code {cols[0]} is mapped twice; the first map kept"))
            continue
        out[cols[0]] = cols[1]
    return out


def _count(table: dict, key, src: str, no: int) -> None:
    first = table.get(key)
    table[key] = (first[0], first[1], first[2] + 1) if first else (src, no, 1)


_DROP = "\0drop"
"""What :func:`_translate` returns for a code the scheme lists nothing near: the line giving it is left out."""


def _translate(d: VerbDictionary, code: str | None, cmap: dict[str, str], src: str, no: int) -> str | None:
    """``code`` as the scheme numbers it (each part of a paired code): through the file's code map, then fitted to
    the scheme's list (:meth:`SchemeCodes.fit`, each change a problem at ``src:no``); :data:`_DROP` when a part
    has no code of the scheme near it (the problem is added, the caller leaves the line out)."""
    if not code or not (cmap or d.fitted_to):
        return code
    parts = code.split(":")
    new = [cmap.get(p, p) for p in parts]
    for old, to in zip(parts, new, strict=True):
        if old != to:
            _count(d.translated, (old, to), src, no)
    if d.fitted_to is None:
        return ":".join(new)
    scheme = d.fitted_to
    fitted: list[str] = []
    notes: list[str] = []
    for part in new:
        to, how = scheme.fit(part) if part else (part, "")
        where = f" (in [{code}])" if part != code else ""
        if to is None:
            _count(d.dropped, part, src, no)
            bad = " (malformed)" if not _CODE_CHARS.match(part) else ""
            d.problems.append(DictionaryProblem(
                src, no, f"code [{part}]{bad} is not an event type of {scheme.name} and none it lists is near"
                f"{where}; left out"))
            return _DROP
        if how:
            _count(d.fitted, (part, to), src, no)
            notes.append({"alias": f"code [{part}] is an alias in {scheme.name}: read as [{to}]",
                          "repaired": f"code [{part}] is malformed: read as [{to}]",
                          "nearest": f"code [{part}] is not an event type of {scheme.name}: read as [{to}], the "
                                     "nearest it lists"}[how] + where)
        fitted.append(to)
    if notes:
        d.problems.append(DictionaryProblem(src, no, "; ".join(notes), skipped=False))
    return ":".join(fitted)


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


def parse_verbs(paths: Sequence[Path | str], codes: SchemeCodes | None = None) -> VerbDictionary:
    """The verb dictionary of ``paths`` (in order); with ``codes`` (a scheme's, :meth:`SchemeCodes.of`) every
    code read is fitted to the scheme's list (:func:`_translate`), so that it gives no code the scheme lacks."""
    d = VerbDictionary(files=[str(p) for p in paths], fitted_to=codes)
    raw_synsets: dict[str, list[tuple[str, str, int]]] = {}  # name -> (member, path, line)
    raw_patterns: list[tuple[str, str, str, str, int, dict]] = []  # (block, body, file name, path, line, code map)
    raw_trans: list[tuple[str, str, int, dict]] = []
    comments: dict[str, dict[int, str]] = {}  # per file, the comment of each line that has one
    block_where: dict[str, tuple[str, int]] = {}
    for path in map(Path, paths):
        fname, src = path.name, str(path)
        block: VerbBlock | None = None
        synset: str | None = None
        mapping = code_map_path(path)
        cmap = read_code_map(mapping, d.problems) if mapping.is_file() else {}
        if cmap:
            d.code_maps[fname] = cmap
        for no, line in _lines(path, d.problems, d.line_counts, comments.setdefault(src, {})):
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
                code = _translate(d, _code_value(m.group(2)), cmap, src, no)
                block = VerbBlock(key, None if code == _DROP else code, line=no)  # (dropped: its verbs code nothing)
                d.blocks[key] = block
                block_where[key] = (src, no)
                _use_code(d, block.code, src, no)
                synset = None
                continue
            if s.startswith("~"):
                raw_trans.append((s, src, no, cmap))
                synset = None
                continue
            if s.startswith("+") and synset is not None and block is None:
                raw_synsets[synset].append((s[1:].strip(), src, no))
                continue
            if s.startswith("-"):
                if block is None:
                    d.problems.append(DictionaryProblem(src, no, "pattern outside a verb block; skipped"))
                    continue
                raw_patterns.append((block.name, s[1:].strip(), fname, src, no, cmap))
                continue
            synset = None
            if block is None:
                d.problems.append(DictionaryProblem(src, no, f"cannot read line {s!r} (no verb block); skipped"))
                continue
            _add_verb_line(d, block, s, fname, src, no, cmap)
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
    block_verbs: dict[str, set[str]] = {}
    for entries in d.forms.values():
        for e in entries:
            block_verbs.setdefault(e.block, set()).add(e.base.upper())
    for block_name, body, fname, src, no, cmap in raw_patterns:
        pat = _compile_pattern(body, block_name, resolved, fname, src, no, d.problems)
        if pat is not None:
            # the verb its comment names ("- * TO [030]  # HEAD"), when that is a verb of its block
            said = (comments.get(src, {}).get(no) or "").split()
            verb = said[0].upper() if said else ""
            pat.for_verb = verb if verb in block_verbs.get(block_name, ()) else None
            pat.code = _translate(d, pat.code, cmap, src, no)
            if pat.code == _DROP:
                continue
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
    for s, src, no, cmap in raw_trans:
        m = re.match(r"^~\s*(\w)\s*\(\s*(\S)\s+(\S)\s+([^)]+?)\s*\)\s*(\S+)\s*=\s*(\S)\s+(\S)\s+(\S+)\s*$", s)
        if not m:
            d.problems.append(DictionaryProblem(src, no, f"cannot read transformation {s!r}{_why(s)}; skipped"))
            continue
        # a transformation's code "Q" is the inner event's own code (PETRARCH's), not a code of the scheme
        code = m.group(8) if m.group(8) == "Q" else _translate(d, m.group(8), cmap, src, no) or m.group(8)
        if code == _DROP:
            continue
        d.transformations.append(Transformation(s, m.group(5).upper(), m.group(4).upper(), m.group(2), code, no))
    return d


def _use_code(d: VerbDictionary, code: str | None, src: str, no: int) -> None:
    if code:
        first = d.code_uses.get(code)
        d.code_uses[code] = (first[0], first[1], first[2] + 1) if first else (src, no, 1)


def _add_verb_line(d: VerbDictionary, block: VerbBlock, s: str, fname: str, src: str, no: int,
                   cmap: dict[str, str] | None = None) -> None:
    s = s.split(";")[0].strip()
    m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*(?:\[\s*([^\]]*?)\s*\])?\s*$", s)
    if not m:
        d.problems.append(DictionaryProblem(src, no, f"cannot read verb line {s!r}{_why(s)}; skipped"))
        return
    word, irregular, code = re.sub(r"\s+", "_", m.group(1).upper()), m.group(2), m.group(3)
    vcode = _translate(d, _code_value(code), cmap or {}, src, no) if code is not None else block.code
    if vcode == _DROP:
        return
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
        verb = parts[vi].lstrip("+") if parts else ""  # a line of underscores only ("_") names no verb
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

