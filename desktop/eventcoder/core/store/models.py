"""The type learner's data: trained models (weights of the newest few, figures of all), the earlier coded
records kept for training, and the decided events it trains on."""

from __future__ import annotations

import json
from typing import Any

from ..model import Status
from .base import ProjectBase, now_iso, text_sha256

KEEP_MODEL_BLOBS = 3  # trained models whose weights are kept per (kind, scheme); older ones keep their figures


class ModelsMixin(ProjectBase):
    """Trained models and what the learner trains on."""

    def decided_events(self, statuses: tuple[str, ...] = (Status.ACCEPTED.value, Status.REJECTED.value)
                       ) -> list[dict[str, Any]]:
        """Decided events with their sentence and trigger, in text order: what the type learner trains on."""
        marks = ", ".join("?" * len(statuses))
        return self.db.execute_returning_dicts(
            f"""SELECT e.id, e.document_id, e.event_code, e.status, e.origin, e.sentence_start, e.sentence_end,
                      e.scheme, t.start AS trig_start, d.text AS doc_text, d.published
               FROM events e JOIN documents d ON d.id = e.document_id
               LEFT JOIN spans t ON t.id = e.trigger_span_id
               WHERE e.status IN ({marks}) ORDER BY e.document_id, e.sentence_start, e.id""",
            list(statuses),
        )


    def save_model(self, kind: str, scheme: str, *, blob: str, metrics: str, trained_on: str) -> int:
        """Store a trained model as the next version for (kind, scheme); returns the version."""
        with self.transaction():
            row = self.db.execute(
                "SELECT max(version) FROM models WHERE kind = ? AND scheme = ?", [kind, scheme]
            ).fetchone()
            version = int(row[0] or 0) + 1
            self.db["models"].insert(
                {"kind": kind, "scheme": scheme, "version": version, "created_at": now_iso(),
                 "trained_on": trained_on, "metrics": metrics, "blob": blob}
            )
            # older versions keep their row (version, date, figures) but not their weights: a window that
            # retrains every 25 codings would otherwise grow the file by a model each time
            self.db.execute(
                "UPDATE models SET blob = '' WHERE kind = ? AND scheme = ? AND version <= ? AND blob != ''",
                [kind, scheme, version - KEEP_MODEL_BLOBS],
            )
            self._log("train", "models", version, None, {"kind": kind, "scheme": scheme, "version": version})
        return version

    def latest_model(self, kind: str, scheme: str | None = None, *, with_blob: bool = True) -> dict[str, Any] | None:
        """The newest stored model of ``kind`` (for ``scheme`` when given) as a row dict, or None."""
        if "models" not in self.db.table_names():
            return None
        cols = "id, kind, scheme, version, created_at, metrics, trained_on" + (", blob" if with_blob else "")
        sql, params = f"SELECT {cols} FROM models WHERE kind = ?", [kind]
        if scheme is not None:
            sql += " AND scheme = ?"
            params.append(scheme)
        rows = self.db.execute_returning_dicts(sql + " ORDER BY id DESC LIMIT 1", params)
        return rows[0] if rows else None

    def add_training_records(self, records: list[dict[str, Any]], source: str | None = None) -> int:
        """Keep earlier coded records (gold format) for training; the same record twice is kept once.
        Returns how many were new."""
        stamp, added = now_iso(), 0
        with self.transaction():
            for rec in records:
                body = json.dumps(rec, ensure_ascii=False, sort_keys=True)
                sha = text_sha256(body)
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO training_records(sha256, source, added_at, record) VALUES (?, ?, ?, ?)",
                    [sha, source, stamp, body],
                )
                added += cur.rowcount
            if added:
                self._log("add_training_records", "training_records", None, None, {"source": source, "added": added})
        return added

    def training_records(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT record FROM training_records ORDER BY id")]

    def training_record_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM training_records").fetchone()[0])

    def forget_training_records(self) -> int:
        with self.transaction():
            n = self.training_record_count()
            self.db.execute("DELETE FROM training_records")
            self._log("forget_training_records", "training_records", None, {"count": n}, None)
        return n
