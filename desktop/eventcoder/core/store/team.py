"""Team coding in the store: annotator layers, the curated layer, merged rows and who finished which document.

The layer model (m009): an event's ``layer`` is NULL (or '') for an annotator's own coding -- whose it is, is its
``annotator`` -- and ``curated`` for the adjudicated layer. A curated event carries who chose it (``annotator``),
which event it was taken from and whose that was (``curated_from``, ``curated_from_annotator``). A curated event
with status ``rejected`` records the decision "no event here". ``merged_from`` names the project file and row a
merged row came from (``<project uuid>:<row id>``). Mixed into :class:`~eventcoder.core.store.Project`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from ..errors import StoreError
from .base import ProjectBase
from .package_restore import restore_suggestions

CURATED = "curated"
TEAM_LAYERS = "team_layers"
OWN_LAYER_SQL = "coalesce(e.layer, '') = ''"
_CHUNK = 900


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class TeamMixin(ProjectBase):
    """Store methods for several annotators' layers, merging and curation (see the module's doc)."""

    # ------------------------------------------------------------------ identity

    def project_uuid(self) -> str:
        """This project file's own id (made on first use; a read-only file without one: a stable stand-in)."""
        found = self.get_meta("project_uuid")
        if found:
            return found
        if getattr(self, "readonly", False):
            return "readonly-" + uuid.uuid5(uuid.NAMESPACE_URL, str(getattr(self, "path", ""))).hex
        made = uuid.uuid4().hex
        self.set_meta("project_uuid", made)
        return made

    # ------------------------------------------------------------------ several annotators in one file

    def team_layers(self) -> bool:
        """The project setting ``team_layers``: several annotators share this file, each deciding the model's
        suggestions in their own layer (core/team/layers.py)."""
        return self.get_meta(TEAM_LAYERS) == "1"

    def set_team_layers(self, on: bool) -> None:
        """Turn the setting on or off (journalled: who turned it, when)."""
        with self.transaction():
            self.set_meta(TEAM_LAYERS, "1" if on else "0")
            self._log("team layers on" if on else "team layers off", "meta", None, None, {TEAM_LAYERS: on})

    def layer_rows(self, document_id: int | None = None) -> list[dict[str, Any]]:
        """The columns that decide whose layer an event is in and which suggestion it decides (one document, or
        all), with its trigger's start: what :mod:`eventcoder.core.team.layers` works on."""
        sql = """SELECT e.id, e.document_id, e.status, e.origin, e.annotator, e.layer, e.decides, e.suggested_key,
                        e.event_code, e.source_code, e.target_code, e.sentence_start, t.start AS trig
                 FROM events e LEFT JOIN spans t ON t.id = e.trigger_span_id"""
        params: list[Any] = []
        if document_id is not None:
            sql += " WHERE e.document_id = ?"
            params.append(document_id)
        return self.db.execute_returning_dicts(sql + " ORDER BY e.document_id, e.id", params)

    def layer_annotators(self) -> list[str]:
        """Everyone with an event of their own (a decision or one they made) in the annotators' layers."""
        return [str(r[0]) for r in self.db.execute(
            f"SELECT DISTINCT e.annotator FROM events e WHERE e.annotator IS NOT NULL AND e.annotator != '' "
            f"AND {OWN_LAYER_SQL} AND NOT (e.origin = 'model' AND e.status = 'suggested') ORDER BY 1")]

    # ------------------------------------------------------------------ reading the annotators' codings

    def team_codings(self, status: str = "accepted") -> list[dict[str, Any]]:
        """Every accepted event (or, with ``status="rejected"``, every rejected one: an annotator's "no event
        here") of the annotators' own layers, with its document's sha256 and its trigger's offsets, in text
        order. ``annotator`` falls back to the history's last writer of the row."""
        rows = self.db.execute_returning_dicts(
            f"""SELECT e.id, e.document_id, d.sha256, e.annotator, e.event_code, e.source_code, e.target_code,
                       e.sentence_start, e.sentence_end, t.start AS trig_start, t.end AS trig_end,
                       t.text AS trig_text, e.origin, coalesce(e.updated_at, e.created_at) AS coded_at
                FROM events e JOIN documents d ON d.id = e.document_id
                LEFT JOIN spans t ON t.id = e.trigger_span_id
                WHERE e.status = ? AND {OWN_LAYER_SQL}
                ORDER BY e.document_id, e.sentence_start, e.id""", [status]
        )
        for row in rows:
            if not row["annotator"]:
                row["annotator"] = self._last_writer("events", row["id"]) or "(unknown)"
        return rows

    def _last_writer(self, table: str, row_id: int) -> str | None:
        row = self.db.execute(
            "SELECT who FROM history WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1", [table, row_id]
        ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ each annotator's own "done"

    def annotator_done(self, document_id: int, who: str) -> bool:
        """Whether ``who`` marked the document done (their own mark, ``annotator_documents``)."""
        row = self.db.execute("SELECT done FROM annotator_documents WHERE document_id = ? AND annotator = ?",
                              [document_id, who]).fetchone()
        return bool(row and row[0])

    def set_annotator_done(self, document_id: int, who: str, done: bool) -> bool:
        """Mark the document done (or to do) for ``who`` only; journalled. Returns the mark it had before."""
        with self.transaction():
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
                raise StoreError(f"no document with id {document_id}")
            before = self.annotator_done(document_id, who)
            self.db.execute(
                "INSERT OR REPLACE INTO annotator_documents(document_id, annotator, done, updated_at) "
                "VALUES (?, ?, ?, datetime('now'))", [document_id, who, int(done)])
            self._log("mark done" if done else "mark to do", "annotator_documents", document_id,
                      {"annotator": who, "done": before}, {"annotator": who, "done": done})
        return before

    def done_by_annotator(self) -> dict[str, set[int]]:
        """Per annotator, the ids of the documents they marked done themselves (``annotator_documents``; a merged
        file's marks are there too)."""
        out: dict[str, set[int]] = {}
        for who, doc_id in self.db.execute(
                "SELECT annotator, document_id FROM annotator_documents WHERE done = 1 ORDER BY annotator"):
            out.setdefault(str(who), set()).add(int(doc_id))
        return out

    def done_documents(self) -> dict[str, set[str]]:
        """Per annotator, the documents (by sha256) they marked done: their own marks (``annotator_documents``)
        and, in a file without team layers, the done state each analyst's newest change of it left (undos included)."""
        out: dict[str, set[str]] = {}
        for who, sha in self.db.execute(
            "SELECT a.annotator, d.sha256 FROM annotator_documents a JOIN documents d ON d.id = a.document_id "
            "WHERE a.done = 1"
        ):
            out.setdefault(who, set()).add(sha)
        # each analyst's newest change of a document's done state (an undo included), read from the rows' states
        for who, sha, done in self.db.execute(
            """SELECT h.who, d.sha256, json_extract(h.after, '$.done') FROM history h
               JOIN documents d ON d.id = h.row_id
               WHERE h.id IN (
                   SELECT max(id) FROM history WHERE table_name = 'documents'
                   AND json_extract(before, '$.done') IS NOT json_extract(after, '$.done') GROUP BY row_id, who)"""
        ):
            if who and done:
                out.setdefault(who, set()).add(sha)
        return out

    def annotator_documents(self) -> dict[str, set[str]]:
        """Per annotator, the documents (by sha256) they coded: marked done by them (:meth:`done_documents`), or
        holding an event they decided (accepted or rejected) in their layer."""
        out = {who: set(shas) for who, shas in self.done_documents().items()}
        for who, sha in self.db.execute(
            f"""SELECT DISTINCT e.annotator, d.sha256 FROM events e JOIN documents d ON d.id = e.document_id
                WHERE e.status IN ('accepted', 'rejected') AND e.annotator IS NOT NULL AND {OWN_LAYER_SQL}"""
        ):
            out.setdefault(who, set()).add(sha)
        return out

    def documents_by_sha(self, shas: Iterable[str]) -> dict[str, dict[str, Any]]:
        """``{sha256: {id, title, text, source}}`` for the given documents that this project holds."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(shas))):
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute_returning_dicts(
                f"SELECT id, title, text, source, sha256 FROM documents WHERE sha256 IN ({marks})", chunk
            ):
                out[row["sha256"]] = row
        return out

    def document_sha(self, document_id: int) -> str:
        row = self.db.execute("SELECT sha256 FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return str(row[0])

    def team_picture(self) -> list[dict[str, Any]]:
        """Per annotator (curated layer included as ``curated``): documents coded, documents they marked done
        (:meth:`done_documents`), events accepted and rejected, the first and last day they coded."""
        rows = self.db.execute_returning_dicts(
            """SELECT CASE WHEN coalesce(e.layer, '') = '' THEN coalesce(e.annotator, '(unknown)')
                           ELSE e.layer END AS who,
                      count(DISTINCT e.document_id) AS documents,
                      sum(e.status = 'accepted') AS accepted, sum(e.status = 'rejected') AS rejected,
                      min(substr(coalesce(e.updated_at, e.created_at), 1, 10)) AS first_day,
                      max(substr(coalesce(e.updated_at, e.created_at), 1, 10)) AS last_day
               FROM events e WHERE e.status IN ('accepted', 'rejected')
               GROUP BY who ORDER BY who"""
        )
        done = {who: len(shas) for who, shas in self.done_documents().items()}
        for row in rows:
            row["documents_done"] = done.get(row["who"], 0)
        return rows

    # ------------------------------------------------------------------ layers for export and training

    def layer_event_ids(self, layer: str | None = None, annotator: str | None = None) -> set[int]:
        """Ids of the events in ``layer`` (``curated``; ``own`` or None: the annotators' own layers), of
        ``annotator`` when given (in the curated layer: the curator)."""
        where, params = [], []
        if layer == CURATED:
            where.append("e.layer = ?")
            params.append(CURATED)
        elif layer in (None, "", "own"):
            where.append(OWN_LAYER_SQL)
        else:
            raise StoreError(f"unknown layer {layer!r}; use 'curated' or 'own'")
        if annotator:
            where.append("e.annotator = ?")
            params.append(annotator)
        sql = "SELECT e.id FROM events e WHERE " + " AND ".join(where)
        return {int(r[0]) for r in self.db.execute(sql, params)}

    def prefer_curated(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Decided-event rows (with ``id`` and ``document_id``) for training: in a document that has a curated
        layer only its curated events, elsewhere the rows as they are."""
        curated = {int(r[0]): int(r[1]) for r in self.db.execute(
            "SELECT id, document_id FROM events WHERE layer = ?", [CURATED])}
        if not curated:
            return rows
        documents = set(curated.values())
        return [r for r in rows if r["document_id"] not in documents or int(r["id"]) in curated]

    def curated_rows(self, document_id: int | None = None) -> list[dict[str, Any]]:
        """The curated layer's events (rows), in text order."""
        sql, params = "SELECT * FROM events WHERE layer = ?", [CURATED]
        if document_id is not None:
            sql += " AND document_id = ?"
            params.append(document_id)
        return self.db.execute_returning_dicts(sql + " ORDER BY document_id, sentence_start, id", params)

    # ------------------------------------------------------------------ merging

    def team_columns(self, document_id: int) -> dict[tuple[str, int], dict[str, Any]]:
        """One document's team columns (m009) per row: ``{("event", id): {layer, curated_from,
        curated_from_annotator, merged_from}, ("span", id): {merged_from}}``."""
        out: dict[tuple[str, int], dict[str, Any]] = {}
        for row in self.db.execute_returning_dicts(
            "SELECT id, layer, curated_from, curated_from_annotator, merged_from FROM events WHERE document_id = ?",
            [document_id],
        ):
            out[("event", int(row.pop("id")))] = row
        for kind, table in (("span", "spans"), ("relation", "relations")):
            for row in self.db.execute_returning_dicts(
                f"SELECT id, merged_from FROM [{table}] WHERE document_id = ?", [document_id]
            ):
                out[(kind, int(row.pop("id")))] = row
        return out

    def merged_ids(self, kind: str, keys: list[str]) -> dict[str, int]:
        """``{merged_from: id}`` for spans or events (``kind``) already merged from those keys."""
        table = {"span": "spans", "event": "events", "relation": "relations"}[kind]
        out: dict[str, int] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ", ".join("?" * len(chunk))
            for key, row_id in self.db.execute(
                f"SELECT merged_from, id FROM [{table}] WHERE merged_from IN ({marks})", chunk
            ):
                out[key] = int(row_id)
        return out

    def merge_rows(self, document_id: int, spans: list[dict[str, Any]], events: list[dict[str, Any]],
                   done_by: list[str], source: str, relations: list[dict[str, Any]] = ()) -> dict[str, Any]:
        """Add one document's merged spans, events and relations (rows with ``merged_from``; their span ids are
        the ``merged_from`` keys of the spans) unless merged before, and who marked it done; one transaction,
        journalled as one ``merge`` entry. Returns counts."""
        counts: dict[str, Any] = {"spans": 0, "relations": 0, "already": 0, "new_events": set()}
        with self.transaction():
            span_ids = self.merged_ids("span", [s["merged_from"] for s in spans])
            here = {(r["start"], r["end"], r["layer"], r["code"]): int(r["id"])
                    for r in self.db.execute_returning_dicts(
                        "SELECT id, start, end, layer, code FROM spans WHERE document_id = ?", [document_id])}
            for span in spans:
                if span["merged_from"] in span_ids:
                    continue
                same = here.get((span["start"], span["end"], span["layer"], span["code"]))
                if same is not None:  # the same words with the same code: one span, whoever marked it
                    span_ids[span["merged_from"]] = same
                    continue
                row = {k: v for k, v in span.items() if k != "id"}
                row["document_id"] = document_id
                span_ids[span["merged_from"]] = int(self.db["spans"].insert(row).last_pk)
                counts["spans"] += 1
            event_ids = self.merged_ids("event", [e["merged_from"] for e in events])
            for event in events:
                if event["merged_from"] in event_ids:
                    counts["already"] += 1
                    continue
                row = {k: v for k, v in event.items() if k != "id"}
                row["document_id"] = document_id
                for role in ("source", "target", "trigger", "location"):
                    key = row.get(f"{role}_span_id")
                    row[f"{role}_span_id"] = span_ids.get(key) if key is not None else None
                if isinstance(row.get("provenance"), dict):
                    row["provenance"] = json.dumps(row["provenance"], ensure_ascii=False, sort_keys=True)
                self.db["events"].insert(row)
                counts["new_events"].add(event["merged_from"])
            relation_ids = self.merged_ids("relation", [r["merged_from"] for r in relations])
            for relation in relations:
                if relation["merged_from"] in relation_ids:
                    continue
                row = {k: v for k, v in relation.items() if k != "id"}
                row.update(document_id=document_id, from_span_id=span_ids.get(row["from_span_id"]),
                           to_span_id=span_ids.get(row["to_span_id"]))
                if row["from_span_id"] is not None and row["to_span_id"] is not None:
                    self.db["relations"].insert(row)
                    counts["relations"] += 1
            for who in done_by:
                self.db.execute(
                    "INSERT OR REPLACE INTO annotator_documents(document_id, annotator, done, updated_at) "
                    "VALUES (?, ?, 1, datetime('now'))", [document_id, who])
            self._log("merge", "documents", document_id, None,
                      {"from": source, "events": len(counts["new_events"]), "spans": counts["spans"],
                       "already": counts["already"], "done_by": done_by})
        return counts

    # ------------------------------------------------------------------ packages (a copy for one annotator)

    def keep_only_documents(self, keep: set[int]) -> int:
        """For a package: drop every document not in ``keep`` (its events, spans, relations), every decision
        (the coder's suggestions stay, decided ones back as the history shows the coder made them; their spans
        back to suggested), every done mark and the history (so no one
        counts as having coded anything in the copy). Returns documents dropped. One transaction."""
        with self.transaction():
            drop = [int(r[0]) for r in self.db.execute("SELECT id FROM documents") if int(r[0]) not in keep]
            for chunk in _chunks(drop):
                marks = ", ".join("?" * len(chunk))
                for table in ("relations", "events", "spans", "annotator_documents", "documents"):
                    column = "id" if table == "documents" else "document_id"
                    self.db.execute(f"DELETE FROM [{table}] WHERE {column} IN ({marks})", chunk)
            restore_suggestions(self.db)  # decided suggestions back as the coder made them (the history says)
            self.db.execute("DELETE FROM relations")
            self.db.execute("DELETE FROM events WHERE NOT (origin = 'model' AND status = 'suggested')")
            self.db.execute(
                """DELETE FROM spans WHERE origin != 'model'
                   AND NOT EXISTS (SELECT 1 FROM events e WHERE e.source_span_id = spans.id
                       OR e.target_span_id = spans.id OR e.trigger_span_id = spans.id
                       OR e.location_span_id = spans.id)"""
            )
            self.db.execute("UPDATE spans SET status = 'suggested', annotator = NULL")
            self.db.execute("UPDATE events SET annotator = NULL")
            self.db.execute("DELETE FROM annotator_documents")
            self.db.execute("UPDATE documents SET done = 0")
            self.db.execute("DELETE FROM history")  # the copy starts afresh: no one's marks or decisions in it
            self._log("package", "documents", None, None, {"kept": len(keep), "dropped": len(drop)})
        return len(drop)
