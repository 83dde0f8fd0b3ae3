import re
import sqlite3

import pytest
from sqlite_utils import Database

from eventcoder.core import store as store_mod
from eventcoder.core.errors import StoreError
from eventcoder.core.model import CodedDocument, Document, Event, Relation, Span, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

TEXT = "India and Russia agreed to work together. The US threatened sanctions on India."


def test_document_round_trip_and_dedup(project):
    doc_id, created = project.add_document(
        Document(text=TEXT, title="Talks", url="http://x", published="2021-12-06", metadata={"k": [1, "010"]})
    )
    assert created
    again, created2 = project.add_document(Document(text=TEXT, title="other title"))
    assert (again, created2) == (doc_id, False)
    doc = project.get_document(doc_id)
    assert doc.title == "Talks" and doc.text == TEXT and doc.published == "2021-12-06"
    assert doc.metadata == {"k": [1, "010"]}
    assert doc.sha256 == store_mod.text_sha256(TEXT)
    assert doc.imported_at


def test_spans_events_relations_round_trip(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    india = project.add_span(Span(document_id=doc_id, start=0, end=5, text="", code="IND"))
    russia = project.add_span(Span(document_id=doc_id, start=10, end=16, text="Russia", code="RUS"))
    assert india.text == "India" and india.created_at and india.version == 1
    ev = project.add_event(
        Event(
            document_id=doc_id,
            event_code="030",
            source_code="IND",
            target_code="RUS",
            source_span_id=india.id,
            target_span_id=russia.id,
            sentence_start=0,
            sentence_end=41,
            mode="future",
        )
    )
    got = project.get_event(ev.id)
    assert got.event_code == "030" and isinstance(got.event_code, str)
    assert (got.source_code, got.target_code, got.mode) == ("IND", "RUS", "future")
    rel = project.add_relation(Relation(document_id=doc_id, from_span_id=india.id, to_span_id=russia.id, type="ally"))
    assert [r.id for r in project.relations(doc_id)] == [rel.id]
    assert [s.code for s in project.spans(doc_id)] == ["IND", "RUS"]


def test_codes_keep_leading_zeros_in_sqlite(project, tmp_path):
    doc_id, _ = project.add_document(Document(text=TEXT))
    project.add_event(Event(document_id=doc_id, event_code="010", source_code="010"))
    raw = sqlite3.connect(project.path).execute("SELECT event_code, typeof(event_code) FROM events").fetchone()
    assert raw == ("010", "text")


def test_span_outside_document_refused(project):
    doc_id, _ = project.add_document(Document(text="short"))
    with pytest.raises(StoreError):
        project.add_span(Span(document_id=doc_id, start=3, end=99, text="x"))


def test_update_with_stale_version_is_refused(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    ev = project.add_event(Event(document_id=doc_id, event_code="042"))
    project.update_event(ev.id, expected_version=1, event_code="043")
    with pytest.raises(StoreError, match="changed elsewhere"):
        project.update_event(ev.id, expected_version=1, event_code="044")
    assert project.get_event(ev.id).event_code == "043"


def test_history_records_before_and_after(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    ev = project.add_event(Event(document_id=doc_id, event_code="042"))
    project.update_event(ev.id, status="accepted")
    last = project.history(1)[0]
    assert last["table_name"] == "events" and last["who"] == "tester"
    assert last["before"]["status"] == "suggested" and last["after"]["status"] == "accepted"


def test_failed_transaction_leaves_nothing(project):
    with pytest.raises(RuntimeError):
        with project.transaction():
            project.add_document(Document(text="will vanish"))
            raise RuntimeError("crash mid-action")
    assert project.document_count() == 0


def test_pragmas(project):
    assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_full_text_search(project):
    project.add_document(Document(text="Lavrov met Jaishankar in New Delhi.", title="Delhi"))
    project.add_document(Document(text="Floods in Bangladesh.", title="Floods"))
    assert [s.title for s in project.document_summaries(search="lavrov")] == ["Delhi"]
    assert project.document_count(search="flood") == 1  # porter stemming
    assert project.document_count(search='"unbalanced quote') == 0  # user input never breaks FTS syntax


def test_document_summaries_count_and_page(project):
    for i in range(5):
        doc_id, _ = project.add_document(Document(text=f"text {i}"))
        project.add_event(Event(document_id=doc_id, event_code="010", status="accepted" if i % 2 else "suggested"))
    page = project.document_summaries(limit=2, offset=2)
    assert [s.id for s in page] == [3, 4]
    assert (page[0].suggested, page[0].accepted, page[1].accepted) == (1, 0, 1)


def test_save_coded_is_idempotent_and_keeps_analyst_decisions(project):
    doc_id, _ = project.add_document(Document(text=TEXT))
    coded = CodedDocument(
        spans=[
            SuggestedSpan(0, 5, "India", code="IND"),
            SuggestedSpan(10, 16, "Russia", code="RUS"),
            SuggestedSpan(17, 23, "agreed", layer="trigger", code="030"),
        ],
        events=[SuggestedEvent("030", "IND", "RUS", source=0, target=1, trigger=2, sentence_start=0, sentence_end=41)],
    )
    first = project.save_coded(doc_id, coded, scheme="CAMEO")
    assert first["events"] == 1 and first["spans"] == 3
    assert project.save_coded(doc_id, coded)["kept"] == 1  # the same suggestion again keeps its row
    assert len(project.events(doc_id)) == 1 and len(project.spans(doc_id)) == 3
    ev = project.events(doc_id)[0]
    project.update_event(ev.id, status="rejected")
    again = project.save_coded(doc_id, coded)
    assert again == {"spans": 0, "events": 0, "kept": 0, "already_decided": 1, "done_skipped": 0}
    assert [e.status for e in project.events(doc_id)] == ["rejected"]


def test_migration_from_v1(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    store_mod.migrations.apply(db, stop_before="m002_document_search")
    db["documents"].insert({"text": "old text about Gondor", "sha256": "x", "title": "old"})
    db.close()
    with Project(path) as p:
        assert p.schema_version == store_mod.SCHEMA_VERSIONS[-1]
        assert p.document_count(search="gondor") == 1
    assert list((tmp_path / "backups").glob("old-*-before-m002_document_search.db"))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Project(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "eventcoder", "name": "m999_future", "applied_at": "x"})
    db.close()
    with pytest.raises(StoreError, match="newer EventCoder"):
        Project(path)


def test_not_a_project(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello, not sqlite at all")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Project(junk)
    other = tmp_path / "other.db"
    Database(other)["things"].insert({"a": 1})
    with pytest.raises(StoreError, match="not an EventCoder project"):
        Project(other)


def test_default_db_path_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTCODER_DB", str(tmp_path / "x.db"))
    assert store_mod.default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("EVENTCODER_DB")
    assert store_mod.default_db_path().name == "eventcoder.db"


def test_integrity_check_and_backup(project, tmp_path):
    project.add_document(Document(text=TEXT))
    assert project.integrity_check() == []
    target = project.backup(tmp_path / "copy.db")
    with Project(target) as copy:
        assert copy.document_count() == 1


def test_auto_backup_only_when_stale_and_rotated(tmp_path):
    import os
    import time

    path = tmp_path / "p.db"
    with Project(path, auto_backup=True) as p:
        assert p.backups() == []  # empty project: nothing worth a backup
        p.add_document(Document(text=TEXT))
    with Project(path, auto_backup=True) as p:
        assert len(p.backups()) == 1
    with Project(path, auto_backup=True) as p:
        assert len(p.backups()) == 1  # the last one is younger than 30 minutes
        import datetime as dt

        old = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(12)).timestamp()
        for i in range(14):
            made = p.backup()
            stamp = old + i * 60 if i < 4 else time.time() - 100 + i
            os.utime(made, (stamp, stamp))
        p.rotate_backups(keep_recent=10)
        kept = p.backups()
        assert len(kept) == 11  # ten recent, plus the newest of the old day


def test_restore_round_trip(tmp_path):
    path = tmp_path / "p.db"
    with Project(path) as p:
        p.add_document(Document(text="kept"))
        saved = p.backup()
        p.add_document(Document(text="added after the backup"))
        safety = p.restore(saved)
        assert p.document_count() == 1 and p.integrity_check() == []
    with Project(safety) as before:
        assert before.document_count() == 2


def test_committed_v1_fixture_is_migrated_with_a_backup(tmp_path):
    import shutil

    from ..conftest import REPO

    path = tmp_path / "project_v1.db"
    shutil.copy(REPO / "tests" / "data" / "project_v1.db", path)
    with Project(path) as p:
        assert p.schema_version == store_mod.SCHEMA_VERSIONS[-1]
        assert p.document_count(search="treaty") == 1  # the v2 search index was built over old rows
        (event,) = p.events()
        assert (event.event_code, event.source_code, event.status) == ("057", "GON", "accepted")
        assert len(p.backups()) == 1 and p.integrity_check() == []


def test_document_summary_of_one(project):
    doc_id, _ = project.add_document(Document(text=TEXT, title="One"))
    project.add_document(Document(text="other"))
    project.add_event(Event(document_id=doc_id, event_code="010", status="rejected"))
    one = project.document_summary(doc_id)
    assert (one.id, one.title, one.rejected, one.suggested) == (doc_id, "One", 1, 0)
    assert [s.id for s in project.document_summaries(ids=[])] == []
    with pytest.raises(StoreError):
        project.document_summary(999)


def test_most_useful_next_order(project):
    ids = [project.add_document(Document(text=f"Article number {k}.", title=str(k)))[0] for k in range(5)]
    for doc_id, conf in zip(ids, (0.9, 0.2, None, 0.4, 0.1), strict=True):
        if conf is not None:
            project.add_event(Event(document_id=doc_id, event_code="042", confidence=conf))
    project.add_event(Event(document_id=ids[0], event_code="042", confidence=0.3, status="accepted"))  # decided
    project.set_document_done(ids[4], True)
    useful = project.ordered_document_ids(order="useful")
    # not done first; least confident pending suggestion first; nothing pending after; done last
    assert useful == [ids[1], ids[3], ids[0], ids[2], ids[4]]
    assert [s.id for s in project.document_summaries()] == ids
    assert project.ordered_document_ids(order="useful", status="todo") == useful[:4]
    with pytest.raises(ValueError, match="unknown document order"):
        project.ordered_document_ids(order="random")


def test_untouched_documents_are_those_nobody_decided_anything_in(project):
    ids = [project.add_document(Document(text=f"Story {k}.", title=str(k)))[0] for k in range(5)]
    for doc_id in ids:
        project.add_event(Event(document_id=doc_id, event_code="042", status="suggested", origin="model"))
    project.add_event(Event(document_id=ids[1], event_code="042", status="accepted", origin="model"))
    project.add_event(Event(document_id=ids[2], event_code="042", status="accepted", origin="human"))
    project.set_document_done(ids[3], True)
    assert project.untouched_documents(10) == [ids[0], ids[4]]
    assert project.untouched_documents(10, exclude=(ids[0],)) == [ids[4]]
    assert project.untouched_documents(1) == [ids[0]]


def test_only_the_newest_model_weights_are_kept(project):
    versions = [project.save_model("type", "PLOVER", blob=f'{{"n": {k}}}', metrics="{}", trained_on="{}")
                for k in range(5)]
    assert versions == [1, 2, 3, 4, 5]
    project.save_model("type", "CAMEO", blob='{"n": 0}', metrics="{}", trained_on="{}")
    blobs = dict(project.db.execute("SELECT version, blob FROM models WHERE scheme = 'PLOVER'").fetchall())
    assert [v for v, b in sorted(blobs.items()) if b] == [3, 4, 5] and len(blobs) == 5  # rows stay
    assert project.latest_model("type", "PLOVER")["blob"] == '{"n": 4}'
    assert project.latest_model("type", "CAMEO")["blob"] == '{"n": 0}'


def test_ordered_document_ids_filter_and_search(project):
    ids = [project.add_document(Document(text=f"Item {k}.", title=str(k)))[0] for k in range(6)]
    for doc_id, conf in zip(ids, (0.5, None, 0.1, 0.9, None, 0.3), strict=True):
        if conf is not None:
            project.add_event(Event(document_id=doc_id, event_code="042", confidence=conf))
    project.set_document_done(ids[5], True)
    assert project.ordered_document_ids(status="todo") == [ids[2], ids[0], ids[3], ids[1], ids[4]]
    assert project.ordered_document_ids(search="Item", order="id") == ids


# --------------------------------------------------------------------------- rows by kind, errors as StoreError


def test_rows_are_named_by_kind_and_a_document_takes_only_safe_changes(project):
    from eventcoder.core import commands
    from eventcoder.core.model import RowKind

    doc_id, _ = project.add_document(Document(text=TEXT, title="Talks", published="2021-12-06"))
    event = project.add_event(Event(doc_id, "036", status="accepted", origin="human"))
    assert project.get_row(RowKind.EVENT, event.id)["event_code"] == "036"
    assert project.last_change(RowKind.EVENT, event.id)["action"] == "insert"
    undo = commands.UpdateRow(RowKind.DOCUMENT, doc_id, {"published": "2021-12-07", "title": "Met"}).apply(project)
    assert (project.get_document(doc_id).published, project.get_document(doc_id).title) == ("2021-12-07", "Met")
    undo.apply(project)
    assert (project.get_document(doc_id).published, project.get_document(doc_id).title) == ("2021-12-06", "Talks")
    with pytest.raises(StoreError, match="cannot change text of a document"):
        project.update_row(RowKind.DOCUMENT, doc_id, {"text": "something else"})
    assert project.get_document(doc_id).text == TEXT
    with pytest.raises(StoreError, match="no kind of row is called 'event_codes'"):
        project.get_row("event_codes", 1)


def test_reads_fail_as_store_errors_never_as_sqlite_errors(tmp_path):
    path = tmp_path / "p.db"
    with Project(path, annotator="tester") as p:
        doc_id, _ = p.add_document(Document(text=TEXT))
        p.add_event(Event(doc_id, "036"))
    raw = sqlite3.connect(path)  # another program damages the file's tables (the project is closed)
    raw.execute("DROP TABLE meta")
    raw.execute("ALTER TABLE events RENAME TO gone")
    raw.commit()
    raw.close()
    p = Project(path, annotator="tester")
    try:
        with pytest.raises(StoreError, match=r"cannot read .*no such table: meta"):
            p.get_meta("scheme")
        with pytest.raises(StoreError, match="cannot read .*no such table: events"):
            list(p.iter_events())  # a generator fails as its caller iterates it
        with pytest.raises(StoreError, match="cannot read"):
            p.document_summaries()
        with pytest.raises(StoreError, match="cannot save"):  # inside a write: a failed save, rolled back
            p.set_meta("scheme", "cameo")
    finally:
        p.close()
    with pytest.raises(StoreError, match="cannot read .*closed"):
        p.data_version()


def test_a_part_mixed_in_later_raises_store_errors_too(project):
    from eventcoder.core.store import ProjectBase

    class ReportMixin(ProjectBase):
        def broken_report(self) -> int:
            return int(self.db.execute("SELECT count(*) FROM no_such_table").fetchone()[0])

    class Extended(ReportMixin, Project):
        pass

    extended = Extended(project.path, annotator="tester")
    try:
        with pytest.raises(StoreError, match="no such table: no_such_table"):
            extended.broken_report()
    finally:
        extended.close()


def test_merging_a_coding_reads_only_the_documents_rows(project):
    """Every statement ``save_coded`` runs finds its rows by the document, an id, or a foreign key's index --
    never by a scan or an index (status, layer...) that holds rows of every document: re-coding a document costs
    the same in a project of 200 documents and in one of 20,000 (bench/bench_recode.py measures it)."""
    doc_id, _ = project.add_document(Document(text=TEXT))
    coded = CodedDocument(
        spans=[SuggestedSpan(0, 5, "India", code="IND"), SuggestedSpan(10, 16, "Russia", code="RUS"),
               SuggestedSpan(17, 23, "agreed", layer="trigger", code="057")],
        events=[SuggestedEvent("057", "IND", "RUS", source=0, target=1, trigger=2, sentence_start=0,
                               sentence_end=41, confidence=0.5),
                SuggestedEvent("036", "RUS", "IND", source=1, target=0, sentence_start=0, sentence_end=41)],
    )
    project.save_coded(doc_id, coded)
    project.update_event(project.events(doc_id)[1].id, status="rejected")  # a decision to keep
    statements: list[str] = []
    project.db.conn.set_trace_callback(statements.append)
    try:
        coded.events[0].confidence = 0.6  # made again: refreshed in place
        project.save_coded(doc_id, coded)
    finally:
        project.db.conn.set_trace_callback(None)
    reads = [s for s in statements if s.lstrip().split()[0].upper() in ("SELECT", "DELETE", "UPDATE")]
    assert any("FROM events" in s for s in reads) and any("FROM spans" in s for s in reads)
    by_document = re.compile(r"USING (INTEGER PRIMARY KEY|(COVERING )?INDEX \w+ \((document_id|\w+_span_id|rowid)=\?)")
    wide = []
    for sql in reads:
        for *_ids, detail in project.db.conn.execute("EXPLAIN QUERY PLAN " + sql):
            if re.match(r"(SCAN|SEARCH) (events|spans|relations|e|t|r)\b", detail) and not by_document.search(detail):
                wide.append(f"{detail}  <-  {' '.join(sql.split())[:120]}")
    assert wide == []
