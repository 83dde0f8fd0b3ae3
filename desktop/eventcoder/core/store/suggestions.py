"""Merging a fresh coding into a document (``save_coded``): the analyst's decisions stay, pending
suggestions made again keep their rows, and only the document's rows are read, so a save costs the same in
a project of 200 documents and in one of 20,000."""

from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from ..model import CodedDocument, Origin, Status
from .base import ProjectBase, now_iso
from .rows import provenance_json
from .team import TEAM_LAYERS


class SuggestionsMixin(ProjectBase):
    """A fresh coding merged into a document; which documents can be re-suggested."""

    def save_coded(self, document_id: int, coded: CodedDocument, scheme: str | None = None) -> dict[str, int]:
        """Replace the model's pending suggestions for a document with a fresh coding.

        Anything an analyst touched (accepted, rejected, edited, or made by hand) stays as it is, and a
        suggestion on the trigger, or in the sentence between the actors, of something the analyst already
        decided is not suggested again (whatever its code), so re-running is idempotent. A document marked
        done is left as it is.
        """
        with self.transaction():
            done = self.db.execute("SELECT done FROM documents WHERE id = ?", [document_id]).fetchone()
            if done is None:
                raise StoreError(f"no document with id {document_id}")
            if done[0]:  # the analyst finished it: no run adds to-dos to it (mark it to do again to re-suggest)
                return {"spans": 0, "events": 0, "kept": 0, "already_decided": 0, "done_skipped": 1}
            # several annotators in one file (team layers): one annotator's decisions keep the suggestions for the
            # others (whose view hides what they decided, core/team/layers.py); unnamed and curated ones still count
            team = "" if self.get_meta(TEAM_LAYERS) != "1" else (
                " AND e.decides IS NULL AND (coalesce(e.annotator, '') = '' OR coalesce(e.layer, '') != '')")
            decided_rows = self.db.execute_returning_dicts(
                "SELECT e.event_code, e.source_code, e.target_code, e.sentence_start, t.start AS trig, "
                "e.suggested_key FROM events e LEFT JOIN spans t ON t.id = e.trigger_span_id "
                "WHERE e.document_id = ? AND NOT (e.origin = 'model' AND e.status = 'suggested')" + team,
                [document_id],
            )
            # an analyst decided something here already (accepted, rejected, recoded or added). The same
            # suggestion again -- as the coder first made it, whatever code the analyst gave it since -- or one in
            # the same sentence between the same two actors, whatever its code, is that event: never suggested
            # beside the analyst's decision
            decided_events = {_event_key(r) for r in decided_rows}
            decided_suggestions = {r["suggested_key"] for r in decided_rows if r["suggested_key"]}
            decided_dyads = {
                (r["sentence_start"], r["source_code"], r["target_code"])
                for r in decided_rows
                if r["sentence_start"] is not None and r["source_code"] and r["target_code"]
            }

            def decided(ev: Any) -> bool:
                trig_start = coded.spans[ev.trigger].start if ev.trigger is not None else None
                key = (ev.event_code, ev.source_code, ev.target_code, ev.sentence_start, trig_start)
                return key in decided_events or _suggestion_key(ev, coded) in decided_suggestions or bool(
                    ev.source_code and ev.target_code
                    and (ev.sentence_start, ev.source_code, ev.target_code) in decided_dyads)

            fresh_events = [ev for ev in coded.events if not decided(ev)]
            skipped = len(coded.events) - len(fresh_events)
            # a pending suggestion the coder makes again keeps its row and id (refreshed in place): the window's
            # selection, an export's event_id and the history keep naming the same event across re-runs; one made
            # again beside an analyst's decision is not wanted, and goes with the rest below (one delete)
            wanted = {_suggestion_key(ev, coded) for ev in fresh_events}
            still: dict[str, int] = {}
            # "+": only the document's index may serve this (an index on status gives the rows in id order, so
            # SQLite would read every pending suggestion of the project instead of the document's few)
            for row in self.db.execute(
                "SELECT id, suggested_key FROM events WHERE document_id = ? AND +origin = 'model' "
                "AND +status = 'suggested' ORDER BY id", [document_id]
            ):
                if row[1] in wanted and row[1] not in still:
                    still[row[1]] = int(row[0])
            # where the document had spans before this run: a span made again at its place (its old suggestion
            # dropped just below, and put back) is no new span, whatever its row
            placed = {(r[0], r[1], r[2]) for r in self.db.execute(
                "SELECT start, end, layer FROM spans WHERE document_id = ?", [document_id])}
            self._drop_pending_suggestions(document_id, keep=set(still.values()))
            kept = {
                (r["start"], r["end"], r["layer"]): r["id"]
                # the shared (nobody's) span at a place wins over an annotator's copy of it (team layers)
                for r in self.db.query("SELECT id, start, end, layer FROM spans WHERE document_id = ? "
                                       "ORDER BY annotator IS NULL, id", [document_id])
            }
            stamp = now_iso()
            span_ids: list[int | None] = []
            new_spans = 0
            for s in coded.spans:
                key = (s.start, s.end, s.layer)
                if key in kept:
                    span_ids.append(kept[key])
                    continue
                row = {
                    "document_id": document_id,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "layer": s.layer,
                    "code": s.code,
                    "status": Status.SUGGESTED.value,
                    "origin": Origin.MODEL.value,
                    "confidence": s.confidence,
                    "evidence": s.evidence,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                }
                if s.origin is not None:  # how the coder found it (m015); NULL, the default, when nothing says
                    row["found_by"] = s.origin
                span_id = self._insert_suggestion("spans", row)
                kept[key] = span_id
                span_ids.append(span_id)
                new_spans += key not in placed
            new_events = refreshed = 0
            for ev in fresh_events:
                src = span_ids[ev.source] if ev.source is not None else None
                tgt = span_ids[ev.target] if ev.target is not None else None
                trig = span_ids[ev.trigger] if ev.trigger is not None else None
                place = getattr(ev, "location", None)  # the span of where it happened (core/suggest/places.py)
                suggested_key = _suggestion_key(ev, coded)
                fresh = {
                        "document_id": document_id,
                        "event_code": ev.event_code,
                        "source_code": ev.source_code,
                        "target_code": ev.target_code,
                        "source_span_id": src,
                        "target_span_id": tgt,
                        "trigger_span_id": trig,
                        "location": coded.spans[place].text if place is not None else None,
                        "location_span_id": span_ids[place] if place is not None else None,
                        "sentence_start": ev.sentence_start,
                        "sentence_end": ev.sentence_end,
                        "date": ev.date,
                        "mode": ev.mode,
                        "context": ev.context,
                        "scheme": scheme,
                        "status": Status.SUGGESTED.value,
                        "origin": Origin.MODEL.value,
                        "confidence": ev.confidence,
                        "evidence": ev.evidence,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "version": 1,
                        "suggested_key": suggested_key,
                        "provenance": provenance_json(ev.provenance),
                }
                same = still.pop(suggested_key, None)
                if same is None:
                    self._insert_suggestion("events", fresh)
                    new_events += 1
                else:
                    self._refresh_suggestion(same, fresh)
                    refreshed += 1
            self._log(
                "code",
                "documents",
                document_id,
                None,
                {"spans": new_spans, "events": new_events, "kept": refreshed, "scheme": scheme},
            )
        return {"spans": new_spans, "events": new_events, "kept": refreshed, "already_decided": skipped,
                "done_skipped": 0}

    def _refresh_suggestion(self, event_id: int, fresh: dict[str, Any]) -> None:
        """A pending suggestion made again: its row takes the new coding's details (confidence, evidence, spans,
        provenance); the version moves on only when something changed."""
        changes = {k: v for k, v in fresh.items() if k not in ("created_at", "updated_at", "version")}
        columns = list(changes)
        differs = " OR ".join(f"[{c}] IS NOT ?" for c in columns)
        assignments = ", ".join(f"[{c}] = ?" for c in columns)
        self.db.execute(
            f"UPDATE events SET {assignments}, updated_at = ?, version = version + 1 WHERE id = ? AND ({differs})",
            [*changes.values(), fresh["updated_at"], event_id, *changes.values()],
        )

    def _insert_suggestion(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row of a fresh coding, returning its id: a plain ``INSERT`` (its statement cached by
        sqlite3), without the schema look-ups and savepoint sqlite-utils' ``insert`` makes for each row."""
        columns = ", ".join(f"[{name}]" for name in row)
        cursor = self.db.execute(
            f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
        return int(cursor.lastrowid)

    def _drop_pending_suggestions(self, document_id: int, keep: set[int] = frozenset()) -> None:
        """Delete one document's pending model suggestions: its suggested events, and its suggested spans that
        no event or relation (an analyst's, or of another document) still points at.

        Only the document's rows are read: its events and spans through ``document_id``, the rows pointing at
        each of its spans through the foreign-key indexes (m007), never a list of every span in use in the
        project; so a save costs the same in a project of 200 documents and in one of 20,000."""
        marks = ", ".join("?" * len(keep))
        self.db.execute(
            "DELETE FROM events WHERE document_id = ? AND origin = 'model' AND status = 'suggested'"
            + (f" AND id NOT IN ({marks})" if keep else ""),
            [document_id, *sorted(keep)],
        )
        self.db.execute(
            """DELETE FROM spans WHERE document_id = ? AND origin = 'model' AND status = 'suggested'
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.source_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.target_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trigger_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.location_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM relations r WHERE r.from_span_id = spans.id)
               AND NOT EXISTS (SELECT 1 FROM relations r WHERE r.to_span_id = spans.id)""",
            [document_id],
        )

    def untouched_documents(self, limit: int, exclude: tuple[int, ...] = ()) -> list[int]:
        """Documents still to do whose suggestions nobody has decided yet (none accepted, rejected or added by
        an analyst), in import order: what can be re-suggested without touching anyone's work."""
        marks = ", ".join("?" * len(exclude))
        rows = self.db.execute(
            f"""SELECT d.id FROM documents d
                WHERE d.done = 0 {f"AND d.id NOT IN ({marks})" if exclude else ""}
                  AND EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND e.status = 'suggested')
                  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id
                                  AND (e.status != 'suggested' OR e.origin != 'model'))
                ORDER BY d.id LIMIT ?""",
            [*exclude, limit],
        ).fetchall()
        return [int(r[0]) for r in rows]


def _suggestion_key(ev: Any, coded: CodedDocument) -> str:
    """What identifies a suggestion across runs: its code, actors, sentence and trigger position (JSON)."""
    trig = coded.spans[ev.trigger].start if ev.trigger is not None else None
    key = (ev.event_code, ev.source_code, ev.target_code, ev.sentence_start, trig)
    return json.dumps(list(key), ensure_ascii=False)


def _event_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["event_code"], r["source_code"], r["target_code"], r["sentence_start"], r["trig"])

