"""Importers: plain text, JSON Lines and CSV files (and folders of them) into a project.

Every file is read and validated completely before anything is written, and each
file is imported in one transaction: a refused file leaves the project as it was,
while the rest of the batch goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EventCoderError, ImportRefused
from ..model import Document, Event, Relation, Span
from ..store import Project
from .dates import normalise_date
from .textfiles import opening_words, read_text

KNOWN_FIELDS = ("text", "title", "date", "url", "source", "id")


@dataclass
class AnnotatedDocument:
    """A document with the analyst's annotations, as read from an annotation format.

    ``Event`` span ids and ``Relation`` span ids here are indices into ``spans``; the
    document is matched to one already in the project by ``attach_to`` (an id) or by text.
    """

    document: Document
    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    attach_to: int | None = None


Reader = Callable[[Path], "list[Document | AnnotatedDocument]"]
IMPORTERS: dict[str, Reader] = {}  # by format name
SUFFIXES: dict[str, str] = {}  # file suffix -> format name
SNIFFERS: list[Callable[[Path], str | None]] = []  # content-based detection, first answer wins


def importer(name: str, *suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        IMPORTERS[name] = fn
        for suffix in suffixes:
            SUFFIXES.setdefault(suffix, name)
        return fn

    return register


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)  # (name, document id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    annotated: list[tuple[str, str]] = field(default_factory=list)  # annotations added to existing documents

    def summary(self) -> str:
        text = f"{len(self.imported)} imported, {len(self.skipped)} skipped, {len(self.refused)} refused"
        return text + (f", {len(self.annotated)} annotated" if self.annotated else "")


@importer("txt", ".txt", ".text")
def read_txt(path: Path) -> list[Document]:
    """A plain-text article. Title: the first line when it reads like a headline, else the article's opening
    words (what an analyst recognises in a list; the file name stays in ``source``)."""
    text = read_text(path)
    first = text.strip().splitlines()[0].strip()
    headline = len(first) <= 150 and not first.endswith((".", "!", "?", "”", '"'))
    return [Document(text=text, title=first if headline else opening_words(text) or path.stem, source=path.name)]


def _record_to_document(record: dict[str, Any], where: str) -> Document:
    if not isinstance(record, dict):
        raise ImportRefused(f"{where}: a record must be an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportRefused(f"{where}: missing or empty 'text'")
    try:
        published = normalise_date(record.get("date"))
    except ValueError as exc:
        raise ImportRefused(f"{where}: {exc}") from exc
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    ext_id = record.get("id")
    return Document(
        text=text.replace("\r\n", "\n"),
        title=str(record.get("title") or ""),
        url=_opt_str(record.get("url")),
        source=_opt_str(record.get("source")),
        published=published,
        external_id=None if ext_id in (None, "") else str(ext_id),
        metadata=extra,
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


@importer("jsonl", ".jsonl", ".ndjson")
def read_jsonl(path: Path) -> list[Document]:
    text = read_text(path)
    docs = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportRefused(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        docs.append(_record_to_document(record, f"{path}:{number}"))
    if not docs:
        raise ImportRefused(f"{path}: no records")
    return docs


@importer("csv", ".csv", ".tsv")
def read_csv(path: Path) -> list[Document]:
    text = read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ImportRefused(f"{path}:1: no 'text' column in the header")
    docs = []
    try:
        for row in reader:
            record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
            docs.append(_record_to_document(record, f"{path}:{reader.line_num}"))
    except csv.Error as exc:
        raise ImportRefused(f"{path}:{reader.line_num}: {exc}") from exc
    if not docs:
        raise ImportRefused(f"{path}: no rows")
    return docs


def _load_plugins() -> None:
    from . import brat, plover_jsonl  # noqa: F401  (each registers itself)


def detect_format(path: Path) -> str | None:
    """The import format of a file: by its content where that decides (PLOVER JSONL, brat), else its suffix."""
    _load_plugins()
    for sniff in SNIFFERS:
        found = sniff(path)
        if found:
            return found
    return SUFFIXES.get(path.suffix.lower())


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the importable files inside folders named (recursively, sorted).

    In a folder, a ``.txt`` with a ``.ann`` beside it is one brat document, read through the ``.ann``.
    """
    _load_plugins()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or child.name.startswith("."):
                    continue
                if child.suffix.lower() == ".txt" and child.with_suffix(".ann").exists():
                    continue
                if child.suffix.lower() in SUFFIXES:
                    yield child
        else:
            yield path


def store_annotated(project: Project, item: AnnotatedDocument) -> tuple[int, bool, str | None]:
    """Write one annotated document (inside the caller's transaction); returns (id, created, note).

    Annotations merge into a document that is already there: a span at the same place and layer, or an
    event with the same code, actors and sentence, is not added twice.
    """
    doc_id, created, shift = None, False, 0
    if item.attach_to is not None:
        try:
            target = project.get_document(item.attach_to)
        except EventCoderError:
            target = None
        if target is not None and (found := target.text.find(item.document.text)) >= 0:
            doc_id, shift = item.attach_to, found
    if doc_id is None:
        doc_id, created = project.add_document(item.document)
    existing_spans = {(s.start, s.end, s.layer): s.id for s in project.spans(doc_id)}
    existing_events = {(e.event_code, e.source_code, e.target_code, e.sentence_start) for e in project.events(doc_id)}
    span_ids: list[int] = []
    added_spans = added_events = 0
    for span in item.spans:
        key = (span.start + shift, span.end + shift, span.layer)
        if key not in existing_spans:
            span.document_id, span.start, span.end = doc_id, key[0], key[1]
            existing_spans[key] = project.add_span(span).id
            added_spans += 1
        span_ids.append(existing_spans[key])  # type: ignore[arg-type]

    def ref(index: int | None) -> int | None:
        return None if index is None else span_ids[index]

    for event in item.events:
        if event.sentence_start is not None and event.sentence_end is not None:
            event.sentence_start += shift
            event.sentence_end += shift
        key = (event.event_code, event.source_code, event.target_code, event.sentence_start)
        if key in existing_events:
            continue
        existing_events.add(key)
        event.document_id = doc_id
        event.source_span_id = ref(event.source_span_id)
        event.target_span_id = ref(event.target_span_id)
        event.trigger_span_id = ref(event.trigger_span_id)
        event.location_span_id = ref(event.location_span_id)
        project.add_event(event)
        added_events += 1
    known_relations = {(r.from_span_id, r.to_span_id, r.type) for r in project.relations(doc_id)}
    for relation in item.relations:
        key = (span_ids[relation.from_span_id], span_ids[relation.to_span_id], relation.type)
        if key in known_relations:
            continue
        relation.document_id, relation.from_span_id, relation.to_span_id = doc_id, key[0], key[1]
        project.add_relation(relation)
    note = f"{added_events} event(s), {added_spans} span(s) added" if (added_events or added_spans) else None
    return doc_id, created, note


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    progress: Callable[[int, str], None] | None = None,
    fmt: str | None = None,
) -> ImportReport:
    """Import files and folders; ``fmt`` forces a format (else detected per file)."""
    _load_plugins()
    if fmt is not None and fmt not in IMPORTERS:
        raise EventCoderError(f"unknown import format {fmt!r}; choose from {', '.join(IMPORTERS)}")
    report = ImportReport()
    for index, path in enumerate(iter_files(paths)):
        if progress:
            progress(index, str(path))
        if not path.exists():
            report.refused.append((str(path), "no such file"))
            continue
        name_of_format = fmt or detect_format(path)
        if name_of_format is None:
            known = ", ".join(sorted(SUFFIXES))
            report.refused.append((str(path), f"unknown file type {path.suffix or '(none)'}; use {known}"))
            continue
        try:
            items = IMPORTERS[name_of_format](path)
            with project.transaction():
                for n, item in enumerate(items, start=1):
                    name = str(path) if len(items) == 1 else f"{path}#{n}"
                    if isinstance(item, AnnotatedDocument):
                        doc_id, created, note = store_annotated(project, item)
                    else:
                        (doc_id, created), note = project.add_document(item), None
                    if created:
                        report.imported.append((name, doc_id))
                    elif note:
                        report.annotated.append((name, f"document {doc_id}: {note}"))
                    else:
                        report.skipped.append((name, f"same text as document {doc_id}"))
        except EventCoderError as exc:
            message = str(exc)
            prefix = f"{path}: "
            report.refused.append((str(path), message[len(prefix) :] if message.startswith(prefix) else message))
    return report
