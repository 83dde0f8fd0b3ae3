"""Exporters: one row (CSV) or record (PLOVER JSONL) per event, streamed from the store, and the document
formats (brat, doccano, ICEWS-style TSV, spaCy).

Every format is registered in ``EXPORTERS`` (:mod:`eventcoder.core.io.export_base`) when its module is
imported -- this one imports them all -- so the CLI and the window's export dialog list them without extra code.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventCoderError
from ..store import Project, now_iso
from . import brat, doccano, icews, spacy_docbin  # noqa: F401  (each registers its format)
from .export_base import (
    CSV_COLUMNS,
    CSV_NUMERIC,
    CSV_TEXT,
    EXPORTERS,
    EXTRA_FIELDS,
    FORMULA_START,
    CodedText,
    Exporter,
    ExportRefused,
    StagedFolder,
    _atomic_file,
    check_target,
    coded_documents,
    event_rows,
    event_tuples,
    export_scope,
    exporter,
    neutralise_cell,
    parse_columns,
    staged_folder,
    write_csv,
    write_jsonl,
    write_table,
)

if TYPE_CHECKING:
    from ..schemes import CodingScheme

__all__ = [
    "CSV_COLUMNS",
    "CSV_NUMERIC",
    "CSV_TEXT",
    "EXPORTERS",
    "EXTRA_FIELDS",
    "FORMULA_START",
    "CodedText",
    "ExportRefused",
    "Exporter",
    "StagedFolder",
    "check_target",
    "coded_documents",
    "event_rows",
    "event_tuples",
    "export",
    "export_formats",
    "export_scope",
    "exporter",
    "neutralise_cell",
    "parse_columns",
    "staged_folder",
    "write_csv",
    "write_jsonl",
    "write_table",
]


def export(
    project: Project,
    fmt: str,
    out_path: str | Path,
    scheme: CodingScheme,
    status: str | None,
    *,
    layer: str | None = None,
    annotator: str | None = None,
    **options: Any,
) -> int:
    """Export events (``status`` None = all) to ``out_path``; returns the number of events written.

    ``layer`` (``curated`` or ``own``) and ``annotator``: one layer only (:func:`export_scope`), applied here, in
    the thread that writes (the window's export runs in a worker thread). A target that is the project, its
    SQLite side files or its backups is refused before anything is written.
    """
    with export_scope(project, layer, annotator):
        return _export(project, fmt, out_path, scheme, status, **options)


def _export(project: Project, fmt: str, out_path: str | Path, scheme: CodingScheme, status: str | None,
            **options: Any) -> int:
    exp = EXPORTERS.get(fmt)
    if exp is None:
        raise EventCoderError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORTERS)}")
    out = Path(out_path)
    check_target(project, out, folder=exp.folder)
    try:
        if exp.folder:
            count = exp.write(project, out, scheme, status, **options)
        else:
            with _atomic_file(out, exp.binary) as fh:
                count = exp.write(project, fh, scheme, status, **options)
    except OSError as exc:  # a full disk, a folder not writable: the file it is about, and that nothing is left
        raise ExportRefused(f"{out}: cannot write it ({_os_reason(exc)}); nothing was written") from exc
    if not project.readonly:  # a read-only project exports, it just records nothing
        project.set_meta("last_export", json.dumps({"format": fmt, "path": str(out_path), "at": now_iso()}))
    return count


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "over the disk quota"
    return exc.strerror or str(exc)


def export_formats() -> dict[str, Exporter]:
    """Every registered format, for the CLI's choices and the window's export dialog."""
    return dict(EXPORTERS)
