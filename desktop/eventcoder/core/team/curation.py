"""Adjudication (curation): walk the slots where annotators differ and take one coding into the curated layer.

The slots are agreement's (:mod:`.agreement`): one project file holding several annotators' layers (a merged
team file, or a shared one). A decision is a curated event (``layer = 'curated'``) copied from the chosen
annotator's event, by the curator (``annotator``), naming where it came from (``curated_from``,
``curated_from_annotator``); "no event here" is a curated event with status ``rejected``. Slots where everyone
agrees go in at once (:func:`take_agreed`, one undoable step). Every decision is a core command (undoable,
journalled in the history like any change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..commands import Command, Composite, DeleteRow, InsertRow
from ..errors import EventCoderError
from ..model import Origin, RowKind, Status
from ..store import Project, to_row
from ..store.team import CURATED
from .agreement import Agreement, Coding, RootOf, Slot, from_projects


@dataclass
class CurationItem:
    """One slot to adjudicate, in one document of the project."""

    slot: Slot
    document_id: int
    sentence_text: str
    document_title: str
    decision: dict[str, Any] | None  # the curated event row that decides it, if any

    @property
    def agreed(self) -> bool:
        """Everyone who coded the document has this event, with the same code, source and target."""
        members = list(self.slot.members.values())
        return len(members) >= 2 and all(m is not None for m in members) and len(
            {(m.code, m.source, m.target) for m in members if m is not None}) == 1

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def chosen(self) -> str | None:
        """Whose coding was taken (None: undecided, or "no event"), from the decision's row."""
        if self.decision is None or self.decision.get("status") == Status.REJECTED.value:
            return None
        return self.decision.get("curated_from_annotator")

    def codings(self) -> list[tuple[str, Coding | None]]:
        return list(self.slot.members.items())


@dataclass
class Curation:
    agreement: Agreement
    items: list[CurationItem]

    @property
    def differing(self) -> list[CurationItem]:
        return [i for i in self.items if not i.agreed]

    def progress(self) -> tuple[int, int]:
        """(decided, total) over the slots where annotators differ."""
        items = self.differing
        return sum(i.decided for i in items), len(items)


def load(project: Project, root_of: RootOf, annotators: list[str] | None = None) -> Curation:
    """Every slot of the project's documents coded by two or more annotators, with its decision if made."""
    result = from_projects([project], root_of, annotators)
    docs = project.documents_by_sha({u.sha256 for u in result.units})
    items = [CurationItem(slot, int(docs[unit.sha256]["id"]), unit.text, docs[unit.sha256]["title"] or "", None)
             for unit in result.units for slot in unit.slots]
    return refresh_decisions(project, Curation(result, items))


def refresh_decisions(project: Project, cur: Curation) -> Curation:
    """Each slot's decision read again (after a choice or an undo): one query, the slots kept as they are."""
    by_source: dict[int, dict[str, Any]] = {}
    for row in project.curated_rows():
        if row.get("curated_from") is not None:
            by_source[int(row["curated_from"])] = row
    for item in cur.items:
        item.decision = next((by_source[m.event_id] for m in item.slot.members.values()
                              if m is not None and m.event_id in by_source), None)
    return cur


def _curated_row(project: Project, coding: Coding, *, taken: bool) -> dict[str, Any]:
    row = to_row(project.get_event(coding.event_id))
    row.pop("id", None)
    row.update(
        layer=CURATED, annotator=project.annotator, curated_from=coding.event_id,
        curated_from_annotator=coding.annotator if taken else None, origin=Origin.HUMAN.value,
        status=Status.ACCEPTED.value if taken else Status.REJECTED.value, created_at=None, updated_at=None,
        version=1, suggested_key=None,
    )
    return row


def _replace(item: CurationItem, row: dict[str, Any], label: str) -> Command:
    insert = InsertRow(RowKind.EVENT, row, label=label)
    if item.decision is None:
        return insert
    return Composite((DeleteRow(RowKind.EVENT, int(item.decision["id"]), label=label,
                                expected_version=item.decision.get("version")), insert), label=label)


def choose(project: Project, item: CurationItem, annotator: str) -> Command:
    """Take ``annotator``'s coding of the slot into the curated layer (replacing an earlier decision)."""
    coding = item.slot.members.get(annotator)
    if coding is None:
        if annotator not in item.slot.members:
            raise EventCoderError(f"{annotator} did not code this document")
        return choose_none(project, item)
    return _replace(item, _curated_row(project, coding, taken=True), f"curate: take {annotator}'s {coding.code}")


def choose_none(project: Project, item: CurationItem) -> Command:
    """Decide that the slot holds no event (a curated ``rejected`` event records it)."""
    coding = next(m for m in item.slot.members.values() if m is not None)
    return _replace(item, _curated_row(project, coding, taken=False), "curate: no event")


def take_agreed(project: Project, curation: Curation) -> Command | None:
    """Every agreed slot not yet decided, into the curated layer as one step (None when there is none)."""
    rows = [_curated_row(project, next(m for m in i.slot.members.values() if m is not None), taken=True)
            for i in curation.items if i.agreed and not i.decided]
    if not rows:
        return None
    return Composite(tuple(InsertRow(RowKind.EVENT, r, label="curate: agreed") for r in rows),
                     label=f"curate: {len(rows)} agreed coding(s)")
