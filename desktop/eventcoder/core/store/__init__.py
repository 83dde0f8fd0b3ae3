"""The project store: one SQLite file per project, written through sqlite-utils.

All SQL of the application lives in this package. Every public write is one transaction (``BEGIN IMMEDIATE``
+ ``Database.atomic()``), journals itself in the ``history`` table, and is durable when the call returns (WAL
mode, ``synchronous=FULL``). No ``sqlite3`` error leaves it: every failure is a ``StoreError``.

:class:`Project` is a small facade over its parts, one module each:

* ``base.py``: the connection (read-only, a full disk), the schema upgrade, transactions, errors, ``meta``;
* ``documents.py``: documents, their order in the queue, search;
* ``annotations.py``: spans, events, relations, the rows exporters read;
* ``suggestions.py``: merging a fresh coding into a document (``save_coded``);
* ``history.py``: the journal, and rows read and written by kind (``RowKind``) for the undoable commands;
* ``backups.py``: backup, restore, checking a file;
* ``models.py``: trained models and the learner's training data;
* ``rows.py``: domain objects as rows and back, and which table holds each kind of row;
* ``migrations.py``: the schema;
* the parts features add: ``event_lists.py``, ``actors.py``, ``overview.py``, ``team.py``,
  ``document_removal.py`` (deleting a document, its undo), ``runs.py`` (coding runs in progress) (see each).
"""

from __future__ import annotations

from ..errors import StoreError
from .actors import ActorsMixin
from .annotations import AnnotationsMixin
from .backups import BACKUP_EVERY_S, BACKUP_STAMP, BackupsMixin, check_file, verify_backup
from .base import (
    APP_NAME,
    BUSY_TIMEOUT_MS,
    ConflictError,
    ProjectBase,
    default_annotator,
    default_db_path,
    now_iso,
    store_errors,
    text_sha256,
    wal_unreadable,
)
from .document_removal import DocumentRemovalMixin, DocumentRows
from .documents import DOCUMENT_ORDERS, DocumentsMixin, DocumentSummary
from .event_lists import EventListsMixin
from .history import HistoryMixin
from .migrations import MIGRATION_SET, SCHEMA_VERSIONS, migrations
from .models import KEEP_MODEL_BLOBS, ModelsMixin
from .overview import OverviewMixin
from .rows import _document_from_row, _event_from_row, _row_to, to_row
from .runs import CodingRun, RunsMixin
from .suggestions import SuggestionsMixin
from .team import TeamMixin

__all__ = [
    "APP_NAME", "BACKUP_EVERY_S", "BACKUP_STAMP", "BUSY_TIMEOUT_MS", "DOCUMENT_ORDERS", "KEEP_MODEL_BLOBS",
    "MIGRATION_SET", "SCHEMA_VERSIONS", "CodingRun", "ConflictError", "DocumentRows", "DocumentSummary", "Project",
    "ProjectBase", "StoreError",
    "_document_from_row", "_event_from_row", "_row_to", "check_file", "default_annotator", "default_db_path",
    "migrations", "now_iso", "store_errors", "text_sha256", "to_row", "verify_backup",
    "wal_unreadable",
]  # fmt: skip


# A part of the project is a mixin class in its own module of core/store/ (no __init__, no state of its own
# beyond what it sets on self): import it above and add it below as one more base, one line, anywhere before
# ProjectBase (which stays last). Its public methods raise StoreError, never sqlite3 errors (ProjectBase wraps
# them). Parts other helpers add: OverviewMixin (overview.py), TeamMixin (team.py), ActorsMixin (actors.py).
class Project(
    DocumentsMixin,
    AnnotationsMixin,
    EventListsMixin,
    SuggestionsMixin,
    HistoryMixin,
    BackupsMixin,
    ModelsMixin,
    ActorsMixin,
    OverviewMixin,
    TeamMixin,
    DocumentRemovalMixin,
    RunsMixin,
    ProjectBase,
):
    """A coding project backed by one SQLite file (see the parts listed above)."""
