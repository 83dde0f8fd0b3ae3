"""PETRARCH agent dictionaries: role words (``[~GOV]``, ``[NGO~]``), their plurals and ``!MACRO!`` spellings
(a macro that refers to itself is an error at its definition)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import (
    ERROR,
    DictionaryProblem,
    _lines,
    _why,
)
from .phrases import PhraseDictionary, file_layers, phrase_tokens, plurals


@dataclass
class AgentEntry:
    name: str
    code: str  # the role code without "~"
    prefix: bool  # True for "[NGO~]" (code goes before the country), False for "[~GOV]"
    file: str = ""
    line: int = 0


@dataclass
class AgentDictionary(PhraseDictionary):
    """Agents by their words: ``lookup`` gives the :class:`AgentEntry` of a phrase."""


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
    For the same words a later dictionary set wins over an earlier one (the project's ``EventCoder.*``
    supplement over ``Phoenix.*``), the first entry within a set (:func:`.phrases.file_layers`).
    """
    d = AgentDictionary(files=[str(p) for p in paths])
    for path, layer in zip(map(Path, paths), file_layers(paths), strict=True):
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
                    d.index.add(phrase_tokens(f), entry, layer)
    d.index.finish()
    return d
