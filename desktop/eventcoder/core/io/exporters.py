"""Exporters: one row (CSV) or record (PLOVER JSONL) per event, streamed from the store.

Registered in ``EXPORTERS`` so the CLI and the window's export dialog list them
without extra code.
"""

from __future__ import annotations

import csv
import json
import operator
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import EventCoderError
from ..model import Document, Event, Span
from ..store import Project, now_iso

if TYPE_CHECKING:
    from ..schemes import CodingScheme

CSV_COLUMNS = (
    "event_id",
    "document_id",
    "document_title",
    "document_date",
    "event_date",
    "sentence",
    "trigger_text",
    "source_code",
    "source_text",
    "source_country",
    "source_role",
    "event_code",
    "event_root",
    "event_label",
    "quad_class",
    "goldstein",
    "target_code",
    "target_text",
    "target_country",
    "target_role",
    "location",
    "mode",
    "context",
    "status",
    "origin",
    "annotator",
    "confidence",
    "scheme",
    "coded_at",
)


@dataclass(frozen=True)
class Exporter:
    """A registered export format. ``folder`` formats write a directory (brat); others one file."""

    name: str
    suffix: str
    description: str
    write: Callable[..., int]
    folder: bool = False
    binary: bool = False


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, suffix: str, description: str, *, folder: bool = False, binary: bool = False):
    """Register ``fn(project, out, scheme, status, **options) -> count``; ``out`` is a text stream,
    or for ``folder`` formats the target directory."""

    def register(fn):
        EXPORTERS[name] = Exporter(name, suffix, description, fn, folder, binary)
        return fn

    return register


@dataclass
class CodedText:
    """One document with the events of the exported status and the spans they need."""

    document: Document
    events: list[Event]
    spans: list[Span]  # spans of that status, plus any span an exported event points at


def coded_documents(project: Project, status: str | None) -> Iterator[CodedText]:
    """Per document, for the document-shaped formats (brat, spaCy, doccano); with a status, documents
    without an event of that status are left out."""
    for doc_id in project.document_ids():
        events = [e for e in project.events(doc_id) if status is None or e.status == status]
        if status is not None and not events:
            continue
        used = {i for e in events for i in (e.source_span_id, e.target_span_id, e.trigger_span_id, e.location_span_id)}
        spans = [s for s in project.spans(doc_id) if status is None or s.status == status or s.id in used]
        yield CodedText(project.get_document(doc_id), events, spans)


def _fmt_score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class _Lookups:
    """Per-code answers from the scheme, computed once per distinct code (exports repeat codes a lot)."""

    def __init__(self, scheme: CodingScheme) -> None:
        self.scheme = scheme
        self.codes: dict[Any, tuple[str, str, str, str]] = {}
        self.actors: dict[Any, tuple[str, str]] = {None: ("", "")}

    def code(self, code: str | None) -> tuple[str, str, str, str]:
        found = self.codes.get(code)
        if found is None:
            s = self.scheme
            quad = s.quad_class(code)
            found = (
                s.root(code) or "",
                s.label(code) or "",
                "" if quad is None else str(quad),
                _fmt_score(s.score(code)),
            )
            self.codes[code] = found
        return found

    def actor(self, code: str | None) -> tuple[str, str]:
        found = self.actors.get(code)
        if found is None:
            country, role = self.scheme.split_actor(code)
            found = self.actors[code] = (country or "", role or "")
        return found


EXTRA_FIELDS = ("document_external_id", "document_source", "sentence_start")


def event_tuples(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[tuple[Any, ...]]:
    """Events as tuples in ``CSV_COLUMNS + EXTRA_FIELDS`` order (None for empty), the fast path of every export."""
    look = _Lookups(scheme)
    name = scheme.name
    for (
        event_id, document_id, title, published, event_date, sentence, trigger, source_code, source_text,
        code, target_code, target_text, location, mode, context, status_, origin, annotator, confidence,
        scheme_name, coded_at, external_id, source, sentence_start,
    ) in project.iter_export_rows(status=status):  # fmt: skip
        root, label, quad, score = look.code(code)
        src_country, src_role = look.actor(source_code)
        tgt_country, tgt_role = look.actor(target_code)
        yield (
            event_id, document_id, title, published, event_date, sentence, trigger, source_code, source_text,
            src_country, src_role, code, root, label, quad, score, target_code, target_text, tgt_country,
            tgt_role, location, mode, context, status_, origin, annotator, confidence, scheme_name or name,
            coded_at, external_id, source, sentence_start,
        )  # fmt: skip


def event_rows(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[dict[str, Any]]:
    """Events as dicts of text ("" for empty), for formats that pick fields by name."""
    names = CSV_COLUMNS + EXTRA_FIELDS
    for values in event_tuples(project, scheme, status):
        yield {k: "" if v is None else str(v) for k, v in zip(names, values, strict=True)}


def parse_columns(spec: str | None, available: Sequence[str]) -> list[tuple[str, str]]:
    """``"event_id,code=event_code"`` -> ``[("event_id", "event_id"), ("code", "event_code")]``.

    Each item is a column to keep, optionally renamed ``new=old``; None keeps them all.
    """
    if not spec:
        return [(c, c) for c in available]
    out = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        new, _, old = item.partition("=")
        new, old = new.strip(), (old or new).strip()
        if old not in available:
            raise EventCoderError(f"unknown column {old!r}; available: {', '.join(available)}")
        out.append((new, old))
    if not out:
        raise EventCoderError("--columns names no column")
    return out


def write_table(
    rows: Iterable[Sequence[Any]],
    out: IO[str],
    available: Sequence[str],
    columns: str | None = None,
    delimiter: str = ",",
) -> int:
    """Rows (sequences in ``available`` order) to a delimited file with a header; returns the row count."""
    chosen = parse_columns(columns, available)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([new for new, _ in chosen])
    positions = [available.index(old) for _, old in chosen]
    if positions == list(range(len(available))):
        rows = (row[: len(available)] for row in rows)
    else:
        pick = operator.itemgetter(*positions)
        rows = ((pick(row),) if len(positions) == 1 else pick(row) for row in rows)
    counter = _Counter(rows)
    writer.writerows(counter)
    return counter.count


class _Counter:
    def __init__(self, items: Iterable[Any]) -> None:
        self.items = iter(items)
        self.count = 0

    def __iter__(self) -> _Counter:
        return self

    def __next__(self) -> Any:
        item = next(self.items)
        self.count += 1
        return item


@exporter("csv", ".csv", "CSV, one row per event (pandas, R, Stata)")
def write_csv(
    project: Project,
    out: IO[str],
    scheme: CodingScheme,
    status: str | None,
    columns: str | None = None,
    delimiter: str = ",",
    **_: Any,
) -> int:
    if delimiter in ("tab", "\t"):
        from .icews import write_icews

        return write_icews(project, out, scheme, status, columns=columns)
    return write_table(event_tuples(project, scheme, status), out, CSV_COLUMNS, columns, delimiter)


def _entity(code: str, text: str, country: str, role: str) -> list[dict[str, str]]:
    if not code and not text:
        return []
    return [{"code": country or code, "sector": role, "entity_text": text, "actor_code": code}]


@exporter("jsonl", ".jsonl", "PLOVER-style JSON Lines, one record per event")
def write_jsonl(project: Project, out: IO[str], scheme: CodingScheme, status: str | None, **_: Any) -> int:
    count = 0
    for row in event_rows(project, scheme, status):
        record = {
            "id": f"{row['document_id']}-{row['event_id']}",
            "date": row["event_date"] or None,
            "actor": _entity(row["source_code"], row["source_text"], row["source_country"], row["source_role"]),
            "recipient": _entity(row["target_code"], row["target_text"], row["target_country"], row["target_role"]),
            "event": row["event_code"],
            "event_label": row["event_label"],
            "quad_code": int(row["quad_class"]) if row["quad_class"] else None,
            "event_scale": float(row["goldstein"]) if row["goldstein"] else None,
            "mode": [m for m in row["mode"].split("|") if m],
            "context": [c for c in row["context"].split("|") if c],
            "event_text": [row["trigger_text"]] if row["trigger_text"] else [],
            "text": row["sentence"],
            "coder": row["annotator"] or row["origin"],
            "coded_date": (row["coded_at"] or "")[:10] or None,
            "has_event": True,
            "scheme": row["scheme"],
            "document_id": row["document_id"],
            "status": row["status"],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


@contextmanager
def _atomic_file(path: Path, binary: bool = False) -> Iterator[Any]:
    """Write beside the target and rename, so a failed export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(
    project: Project,
    fmt: str,
    out_path: str | Path,
    scheme: CodingScheme,
    status: str | None,
    **options: Any,
) -> int:
    """Export events (``status`` None = all) to ``out_path``; returns the number of events written."""
    _load_plugins()
    exp = EXPORTERS.get(fmt)
    if exp is None:
        raise EventCoderError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORTERS)}")
    out = Path(out_path)
    if exp.folder:
        count = exp.write(project, out, scheme, status, **options)
    else:
        with _atomic_file(out, exp.binary) as fh:
            count = exp.write(project, fh, scheme, status, **options)
    project.set_meta("last_export", json.dumps({"format": fmt, "path": str(out_path), "at": now_iso()}))
    return count


def export_formats() -> dict[str, Exporter]:
    """Every registered format, for the CLI's choices and the window's export dialog."""
    _load_plugins()
    return dict(EXPORTERS)


def _load_plugins() -> None:
    from . import brat, doccano, icews, spacy_docbin  # noqa: F401  (each registers itself)
