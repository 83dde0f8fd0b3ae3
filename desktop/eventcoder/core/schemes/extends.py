"""``extends``: a scheme file with every scheme it extends folded in (the child's entries merged over the
parent's, ``@base`` dictionary lists, cycles and missing parents reported at the ``extends`` line)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import _builtin_list, _find_scheme
from .source import _SECTIONS, _Ctx, _Item, _parse, _Raw
from .types import BASE_DICTIONARIES


@dataclass
class _Merged:
    """A scheme file with everything it extends folded in, still as located items."""

    raws: list[_Raw]
    top: _Item
    sections: dict[str, dict[str, _Item]]
    aliases: dict[str, _Item]
    dictionaries: dict[str, list[Path]]
    inline: dict[str, list[str]]
    inline_lines: dict[str, list[tuple[str, int]]]
    default_roles: _Item | None
    digest: str
    # codes defined by extended schemes (an entry for one of these may leave out its label)
    inherited: dict[str, set[str]]
    cameo_mapping: dict[str, _Item] = field(default_factory=dict)


def _resolve(path: Path, ctx: _Ctx, chain: tuple[Path, ...] = ()) -> _Merged | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.add((str(path), None), f"cannot read scheme file: {exc.strerror or exc}")
        return None
    file_ctx = _Ctx(str(path))
    raw = _parse(path, data, file_ctx)
    ctx.problems.extend(file_ctx.problems)
    if raw is None:
        return None
    base: _Merged | None = None
    if raw.extends is not None:
        target, line = raw.extends
        base_path = _find_scheme(target, relative_to=path.parent)
        if base_path is None:
            ctx.add((raw.file, line), f"extends: no scheme {target!r} (built-in: {_builtin_list()})")
        elif base_path.resolve() in chain or base_path.resolve() == path.resolve():
            ctx.add((raw.file, line), f"extends: {target!r} leads back to this file (a cycle)")
        else:
            base = _resolve(base_path, ctx, (*chain, path.resolve()))
            if base is None:
                ctx.add((raw.file, line), f"extends: {target!r} could not be loaded")
    return _fold(base, raw, ctx)


def _fold(base: _Merged | None, raw: _Raw, ctx: _Ctx) -> _Merged:
    sections: dict[str, dict[str, _Item]] = {}
    inherited: dict[str, set[str]] = {}
    for section in _SECTIONS:
        merged = dict(base.sections[section]) if base else {}
        inherited[section] = set(merged)
        for key, item in raw.sections.get(section, {}).items():
            merged[key] = merged[key].merged_with(item) if key in merged else item
        sections[section] = merged
    aliases = {**(base.aliases if base else {}), **raw.aliases}
    dictionaries: dict[str, list[Path]] = {k: list(v) for k, v in (base.dictionaries if base else {}).items()}
    for kind, entries in raw.dictionaries.items():
        paths: list[Path] = []
        for entry, _line_no in entries:
            if entry == BASE_DICTIONARIES:
                paths.extend(base.dictionaries.get(kind, []) if base else [])
            else:
                paths.append((raw.path.parent / entry).resolve())
        dictionaries[kind] = paths
    inline = {k: list(v) for k, v in (base.inline if base else {}).items()}
    inline_lines = {k: list(v) for k, v in (base.inline_lines if base else {}).items()}
    for kind, entries in raw.inline.items():
        inline.setdefault(kind, []).extend(entries)
        inline_lines.setdefault(kind, []).extend(raw.inline_lines.get(kind, []))
    top = base.top.merged_with(raw.top) if base else raw.top
    for own in ("name", "version", "description"):  # these describe this file; score_name is inherited
        if own not in raw.top.values:
            top.values.pop(own, None)
    digest = raw.digest
    if base:
        digest = hashlib.sha256((base.digest + raw.digest).encode()).hexdigest()
    return _Merged(
        raws=[*(base.raws if base else []), raw],
        top=top,
        sections=sections,
        aliases=aliases,
        dictionaries=dictionaries,
        inline=inline,
        inline_lines=inline_lines,
        default_roles=raw.default_roles or (base.default_roles if base else None),
        digest=digest,
        inherited=inherited,
        cameo_mapping={**(base.cameo_mapping if base else {}), **raw.cameo_mapping},
    )
