"""The loaded scheme, :class:`CodingScheme`: lookups by code (types, roots, roles, modes, scores, quad classes,
aliases, CAMEO mapping, actor codes) for the window, the coder and exports."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventcoder.core.dictionaries import DictionaryReport, scheme_dictionary_report

from .catalogue import _builtin_dir
from .types import ActorCode, Attribute, EventType, QuadConvention, RelationType, RoleSpec, SpanLabel


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

    @property
    def is_builtin(self) -> bool:
        """One of the schemes that come with EventCoder (in the built-in schemes folder): its dictionaries' known
        oddities are not the analyst's to fix."""
        if self.path is None:
            return False
        try:
            return self.path.parent.resolve() == _builtin_dir().resolve()
        except OSError:
            return False

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

    def neighbours(self, code: str | None, k: int = 3) -> list[str]:
        """The first ``k`` other codes under the same parent (the parent itself when ``code`` is its only child):
        what an analyst most likely meant instead. [] for a top-level type (every other root is no help) or an
        unknown code."""
        et = self.event_type(code)
        if et is None or not et.parent:
            return []
        return ([c.code for c in self.children(et.parent) if c.code != code] or [et.parent])[:k]

    def roles_for(self, code: str | None) -> tuple[RoleSpec, ...]:
        et = self.event_type(code)
        return et.roles if et else self.default_roles

    def modes_for(self, code: str | None) -> tuple[str, ...]:
        et = self.event_type(code)
        return et.modes if et else ()

    def knows(self, code: str | None) -> bool:
        """Whether ``code`` is a code of this scheme: one of its event types, or an old name in its ``aliases``
        (the one rule for "does the scheme know this code"; codes are strings, ``"010"`` is not ``"10"``)."""
        return bool(self.resolve_alias(code))

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

    def actor_names(self, code: str | None) -> list[str]:
        """What an actor code says in words: ``RUSGOV`` -> ``["Russia", "Government"]`` (the country or group, then
        each 3-letter role the scheme knows); [] for no code."""
        if not code:
            return []
        if code.upper() in self.actor_codes:
            return [self.actor_codes[code.upper()].name]
        head, roles = self.split_actor(code)
        names = [self.actor_codes[head].name] if head in self.actor_codes else []
        for i in range(0, len(roles or ""), 3):
            part = self.actor_codes.get((roles or "")[i : i + 3])
            if part is not None:
                names.append(part.name)
        return names

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
