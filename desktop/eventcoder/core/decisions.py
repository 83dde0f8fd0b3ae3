"""Deciding events without the window: the command line's ``accept``, ``reject`` and ``edit``, and the decisions
an imported file makes, through the window's own commands (:mod:`eventcoder.core.commands`).

So the result is the window's, whoever decides: one transaction and one command per action, checked at the
version the person deciding saw (a change made elsewhere since refuses it, naming who,
:func:`~eventcoder.core.commands.changed_elsewhere`); accepting or editing an event accepts its spans with its
codes, so solid always means decided and the project's actor dictionary learns from them
(:mod:`eventcoder.core.project_actors` reads the accepted actor spans); the annotator is recorded; in a file with
team layers a shared suggestion is decided in the annotator's own layer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import commands
from .commands import Command, Composite, RoleWords
from .errors import EventCoderError, StoreError
from .model import Event, Origin, Status
from .schemes import CodingScheme
from .store import Project


@dataclass(frozen=True)
class Shown:
    """An event as the person deciding saw it: its id and version (None: the version read when deciding)."""

    event_id: int
    version: int | None = None


def unknown_events(project: Project, ids: Iterable[int]) -> list[int]:
    """The ids among ``ids`` that name no event of the project."""
    return [i for i in dict.fromkeys(ids) if project.get_row(commands.RowKind.EVENT, i) is None]


def _check_known(project: Project, shown: Sequence[Shown], what: str) -> None:
    """An id that names no event: a mistake (nothing ``what``); one given with the version the person saw was
    deleted since (:class:`~eventcoder.core.commands.ChangedElsewhere`, the command line's exit 3)."""
    unknown = set(unknown_events(project, [s.event_id for s in shown]))
    seen = {s.event_id for s in shown if s.version is not None and s.event_id in unknown}
    mistaken = [i for i in dict.fromkeys(s.event_id for s in shown) if i in unknown and i not in seen]
    if mistaken:
        raise EventCoderError(f"no event with id {', '.join(map(str, mistaken))} in {project.path} (`eventcoder "
                              f"events --db {project.path}` lists them); nothing was {what}")
    if seen:
        raise commands.deleted_elsewhere(project, commands.RowKind.EVENT, min(seen))


def _check_version(project: Project, shown: Shown, event: Event) -> None:
    """A version the event has not reached yet was never shown to anyone: a mistyped version, refused."""
    if shown.version is not None and shown.version > event.version:
        raise EventCoderError(f"event {event.event_code} (id {event.id}) is at version {event.version}: it was never "
                              f"at version {shown.version} (`eventcoder events --json` shows the versions); nothing "
                              "was written")


def _what(row: dict[str, Any]) -> str:
    return f"event {row.get('event_code')} (id {row['id']})"


def own_decision(project: Project, suggestion_id: int) -> dict[str, Any] | None:
    """The annotator's own event that takes the shared suggestion out of their layer (team layers): one that
    decides it, else one made from it, with its code, actors, sentence and trigger, or between its two actors in
    its sentence (the rule of :func:`eventcoder.core.team.layers.visible`). None: it is still theirs to decide."""
    from .team.layers import _dyad, _key, is_shared_suggestion

    rows = project.layer_rows(project.get_event(suggestion_id).document_id)
    row = next(r for r in rows if r["id"] == suggestion_id)
    own = [r for r in rows if not r.get("layer") and not is_shared_suggestion(r)
           and r.get("annotator") in (project.annotator, None, "")]
    for rule in (lambda r: r.get("decides") == suggestion_id,
                 lambda r: bool(row.get("suggested_key")) and r.get("suggested_key") == row.get("suggested_key"),
                 lambda r: _key(r) == _key(row),
                 lambda r: _dyad(row) is not None and _dyad(r) == _dyad(row)):
        found = next((r for r in own if rule(r)), None)
        if found is not None:
            return found
    return None


def check_own_layer(project: Project, event_id: int, verb: str, status: str | None = None) -> dict[str, Any] | None:
    """In a file with team layers on, what the command line may decide is what the window shows the annotator
    (their layer, :func:`eventcoder.core.team.layers.view_event_ids` ``mine``): another annotator's events (the
    commands refuse them on every path, :func:`eventcoder.core.commands.check_layer_owner`) and the curated layer
    are read only there, and are refused here (nothing ``verb``). A shared suggestion the
    annotator decided already: their event, returned when it is decided as ``status`` asks (nothing to change);
    otherwise refused, naming their own event to change instead. None: the event is theirs to decide."""
    from .store.team import CURATED
    from .team.layers import MINE, is_shared_suggestion, view_event_ids

    if not project.team_layers():
        return None
    row = project.get_row(commands.RowKind.EVENT, event_id)
    assert row is not None
    me = project.annotator
    if event_id in view_event_ids(project, MINE, row["document_id"]):
        return None
    command = "accept" if status == Status.ACCEPTED else "reject" if status == Status.REJECTED else "edit"
    if is_shared_suggestion(row):
        own = own_decision(project, event_id)
        if own is None:  # (cannot happen: what hides a suggestion is an own event)
            raise EventCoderError(f"{_what(row)} is not in {me}'s layer; nothing was {verb}")
        if status is not None and own.get("decides") == event_id and own.get("status") == status:
            return own
        raise EventCoderError(f"{_what(row)} is decided in {me}'s layer already, as event {own['id']} "
                              f"({own['status']} {own['event_code']}): to change that, `eventcoder {command} "
                              f"{own['id']} --db {project.path}`; nothing was {verb}")
    if row.get("layer") == CURATED:
        raise EventCoderError(f"{_what(row)} is in the curated layer, read only here (the adjudication writes it); "
                              f"nothing was {verb}")
    # another annotator's event: the commands' own refusal (the window's and an import's too), said here before
    # anything is read for the change, with how the command line decides the shared suggestion it decides
    commands.check_layer_owner(project, row, me, how=f"`eventcoder {command} {{id}}`", done=f"nothing was {verb}")
    raise EventCoderError(f"{_what(row)} is not in {me}'s layer; nothing was {verb}")  # (the layers know no other)


def settled(project: Project, shown: Sequence[Shown], status: str) -> dict[int, Event]:
    """The events of ``shown`` the annotator has decided as ``status`` already in their own layer (team layers:
    the shared suggestion's id -> their event): nothing to change. Refuses (nothing written) an id that names
    no event, a version the event never had, and an event outside the annotator's layer (:func:`check_own_layer`)."""
    verb = "accepted" if status == Status.ACCEPTED else "rejected"
    _check_known(project, shown, verb)
    out: dict[int, Event] = {}
    for one in dict.fromkeys(shown):
        _check_version(project, one, project.get_event(one.event_id))
        own = check_own_layer(project, one.event_id, verb, status)
        if own is not None:
            out[one.event_id] = project.get_event(int(own["id"]))
    return out


def decide(project: Project, shown: Sequence[Shown], status: str) -> tuple[Command | None, dict[int, Event]]:
    """Accept or reject the events ``shown``: one command (one transaction, all of them or none), each event
    checked at the version given, else at the one read here, and the events decided so already (:func:`settled`:
    nothing to change for them). An unknown id, or (team layers) an event outside the annotator's layer, refuses
    the whole, before anything. The command is None when all of them are decided so already."""
    done = settled(project, shown, status)
    parts: list[Command] = []
    for one in dict.fromkeys(shown):
        if one.event_id in done:
            continue
        version = one.version if one.version is not None else project.get_event(one.event_id).version
        parts.append(commands.set_event_status(project, one.event_id, status, expected_version=version))
    if not parts:
        return None, done
    if len(parts) == 1:
        return parts[0], done
    return Composite(tuple(parts), label=f"{'accept' if status == Status.ACCEPTED else 'reject'} "
                                         f"{len(parts)} events"), done


def edit(project: Project, scheme: CodingScheme, shown: Shown, *, code: str | None = None,
         source: str | None = None, target: str | None = None, note: str | None = None, date: str | None = None
         ) -> Command | None:
    """The window's edit (E … Enter) of one event, typed on the command line: a new code (as the code picker
    reads what is typed, :func:`eventcoder.core.session.typed_event_code`, checked against ``scheme``), source or
    target actor code (typed over the words the field shows: :func:`eventcoder.core.commands._settle_role`
    decides which words it keeps; nothing typed clears the role, its words too), note (blank clears it), date
    (``YYYY-MM-DD``, blank clears it: :func:`eventcoder.core.session.event_date`). The
    edit's rules are the window's own, :func:`eventcoder.core.session.event_edit`: an edited suggestion becomes
    the analyst's accepted event (a note alone decides nothing), a required role left empty refuses it. None
    when nothing would change."""
    from .session import check_typed_event_code, event_edit, typed_actor_code

    _check_known(project, [shown], "changed")
    event = project.get_event(shown.event_id)
    _check_version(project, shown, event)
    check_own_layer(project, shown.event_id, "changed")
    if shown.version is not None:  # checked at the version the person editing saw
        event = dataclasses.replace(event, version=shown.version)
    changes: dict[str, Any] = {}
    if code is not None:
        changes["event_code"] = check_typed_event_code(scheme, code)
    if note is not None:
        changes["note"] = note.strip() or None
    if date is not None:
        changes["date"] = date
    roles: dict[str, RoleWords] = {}
    for role, given in (("source", source), ("target", target)):
        if given is not None:
            typed = typed_actor_code(given)
            roles[role] = RoleWords(typed, getattr(event, f"{role}_span_id") if typed else None)
    build = event_edit(project, scheme, event, changes, roles)
    return build() if build is not None else None


# ---------------------------------------------------------------------------- the command line's undo

UNDO_STEP = "cli_undo_step:"
"""The meta key (+ the annotator's name) of the annotator's last command-line decision, kept to undo it."""


class NothingToUndo(EventCoderError):
    """``eventcoder undo`` with no command-line decision of the annotator's left to undo; nothing was written."""


def apply_decision(project: Project, command: Command) -> Command:
    """Apply a command-line decision (``accept``, ``reject``, ``edit``) and keep its inverse as the annotator's
    undo step, in one transaction (the change and its step, or neither). A change that wrote nothing keeps the
    step before it. Returns the inverse."""
    from .session import wrote_nothing

    with project.transaction():
        inverse = command.apply(project)
        if not wrote_nothing(inverse):
            step = {"label": command.label, "project": project.project_uuid(),
                    "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
                    "command": commands.command_record(inverse)}
            project.set_meta(UNDO_STEP + project.annotator, json.dumps(step, ensure_ascii=False, allow_nan=False))
    return inverse


def undo_step(project: Project) -> dict[str, Any] | None:
    """The annotator's last command-line decision still to undo in this project file: its label, when (``at``)
    and the inverse kept (None: there is none; a file copied as a team package is another project)."""
    raw = project.get_meta(UNDO_STEP + project.annotator)
    if not raw:
        return None
    step = json.loads(raw)
    return step if step.get("project") == project.project_uuid() else None


def undo_last_decision(project: Project) -> tuple[dict[str, Any], Command]:
    """``eventcoder undo``: take back the annotator's last command-line decision, as the window's Ctrl+Z takes
    back its own session's last step: the inverse kept, checked against the rows as that decision left them, so
    a change made since (by anyone, anywhere) refuses it whole -- nothing written, who told -- and the step stays.
    One transaction: the rows put back and the step used up together. Raises :class:`NothingToUndo` when there
    is none. Returns the step undone and what the undo applied (its inverse)."""
    with project.transaction():
        step = undo_step(project)
        if step is None:
            raise NothingToUndo(
                f"nothing to undo: {project.annotator} has no accept, reject or edit from the command line left to "
                f"undo in {project.path} (the window's changes are undone with its Ctrl+Z); nothing was written")
        label = step["label"]
        command = commands.relabelled(commands.command_from_record(step["command"]), f"undo: {label}")
        try:
            inverse = command.apply(project)
        except commands.ChangedElsewhere as exc:
            raise commands.ChangedElsewhere(f"cannot undo “{label}”: {exc}") from exc
        except EventCoderError as exc:  # (an id taken since, the file not writable)
            raise StoreError(f"cannot undo “{label}”: {exc}") from exc
        project.set_meta(UNDO_STEP + project.annotator, None)
    return step, inverse


# ---------------------------------------------------------------------------- an imported file's decisions


def decide_as_file(project: Project, suggestion: Event, decided: Event) -> Event:
    """An imported coding ``decided`` (accepted or rejected) of the pending ``suggestion`` it names (same code,
    actors and sentence): decided as the window's A / X would, with the file's annotator (else the current one)
    and note; checked at the version read. Runs inside the caller's transaction; returns the event as left."""
    assert suggestion.id is not None
    changes: dict[str, Any] = {}
    if decided.note and decided.note != suggestion.note:
        changes["note"] = decided.note
    if changes:
        command = commands.edit_event(project, suggestion.id, expected_version=suggestion.version,
                                      status=decided.status, annotator=decided.annotator or project.annotator,
                                      **changes)
    else:
        command = commands.set_event_status(project, suggestion.id, decided.status, annotator=decided.annotator,
                                            expected_version=suggestion.version)
    command.apply(project)
    return project.get_event(suggestion.id)


def replaced_suggestion(pending: Iterable[Event], decided: Event) -> Event | None:
    """The pending model suggestion an analyst's accepted coding ``decided`` replaces: one in the same sentence
    between the same two actors (whatever its code; the re-run rule, ``Project.save_coded``), in the same layer;
    the first in text order of its sentence. None when the coding is not accepted or names no two actors."""
    if decided.status != Status.ACCEPTED or not (decided.source_code and decided.target_code):
        return None
    if decided.sentence_start is None:
        return None
    return next((e for e in pending if e.status == Status.SUGGESTED and e.origin == Origin.MODEL
                 and e.sentence_start == decided.sentence_start and e.source_code == decided.source_code
                 and e.target_code == decided.target_code and e.layer == decided.layer), None)


def recode_as_file(project: Project, suggestion: Event, decided: Event) -> Event:
    """The file's accepted coding ``decided`` gives the pending ``suggestion`` another code (or other details):
    the window's edit of it -- the analyst's accepted event with the file's code, mode, context, note and trigger
    words, its spans accepted with its codes -- instead of a second event beside a suggestion left pending (the
    record's date is not taken: an export writes the article's there for an event without its own). Runs inside
    the caller's transaction; returns the event as left."""
    assert suggestion.id is not None
    wanted: dict[str, Any] = {"event_code": decided.event_code}
    for name in ("mode", "context", "note"):
        if getattr(decided, name):
            wanted[name] = getattr(decided, name)
    if decided.trigger_span_id is not None:
        wanted["trigger_span_id"] = decided.trigger_span_id
    changes = commands.changed_fields(suggestion, wanted)
    command = commands.edit_event(project, suggestion.id, expected_version=suggestion.version,
                                  status=Status.ACCEPTED.value, annotator=decided.annotator or project.annotator,
                                  **changes)
    command.apply(project)
    return project.get_event(suggestion.id)


def add_as_file(project: Project, event: Event) -> None:
    """A coding of the file that is new to the project. An accepted one whose words (spans) the project holds
    undecided is the window's new event on those words (:class:`~eventcoder.core.commands.AddEventWithSpans`: its
    spans accepted with its codes, so solid means decided and the actor dictionary learns); any other is stored as
    the file gives it. Runs inside the caller's transaction."""
    refs = [getattr(event, f"{role}_span_id") for role in ("source", "target", "trigger", "location")]
    undecided = event.status == Status.ACCEPTED and any(
        ref is not None and (project.get_row(commands.RowKind.SPAN, ref) or {}).get("status") != Status.ACCEPTED
        for ref in refs)
    if undecided:
        label = f"new event {event.event_code}"
        inverse = commands.AddEventWithSpans(event, label=label).apply(project)
        event.id = inverse.commands[0].row_id  # type: ignore[attr-defined]  (as Project.add_event sets it)
    else:
        project.add_event(event)
