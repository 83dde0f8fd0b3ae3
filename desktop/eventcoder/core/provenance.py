"""How a suggested event was made, as data: the rules' match, the mapping to the scheme, the learner's decision.

Every event the engine suggests carries one (``SuggestedEvent.provenance``, stored in ``events.provenance`` as
JSON and read back as ``Event.provenance``). Whatever reads how an event came about -- the learner's features,
the run's counts of what the learner did, the editor's Alt+1/2/3 -- reads this; the event's ``evidence`` is
display text only and nothing parses it.

The stored form (format 1), every key always present::

    {
      "format": 1,
      "rules": {                        # the rule coder's match; null for an event only the learner found
        "code": "112",                  # the code the rules gave (CAMEO for a scheme mapped from CAMEO), after
                                        # any transformation or refusal below
        "verb": "ACCUSE",               # the dictionary entry's word
        "block": "BLAME",               # its verb block
        "pattern": "* OF TREASON",      # the pattern that matched; null: the entry's or block's own code
        "where": "CAMEO.2.0.txt:7512",  # dictionary file:line of that pattern or entry
        "steps": [                      # what changed the code after the match, in order
          {"kind": "transformation", "code": "112", "text": "~ a (b . ATTACK) SAY = a b 112", "line": 12},
          {"kind": "refusal", "code": "120", "text": null, "line": null},
          {"kind": "noun", "code": null, "text": "attempts", "line": null}
        ],
        "flags": ["reported"]           # the coder's flags on the event as it emitted it
      },
      "mapping": {"from": "CAMEO", "code": "112", "to": "ACCUSE", "mode": "allege"},   # or null: not mapped
      "learner": {                      # or null: the learner did not decide this event
        "version": 3,                   # the stored model's version
        "type": "ACCUSE",               # the type it gave
        "p": 0.91,                      # its probability
        "decision": "kept",             # kept (the rules' type) | retyped | added (the rules found none)
        "rules_type": "ACCUSE",         # the type before the learner decided (null when it added the event)
        "top": [["ACCUSE", 0.91], ["AID", 0.06], ["AGREE", 0.02], ["DEMAND", 0.01]]   # its ranking, best first
      }
    }

Events stored before provenance existed have none (``None``): :func:`provenance_of` returns None for them (and
for anything unreadable), and every reader has a path without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

FORMAT = 1
TOP_KEPT = 4  # types of the learner's ranking kept: three alternatives besides the current type

Decision = Literal["kept", "retyped", "added"]
DECISIONS: tuple[str, ...] = ("kept", "retyped", "added")


@dataclass(frozen=True)
class Step:
    """Something that changed the rules' code after the dictionary match (or named the event)."""

    kind: str  # "transformation" | "refusal" | "noun"
    code: str | None = None  # the code it gave
    text: str | None = None  # the transformation line, or the noun
    line: int | None = None  # the transformation's line in the verb dictionary

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "code": self.code, "text": self.text, "line": self.line}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        line = data.get("line")
        return cls(str(data["kind"]), _opt_str(data.get("code")), _opt_str(data.get("text")),
                   int(line) if line is not None else None)


@dataclass(frozen=True)
class RuleMatch:
    """The rule coder's match."""

    code: str
    verb: str | None = None
    block: str | None = None
    pattern: str | None = None
    where: str | None = None
    steps: tuple[Step, ...] = ()
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "verb": self.verb, "block": self.block, "pattern": self.pattern, "where": self.where,
            "steps": [s.to_dict() for s in self.steps], "flags": list(self.flags),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleMatch:
        return cls(
            code=str(data["code"]),
            verb=_opt_str(data.get("verb")),
            block=_opt_str(data.get("block")),
            pattern=_opt_str(data.get("pattern")),
            where=_opt_str(data.get("where")),
            steps=tuple(Step.from_dict(s) for s in data.get("steps") or ()),
            flags=tuple(str(f) for f in data.get("flags") or ()),
        )


@dataclass(frozen=True)
class Mapping:
    """A code of another scheme's rules mapped to the project scheme's type (PLOVER from CAMEO)."""

    source: str  # the scheme the rules coded in ("CAMEO"); "from" in the stored form
    code: str
    to: str
    mode: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "code": self.code, "to": self.to, "mode": self.mode}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        return cls(str(data["from"]), str(data["code"]), str(data["to"]), _opt_str(data.get("mode")))


@dataclass(frozen=True)
class LearnerDecision:
    """The type learner's decision on the event."""

    version: int
    type: str
    p: float
    decision: str  # one of DECISIONS
    rules_type: str | None = None
    top: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version, "type": self.type, "p": self.p, "decision": self.decision,
            "rules_type": self.rules_type, "top": [[t, q] for t, q in self.top],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LearnerDecision:
        decision = str(data["decision"])
        if decision not in DECISIONS:
            raise ValueError(f"unknown learner decision {decision!r}")
        return cls(
            version=int(data["version"]),
            type=str(data["type"]),
            p=float(data["p"]),
            decision=decision,
            rules_type=_opt_str(data.get("rules_type")),
            top=tuple((str(t), float(q)) for t, q in data.get("top") or ()),
        )


@dataclass(frozen=True)
class Provenance:
    """How one suggested event was made (see the module's docstring for the stored form)."""

    rules: RuleMatch | None = None
    mapping: Mapping | None = None
    learner: LearnerDecision | None = None
    format: int = field(default=FORMAT)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rules": self.rules.to_dict() if self.rules is not None else None,
            "mapping": self.mapping.to_dict() if self.mapping is not None else None,
            "learner": self.learner.to_dict() if self.learner is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        """The stored form back; a malformed one raises ``ValueError`` (or ``KeyError``/``TypeError``)."""
        if not isinstance(data, dict):
            raise ValueError("provenance is not an object")
        fmt = int(data.get("format", FORMAT))
        if fmt != FORMAT:
            raise ValueError(f"unknown provenance format {fmt}")
        rules, mapping, learner = data.get("rules"), data.get("mapping"), data.get("learner")
        return cls(
            rules=RuleMatch.from_dict(rules) if rules is not None else None,
            mapping=Mapping.from_dict(mapping) if mapping is not None else None,
            learner=LearnerDecision.from_dict(learner) if learner is not None else None,
        )

    def with_mapping(self, mapping: Mapping) -> Provenance:
        return replace(self, mapping=mapping)

    def with_learner(self, learner: LearnerDecision) -> Provenance:
        return replace(self, learner=learner)


def provenance_of(event: Any) -> Provenance | None:
    """The provenance of a suggested or stored event; None when it has none (stored before provenance
    existed, or an analyst's own event) or it cannot be read."""
    data = getattr(event, "provenance", None)
    if data is None:
        return None
    if isinstance(data, Provenance):
        return data
    try:
        return Provenance.from_dict(data)
    except (ValueError, KeyError, TypeError):
        return None


def rules_code(event: Any) -> str | None:
    """The code the rules' own dictionary gave an event: the CAMEO code behind a mapped type, else the
    event's code when it is a numeric (CAMEO-style) one; None otherwise."""
    prov = provenance_of(event)
    if prov is not None and prov.mapping is not None:
        return prov.mapping.code
    code = getattr(event, "event_code", None) or ""
    return code if code.isdigit() else None


def learner_ranking(event: Any) -> list[tuple[str, float]]:
    """The learner's ranking stored with an event when it decided it, best first; [] otherwise."""
    prov = provenance_of(event)
    return list(prov.learner.top) if prov is not None and prov.learner is not None else []


def learner_decision(event: Any) -> str | None:
    """``"kept"``, ``"retyped"`` or ``"added"`` when the learner decided the event, else None."""
    prov = provenance_of(event)
    return prov.learner.decision if prov is not None and prov.learner is not None else None


def stored_ranking(pairs: Iterable[tuple[str, float]], k: int = TOP_KEPT, digits: int = 4
                   ) -> tuple[tuple[str, float], ...]:
    """The first ``k`` (type, probability) pairs, probabilities rounded for storage."""
    return tuple((str(t), round(float(q), digits)) for t, q in list(pairs)[:k])


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
