"""A scheme file's YAML source read with line numbers: ``yaml.compose`` nodes, a converter per field that reports
each bad value with its file and 1-based line (never stopping at the first), and the file parsed on its own
(:class:`_Raw`) before ``extends`` is resolved."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from eventcoder.core.errors import Problem

from .types import BASE_DICTIONARIES, DICTIONARY_KINDS, ROLE_NAMES, RoleSpec

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class _Item:
    """One list entry of a scheme file: its values and where each value was written."""

    file: str
    line: int
    values: dict[str, Any]
    lines: dict[str, tuple[str, int]]

    def where(self, key: str | None = None) -> tuple[str, int]:
        if key is not None and key in self.lines:
            return self.lines[key]
        return self.file, self.line

    def merged_with(self, other: _Item) -> _Item:
        return _Item(other.file, other.line, {**self.values, **other.values}, {**self.lines, **other.lines})


@dataclass
class _Raw:
    """One scheme file parsed on its own, before ``extends`` is resolved."""

    path: Path
    file: str
    digest: str
    top: _Item
    sections: dict[str, dict[str, _Item]] = field(default_factory=dict)
    aliases: dict[str, _Item] = field(default_factory=dict)
    dictionaries: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    inline: dict[str, list[str]] = field(default_factory=dict)
    inline_lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # where each inline entry is
    extends: tuple[str, int] | None = None
    default_roles: _Item | None = None
    cameo_mapping: dict[str, _Item] = field(default_factory=dict)


class _Invalid:
    """Marker for a value that was reported as a problem and must be ignored."""


_INVALID = _Invalid()


class _Ctx:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def add(self, where: Node | int | tuple[str, int] | None, message: str) -> _Invalid:
        if isinstance(where, tuple):
            self.problems.append(Problem(where[0], where[1], message))
        else:
            line = where.start_mark.line + 1 if isinstance(where, Node) else where
            self.problems.append(Problem(self.file, line, message))
        return _INVALID

    def value(self, node: Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            return self.add(node, f"cannot read value: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _line(node: Node) -> int:
    return node.start_mark.line + 1


# Field converters: (ctx, node, what) -> value or _INVALID (after reporting).
_Conv = Callable[[_Ctx, Node, str], Any]


def _text(ctx: _Ctx, node: Node, what: str) -> Any:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return ""
    if not isinstance(node, ScalarNode):
        return ctx.add(node, f"{what} must be text")
    value = ctx.value(node)
    if isinstance(value, _Invalid):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ctx.add(node, f"{what} must be text")
    return str(value)


def _code(ctx: _Ctx, node: Node, what: str) -> Any:
    """A code: a YAML string that no YAML reader could mistake for a number."""
    if not isinstance(node, ScalarNode):
        return ctx.add(node, f"{what} must be a quoted string")
    if node.style in (None, "") and (node.tag != _STR_TAG or node.value.isdigit()):
        return ctx.add(node, f"{what} must be a quoted string (got {node.value!r})")
    value = node.value.strip()
    if not value:
        return ctx.add(node, f"{what} must not be empty")
    return value


def _number(ctx: _Ctx, node: Node, what: str) -> Any:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return None
    value = ctx.value(node) if isinstance(node, ScalarNode) else _INVALID
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ctx.add(node, f"{what} must be a number")
    return float(value)


def _bool(ctx: _Ctx, node: Node, what: str) -> Any:
    value = ctx.value(node) if isinstance(node, ScalarNode) else _INVALID
    if not isinstance(value, bool):
        return ctx.add(node, f"{what} must be true or false")
    return value


def _colour(ctx: _Ctx, node: Node, what: str) -> Any:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return None
    if not isinstance(node, ScalarNode) or not _COLOUR.match(node.value):
        shown = node.value if isinstance(node, ScalarNode) else "?"
        return ctx.add(node, f"{what} must be a colour written #rrggbb (got {shown!r})")
    return node.value.lower()


def _shortcut(ctx: _Ctx, node: Node, what: str) -> Any:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return None
    if not isinstance(node, ScalarNode) or len(node.value) != 1 or node.value.isspace():
        shown = node.value if isinstance(node, ScalarNode) else "?"
        return ctx.add(node, f"{what} must be a single key (got {shown!r})")
    return node.value


def _text_list(ctx: _Ctx, node: Node, what: str) -> Any:
    if not isinstance(node, SequenceNode):
        return ctx.add(node, f"{what} must be a list")
    out = [_text(ctx, item, f"each entry of {what}") for item in node.value]
    return [v for v in out if not isinstance(v, _Invalid)]


def _roles(ctx: _Ctx, node: Node, what: str) -> Any:
    if not isinstance(node, SequenceNode):
        return ctx.add(node, f"{what} must be a list of {{name, required}}")
    roles: list[RoleSpec] = []
    seen: set[str] = set()
    for entry in node.value:
        item = _item(ctx, entry, "role", {"name": (_text, True), "required": (_bool, False)})
        if item is None or "name" not in item.values:
            continue
        name = item.values["name"]
        if name not in ROLE_NAMES:
            ctx.add(item.where("name"), f"unknown role name {name!r} (known: {', '.join(ROLE_NAMES)})")
            continue
        if name in seen:
            ctx.add(item.where("name"), f"role {name!r} is listed twice")
            continue
        seen.add(name)
        roles.append(RoleSpec(name, bool(item.values.get("required", False))))
    return tuple(roles)


def _quad(ctx: _Ctx, node: Node, what: str) -> Any:
    """``quad_class: {gdelt: 1, phoenix: 0}``; a bare number means the default convention."""
    if isinstance(node, ScalarNode):
        value = ctx.value(node)
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.add(node, f"{what} must be a whole number or a mapping convention: number")
        return {"": (value, _line(node))}
    if not isinstance(node, MappingNode):
        return ctx.add(node, f"{what} must be a mapping convention: number")
    out: dict[str, tuple[int, int]] = {}
    for knode, vnode in node.value:
        value = ctx.value(vnode) if isinstance(vnode, ScalarNode) else _INVALID
        if not isinstance(knode, ScalarNode) or isinstance(value, bool) or not isinstance(value, int):
            ctx.add(vnode, f"{what}: each convention needs a whole number")
            continue
        out[str(knode.value)] = (value, _line(knode))
    return out


def _modes(ctx: _Ctx, node: Node, what: str) -> Any:
    """A list of mode names, or of ``{name, description, score}`` mappings."""
    if not isinstance(node, SequenceNode):
        return ctx.add(node, f"{what} must be a list")
    modes: list[tuple[str, str, float | None]] = []
    for entry in node.value:
        if isinstance(entry, ScalarNode):
            name = _text(ctx, entry, "mode")
            if not isinstance(name, _Invalid):
                modes.append((name, "", None))
            continue
        item = _item(
            ctx, entry, "mode", {"name": (_text, True), "description": (_text, False), "score": (_number, False)}
        )
        if item is not None and "name" in item.values:
            v = item.values
            modes.append((v["name"], v.get("description", ""), v.get("score")))
    return modes


def _values(ctx: _Ctx, node: Node, what: str) -> Any:
    """Attribute values: names, or ``{name, description}`` mappings."""
    if not isinstance(node, SequenceNode):
        return ctx.add(node, f"{what} must be a list")
    out: list[tuple[str, str]] = []
    for entry in node.value:
        if isinstance(entry, ScalarNode):
            name = _text(ctx, entry, "value")
            if not isinstance(name, _Invalid):
                out.append((name, ""))
            continue
        item = _item(ctx, entry, "value", {"name": (_text, True), "description": (_text, False)})
        if item is not None and "name" in item.values:
            out.append((item.values["name"], item.values.get("description", "")))
    return out


def _per_type(ctx: _Ctx, node: Node, what: str) -> Any:
    if not isinstance(node, MappingNode):
        return ctx.add(node, f"{what} must be a mapping event type: [values]")
    out: dict[str, tuple[tuple[str, ...], tuple[str, int]]] = {}
    for knode, vnode in node.value:
        code = _code(ctx, knode, "event type code")
        values = _text_list(ctx, vnode, f"{what} values")
        if not isinstance(code, _Invalid) and not isinstance(values, _Invalid):
            out[code] = (tuple(values), (ctx.file, _line(knode)))
    return out


def _conventions_classes(ctx: _Ctx, node: Node, what: str) -> Any:
    if not isinstance(node, MappingNode):
        return ctx.add(node, f"{what} must be a mapping number: label")
    out: dict[int, str] = {}
    for knode, vnode in node.value:
        key = ctx.value(knode) if isinstance(knode, ScalarNode) else _INVALID
        label = _text(ctx, vnode, "class label")
        if isinstance(key, bool) or not isinstance(key, int):
            ctx.add(knode, f"{what}: each class must be a whole number")
        elif not isinstance(label, _Invalid):
            out[key] = label
    return out


_Fields = dict[str, tuple[_Conv, bool]]


def _item(ctx: _Ctx, node: Node, what: str, fields: _Fields) -> _Item | None:
    """Read one mapping entry; report unknown fields, duplicates and missing required fields."""
    if not isinstance(node, MappingNode):
        ctx.add(node, f"each {what} must be a mapping")
        return None
    item = _Item(ctx.file, _line(node), {}, {})
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, ScalarNode) else None
        if not isinstance(key, str) or not key:
            ctx.add(knode, f"{what}: field names must be text")
            continue
        if key in item.values or key in item.lines:
            ctx.add(knode, f"{what}: field {key!r} is given twice")
            continue
        if key not in fields:
            if not key.startswith("x_"):
                known = ", ".join(fields)
                ctx.add(knode, f"{what}: unknown field {key!r} (known: {known})")
            continue
        conv, _required = fields[key]
        value = conv(ctx, vnode, f"{what} {key}")
        item.lines[key] = (ctx.file, _line(vnode))
        if not isinstance(value, _Invalid):
            item.values[key] = value
    for key, (_conv, required) in fields.items():
        if required and key not in item.lines:
            ctx.add(node, f"{what} is missing required field {key!r}")
    return item


_EVENT_FIELDS: _Fields = {
    "code": (_code, True),
    "label": (_text, False),  # required for new codes; checked after ``extends``
    "description": (_text, False),
    "parent": (_code, False),
    "score": (_number, False),
    "quad_class": (_quad, False),
    "colour": (_colour, False),
    "shortcut": (_shortcut, False),
    "roles": (_roles, False),
    "modes": (_modes, False),
}
_ACTOR_FIELDS: _Fields = {
    "code": (_code, True),
    "name": (_text, False),
    "kind": (_text, False),
    "description": (_text, False),
}
_SPAN_FIELDS: _Fields = {
    "layer": (_text, True),
    "label": (_text, False),
    "colour": (_colour, False),
    "shortcut": (_shortcut, False),
    "description": (_text, False),
}
_RELATION_FIELDS: _Fields = {
    "name": (_text, True),
    "label": (_text, False),
    "description": (_text, False),
    "symmetric": (_bool, False),
}
_ATTRIBUTE_FIELDS: _Fields = {
    "name": (_text, True),
    "label": (_text, False),
    "description": (_text, False),
    "values": (_values, False),
    "per_type": (_per_type, False),
    "multiple": (_bool, False),
}
_CONVENTION_FIELDS: _Fields = {
    "name": (_text, True),
    "label": (_text, False),
    "description": (_text, False),
    "default": (_bool, False),
    "classes": (_conventions_classes, False),
}
# section name -> (what, key field, fields)
_SECTIONS: dict[str, tuple[str, str, _Fields]] = {
    "quad_class_conventions": ("quad class convention", "name", _CONVENTION_FIELDS),
    "event_types": ("event type", "code", _EVENT_FIELDS),
    "actor_codes": ("actor code", "code", _ACTOR_FIELDS),
    "span_labels": ("span label", "layer", _SPAN_FIELDS),
    "relation_types": ("relation type", "name", _RELATION_FIELDS),
    "attributes": ("attribute", "name", _ATTRIBUTE_FIELDS),
}
_TOP_FIELDS: _Fields = {
    "name": (_text, True),
    "version": (_text, False),
    "description": (_text, False),
    "score_name": (_text, False),
}
_TOP_KNOWN = set(_TOP_FIELDS) | set(_SECTIONS) | {"extends", "roles", "aliases", "dictionaries", "cameo_mapping"}


def _decode(ctx: _Ctx, data: bytes) -> str | None:
    if b"\x00" in data:
        ctx.add(data[: data.index(b"\x00")].count(b"\n") + 1, "not a scheme file: binary content")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.add(data[: exc.start].count(b"\n") + 1, "not a scheme file: not UTF-8 text")
        return None
    if not text.strip():
        ctx.add(None, "the scheme file is empty")
        return None
    return text


_MAX_DEPTH = 64
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _too_deep(text: str) -> yaml.Event | None:
    """The event where nesting passes ``_MAX_DEPTH`` (libyaml's composer would overflow the C stack)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > _MAX_DEPTH:
                return event
        elif isinstance(event, _CLOSE):
            depth -= 1
    return None


def _compose(ctx: _Ctx, text: str) -> MappingNode | None:
    try:
        deep = _too_deep(text)
        if deep is not None:
            ctx.add(deep.start_mark.line + 1, f"nested more than {_MAX_DEPTH} levels deep")
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        ctx.add(mark.line + 1 if mark else None, f"YAML syntax error: {message}")
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        ctx.add(None, f"YAML syntax error: {_first_line(exc)}")
        return None
    if node is None or _is_null(node):
        ctx.add(None, "the scheme file is empty")
        return None
    if not isinstance(node, MappingNode):
        ctx.add(node, "a scheme file must be a YAML mapping (name: ..., event_types: ...)")
        return None
    return node


def _parse(path: Path, data: bytes, ctx: _Ctx) -> _Raw | None:
    text = _decode(ctx, data)
    root = _compose(ctx, text) if text is not None else None
    if root is None:
        return None
    raw = _Raw(path, ctx.file, hashlib.sha256(data).hexdigest(), _Item(ctx.file, _line(root), {}, {}))
    top_fields = {k: v for k, v in root.value if isinstance(k, ScalarNode)}
    seen: set[str] = set()
    for knode, _vnode in root.value:
        key = knode.value if isinstance(knode, ScalarNode) else None
        if not isinstance(key, str):
            ctx.add(knode, "top-level keys must be text")
        elif key in seen and key not in _TOP_FIELDS:
            ctx.add(knode, f"key {key!r} is given twice")
        elif key not in _TOP_KNOWN and not key.startswith("x_"):
            ctx.add(knode, f"unknown key {key!r}")
        if isinstance(key, str):
            seen.add(key)
    scalars = MappingNode(root.tag, [(k, v) for k, v in top_fields.items() if k.value in _TOP_FIELDS], root.start_mark)
    raw.top = _item(ctx, scalars, "scheme", _TOP_FIELDS) or raw.top
    by_key = {k.value: v for k, v in top_fields.items()}
    if "extends" in by_key:
        target = _text(ctx, by_key["extends"], "extends")
        if not isinstance(target, _Invalid) and target:
            raw.extends = (target, _line(by_key["extends"]))
    for section, (what, key_field, fields) in _SECTIONS.items():
        raw.sections[section] = _section(ctx, by_key.get(section), section, what, key_field, fields)
    if "roles" in by_key:
        roles = _roles(ctx, by_key["roles"], "roles")
        if not isinstance(roles, _Invalid):
            raw.default_roles = _Item(ctx.file, _line(by_key["roles"]), {"roles": roles}, {})
    if "aliases" in by_key:
        _aliases(ctx, by_key["aliases"], raw)
    if "dictionaries" in by_key:
        _dictionaries(ctx, by_key["dictionaries"], raw)
    if "cameo_mapping" in by_key:
        _cameo_mapping(ctx, by_key["cameo_mapping"], raw)
    return raw


def _cameo_mapping(ctx: _Ctx, node: Node, raw: _Raw) -> None:
    """``"041": {type: CONSULT, mode: phone}``, ``"04": CONSULT``, or ``"01": null`` (no equivalent)."""
    if _is_null(node):
        return
    if not isinstance(node, MappingNode):
        ctx.add(node, "cameo_mapping must be a mapping CAMEO code: {type, mode}")
        return
    for knode, vnode in node.value:
        code = _code(ctx, knode, "cameo_mapping code")
        if isinstance(code, _Invalid):
            continue
        if code in raw.cameo_mapping:
            ctx.add(knode, f"cameo_mapping: code {code!r} is given twice")
            continue
        if _is_null(vnode):
            item: _Item | None = _Item(ctx.file, _line(knode), {"type": None}, {})
        elif isinstance(vnode, ScalarNode):
            target = _code(ctx, vnode, "cameo_mapping type")
            item = None if isinstance(target, _Invalid) else _Item(ctx.file, _line(vnode), {"type": target}, {})
        else:
            item = _item(ctx, vnode, "cameo_mapping entry", {"type": (_code, True), "mode": (_text, False)})
        if item is not None and "type" in item.values:
            raw.cameo_mapping[code] = item


def _section(
    ctx: _Ctx, node: Node | None, section: str, what: str, key_field: str, fields: _Fields
) -> dict[str, _Item]:
    out: dict[str, _Item] = {}
    if node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return out
    if not isinstance(node, SequenceNode):
        ctx.add(node, f"{section} must be a list")
        return out
    for entry in node.value:
        item = _item(ctx, entry, what, fields)
        if item is None or key_field not in item.values:
            continue
        key = item.values[key_field]
        if key in out:
            first = out[key].where(key_field)[1]
            ctx.add(item.where(key_field), f"duplicate {what} {key!r} (first at line {first})")
            continue
        out[key] = item
    return out


def _aliases(ctx: _Ctx, node: Node, raw: _Raw) -> None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return
    if not isinstance(node, MappingNode):
        ctx.add(node, "aliases must be a mapping old name: current name(s)")
        return
    for knode, vnode in node.value:
        name = _code(ctx, knode, "alias name")
        if isinstance(name, _Invalid):
            continue
        targets = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
        codes: list[tuple[str, int]] = []
        for target in targets:
            code = _code(ctx, target, f"alias {name} target")
            if not isinstance(code, _Invalid):
                codes.append((code, _line(target)))
        if name in raw.aliases:
            ctx.add(knode, f"alias {name!r} is given twice")
            continue
        raw.aliases[name] = _Item(ctx.file, _line(knode), {"targets": codes}, {})


def _dictionaries(ctx: _Ctx, node: Node, raw: _Raw) -> None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return
    if not isinstance(node, MappingNode):
        ctx.add(node, "dictionaries must be a mapping kind: [paths]")
        return
    known = DICTIONARY_KINDS + tuple(f"{k}_inline" for k in DICTIONARY_KINDS)
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, ScalarNode) else None
        if key not in known:
            ctx.add(knode, f"unknown dictionary kind {key!r} (known: {', '.join(known)})")
            continue
        if isinstance(vnode, ScalarNode) and vnode.tag != "tag:yaml.org,2002:null":
            vnode = SequenceNode("tag:yaml.org,2002:seq", [vnode], vnode.start_mark)
        entries = _text_list(ctx, vnode, f"dictionaries {key}") if not _is_null(vnode) else []
        if isinstance(entries, _Invalid):
            continue
        if key.endswith("_inline"):
            raw.inline[key.removesuffix("_inline")] = list(entries)
            nodes = vnode.value if isinstance(vnode, SequenceNode) else []
            # (an entry that is not text was reported and left out: the lines are then only approximate)
            raw.inline_lines[key.removesuffix("_inline")] = [(ctx.file, _line(n)) for n in nodes][: len(entries)]
            continue
        paths: list[tuple[str, int]] = []
        for entry_node in vnode.value if isinstance(vnode, SequenceNode) else []:
            entry = _text(ctx, entry_node, f"dictionaries {key}") if isinstance(entry_node, ScalarNode) else _INVALID
            if isinstance(entry, _Invalid) or not entry:
                continue
            if entry != BASE_DICTIONARIES:
                try:
                    exists = (raw.path.parent / entry).is_file()
                except (OSError, ValueError):
                    exists = False
                if not exists:
                    ctx.add(entry_node, f"dictionary file not found: {entry}")
                    continue
            paths.append((entry, _line(entry_node)))
        raw.dictionaries[key] = paths


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"
