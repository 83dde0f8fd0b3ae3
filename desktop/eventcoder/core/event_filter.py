"""Which events an analyst wants to see: the events list's filter (code, actor, status, annotator).

One rule, used by the window on the events it holds and by the store (``core/store/event_lists.py``) on the
whole project, so both always pick the same events:

* ``code``: the event code starts with it (``19`` picks 190, 193, 1951 …; codes are strings, ``010`` is not
  ``10``);
* ``actor``: the source or the target code starts with it, case-insensitively (``RUS`` picks ``RUSGOV``);
* ``status``: exactly that status (suggested, accepted, rejected);
* ``annotator``: exactly that annotator; :data:`MODEL_ANNOTATOR` picks the events nobody has decided (no
  annotator: the model's suggestions).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Event, Status

MODEL_ANNOTATOR = ""
"""The annotator filter for events without an annotator (the model's untouched suggestions)."""


@dataclass(frozen=True)
class EventFilter:
    code: str | None = None
    actor: str | None = None
    status: str | None = None
    annotator: str | None = None  # MODEL_ANNOTATOR ("") = no annotator

    def __post_init__(self) -> None:
        # blank text means "any"; codes are kept as typed (strings), actors compared upper-case
        object.__setattr__(self, "code", (self.code or "").strip() or None)
        object.__setattr__(self, "actor", (self.actor or "").strip().upper() or None)
        object.__setattr__(self, "status", (self.status or "").strip() or None)
        if self.status is not None and self.status not in {s.value for s in Status}:
            raise ValueError(f"unknown status {self.status!r}; use one of {', '.join(s.value for s in Status)}")

    @property
    def is_empty(self) -> bool:
        return self.code is None and self.actor is None and self.status is None and self.annotator is None

    def matches(self, event: Event) -> bool:
        if self.code is not None and not (event.event_code or "").startswith(self.code):
            return False
        if self.actor is not None and not any((code or "").upper().startswith(self.actor)
                                               for code in (event.source_code, event.target_code)):
            return False
        if self.status is not None and event.status != self.status:
            return False
        if self.annotator is not None and (event.annotator or MODEL_ANNOTATOR) != self.annotator:
            return False
        return True

    def describe(self) -> str:
        """For a label: ``code 19* · actor RUS* · accepted · by ana``."""
        parts = []
        if self.code is not None:
            parts.append(f"code {self.code}*")
        if self.actor is not None:
            parts.append(f"actor {self.actor}*")
        if self.status is not None:
            parts.append(self.status)
        if self.annotator is not None:
            parts.append(f"by {self.annotator}" if self.annotator else "by the model")
        return " · ".join(parts) or "all events"
