"""Several annotators sharing one project file, each in their own layer (team layers on): a suggestion one of them
decides stays pending for the others; each sees their own decisions; undo, version checks, re-suggesting,
agreement and export keep to the layers."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap

import pytest

from eventcoder.core import commands
from eventcoder.core.errors import StoreError
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project
from eventcoder.core.team.agreement import from_projects
from eventcoder.core.team.layers import view_event_ids

TEXT = "The coast guard seized two fishing boats near the reef. Later the navy praised the fishermen."


def _coded() -> CodedDocument:
    navy, fishermen, praised = TEXT.index("navy"), TEXT.index("fishermen"), TEXT.index("praised")
    second = TEXT.index("Later")
    return CodedDocument(
        spans=[
            SuggestedSpan(4, 15, "coast guard", code="AAAMIL"),
            SuggestedSpan(16, 22, "seized", layer="trigger", code="171"),
            SuggestedSpan(27, 40, "fishing boats", code="BBB"),
            SuggestedSpan(navy, navy + 4, "navy", code="AAAMIL"),
            SuggestedSpan(praised, praised + 7, "praised", layer="trigger", code="051"),
            SuggestedSpan(fishermen, fishermen + 9, "fishermen", code="BBB"),
        ],
        events=[
            SuggestedEvent("171", "AAAMIL", "BBB", source=0, target=2, trigger=1, sentence_start=0,
                           sentence_end=second - 1, confidence=0.4),
            SuggestedEvent("051", "AAAMIL", "BBB", source=3, target=5, trigger=4, sentence_start=second,
                           sentence_end=len(TEXT), confidence=0.6),
        ],
    )


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.db"
    with Project(path, annotator="ana") as p:
        doc_id, _ = p.add_document(Document(text=TEXT, title="Reef"))
        p.save_coded(doc_id, _coded(), scheme="CAMEO")
        p.set_team_layers(True)
    return path, doc_id


def _statuses(project: Project, doc_id: int, view: str = "mine") -> list[tuple[str, str, str | None]]:
    shown = view_event_ids(project, view, doc_id)
    return sorted((e.event_code, e.status, e.annotator) for e in project.events(doc_id) if e.id in shown)


def test_each_annotator_decides_in_their_own_layer(team_file):
    path, doc_id = team_file
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        seized = next(e for e in ana.events(doc_id) if e.event_code == "171")
        commands.accept_event(ana, seized.id, expected_version=seized.version).apply(ana)
        # ben saw the same suggestion, at the same version: his decision is his, not refused by ana's
        commands.reject_event(ben, seized.id, expected_version=seized.version).apply(ben)
        assert ana.get_event(seized.id).status == "suggested"  # the shared suggestion itself stays pending
        assert _statuses(ana, doc_id) == [("051", "suggested", None), ("171", "accepted", "ana")]
        assert _statuses(ben, doc_id) == [("051", "suggested", None), ("171", "rejected", "ben")]
        # on demand, the other's layer; and every row
        assert _statuses(ana, doc_id, "ben") == _statuses(ben, doc_id)
        assert len(view_event_ids(ana, "all", doc_id)) == 4
        mine = [e for e in ana.events(doc_id) if e.annotator == "ana"]
        assert mine[0].decides == seized.id and mine[0].origin == "model"
        # an accepted decision has its own spans (ana's, accepted); ben's rejection leaves the shared ones alone
        spans = {s.id: s for s in ana.spans(doc_id)}
        assert spans[mine[0].source_span_id].annotator == "ana" and spans[mine[0].source_span_id].status == "accepted"
        assert spans[seized.source_span_id].status == "suggested" and spans[seized.source_span_id].annotator is None
        # counts in the document list follow the layer too
        assert (ana.document_summary(doc_id).suggested, ana.document_summary(doc_id).accepted) == (1, 1)
        assert (ben.document_summary(doc_id).suggested, ben.document_summary(doc_id).rejected) == (1, 1)


def test_two_processes_decide_the_same_suggestion_differently(team_file):
    path, doc_id = team_file
    script = textwrap.dedent(f"""
        import sys
        from eventcoder.core import commands
        from eventcoder.core.store import Project
        who, verb = sys.argv[1], sys.argv[2]
        with Project({str(path)!r}, annotator=who) as p:
            ev = next(e for e in p.events({doc_id}) if e.event_code == "171" and e.status == "suggested")
            getattr(commands, verb + "_event")(p, ev.id, expected_version=ev.version).apply(p)
    """)
    for who, verb in (("ana", "accept"), ("ben", "reject")):
        subprocess.run([sys.executable, "-c", script, who, verb], check=True, timeout=120)
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        assert ("171", "accepted", "ana") in _statuses(ana, doc_id)
        assert ("171", "rejected", "ben") in _statuses(ben, doc_id)
        for p in (ana, ben):  # the other suggestion is pending for both; the decided one for neither
            assert [c for c, s, _ in _statuses(p, doc_id) if s == "suggested"] == ["051"]
        with Project(path, annotator="cai") as cai:  # a third annotator still has both to decide
            assert [s for _c, s, _w in _statuses(cai, doc_id)] == ["suggested", "suggested"]


def test_session_shows_my_layer_undo_and_next_undecided(team_file):
    path, doc_id = team_file
    with Project(path, annotator="ana") as p:
        session = CodingSession(p)
        session.open_document(doc_id)
        first = session.current_event  # opened: my first undecided suggestion is current
        assert first is not None and first.event_code == "171"
        assert session.accept()
        codes = [(e.event_code, e.status) for e in session.doc.events]
        assert codes == [("051", "suggested"), ("171", "accepted")]
        assert session.current_event.event_code == "051"  # the next undecided one is selected
        assert session.undo()
        assert sorted((e.event_code, e.status) for e in session.doc.events) == [("051", "suggested"),
                                                                                ("171", "suggested")]
        assert all(e.annotator is None for e in p.events(doc_id))  # the decision (and its spans) are gone
        assert session.redo()
        assert ("171", "accepted") in [(e.event_code, e.status) for e in session.doc.events]
        # an edited suggestion is the annotator's event too, the suggestion untouched
        praised = next(e for e in session.doc.events if e.event_code == "051")
        assert session.edit_event(praised.id, event_code="042")
        assert sorted((e.event_code, e.status) for e in session.doc.events) == [("042", "accepted"),
                                                                                ("171", "accepted")]
        assert p.get_event(praised.id).status == "suggested" and p.get_event(praised.id).event_code == "051"
        # another annotator's layer, on demand: read only
        session.set_layer_view("ben")
        assert sorted((e.event_code, e.status) for e in session.doc.events) == [("051", "suggested"),
                                                                                ("171", "suggested")]
        assert not session.accept(session.doc.events[0].id)
        assert all(e.annotator != "ben" for e in p.events(doc_id))
        session.set_layer_view("mine")
        assert len(session.doc.events) == 2


def test_version_check_and_decided_elsewhere(team_file):
    path, doc_id = team_file
    with Project(path, annotator="ana") as ana:
        seized = next(e for e in ana.events(doc_id) if e.event_code == "171")
        ana.update_event(seized.id, confidence=0.9)  # the coder refreshed it after it was shown
        with pytest.raises(StoreError, match="changed elsewhere"):
            commands.accept_event(ana, seized.id, expected_version=seized.version).apply(ana)
        assert [e for e in ana.events(doc_id) if e.annotator] == []  # nothing was written
        fresh = ana.get_event(seized.id)
        commands.accept_event(ana, seized.id, expected_version=fresh.version).apply(ana)
        with pytest.raises(StoreError, match="decided by ana already"):  # e.g. from a second window of hers
            commands.reject_event(ana, seized.id, expected_version=fresh.version).apply(ana)
        assert [(e.status, e.annotator) for e in ana.events(doc_id) if e.annotator] == [("accepted", "ana")]


def test_resuggesting_keeps_each_annotators_decisions_and_the_others_suggestions(team_file):
    path, doc_id = team_file
    with Project(path, annotator="ana") as ana:
        seized = next(e for e in ana.events(doc_id) if e.event_code == "171")
        commands.reject_event(ana, seized.id).apply(ana)
        result = ana.save_coded(doc_id, _coded(), scheme="CAMEO")  # the coder runs again
        assert result["events"] == 0 and result["kept"] == 2
        assert _statuses(ana, doc_id) == [("051", "suggested", None), ("171", "rejected", "ana")]
        # the suggestion ana decided is still there for ben, under the same id
        with Project(path, annotator="ben") as ben:
            assert seized.id in view_event_ids(ben, "mine", doc_id)
        # dropped and made again (a new id): still not shown to ana, who decided it
        ana._drop_pending_suggestions(doc_id)
        ana.save_coded(doc_id, _coded(), scheme="CAMEO")
        assert _statuses(ana, doc_id) == [("051", "suggested", None), ("171", "rejected", "ana")]


def test_agreement_over_one_file_uses_the_layers(team_file):
    path, doc_id = team_file
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        ids = {e.event_code: e.id for e in ana.events(doc_id)}
        commands.accept_event(ana, ids["171"]).apply(ana)
        commands.accept_event(ana, ids["051"]).apply(ana)
        commands.accept_event(ben, ids["171"]).apply(ben)
        praised = ben.get_event(ids["051"])
        commands.edit_event(ben, praised.id, event_code="042").apply(ben)
        got = from_projects([ana], lambda code: code[:2]).as_dict(explain=False)
    assert got["annotators"] == ["ana", "ben"] and got["units"] == 2 and got["slots"] == 2
    # one sentence agrees (171 / 171), one differs on the code (051 / 042). Nominal alpha by hand: n = 4 values,
    # D_o = 2/4 (the two ordered pairs of the second unit), D_e = (4^2 - (2^2 + 1 + 1)) / (4 * 3) = 10/12,
    # alpha = 1 - D_o / D_e = 0.4; the pending suggestion nobody's layer holds counts for no one
    assert got["alpha"]["code"] == pytest.approx(0.4)
    assert got["alpha"]["source"] is None or got["alpha"]["source"] == pytest.approx(1.0)


def test_export_one_annotators_layer(team_file, tmp_path):
    path, doc_id = team_file
    with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
        ids = {e.event_code: e.id for e in ana.events(doc_id)}
        commands.accept_event(ana, ids["171"]).apply(ana)
        commands.accept_event(ben, ids["051"]).apply(ben)
    out = tmp_path / "ben.csv"
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "export", "--db", str(path), "--format", "csv",
                          "--out", str(out), "--annotator", "ben"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["event_code"], r["annotator"], r["status"]) for r in rows] == [("051", "ben", "accepted")]
    from eventcoder.core.io.exporters import export
    from eventcoder.core.schemes import load_scheme

    with Project(path, annotator="ana") as ana:  # a layer passed to export itself (as the window's job does)
        every = tmp_path / "ana-all.jsonl"
        count = export(ana, "jsonl", every, load_scheme("cameo"), None, annotator="ana")
        records = [json.loads(line) for line in every.read_text(encoding="utf-8").splitlines()]
        # a document format: her event's spans, none of ben's own (his accepted copies of the 051 words)
        folder = tmp_path / "ana-brat"
        assert export(ana, "brat", folder, load_scheme("cameo"), "accepted", annotator="ana") == 1
        ann = "".join(f.read_text(encoding="utf-8") for f in folder.glob("*.ann"))
    # ana's layer: her decision, and the suggestion she has not decided (ben's decision is not hers)
    assert count == 2 and sorted(r.get("status") for r in records) == ["accepted", "suggested"]
    assert "coast guard" in ann and "seized" in ann and "navy" not in ann and "praised" not in ann


def test_turning_team_layers_on_from_the_cli(tmp_path):
    path = tmp_path / "p.db"
    with Project(path, annotator="ana") as p:
        p.add_document(Document(text=TEXT))
    for state, expected in (("on", True), ("off", False)):
        run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "team", "layers", state, "--db", str(path)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        with Project(path) as p:
            assert p.team_layers() is expected


def test_a_cancelled_package_leaves_no_copy(team_file, tmp_path):
    from eventcoder.core.team.merge import PackageCancelled, package

    path, _doc_id = team_file
    out = tmp_path / "copies"
    out.mkdir()
    made: list[int] = []
    with Project(path, annotator="ana") as p:
        with pytest.raises(PackageCancelled):
            package(p, out, ["ann", "bob", "cai"], progress=made.append, cancelled=lambda: len(made) >= 2)
        assert made == [1, 2] and sorted(x.name for x in out.iterdir()) == []  # two made, then removed
        copies = package(p, out, ["ann", "bob"], progress=made.append)
    assert made[-1] == 2 and sorted(x.name for x in out.iterdir() if x.suffix == ".db") == ["ann.db", "bob.db"]
    with Project(copies["ann"]) as copy:
        assert copy.get_meta("team_annotator") == "ann"


def test_most_useful_next_is_per_annotator(team_file):
    path, first = team_file
    with Project(path, annotator="ana") as ana:
        second, _ = ana.add_document(Document(text=TEXT.replace("reef", "pier"), title="Pier"))
        coded = _coded()
        for ev in coded.events:
            ev.confidence = 0.9  # the second document's suggestions are surer: the first is worth coding first
        ana.save_coded(second, coded, scheme="CAMEO")
        assert ana.ordered_document_ids(order="useful") == [first, second]
        for event in ana.events(first):
            commands.accept_event(ana, event.id).apply(ana)
        # ana has nothing left to decide in the first document; ben still has everything
        assert ana.ordered_document_ids(order="useful") == [second, first]
        with Project(path, annotator="ben") as ben:
            assert ben.ordered_document_ids(order="useful") == [first, second]


def test_showing_the_curated_layer_still_takes_the_adjudicators_choices(team_file):
    path, doc_id = team_file
    with Project(path, annotator="cur") as p:
        session = CodingSession(p)
        session.open_document(doc_id)
        session.set_layer_view("curated")
        assert session.doc.events == [] and "curated layer" in session.coding_refused()
        assert session.set_done(True) is False  # the analyst's own changes wait for their own layer
        assert session.do(commands.set_document_done(p, doc_id, True), any_layer=True) is not None  # adjudication
        assert p.get_document(doc_id).done
        assert session.undo() and not p.get_document(doc_id).done
        session.set_layer_view("all")
        assert len(session.doc.events) == 2 and session.coding_refused() == ""


def test_decisions_from_before_team_layers_stay_theirs_and_a_rerun_gives_the_others_the_suggestions(tmp_path):
    path = tmp_path / "was-solo.db"
    with Project(path, annotator="ana") as ana:
        doc_id, _ = ana.add_document(Document(text=TEXT))
        ana.save_coded(doc_id, _coded(), scheme="CAMEO")
        for event in ana.events(doc_id):  # decided in their own rows, before team layers were on
            commands.accept_event(ana, event.id).apply(ana)
        ana.set_team_layers(True)
        with Project(path, annotator="ben") as ben:
            assert _statuses(ben, doc_id) == []  # nothing left for ben: the rows are ana's decisions
            result = ana.save_coded(doc_id, _coded(), scheme="CAMEO")  # the coder runs again
            assert result["events"] == 2
            assert _statuses(ben, doc_id) == [("051", "suggested", None), ("171", "suggested", None)]
        assert _statuses(ana, doc_id) == [("051", "accepted", "ana"), ("171", "accepted", "ana")]
