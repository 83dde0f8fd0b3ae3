"""Domain objects shared by the store, the suggestion engine, import/export and the window.

Character offsets (``start``/``end``, end exclusive, Python ``str`` indices into
``Document.text``) are the single source of truth for every span. Event and actor
codes are always strings: ``"010"`` and ``"10"`` are different codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MAX_DOCUMENT_CHARS = 2_000_000
"""The longest document a project takes (characters). Import refuses a longer one (split it into articles)
and the coder skips one stored before there was a limit: the window would need gigabytes to show it, and
spaCy's parser several GB and minutes to read it."""


class Status(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Origin(StrEnum):
    MODEL = "model"
    HUMAN = "human"


class Layer(StrEnum):
    """The kinds of span an analyst marks in the text."""

    ACTOR = "actor"
    TRIGGER = "trigger"
    LOCATION = "location"
    DATE = "date"


class RowKind(StrEnum):
    """The kinds of stored row the generic, version-checked row commands (core/commands.py), undo and the
    session's "rows a change touched" name; only the store knows which table holds each. A document's row
    takes only the changes the store allows for it (title, date, done), never its text."""

    DOCUMENT = "document"
    SPAN = "span"
    EVENT = "event"
    RELATION = "relation"


@dataclass
class Document:
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO-8601 date (YYYY-MM-DD) or None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    sha256: str | None = None
    imported_at: str | None = None
    done: bool = False
    version: int | None = None  # as stored: each change of date, title or done makes a new one (commands check it)


# Span.found_by values saying the words' code is another mention's (a name named earlier, a description given an
# earlier mention's code: core/suggest/coref.py)
CARRIED_CODE_ORIGINS = frozenset({"name", "antecedent"})


@dataclass
class Span:
    document_id: int
    start: int
    end: int
    text: str
    layer: str = Layer.ACTOR.value
    code: str | None = None  # actor code (e.g. "RUSGOV"), or a label for other layers
    status: str = Status.SUGGESTED.value
    origin: str = Origin.MODEL.value
    annotator: str | None = None
    confidence: float | None = None
    evidence: str | None = None  # why the model suggested it (display text only)
    id: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    version: int = 1
    # how the coder found a suggested span, as data (``SuggestedSpan.origin``; store migration m015); None for a
    # dictionary or entity match, an analyst's span, or one stored before it was kept
    found_by: str | None = None


@dataclass
class Event:
    document_id: int
    event_code: str
    source_code: str | None = None
    target_code: str | None = None
    source_span_id: int | None = None
    target_span_id: int | None = None
    trigger_span_id: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    date: str | None = None
    location: str | None = None
    location_span_id: int | None = None
    mode: str | None = None
    context: str | None = None
    status: str = Status.SUGGESTED.value
    origin: str = Origin.MODEL.value
    annotator: str | None = None
    confidence: float | None = None
    evidence: str | None = None
    scheme: str | None = None
    id: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    version: int = 1
    provenance: dict[str, Any] | None = None  # how a suggestion was made, as data (stored as JSON)
    note: str | None = None  # the analyst's free-text note on the event (exported as the ``note`` column)
    layer: str | None = None  # None: its annotator's own layer; "curated": the adjudicated one (store/team.py)
    decides: int | None = None  # in a team file: the shared suggestion this annotator's event decides


@dataclass
class Relation:
    document_id: int
    from_span_id: int
    to_span_id: int
    type: str
    status: str = Status.ACCEPTED.value
    origin: str = Origin.HUMAN.value
    annotator: str | None = None
    id: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    version: int = 1


@dataclass
class SuggestedSpan:
    """A span the suggestion engine proposes; not yet tied to a stored row."""

    start: int
    end: int
    text: str
    layer: str = Layer.ACTOR.value
    code: str | None = None  # None = an uncoded actor (spaCy NER found it, no dictionary knows it)
    kind: str | None = None  # actor type for colouring: "country", "role", "nonstate", "unknown"
    confidence: float | None = None
    evidence: str | None = None  # display text only: what reads how the span was found reads ``origin``
    # how the engine found it, as data: "grammar" (a role phrase from the parse, suggested only with its event),
    # "pronoun", "story" (a role given the story's country), "name" (a name named earlier), "group",
    # "country_names" (a country the country-name libraries resolved); None: a dictionary or entity match, a trigger
    origin: str | None = None


@dataclass
class SuggestedEvent:
    """An event the engine proposes; span references are indices into ``CodedDocument.spans``."""

    event_code: str
    source_code: str | None = None
    target_code: str | None = None
    source: int | None = None
    target: int | None = None
    trigger: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    date: str | None = None
    mode: str | None = None
    context: str | None = None
    confidence: float | None = None
    evidence: str | None = None
    flags: tuple[str, ...] = ()  # e.g. ("negated",), ("reported",), ("passive",)
    provenance: dict[str, Any] | None = None  # how it was made, as data; ``evidence`` is display text only
    location: int | None = None  # the span (layer "location") of the place where it happened (core/suggest/places.py)


@dataclass
class CodedDocument:
    """What the engine found in one text."""

    spans: list[SuggestedSpan] = field(default_factory=list)
    events: list[SuggestedEvent] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    discarded: str | None = None  # the discard phrase that cancelled coding, if any
