"""Importers: plain text, JSON Lines and CSV files (and folders of them) into a project.

Every file is read and validated completely before anything is written, and each
file is imported in one transaction: a refused file leaves the project as it was,
while the rest of the batch goes on. A file is refused with ``file:line: reason``, never
a traceback: JSON nested too deeply, a number too long to read, a lone surrogate, a code
that is not text, an unbalanced CSV quote, a document over ``MAX_DOCUMENT_CHARS``.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EventCoderError, ImportRefused, StoreError
from ..model import MAX_DOCUMENT_CHARS, Document, Event, Relation, Span
from ..store import Project
from .dates import normalise_date
from .textfiles import describe_surrogate, first_surrogate, line_of, opening_words, read_text

KNOWN_FIELDS = ("text", "title", "date", "url", "source", "id")
MAX_JSON_DEPTH = 100  # levels of [ and { in one JSON Lines record


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
    check_length(text, str(path))
    first = text.strip().splitlines()[0].strip()
    headline = len(first) <= 150 and not first.endswith((".", "!", "?", "”", '"'))
    return [Document(text=text, title=first if headline else opening_words(text) or path.stem, source=path.name)]


def check_length(text: str, where: str) -> None:
    """Refuse a document over ``MAX_DOCUMENT_CHARS`` (the window could not show it, spaCy could hardly read it)."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ImportRefused(
            f"{where}: {len(text):,} characters, over the limit of {MAX_DOCUMENT_CHARS:,} per document; "
            "split it into articles"
        )


def load_json_line(line: str, where: str) -> Any:
    """The JSON value on one line of a JSON Lines file, or :class:`ImportRefused` naming ``where``.

    Refused: invalid JSON, nesting deeper than ``MAX_JSON_DEPTH`` (Python's parser would raise RecursionError
    a little deeper), an integer longer than Python reads (4,300 digits), a lone surrogate (``"\\ud800"``:
    not Unicode, SQLite cannot store it).
    """
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{where}: invalid JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise ImportRefused(f"{where}: JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of [ and {{)") from exc
    except ValueError as exc:  # int("9" * 5000): over sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits()
        raise ImportRefused(f"{where}: a number over {limit:,} digits long; write it as a string") from exc
    _check_json(value, where)
    return value


def _check_json(value: Any, where: str) -> None:
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:  # no recursion: the value may be nested as deep as the parser allowed
        item, depth = stack.pop()
        if isinstance(item, str):
            bad = first_surrogate(item)
            if bad is not None:
                raise ImportRefused(f"{where}: {describe_surrogate(item[bad], 'in a JSON string')}")
        elif isinstance(item, (dict, list)):
            if depth >= MAX_JSON_DEPTH:
                raise ImportRefused(f"{where}: JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of [ and {{)")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def _record_to_document(record: dict[str, Any], where: str) -> Document:
    if not isinstance(record, dict):
        raise ImportRefused(f"{where}: a record must be an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportRefused(f"{where}: missing or empty 'text'")
    check_length(text, where)
    for key in ("title", "url", "source", "id"):
        if isinstance(record.get(key), (dict, list)):
            kind = "an object" if isinstance(record[key], dict) else "a list"
            raise ImportRefused(f"{where}: '{key}' must be text (or a number), not {kind}")
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
        record = load_json_line(line, f"{path}:{number}")
        docs.append(_record_to_document(record, f"{path}:{number}"))
    if not docs:
        raise ImportRefused(f"{path}: no records")
    return docs


@importer("csv", ".csv", ".tsv")
def read_csv(path: Path) -> list[Document]:
    """A CSV (or TSV) with a header naming a ``text`` column. Read strictly: a quote that never closes (which
    would make the rest of the file one field) or text after a closing quote refuses the file, naming the
    row where the quoted field opened."""
    text = read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:  # the default, 131,072, is shorter than many articles
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _csv_rows(reader, path)
    header_line, header = next(rows, (1, []))
    names = [(name or "").strip().lower() for name in header]
    if "text" not in names:
        raise ImportRefused(f"{path}:{header_line}: no 'text' column in the header")
    docs = []
    for line, row in rows:
        if len(row) != len(names) and any(delimiter in v.partition("\n")[2] for v in row):
            # a field that swallowed line breaks and delimiters, and a row the wrong length: rows run together
            runs_to = line + sum(value.count("\n") for value in row)
            raise ImportRefused(
                f"{path}:{line}: a quoted field runs over lines {line}-{runs_to} and the row has {len(row)} "
                f"field(s) where the header has {len(names)}: is a quote unbalanced?"
            )
        record = dict(zip(names, row, strict=False))  # a short row lacks the last columns; extra fields are dropped
        docs.append(_record_to_document(record, f"{path}:{line}"))
    if not docs:
        raise ImportRefused(f"{path}: no rows")
    return docs


_CSV_FIELD_LIMIT = 2**31 - 1  # the file is in memory already; a field over MAX_DOCUMENT_CHARS is refused by length


def _csv_rows(reader: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, fields) for each non-blank row; csv errors refused at the row's start."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "end of data" in message:
                message = (
                    f"a quote opened in this row never closes, so lines {start}-{reader.line_num} would be one field; "
                    "close it (a quote inside a quoted field is written as two quotes)"
                )
            elif "expected after" in message:
                message = (
                    f"{message} (line {reader.line_num}): text after a closing quote; "
                    "a quote inside a quoted field is written as two quotes"
                )
            raise ImportRefused(f"{path}:{start}: {message}") from exc
        if row and any(value.strip() for value in row):
            yield start, row


def _load_plugins() -> None:
    from . import brat, plover_jsonl  # noqa: F401  (each registers itself)


def detect_format(path: Path) -> str | None:
    """The import format of a file: by its content where that decides (PLOVER JSONL, brat), else its suffix."""
    _load_plugins()
    for sniff in SNIFFERS:
        try:
            found = sniff(path)
        except Exception:
            found = None  # a file the sniffer cannot read is the format its suffix says; its reader says why
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
        except (EventCoderError, OverflowError):  # no such document, or an id no SQLite integer holds
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
    """Import files and folders; ``fmt`` forces a format (else detected per file).

    A file that cannot be imported is listed in ``refused`` with the reason (``file:line: why`` inside it)
    and changes nothing; the other files go on. Only a failure of the project itself (it cannot be written:
    :class:`StoreError`) is raised, and the files before it stay imported.
    """
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
            for n, item in enumerate(items, start=1):
                _check_item(item, str(path) if len(items) == 1 else f"{path}#{n}")
        except EventCoderError as exc:
            _refuse(report, path, str(exc))
            continue
        except Exception as exc:  # a reader's own failure on a hostile file: the file is refused, with why
            _refuse(report, path, f"cannot be read ({_exception_text(exc)})")
            continue
        try:
            _store(project, path, items, report)
        except StoreError:
            raise
        except sqlite3.OperationalError as exc:  # locked, read-only, disk full: the project, not this file
            done = f" ({len(report.imported)} document(s) imported before it stay)" if report.imported else ""
            raise StoreError(f"{path}: the project cannot be written ({exc}){done}") from exc
        except EventCoderError as exc:
            _refuse(report, path, str(exc))
        except Exception as exc:  # what the project cannot store (rolled back: the file wrote nothing)
            _refuse(report, path, f"cannot be stored ({_exception_text(exc)})")
    return report


def _store(project: Project, path: Path, items: list[Document | AnnotatedDocument], report: ImportReport) -> None:
    """Write one file's documents in one transaction; the report learns of them only once it committed."""
    imported: list[tuple[str, int]] = []
    annotated: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    with project.transaction():
        for n, item in enumerate(items, start=1):
            name = str(path) if len(items) == 1 else f"{path}#{n}"
            if isinstance(item, AnnotatedDocument):
                doc_id, created, note = store_annotated(project, item)
            else:
                (doc_id, created), note = project.add_document(item), None
            if created:
                imported.append((name, doc_id))
            elif note:
                annotated.append((name, f"document {doc_id}: {note}"))
            else:
                skipped.append((name, f"same text as document {doc_id}"))
    report.imported += imported
    report.annotated += annotated
    report.skipped += skipped


def _check_item(item: Document | AnnotatedDocument, where: str) -> None:
    """What every format's documents must be, whatever reader made them: text within the length limit, spans
    inside it, span references that exist, codes that are strings. What the store would otherwise refuse
    (or store wrong) is refused here, with the file."""
    doc = item.document if isinstance(item, AnnotatedDocument) else item
    if not isinstance(doc.text, str):
        raise ImportRefused(f"{where}: the document text is not text")
    check_length(doc.text, where)
    bad = first_surrogate(doc.text)
    if bad is not None:
        raise ImportRefused(f"{where}:{line_of(doc.text, bad)}: {describe_surrogate(doc.text[bad], 'in the text')}")
    if not isinstance(item, AnnotatedDocument):
        return
    for span in item.spans:
        inside = isinstance(span.start, int) and isinstance(span.end, int) and 0 <= span.start < span.end
        if not (inside and span.end <= len(doc.text)):
            raise ImportRefused(
                f"{where}: span {span.start}-{span.end} is outside the text ({len(doc.text):,} characters)"
            )
        if not _code_or_none(span.code):
            raise ImportRefused(f"{where}: span {span.start}-{span.end}: its code must be text, not {span.code!r}")
    in_range = range(len(item.spans))
    for event in item.events:
        if not (isinstance(event.event_code, str) and event.event_code):
            raise ImportRefused(f"{where}: an event code must be text, not {event.event_code!r}")
        if not (_code_or_none(event.source_code) and _code_or_none(event.target_code)):
            raise ImportRefused(f"{where}: event {event.event_code}: actor codes must be text")
        refs = (event.source_span_id, event.target_span_id, event.trigger_span_id, event.location_span_id)
        if any(ref is not None and ref not in in_range for ref in refs):
            raise ImportRefused(f"{where}: event {event.event_code} refers to a span the file does not have")
    for relation in item.relations:
        if relation.from_span_id not in in_range or relation.to_span_id not in in_range:
            raise ImportRefused(f"{where}: relation {relation.type} refers to a span the file does not have")


def _code_or_none(code: object) -> bool:
    return code is None or isinstance(code, str)


def _refuse(report: ImportReport, path: Path, message: str) -> None:
    prefix = f"{path}: "
    report.refused.append((str(path), message[len(prefix) :] if message.startswith(prefix) else message))


def _exception_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
