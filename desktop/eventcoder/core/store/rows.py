"""Domain objects as the store's rows and back, and which table holds each kind of row (:class:`RowKind`).

Table names live here (and in the SQL of the other parts); callers outside the store name a row by its kind.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..errors import StoreError
from ..model import Document, Event, Relation, RowKind, Span

TABLES: dict[RowKind, str] = {
    RowKind.DOCUMENT: "documents",
    RowKind.SPAN: "spans",
    RowKind.EVENT: "events",
    RowKind.RELATION: "relations",
}
TYPES: dict[RowKind, type] = {RowKind.DOCUMENT: Document, RowKind.SPAN: Span, RowKind.EVENT: Event,
                              RowKind.RELATION: Relation}
ANNOTATIONS = frozenset({RowKind.SPAN, RowKind.EVENT, RowKind.RELATION})
"""Kinds whose rows carry ``version``, ``created_at`` and ``updated_at`` (an analyst's or the coder's work). A
document carries a ``version`` too (m013): every change of its editable columns makes a new one."""
EDITABLE: dict[RowKind, frozenset[str]] = {RowKind.DOCUMENT: frozenset({"title", "published", "done"})}
"""The only columns a generic update may change, for the kinds that limit them: a document's text (and its
digest, which identifies it) never change once imported; its title, date and done mark may."""


def row_kind(kind: RowKind | str) -> RowKind:
    """``kind`` as a :class:`RowKind` (its value, ``"event"``, is the same kind); anything else, a table name
    included, is refused: only the store knows the tables."""
    if isinstance(kind, RowKind):
        return kind
    try:
        return RowKind(kind)
    except ValueError:
        raise StoreError(f"no kind of row is called {kind!r} (use one of {', '.join(RowKind)})") from None


def table_of(kind: RowKind | str) -> str:
    return TABLES[row_kind(kind)]


def _row_to(cls: type, row: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


def _document_from_row(row: dict[str, Any]) -> Document:
    row = dict(row)
    row["metadata"] = json.loads(row.get("metadata") or "{}")
    row["done"] = bool(row.get("done"))
    return _row_to(Document, row)


def provenance_json(value: Any) -> str | None:
    """How a suggestion was made, as the JSON text stored in ``events.provenance``: from its dict form, or from
    an object that has one (``Provenance.to_dict()``), converted here only, as it is stored."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def to_row(obj: Any) -> dict[str, Any]:
    """A domain object as a row for the store (provenance as JSON text)."""
    row = dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) else dict(obj)
    if row.get("id") is None:
        row.pop("id", None)
    if "found_by" in row and row["found_by"] is None:
        row.pop("found_by")  # NULL is the column's default (m015); a span with nothing to say writes nothing
    if "provenance" in row:
        row["provenance"] = provenance_json(getattr(obj, "provenance", row["provenance"]))
    return row


def _event_from_row(row: dict[str, Any]) -> Event:
    event = _row_to(Event, row)
    if isinstance(event.provenance, str):
        event.provenance = json.loads(event.provenance) if event.provenance else None
    return event


def from_row(kind: RowKind, row: dict[str, Any]) -> Any:
    """A stored row as its domain object."""
    if kind is RowKind.EVENT:
        return _event_from_row(row)
    if kind is RowKind.DOCUMENT:
        return _document_from_row(row)
    return _row_to(TYPES[kind], row)
