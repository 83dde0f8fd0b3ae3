"""PETRARCH/TABARI verb dictionaries: synsets, verb blocks with their forms and multi-word verbs, patterns
compiled into slots matched against the parse, and transformations (reported speech, intent)."""

from __future__ import annotations

import re
from collections.abc import Sequence
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

