"""After a re-run, "N new span(s)" counts only spans at places the document had none: a span that only took
the place of an old suggestion (dropped and made again) is not new. The real CLI and coder, real files."""

from __future__ import annotations

from pathlib import Path

from eventcoder.cli import main
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TEXT = "Ruritania accused Freedonia of shelling Ostra. Freedonia denied it."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_second_run_of_eventcoder_code_reports_no_new_spans(capsys, tmp_path):
    db = tmp_path / "news.db"
    assert run(capsys, "import", str(SEED), "--db", str(db))[0] == 0
    code, out, err = run(capsys, "code", "--all", "--db", str(db))
    assert code == 0, err
    with Project(db) as project:
        spans = project.db.execute_returning_dicts("SELECT id, start, end, layer FROM spans ORDER BY id")
    assert spans and f"{len(spans)} new span(s)" in out
    code, out, err = run(capsys, "code", "--all", "--db", str(db))
    assert code == 0, err
    assert "0 new event suggestion(s)" in out and ", 0 new span(s)," in out
    with Project(db) as project:  # the same places, as before
        again = project.db.execute_returning_dicts("SELECT start, end, layer FROM spans ORDER BY start, end, layer")
    assert again == sorted(({k: s[k] for k in ("start", "end", "layer")} for s in spans),
                           key=lambda s: (s["start"], s["end"], s["layer"]))


def test_spans_that_replace_old_suggestions_are_not_counted_but_a_new_place_is(tmp_path):
    with Project(tmp_path / "p.db") as project:
        doc_id, _ = project.add_document(Document(text=TEXT))
        spans = [SuggestedSpan(0, 9, "Ruritania", code="RUR"), SuggestedSpan(10, 17, "accused", layer="trigger"),
                 SuggestedSpan(18, 27, "Freedonia", code="FRE")]
        first = project.save_coded(doc_id, CodedDocument(spans=list(spans), events=[
            SuggestedEvent("112", "RUR", "FRE", 0, 2, 1, 0, 46)]), scheme="CAMEO")
        assert (first["spans"], first["events"]) == (3, 1)
        # the coder now codes the sentence otherwise: the old suggestion and its spans go, the same places come back
        recoded = project.save_coded(doc_id, CodedDocument(spans=list(spans), events=[
            SuggestedEvent("111", "RUR", "FRE", 0, 2, 1, 0, 46)]), scheme="CAMEO")
        assert (recoded["spans"], recoded["events"], recoded["kept"]) == (0, 1, 0)
        # one more actor, at a place the document had no span: that one is new
        more = project.save_coded(doc_id, CodedDocument(spans=[*spans, SuggestedSpan(40, 45, "Ostra", code="OST")],
                                                        events=[SuggestedEvent("111", "RUR", "FRE", 0, 2, 1, 0, 46)]),
                                  scheme="CAMEO")
        assert (more["spans"], more["events"], more["kept"]) == (1, 0, 1)
