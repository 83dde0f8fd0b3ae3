"""The public parts of a coding scheme as frozen dataclasses (event types, roles, actor codes, span labels,
relation types, attributes, quad-class conventions) and the fixed vocabularies a scheme file is checked against."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ROLE_NAMES = ("source", "target", "location", "date")
ACTOR_KINDS = ("country", "role", "nonstate")
DICTIONARY_KINDS = ("verbs", "actors", "agents", "discards")
BASE_DICTIONARIES = "@base"
"""In a child scheme's dictionary list, stands for the extended scheme's list of that kind."""
MULTI_VALUE_SEP = "|"
"""How an event stores the values of a multi-valued attribute (PLOVER context: ``"military|economic"``)."""


def split_values(stored: str | None) -> list[str]:
    """The values of a stored multi-valued attribute (``"military|economic"``), in order, without blanks."""
    return [v.strip() for v in (stored or "").split(MULTI_VALUE_SEP) if v.strip()]


def join_values(values: Iterable[str]) -> str | None:
    """Values as an event stores them (``"military|economic"``); None for none."""
    return MULTI_VALUE_SEP.join(values) or None


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

    def values_for(self, code: str | None) -> tuple[str, ...]:
        """The values an event of type ``code`` may take (its ``per_type`` list, else all of them)."""
        return self.per_type.get(code or "", self.values)

    def spelled(self, values: Iterable[str], code: str | None) -> tuple[list[str], list[str]]:
        """``values`` in the scheme's spelling (matched without regard to case; repeats dropped), and those that
        are not values of type ``code``."""
        known = {v.lower(): v for v in self.values_for(code)}
        out = list(dict.fromkeys(known.get(v.lower(), v) for v in values))
        return out, [v for v in out if v.lower() not in known]


@dataclass(frozen=True)
class QuadConvention:
    name: str
    description: str
    classes: dict[int, str]
