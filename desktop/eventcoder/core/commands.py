"""Undoable data changes: small immutable commands whose ``apply`` returns their inverse.

The window wraps them in a ``QUndoStack``; the CLI applies them directly. Each
``apply`` is one transaction, so a user action is committed whole or not at all.
Factories named after what the analyst does (``accept_event``, ``add_event``...)
build the commands.

**Every inverse is version-checked.** An inverse expects the row as its command left it: the inverse of
``UpdateRow`` expects the version that update produced, the inverse of an insert (a delete) refuses if the
row changed since, and re-inserting a deleted row refuses if its id was taken meanwhile. So an undo or
redo after someone else (another window, the CLI) changed the row raises ``StoreError`` -- naming who, when
the history table tells -- and writes nothing, instead of putting the row back into a state nobody made.
Versions only go up (an undo is a write too), so an inverse also carries a digest of the row as its command
left it: undoing a later step restores that state under a newer version, and the next undo still matches.

**Span states follow their event.** Accepting, editing or adding an event accepts its spans in the same
transaction (one undo step), with the event's codes: the trigger span gets the event code, an actor span
its role's code -- but only where those words name that actor (see :func:`_settle_role`). A code typed
for a role whose words do not name it links the sentence's mention of that code, or no words at all; the
words are never recoded as something they do not name.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import StoreError
from .io.dates import normalise_date
from .mentions import is_pronoun
from .model import Event, Layer, Origin, Relation, RowKind, Span, Status
from .store import ConflictError, Project, to_row

ROLES = ("source", "target")  # the actor roles


class Command(Protocol):
    label: str

    def apply(self, project: Project) -> Command: ...


# ---------------------------------------------------------------------------- refusals


def _what(kind: RowKind, row: dict[str, Any] | None, row_id: int) -> str:
    if row is not None and kind == RowKind.EVENT:
        return f"event {row.get('event_code')} (id {row_id})"
    if row is not None and kind == RowKind.SPAN:
        return f"span “{row.get('text')}” (id {row_id})"
    if row is not None and kind == RowKind.DOCUMENT:
        return f"document “{row.get('title') or row_id}” (id {row_id})"
    return f"{kind} {row_id}"


def _by(project: Project, kind: RowKind, row_id: int) -> str:
    """Who changed the row last, how and when, as the history tells (empty when it does not)."""
    entry = project.last_change(kind, row_id)
    if entry is None:
        return ""
    at = str(entry.get("at") or "").replace("T", " ").removesuffix("Z")[:16]
    return f" by {entry.get('who') or 'someone'} ({entry.get('action')}{', ' + at + ' UTC' if at else ''})"


class ChangedElsewhere(StoreError):
    """A change refused because its row was changed or deleted by someone else since it was read (nothing was
    written); the command line exits 3 on it (re-read and decide again)."""


def changed_elsewhere(project: Project, kind: RowKind, row_id: int, row: dict[str, Any], expected: int
                      ) -> StoreError:
    return ChangedElsewhere(f"{_what(kind, row, row_id)} was changed elsewhere{_by(project, kind, row_id)} "
                      f"(now version {row.get('version')}, not {expected}); nothing was written")


def deleted_elsewhere(project: Project, kind: RowKind, row_id: int) -> StoreError:
    return ChangedElsewhere(f"{_what(kind, None, row_id)} was deleted elsewhere{_by(project, kind, row_id)}; "
                      "nothing was written")


class AnotherAnnotatorsLayer(StoreError):
    """Team layers: a change to an event of another annotator's own layer, read only to everyone else (nothing was
    written). ``decides``: the shared suggestion that event decides, which the annotator decides in their own layer
    instead (None: it decides none)."""

    def __init__(self, message: str, decides: int | None = None) -> None:
        super().__init__(message)
        self.decides = decides


def check_layer_owner(project: Project, row: dict[str, Any], who: str | None, *, how: str = "A, X or E on it",
                      done: str = "nothing was written") -> None:
    """The rule of team layers (:mod:`eventcoder.core.team.layers`), for every path that changes an event (the
    window, the command line, an imported file): an annotator codes in their own layer, so an event of another
    annotator's own layer is refused to ``who`` (:class:`AnotherAnnotatorsLayer`), naming the shared suggestion
    it decides when that one is still ``who``'s to decide (``how``: how to decide it, ``{id}`` its id). With team
    layers off every row is everyone's; rows nobody is named for, shared suggestions and the curated layer (the
    adjudication's) are not another annotator's layer."""
    if not project.team_layers():
        return
    owner = row.get("annotator")
    who = who or project.annotator
    if row.get("layer") or not owner or owner == who:
        return
    decides = row.get("decides")
    hint = ""
    if decides:
        from .team.layers import MINE, view_event_ids

        if decides in view_event_ids(project, MINE, row["document_id"], me=who):
            hint = f" (the shared suggestion it decides is {decides}: {how.format(id=decides)} decides it in yours)"
    raise AnotherAnnotatorsLayer(f"{_what(RowKind.EVENT, row, int(row['id']))} is in {owner}'s layer: another "
                                 f"annotator's layer is read only, {who} codes in their own{hint}; {done}", decides)


UNSTATED = ("version", "updated_at")  # not part of a row's state: an undo restores the state, not these


def row_state(row: dict[str, Any]) -> str:
    """A digest of a row's contents (every column but its version and time stamp)."""
    body = json.dumps({k: v for k, v in row.items() if k not in UNSTATED}, sort_keys=True, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def check_version(project: Project, kind: RowKind, row_id: int, expected: int | None,
                  expected_state: str | None = None) -> dict[str, Any]:
    """The row, if it still exists and (``expected`` given, the kind versioned) is at that version -- or, with
    ``expected_state``, holds exactly that state again (this stack undid a later step on it)."""
    row = project.get_row(kind, row_id)
    if row is None:
        raise deleted_elsewhere(project, kind, row_id)
    if expected is not None and "version" in row and row["version"] != expected:
        if expected_state is None or row_state(row) != expected_state:
            raise changed_elsewhere(project, kind, row_id, row, expected)
    return row


# ---------------------------------------------------------------------------- row commands


def _deleting(row: dict[str, Any], kind: RowKind, label: str) -> DeleteRow:
    """The inverse of inserting ``row`` (as stored): a delete that expects it exactly as it was made."""
    return DeleteRow(kind, int(row["id"]), label=label, expected_version=row.get("version"),
                     expected_state=row_state(row))


@dataclass(frozen=True)
class InsertRow:
    """Add one row of ``kind`` (``row['id']`` given: put a deleted row back under its id)."""

    kind: RowKind
    row: dict[str, Any]
    label: str = "add"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            given = self.row.get("id")
            if given is not None and project.get_row(self.kind, int(given)) is not None:
                # a row made since took the id (SQLite reuses the highest one): restoring would overwrite it
                raise StoreError(f"{_what(self.kind, self.row, int(given))} cannot be restored: its id was "
                                 f"taken by a row added elsewhere{_by(project, self.kind, int(given))}")
            try:
                inserted = project.add_row(self.kind, self.row, action=self.label)
            except ConflictError as exc:  # a span or document it points at was deleted elsewhere
                what = _what(self.kind, self.row, int(given)) if given is not None else f"the new {self.kind}"
                raise StoreError(f"{what} cannot be saved: something it refers to was deleted elsewhere "
                                 f"({exc})") from exc
        return _deleting(inserted, self.kind, self.label)


@dataclass(frozen=True)
class DeleteRow:
    kind: RowKind
    row_id: int
    label: str = "delete"
    expected_version: int | None = None  # refuse if the row changed since (the inverse of an insert sets it)
    expected_state: str | None = None  # ... unless it holds that state again (see check_version)

    def apply(self, project: Project) -> Command:
        with project.transaction():
            row = check_version(project, self.kind, self.row_id, self.expected_version, self.expected_state)
            try:
                before = project.delete_row(self.kind, self.row_id, action=self.label, current=row)
            except ConflictError as exc:  # an event or relation made elsewhere uses it now
                raise StoreError(f"{_what(self.kind, row, self.row_id)} is now used by something added "
                                 "elsewhere; nothing was removed") from exc
        return InsertRow(self.kind, before, label=self.label)


@dataclass(frozen=True)
class UpdateRow:
    kind: RowKind
    row_id: int
    changes: dict[str, Any]
    label: str = "edit"
    expected_version: int | None = None
    expected_state: str | None = None  # set on inverses: the row as the command they undo left it

    def apply(self, project: Project) -> Command:
        with project.transaction():  # the row read once to check it, once as the change left it
            row = check_version(project, self.kind, self.row_id, self.expected_version, self.expected_state)
            before, after = project.change_row(self.kind, self.row_id, self.changes, action=self.label, current=row)
        # the inverse expects the row exactly as this change left it
        return UpdateRow(self.kind, self.row_id, {k: v for k, v in before.items() if k in self.changes},
                         label=self.label, expected_version=after.get("version"), expected_state=row_state(after))


@dataclass(frozen=True)
class Composite:
    """Several commands as one: all applied in one transaction, or none."""

    commands: tuple[Command, ...]
    label: str = "change"

    def apply(self, project: Project) -> Command:
        inverses: list[Command] = []
        with project.transaction():
            for command in self.commands:
                inverses.append(command.apply(project))
        return Composite(tuple(reversed(inverses)), label=self.label)


_RECORDED = {"insert": InsertRow, "delete": DeleteRow, "update": UpdateRow}


def command_record(command: Command) -> dict[str, Any]:
    """An applied change's inverse as JSON data (row commands and composites of them: what ``apply`` returns for
    the event changes), so an undo can outlive the process that made the change (``eventcoder undo``). Another
    command, or a row value JSON cannot hold, refuses (:class:`StoreError`) before anything is kept."""
    if isinstance(command, Composite):
        return {"kind": "composite", "label": command.label, "commands": [command_record(c) for c in command.commands]}
    name = next((k for k, cls in _RECORDED.items() if type(command) is cls), None)
    if name is None:
        raise StoreError(f"“{command.label}” cannot be kept for a later undo ({type(command).__name__})")
    record = {f.name: getattr(command, f.name) for f in dataclasses.fields(command)}  # type: ignore[arg-type]
    record["kind"], record["row_kind"] = name, record["kind"].value
    try:
        json.dumps(record, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"“{command.label}” cannot be kept for a later undo ({exc})") from None
    return record


def command_from_record(record: dict[str, Any]) -> Command:
    """The command :func:`command_record` kept."""
    if record["kind"] == "composite":
        return Composite(tuple(command_from_record(r) for r in record["commands"]), label=record["label"])
    cls = _RECORDED[record["kind"]]
    fields = {f.name: record[f.name] for f in dataclasses.fields(cls) if f.name in record and f.name != "kind"}
    return cls(kind=RowKind(record["row_kind"]), **fields)  # type: ignore[arg-type]


def relabelled(command: Command, label: str) -> Command:
    """``command`` journalled as ``label`` (its parts too): an undo is written as "undo: reject event 112", not
    as the action it takes back."""
    if isinstance(command, Composite):
        return Composite(tuple(relabelled(c, label) for c in command.commands), label=label)
    if dataclasses.is_dataclass(command) and any(f.name == "label" for f in dataclasses.fields(command)):
        return dataclasses.replace(command, label=label)  # type: ignore[type-var]
    return command


# ---------------------------------------------------------------------------- events and their spans


@dataclass(frozen=True)
class RoleWords:
    """What the analyst gave for an actor role (source or target).

    ``code``: the actor code typed (None: no code); ``span_id``: the words the field showed; ``new_span``:
    words the analyst selected that are not a span yet; ``picked``: the analyst chose ``span_id``'s words for
    this role in this edit (selected them in the text), so they are coded with ``code``.
    """

    code: str | None
    span_id: int | None = None
    new_span: Span | None = None
    picked: bool = False


def names_actor(span_code: str | None, code: str) -> bool:
    """Words coded ``span_code`` name the actor ``code``: the same code, or the same actor more or less
    specifically (CAMEO codes extend a country or organisation code by whole roles: ``RUS`` / ``RUSGOV``)."""
    if not span_code:
        return False
    if span_code == code:
        return True
    short, long = sorted((span_code, code), key=len)
    return len(short) >= 3 and len(short) % 3 == 0 and long.startswith(short)


def _mention(project: Project, row: dict[str, Any], code: str, exclude: set[int]) -> int | None:
    """The event sentence's actor span coded ``code``, else one coded with the same actor more or less
    specifically (accepted ones first, then in text order), if any; never one of ``exclude``."""
    start, end = row.get("sentence_start"), row.get("sentence_end")
    if start is None or end is None:
        return None
    found = [s for s in project.spans(row["document_id"], layer=Layer.ACTOR.value)
             if s.code and s.status != Status.REJECTED and start <= s.start < end and s.id not in exclude]
    found.sort(key=lambda s: (s.status != Status.ACCEPTED, s.start))
    same = next((s for s in found if s.code == code), None) or next(
        (s for s in found if names_actor(s.code, code)), None)
    return same.id if same is not None else None


def _leaves_its_words(project: Project, words: RoleWords, typed: bool) -> bool:
    """Whether :func:`_settle_role` moves this role off its words (a code typed over words that do not name it):
    then those words are free for the other role (the analyst swapped source and target)."""
    if not typed or not words.code or words.picked or words.new_span is not None or words.span_id is None:
        return False
    span = project.get_row(RowKind.SPAN, words.span_id)
    return span is not None and not _words_name(span, words.code)


def _words_name(span: dict[str, Any], code: str) -> bool:
    """The one rule of which words keep a role given ``code`` (:func:`_settle_role`, :func:`_leaves_its_words`):
    an actor span coded with it, with the same actor more or less specifically, or a pronoun."""
    if span["layer"] != Layer.ACTOR.value:
        return False
    return span["code"] == code or is_pronoun(span["text"]) or names_actor(span["code"], code)


def _more_specific(code: str, span_code: str | None) -> bool:
    """``code`` names the words' actor with a role their code does not carry (``KSVGOV`` over ``KSV``)."""
    return bool(span_code) and len(code) > len(span_code or "")


def _settle_role(project: Project, row: dict[str, Any], words: RoleWords, typed: bool, exclude: set[int]
                 ) -> tuple[int | None, Span | None, dict[str, Any] | None, bool]:
    """Which words an actor role keeps: (span id, new span to create, code to give the span or None, whether an
    accepted event accepts the span with it).

    A code changes only its own role, and words are recoded only when they are the role's own words and name the
    actor (the project's actor dictionary learns from accepted actor spans, core/project_actors.py, so a code
    landing on other words would teach it a wrong actor -- the trial's "Nairobi -> KENGOV"):

    * words the analyst selected (a new span, or ``picked``) are coded with the typed code;
    * the role's words already coded with it keep it; words coded with the same actor more specifically keep
      naming it (recoded to the typed code: ``RUS`` typed over ``RUSGOV`` words); words coded with it less
      specifically keep naming it but keep their own code (``KSVGOV`` typed over "Kosovo" ``KSV``: a country's
      name is not its government wherever it appears; select the words and press S or T to code them so);
    * a pronoun ("he") of the role is recoded with the role's code, whatever it was coded (it names no actor by
      its words, core/mentions.py; pronouns are never learned as names);
    * no code: the words stay, uncoded (a phrase nobody coded yet);
    * a role the analyst did not touch (``typed`` false: accepting, or editing another field) keeps its words;
      words that do not name its code are neither recoded nor accepted with it;
    * otherwise -- a typed code over an uncoded grammar phrase ("sanctions"), a named entity nobody coded, or
      another actor -- the words do not name the code: the role links the sentence's mention coded with it (the
      "India" of "sanctions on India"; never the other role's words, ``exclude``), else no words; those words
      keep their own coding.
    ``typed``: the analyst gave this role now (a role with a code and no words then looks for its mention).
    """
    code = words.code
    if words.new_span is not None:
        return None, words.new_span, None, True
    span = project.get_row(RowKind.SPAN, words.span_id) if words.span_id is not None else None
    if words.span_id is not None and span is None:
        raise deleted_elsewhere(project, RowKind.SPAN, words.span_id)
    if span is None:
        return (_mention(project, row, code, exclude) if code and typed else None), None, None, True
    if code is None:
        return span["id"], None, None, True
    if _words_name(span, code):
        if span["code"] == code:
            return span["id"], None, None, True
        if not is_pronoun(span["text"]) and not words.picked and _more_specific(code, span["code"]):
            return span["id"], None, None, True  # the words name the actor; their code stays theirs
        # recoded: words naming the actor, or a pronoun (it names no actor by its words: it refers to the one the
        # analyst gives its role, core/mentions.py)
        return span["id"], None, {"code": code, "layer": Layer.ACTOR.value}, True
    if words.picked:  # the analyst selected these words for the role: they take its code
        return span["id"], None, {"code": code, "layer": Layer.ACTOR.value}, True
    if not typed:
        return span["id"], None, None, False  # not the analyst's change: left as they are, linked
    return _mention(project, row, code, exclude), None, None, True


def _settle_spans(project: Project, row: dict[str, Any], roles: dict[str, RoleWords], typed: set[str],
                  who: str, label: str) -> tuple[dict[str, Any], list[Command]]:
    """Bring the spans of the event ``row`` (as it will be) in line with it, inside the caller's transaction.

    Returns the event columns to change (role span ids) and the inverses of the span writes made."""
    accepted = row.get("status") == Status.ACCEPTED
    inverses: list[Command] = []
    event_changes: dict[str, Any] = {}
    span_changes: dict[int, dict[str, Any]] = {}
    taken: set[int] = set()  # words a role settled before this one links
    for role in ROLES:
        if not accepted and role not in typed:
            continue  # a role nobody touched of an event not accepted (a rejection): left as it is
        words = roles.get(role) or RoleWords(row.get(f"{role}_code"), row.get(f"{role}_span_id"))
        name = "target" if role == "source" else "source"
        other = roles.get(name) or RoleWords(row.get(f"{name}_code"), row.get(f"{name}_span_id"))
        # never the words the other role keeps; the words it leaves (a swap) are free
        exclude = set(taken) | ({other.span_id} if other.span_id is not None
                                and not _leaves_its_words(project, other, name in typed) else set())
        span_id, new_span, recode, settle = _settle_role(project, row, words, role in typed, exclude)
        if new_span is not None:
            new_row = to_row(marked_span(dataclasses.replace(
                new_span, code=words.code if words.code else new_span.code, layer=Layer.ACTOR.value), who))
            inverse = InsertRow(RowKind.SPAN, new_row, label=label).apply(project)
            inverses.append(inverse)
            span_id = inverse.row_id  # type: ignore[attr-defined]
        elif span_id is not None and (recode or accepted) and settle:
            span_changes.setdefault(span_id, {}).update(recode or {})
        if span_id is not None:
            taken.add(span_id)
        if span_id != row.get(f"{role}_span_id"):
            event_changes[f"{role}_span_id"] = span_id
    if accepted:
        trigger = row.get("trigger_span_id")
        if trigger is not None:
            span_changes.setdefault(trigger, {})["code"] = row.get("event_code")
        if row.get("location_span_id") is not None:
            span_changes.setdefault(row["location_span_id"], {})
    for span_id, changes in span_changes.items():
        span = project.get_row(RowKind.SPAN, span_id)
        if span is None:
            raise deleted_elsewhere(project, RowKind.SPAN, span_id)
        if span_id == row.get("trigger_span_id") and span["layer"] != Layer.TRIGGER.value:
            changes.pop("code", None)  # only a trigger span carries the event code
        wanted = {k: v for k, v in {**changes, "status": Status.ACCEPTED.value}.items() if span.get(k) != v}
        if wanted:
            inverses.append(UpdateRow(RowKind.SPAN, span_id, {**wanted, "annotator": who}, label=label,
                                      expected_version=span["version"]).apply(project))
    return event_changes, inverses


@dataclass(frozen=True)
class EditEvent:
    """Change an event and bring its spans in line, in one transaction (one undo step).

    ``expected_version``: the version the analyst saw; a change made elsewhere since refuses the whole edit.
    ``roles``: source/target as the editor gave them (see :class:`RoleWords`); roles not given keep the event's.
    ``by``: the annotator making the change (default: the one the change records, else the project's); an event
    of another annotator's layer is refused to them (:func:`check_layer_owner`).
    """

    event_id: int
    changes: dict[str, Any]
    expected_version: int | None = None
    roles: dict[str, RoleWords] = field(default_factory=dict)
    label: str = "edit event"
    by: str | None = None

    def apply(self, project: Project) -> Command:
        who = self.changes.get("annotator") or project.annotator
        with project.transaction():
            current = check_version(project, RowKind.EVENT, self.event_id, self.expected_version)
            check_layer_owner(project, current, self.by or who)
            changes = dict(self.changes)
            for role, words in self.roles.items():
                changes[f"{role}_code"] = words.code
                if words.new_span is None:
                    changes[f"{role}_span_id"] = words.span_id
            typed = {role for role in ROLES
                     if any(current.get(f"{role}_{k}") != changes.get(f"{role}_{k}", current.get(f"{role}_{k}"))
                            for k in ("code", "span_id")) or (role in self.roles and self.roles[role].new_span)}
            row = {**current, **changes}
            roles = dict(self.roles)
            for role in ROLES:  # a span id given explicitly (not by the editor) is the caller's choice of words
                if role not in roles and f"{role}_span_id" in self.changes:
                    roles[role] = RoleWords(row.get(f"{role}_code"), row.get(f"{role}_span_id"), picked=True)
            span_columns, span_inverses = _settle_spans(project, row, roles, typed, who, self.label)
            changes.update(span_columns)
            changes = {k: v for k, v in changes.items() if current.get(k) != v}
            if not changes:  # nothing of the event changes (accepting what is accepted): no new version of it
                return Composite(tuple(reversed(span_inverses)), label=self.label)
            event_inverse = UpdateRow(RowKind.EVENT, self.event_id, changes, label=self.label,
                                      expected_version=current["version"]).apply(project)
        # undone in reverse: the event first (it lets go of new spans), then its spans
        return Composite((event_inverse, *reversed(span_inverses)), label=self.label)


@dataclass(frozen=True)
class AddEventWithSpans:
    """A new event whose actor spans are created (``new_spans``) or accepted with it: one undo step.

    The inverse's first command deletes the event (``inverse.commands[0].row_id`` is its id)."""

    event: Event
    new_spans: dict[str, Span] = field(default_factory=dict)  # role -> span to create
    label: str = "new event"
    roles: dict[str, RoleWords] = field(default_factory=dict)  # role -> what the editor gave (see RoleWords)

    def apply(self, project: Project) -> Command:
        row = to_row(self.event)
        roles = dict(self.roles)
        for role in ROLES:
            if role not in roles:  # an API caller's span ids are its choice of words
                roles[role] = RoleWords(row.get(f"{role}_code"), row.get(f"{role}_span_id"),
                                        self.new_spans.get(role), picked=True)
            elif role in self.new_spans and roles[role].new_span is None:
                roles[role] = dataclasses.replace(roles[role], new_span=self.new_spans[role])
            row[f"{role}_code"] = roles[role].code
            row[f"{role}_span_id"] = roles[role].span_id if roles[role].new_span is None else None
        who = row.get("annotator") or project.annotator
        with project.transaction():
            span_columns, span_inverses = _settle_spans(project, row, roles, set(ROLES), who, self.label)
            row.update(span_columns)
            inserted = project.add_row(RowKind.EVENT, row, action=self.label)
        return Composite((_deleting(inserted, RowKind.EVENT, self.label), *reversed(span_inverses)), label=self.label)


# ---------------------------------------------------------------------------- several annotators in one file

_NOT_COPIED = ("id", "version", "created_at", "updated_at", "merged_from")


@dataclass(frozen=True)
class DecideInLayer:
    """In a file with team layers on (:mod:`eventcoder.core.team.layers`): decide a shared model suggestion in
    the annotator's own layer. The suggestion's row is only read -- checked at ``expected_version``, the one
    the analyst saw -- and stays pending for the others; the decision is a new event of ``who`` (``decides`` =
    the suggestion), accepted ones with copies of the suggestion's spans (theirs, accepted), then ``changes``
    and ``roles`` as an edit of it (see :class:`EditEvent`). One transaction, one undo step; the inverse deletes
    what was made, each row version-checked. ``inverse.commands[-2]`` deletes the new event (``row_id``)."""

    suggestion_id: int
    status: str
    who: str
    expected_version: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, RoleWords] = field(default_factory=dict)
    label: str = "decide"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            shown = check_version(project, RowKind.EVENT, self.suggestion_id, self.expected_version)
            from .team.layers import is_shared_suggestion

            if not is_shared_suggestion(shown):
                raise StoreError(f"{_what(RowKind.EVENT, shown, self.suggestion_id)} was decided in its own row "
                                 f"elsewhere{_by(project, RowKind.EVENT, self.suggestion_id)}; nothing was written")
            if any(r["decides"] == self.suggestion_id and r["annotator"] == self.who
                   for r in project.layer_rows(shown["document_id"])):  # (another window of theirs, the CLI)
                raise StoreError(f"{_what(RowKind.EVENT, shown, self.suggestion_id)} was decided by {self.who} "
                                 "already (in another window?); nothing was written")
            span_inverses: list[Command] = []
            copies: dict[int, int] = {}
            if self.status == Status.ACCEPTED:
                for role in ("source", "target", "trigger", "location"):
                    span_id = shown.get(f"{role}_span_id")
                    if span_id is None or span_id in copies:
                        continue
                    span = project.get_row(RowKind.SPAN, span_id)
                    if span is None:
                        raise deleted_elsewhere(project, RowKind.SPAN, span_id)
                    if span.get("annotator") == self.who:
                        continue  # already this annotator's words
                    copy = {k: v for k, v in span.items() if k not in _NOT_COPIED}
                    copy.update(status=Status.ACCEPTED.value, annotator=self.who)
                    if role == "trigger" and span["layer"] == Layer.TRIGGER.value:
                        copy["code"] = shown["event_code"]
                    inverse = InsertRow(RowKind.SPAN, copy, label=self.label).apply(project)
                    span_inverses.append(inverse)
                    copies[span_id] = inverse.row_id  # type: ignore[attr-defined]
            row = {k: v for k, v in shown.items() if k not in _NOT_COPIED}
            row.update(status=self.status, annotator=self.who, decides=self.suggestion_id, layer=None)
            for role in ("source", "target", "trigger", "location"):
                if row.get(f"{role}_span_id") in copies:
                    row[f"{role}_span_id"] = copies[row[f"{role}_span_id"]]
            event_inverse = InsertRow(RowKind.EVENT, row, label=self.label).apply(project)
            new_id = event_inverse.row_id  # type: ignore[attr-defined]
            edit: list[Command] = []
            if self.changes or self.roles:
                roles = {role: dataclasses.replace(words, span_id=copies.get(words.span_id, words.span_id))
                         for role, words in self.roles.items()}
                changes = {k: v for k, v in self.changes.items() if k != "status"}
                edit.append(EditEvent(new_id, {**changes, "annotator": self.who}, roles=roles,
                                      label=self.label).apply(project))
        return Composite((*edit, event_inverse, *reversed(span_inverses)), label=self.label)


def _in_layer(project: Project, event_id: int, who: str) -> dict[str, Any] | None:
    """The suggestion's row when deciding it goes into ``who``'s own layer (team layers on, a shared model
    suggestion), else None (the row itself is decided, as in a file one analyst codes)."""
    if not project.team_layers():
        return None
    from .team.layers import is_shared_suggestion

    row = project.get_row(RowKind.EVENT, event_id)
    return row if row is not None and is_shared_suggestion(row) else None


# ---------------------------------------------------------------------------- factories


def set_event_status(project: Project, event_id: int, status: str, annotator: str | None = None,
                     expected_version: int | None = None) -> Command:
    """Accept or reject an event; accepting also accepts its spans (actors, trigger, location) with its codes.

    ``expected_version``: the version the analyst saw; if someone else changed the event since, the decision is
    refused (nothing written) rather than silently deciding an event the analyst has not seen."""
    event = project.get_event(event_id)
    who = annotator or project.annotator
    verb = "accept" if status == Status.ACCEPTED else "reject" if status == Status.REJECTED else "reset"
    if status != Status.SUGGESTED and _in_layer(project, event_id, who) is not None:
        return DecideInLayer(event_id, status, who, expected_version, label=f"{verb} event {event.event_code}")
    return EditEvent(event_id, {"status": status, "annotator": who}, expected_version=expected_version,
                     label=f"{verb} event {event.event_code}", by=who)


def accept_event(project: Project, event_id: int, expected_version: int | None = None) -> Command:
    return set_event_status(project, event_id, Status.ACCEPTED.value, expected_version=expected_version)


def reject_event(project: Project, event_id: int, expected_version: int | None = None) -> Command:
    return set_event_status(project, event_id, Status.REJECTED.value, expected_version=expected_version)


def set_span_status(project: Project, span_id: int, status: str, expected_version: int | None = None) -> Command:
    span = project.get_span(span_id)
    verb = "accept" if status == Status.ACCEPTED else "reject"
    return UpdateRow(RowKind.SPAN, span_id, {"status": status, "annotator": project.annotator},
                     label=f"{verb} {span.text!r}", expected_version=expected_version)


def changed_fields(event: Event, changes: dict[str, Any]) -> dict[str, Any]:
    """The ``changes`` that differ from ``event`` (a field the analyst left as shown is no change)."""
    return {k: v for k, v in changes.items() if not hasattr(event, k) or getattr(event, k) != v}


def roles_changed(event: Event, roles: dict[str, RoleWords]) -> bool:
    """Whether the actor roles as the editor gives them differ from ``event``'s: another code or words, words
    picked for a role, or new words."""
    return any(w.new_span is not None or w.picked or w.code != getattr(event, f"{role}_code")
               or w.span_id != getattr(event, f"{role}_span_id") for role, w in roles.items())


def only_a_note(event: Event, changes: dict[str, Any], roles: dict[str, RoleWords]) -> bool:
    """An edit that changes the event's note and nothing else: it decides nothing (a suggestion stays pending
    and the model's, an analyst's event stays theirs)."""
    return set(changed_fields(event, changes)) == {"note"} and not roles_changed(event, roles)


def edit_event(project: Project, event_id: int, *, expected_version: int | None = None,
               roles: dict[str, RoleWords] | None = None, **changes: Any) -> Command:
    """Change an event's fields; an edited model suggestion becomes the analyst's (accepted) event -- unless
    only its note changes (:func:`only_a_note`: status and annotator stay) -- and an accepted event's spans are
    accepted with its codes (see :class:`EditEvent`).

    ``expected_version``: the version of the event the analyst was shown (the editor passes it); a change made
    elsewhere since refuses the edit. None: not checked (scripts that just read the row)."""
    event = project.get_event(event_id)
    changes = dict(changes)
    by = changes.get("annotator") or project.annotator  # who edits (a note alone keeps who decided it)
    if only_a_note(event, changes, roles or {}):  # a note alone decides nothing: status and who stay
        changes.update(status=event.status, annotator=event.annotator)
    changes.setdefault("annotator", project.annotator)
    if event.status == Status.SUGGESTED and "status" not in changes:
        changes["status"] = Status.ACCEPTED.value
    new_code = changes.get("event_code") or event.event_code
    label = f"edit event {event.event_code}" + (f" → {new_code}" if new_code != event.event_code else "")
    who = changes["annotator"] or project.annotator
    if _in_layer(project, event_id, who) is not None:  # an edited shared suggestion: this annotator's event
        status = changes.pop("status", Status.ACCEPTED.value)
        return DecideInLayer(event_id, status if status != Status.SUGGESTED else Status.ACCEPTED.value, who,
                             expected_version, changes=changes, roles=dict(roles or {}), label=label)
    return EditEvent(event_id, changes, expected_version=expected_version, roles=dict(roles or {}), label=label,
                     by=by)


def add_event(event: Event, new_spans: dict[str, Span] | None = None,
              roles: dict[str, RoleWords] | None = None) -> Command:
    """An analyst's new event; ``new_spans`` maps role (source/target) to spans to create, ``roles`` gives the
    editor's source/target (see :class:`RoleWords`). Its existing spans are accepted with it."""
    event = dataclasses.replace(event, origin=Origin.HUMAN.value)
    if event.status == Status.SUGGESTED:
        event = dataclasses.replace(event, status=Status.ACCEPTED.value)
    return AddEventWithSpans(event, dict(new_spans or {}), label=f"new event {event.event_code}",
                             roles=dict(roles or {}))


def delete_event(event_id: int, expected_version: int | None = None) -> Command:
    """Delete an event; ``expected_version``: the version the analyst was shown (a change made elsewhere since
    refuses it)."""
    return DeleteRow(RowKind.EVENT, event_id, label="delete event", expected_version=expected_version)


def marked_span(span: Span, who: str | None = None) -> Span:
    """Words the analyst marked, as they are stored: theirs (origin human, ``who`` unless the span names its
    annotator) and accepted -- a marked span is a decision, never a suggestion."""
    return dataclasses.replace(span, origin=Origin.HUMAN.value, status=Status.ACCEPTED.value,
                               annotator=span.annotator or who)


def actor_words(document_id: int, start: int, end: int, text: str, code: str | None = None) -> Span:
    """Words the analyst selected for an actor role (S / T) that are no span yet: an accepted human actor span,
    made with the event that uses them (:class:`RoleWords` ``new_span``)."""
    return marked_span(Span(document_id, start, end, text, layer=Layer.ACTOR.value, code=code))


def add_span(span: Span) -> Command:
    span = marked_span(span)
    return InsertRow(RowKind.SPAN, to_row(span), label=f"mark {span.layer} {span.text!r}")


def relabel_span(project: Project, span_id: int, *, layer: str | None = None, code: str | None = None,
                 expected_version: int | None = None) -> Command:
    """Give a span another layer or code (and accept it). ``expected_version``: the version of the span the
    analyst was shown; a change made elsewhere since refuses it."""
    span = project.get_span(span_id)
    changes: dict[str, Any] = {"status": Status.ACCEPTED.value, "annotator": project.annotator}
    if layer is not None:
        changes["layer"] = layer
    if code is not None:
        changes["code"] = code
    return UpdateRow(RowKind.SPAN, span_id, changes, label=f"code {span.text!r}", expected_version=expected_version)


def delete_span(project: Project, span_id: int, expected_version: int | None = None) -> Command:
    """Delete a span; events pointing at it lose that role, relations on it go (all undone together), each
    checked against the version read here."""
    span = project.get_span(span_id)
    commands: list[Command] = []
    for event in project.events(span.document_id):
        changes = {
            f"{role}_span_id": None
            for role in ("source", "target", "trigger", "location")
            if getattr(event, f"{role}_span_id") == span_id
        }
        if changes:
            commands.append(UpdateRow(RowKind.EVENT, event.id, changes, expected_version=event.version))  # type: ignore[arg-type]
    for relation in project.relations(span.document_id):
        if span_id in (relation.from_span_id, relation.to_span_id):
            commands.append(DeleteRow(RowKind.RELATION, relation.id, expected_version=relation.version))  # type: ignore[arg-type]
    commands.append(DeleteRow(RowKind.SPAN, span_id, expected_version=expected_version or span.version))
    return Composite(tuple(commands), label="delete span")


DEFAULT_RELATION_TYPE = ("related", "Related")
"""The relation type (name, label) of a scheme that names none."""


@dataclass(frozen=True)
class AddRelation:
    """A relation between two spans of one document: refused (nothing written) when its ends are one span, or a
    span that is gone or in another document. The inverse deletes it, version-checked."""

    relation: Relation
    label: str = "relation"

    def apply(self, project: Project) -> Command:
        relation = self.relation
        with project.transaction():
            for span_id in (relation.from_span_id, relation.to_span_id):
                span = project.get_row(RowKind.SPAN, span_id)
                if span is None:
                    raise deleted_elsewhere(project, RowKind.SPAN, span_id)
                if span["document_id"] != relation.document_id:
                    raise StoreError(f"{_what(RowKind.SPAN, span, span_id)} is in another document: a relation "
                                     "joins two spans of one document; nothing was written")
            return InsertRow(RowKind.RELATION, to_row(relation), label=self.label).apply(project)


def add_relation(relation: Relation) -> Command:
    """A relation from one span to another (R on a span, then R on the other); a span related to itself is
    refused here, before anything is written."""
    if relation.from_span_id == relation.to_span_id:
        raise StoreError("a relation joins two different spans: pick another span for its other end")
    return AddRelation(relation, label=f"relation {relation.type}")


def delete_relation(relation_id: int, expected_version: int | None = None) -> Command:
    """Delete a relation; ``expected_version``: the version the analyst was shown (a change made elsewhere since
    refuses it; the core session's ``delete_relation`` passes it)."""
    return DeleteRow(RowKind.RELATION, relation_id, label="delete relation", expected_version=expected_version)


def set_document_done(project: Project, document_id: int, done: bool, expected_version: int | None = None
                      ) -> Command:
    """Mark a document done (or to do). ``expected_version``: the version of the document the analyst was shown
    (default: the one read here); a change made elsewhere since refuses it, and its undo is refused once someone
    else changed the document (its date, its mark) since."""
    if project.team_layers():  # several annotators in one file: my own done mark (SetAnnotatorDone, at the end)
        return SetAnnotatorDone(document_id, project.annotator, done, "mark done" if done else "mark to do")
    if expected_version is None:
        expected_version = project.get_document(document_id).version  # refuses a document that is gone
    return UpdateRow(RowKind.DOCUMENT, document_id, {"done": int(done)}, label="mark done" if done else "mark to do",
                     expected_version=expected_version)


def delete_analyst_event(project: Project, event_id: int, expected_version: int | None = None) -> Command:
    """Delete an event an analyst made (undoable, one transaction); its spans stay. A model's suggestion is
    refused: it is rejected instead, so the decision is kept (and a re-run of the coder does not bring it back).
    ``expected_version``: the version the analyst saw (default: the one read here)."""
    event = project.get_event(event_id)
    if event.origin != Origin.HUMAN:
        raise StoreError(f"event {event.event_code} (id {event_id}) was suggested by the model: reject it (X) "
                         "instead of deleting it")
    check_layer_owner(project, project.get_row(RowKind.EVENT, event_id) or {}, project.annotator)
    return DeleteRow(RowKind.EVENT, event_id, label=f"delete event {event.event_code}",
                     expected_version=expected_version if expected_version is not None else event.version)


def set_document_date(project: Project, document_id: int, date: str | None, expected_version: int | None = None
                      ) -> Command:
    """Set (or, with None or blank, clear) a document's date, exactly ``YYYY-MM-DD`` (the one date reader,
    ``core/io/dates.py``, says why anything else is refused). Its events follow it (:class:`SetDocumentDate`).
    ``expected_version``: the version of the document the analyst was shown (default: the one read here); a
    change made elsewhere since refuses it, and so does its undo once someone else changed the document or one
    of the events that followed it since (naming who)."""
    try:
        value = normalise_date(date, iso_only=True)
    except ValueError as exc:
        raise StoreError(f"cannot set the document date: {exc}") from None
    shown = project.get_document(document_id)  # refuses a document that is gone
    return SetDocumentDate(document_id, value,
                           label=f"set the document date to {value}" if value else "clear the document date",
                           expected_version=expected_version if expected_version is not None else shown.version)


def follows_document_date(event_date: str | None, old_date: str | None) -> bool:
    """Whether an event's date is the document's (so it follows a new document date): the document's old date,
    or none. A date an analyst set to another day is the event's own and stays."""
    return not event_date or event_date == old_date


@dataclass(frozen=True)
class SetDocumentDate:
    """A document's new date (None: none), and with it the date of every event of the document whose date was
    the document's (:func:`follows_document_date`: a new event takes the document's date when made, so a
    corrected document date would otherwise leave its events on the old day): one transaction, one undo step.
    Its inverse (a :class:`Composite` of row updates, each version-checked) puts the document's date and those
    events' dates back."""

    document_id: int
    date: str | None
    label: str = "set the document date"
    expected_version: int | None = None

    def apply(self, project: Project) -> Command:
        with project.transaction():
            row = check_version(project, RowKind.DOCUMENT, self.document_id, self.expected_version)
            old = row.get("published") or None
            parts: list[Command] = [
                UpdateRow(RowKind.EVENT, event.id, {"date": self.date}, label=self.label,
                          expected_version=event.version)
                for event in project.events(self.document_id)
                if event.id is not None and follows_document_date(event.date, old) and event.date != self.date]
            # the document last, so its undo (the parts reversed) checks the document first and names it
            parts.append(UpdateRow(RowKind.DOCUMENT, self.document_id, {"published": self.date}, label=self.label,
                                   expected_version=row.get("version")))
            return Composite(tuple(parts), label=self.label).apply(project)


@dataclass(frozen=True)
class SetAnnotatorDone:
    """Team layers: one annotator's own done mark on a document (``annotator_documents``). Its inverse puts the
    mark back, refused (nothing written) if the mark is no longer the one this change left."""

    document_id: int
    annotator: str
    done: bool
    label: str = "mark done"
    expected: bool | None = None  # the mark the inverse expects to find

    def apply(self, project: Project) -> Command:
        with project.transaction():
            before = project.annotator_done(self.document_id, self.annotator)
            if self.expected is not None and before != self.expected:
                raise StoreError(f"{self.annotator}'s done mark on document {self.document_id} was changed "
                                 "elsewhere; nothing was written")
            project.set_annotator_done(self.document_id, self.annotator, self.done)
        return SetAnnotatorDone(self.document_id, self.annotator, before, self.label, expected=self.done)


# ---------------------------------------------------------------------------- deleting a document


@dataclass(frozen=True)
class DeleteDocument:
    """Delete a document with its spans, events, relations and done marks: one transaction, one undo step. Its
    inverse (:class:`RestoreDocument`) puts every row back exactly, ids included. ``expected_state``: the digest
    of the document's rows when the analyst was shown them (``Project.document_state``); refused, nothing
    deleted, once anyone changed them since (another window, a coding run, the command line)."""

    document_id: int
    label: str = "delete document"
    expected_state: str | None = None

    def apply(self, project: Project) -> Command:
        with project.transaction():
            if project.get_row(RowKind.DOCUMENT, self.document_id) is None:
                raise deleted_elsewhere(project, RowKind.DOCUMENT, self.document_id)
            removed = project.delete_document(self.document_id, expected_state=self.expected_state,
                                              action=self.label)
        return RestoreDocument(removed, label=self.label)


@dataclass(frozen=True)
class RestoreDocument:
    """Put a deleted document back with every row it had (the inverse of :class:`DeleteDocument`); refused,
    nothing written, when one of its ids was taken since. Its inverse deletes it again, expecting the rows
    exactly as restored."""

    rows: Any  # core.store.DocumentRows
    label: str = "delete document"

    def apply(self, project: Project) -> Command:
        with project.transaction():
            project.restore_document(self.rows, action=self.label)
            state = project.document_state(self.rows.document_id)
        return DeleteDocument(self.rows.document_id, label=self.label, expected_state=state)


def delete_document(project: Project, document_id: int, expected_state: str | None = None) -> Command:
    """Delete a document and everything coded on it (undoable). ``expected_state``: the digest the analyst's
    confirmation was read at (default: none, the rows as they are when it runs)."""
    title = project.get_document(document_id).title  # refuses an id that names no document
    short = title if len(title) <= 24 else title[:23] + "…"
    return DeleteDocument(document_id, label=f"delete document “{short}”", expected_state=expected_state)
