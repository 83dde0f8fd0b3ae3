"""An event's attributes (PLOVER mode and context) follow its type: the one rule for the window's editor and
``eventcoder edit`` (core/session.py ``Session.edit_event``, core/decisions.py ``edit``).

A type takes only its own modes (``scheme.modes_for``) and the context values its ``per_type`` list allows. So an
edit that changes the type clears the values the new type does not take -- the window, which shows only the new
type's modes, and the export then agree (an ``ACCUSE`` event with mode ``disapprove`` edited to ``PROTEST`` has
no mode) -- and a value given for the new type that it does not take is refused, nothing written.
"""

from __future__ import annotations

from typing import Any

from .errors import EventCoderError
from .model import Event
from .schemes import CodingScheme, join_values, split_values

COLUMNS = ("mode", "context")  # the event columns that hold a scheme attribute


def allowed_values(scheme: CodingScheme, name: str, code: str | None) -> tuple[str, ...] | None:
    """The values type ``code`` takes for attribute ``name``; None when the scheme does not restrict them (no such
    attribute, a free-text one, or a scheme with no types loaded)."""
    if not scheme.event_types or scheme.event_type(code) is None:
        return None
    attribute = scheme.attributes.get(name)
    if attribute is None:
        return scheme.modes_for(code) if name == "mode" else None
    if (code or "") in attribute.per_type:
        return attribute.per_type[code or ""]
    return attribute.values or None


def settle_attributes(scheme: CodingScheme, event: Event, changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` to ``event`` with the attributes its new type does not take cleared (a stored value) or refused
    (a value given in ``changes``: :class:`EventCoderError`). Unchanged when the type stays."""
    code = changes.get("event_code", event.event_code)
    if code == event.event_code:
        return changes
    out = dict(changes)
    for name in COLUMNS:
        allowed = allowed_values(scheme, name, code)
        if allowed is None:
            continue
        given = name in changes
        value = changes[name] if given else getattr(event, name)
        values = split_values(value)
        foreign = [v for v in values if v not in allowed]
        if not foreign:
            continue
        if given:
            takes = f"its {name}s: {', '.join(allowed)}" if allowed else f"it takes no {name}"
            raise EventCoderError(f"{code} has no {name} {', '.join(foreign)} ({takes}); nothing was written")
        kept = [v for v in values if v in allowed]
        out[name] = join_values(kept) if kept else None
    return out
