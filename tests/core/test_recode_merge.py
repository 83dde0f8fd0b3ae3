"""Re-coding one document merges within that document: other documents' rows are never changed, and every
statement of the merge finds its rows through an index, so its cost does not grow with the project."""

from __future__ import annotations

import re

from eventcoder.core import commands
from eventcoder.core.model import CodedDocument, Document, Event, Relation, SuggestedEvent, SuggestedSpan

SENTENCES = ("Norway accused Chile over the fishing dispute.", "Kenya praised Ghana after the summit.",
             "Officials in Lima said nothing.")


def _story(name: str) -> str:
    return f"Story {name}. " + " ".join(SENTENCES)


def _coding(text: str, *, second_code: str = "051", with_lima: bool = True) -> CodedDocument:
    """Actors and triggers of the two events, and Lima: an actor span no event points at."""
    def span(word: str, layer: str = "actor", code: str | None = None) -> SuggestedSpan:
        at = text.index(word)
        return SuggestedSpan(at, at + len(word), word, layer=layer, code=code)

    spans = [span("Norway", code="NOR"), span("accused", "trigger", "112"), span("Chile", code="CHL"),
             span("Kenya", code="KEN"), span("praised", "trigger", second_code), span("Ghana", code="GHA")]
    if with_lima:
        spans.append(span("Lima"))
    first, second = (text.index(s) for s in SENTENCES[:2])
    events = [
        SuggestedEvent("112", "NOR", "CHL", source=0, target=2, trigger=1, sentence_start=first,
                       sentence_end=first + len(SENTENCES[0]), confidence=0.7),
        SuggestedEvent(second_code, "KEN", "GHA", source=3, target=5, trigger=4, sentence_start=second,
                       sentence_end=second + len(SENTENCES[1]), confidence=0.4),
    ]
    return CodedDocument(spans=spans, events=events)


def _rows(project, doc_id: int) -> dict[str, list[tuple]]:
    """Every stored row of one document, column by column."""
    out = {"documents": project.db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchall()}
    for table in ("spans", "events", "relations"):
        out[table] = project.db.execute(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY id", [doc_id]).fetchall()
    return out


def _coded_pair(project) -> tuple[int, int]:
    """Documents A and B, each coded, with its first event accepted and an analyst's relation between the
    actors of its second (still pending) event."""
    ids = []
    for name in ("A", "B"):
        doc_id, _ = project.add_document(Document(text=_story(name)))
        project.save_coded(doc_id, _coding(_story(name)), scheme="CAMEO")
        first = project.events(doc_id)[0]
        commands.accept_event(project, first.id).apply(project)
        by_word = {s.text: s for s in project.spans(doc_id)}
        commands.add_relation(Relation(doc_id, by_word["Kenya"].id, by_word["Ghana"].id, "ally")).apply(project)
        ids.append(doc_id)
    return ids[0], ids[1]


def test_recoding_a_document_leaves_every_row_of_another_as_it_was(project):
    doc_a, doc_b = _coded_pair(project)
    before_b = _rows(project, doc_b)
    assert "Lima" in {s.text for s in project.spans(doc_b)}  # a suggested span nothing points at
    accepted_a = project.events(doc_a, status="accepted")

    result = project.save_coded(doc_a, _coding(_story("A"), second_code="111", with_lima=False), scheme="CAMEO")

    assert _rows(project, doc_b) == before_b
    # "praised" is suggested again where a span already was: a replaced span, not a new one (the count the window
    # and `eventcoder code` report as "N new span(s)")
    assert result == {"spans": 0, "events": 1, "kept": 0, "already_decided": 1, "done_skipped": 0}
    assert project.events(doc_a, status="accepted") == accepted_a  # the analyst's event, as it was
    assert [(e.event_code, e.status) for e in project.events(doc_a, status="suggested")] == [("111", "suggested")]
    texts = sorted(s.text for s in project.spans(doc_a))
    # the accepted event's spans and the relation's are kept, "praised" is suggested anew with its new code,
    # Lima (suggested, pointed at by nothing, no longer in the coding) is gone
    assert texts == sorted(["Norway", "accused", "Chile", "Kenya", "praised", "Ghana"])
    assert project.integrity_check() == []


def test_a_span_another_document_points_at_is_kept(project):
    doc_a, doc_b = _coded_pair(project)
    lima = next(s for s in project.spans(doc_a) if s.text == "Lima")
    project.add_event(Event(document_id=doc_b, event_code="010", source_span_id=lima.id, status="accepted",
                            origin="human"))

    project.save_coded(doc_a, _coding(_story("A"), with_lima=False), scheme="CAMEO")

    assert project.get_span(lima.id).text == "Lima"
    assert project.integrity_check() == []


def _plans(project, statements: list[str]) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of each data statement, read through the project's own connection."""
    plans = {}
    for sql in statements:
        if re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", sql, re.IGNORECASE):
            plans[sql] = [row[3] for row in project.db.execute("EXPLAIN QUERY PLAN " + sql)]
    return plans


def test_every_statement_of_a_save_finds_its_rows_through_an_index(project):
    doc_a, _ = _coded_pair(project)
    for n in range(3):  # more documents, so nothing is small enough that a scan would look as good
        doc_id, _ = project.add_document(Document(text=_story(f"C{n}")))
        project.save_coded(doc_id, _coding(_story(f"C{n}")), scheme="CAMEO")
    statements: list[str] = []
    project.db.conn.set_trace_callback(statements.append)  # the statements as run, their values bound
    try:
        project.save_coded(doc_a, _coding(_story("A"), second_code="111"), scheme="CAMEO")
    finally:
        project.db.conn.set_trace_callback(None)
    plans = _plans(project, statements)

    span_delete = [plan for sql, plan in plans.items() if sql.lstrip().upper().startswith("DELETE FROM SPANS")]
    assert span_delete, "the save deleted no spans: nothing was measured"
    # the span delete's plan includes SQLite's foreign-key checks of each deleted span: an event or relation
    # column pointing at spans without an index shows here as a SCAN
    assert any("idx_relations_from_span_id" in line for line in span_delete[0])
    problems = []
    for sql, plan in plans.items():
        if "sqlite_master" in sql:  # a schema look-up: the schema does not grow with the project
            continue
        for line in plan:
            # a SCAN reads a whole table or index; a SEARCH on a range ("source_span_id>?") may too
            if (line.startswith("SCAN ") and line != "SCAN CONSTANT ROW") or (
                    line.startswith("SEARCH ") and not re.search(r"\(\w+=\?", line)):
                problems.append(f"{line}    in: {sql[:160]}")
    assert problems == []
