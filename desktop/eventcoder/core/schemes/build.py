"""Validation across the folded scheme (parents, cycles, required fields, aliases, quad-class conventions,
attributes, shortcuts, CAMEO mapping) and the public objects built from it; the scheme's content hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from eventcoder.core.dictionaries import code_map_path, files_digest

from .extends import _Merged
from .scheme import CodingScheme
from .source import _Ctx, _Item
from .types import ACTOR_KINDS, ActorCode, Attribute, EventType, QuadConvention, RelationType, RoleSpec, SpanLabel


def _build(m: _Merged, ctx: _Ctx) -> CodingScheme:
    """Check cross-references across the folded scheme and build the public objects."""
    top = m.top.values
    conventions = _build_conventions(m, ctx)
    default_convention = next((c for c, item in conventions.items() if item[1]), next(iter(conventions), ""))
    default_roles: tuple[RoleSpec, ...] = m.default_roles.values["roles"] if m.default_roles else ()
    event_types = _build_event_types(
        m, ctx, {c: v[0] for c, v in conventions.items()}, default_convention, default_roles
    )
    actor_codes: dict[str, ActorCode] = {}
    for code, item in m.sections["actor_codes"].items():
        v = item.values
        for key in ("name", "kind"):
            if key not in item.lines and code not in m.inherited["actor_codes"]:
                ctx.add(item.where(), f"actor code {code!r} is missing required field {key!r}")
        kind = v.get("kind", "")
        if kind and kind not in ACTOR_KINDS:
            ctx.add(item.where("kind"), f"actor code {code!r}: unknown kind {kind!r} (known: {', '.join(ACTOR_KINDS)})")
        actor_codes[code] = ActorCode(code, v.get("name", code), kind, v.get("description", ""))
    span_labels = {
        layer: SpanLabel(layer, item.values.get("label", layer), item.values.get("colour"), item.values.get("shortcut"))
        for layer, item in m.sections["span_labels"].items()
    }
    relation_types = {
        name: RelationType(
            name,
            item.values.get("label", name),
            item.values.get("description", ""),
            bool(item.values.get("symmetric", False)),
        )
        for name, item in m.sections["relation_types"].items()
    }
    attributes = _build_attributes(m, ctx, event_types)
    aliases: dict[str, tuple[str, ...]] = {}
    for name, item in m.aliases.items():
        if name in event_types:
            ctx.add(item.where(), f"alias {name!r} is also an event type code")
        targets = []
        for code, line in item.values["targets"]:
            if code not in event_types:
                ctx.add((item.file, line), f"alias {name!r}: unknown target event type {code!r}")
            else:
                targets.append(code)
        aliases[name] = tuple(targets)
    _check_shortcuts(m, ctx)
    cameo_mapping: dict[str, tuple[str, str | None] | None] = {}
    for cameo_code, item in m.cameo_mapping.items():
        target, mode = item.values["type"], item.values.get("mode")
        if target is not None and target not in event_types:
            ctx.add(item.where("type"), f"cameo_mapping {cameo_code!r}: unknown event type {target!r}")
        elif mode and mode not in event_types[target].modes:
            ctx.add(item.where("mode"), f"cameo_mapping {cameo_code!r}: {target} has no mode {mode!r}")
        else:
            cameo_mapping[cameo_code] = (target, mode or None) if target is not None else None
    conventions_public = {
        c: QuadConvention(c, item.values.get("description", ""), item.values.get("classes", {}))
        for c, item in m.sections["quad_class_conventions"].items()
    }
    return CodingScheme(
        name=top.get("name", ""),
        version=top.get("version", ""),
        description=top.get("description", ""),
        path=m.raws[-1].path,
        content_hash=content_hash(m.digest, m.dictionaries),
        score_name=top.get("score_name") or "score",
        event_types=event_types,
        actor_codes=actor_codes,
        span_labels=span_labels,
        relation_types=relation_types,
        attributes=attributes,
        aliases=aliases,
        dictionaries=m.dictionaries,
        inline_dictionaries=m.inline,
        inline_lines=m.inline_lines,
        quad_class_conventions=conventions_public,
        default_quad_convention=default_convention,
        default_roles=default_roles,
        extends=m.raws[-2].top.values.get("name") if len(m.raws) > 1 else None,
        cameo_mapping=cameo_mapping,
    )


def content_hash(yaml_digest: str, dictionaries: dict[str, list[Path]]) -> str:
    """A scheme's content hash: the sha256 of its YAML (with what it extends, ``yaml_digest``) and, when it names
    dictionary files, of each of them by kind and order -- editing a dictionary makes another scheme (a coder,
    a recorded scheme and a cache keyed by the hash are all renewed), and of a verbs file's code map. A scheme
    without dictionary files keeps the sha256 of its YAML."""
    files = {kind: paths for kind, paths in sorted(dictionaries.items()) if paths}
    if not files:
        return yaml_digest
    h = hashlib.sha256(yaml_digest.encode())
    for kind, paths in files.items():
        h.update(f"\0{kind}\0".encode())
        h.update(files_digest(paths).encode())
        maps = [m for m in map(code_map_path, paths) if m.is_file()] if kind == "verbs" else []
        if maps:  # a verbs file's code map (NAME.codes.tsv) changes the codes read from it
            h.update(b"\0code maps\0" + files_digest(maps).encode())
    return h.hexdigest()


def _build_conventions(m: _Merged, ctx: _Ctx) -> dict[str, tuple[_Item, bool]]:
    out: dict[str, tuple[_Item, bool]] = {}
    defaults = [n for n, item in m.sections["quad_class_conventions"].items() if item.values.get("default")]
    for extra in defaults[1:]:
        item = m.sections["quad_class_conventions"][extra]
        ctx.add(item.where("default"), f"quad class convention {extra!r}: only one convention can be default")
    for n, item in m.sections["quad_class_conventions"].items():
        out[n] = (item, bool(defaults) and n == defaults[0])
    return out


def _build_event_types(
    m: _Merged,
    ctx: _Ctx,
    conventions: dict[str, _Item],
    default_convention: str,
    default_roles: tuple[RoleSpec, ...],
) -> dict[str, EventType]:
    items = m.sections["event_types"]
    built: dict[str, EventType] = {}
    parents: dict[str, str | None] = {}
    for code, item in items.items():
        parent = item.values.get("parent")
        if parent is not None and parent not in items:
            ctx.add(item.where("parent"), f"event type {code!r}: unknown parent {parent!r}")
            parent = None
        if "label" not in item.values and code not in m.inherited["event_types"] and "label" not in item.lines:
            ctx.add(item.where(), f"event type {code!r} is missing required field 'label'")
        parents[code] = parent
    for code in items:  # break parent cycles, reporting each once
        seen = [code]
        parent = parents[code]
        while parent is not None:
            if parent in seen:
                ctx.add(items[code].where("parent"), f"event type {code!r}: parent chain loops back to itself")
                parents[code] = None
                break
            seen.append(parent)
            parent = parents[parent]

    def build(code: str) -> EventType:
        if code in built:
            return built[code]
        item = items[code]
        v = item.values
        parent_type = build(parents[code]) if parents[code] is not None else None
        quad: dict[str, int] = dict(parent_type.quad_classes) if parent_type else {}
        for conv, (value, line) in v.get("quad_class", {}).items():
            conv_name = conv or default_convention
            if not conventions:
                ctx.add((item.lines["quad_class"][0], line), "quad_class needs quad_class_conventions in the scheme")
            elif conv_name not in conventions:
                ctx.add(
                    (item.lines["quad_class"][0], line), f"event type {code!r}: unknown quad class convention {conv!r}"
                )
            else:
                quad[conv_name] = value
        roles = v["roles"] if "roles" in v else (parent_type.roles if parent_type else default_roles)
        modes = v.get("modes", [])
        built[code] = EventType(
            code=code,
            label=v.get("label", code),
            description=v.get("description", ""),
            parent=parents[code],
            level=parent_type.level + 1 if parent_type else 1,
            score=v.get("score"),
            quad_classes=quad,
            colour=v.get("colour") or (parent_type.colour if parent_type else None),
            shortcut=v.get("shortcut"),
            roles=roles,
            modes=tuple(name for name, _d, _s in modes),
            mode_scores={name: s for name, _d, s in modes if s is not None},
            mode_descriptions={name: d for name, d, _s in modes if d},
        )
        return built[code]

    for code in items:
        build(code)
    return {code: built[code] for code in items}


def _build_attributes(m: _Merged, ctx: _Ctx, event_types: dict[str, EventType]) -> dict[str, Attribute]:
    out: dict[str, Attribute] = {}
    for name, item in m.sections["attributes"].items():
        v = item.values
        values = [n for n, _d in v.get("values", [])]
        per_type: dict[str, tuple[str, ...]] = {}
        for code, (allowed, where) in v.get("per_type", {}).items():
            if code not in event_types:
                ctx.add(where, f"attribute {name!r}: unknown event type {code!r}")
                continue
            unknown = [a for a in allowed if values and a not in values]
            if unknown:
                ctx.add(where, f"attribute {name!r}: {', '.join(unknown)} not among its values")
            per_type[code] = allowed
        if name == "mode" and "per_type" not in v:
            per_type = {c: et.modes for c, et in event_types.items()}
            if "values" not in v:
                values = list(dict.fromkeys(mode for modes in per_type.values() for mode in modes))
        out[name] = Attribute(
            name=name,
            label=v.get("label", name),
            values=tuple(values),
            per_type=per_type,
            multiple=bool(v.get("multiple", False)),
            description=v.get("description", ""),
            value_descriptions={n: d for n, d in v.get("values", []) if d},
        )
    return out


def _check_shortcuts(m: _Merged, ctx: _Ctx) -> None:
    used: dict[str, str] = {}
    for section, what in (("span_labels", "span label"), ("event_types", "event type")):
        for key, item in m.sections[section].items():
            shortcut = item.values.get("shortcut")
            if not shortcut:
                continue
            folded = shortcut.lower()
            if folded in used:
                ctx.add(
                    item.where("shortcut"), f"shortcut {shortcut!r} of {what} {key!r} is already used by {used[folded]}"
                )
            else:
                used[folded] = f"{what} {key!r}"
