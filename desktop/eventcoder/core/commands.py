"""Undoable data changes: small immutable commands whose ``apply`` returns their inverse.

The window wraps them in a ``QUndoStack``; the CLI applies them directly. Each
``apply`` is one transaction, so a user action is committed whole or not at all.
Factories named after what the analyst does (``accept_event``, ``add_event``...)
build the commands.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

from .model import Event, Origin, Relation, Span, Status
from .store import Project


class Command(Protocol):
    label: str

    def apply(self, project: Project) -> Command: ...


@dataclass(frozen=True)
class InsertRow:
    table: str
    row: dict[str, Any]
    label: str = "add"

    def apply(self, project: Project) -> Command:
        row_id = project.insert_row(self.table, self.row, action=self.label)
        return DeleteRow(self.table, row_id, label=self.label)


@dataclass(frozen=True)
class DeleteRow:
    table: str
    row_id: int
    label: str = "delete"

    def apply(self, project: Project) -> Command:
        before = project.delete_row(self.table, self.row_id, action=self.label)
        return InsertRow(self.table, before, label=self.label)


@dataclass(frozen=True)
class UpdateRow:
    table: str
    row_id: int
    changes: dict[str, Any]
    label: str = "edit"
    expected_version: int | None = None

    def apply(self, project: Project) -> Command:
        before = project.update_row(
            self.table, self.row_id, self.changes, expected_version=self.expected_version, action=self.label
        )
        before = {k: v for k, v in before.items() if k in self.changes}
        return UpdateRow(self.table, self.row_id, before, label=self.label)


@dataclass(frozen=True)
class Composite:
    commands: tuple[Command, ...]
    label: str = "change"

    def apply(self, project: Project) -> Command:
        inverses: list[Command] = []
        with project.transaction():
            for command in self.commands:
                inverses.append(command.apply(project))
        return Composite(tuple(reversed(inverses)), label=self.label)


@dataclass(frozen=True)
class AddEventWithSpans:
    """A new event whose actor/trigger spans are created with it (one undo step)."""

    event: Event
    new_spans: dict[str, Span] = field(default_factory=dict)  # role -> span to create
    label: str = "new event"

    def apply(self, project: Project) -> Command:
        created: list[Command] = []
        with project.transaction():
            changes: dict[str, Any] = {}
            for role, span in self.new_spans.items():
                span_row = _row(span)
                span_id = project.insert_row("spans", span_row, action=self.label)
                created.append(DeleteRow("spans", span_id, label=self.label))
                changes[f"{role}_span_id"] = span_id
            event_row = {**_row(self.event), **changes}
            event_id = project.insert_row("events", event_row, action=self.label)
        return Composite((DeleteRow("events", event_id, label=self.label), *reversed(created)), label=self.label)


def _row(obj: Any) -> dict[str, Any]:
    row = dataclasses.asdict(obj)
    if row.get("id") is None:
        row.pop("id")
    return row


# ---------------------------------------------------------------------------- factories


def _event_span_ids(event: Event) -> list[int]:
    ids = [event.source_span_id, event.target_span_id, event.trigger_span_id, event.location_span_id]
    return [i for i in ids if i is not None]


def set_event_status(project: Project, event_id: int, status: str, annotator: str | None = None,
                     expected_version: int | None = None) -> Command:
    """Accept or reject an event; accepting also accepts its spans (its actors and trigger).

    ``expected_version``: the version the analyst saw; if someone else changed the event since, the decision is
    refused (nothing written) rather than silently deciding an event the analyst has not seen."""
    event = project.get_event(event_id)
    who = annotator or project.annotator
    commands: list[Command] = [
        UpdateRow("events", event_id, {"status": status, "annotator": who}, label=status,
                  expected_version=expected_version)
    ]
    if status == Status.ACCEPTED:
        for span_id in _event_span_ids(event):
            span = project.get_span(span_id)
            if span.status != Status.ACCEPTED:
                commands.append(UpdateRow("spans", span_id, {"status": Status.ACCEPTED.value, "annotator": who}))
    verb = "accept" if status == Status.ACCEPTED else "reject" if status == Status.REJECTED else "reset"
    return Composite(tuple(commands), label=f"{verb} event {event.event_code}")


def accept_event(project: Project, event_id: int, expected_version: int | None = None) -> Command:
    return set_event_status(project, event_id, Status.ACCEPTED.value, expected_version=expected_version)


def reject_event(project: Project, event_id: int, expected_version: int | None = None) -> Command:
    return set_event_status(project, event_id, Status.REJECTED.value, expected_version=expected_version)


def set_span_status(project: Project, span_id: int, status: str) -> Command:
    span = project.get_span(span_id)
    verb = "accept" if status == Status.ACCEPTED else "reject"
    return UpdateRow(
        "spans", span_id, {"status": status, "annotator": project.annotator}, label=f"{verb} {span.text!r}"
    )


def edit_event(project: Project, event_id: int, **changes: Any) -> Command:
    """Change an event's fields; an edited model suggestion becomes the analyst's (accepted) event."""
    event = project.get_event(event_id)
    changes = dict(changes)
    changes.setdefault("annotator", project.annotator)
    if event.status == Status.SUGGESTED and "status" not in changes:
        changes["status"] = Status.ACCEPTED.value
    return UpdateRow("events", event_id, changes, label="edit event", expected_version=event.version)


def add_event(event: Event, new_spans: dict[str, Span] | None = None) -> Command:
    """An analyst's new event; ``new_spans`` maps role (source/target/trigger/location) to spans to create."""
    event = dataclasses.replace(event, origin=Origin.HUMAN.value)
    if event.status == Status.SUGGESTED:
        event = dataclasses.replace(event, status=Status.ACCEPTED.value)
    return AddEventWithSpans(event, dict(new_spans or {}), label=f"new event {event.event_code}")


def delete_event(event_id: int) -> Command:
    return DeleteRow("events", event_id, label="delete event")


def add_span(span: Span) -> Command:
    span = dataclasses.replace(span, origin=Origin.HUMAN.value, status=Status.ACCEPTED.value)
    return InsertRow("spans", _row(span), label=f"mark {span.layer} {span.text!r}")


def relabel_span(project: Project, span_id: int, *, layer: str | None = None, code: str | None = None) -> Command:
    span = project.get_span(span_id)
    changes: dict[str, Any] = {"status": Status.ACCEPTED.value, "annotator": project.annotator}
    if layer is not None:
        changes["layer"] = layer
    if code is not None:
        changes["code"] = code
    return UpdateRow("spans", span_id, changes, label=f"code {span.text!r}", expected_version=span.version)


def delete_span(project: Project, span_id: int) -> Command:
    """Delete a span; events pointing at it lose that role, relations on it go (all undone together)."""
    commands: list[Command] = []
    for event in project.events(project.get_span(span_id).document_id):
        changes = {
            f"{role}_span_id": None
            for role in ("source", "target", "trigger", "location")
            if getattr(event, f"{role}_span_id") == span_id
        }
        if changes:
            commands.append(UpdateRow("events", event.id, changes))  # type: ignore[arg-type]
    for relation in project.relations(project.get_span(span_id).document_id):
        if span_id in (relation.from_span_id, relation.to_span_id):
            commands.append(DeleteRow("relations", relation.id))  # type: ignore[arg-type]
    commands.append(DeleteRow("spans", span_id))
    return Composite(tuple(commands), label="delete span")


def add_relation(relation: Relation) -> Command:
    return InsertRow("relations", _row(relation), label=f"relation {relation.type}")


def delete_relation(relation_id: int) -> Command:
    return DeleteRow("relations", relation_id, label="delete relation")


def set_document_done(project: Project, document_id: int, done: bool) -> Command:
    return UpdateRow("documents", document_id, {"done": int(done)}, label="mark done" if done else "mark to do")
