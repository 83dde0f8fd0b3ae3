"""The project file's schema: every migration, in the order they are applied.

A new migration goes at the end of this file (``mNNN_what_it_does``); one that is already released is never
edited. Fresh files and old ones end in the same schema (tests/core/test_store.py opens a v1 file).
"""

from __future__ import annotations

import re

import sqlite_utils
from sqlite_utils import Migrations

from ..errors import StoreError

MIGRATION_SET = "eventcoder"

migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_initial")
def _m001_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": int,
            "external_id": str,
            "title": str,
            "text": str,
            "source": str,
            "url": str,
            "published": str,
            "sha256": str,
            "imported_at": str,
            "metadata": str,
            "done": int,
        },
        pk="id",
        not_null={"text", "sha256"},
        defaults={"done": 0, "metadata": "{}"},
    )
    db["documents"].create_index(["sha256"], unique=True)
    common = {
        "status": str,
        "origin": str,
        "annotator": str,
        "confidence": float,
        "evidence": str,
        "created_at": str,
        "updated_at": str,
        "version": int,
    }
    db["spans"].create(
        {
            "id": int,
            "document_id": int,
            "start": int,
            "end": int,
            "text": str,
            "layer": str,
            "code": str,
            **common,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "start", "end", "layer", "status", "origin"},
        defaults={"version": 1},
    )
    db["spans"].create_index(["document_id", "start"])
    db["events"].create(
        {
            "id": int,
            "document_id": int,
            "event_code": str,
            "source_code": str,
            "target_code": str,
            "source_span_id": int,
            "target_span_id": int,
            "trigger_span_id": int,
            "sentence_start": int,
            "sentence_end": int,
            "date": str,
            "location": str,
            "location_span_id": int,
            "mode": str,
            "context": str,
            "scheme": str,
            **common,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("source_span_id", "spans", "id"),
            ("target_span_id", "spans", "id"),
            ("trigger_span_id", "spans", "id"),
            ("location_span_id", "spans", "id"),
        ],
        not_null={"document_id", "event_code", "status", "origin"},
        defaults={"version": 1},
    )
    db["events"].create_index(["document_id"])
    db["events"].create_index(["status"])
    db["relations"].create(
        {
            "id": int,
            "document_id": int,
            "from_span_id": int,
            "to_span_id": int,
            "type": str,
            "status": str,
            "origin": str,
            "annotator": str,
            "created_at": str,
            "updated_at": str,
            "version": int,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("from_span_id", "spans", "id"),
            ("to_span_id", "spans", "id"),
        ],
        not_null={"document_id", "from_span_id", "to_span_id", "type"},
        defaults={"version": 1},
    )
    db["relations"].create_index(["document_id"])
    db["schemes"].create(
        {
            "id": int,
            "name": str,
            "version": str,
            "content_hash": str,
            "path": str,
            "first_used": str,
            "last_used": str,
        },
        pk="id",
    )
    db["schemes"].create_index(["name", "version", "content_hash"], unique=True)
    db["history"].create(
        {
            "id": int,
            "at": str,
            "who": str,
            "action": str,
            "table_name": str,
            "row_id": int,
            "before": str,
            "after": str,
        },
        pk="id",
    )


@migrations(name="m002_document_search")
def _m002_document_search(db: sqlite_utils.Database) -> None:
    db["documents"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="porter")


@migrations(name="m003_export_order_index")
def _m003_export_order_index(db: sqlite_utils.Database) -> None:
    db["events"].create_index(["document_id", "sentence_start", "id"], index_name="idx_events_text_order")


@migrations(name="m004_models")
def _m004_models(db: sqlite_utils.Database) -> None:
    """Trained models (the type learner) stored in the project, so they travel with it."""
    db["models"].create(
        {
            "id": int,
            "kind": str,
            "scheme": str,
            "version": int,
            "created_at": str,
            "trained_on": str,
            "metrics": str,
            "blob": str,
        },
        pk="id",
        not_null={"kind", "version", "blob"},
    )
    db["models"].create_index(["kind", "scheme", "version"])


@migrations(name="m005_training_records")
def _m005_training_records(db: sqlite_utils.Database) -> None:
    """Earlier coded datasets (``eventcoder train --extra``) kept in the project, so every retraining (the
    window's included) learns from them too; and an index for the "most useful next" document order."""
    db["training_records"].create(
        {"id": int, "sha256": str, "source": str, "added_at": str, "record": str},
        pk="id",
        not_null={"sha256", "record"},
    )
    db["training_records"].create_index(["sha256"], unique=True)
    db["events"].create_index(["document_id", "status", "confidence"], index_name="idx_events_pending_confidence")


@migrations(name="m006_suggestion_identity")
def _m006_suggestion_identity(db: sqlite_utils.Database) -> None:
    """What the coder suggested, kept with the event after an analyst recodes it, so re-running suggestions
    recognises it whatever its code now is; and the history of one row found without a scan."""
    db["events"].add_column("suggested_key", str)
    db["history"].create_index(["table_name", "row_id"], index_name="idx_history_row")


@migrations(name="m007_foreign_key_indexes_and_provenance")
def _m007_foreign_key_indexes_and_provenance(db: sqlite_utils.Database) -> None:
    """An index on every foreign key (a span delete no longer scans every event of the project), and each
    suggested event's provenance as data (JSON): the rules' code and pattern, the mapping, the learner and its
    ranked alternatives."""
    for column in ("source_span_id", "target_span_id", "trigger_span_id", "location_span_id"):
        db["events"].create_index([column], index_name=f"idx_events_{column}", if_not_exists=True)
    for column in ("from_span_id", "to_span_id"):
        db["relations"].create_index([column], index_name=f"idx_relations_{column}", if_not_exists=True)
    db["events"].add_column("provenance", str)


@migrations(name="m008_ids_never_reused")
def _m008_ids_never_reused(db: sqlite_utils.Database) -> None:
    """Event and relation ids are never given again (AUTOINCREMENT): without it SQLite hands a deleted highest
    id to the next row, so a re-suggestion could reuse the id of an exported or journalled event. Nothing
    refers to these two tables by foreign key, so each is rebuilt as it is, with its rows, ids and indexes."""
    for table in ("events", "relations"):
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        indexes = [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table])]
        rebuilt = re.sub(r'"id" INTEGER PRIMARY KEY(?! AUTOINCREMENT)', '"id" INTEGER PRIMARY KEY AUTOINCREMENT',
                         sql, count=1)
        if rebuilt == sql:
            continue
        rebuilt = rebuilt.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{table}_rebuilt"', 1)
        db.execute(rebuilt)
        db.execute(f'INSERT INTO "{table}_rebuilt" SELECT * FROM "{table}"')
        db.execute(f'DROP TABLE "{table}"')
        db.execute(f'ALTER TABLE "{table}_rebuilt" RENAME TO "{table}"')
        for index in indexes:
            db.execute(index)


@migrations(name="m009_team_layers")
def _m009_team_layers(db: sqlite_utils.Database) -> None:
    """Team coding. ``events.layer``: NULL (or '') is the annotator's own coding, ``curated`` the adjudicated
    layer; a curated event keeps which event it was taken from and whose it was (``curated_from``,
    ``curated_from_annotator``; NULL for one the curator made). ``merged_from`` (events, spans, relations): the
    project file and row a merged row came from (``<project uuid>:<id>``), so merging the same file twice adds nothing.
    ``annotator_documents``: who marked which document done (each annotator's own "done" in a team file)."""
    db["events"].add_column("layer", str)
    db["events"].add_column("curated_from", int)
    db["events"].add_column("curated_from_annotator", str)
    db["events"].add_column("merged_from", str)
    db["spans"].add_column("merged_from", str)
    db["relations"].add_column("merged_from", str)
    db["events"].create_index(["layer", "document_id"], index_name="idx_events_layer")
    db["events"].create_index(["merged_from"], index_name="idx_events_merged_from")
    db["spans"].create_index(["merged_from"], index_name="idx_spans_merged_from")
    db["annotator_documents"].create(
        {"document_id": int, "annotator": str, "done": int, "updated_at": str},
        pk=("document_id", "annotator"),
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "annotator"},
        defaults={"done": 0},
    )


@migrations(name="m009_layer_decisions")
def _m009_layer_decisions(db: sqlite_utils.Database) -> None:
    """Several annotators in one file (the project setting ``team_layers``): an annotator's decision on a shared
    model suggestion is their own event row, ``decides`` naming the suggestion it decides; the suggestion stays
    pending for the others (core/team/layers.py)."""
    db["events"].add_column("decides", int)
    db["events"].create_index(["decides", "annotator"], index_name="idx_events_decides", if_not_exists=True)


# >>> m009 (team: annotator layers) goes here

@migrations(name="m010_event_notes")
def _m010_event_notes(db: sqlite_utils.Database) -> None:
    """An analyst's note on any event (``events.note``, free text, exported as a column); and an index on the
    document date (``documents.published``, editable in the window), which lists and date ranges read."""
    db["events"].add_column("note", str)
    db["documents"].create_index(["published"], index_name="idx_documents_published", if_not_exists=True)


# >>> m010 (analyst conveniences: event notes, document dates) goes here

@migrations(name="m011_project_actors")
def _m011_project_actors(db: sqlite_utils.Database) -> None:
    """The project's own actor dictionary (core/store/actors.py): entries an analyst added or changed, and
    ``suppress`` rows hiding a (name, code) learned from the codings; ``key`` is the name's words as the
    dictionaries match them. And an index for reading the accepted actor codings it learns from."""
    # ids never given again (as m008 for events): undo puts a removed row back under its own id
    db.execute(
        """CREATE TABLE [project_actors] (
               [id] INTEGER PRIMARY KEY AUTOINCREMENT,
               [name] TEXT NOT NULL,
               [key] TEXT NOT NULL,
               [code] TEXT,
               [kind] TEXT NOT NULL DEFAULT 'entry',
               [start] TEXT,
               [end] TEXT,
               [note] TEXT,
               [annotator] TEXT,
               [created_at] TEXT,
               [updated_at] TEXT,
               [version] INTEGER NOT NULL DEFAULT 1
           )"""
    )
    db["project_actors"].create_index(["key", "code"], index_name="idx_project_actors_key")
    db["spans"].create_index(["layer", "status", "code"], index_name="idx_spans_layer_status_code",
                             if_not_exists=True)


# >>> m011 (the project's own actor dictionary) goes here

@migrations(name="m012_overview_indexes")
def _m012_overview_indexes(db: sqlite_utils.Database) -> None:
    """The overview's counts (core/store/overview.py) read only these two indexes, never the events' wide rows:
    by status in document order (counts by code and month, with the documents' dates joined in order; who
    coded which document) and by status and dyad (top dyads, the actor network, a dyad's score over time)."""
    db["events"].create_index(["status", "document_id", "annotator", "event_code", "mode", "date", "scheme"],
                              index_name="idx_events_overview_time", if_not_exists=True)
    db["events"].create_index(["status", "source_code", "target_code", "event_code", "scheme", "annotator",
                               "document_id", "date"], index_name="idx_events_overview_dyad", if_not_exists=True)


# >>> m012 (overview indexes) goes here


@migrations(name="m013_document_versions")
def _m013_document_versions(db: sqlite_utils.Database) -> None:
    """``documents.version`` (1 for every document there is): each change of a document's date, title or done
    mark makes a new version, so undoing one is refused -- nothing written, who changed it told -- once someone
    else changed the document since, as for events and spans."""
    db["documents"].add_column("version", int, not_null_default=1)


# >>> m013 (document versions) goes here


_ROWID_KEY = re.compile(r'((?:"id"|\[id\]|`id`|\bid)\s+INTEGER\s+PRIMARY\s+KEY)(?!\s+AUTOINCREMENT)', re.IGNORECASE)


@migrations(name="m014_document_and_span_ids_never_reused")
def _m014_document_and_span_ids_never_reused(db: sqlite_utils.Database) -> None:
    """Document and span ids are never given again (AUTOINCREMENT, as m008 did for events): without it SQLite
    hands a deleted highest id to the next document or span added -- by this window, another one, the command
    line -- and undoing the delete (which puts the rows back under their own ids) is refused.

    Both tables are referred to by foreign keys (spans, events, relations, annotator_documents), and
    ``PRAGMA foreign_keys`` cannot be turned off inside the upgrade's transaction; so the checks are deferred to
    its commit instead (``PRAGMA defer_foreign_keys``, reset by SQLite at commit or rollback): each table is
    copied aside, dropped, made again under its own name with AUTOINCREMENT and given back every row with its
    id -- spans first, then documents. SQLite counts every reference the drop left dangling and every one the
    re-insert mended, and refuses the commit (nothing of the upgrade written) unless every row came back.
    Indexes and triggers are made again after the rows (the search index's triggers never fire for them: its
    rowids are the documents' ids, kept). The next id given is past the highest one the table or the journal
    (``history``) ever held, so a document deleted before this upgrade can still be put back. One transaction,
    like every upgrade: another process that has the file open reads the old tables until it commits, then
    SQLite makes it re-read the schema, and its new rows get never-reused ids too (it is the file's schema)."""
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table in ("spans", "documents"):  # a child before its parent: the re-inserted spans find their documents
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        if re.search(r"\bAUTOINCREMENT\b", sql, re.IGNORECASE):
            continue
        rebuilt, found = _ROWID_KEY.subn(r"\1 AUTOINCREMENT", sql, count=1)
        if not found:
            raise StoreError(f"cannot upgrade the project: the {table} table has no INTEGER PRIMARY KEY id ({sql})")
        extras = [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY type = 'trigger', rowid", [table])]  # indexes, then triggers
        count = db.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
        db.execute(f'CREATE TEMP TABLE "m014_{table}" AS SELECT * FROM main."{table}"')
        db.execute(f'DROP TABLE main."{table}"')
        db.execute(rebuilt)
        db.execute(f'INSERT INTO main."{table}" SELECT * FROM temp."m014_{table}"')
        db.execute(f'DROP TABLE temp."m014_{table}"')
        if db.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0] != count:
            raise StoreError(f"cannot upgrade the project: the {table} table did not keep every row")
        for statement in extras:
            db.execute(statement)
        highest = db.execute(
            f"""SELECT max(coalesce((SELECT max(id) FROM main."{table}"), 0),
                           coalesce((SELECT max(row_id) FROM history WHERE table_name = ?), 0))""", [table]
        ).fetchone()[0]
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
        if highest:
            db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", [table, highest])


# >>> m014 (document and span ids never reused) goes here


@migrations(name="m015_span_found_by")
def _m015_span_found_by(db: sqlite_utils.Database) -> None:
    """How the coder found a suggested actor span, as data (``spans.found_by``: the engine's
    ``SuggestedSpan.origin`` -- "name" for a name named earlier in the document, "antecedent" for a description
    given an earlier mention's code, "pronoun", "story", "group", "grammar", "country_names"; NULL for a
    dictionary or entity match, an analyst's span, or a span stored before this): what reads how a span was
    found reads this, never the evidence text (the window's N leaves a role empty rather than pre-fill words
    whose code was carried over from another mention)."""
    db["spans"].add_column("found_by", str)


# >>> m015 (how a suggested span was found) goes here


SCHEMA_VERSIONS = [m.name for m in migrations._migrations]
