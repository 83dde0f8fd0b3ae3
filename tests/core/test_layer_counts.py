"""One layer at a time in the overview and `eventcoder report` (a shared file with team layers: two annotators
deciding the same suggestions must not count one event twice), and each annotator's own "done" mark."""

from __future__ import annotations

import csv
import html
import sqlite3

import pytest

from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.errors import StoreError
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.overview import build_overview, in_export_layer, in_view
from eventcoder.core.schemes import load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project
from eventcoder.core.store.overview import OverviewFilter
from eventcoder.core.team import curation
from eventcoder.core.team.layers import layer_event_ids, view_scope, visible

FIRST = "The harbour police arrested three smugglers at the pier. Afterwards the mayor thanked the police."
SECOND = "Border guards fired on a convoy near the river. The ministry condemned the guards."


def _coded(text: str, one: tuple[str, str, str, str], two: tuple[str, str, str, str]) -> CodedDocument:
    spans, events = [], []
    starts = [0, text.index(". ") + 2]
    for n, (code, subject, trigger, obj) in enumerate((one, two)):
        at = starts[n]
        base = len(spans)
        for word, layer, span_code in ((subject, "actor", "AAAPOL"), (trigger, "trigger", code),
                                       (obj, "actor", "BBBCRM")):
            start = text.index(word, at)
            spans.append(SuggestedSpan(start, start + len(word), word, layer=layer, code=span_code))
        end = starts[1] - 1 if n == 0 else len(text)
        events.append(SuggestedEvent(code, "AAAPOL", "BBBCRM", source=base, target=base + 2, trigger=base + 1,
                                     sentence_start=at, sentence_end=end, confidence=0.3 + 0.2 * n))
    return CodedDocument(spans=spans, events=events)


@pytest.fixture
def shared(tmp_path):
    """Two documents, four shared suggestions; ana accepts three and rejects one, ben accepts all four."""
    path = tmp_path / "shared.db"
    with Project(path, annotator="ana") as p:
        first, _ = p.add_document(Document(text=FIRST, title="Pier", published="2024-03-05"))
        second, _ = p.add_document(Document(text=SECOND, title="River", published="2024-04-10"))
        p.save_coded(first, _coded(FIRST, ("173", "harbour police", "arrested", "smugglers"),
                                   ("051", "mayor", "thanked", "police")), scheme="CAMEO")
        p.save_coded(second, _coded(SECOND, ("190", "Border guards", "fired", "convoy"),
                                    ("112", "ministry", "condemned", "guards")), scheme="CAMEO")
        p.set_team_layers(True)
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        for event in ana.events():
            if event.event_code == "112":
                commands.reject_event(ana, event.id, expected_version=event.version).apply(ana)
            else:
                commands.accept_event(ana, event.id, expected_version=event.version).apply(ana)
            commands.accept_event(ben, event.id, expected_version=event.version).apply(ben)
    return path, first, second


def _hand_count(path, where: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM events WHERE {where}").fetchone()[0]


def test_overview_counts_one_layer(shared):
    path, _first, _second = shared
    scheme = load_scheme("cameo")
    with Project(path, annotator="ana") as p:
        every = build_overview(p, scheme, OverviewFilter(status="accepted"), parts=["types", "quads"])
        assert every.types.total == 7  # every layer at once: ana's 3 and ben's 4 (the suggestions are pending)
        mine = build_overview(p, scheme, in_view(p, OverviewFilter(status="accepted"), "mine"), parts=["types"])
        assert mine.types.total == 3 and {b.key: b.count for b in mine.types.bars} == {"17": 1, "05": 1, "19": 1}
        bens = in_view(p, OverviewFilter(status="accepted"), "ben")
        assert build_overview(p, scheme, bens, parts=["types"]).types.total == 4
        assert bens.layer == "ben's layer"
        # suggested: in my layer only the shared suggestions I have not decided -- none left
        pending = build_overview(p, scheme, in_view(p, OverviewFilter(status="suggested"), "mine"), parts=["types"])
        assert pending.types.total == 0
        assert build_overview(p, scheme, OverviewFilter(status="suggested"), parts=["types"]).types.total == 4
        totals = p.overview_totals(in_view(p, OverviewFilter(), "mine"))
        assert totals.events == {"accepted": 3, "suggested": 0, "rejected": 1}
        # by month under my layer: March 2 (173, 051), April 1 (190)
        quads = build_overview(p, scheme, in_view(p, OverviewFilter(), "mine"), parts=["quads"]).quads
        assert quads.months == ("2024-03", "2024-04")
        assert [sum(s.counts[i] for s in quads.series) for i in range(2)] == [2, 1]
        # a bar's events: exactly my layer's
        bar = next(b for b in mine.types.bars if b.key == "17")
        ids = bar.selection.event_ids(p, in_view(p, OverviewFilter(), "mine"))
        assert [p.get_event(i).annotator for i in ids] == ["ana"]
        # mine with team layers off: every event, as before
        p.set_team_layers(False)
        assert in_view(p, OverviewFilter(), "mine").layer_ids is None


def test_the_curated_layer_by_sql_agrees_with_the_rule(shared):
    path, first, _second = shared
    with Project(path, annotator="cur") as p:
        cur = curation.load(p, lambda code: code[:2])
        take = curation.take_agreed(p, cur)
        assert take is not None
        take.apply(p)
        by_sql = view_scope(p, "curated")
        by_rule = visible(p.layer_rows(), "curated", "cur", True)
        assert by_sql == by_rule and by_sql  # the store's SQL and the rule agree
        assert by_sql == layer_event_ids(p, "curated", None)
        assert by_sql == {int(r[0]) for r in sqlite3.connect(path).execute(
            "SELECT id FROM events WHERE layer = 'curated'")}
        curated = build_overview(p, load_scheme("cameo"), in_view(p, OverviewFilter(status="accepted"), "curated"),
                                 parts=["types"])
        assert curated.types.total == _hand_count(path, "layer = 'curated' AND status = 'accepted'")
        # the annotators' layers agree with the rule too: ana's own rows + nothing shared left for her
        assert view_scope(p, "ana") == visible(p.layer_rows(), "ana", "cur", True)


def _report(path, out, *extra: str) -> dict[str, int]:
    assert main(["report", "--db", str(path), "--out", str(out), *extra]) == 0
    with open(out / "totals.csv", encoding="utf-8") as fh:
        return {row["what"]: int(row["count"]) for row in csv.DictReader(fh)}


def test_report_per_layer_agrees_with_sql(shared, tmp_path):
    path, _first, _second = shared
    every = _report(path, tmp_path / "all")
    assert every["events in the figures"] == _hand_count(path, "status = 'accepted'") == 7
    assert every["events rejected"] == _hand_count(path, "status = 'rejected'")
    bens = _report(path, tmp_path / "ben", "--annotator", "ben")
    assert bens["events in the figures"] == _hand_count(path, "status = 'accepted' AND annotator = 'ben'") == 4
    anas = _report(path, tmp_path / "ana", "--layer", "own", "--annotator", "ana")
    assert anas["events in the figures"] == _hand_count(path, "status = 'accepted' AND annotator = 'ana'") == 3
    assert anas["events rejected"] == _hand_count(path, "status = 'rejected' AND annotator = 'ana'") == 1
    own = _report(path, tmp_path / "own", "--layer", "own")
    assert own["events in the figures"] == _hand_count(path, "status = 'accepted' AND coalesce(layer, '') = ''")
    curated = _report(path, tmp_path / "cur", "--layer", "curated")
    assert curated["events in the figures"] == 0 == _hand_count(path, "layer = 'curated'")
    page = (tmp_path / "ben" / "report.html").read_text(encoding="utf-8")
    assert html.escape("in ben's layer") in page
    with Project(path, annotator="x") as p:  # the CLI's filter is the export's rule
        f = in_export_layer(p, OverviewFilter(), "own", "ben")
        assert f.layer_ids == frozenset(layer_event_ids(p, "own", "ben"))


def test_done_is_each_annotators_own_and_undoable(shared):
    path, first, second = shared
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        session = CodingSession(ana)
        session.open_document(first)
        assert not session.doc.document.done
        assert session.set_done(True)
        assert session.doc.document.done and ana.get_document(first).done
        assert not ben.get_document(first).done  # ben's own mark: still to do
        assert ana.annotator_done(first, "ana") and not ana.annotator_done(first, "ben")
        with sqlite3.connect(path) as db:  # the document's shared mark is untouched
            assert db.execute("SELECT done FROM documents WHERE id = ?", [first]).fetchone()[0] == 0
        # the documents list and "most useful next" follow my marks
        assert [s.done for s in ana.document_summaries()] == [True, False]
        assert [s.done for s in ben.document_summaries()] == [False, False]
        assert ana.document_summaries(status="todo")[0].id == second
        assert [s.id for s in ben.document_summaries(status="todo")] == [first, second]
        assert ana.ordered_document_ids(order="useful")[-1] == first
        assert ana.ordered_document_ids(status="done") == [first]
        assert ben.ordered_document_ids(status="done") == []
        # the overview's progress and the team picture: per annotator, from the marks
        commands.set_document_done(ben, second, True).apply(ben)
        progress = ana.overview_progress()
        assert progress.team and progress.done == 2
        assert {(a.annotator, a.done, a.todo) for a in progress.annotators} == {("ana", 1, 1), ("ben", 1, 1)}
        picture = {r["who"]: r["documents_done"] for r in ana.team_picture()}
        assert picture == {"ana": 1, "ben": 1}
        # undo, redo; an undo after someone else changed the mark is refused
        assert session.undo() and not session.doc.document.done and not ana.annotator_done(first, "ana")
        assert session.redo() and session.doc.document.done
        ana.set_annotator_done(first, "ana", False)  # another window of ana's
        assert not session.undo()
        with pytest.raises(StoreError):
            ana.set_annotator_done(99_999, "ana", True)


def test_done_without_team_layers_is_unchanged(tmp_path):
    path = tmp_path / "solo.db"
    with Project(path, annotator="ana") as p:
        doc, _ = p.add_document(Document(text=FIRST, title="Pier"))
        session = CodingSession(p)
        session.open_document(doc)
        assert session.set_done(True)
        assert p.get_document(doc).done and p.document_summaries()[0].done
        assert p.done_by_annotator() == {}  # the document's own mark, as before
        assert p.overview_progress().done == 1 and not p.overview_progress().team
        assert session.undo() and not p.get_document(doc).done
