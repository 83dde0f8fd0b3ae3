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
from ..model import Document
from ..store import Project
from .dates import normalise_date
from .textfiles import read_text

Reader = Callable[[Path], list[Document]]
IMPORTERS: dict[str, Reader] = {}
KNOWN_FIELDS = ("text", "title", "date", "url", "source", "id")


def importer(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            IMPORTERS[suffix] = fn
        return fn

    return register


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)  # (name, document id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)

    def summary(self) -> str:
        return f"{len(self.imported)} imported, {len(self.skipped)} skipped, {len(self.refused)} refused"


@importer(".txt", ".text")
def read_txt(path: Path) -> list[Document]:
    """A plain-text article. Title: the first line when it reads like a headline, else the file name."""
    text = read_text(path)
    first = text.strip().splitlines()[0].strip()
    headline = len(first) <= 150 and not first.endswith((".", "!", "?", "”", '"'))
    return [Document(text=text, title=first if headline else path.stem, source=path.name)]


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


@importer(".jsonl", ".ndjson")
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


@importer(".csv", ".tsv")
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


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the importable files inside folders named (recursively, sorted)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in IMPORTERS and not child.name.startswith("."):
                    yield child
        else:
            yield path


def import_paths(
    project: Project, paths: Iterable[str | Path], progress: Callable[[int, str], None] | None = None
) -> ImportReport:
    report = ImportReport()
    for index, path in enumerate(iter_files(paths)):
        if progress:
            progress(index, str(path))
        if not path.exists():
            report.refused.append((str(path), "no such file"))
            continue
        reader = IMPORTERS.get(path.suffix.lower())
        if reader is None:
            report.refused.append((str(path), f"unknown file type {path.suffix or '(none)'}; use .txt, .jsonl or .csv"))
            continue
        try:
            docs = reader(path)
            with project.transaction():
                for n, doc in enumerate(docs, start=1):
                    name = str(path) if len(docs) == 1 else f"{path}#{n}"
                    doc_id, created = project.add_document(doc)
                    if created:
                        report.imported.append((name, doc_id))
                    else:
                        report.skipped.append((name, f"same text as document {doc_id}"))
        except EventCoderError as exc:
            message = str(exc)
            prefix = f"{path}: "
            report.refused.append((str(path), message[len(prefix) :] if message.startswith(prefix) else message))
    return report
