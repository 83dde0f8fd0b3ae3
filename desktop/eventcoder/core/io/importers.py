"""Importers: plain text, JSON Lines and CSV files (and folders of them) into a project.

Every file is read and validated completely before anything is written, and each
file is imported in one transaction: a refused file leaves the project as it was,
while the rest of the batch goes on. A file is refused with ``file:line: reason``, never
a traceback: JSON nested too deeply, a number too long to read, a lone surrogate, a code
that is not text, an unbalanced CSV quote, a document over ``MAX_DOCUMENT_CHARS``.

Every format registers in ``IMPORTERS`` (:mod:`eventcoder.core.io.import_base`) when its module is imported;
this one imports them all (brat and PLOVER JSONL besides the plain formats) and is what callers use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..decisions import add_as_file, decide_as_file, recode_as_file, replaced_suggestion
from ..document import parse_date_text, segment
from ..errors import EventCoderError, ImportRefused, StoreError
from ..guard import SIDECARS
from ..model import MAX_DOCUMENT_CHARS, Document, Status
from ..store import Project
from . import brat, plover_jsonl  # noqa: F401  (each registers its format)
from .dates import DAY_FIRST, MONTH_FIRST, ambiguity, assume_order, decide_order, is_ambiguous
from .import_base import (
    IMPORTERS,
    KNOWN_FIELDS,
    MAX_JSON_DEPTH,
    SNIFFERS,
    SUFFIXES,
    AnnotatedDocument,
    Reader,
    check_length,
    importer,
    load_json_line,
    read_csv,
    read_jsonl,
    read_txt,
)
from .textfiles import describe_surrogate, encoding_notes, encoding_warning, first_surrogate, line_of

__all__ = [
    "IMPORTERS",
    "KNOWN_FIELDS",
    "MAX_DOCUMENT_CHARS",
    "MAX_JSON_DEPTH",
    "SNIFFERS",
    "SUFFIXES",
    "AnnotatedDocument",
    "ImportReport",
    "ImportStopped",
    "Reader",
    "check_length",
    "detect_format",
    "import_paths",
    "importer",
    "iter_files",
    "left_out_warning",
    "load_json_line",
    "read_csv",
    "read_jsonl",
    "read_txt",
    "store_annotated",
]


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)  # (name, document id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    annotated: list[tuple[str, str]] = field(default_factory=list)  # annotations added to existing documents
    warnings: list[str] = field(default_factory=list)  # e.g. a file read as Windows-1252, not UTF-8

    def refusals(self) -> list[str]:
        """One line per refused file, naming it once: ``FILE:3: why`` or ``FILE: why``."""
        return [why if why.startswith(f"{name}:") else f"{name}: {why}" for name, why in self.refused]

    def summary(self) -> str:
        text = f"{len(self.imported)} imported, {len(self.skipped)} skipped, {len(self.refused)} refused"
        return text + (f", {len(self.annotated)} annotated" if self.annotated else "")


LISTED = 20  # file names an import's message lists before it counts the rest (as the CLI lists skipped files)


class ImportStopped(StoreError):
    """An import the project could not take any more of (a full disk, a read-only file, a lock held too long):
    each file is its own transaction, so the files before it are imported and stay, and the message says so --
    ``30 imported, the rest not (disk full)`` -- listing the files not imported (the first ``LISTED``, then a
    count). ``report``: what was imported (and refused) before; ``not_imported``: the file it stopped at and
    every later one."""

    def __init__(self, report: ImportReport, not_imported: list[str], cause: StoreError) -> None:
        self.report, self.not_imported, self.cause = report, not_imported, cause
        sqlite_error = cause.__cause__
        full = "SQLITE_FULL" in (getattr(sqlite_error, "sqlite_errorname", None) or "") or "disk is full" in str(cause)
        why = "disk full" if full else str(cause).removeprefix("cannot save: ")
        done = f"{len(report.imported)} imported"
        advice = ("free some space and import the files not imported again (a file imported twice is added once)"
                  if full else "import the files not imported again once the project can be written")
        lines = [f"cannot save: {done}, the rest not ({why}); {advice}:"]
        lines += [f"  not imported {name}" for name in not_imported[:LISTED]]
        if len(not_imported) > LISTED:
            lines.append(f"  ... and {len(not_imported) - LISTED:,} more not imported")
        lines += [f"  refused {line}" for line in report.refusals()]
        super().__init__("\n".join(lines))


def detect_format(path: Path) -> str | None:
    """The import format of a file: by its content where that decides (PLOVER JSONL, brat), else its suffix."""
    for sniff in SNIFFERS:
        try:
            found = sniff(path)
        except Exception:
            found = None  # a file the sniffer cannot read is the format its suffix says; its reader says why
        if found:
            return found
    return SUFFIXES.get(path.suffix.lower())


# a project file and the files SQLite keeps beside it (guard.SIDECARS): no documents a folder's import left out
PROJECT_FILE_ENDINGS = tuple(ext + side for ext in (".db", ".sqlite", ".sqlite3") for side in SIDECARS)


def iter_files(paths: Iterable[str | Path], left_out: list[Path] | None = None) -> Iterator[Path]:
    """Files named, and the importable files inside folders named (recursively, sorted).

    In a folder, a ``.txt`` with a ``.ann`` beside it is one brat document, read through the ``.ann``. The
    other files of a folder (not hidden) are passed over, and appended to ``left_out`` when it is given.
    """
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
                elif left_out is not None and not child.name.lower().endswith(PROJECT_FILE_ENDINGS):
                    left_out.append(child)  # (a project file and its journal beside the documents are no document)
        else:
            yield path


def left_out_warning(left_out: list[Path]) -> str | None:
    """One line on the files of the folders named that are of no type EventCoder imports (a folder of .docx or
    .html files imported nothing and said nothing), or None when there were none."""
    if not left_out:
        return None
    kinds: dict[str, int] = {}
    for path in left_out:
        kinds[path.suffix.lower() or "(no suffix)"] = kinds.get(path.suffix.lower() or "(no suffix)", 0) + 1
    counted = ", ".join(f"{kind} {n:,}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"{len(left_out):,} file(s) in the folders were left out, of types EventCoder does not import "
            f"({counted}; e.g. {left_out[0]}); it imports {', '.join(sorted(SUFFIXES))} (save other documents "
            "as .txt)")


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
    existing_events = {(e.event_code, e.source_code, e.target_code, e.sentence_start): e
                       for e in project.events(doc_id)}
    pending = [e for e in existing_events.values() if e.status == Status.SUGGESTED.value]  # the model's, undecided
    decided = 0
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
        same = existing_events.get(key)
        if same is not None:
            if (same.status == Status.SUGGESTED.value and event.status != Status.SUGGESTED.value
                    and same.id is not None and same.layer == event.layer):
                # the file's decision on a suggestion this project holds undecided: decided as the window's A / X
                # decides it (its spans accepted with it, the annotator recorded; core/decisions.py)
                existing_events[key] = decide_as_file(project, same, event)
                pending = [e for e in pending if e.id != same.id]
                decided += 1
            continue
        event.document_id = doc_id
        event.source_span_id = ref(event.source_span_id)
        event.target_span_id = ref(event.target_span_id)
        event.trigger_span_id = ref(event.trigger_span_id)
        event.location_span_id = ref(event.location_span_id)
        replaced = replaced_suggestion(pending, event)
        if replaced is not None:
            # an accepted coding of another code between the same two actors in the same sentence: the window's
            # edit of the suggestion it replaces, never a second event beside it left pending
            existing_events[key] = recode_as_file(project, replaced, event)
            pending = [e for e in pending if e.id != replaced.id]
            decided += 1
            continue
        existing_events[key] = event
        add_as_file(project, event)
        added_events += 1
    known_relations = {(r.from_span_id, r.to_span_id, r.type) for r in project.relations(doc_id)}
    for relation in item.relations:
        key = (span_ids[relation.from_span_id], span_ids[relation.to_span_id], relation.type)
        if key in known_relations:
            continue
        relation.document_id, relation.from_span_id, relation.to_span_id = doc_id, key[0], key[1]
        project.add_relation(relation)
    if added_events or added_spans or decided:
        note = f"{added_events} event(s), {added_spans} span(s) added" + (
            f", {decided} suggestion(s) decided as the file decides them" if decided else "")
    elif item.events and not created:
        note = f"same text as document {doc_id}, which already has its {len(item.events)} coding(s): nothing to add"
    else:
        note = None
    return doc_id, created, note


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    progress: Callable[[int, str], None] | None = None,
    fmt: str | None = None,
    date_order: str | None = None,
) -> ImportReport:
    """Import files and folders; ``fmt`` forces a format (else detected per file). ``date_order``
    (``"day-first"`` / ``"month-first"``): how to read all-numeric dates (``03/04/2024``) in a file whose own
    dates do not decide it (:mod:`eventcoder.core.io.dates`); None: such a file is refused.

    A file that cannot be imported is listed in ``refused`` with the reason (``file:line: why`` inside it)
    and changes nothing; the other files go on. Only a failure of the project itself (it cannot be written) is
    raised, as :class:`ImportStopped` (a :class:`StoreError`): the files before it stay imported, and its message
    says how many and lists the files not imported.
    """
    if fmt is not None and fmt not in IMPORTERS:
        raise EventCoderError(f"unknown import format {fmt!r}; choose from {', '.join(IMPORTERS)}")
    if date_order not in (None, DAY_FIRST, MONTH_FIRST):
        raise EventCoderError(f"unknown date order {date_order!r}; choose {DAY_FIRST} or {MONTH_FIRST}")
    with assume_order(date_order):
        return _import_paths(project, paths, progress, fmt)


def _import_paths(
    project: Project,
    paths: Iterable[str | Path],
    progress: Callable[[int, str], None] | None,
    fmt: str | None,
) -> ImportReport:
    report = ImportReport()
    schemes: dict[str, object] = {}  # loaded once per import: the schemes codes are checked against
    left_out: list[Path] = []
    files = iter_files(paths, left_out)
    for index, path in enumerate(files):
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
            with encoding_notes() as notes:
                items = IMPORTERS[name_of_format](path)
            assumed = [encoding_warning(name, encoding) for name, encoding in dict(notes).items()]
            for n, item in enumerate(items, start=1):
                _check_item(item, str(path) if len(items) == 1 else f"{path}#{n}")
            _dates_from_datelines(path, items)
            adopt = _check_codes(project, path, items, schemes)
        except EventCoderError as exc:
            _refuse(report, path, str(exc))
            continue
        except Exception as exc:  # a reader's own failure on a hostile file: the file is refused, with why
            _refuse(report, path, f"cannot be read ({_exception_text(exc)})")
            continue
        try:
            came_in = len(report.imported) + len(report.annotated)
            _store(project, path, items, report, adopt)
            if len(report.imported) + len(report.annotated) > came_in:
                # only for a file that came in: a refused one says why it was refused, and one skipped whole as
                # imported already says only that (its text was stored as read the first time, warned then)
                report.warnings += assumed
            if adopt is not None:
                schemes.clear()  # the project has a scheme now: the next files are checked against it
        except StoreError as exc:  # the project cannot be written (disk full, read-only, locked): stop here
            raise ImportStopped(report, [str(path), *map(str, files)], exc) from exc
        except sqlite3.OperationalError as exc:  # never raised by the store, which says StoreError; kept to be sure
            raise ImportStopped(report, [str(path), *map(str, files)], StoreError(str(exc))) from exc
        except EventCoderError as exc:
            _refuse(report, path, str(exc))
        except Exception as exc:  # what the project cannot store (rolled back: the file wrote nothing)
            _refuse(report, path, f"cannot be stored ({_exception_text(exc)})")
    if (line := left_out_warning(left_out)) is not None:
        report.warnings.append(line)
    return report


def _store(project: Project, path: Path, items: list[Document | AnnotatedDocument], report: ImportReport,
           adopt: str | None = None) -> None:
    """Write one file's documents in one transaction; the report learns of them only once it committed.
    ``adopt``: the built-in scheme the file's records name, which the project (with no events before) takes."""
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
            elif note and note.startswith("same text"):
                skipped.append((name, note))
            elif note:
                annotated.append((name, f"document {doc_id}: {note}"))
            else:
                skipped.append((name, f"same text as document {doc_id}"))
        if adopt is not None:
            from ..pipeline import project_scheme

            project_scheme(project, adopt)  # the project's scheme setting, in the same transaction
    report.imported += imported
    report.annotated += annotated
    report.skipped += skipped


def _code_schemes(project: Project, cache: dict[str, object]) -> list:
    """The schemes an imported event code may belong to: the project's, or while it has none every built-in one
    (a first import decides nothing about the scheme). Asked of the pipeline, which alone reads the setting: a
    project without a scheme is one that would take the scheme codings name. Loaded once per import."""
    if "found" in cache:
        return cache["found"]  # type: ignore[return-value]
    from ..pipeline import project_scheme
    from ..schemes import builtin_scheme_names, load_scheme

    found: list = []
    try:
        own = project_scheme(project, record=False).scheme
        other = next(n for n in builtin_scheme_names() if n.casefold() != own.name.casefold())
        unset = project_scheme(project, extra=[{"scheme": other}], record=False).scheme.name != own.name
        found = [own]
        if unset:
            found += [load_scheme(n) for n in builtin_scheme_names() if n.casefold() != own.name.casefold()]
    except (EventCoderError, StopIteration):  # the project's scheme file moved or broke: `code` says so
        found = []
    cache["found"] = found
    return found


def _check_codes(project: Project, path: Path, items: list[Document | AnnotatedDocument], cache: dict
                 ) -> str | None:
    """Refuse a file with an event code the project's scheme does not have (file:line for line formats), so no
    event is stored with a code nothing can label, root or score. Records that name their scheme (``"scheme":
    "PLOVER"``, as the PLOVER JSON Lines export writes) are that scheme's: a project with no events yet takes it
    (returned: the built-in scheme's name, for :func:`_store` to record), a project coded in another refuses the
    file as mixing two code sets. None: nothing to adopt."""
    coded = [item for item in items if isinstance(item, AnnotatedDocument) and item.events]
    if not coded:
        return None
    named = _named_scheme(path, coded)
    if named is not None and (adopt := _scheme_named(project, path, coded, named, cache)) != "":
        return adopt
    schemes = _code_schemes(project, cache)
    if not schemes:
        return None
    for scheme in schemes:
        unknown = next(((item, i) for item in coded for i, e in enumerate(item.events)
                        if not scheme.knows(e.event_code)), None)  # type: ignore[attr-defined]
        if unknown is None:
            return None  # every code is in this scheme
    item, index = unknown if len(schemes) == 1 else _first_unknown_in_all(coded, schemes)
    line = item.event_lines[index] if index < len(item.event_lines) else None
    where = f"{path}:{line}" if line else str(path)
    code = item.events[index].event_code
    named = (f"the project's scheme {schemes[0].name}" if len(schemes) == 1
             else "any built-in scheme (" + ", ".join(s.name for s in schemes) + ")")
    raise ImportRefused(f"{where}: event code {code!r} is not in {named}; the file was not imported")


def _event_where(path: Path, item: AnnotatedDocument, index: int) -> str:
    line = item.event_lines[index] if index < len(item.event_lines) else None
    return f"{path}:{line}" if line else str(path)


def _named_scheme(path: Path, coded: list[AnnotatedDocument]) -> str | None:
    """The one scheme the file's codings name (None: they name none); two different ones refuse the file."""
    first: str | None = None
    for item in coded:
        for i, event in enumerate(item.events):
            if not event.scheme:
                continue
            if first is None:
                first = event.scheme
            elif event.scheme.casefold() != first.casefold():
                raise ImportRefused(f"{_event_where(path, item, i)}: this record is coded in {event.scheme}, the "
                                    f"file's first in {first}: one file, one scheme; the file was not imported")
    return first


def _scheme_named(project: Project, path: Path, coded: list[AnnotatedDocument], named: str, cache: dict
                  ) -> str | None:
    """For codings that name the built-in scheme ``named``: its name when the project (no events yet) is to take
    it, None when they fit the project's own scheme (their events then say that scheme), "" when ``named`` is no
    built-in scheme or the project's scheme cannot be loaded (checked as codings that name none). Raises
    :class:`ImportRefused` (file:line) for a code ``named`` lacks, or a project coded in a scheme that lacks the
    file's codes (two code sets in one project)."""
    from ..pipeline import project_scheme
    from ..schemes import builtin_scheme_names, load_scheme
    from ..store.event_schemes import event_codes_by_scheme

    builtin = next((n for n in builtin_scheme_names() if n.casefold() == named.casefold()), None)
    if builtin is None:
        return ""
    try:
        theirs = cache.get(("named", builtin)) or load_scheme(builtin)
        cache[("named", builtin)] = theirs
        own = None if not event_codes_by_scheme(project) else project_scheme(project, record=False).scheme
    except EventCoderError:
        return ""
    fits = own if own is not None else theirs
    for item in coded:
        for i, event in enumerate(item.events):
            if fits.knows(event.event_code):
                continue
            where = _event_where(path, item, i)
            if own is None:
                raise ImportRefused(f"{where}: event code {event.event_code!r} is not in {theirs.name}, the scheme "
                                    "its records name; the file was not imported")
            raise ImportRefused(
                f"{where}: this file is coded in {theirs.name} (its records say \"scheme\": \"{named}\"), but "
                f"{project.path} is coded in {own.name}, which has no code {event.event_code!r}: importing it would "
                f"mix two code sets in one export. Import it into a new project (`eventcoder import {path} --db "
                "NEW.db`, which takes its scheme); the file was not imported")
    for item in coded:
        for event in item.events:
            event.scheme = fits.name
    return builtin if own is None else None


def _first_unknown_in_all(coded: list[AnnotatedDocument], schemes: list) -> tuple[AnnotatedDocument, int]:
    """The first event whose code no scheme knows, else the first one the first scheme lacks."""
    first = None
    for item in coded:
        for i, event in enumerate(item.events):
            known = [s.knows(event.event_code) for s in schemes]
            if not any(known):
                return item, i
            if first is None and not known[0]:
                first = (item, i)
    assert first is not None
    return first


def _dates_from_datelines(path: Path, items: list[Document | AnnotatedDocument]) -> None:
    """A document the file gives no date takes its dateline's (``BAMAKO, Jan 14, 2022 -``), when it has one, read
    by the rule of every imported date: an all-numeric ``03/04/2024`` in the day/month order the file's datelines
    decide (one ``13/04/2024`` among them: day first), else the file is refused (file:line), never guessed."""
    undated: list[tuple[str, Document, str]] = []
    for n, item in enumerate(items, start=1):
        document = item.document if isinstance(item, AnnotatedDocument) else item
        if document.published:
            continue
        line = segment(document.text).dateline
        if line is None or not line.date_text:
            continue
        where = f"{path}:{line_of(document.text, line.start)}" if len(items) == 1 else f"{path}#{n}"
        undated.append((where, document, line.date_text))
    try:
        order = decide_order((where, f"{date_text}") for where, _, date_text in undated)
    except ValueError as exc:
        raise ImportRefused(f"{path}: in the datelines, {exc}") from exc
    for where, document, date_text in undated:
        if order is None and is_ambiguous(date_text.strip()):
            raise ImportRefused(f"{where}: the dateline's date {ambiguity(date_text)} (or with the month in words), "
                                "or give the document a 'date' (a CSV/JSON Lines field)")
        document.published = parse_date_text(date_text, order=order)


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
    """``(file, why)``: ``why`` without a leading ``FILE: `` (the report names the file), but whole when it
    starts ``FILE:LINE:`` (see :meth:`ImportReport.refusals`, which says the file once either way)."""
    prefix = f"{path}: "
    report.refused.append((str(path), message[len(prefix) :] if message.startswith(prefix) else message))


def _exception_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
