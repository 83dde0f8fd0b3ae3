"""Coding schemes: load and validate scheme files (YAML) and answer questions about codes.

A scheme file describes one coding ontology (CAMEO, PLOVER, or an analyst's own variant):
event types in a hierarchy, actor codes, the span layers an analyst marks, relation types,
extra event attributes, old names (aliases) and the PETRARCH dictionaries that go with it.
The format is documented in ``coding_schemes/README.md``.

Validation never stops at the first mistake: every problem is collected with its file and
1-based line (line numbers come from ``yaml.compose`` nodes) and raised together as one
:class:`SchemeError`, so an analyst can fix a file in one pass.

:func:`check_scheme_file` (``eventcoder scheme validate``) also reads the scheme's PETRARCH dictionaries
(:func:`eventcoder.core.dictionaries.scheme_dictionary_problems`): their errors make the scheme invalid,
their warnings are listed. :func:`load_scheme` does not read them (the window asks
:meth:`CodingScheme.dictionary_report` once the scheme is loaded).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from eventcoder.core.dictionaries import (
    DictionaryReport,
    files_digest,
    scheme_dictionary_problems,
    scheme_dictionary_report,
)
from eventcoder.core.errors import Problem, SchemeError
from eventcoder.resources import schemes_dir

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

__all__ = [
    "BUILTIN_DIR",
    "Attribute",
    "ActorCode",
    "CodingScheme",
    "EventType",
    "RelationType",
    "RoleSpec",
    "SchemeCheck",
    "SpanLabel",
    "builtin_scheme_names",
    "check_scheme_file",
    "load_scheme",
    "validate_scheme_file",
]

BUILTIN_DIR: Path = schemes_dir()  # $EVENTCODER_SCHEMES_DIR, else the shipped schemes (eventcoder.resources)

ROLE_NAMES = ("source", "target", "location", "date")
ACTOR_KINDS = ("country", "role", "nonstate")
DICTIONARY_KINDS = ("verbs", "actors", "agents", "discards")
BASE_DICTIONARIES = "@base"
"""In a child scheme's dictionary list, stands for the extended scheme's list of that kind."""

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_STR_TAG = "tag:yaml.org,2002:str"
_SUFFIXES = (".yaml", ".yml")


# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class RoleSpec:
    name: str
    required: bool


@dataclass(frozen=True)
class EventType:
    """One event type. ``level`` is its depth in the hierarchy: roots are level 1."""

    code: str
    label: str
    description: str
    parent: str | None
    level: int
    score: float | None
    quad_classes: dict[str, int]
    colour: str | None
    shortcut: str | None
    roles: tuple[RoleSpec, ...]
    modes: tuple[str, ...]
    mode_scores: dict[str, float] = field(default_factory=dict)
    mode_descriptions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ActorCode:
    code: str
    name: str
    kind: str
    description: str = ""


@dataclass(frozen=True)
class RelationType:
    name: str
    label: str
    description: str
    symmetric: bool


@dataclass(frozen=True)
class SpanLabel:
    layer: str
    label: str
    colour: str | None
    shortcut: str | None


@dataclass(frozen=True)
class Attribute:
    """An extra event attribute; ``per_type`` narrows the allowed values for some event types."""

    name: str
    label: str
    values: tuple[str, ...]
    per_type: dict[str, tuple[str, ...]]
    multiple: bool
    description: str = ""
    value_descriptions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuadConvention:
    name: str
    description: str
    classes: dict[int, str]


# --------------------------------------------------------------------------- raw parsing


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


# --------------------------------------------------------------------------- the scheme


class CodingScheme:
    """A loaded, validated coding scheme: lookups by code for the window, the coder and exports."""

    def __init__(
        self,
        *,
        name: str,
        version: str,
        description: str,
        path: Path | None,
        content_hash: str,
        score_name: str,
        event_types: dict[str, EventType],
        actor_codes: dict[str, ActorCode],
        span_labels: dict[str, SpanLabel],
        relation_types: dict[str, RelationType],
        attributes: dict[str, Attribute],
        aliases: dict[str, tuple[str, ...]],
        dictionaries: dict[str, list[Path]],
        inline_dictionaries: dict[str, list[str]],
        quad_class_conventions: dict[str, QuadConvention],
        default_quad_convention: str,
        default_roles: tuple[RoleSpec, ...] = (),
        extends: str | None = None,
        cameo_mapping: dict[str, tuple[str, str | None] | None] | None = None,
        inline_lines: dict[str, list[tuple[str, int]]] | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.description = description
        self.path = path
        self.content_hash = content_hash
        self.score_name = score_name
        self.event_types = event_types
        self.actor_codes = actor_codes
        self.span_labels = span_labels
        self.relation_types = relation_types
        self.attributes = attributes
        self.aliases = aliases
        self.dictionaries = dictionaries
        self.inline_dictionaries = inline_dictionaries
        # (scheme file, line) of each inline dictionary entry, to report its problems where it is written
        self.inline_lines = inline_lines or {}
        self.quad_class_conventions = quad_class_conventions
        self.default_quad_convention = default_quad_convention
        self.default_roles = default_roles
        self.extends = extends
        self.cameo_mapping = cameo_mapping or {}
        self._children: dict[str | None, list[EventType]] = {}
        for et in event_types.values():
            self._children.setdefault(et.parent, []).append(et)

    def __repr__(self) -> str:
        return f"<CodingScheme {self.name} {self.version} ({len(self.event_types)} event types)>"

    def dictionary_report(self) -> DictionaryReport:
        """The problems of this scheme's dictionaries (errors and warnings, file:line), for the window: read
        once per process while the files are unchanged (see :func:`scheme_dictionary_report`)."""
        return scheme_dictionary_report(self)

    def event_type(self, code: str | None) -> EventType | None:
        return self.event_types.get(code) if isinstance(code, str) else None

    def root(self, code: str | None) -> str | None:
        et = self.event_type(code)
        while et is not None and et.parent is not None:
            et = self.event_types[et.parent]
        return et.code if et else None

    def label(self, code: str | None) -> str | None:
        et = self.event_type(code)
        return et.label if et else None

    def score(self, code: str | None, mode: str | None = None) -> float | None:
        """The type's score (Goldstein, PLOVER...); with ``mode``, that mode's score when it has one."""
        et = self.event_type(code)
        if et is None:
            return None
        if mode is not None and mode in et.mode_scores:
            return et.mode_scores[mode]
        return et.score

    def quad_class(self, code: str | None, convention: str | None = None) -> int | None:
        et = self.event_type(code)
        return et.quad_classes.get(convention or self.default_quad_convention) if et else None

    def children(self, code: str | None) -> list[EventType]:
        return list(self._children.get(code, [])) if code is not None else []

    def roots(self) -> list[EventType]:
        return list(self._children.get(None, []))

    def roles_for(self, code: str | None) -> tuple[RoleSpec, ...]:
        et = self.event_type(code)
        return et.roles if et else self.default_roles

    def modes_for(self, code: str | None) -> tuple[str, ...]:
        et = self.event_type(code)
        return et.modes if et else ()

    def resolve_alias(self, code: str | None) -> tuple[str, ...]:
        """Current code(s) for ``code``: itself when known, its alias targets, else ``()``."""
        if not isinstance(code, str):
            return ()
        if code in self.event_types:
            return (code,)
        return self.aliases.get(code, ())

    def from_cameo(self, cameo_code: str | None) -> tuple[str, str | None] | None:
        """This scheme's (event type, mode) for a CAMEO code, using the nearest mapped ancestor code."""
        code = cameo_code if isinstance(cameo_code, str) else ""
        while code:
            if code in self.cameo_mapping:
                return self.cameo_mapping[code]
            code = code[:-1] if len(code) > 2 else ""
        return None

    def split_actor(self, code: str | None) -> tuple[str | None, str | None]:
        """Split a CAMEO-style actor code into (country or non-state code, role codes)."""
        code = (code or "").strip().upper()
        if not code:
            return None, None
        head, rest = code[:3], code[3:] or None
        kind = self.actor_codes[head].kind if head in self.actor_codes else None
        if kind in ("country", "nonstate"):
            return head, rest
        if kind == "role":
            return None, code
        if len(code) == 3 or (rest and self._all_roles(rest)):
            return head, rest
        return None, code

    def _all_roles(self, codes: str) -> bool:
        chunks = [codes[i : i + 3] for i in range(0, len(codes), 3)]
        return all(c in self.actor_codes and self.actor_codes[c].kind == "role" for c in chunks)

    def actor_kind(self, code: str | None) -> str:
        """``country``, ``role``, ``nonstate`` or ``unknown``: what colours an actor code."""
        code = (code or "").strip().upper()
        if code in self.actor_codes:
            return self.actor_codes[code].kind
        country, role = self.split_actor(code)
        if country in self.actor_codes:
            return self.actor_codes[country].kind
        if country is None and role and role[:3] in self.actor_codes:
            return self.actor_codes[role[:3]].kind
        return "unknown"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able description (``eventcoder scheme show --json``)."""

        def roles(rs: Iterable[RoleSpec]) -> list[dict[str, Any]]:
            return [{"name": r.name, "required": r.required} for r in rs]

        return {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "path": str(self.path) if self.path else None,
            "extends": self.extends,
            "content_hash": self.content_hash,
            "score_name": self.score_name,
            "default_quad_convention": self.default_quad_convention,
            "quad_class_conventions": {
                c.name: {"description": c.description, "classes": {str(k): v for k, v in c.classes.items()}}
                for c in self.quad_class_conventions.values()
            },
            "default_roles": roles(self.default_roles),
            "counts": {
                "event_types": len(self.event_types),
                "roots": len(self.roots()),
                "actor_codes": len(self.actor_codes),
            },
            "event_types": [
                {
                    "code": e.code,
                    "label": e.label,
                    "description": e.description,
                    "parent": e.parent,
                    "level": e.level,
                    "score": e.score,
                    "quad_classes": dict(e.quad_classes),
                    "colour": e.colour,
                    "shortcut": e.shortcut,
                    "roles": roles(e.roles),
                    "modes": list(e.modes),
                    "mode_scores": dict(e.mode_scores),
                }
                for e in self.event_types.values()
            ],
            "actor_codes": [
                {"code": a.code, "name": a.name, "kind": a.kind, "description": a.description}
                for a in self.actor_codes.values()
            ],
            "span_labels": [
                {"layer": s.layer, "label": s.label, "colour": s.colour, "shortcut": s.shortcut}
                for s in self.span_labels.values()
            ],
            "relation_types": [
                {"name": r.name, "label": r.label, "description": r.description, "symmetric": r.symmetric}
                for r in self.relation_types.values()
            ],
            "attributes": [
                {
                    "name": a.name,
                    "label": a.label,
                    "description": a.description,
                    "values": list(a.values),
                    "per_type": {k: list(v) for k, v in a.per_type.items()},
                    "multiple": a.multiple,
                }
                for a in self.attributes.values()
            ],
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            "cameo_mapping": {k: list(v) if v else None for k, v in self.cameo_mapping.items()},
            "dictionaries": {k: [str(p) for p in v] for k, v in self.dictionaries.items()},
            "inline_dictionaries": {k: list(v) for k, v in self.inline_dictionaries.items()},
        }


# --------------------------------------------------------------------------- extends + build


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
    a recorded scheme and a cache keyed by the hash are all renewed). A scheme without dictionary files keeps
    the sha256 of its YAML."""
    files = {kind: paths for kind, paths in sorted(dictionaries.items()) if paths}
    if not files:
        return yaml_digest
    h = hashlib.sha256(yaml_digest.encode())
    for kind, paths in files.items():
        h.update(f"\0{kind}\0".encode())
        h.update(files_digest(paths).encode())
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


# --------------------------------------------------------------------------- entry points


def _builtin_dir() -> Path:
    env = os.environ.get("EVENTCODER_SCHEMES_DIR")
    return Path(env) if env else BUILTIN_DIR


def builtin_scheme_names() -> list[str]:
    directory = _builtin_dir()
    if not directory.is_dir():
        return []
    return sorted({p.stem.lower() for p in directory.iterdir() if p.suffix in _SUFFIXES and p.is_file()})


def _builtin_list() -> str:
    return ", ".join(builtin_scheme_names()) or "none"


def _find_scheme(name_or_path: str | Path, relative_to: Path | None = None) -> Path | None:
    """A built-in name (any case) or a file path (relative to ``relative_to`` when given)."""
    text = str(name_or_path)
    if not isinstance(name_or_path, Path) and "/" not in text and "\\" not in text:
        if not text.lower().endswith(_SUFFIXES):
            directory = _builtin_dir()
            for suffix in _SUFFIXES:
                candidate = directory / f"{text.lower()}{suffix}"
                if candidate.is_file():
                    return candidate
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    try:
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def _load(name_or_path: str | Path) -> tuple[CodingScheme | None, list[Problem]]:
    path = _find_scheme(name_or_path)
    if path is None:
        return None, [
            Problem(str(name_or_path), None, f"no such scheme file or built-in scheme (built-in: {_builtin_list()})")
        ]
    path = path.resolve()
    ctx = _Ctx(str(path))
    merged = _resolve(path, ctx)
    scheme = _build(merged, ctx) if merged is not None else None
    return scheme, _unique(ctx.problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def load_scheme(name_or_path: str | Path) -> CodingScheme:
    """Load a built-in scheme by name (``"cameo"``, ``"PLOVER"``) or a scheme file; raise SchemeError."""
    scheme, problems = _load(name_or_path)
    if problems or scheme is None:
        raise SchemeError(problems, summary=f"invalid coding scheme {name_or_path}: {len(problems)} problem(s)")
    return scheme


@dataclass(frozen=True)
class SchemeCheck:
    """What ``eventcoder scheme validate`` reports: ``errors`` make the scheme invalid (exit 1), ``warnings``
    are dictionary lines left out of a dictionary that otherwise works (printed; exit 0)."""

    errors: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_scheme_file(path: str | Path) -> SchemeCheck:
    """Every problem in a scheme file (and in what it extends) and in its dictionaries, each with file:line.

    Errors: the scheme file's own problems, and each dictionary error (a file that is binary, unreadable,
    damaged, codes nothing or is mostly unreadable; a macro or synset that refers to itself; verb
    dictionaries with no verb). Warnings: the dictionary lines skipped, or read with a doubt, in files that
    otherwise work, and verb codes that are not event types of the scheme.
    """
    scheme, problems = _load(path)
    errors: list[Problem] = list(problems)
    warnings: list[Problem] = []
    if scheme is not None:
        for problem in scheme_dictionary_problems(scheme):
            (errors if problem.is_error else warnings).append(problem)
    return SchemeCheck(_unique(errors), _unique(warnings))


def validate_scheme_file(path: str | Path) -> list[Problem]:
    """Every error in a scheme file (and in what it extends) and in its dictionaries, each with file and
    line; [] when valid (dictionary warnings may remain: :func:`check_scheme_file` lists them)."""
    return check_scheme_file(path).errors
