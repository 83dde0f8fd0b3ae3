"""What every export format shares: the registry (``EXPORTERS``, :func:`exporter`), the rows and documents
streamed from the store, safe writing; and the two table formats, CSV and PLOVER JSONL.

The other formats (brat, doccano, ICEWS-style TSV, spaCy) live in their own modules and register here when
imported; :mod:`eventcoder.core.io.exporters` imports them all and is what callers use. Nothing here imports
a format module, so there is no import cycle between the formats and the registry.
"""

from __future__ import annotations

import csv
import json
import operator
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from ..errors import EventCoderError
from ..fsutil import renamed_into_place
from ..model import Document, Event, Span
from ..store import Project

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
    "note",
)

# Columns that hold numbers (a typed reader may take them as numbers; Parquet shards type them so).
CSV_NUMERIC = frozenset({"event_id", "document_id", "quad_class", "goldstein", "confidence"})
# The free-text columns: words from an article, a person or the scheme's labels. Only in these is a cell a
# spreadsheet would run as a formula neutralised (see ``neutralise_cell``); every other column is a code, id,
# date, number or fixed value and is written exactly as stored (``---COP`` stays ``---COP``).
CSV_TEXT = frozenset({
    "document_title", "sentence", "trigger_text", "source_text", "target_text", "event_label", "location",
    "annotator", "note",
})

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: cells starting so are formulas to Excel/LibreOffice


class ExportRefused(EventCoderError):
    """An export target would overwrite the project, its SQLite side files or its backups."""


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


_SCOPE: ContextVar[frozenset[int] | None] = ContextVar("export_scope", default=None)
_SCOPE_WHO: ContextVar[str | None] = ContextVar("export_scope_annotator", default=None)


@contextmanager
def export_scope(project: Project, layer: str | None = None, annotator: str | None = None) -> Iterator[None]:
    """Exports made inside hold one layer only: ``curated`` (the adjudicated layer) or ``own`` (the annotators'
    own codings), of one ``annotator`` when given (see :mod:`eventcoder.core.team.layers`). Neither: no filter.
    A context variable does not follow the export into another thread: callers there pass ``layer`` and
    ``annotator`` to :func:`eventcoder.core.io.exporters.export`, which scopes the export where it runs."""
    if layer is None and annotator is None:
        yield
        return
    from ..team.layers import layer_event_ids

    token = _SCOPE.set(frozenset(layer_event_ids(project, layer, annotator)))
    whose = _SCOPE_WHO.set(annotator if layer != "curated" else None)
    try:
        yield
    finally:
        _SCOPE_WHO.reset(whose)
        _SCOPE.reset(token)


def _span_in_scope(span: Span) -> bool:
    """A span no exported event uses goes with a one-layer export only when it is that annotator's own."""
    if _SCOPE.get() is None:
        return True
    who = _SCOPE_WHO.get()
    return who is not None and span.annotator == who


def _in_scope(event_id: int | None) -> bool:
    scope = _SCOPE.get()
    return scope is None or event_id in scope


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
        events = [e for e in project.events(doc_id) if (status is None or e.status == status) and _in_scope(e.id)]
        if status is not None and not events:
            continue
        used = {i for e in events for i in (e.source_span_id, e.target_span_id, e.trigger_span_id, e.location_span_id)}
        spans = [s for s in project.spans(doc_id) if s.id in used or ((status is None or s.status == status)
                 and _span_in_scope(s))]
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


def event_tuples(project: Project, scheme: CodingScheme, status: str | None, *,
                 offsets: bool = False) -> Iterator[tuple[Any, ...]]:
    """Events as tuples in ``CSV_COLUMNS + EXTRA_FIELDS`` order (None for empty), the fast path of every export.
    ``offsets``: each goes on with the store's offsets of the event (``Project.iter_export_rows``)."""
    look = _Lookups(scheme)
    name = scheme.name
    with closing(project.iter_export_rows(status=status, offsets=offsets)) as rows:  # closed while the project is
        yield from _event_tuples(rows, look, name)  # open, also when a write fails half way (a full disk)


def _event_tuples(rows: Iterable[tuple[Any, ...]], look: _Lookups, name: str) -> Iterator[tuple[Any, ...]]:
    for (
        event_id, document_id, title, published, event_date, sentence, trigger, source_code, source_text,
        code, target_code, target_text, location, mode, context, status_, origin, annotator, confidence,
        scheme_name, coded_at, external_id, source, sentence_start, note, *placed,
    ) in rows:  # fmt: skip
        if not _in_scope(event_id):
            continue
        root, label, quad, score = look.code(code)
        src_country, src_role = look.actor(source_code)
        tgt_country, tgt_role = look.actor(target_code)
        yield (
            event_id, document_id, title, published, event_date, sentence, trigger, source_code, source_text,
            src_country, src_role, code, root, label, quad, score, target_code, target_text, tgt_country,
            tgt_role, location, mode, context, status_, origin, annotator, confidence, scheme_name or name,
            coded_at, note, external_id, source, sentence_start, *placed,
        )  # fmt: skip


def event_rows(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[dict[str, Any]]:
    """Events as dicts of text ("" for empty), for formats that pick fields by name."""
    names = CSV_COLUMNS + EXTRA_FIELDS
    with closing(event_tuples(project, scheme, status)) as tuples:
        for values in tuples:
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


def neutralise_cell(value: Any, formulas: bool = True) -> Any:
    """A text cell for a spreadsheet: one starting with ``= + - @``, tab or carriage return gets a leading ``'``
    so it shows as text instead of running as a formula (OWASP's CSV injection rule; not when ``formulas`` is
    False); a carriage return inside becomes a newline either way (the csv module does not quote a lone CR, and
    readers would split the row there)."""
    if not isinstance(value, str):
        return value
    if formulas and value.startswith(FORMULA_START):
        value = "'" + value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _text_cells(
    rows: Iterable[Sequence[Any]], text_positions: Sequence[int], formulas: bool
) -> Iterator[Sequence[Any]]:
    """Guard the free-text cells; in every cell a carriage return becomes a newline (the csv module leaves a
    lone CR unquoted, which would split the row), the only change a code cell can ever see."""
    start = FORMULA_START if formulas else ()
    text = frozenset(text_positions)
    for row in rows:
        hits = [
            i for i, v in enumerate(row) if isinstance(v, str) and ("\r" in v or (i in text and v.startswith(start)))
        ]
        if hits:
            row = list(row)
            for i in hits:
                row[i] = neutralise_cell(row[i], formulas and i in text)
        yield row


def write_table(
    rows: Iterable[Sequence[Any]],
    out: IO[str],
    available: Sequence[str],
    columns: str | None = None,
    delimiter: str = ",",
    text: frozenset[str] = frozenset(),
    raw_cells: bool = False,
) -> int:
    """Rows (sequences in ``available`` order) to a delimited file with a header; returns the row count.

    Only in the free-text columns ``text`` does a cell a spreadsheet would take for a formula get a leading
    ``'`` (unless ``raw_cells``); codes, ids, dates and numbers are written as they are. Decided per column,
    never by the look of a value, so ``-5.8`` stays a number in ``goldstein``, ``---COP`` a code in
    ``source_code``, and ``-5 dead`` is guarded in ``sentence``.
    """
    chosen = parse_columns(columns, available)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([new for new, _ in chosen])
    positions = [available.index(old) for _, old in chosen]
    if positions == list(range(len(available))):
        rows = (row[: len(available)] for row in rows)
    else:
        pick = operator.itemgetter(*positions)
        rows = ((pick(row),) if len(positions) == 1 else pick(row) for row in rows)
    source = rows
    rows = _text_cells(rows, [i for i, (_, old) in enumerate(chosen) if old in text], not raw_cells)
    counter = _Counter(rows)
    try:
        writer.writerows(counter)
    finally:  # a write that failed (a full disk) leaves no generator open on the project to be closed later
        close = getattr(source, "close", None)
        if close is not None:
            close()
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
    raw_cells: bool = False,
    **_: Any,
) -> int:
    if delimiter in ("tab", "\t"):  # the ICEWS-style file (registered by .icews, which .exporters imports)
        return EXPORTERS["tsv"].write(project, out, scheme, status, columns=columns, raw_cells=raw_cells)
    return write_table(
        event_tuples(project, scheme, status), out, CSV_COLUMNS, columns, delimiter, CSV_TEXT, raw_cells
    )


def _entity(code: str, text: str, country: str, role: str) -> list[dict[str, str]]:
    if not code and not text:
        return []
    return [{"code": country or code, "sector": role, "entity_text": text, "actor_code": code}]


def _placed(entities: list[dict[str, Any]], start: int | None, end: int | None) -> list[dict[str, Any]]:
    """Entities with their span's document offsets (``start``, ``end``), so an import puts them back there."""
    for entity in entities:
        entity["start"], entity["end"] = start, end
    return entities


@exporter("jsonl", ".jsonl", "PLOVER-style JSON Lines, one record per event")
def write_jsonl(project: Project, out: IO[str], scheme: CodingScheme, status: str | None, **_: Any) -> int:
    """One PLOVER record per event. Besides PLOVER's fields, what a re-import needs to rebuild the article: the
    document's ``document_id``, ``document_title``, ``document_date``, the event's ``sentence_start`` /
    ``sentence_end`` and trigger (``trigger_start`` / ``trigger_end``) as character offsets into the document,
    entity ``start`` / ``end``, and the whole ``document_text`` on the first record of each document."""
    names = CSV_COLUMNS + EXTRA_FIELDS
    with closing(event_tuples(project, scheme, status, offsets=True)) as tuples:  # offsets come with the row
        return _write_records(project, out, tuples, names)


def _write_records(project: Project, out: IO[str], tuples: Iterable[tuple[Any, ...]], names: tuple[str, ...]) -> int:
    count = 0
    doc_id: str | None = None
    for values in tuples:
        row = {k: "" if v is None else str(v) for k, v in zip(names, values[:len(names)], strict=True)}
        sentence_end, trigger_start, trigger_end, *roles = values[len(names):]
        first = row["document_id"] != doc_id
        if first:
            doc_id = row["document_id"]
        record = {
            "id": f"{row['document_id']}-{row['event_id']}",
            "date": row["event_date"] or None,
            "actor": _placed(_entity(row["source_code"], row["source_text"], row["source_country"],
                                     row["source_role"]), roles[0], roles[1]),
            "recipient": _placed(_entity(row["target_code"], row["target_text"], row["target_country"],
                                         row["target_role"]), roles[2], roles[3]),
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
            "note": row["note"] or None,
            "document_title": row["document_title"] or None,
            "document_date": row["document_date"] or None,
            "sentence_start": values[names.index("sentence_start")],
            "sentence_end": sentence_end,
            "trigger_start": trigger_start,
            "trigger_end": trigger_end,
        }
        if first:
            record["document_text"] = project.document_text(int(doc_id))  # type: ignore[arg-type]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


# --------------------------------------------------------------------------- writing safely

_SIDE_FILES = ("", "-wal", "-shm", "-journal")  # the project file and what SQLite keeps beside it


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)  # a stat, never an open(): closing a descriptor would drop SQLite's locks
    except (OSError, ValueError):
        return None


def _same(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    return a is not None and b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _same_place(a: Path, b: Path) -> bool:
    """The same folder entry, by device+inode when both exist, else by absolute path."""
    sa, sb = _stat(a), _stat(b)
    if sa is not None and sb is not None:
        return _same(sa, sb)
    return os.path.normcase(a) == os.path.normcase(b)


def check_target(project: Project, out: str | Path, *, folder: bool = False) -> None:
    """Refuse (``ExportRefused``) a target that is the project file, its ``-wal``/``-shm``/``-journal``, the
    backups folder or anything in it — by name, through symlinks and ``..``, or as a hard link; for a folder
    format also a folder holding the project file; and a target whose folder does not exist (a folder format's
    own folder may be new, its parent not). Only ``stat`` and path arithmetic: nothing is opened."""
    given = Path(out)

    def refuse(why: str) -> NoReturn:
        raise ExportRefused(f"{given}: {why}; nothing was written (choose another target)")

    try:
        real = given.resolve()
        project_names = {project.path.absolute(), project.path.resolve()}
        backups = [project.backup_dir.absolute(), project.backup_dir.resolve()]
    except (OSError, RuntimeError) as exc:  # a symlink loop
        refuse(f"cannot be resolved ({exc})")
    protected = [(Path(f"{p}{suffix}"), suffix) for p in project_names for suffix in _SIDE_FILES]

    target_stat = _stat(real)
    for path, suffix in protected:
        what = f"the project file {project.path}" if not suffix else f"the project's SQLite {suffix} file"
        same_name = os.path.normcase(real.name) == os.path.normcase(path.name) and _same_place(real.parent, path.parent)
        if same_name or _same(target_stat, _stat(path)):
            refuse(f"is {what}")
    backup_stats = [_stat(b) for b in backups]
    for place in (real, *real.parents):
        place_stat = _stat(place)
        for backup, backup_stat in zip(backups, backup_stats, strict=True):
            if os.path.normcase(place) == os.path.normcase(backup) or _same(place_stat, backup_stat):
                refuse(f"is {'the' if place == real else 'inside the'} backups folder {project.backup_dir}")
    if folder:
        if target_stat is not None and not real.is_dir():
            refuse("is a file; this format writes a folder")
        if target_stat is not None and any(_same_place(real, p.parent) for p in project_names):
            refuse(f"is the folder holding the project file {project.path.name}")
    elif target_stat is not None and real.is_dir():
        refuse("is a folder; give a file name")
    if not given.parent.is_dir():  # a mistyped folder is an error, as for a project's --db: nothing is made
        raise ExportRefused(f"{given}: the folder {given.parent} does not exist; create it first "
                            "(nothing was written)")


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new hidden file beside ``path``, created with mode 0o666 so the user's umask decides (as for any
    file the user makes), not mkstemp's 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise ExportRefused(f"{path.parent}: cannot create a temporary file there")


@contextmanager
def _atomic_file(path: Path, binary: bool = False) -> Iterator[Any]:
    """Write beside the target and rename, so a failed export never leaves half a file. The folder must exist
    (:func:`check_target` says so first): a mistyped folder is an error, never made."""
    fd, tmp = _create_temp(path)
    with renamed_into_place(
        path, tmp, lambda: os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
    ) as fh:
        yield fh


class StagedFolder:
    """Files for a folder export, staged as hidden temporary files inside the folder and renamed to their
    names only once every file is written: a failure leaves the folder as it was.

    ``stage`` writes one file's content; ``place`` gives it its final name (two names that differ only in
    case are refused: on macOS and Windows they are one file); ``commit`` renames them all.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created = not folder.exists()
        folder.mkdir(exist_ok=True)  # mode 0o777: the umask decides; its parent must exist (check_target)
        self.staged: list[Path] = []
        self.names: dict[Path, str] = {}
        self.folded: dict[str, str] = {}

    def stage(self, hint: str, text: str) -> Path:
        fd, tmp = _create_temp(self.folder / hint)
        self.staged.append(tmp)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return tmp

    def place(self, tmp: Path, name: str) -> None:
        key = name.casefold()
        if key in self.folded:
            raise ExportRefused(
                f"{self.folder}: two files would be named {self.folded[key]!r} and {name!r} (one file where "
                "case does not count); nothing was written"
            )
        if (self.folder / name).is_dir():
            raise ExportRefused(f"{self.folder / name}: is a folder; nothing was written")
        self.folded[key] = name
        self.names[tmp] = name

    def write(self, name: str, text: str) -> None:
        self.place(self.stage(name, text), name)

    def commit(self) -> None:
        for tmp in self.staged:
            if tmp not in self.names:
                raise RuntimeError(f"staged file {tmp} was given no name")
        for tmp, name in self.names.items():
            os.replace(tmp, self.folder / name)
        self.staged = []

    def abort(self) -> None:
        for tmp in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged = []
        if self.created:
            try:
                self.folder.rmdir()
            except OSError:
                pass


@contextmanager
def staged_folder(folder: Path) -> Iterator[StagedFolder]:
    stage = StagedFolder(folder)
    try:
        yield stage
        stage.commit()
    except BaseException:
        stage.abort()
        raise
