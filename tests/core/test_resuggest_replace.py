"""Re-suggesting a document replaces its pending suggestions in one transaction with one delete (store/suggestions.py
``save_coded``): afterwards the document holds exactly the analyst's events and the new coding's suggestions (a
suggestion made again beside an analyst's event is not kept, one that vanished goes, one made again keeps its id);
a save that dies half-way -- the process killed with SIGKILL after the old rows were deleted, or a write SQLite
refuses (a database full to its page limit) -- leaves the old suggestions exactly as they were. Real SQLite files."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eventcoder.core import commands
from eventcoder.core.errors import StoreError
from eventcoder.core.model import CodedDocument, Document, Event, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

TEXT = "The coast guard seized two fishing boats near the reef. Fishermen protested in the harbour on Tuesday."
SECOND = TEXT.index("Fishermen")


def _span(words: str, layer: str = "actor", code: str | None = None) -> SuggestedSpan:
    start = TEXT.index(words)
    return SuggestedSpan(start, start + len(words), words, layer=layer, code=code)


def _coding(protest: str, confidences: tuple[float, float]) -> CodedDocument:
    """171 AAAMIL -> BBB (first sentence) and ``protest`` CCC (second), with these confidences."""
    return CodedDocument(
        spans=[_span("coast guard", code="AAAMIL"), _span("seized", "trigger", "171"),
               _span("fishing boats", code="BBB"), _span("Fishermen", code="CCC"),
               _span("protested", "trigger", protest)],
        events=[SuggestedEvent("171", "AAAMIL", "BBB", 0, 2, 1, 0, SECOND - 1, confidence=confidences[0]),
                SuggestedEvent(protest, "CCC", None, 3, None, 4, SECOND, len(TEXT), confidence=confidences[1])],
    )


def _first_run() -> CodedDocument:
    return _coding("141", (0.5, 0.4))


def _second_run() -> CodedDocument:
    """The coder again: 171 AAAMIL -> BBB made again (surer), 141 gone, 145 CCC new."""
    return _coding("145", (0.7, 0.6))


def _events(project: Project, doc_id: int) -> list[tuple]:
    return sorted((e.event_code, e.source_code, e.target_code, e.status, e.origin, e.confidence)
                  for e in project.events(doc_id))


def _rows(path) -> dict[str, list[tuple]]:
    """Every event and span row as a plain sqlite3 reader sees it."""
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("events", "spans")}
    finally:
        con.close()


def _suggested(tmp_path) -> tuple:
    path = tmp_path / "news.db"
    with Project(path, annotator="ann") as project:
        doc_id, _ = project.add_document(Document(text=TEXT, title="reef"))
        project.save_coded(doc_id, _first_run(), scheme="CAMEO")
    return path, doc_id


def test_re_suggesting_leaves_exactly_the_new_suggestions_beside_the_analysts_events(tmp_path):
    path, doc_id = _suggested(tmp_path)
    with Project(path, annotator="ann") as project:
        seized = next(e for e in project.events(doc_id) if e.event_code == "171")
        # the analyst's own event between the same two actors in the first sentence (N in the window), the
        # suggestion there left pending: made again by the coder, it is that event, and is not kept beside it
        commands.add_event(Event(doc_id, "173", source_code="AAAMIL", target_code="BBB", sentence_start=0,
                                 sentence_end=SECOND - 1, status="accepted")).apply(project)
        assert project.get_event(seized.id).status == "suggested"
        counts = project.save_coded(doc_id, _second_run(), scheme="CAMEO")
        assert (counts["events"], counts["kept"], counts["already_decided"]) == (1, 0, 1)
        assert _events(project, doc_id) == [("145", "CCC", None, "suggested", "model", 0.6),
                                            ("173", "AAAMIL", "BBB", "accepted", "human", None)]
        assert project.get_row("event", seized.id) is None
        # every span left is one an event uses or the new coding made: no pending span of the old coding stays
        used = {i for e in project.events(doc_id)
                for i in (e.source_span_id, e.target_span_id, e.trigger_span_id) if i is not None}
        left = {(s.text, s.code, s.status) for s in project.spans(doc_id)}
        assert left == {("coast guard", "AAAMIL", "accepted"), ("fishing boats", "BBB", "accepted"),
                        ("seized", "171", "suggested"), ("Fishermen", "CCC", "suggested"),
                        ("protested", "145", "suggested")}
        assert used <= {s.id for s in project.spans(doc_id)}
        # once more, the same coding: nothing new, the pending 145 keeps its row
        (pending,) = [e for e in project.events(doc_id) if e.status == "suggested"]
        again = project.save_coded(doc_id, _second_run(), scheme="CAMEO")
        assert (again["events"], again["kept"], again["already_decided"]) == (0, 1, 1)
        assert [e.id for e in project.events(doc_id) if e.status == "suggested"] == [pending.id]


KILLED = textwrap.dedent("""
    import sys, time
    from eventcoder.core.store import Project
    from eventcoder.core.store.suggestions import SuggestionsMixin
    sys.path.insert(0, sys.argv[3])
    from test_resuggest_replace import _second_run

    insert = SuggestionsMixin._insert_suggestion

    def paused(self, table, row):
        # the old suggestions are deleted in this transaction by now: say so, then wait to be killed
        left = [r[0] for r in self.db.execute(
            "SELECT event_code FROM events WHERE document_id = ? AND status = 'suggested' ORDER BY event_code",
            [int(sys.argv[2])])]
        print("left: " + " ".join(left), flush=True)
        time.sleep(120)
        return insert(self, table, row)

    SuggestionsMixin._insert_suggestion = paused
    with Project(sys.argv[1], annotator="ann") as project:
        project.save_coded(int(sys.argv[2]), _second_run(), scheme="CAMEO")
""")


def test_a_save_killed_after_the_delete_leaves_the_old_suggestions(tmp_path):
    path, doc_id = _suggested(tmp_path)
    before = _rows(path)
    here = str(Path(__file__).parent)
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(path), str(doc_id), here],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline().strip()
        # 141 (not made again) is deleted in the child's transaction, 171 (made again) kept for its refresh
        assert line == "left: 171", (line, child.stderr.read() if child.poll() is not None else "")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _rows(path) == before  # the killed transaction left nothing: the old suggestions, their ids, as they were
    with Project(path, annotator="ann") as project:
        assert project.integrity_check() == []
        assert _events(project, doc_id) == [("141", "CCC", None, "suggested", "model", 0.4),
                                            ("171", "AAAMIL", "BBB", "suggested", "model", 0.5)]
        project.save_coded(doc_id, _second_run(), scheme="CAMEO")  # the run again: saved whole
        assert _events(project, doc_id) == [("145", "CCC", None, "suggested", "model", 0.6),
                                            ("171", "AAAMIL", "BBB", "suggested", "model", 0.7)]


def test_a_write_sqlite_refuses_half_way_leaves_the_old_suggestions(tmp_path):
    path, doc_id = _suggested(tmp_path)
    before = _rows(path)
    big = _second_run()
    evidence = "x" * 3000  # many large rows: more pages than the deleted rows give back
    for n in range(60):
        big.events.append(SuggestedEvent("010", "CCC", None, 3, None, None, SECOND, len(TEXT),
                                         evidence=f"{n}{evidence}"))
    with Project(path, annotator="ann") as project:
        pages = project.db.execute("PRAGMA page_count").fetchone()[0]
        project.db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a real SQLITE_FULL
        with pytest.raises(StoreError, match="cannot save"):
            project.save_coded(doc_id, big, scheme="CAMEO")
    assert _rows(path) == before
