"""The coding session without Qt: the open project and scheme, the document on screen, navigation, the
required roles of an event type, and the undo history of core commands.

The window's session (``app/session.py``) is a thin QObject over this one: it turns the calls of a
:class:`SessionListener` into signals and mirrors :class:`History` in a ``QUndoStack``. A script codes a
document end to end with it alone::

    session = CodingSession(project, load_scheme("cameo"))
    session.open_document(doc_id)
    event = session.move_to_suggestion()          # J
    session.accept()                              # A: accepted, the next suggestion selected
    session.new_event("040", at=offset)           # N C 040 Enter: in the sentence holding ``offset``
    session.undo(); session.redo()                # Ctrl+Z, Ctrl+Shift+Z

Every change is one core command (``core/commands.py``): applied at once in one transaction, then recorded
with its inverse. Undo and redo apply the stored inverse, which is version-checked: a step whose rows someone
else changed since is refused whole -- nothing written, the reason (and who) told -- and dropped from the
history, never left pretending it moved.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import commands
from .commands import Command, Composite, DeleteRow, InsertRow, UpdateRow
from .document import DocumentStructure, segment
from .errors import EventCoderError, StoreError
from .event_attributes import settle_attributes
from .model import Document, Event, Layer, Origin, Relation, RowKind, Span, Status
from .schemes import CodingScheme, RoleSpec, load_scheme
from .store import DocumentSummary, Project
from .team.layers import ALL, CURATED, MINE, view_event_ids

Touched = set[tuple[RowKind, int]]
"""(kind, id) of rows a change wrote."""

ACTOR_ROLES = ("source", "target")
ALL_ROLES = (RoleSpec("source", False), RoleSpec("target", False), RoleSpec("date", False),
             RoleSpec("location", False))
"""The roles of a code the scheme does not know (or of no scheme): all of them, none required."""


class RequiredRolesMissing(EventCoderError):
    """An event lacks a role its type requires; nothing was written. ``roles``: the missing ones, in order."""

    def __init__(self, code: str, roles: Sequence[str]) -> None:
        self.code = code
        self.roles = tuple(roles)
        super().__init__(role_problem(code, self.roles))


class RoleOutsideSentence(EventCoderError):
    """Words picked for an event's source or target lie outside the event's sentence; nothing was written."""


class BadEventDate(EventCoderError):
    """An event date that is not a day written ``YYYY-MM-DD``; nothing was written."""


def event_date(typed: str | None) -> str | None:
    """An event's date as given (the window's Date field, ``eventcoder edit --date``): exactly ``YYYY-MM-DD``
    (the one date reader, :func:`eventcoder.core.io.dates.normalise_date`, says why anything else is refused:
    :class:`BadEventDate`); blank is none."""
    from .io.dates import normalise_date

    try:
        return normalise_date(typed, iso_only=True)
    except ValueError as exc:
        raise BadEventDate(f"cannot set the event date: {exc}") from None


def role_outside_sentence(sentence: tuple[int | None, int | None] | None, role: str, start: int, end: int,
                          text: str) -> str | None:
    """The rule: an event's actors are words of its own sentence. Why ``text`` (at ``start``–``end``) cannot be
    its ``role``, or None when it can (or the event has no sentence)."""
    if sentence is None or sentence[0] is None or sentence[1] is None:
        return None
    if sentence[0] <= start and end <= sentence[1]:
        return None
    return (f"“{text.strip()}” is in another sentence: an event's {role} must be words of the event's own "
            f"sentence. Select the {role} there, or type an actor code in the {role} field.")


def check_roles_in_sentence(sentence: tuple[int | None, int | None] | None,
                            roles: Mapping[str, commands.RoleWords], spans: Mapping[int, Span]) -> None:
    """Raise :class:`RoleOutsideSentence` when words the analyst picked for a role (a span chosen, or new
    words) are outside ``sentence``; the roles they kept or typed as a code are not checked."""
    for role, words in roles.items():
        span = words.new_span or (spans.get(words.span_id) if words.picked and words.span_id is not None else None)
        if span is None:
            continue
        problem = role_outside_sentence(sentence, role, span.start, span.end, span.text)
        if problem:
            raise RoleOutsideSentence(problem)


# ---------------------------------------------------------------------------- scheme rules


def empty_scheme(name: str = "no scheme") -> CodingScheme:
    """Stands in when no scheme can be loaded: codes show as typed, nothing else breaks."""
    return CodingScheme(
        name=name, version="", description="", path=None, content_hash="", score_name="score",
        event_types={}, actor_codes={}, span_labels={}, relation_types={}, attributes={}, aliases={},
        dictionaries={}, inline_dictionaries={}, quad_class_conventions={}, default_quad_convention="",
    )


def roles_for(scheme: CodingScheme, code: str | None) -> dict[str, RoleSpec]:
    """The roles an event of type ``code`` takes, by name, in the scheme's order (all four, none required,
    when the scheme does not say)."""
    return {r.name: r for r in (scheme.roles_for(code) or ALL_ROLES)}


def required_roles(scheme: CodingScheme, code: str | None) -> tuple[str, ...]:
    return tuple(name for name, role in roles_for(scheme, code).items() if role.required)


def missing_roles(scheme: CodingScheme, code: str | None, filled: Mapping[str, bool]) -> list[str]:
    """The roles ``code`` requires that ``filled`` (role name -> has a value) leaves empty, in order."""
    return [name for name in required_roles(scheme, code) if not filled.get(name)]


def event_code_for(scheme: CodingScheme, code: str | None) -> str | None:
    """The code an event takes when the analyst chooses ``code``: a root with sub-codes is a category, not an
    event code (CAMEO's two-digit ``02`` Appeal), so it stands for its "not specified below" sub-code (``020``:
    the sub-code labelled so, else the one that is the root's code and a ``0``). A root without such a sub-code
    (a scheme that codes the general case with the root) is itself, as is every other type and every PLOVER
    type (roots without sub-codes)."""
    et = scheme.event_type(code)
    if et is None or et.parent is not None or not scheme.children(et.code):
        return code
    children = scheme.children(et.code)
    general = next((c for c in children if "not specified" in c.label.lower()), None)
    general = general or next((c for c in children if c.code == f"{et.code}0"), None)
    return general.code if general is not None else code


def typed_event_code(scheme: CodingScheme, text: str | None) -> str | None:
    """The event code meant by what is typed in a code field (the editor's code picker, ``eventcoder edit
    --code``): its first word when that is a code of the scheme, or an old name standing for one code, a root
    category standing for its "not specified" sub-code (:func:`event_code_for`); with no scheme loaded (no event
    types), the word as typed. None when it names no one code (nothing typed, a word the scheme does not list, an
    old name for several codes): the picker then takes its list's highlighted row, the command line refuses it
    (:func:`check_typed_event_code`)."""
    words = (text or "").split()
    if not words:
        return None
    if not scheme.event_types:
        return words[0]
    meant = scheme.resolve_alias(words[0])
    return event_code_for(scheme, meant[0]) if len(meant) == 1 else None


def check_typed_event_code(scheme: CodingScheme, text: str | None) -> str:
    """:func:`typed_event_code`, or why the text names no one code (:class:`EventCoderError`: the window's
    message for a code the scheme does not list, :func:`eventcoder.core.scheme_mix.check_event_code`)."""
    from .scheme_mix import check_event_code

    words = (text or "").split()
    if not words:
        raise EventCoderError(f"no event code given: type a code of {scheme.name}")
    check_event_code(scheme, words[0])  # a word the scheme does not list: refused with the window's message
    code = typed_event_code(scheme, text)
    if code is None:  # an old name standing for several codes
        raise EventCoderError(f"{words[0]} stands for {', '.join(scheme.resolve_alias(words[0]))} in "
                              f"{scheme.name}; give one of them")
    return code


def typed_actor_code(text: str | None) -> str | None:
    """An actor code as typed in a field: its first word, upper case (``rus`` and the completion
    ``RUS  Russia`` are ``RUS``); None for nothing typed."""
    words = (text or "").split()
    return words[0].upper() if words else None


def span_layers(scheme: CodingScheme) -> list[str]:
    """The layers the label keys 1–9 give, in order: the scheme's span labels, else every layer there is."""
    return [label.layer for label in scheme.span_labels.values()] or [layer.value for layer in Layer]


def relation_types(scheme: CodingScheme) -> list[tuple[str, str]]:
    """The relation types an analyst may choose, (name, label) in the scheme's order; a scheme that names none
    has one, ``related``."""
    return [(t.name, t.label) for t in scheme.relation_types.values()] or [commands.DEFAULT_RELATION_TYPE]


def role_problem(code: str | None, missing: Sequence[str]) -> str:
    """What to tell the analyst: ``Source is required for 112``."""
    if not missing:
        return ""
    names = " and ".join(name.capitalize() if i == 0 else name for i, name in enumerate(missing))
    return f"{names} {'is' if len(missing) == 1 else 'are'} required for {code}"


def filled_roles(event: Event, new_spans: Mapping[str, Span] | None = None) -> dict[str, bool]:
    """Which roles an event (as it will be saved) gives a value: an actor by code or words, a date, a place."""
    new_spans = new_spans or {}
    return {
        "source": bool(event.source_code or event.source_span_id is not None or "source" in new_spans),
        "target": bool(event.target_code or event.target_span_id is not None or "target" in new_spans),
        "date": bool((event.date or "").strip()),
        "location": bool((event.location or "").strip() or event.location_span_id is not None),
    }


def check_required_roles(scheme: CodingScheme, event: Event, new_spans: Mapping[str, Span] | None = None) -> None:
    """Raise :class:`RequiredRolesMissing` when ``event`` lacks a role its type requires."""
    missing = missing_roles(scheme, event.event_code, filled_roles(event, new_spans))
    if missing:
        raise RequiredRolesMissing(event.event_code, missing)


def event_edit(project: Project, scheme: CodingScheme, shown: Event, changes: Mapping[str, Any],
               roles: Mapping[str, commands.RoleWords] | None = None, spans: Mapping[int, Span] | None = None
               ) -> Callable[[], Command] | None:
    """The one edit of an event, the window's (E … Enter, :meth:`CodingSession.edit_event`) and the command
    line's (``eventcoder edit``, :func:`eventcoder.core.decisions.edit`): ``shown`` is the event as the person
    editing saw it (its version is the one checked), ``changes`` its fields as given, ``roles`` the source and
    target as given (:class:`~eventcoder.core.commands.RoleWords`; which words a typed code keeps is the
    command's rule, :func:`eventcoder.core.commands._settle_role`), ``spans`` the document's spans by id (read
    when a role's words were picked and none are given).

    The rules: only fields that differ from ``shown`` are changed; nothing changed is nothing to save (None) --
    but an unchanged suggestion saved is accepted, and a note alone decides nothing
    (:func:`commands.only_a_note`); an edit of a rejected event accepts it (the analyst meant the corrected
    event, as INCEpTION and Prodigy take it); a new code must be one the scheme lists
    (:class:`~eventcoder.core.scheme_mix.UnknownEventCode`), and a new type keeps only the modes and contexts it
    takes (:func:`settle_attributes`); words picked for a role lie in the event's sentence
    (:class:`RoleOutsideSentence`); the result has every role its type requires (:class:`RequiredRolesMissing`).
    A refusal raises before anything is written. Returns the edit's command, built when called: reading the rows
    it needs can fail too (the event deleted elsewhere), as a change refused (the session's :meth:`~CodingSession.do`
    takes the function)."""
    from .scheme_mix import check_event_code

    roles = dict(roles or {})
    changes = dict(changes)
    if "date" in changes:
        changes["date"] = event_date(changes["date"])
    changes = commands.changed_fields(shown, changes)
    if not (changes or commands.roles_changed(shown, roles) or shown.status == Status.SUGGESTED):
        return None  # nothing to save
    if "event_code" in changes:
        check_event_code(scheme, changes["event_code"])
    changes = settle_attributes(scheme, shown, changes)  # a new type keeps only the modes/contexts it takes
    if shown.status == Status.REJECTED and "status" not in changes and not commands.only_a_note(shown, changes, roles):
        changes["status"] = Status.ACCEPTED.value  # the analyst corrected the rejected event: they mean that one
    after = dataclasses.replace(shown, **{k: v for k, v in changes.items() if hasattr(shown, k)})
    for role, words in roles.items():
        after = dataclasses.replace(after, **{f"{role}_code": words.code, f"{role}_span_id": words.span_id})
    if spans is None and any(w.picked and w.span_id is not None for w in roles.values()):
        spans = {s.id: s for s in project.spans(shown.document_id) if s.id is not None}
    check_roles_in_sentence((shown.sentence_start, shown.sentence_end), roles, spans or {})
    check_required_roles(scheme, after, {r: w.new_span for r, w in roles.items() if w.new_span})
    event_id, version = shown.id, shown.version
    assert event_id is not None
    return lambda: commands.edit_event(project, event_id, expected_version=version, roles=roles, **changes)


# ---------------------------------------------------------------------------- the document on screen


def event_position(event: Event, spans: dict[int, Span]) -> int:
    """Where an event sits in the text: its trigger, else its first actor, else its sentence."""
    for span_id in (event.trigger_span_id, event.source_span_id, event.target_span_id):
        if span_id in spans:
            return spans[span_id].start
    return event.sentence_start or 0


def order_events(events: list[Event], spans: dict[int, Span]) -> list[Event]:
    """Suggested first, then the rest; each group in text order."""
    return sorted(events, key=lambda e: (e.status != Status.SUGGESTED, event_position(e, spans), e.id or 0))


class SpanIndex:
    """Spans of one document sorted by start, for 'which span is at this character' lookups."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self.spans]
        self._longest = max((s.end - s.start for s in self.spans), default=0)

    def at(self, pos: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, pos - self._longest)
        hi = bisect.bisect_right(self._starts, pos)
        return [s for s in self.spans[lo:hi] if s.start <= pos < s.end]

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]

    def exact(self, start: int, end: int) -> Span | None:
        return next((s for s in self.within(start, end) if s.start == start and s.end == end), None)

    def next_after(self, pos: int) -> Span | None:
        i = bisect.bisect_right(self._starts, pos)
        return self.spans[i] if i < len(self.spans) else None

    def previous_before(self, pos: int) -> Span | None:
        i = bisect.bisect_left(self._starts, pos) - 1
        return self.spans[i] if i >= 0 else None


@dataclass
class DocumentState:
    """One document as the analyst sees it: rows read once, then updated row by row after each edit."""

    document: Document
    spans: dict[int, Span]
    events: list[Event]  # suggested first, then the rest; each group in text order
    relations: list[Relation]
    view: str = MINE  # whose layer is shown (core/team/layers.py): mine, an annotator's name, all, curated
    filtered: bool = False  # the view leaves rows out (a team file, or a layer asked for)
    index: SpanIndex = field(init=False)
    structure: DocumentStructure = field(init=False)  # headline, paragraphs, sentences (core/document.py)

    def __post_init__(self) -> None:
        self.index = SpanIndex(list(self.spans.values()))
        self.structure = segment(self.document.text)

    @classmethod
    def read(cls, project: Project, doc_id: int, view: str = MINE) -> DocumentState:
        doc = project.get_document(doc_id)
        spans, events, filtered = _rows_in_view(project, doc_id, view)
        return cls(doc, spans, events, project.relations(doc_id), view, filtered)

    def update(self, project: Project, touched: Touched) -> None:
        """Re-read only the rows a command touched (a layer's view: the document's rows, whose view a decision
        changes beyond the rows it wrote; its text and structure stay as read)."""
        doc_id = self.document.id
        if self.filtered:
            self.document = project.get_document(doc_id)
            self.spans, self.events, self.filtered = _rows_in_view(project, doc_id, self.view)
            self.relations = project.relations(doc_id)
            self.index = SpanIndex(list(self.spans.values()))
            return
        events = {e.id: e for e in self.events}
        spans_changed = relations_changed = False
        for kind, row_id in touched:
            try:
                if kind == RowKind.SPAN:
                    spans_changed = True
                    span = project.get_span(row_id)
                    if span.document_id == doc_id:
                        self.spans[row_id] = span
                elif kind == RowKind.EVENT:
                    event = project.get_event(row_id)
                    if event.document_id == doc_id:
                        events[row_id] = event
                elif kind == RowKind.RELATION:
                    relations_changed = True
                elif kind == RowKind.DOCUMENT and row_id == doc_id:
                    self.document = project.get_document(doc_id)
            except EventCoderError:  # deleted
                if kind == RowKind.SPAN:
                    self.spans.pop(row_id, None)
                elif kind == RowKind.EVENT:
                    events.pop(row_id, None)
        if relations_changed:
            self.relations = project.relations(doc_id)
        self.events = order_events(list(events.values()), self.spans)
        if spans_changed:
            self.index = SpanIndex(list(self.spans.values()))

    def event(self, event_id: int | None) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    @property
    def default_event_date(self) -> str | None:
        """The date a new event of this document takes unless the analyst gives one: the document's date."""
        return self.document.published

    def events_of_span(self, span_id: int) -> list[Event]:
        return [e for e in self.events
                if span_id in (e.source_span_id, e.target_span_id, e.trigger_span_id, e.location_span_id)]

    def event_for_span(self, span_id: int) -> Event | None:
        """The event a click on a span selects: of the events using it, a suggestion first, then one it is the
        trigger of; None when no event uses it."""
        events = sorted(self.events_of_span(span_id),
                        key=lambda e: (e.status != Status.SUGGESTED, e.trigger_span_id != span_id))
        return events[0] if events else None

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        """The sentence holding ``pos`` (or the one just before it when ``pos`` falls between sentences)."""
        sentence = self.structure.sentence_at(pos)
        return sentence.bounds if sentence is not None else None

    def likely_actors(self, sentence: tuple[int, int] | None) -> tuple[Span | None, Span | None]:
        """Source and target for a new event in ``sentence``: its actors, those its other events use first,
        then coded ones, each in text order; the target names another actor than the source."""
        if sentence is None:
            return None, None
        actors = [s for s in self.index.within(*sentence)
                  if s.layer == Layer.ACTOR.value and s.status != Status.REJECTED]
        used = {i for e in self.events if e.status != Status.REJECTED
                and sentence[0] <= event_position(e, self.spans) < sentence[1]
                for i in (e.source_span_id, e.target_span_id)}
        quoted = quoted_ranges(self.document.text, *sentence)
        # the speaker of a quote's attribution ('"…," said the spokesman') is its source, not the words quoted
        actors.sort(key=lambda s: (s.id not in used, any(a <= s.start < b for a, b in quoted), not s.code,
                                   s.start))
        source = actors[0] if actors else None
        target = next((s for s in actors[1:] if (s.code or s.text) != (source.code or source.text)), None)
        return source, target


_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}  # straight, curly and guillemets


def quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted stretches of ``text[start:end]`` (offsets into ``text``), an unclosed quote running to ``end``."""
    ranges: list[tuple[int, int]] = []
    i = start
    while i < end:
        close = _QUOTE_PAIRS.get(text[i])
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, end)
        j = end if j < 0 else j
        ranges.append((i, j))
        i = j + 1
    return ranges


def deleted_document_message(project: Project, doc_id: int) -> str:
    """Why the open document vanished: it was deleted by another window or ``eventcoder delete``, as the
    history tells (who, when, the title from the deleted row it keeps), and how to get it back."""
    try:
        entry = project.last_change(RowKind.DOCUMENT, doc_id)
    except EventCoderError:
        entry = None
    before = entry.get("before") if entry is not None else None
    title = before.get("title") if isinstance(before, dict) else None
    what = f"Document {doc_id}" + (f" “{title}”" if title else "")
    if entry is None or entry.get("after") is not None:
        return f"{what} is no longer in the project (deleted elsewhere)"
    at = str(entry.get("at") or "").replace("T", " ").removesuffix("Z")[:16]
    return (f"{what} was deleted elsewhere by {entry.get('who') or 'someone'}{' at ' + at + ' UTC' if at else ''}: "
            "Ctrl+Z in the window that deleted it, or `eventcoder restore` of the backup `eventcoder delete` "
            "made, brings it back")


@dataclass(frozen=True)
class NewEventWithTrigger:
    """N on selected words that are no span yet: they become the new event's trigger span, made with the event
    in one transaction (one undo step). The inverse's first command deletes the event, as
    :class:`~eventcoder.core.commands.AddEventWithSpans`'s does."""

    trigger: Span
    event: Event
    roles: dict[str, commands.RoleWords] = field(default_factory=dict)
    label: str = "new event"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            made = commands.add_span(self.trigger).apply(project)
            event = dataclasses.replace(self.event, trigger_span_id=made.row_id)  # type: ignore[attr-defined]
            inverse = commands.add_event(event, roles=self.roles).apply(project)
        return Composite((*inverse.commands, made), label=self.label)  # type: ignore[attr-defined]


def _rows_in_view(project: Project, doc_id: int, view: str) -> tuple[dict[int, Span], list[Event], bool]:
    """One document's spans and events (in order) as ``view`` shows them, and whether the view left rows out
    (every row is shown in ``all``, and in ``mine`` while the project's team layers are off)."""
    spans = {s.id: s for s in project.spans(doc_id)}
    events = project.events(doc_id)
    filtered = view != ALL and (view != MINE or project.team_layers())
    if filtered:
        events, spans = _in_view(project, doc_id, view, events, spans)
    return spans, order_events(events, spans), filtered


def _in_view(project: Project, doc_id: int, view: str, events: list[Event], spans: dict[int, Span]
             ) -> tuple[list[Event], dict[int, Span]]:
    """The events and spans of one document shown in ``view`` (:mod:`eventcoder.core.team.layers`): the view's
    events; the spans they use, the shared ones (nobody's) and the viewed annotator's own -- a shared span the
    annotator has their own copy of (an accepted decision's) shows once, as theirs."""
    shown = view_event_ids(project, view, doc_id)
    kept = [e for e in events if e.id in shown]
    who = project.annotator if view in (MINE, CURATED) else view
    used = {i for e in kept for i in (e.source_span_id, e.target_span_id, e.trigger_span_id, e.location_span_id)}
    theirs = {(s.start, s.end, s.layer) for s in spans.values() if s.annotator == who}
    out = {i: s for i, s in spans.items()
           if i in used or s.annotator == who
           or (not s.annotator and ((s.start, s.end, s.layer) not in theirs or s.status != Status.SUGGESTED))}
    return kept, out


def summary_of(state: DocumentState) -> DocumentSummary:
    counts = {s.value: 0 for s in Status}
    for event in state.events:
        counts[event.status] = counts.get(event.status, 0) + 1
    d = state.document
    return DocumentSummary(d.id, d.title, d.published, counts["suggested"], counts["accepted"], counts["rejected"],
                           d.done)


# ---------------------------------------------------------------------------- undo history


def touched_rows(inverse: Command) -> Touched:
    """(kind, id) of every row an applied command changed, read from its inverse (what ``apply`` returned: row
    commands and composites of them, never a command that still has to make its rows)."""
    if isinstance(inverse, Composite):
        return set().union(*(touched_rows(c) for c in inverse.commands)) if inverse.commands else set()
    if isinstance(inverse, UpdateRow | DeleteRow):
        return {(inverse.kind, inverse.row_id)}
    if isinstance(inverse, InsertRow) and inverse.row.get("id") is not None:
        return {(inverse.kind, int(inverse.row["id"]))}
    return set()


def wrote_nothing(inverse: Command) -> bool:
    """The applied command changed no row (its inverse is an empty composite): it is no undo step."""
    return isinstance(inverse, Composite) and all(wrote_nothing(c) for c in inverse.commands)


@dataclass(frozen=True)
class Step:
    """One undoable user action. ``command``: what its next undo (or, once undone, its next redo) applies --
    an inverse, version-checked against the rows as the step left them. ``id`` stays the same across undo and
    redo (a view mirroring the history tells its steps apart by it)."""

    id: int
    label: str
    document_id: int | None
    command: Command


RECORDED, UNDONE, REDONE, DROPPED, CLEARED = "recorded", "undone", "redone", "dropped", "cleared"


class History:
    """Undo and redo of core commands, newest last. A refused undo or redo writes nothing (its transaction
    rolled back) and drops its step; the other steps stay where they were."""

    def __init__(self) -> None:
        self._undo: list[Step] = []
        self._redo: list[Step] = []  # the next redo last
        self._ids = itertools.count(1)
        self.listeners: list[Callable[[str, Step | None], None]] = []

    @property
    def undo_steps(self) -> tuple[Step, ...]:
        return tuple(self._undo)

    @property
    def redo_steps(self) -> tuple[Step, ...]:
        """The steps a redo would apply, the next one first."""
        return tuple(reversed(self._redo))

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def record(self, label: str, document_id: int | None, inverse: Command) -> Step:
        """A change just applied: its inverse is the next undo; nothing is left to redo."""
        step = Step(next(self._ids), label, document_id, inverse)
        self._undo.append(step)
        self._redo.clear()
        self._tell(RECORDED, step)
        return step

    def undo(self, project: Project, step: Step | None = None) -> tuple[Step, Touched]:
        """Apply the newest step's inverse; ``step``: the one the caller means (a mismatch is refused)."""
        return self._swap(project, self._undo, self._redo, "undo", UNDONE, step)

    def redo(self, project: Project, step: Step | None = None) -> tuple[Step, Touched]:
        return self._swap(project, self._redo, self._undo, "redo", REDONE, step)

    def clear(self) -> None:
        had = bool(self._undo or self._redo)
        self._undo.clear()
        self._redo.clear()
        if had:
            self._tell(CLEARED, None)

    def _swap(self, project: Project, source: list[Step], target: list[Step], verb: str, done: str,
              expected: Step | None) -> tuple[Step, Touched]:
        if not source:
            raise StoreError(f"nothing to {verb}")
        step = source[-1]
        if expected is not None and expected.id != step.id:
            raise StoreError(f"cannot {verb} “{expected.label}”: it is not the next step to {verb}")
        try:  # journalled as "undo: …" / "redo: …"; the step keeps its own label
            inverse = commands.relabelled(step.command, f"{verb}: {step.label}").apply(project)
        except EventCoderError as exc:
            # refused (changed or deleted elsewhere, or the file could not be written): nothing was written, and
            # this step can no longer be applied; it is dropped instead of pretending it moved
            source.pop()
            self._tell(DROPPED, step)
            refusal = StoreError(f"cannot {verb} “{step.label}”: {exc}")
            raise refusal from exc
        source.pop()
        moved = dataclasses.replace(step, command=inverse)
        target.append(moved)
        self._tell(done, moved)
        return moved, touched_rows(inverse) | touched_rows(step.command)

    def _tell(self, change: str, step: Step | None) -> None:
        for listener in list(self.listeners):
            listener(change, step)


# ---------------------------------------------------------------------------- the session


class SessionListener:
    """What a session tells the views showing it; each method does nothing here (a script needs none)."""

    def scheme_changed(self) -> None: ...

    def document_opened(self) -> None:
        """A different document (or none) is on screen."""

    def document_edited(self, document_id: int) -> None:
        """Rows of this document changed (a command, an undo, a coding run, another connection)."""

    def current_event_changed(self) -> None: ...

    def current_relation_changed(self) -> None: ...

    def message(self, text: str) -> None: ...

    def save_state_changed(self) -> None: ...

    def refused(self, text: str) -> None:
        """A change was not saved (conflict, deleted row, full disk); nothing of it was written."""


class CodingSession:
    """One analyst coding one project: the scheme, the document on screen, the selection and the history.

    Every change goes through :meth:`do` (or the actions built on it): committed to SQLite at once, and
    undoable. A refused change returns None, writes nothing, sets ``save_state`` to ``"failed"`` with the
    reason in ``save_problem``, and re-reads the document (the rows shown may be older than the file)."""

    def __init__(self, project: Project, scheme: CodingScheme | None = None,
                 listener: SessionListener | None = None) -> None:
        self._project = project
        self.scheme = scheme or empty_scheme()
        self.listener = listener or SessionListener()
        self.history = History()
        self.doc: DocumentState | None = None
        self.current_event_id: int | None = None
        self.current_relation_id: int | None = None
        self.save_state = "saved"  # saved | saving | failed: "saved" only once a commit returned
        self.save_problem = ""
        self.save_refused = False  # the failure was a refused undo or redo: nothing of the analyst's was at risk
        self.external_reload = False  # True while re-reading rows another connection changed
        self.gone_message: str | None = None  # why the open document vanished (deleted elsewhere); None on open
        self._group: list[tuple[int | None, Command]] | None = None  # the commands of an open macro
        self._group_failed = False
        self._data_version: int | None = None
        self._order: list[int] = []
        self._order_key: tuple[str, str | None, str | None] = ("id", None, None)
        self.layer_view = MINE  # whose layer is shown: mine, an annotator's name, all or curated (team/layers.py)

    # ------------------------------------------------------------------ project and scheme

    @property
    def project(self) -> Project:
        return self._project

    @project.setter
    def project(self, project: Project) -> None:
        """Another project file: its history does not apply there, and no document of the old one is shown."""
        if project is self._project:
            return
        self.history.clear()
        self._project = project
        self.layer_view = MINE  # another file: one's own layer again
        self._data_version = None
        self._order = []
        if self.doc is not None:
            self.open_document(None)
        self._set_save_state("saved")  # a failure in the old file is not this one's

    @staticmethod
    def initial_scheme(project: Project) -> tuple[CodingScheme, str | None]:
        """The project's scheme, else the first built-in one that loads, else :func:`empty_scheme`; (scheme,
        problem to show or None). Decided by ``pipeline.project_scheme``, which writes nothing here."""
        from .pipeline import project_scheme
        from .scheme_mix import scheme_of_events

        choice = project_scheme(project, record=False, fallback=empty_scheme())
        # a setting whose scheme lacks the codes of the project's events (an older window switched it): the
        # events' own scheme, so what is typed is checked against the codes the project holds
        return scheme_of_events(project, choice.scheme) or (choice.scheme, choice.problem)

    @classmethod
    def open(cls, project: Project, listener: SessionListener | None = None) -> CodingSession:
        """A session on ``project`` with its own scheme (see :meth:`initial_scheme`)."""
        scheme, problem = cls.initial_scheme(project)
        session = cls(project, scheme, listener)
        if problem:
            session.listener.message(problem)
        return session

    def set_scheme(self, name_or_path: str | Path) -> CodingScheme:
        """Load and switch; a ``SchemeError`` propagates before anything (project included) changes, and so does
        a ``SchemeMixError`` when ``scheme`` lacks the codes of the project's events (one project, one code set:
        core/scheme_mix.py, the check ``eventcoder code`` makes)."""
        from .pipeline import scheme_setting
        from .scheme_mix import check_switch

        scheme = load_scheme(name_or_path)
        check_switch(self.project, scheme, self.scheme, name_or_path)
        self.scheme = scheme
        self.project.set_meta("scheme", scheme_setting(name_or_path, scheme))
        self.project.record_scheme(scheme.name, scheme.version, scheme.content_hash,
                                   str(scheme.path) if scheme.path else None)
        self.listener.scheme_changed()
        return scheme

    def _code_listed(self, code: str | None) -> bool:
        """Whether the scheme lists ``code`` (core/scheme_mix.py); if not, the change is refused as a store
        refusal is (``save_state`` "failed", the reason in ``save_problem`` and the status bar)."""
        from .scheme_mix import UnknownEventCode, check_event_code

        try:
            check_event_code(self.scheme, code)
        except UnknownEventCode as exc:
            self._refused(exc)
            return False
        return True

    def roles_for(self, code: str | None) -> dict[str, RoleSpec]:
        return roles_for(self.scheme, code)

    def missing_roles(self, code: str | None, filled: Mapping[str, bool]) -> list[str]:
        return missing_roles(self.scheme, code, filled)

    # ------------------------------------------------------------------ layers (several annotators in one file)

    def set_layer_view(self, view: str) -> None:
        """Show ``view``: ``mine`` (the default), another annotator's name, ``all`` or ``curated``; the document
        on screen is read again in it. Coding is for one's own layer: in another's, changes are refused."""
        from .team.layers import check_view

        view = check_view(view)
        self.layer_view = MINE if view == self.project.annotator else view
        if self.doc is not None:
            self.reload(self.doc.document.id)
            self.listener.document_opened()

    def layer_filter(self) -> set[int] | None:
        """The ids of every event the layer shown holds, across documents (for lists of events beyond the open
        document); None when it shows every row (``all``, or ``mine`` with the project's team layers off)."""
        if self.layer_view == ALL or (self.layer_view == MINE and not self.project.team_layers()):
            return None
        return view_event_ids(self.project, self.layer_view)

    def coding_refused(self) -> str:
        """Why the analyst cannot code in the layer shown ('' when they can): another annotator's or the
        curated layer is shown (the adjudication view writes the curated one)."""
        if self.layer_view == MINE or self.layer_view == ALL:
            return ""
        what = "the curated layer" if self.layer_view == CURATED else f"{self.layer_view}'s layer"
        return f"Showing {what}: View ▸ Show layer ▸ Mine to code in your own"

    # ------------------------------------------------------------------ documents

    @property
    def document_id(self) -> int | None:
        return self.doc.document.id if self.doc else None

    def open_document(self, doc_id: int | None) -> DocumentState | None:
        """Show ``doc_id``: its first suggestion (in text order) is current, however the document was opened (a
        click in the list, Alt+Down, a search), so A decides it at once and J / K move on from it."""
        before = self.doc.document.id if self.doc is not None else None
        self.doc = None if doc_id is None else DocumentState.read(self.project, doc_id, self.layer_view)
        self.gone_message = None
        if self.save_state == "failed" and doc_id != before:  # a refusal wrote nothing and concerned that
            self._set_save_state("saved")                     # document: nothing is left unsaved here
        self.current_event_id = None
        first = self.next_suggestion(1)
        self.current_event_id = first.id if first is not None else None
        self.current_relation_id = None
        self.listener.document_opened()
        self.listener.current_event_changed()
        return self.doc

    def reload(self, doc_id: int | None, touched: Touched | None = None) -> None:
        """Rows of ``doc_id`` changed (all, or just ``touched``): re-read them if on screen; tell the views."""
        if self.doc is not None and doc_id == self.doc.document.id:
            if touched is None:
                self.doc = DocumentState.read(self.project, doc_id, self.layer_view)
            else:
                self.doc.update(self.project, touched)
            if self.doc.event(self.current_event_id) is None:
                self.current_event_id = None
            if not any(r.id == self.current_relation_id for r in self.doc.relations):
                self.current_relation_id = None
        if doc_id is not None:
            self.listener.document_edited(doc_id)

    def document_order(self, order: str = "id", status: str | None = None, search: str | None = None) -> list[int]:
        """Take a snapshot of the documents in ``order`` (``id``: import order; ``useful``: most useful next)
        for :meth:`next_document`; it keeps that order while the analyst codes, as the window's list does."""
        self._order = self.project.ordered_document_ids(search, status, order)
        self._order_key = (order, status, search)
        return list(self._order)

    def next_document(self, step: int = 1) -> int | None:
        """Open the document ``step`` places from the one on screen in the order taken (the first one when none
        is open or it is not in the order); None, and nothing opened, past either end."""
        if not self._order:
            self.document_order(*self._order_key)
        if not self._order:
            return None
        here = self.document_id
        if here in self._order:
            target = self._order.index(here) + step
        else:
            target = 0 if step > 0 else len(self._order) - 1
        if not 0 <= target < len(self._order):
            return None
        self.open_document(self._order[target])
        return self._order[target]

    # ------------------------------------------------------------------ selection and navigation

    @property
    def current_event(self) -> Event | None:
        return self.doc.event(self.current_event_id) if self.doc else None

    def set_current_event(self, event_id: int | None) -> None:
        if event_id != self.current_event_id:
            self.current_event_id = event_id
            self.listener.current_event_changed()

    def set_current_relation(self, relation_id: int | None) -> None:
        if relation_id != self.current_relation_id:
            self.current_relation_id = relation_id
            self.listener.current_relation_changed()

    def next_suggestion(self, step: int = 1) -> Event | None:
        """The next (``step`` 1) or previous (-1) suggested event in text order from the current one."""
        if not self.doc:
            return None
        suggested = [e for e in self.doc.events if e.status == Status.SUGGESTED]
        if not suggested:
            return None
        here = self.current_event
        if here is None:
            return suggested[0] if step > 0 else suggested[-1]
        pos = (event_position(here, self.doc.spans), here.id or 0)
        keyed = [((event_position(e, self.doc.spans), e.id or 0), e) for e in suggested]
        if step > 0:
            return next((e for k, e in keyed if k > pos), None)
        return next((e for k, e in reversed(keyed) if k < pos), None)

    def move_to_suggestion(self, step: int = 1) -> Event | None:
        """J / K: select the next (previous) suggestion; None, the selection kept, when there is none."""
        event = self.next_suggestion(step)
        if event is not None:
            self.set_current_event(event.id)
        return event

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        return self.doc.sentence_at(pos) if self.doc else None

    # ------------------------------------------------------------------ actions

    def accept(self, event_id: int | None = None) -> bool:
        """A: accept the current event (or ``event_id``) as shown -- refused if someone changed it since -- and
        select the next suggestion."""
        return self._decide(commands.accept_event, event_id)

    def reject(self, event_id: int | None = None) -> bool:
        return self._decide(commands.reject_event, event_id)

    def _target(self, event_id: int | None) -> Event | None:
        """The event an action is for: ``event_id`` (selected first), else the current one; None (and a word to
        the analyst) when there is none."""
        if event_id is not None:
            self.set_current_event(event_id)
        event = self.current_event
        if event is None:
            self.listener.message("Select an event first (J / K)")
        return event

    def _decide(self, factory: Callable[..., Command], event_id: int | None) -> bool:
        event = self._target(event_id)
        if event is None:
            return False
        following = self.next_suggestion(1)
        done = self.do(lambda: factory(self.project, event.id, expected_version=event.version)) is not None
        # a refused decision stays on its event (re-read): the analyst sees why, and the same key retries it
        if done and following is not None and self.doc is not None and self.doc.event(following.id) is not None:
            self.set_current_event(following.id)
        return done

    def edit_event(self, event_id: int | None = None, *, roles: Mapping[str, commands.RoleWords] | None = None,
                   shown: Event | None = None, **changes: Any) -> bool:
        """E … Enter: change the current event (or ``event_id``) as shown; an edited suggestion becomes the
        analyst's. Raises :class:`RequiredRolesMissing` (nothing written) when the result lacks a required
        role.

        ``changes`` may hold every field of the editor: only those that differ from the event as shown are
        changed. ``shown``: the event as the analyst was shown it (the editor's, which may be older than the
        current one after another connection's change: its version is the one checked). The rules:
        nothing changed saves nothing (True, no undo step) -- but an unchanged suggestion saved is accepted;
        a note alone decides nothing (:func:`commands.only_a_note`)."""
        from .scheme_mix import UnknownEventCode

        event = shown if shown is not None else self._target(event_id)
        if event is None:
            return False
        try:  # the rules are event_edit's, the command line's too; a typed code links words by the command's rule
            edit = event_edit(self.project, self.scheme, event, changes, roles,
                              self.doc.spans if self.doc is not None else None)
        except (UnknownEventCode, BadEventDate) as exc:  # a code the scheme does not list, a bad date: refused
            self._refused(exc)
            return False
        if edit is None:
            return True  # nothing to save
        return self.do(edit) is not None

    def new_event(self, code: str, *, at: int | None = None, sentence: tuple[int, int] | None = None,
                  source: Span | str | None = None, target: Span | str | None = None, date: str | None = None,
                  location: str | None = None, roles: Mapping[str, commands.RoleWords] | None = None,
                  trigger: tuple[int, int] | None = None, **fields: Any) -> Event | None:
        """N … Enter: a new event in ``sentence`` (or the one holding ``at``, else the current event's), its
        source and target the sentence's likely actors unless given (a span, or an actor code; or ``roles``, the
        editor's :class:`~eventcoder.core.commands.RoleWords`, a typed code linked by the command to the
        sentence's words that name it, :func:`eventcoder.core.commands._settle_role`). ``trigger``: the words the
        analyst selected (start, end): a trigger span already on them, else a new one made with the event. Its
        date is the document's unless given (``""``: none). Raises :class:`RequiredRolesMissing` before anything
        is written; None when the store refused it."""
        doc = self.doc
        if doc is None:
            raise EventCoderError("no document is open")
        if not self._code_listed(code):
            return None  # a code the project's scheme does not list: refused, with why (nothing written)
        if date:
            try:
                date = event_date(date)
            except BadEventDate as exc:  # refused, with why (nothing written)
                self._refused(exc)
                return None
        if sentence is None:
            here = self.current_event
            pos = at if at is not None else event_position(here, doc.spans) if here is not None else None
            sentence = doc.sentence_at(pos) if pos is not None else None
        likely = doc.likely_actors(sentence)
        words: dict[str, commands.RoleWords] = {}
        takes = roles_for(self.scheme, code)
        for role, given, guess in (("source", source, likely[0]), ("target", target, likely[1])):
            if role not in takes:
                continue
            if roles is not None and role in roles:
                words[role] = roles[role]
                continue
            span = given if isinstance(given, Span) else guess if given is None else None
            role_code = given if isinstance(given, str) else span.code if span is not None else None
            words[role] = commands.RoleWords(role_code, span.id if span is not None else None,
                                             picked=isinstance(given, Span))
        check_roles_in_sentence(sentence, words, doc.spans)
        start, end = sentence or (None, None)
        new_trigger = None
        if trigger is not None:
            on_it = doc.index.exact(*trigger)
            if on_it is not None and on_it.layer == Layer.TRIGGER.value:
                fields["trigger_span_id"] = on_it.id
            elif on_it is None and doc.document.text[trigger[0]:trigger[1]].strip():
                new_trigger = Span(doc.document.id, trigger[0], trigger[1], doc.document.text[trigger[0]:trigger[1]],
                                   layer=Layer.TRIGGER.value, code=code)
        event = Event(
            doc.document.id, code, sentence_start=start, sentence_end=end, scheme=self.scheme.name,
            date=(date if date is not None else doc.default_event_date) or None, location=location,
            status=Status.ACCEPTED.value, origin=Origin.HUMAN.value, annotator=self.project.annotator,
            source_code=words["source"].code if "source" in words else None,
            target_code=words["target"].code if "target" in words else None,
            source_span_id=words["source"].span_id if "source" in words else None,
            target_span_id=words["target"].span_id if "target" in words else None, **fields,
        )
        check_required_roles(self.scheme, event, {r: w.new_span for r, w in words.items() if w.new_span})
        inverse = self.do(commands.add_event(event, roles=words) if new_trigger is None else
                          NewEventWithTrigger(commands.marked_span(new_trigger, self.project.annotator), event,
                                              words, label=f"new event {code}"))
        if inverse is None:
            return None
        event_id = inverse.commands[0].row_id  # type: ignore[attr-defined]
        self.set_current_event(event_id)
        return self.current_event

    def undecided(self) -> int:
        """How many suggestions of the document on screen nobody accepted or rejected yet."""
        return sum(e.status == Status.SUGGESTED for e in self.doc.events) if self.doc is not None else 0

    def set_done(self, done: bool = True) -> bool:
        """Ctrl+D: mark the document on screen done (or to do)."""
        if self.doc is None:
            return False
        doc_id, version = self.doc.document.id, self.doc.document.version
        return self.do(lambda: commands.set_document_done(self.project, doc_id, done, version)) is not None

    def delete_relation(self, relation_id: int | None = None) -> bool:
        """Delete the current relation (or ``relation_id``) as shown: refused, nothing written, if someone changed
        or deleted it since it was read."""
        wanted = relation_id if relation_id is not None else self.current_relation_id
        shown = next((r for r in self.doc.relations if r.id == wanted), None) if self.doc else None
        if shown is None or shown.id is None:
            self.listener.message("Select a relation first")
            return False
        return self.do(commands.delete_relation(shown.id, expected_version=shown.version)) is not None

    def delete_event(self, event_id: int | None = None) -> bool:
        """Ctrl+Delete: delete the current event (or ``event_id``) if an analyst made it, as shown (refused if
        changed since); a model's suggestion is rejected instead (X), never deleted. The next event is selected."""
        event = self._target(event_id)
        if event is None:
            return False
        if event.origin != Origin.HUMAN:
            self.listener.message("A suggestion is rejected, not deleted")
            return self.reject(event.id)
        events = self.doc.events if self.doc is not None else []
        at = next((i for i, e in enumerate(events) if e.id == event.id), 0)
        following = next((e.id for e in events[at + 1:]), None) or next((e.id for e in events[:at]), None)
        done = self.do(lambda: commands.delete_analyst_event(self.project, event.id, event.version)) is not None
        if done and following is not None and self.doc is not None and self.doc.event(following) is not None:
            self.set_current_event(following)
        return done

    def set_document_date(self, document_id: int, date: str | None) -> bool:
        """Set a document's date (``YYYY-MM-DD``; blank clears it), undoable; a bad date is refused, nothing
        written (the reason in ``save_problem``). The document on screen is checked at the version shown (a
        change made elsewhere since refuses it); its undo is refused once someone else changed the document."""
        shown = self.doc.document if self.doc is not None and self.doc.document.id == document_id else None
        version = shown.version if shown is not None else None
        return self.do(lambda: commands.set_document_date(self.project, document_id, date, version),
                       document_id) is not None

    # ------------------------------------------------------------------ spans and relations

    def span_layers(self) -> list[str]:
        return span_layers(self.scheme)

    def relation_types(self) -> list[tuple[str, str]]:
        return relation_types(self.scheme)

    def mark_words(self, start: int, end: int, layer: str) -> bool:
        """1–9 on selected words: give them ``layer`` (a span already on exactly those words is relabelled, as
        shown: refused if changed since; otherwise a new span, the analyst's and accepted)."""
        doc = self.doc
        if doc is None:
            raise EventCoderError("no document is open")
        if not 0 <= start < end <= len(doc.document.text):
            raise EventCoderError(f"characters {start}–{end} are not words of this document")
        existing = doc.index.exact(start, end)
        if existing is not None:
            return self.do(lambda: commands.relabel_span(self.project, existing.id, layer=layer,
                                                         expected_version=existing.version)) is not None
        text = doc.document.text[start:end]
        return self.do(commands.add_span(Span(doc.document.id, start, end, text, layer=layer))) is not None

    def add_relation(self, from_span_id: int, to_span_id: int, kind: str | None = None) -> bool:
        """R on a span, then R on another: relate them with ``kind`` (one of the scheme's relation types; None:
        its only one). A span related to itself, a span not in the document on screen or a type the scheme does
        not name is refused, nothing written."""
        doc = self.doc
        if doc is None:
            raise EventCoderError("no document is open")
        names = [name for name, _label in self.relation_types()]
        kind = kind if kind is not None else names[0] if len(names) == 1 else None
        if kind not in names:
            raise EventCoderError(f"the scheme names no relation type {kind!r} (use one of {', '.join(names)})")
        relation = Relation(doc.document.id, from_span_id, to_span_id, kind, annotator=self.project.annotator)
        return self.do(lambda: commands.add_relation(relation)) is not None

    # ------------------------------------------------------------------ changes

    def do(self, command: Command | Callable[[], Command], document_id: int | None = None, *,
           any_layer: bool = False) -> Command | None:
        """Apply a core command (committed at once) and record it for undo; its inverse, or None if refused.

        ``command`` may be a function that builds it: reading the rows it needs can fail too (deleted
        elsewhere). While another annotator's (or the curated) layer is shown the analyst's changes are refused
        (:meth:`coding_refused`); ``any_layer``: a change meant for any view (the adjudication view's curated
        choices)."""
        doc_id = document_id if document_id is not None else self.document_id
        refused = "" if any_layer else self.coding_refused()
        if refused:
            self.listener.message(refused)
            return None
        self._set_save_state("saving")
        try:
            built: Command = command if hasattr(command, "apply") else command()  # type: ignore[operator]
            inverse = built.apply(self.project)
        except EventCoderError as exc:  # its transaction rolled back: nothing was written
            self._refused(exc)
            return None
        if wrote_nothing(inverse):  # (accepting what is accepted): no step to undo
            pass
        elif self._group is not None:
            self._group.append((doc_id, inverse))
        else:
            self.history.record(built.label, doc_id, inverse)
        self._applied(doc_id, touched_rows(inverse))
        if self.save_state == "saving":
            self._set_save_state("saved")
        return inverse

    def undo(self) -> bool:
        """Ctrl+Z: undo the newest step; False when there is none or it was refused (and dropped)."""
        return self.undo_step(None)

    def redo(self) -> bool:
        return self.redo_step(None)

    def undo_step(self, step: Step | None) -> bool:
        """Undo ``step``, which must be the newest (None: whichever is)."""
        if not self.history.can_undo():
            return False
        return self._swap(self.history.undo, step)

    def redo_step(self, step: Step | None) -> bool:
        if not self.history.can_redo():
            return False
        return self._swap(self.history.redo, step)

    def _swap(self, move: Callable[[Project, Step | None], tuple[Step, Touched]], step: Step | None) -> bool:
        try:
            moved, touched = move(self.project, step)
        except EventCoderError as exc:
            self._refused(exc, nothing_at_risk=True)  # an undo refused loses no work: "Refused", not "Not saved"
            return False
        self._set_save_state("saved")
        self._applied(moved.document_id, touched)
        return True

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Several commands as one undo step, undone (and redone) in one transaction. If one is refused (or the
        block raises), those already applied are undone and no step is recorded: the history never holds half
        a change."""
        if self._group is not None:  # nested: part of the outer step
            yield
            return
        self._group, self._group_failed = [], False
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            group, self._group = self._group, None
            failed = failed or self._group_failed
            if group:
                whole = Composite(tuple(inverse for _doc, inverse in reversed(group)), label=label)
                if failed:
                    self._revert(whole, group[0][0])
                else:
                    self.history.record(label, group[0][0], whole)

    def _revert(self, whole: Composite, doc_id: int | None) -> None:
        problem = self.save_problem
        try:
            inverse = whole.apply(self.project)
        except EventCoderError as exc:
            self._refused(StoreError(f"cannot take back the start of “{whole.label}”: {exc}"))
            return
        self._applied(doc_id, touched_rows(inverse) | touched_rows(whole))
        self._set_save_state("failed", problem)

    def _applied(self, doc_id: int | None, touched: Touched | None = None) -> None:
        if doc_id is not None and doc_id != self.document_id:
            self.open_document(doc_id)  # undoing a change made in another document shows it
            touched = None
        self.reload(doc_id, touched)

    def _refused(self, exc: Exception, *, nothing_at_risk: bool = False) -> None:
        """Nothing of the refused command was written (its transaction rolled back); the rows on screen may be
        older than the file (another window changed them), so the document is read again. A refused undo or redo
        lands here too (its step was dropped), its message naming who changed the row when the history tells;
        ``nothing_at_risk`` (an undo or redo refused: no change of the analyst's was lost) says it was refused
        (``save_refused``), not that something was not saved."""
        if self._group is not None:
            self._group_failed = True
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        self._set_save_state("failed", text, refused=nothing_at_risk)
        self.listener.message(f"{'Refused' if nothing_at_risk else 'Not saved'}: {text}")
        if self.doc is not None:
            try:
                self.reload(self.doc.document.id)
            except EventCoderError:  # the document itself is gone
                self.open_document(None)
        self.listener.refused(text)

    def _set_save_state(self, state: str, problem: str = "", *, refused: bool = False) -> None:
        self.save_state, self.save_problem, self.save_refused = state, problem, refused and state == "failed"
        self.listener.save_state_changed()

    # ------------------------------------------------------------------ other connections

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes whenever another connection commits to the file."""
        return self.project.data_version()

    def changed_elsewhere(self) -> bool:
        """True once per commit made by another connection (another window, the CLI, a coding worker)."""
        version = self.data_version()
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def reload_external(self) -> None:
        """Re-read the open document after another connection changed the file; an editor being typed in
        keeps its text (its commit is checked against the newer row)."""
        if self.doc is None:
            return
        self.external_reload = True
        shown = self.doc.document.id
        try:
            self.reload(shown)
        except EventCoderError:
            self.open_document(None)
            self.gone_message = deleted_document_message(self.project, shown)
            self.listener.message(self.gone_message)
        finally:
            self.external_reload = False
