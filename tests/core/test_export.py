"""Exports read back by the tools analysts use: pandas for CSV/TSV, our own importers for round trips."""

import json

import pandas as pd
import pytest

from eventcoder.core import commands
from eventcoder.core.errors import EventCoderError
from eventcoder.core.io.exporters import CSV_COLUMNS, export, export_formats
from eventcoder.core.io.importers import import_paths
from eventcoder.core.model import CodedDocument, Document, Relation, SuggestedEvent, SuggestedSpan
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

TEXT = (
    "Russia and India agreed to work together on Afghanistan. "
    "The US has threatened to impose sanctions on India.\nLavrov met Jaishankar in New Delhi."
)


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


@pytest.fixture
def coded_project(project):
    doc_id, _ = project.add_document(
        Document(text=TEXT, title="S-400 talks", published="2021-12-06", external_id="story-1", source="HT")
    )
    coded = CodedDocument(
        spans=[
            SuggestedSpan(0, 6, "Russia", code="RUSGOV"),
            SuggestedSpan(11, 16, "India", code="IND"),
            SuggestedSpan(17, 23, "agreed", layer="trigger", code="030"),
            SuggestedSpan(57, 63, "The US", code="USA"),
            SuggestedSpan(68, 78, "threatened", layer="trigger", code="1312"),
            SuggestedSpan(102, 107, "India", code="IND"),
            SuggestedSpan(134, 143, "New Delhi", layer="location"),
        ],
        events=[
            SuggestedEvent("030", "RUSGOV", "IND", source=0, target=1, trigger=2, sentence_start=0, sentence_end=56),
            SuggestedEvent("1312", "USA", "IND", source=3, target=5, trigger=4, sentence_start=57, sentence_end=108),
            SuggestedEvent("010", "RUSGOV", None, source=0, sentence_start=109, sentence_end=144, confidence=0.4),
        ],
    )
    project.save_coded(doc_id, coded, scheme="CAMEO")
    events = project.events(doc_id)
    commands.accept_event(project, events[0].id).apply(project)
    commands.accept_event(project, events[1].id).apply(project)
    commands.reject_event(project, events[2].id).apply(project)
    spans = project.spans(doc_id)
    commands.add_relation(Relation(doc_id, spans[0].id, spans[1].id, "member_of")).apply(project)
    return project


def test_csv_loads_in_pandas_with_codes_intact(coded_project, cameo, tmp_path):
    out = tmp_path / "events.csv"
    assert export(coded_project, "csv", out, cameo, "accepted") == 2
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert tuple(df.columns) == CSV_COLUMNS
    assert list(df["event_code"]) == ["030", "1312"]
    assert list(df["event_root"]) == ["03", "13"]
    first, second = df.iloc[0], df.iloc[1]
    assert (first.source_code, first.source_country, first.source_role, first.source_text) == (
        "RUSGOV",
        "RUS",
        "GOV",
        "Russia",
    )
    assert (first.target_code, first.target_country, first.target_text) == ("IND", "IND", "India")
    assert first.sentence == "Russia and India agreed to work together on Afghanistan."
    assert first.trigger_text == "agreed" and first.document_date == "2021-12-06"
    assert second.goldstein == "-5.8" and second.event_label and second.quad_class == "3"
    assert first.status == "accepted" and first.annotator == "tester"
    assert len(pd.read_csv(tmp_path / "events.csv", dtype=str)) == 2
    export(coded_project, "csv", tmp_path / "all.csv", cameo, None)
    assert sorted(pd.read_csv(tmp_path / "all.csv", dtype=str)["status"]) == ["accepted", "accepted", "rejected"]


def test_csv_columns_choose_and_rename(coded_project, cameo, tmp_path):
    out = tmp_path / "few.csv"
    export(coded_project, "csv", out, cameo, "accepted", columns="event_id,code=event_code,source_code")
    df = pd.read_csv(out, dtype=str)
    assert list(df.columns) == ["event_id", "code", "source_code"] and list(df["code"]) == ["030", "1312"]
    with pytest.raises(EventCoderError, match="unknown column 'nope'"):
        export(coded_project, "csv", out, cameo, "accepted", columns="nope")


def test_icews_tsv(coded_project, cameo, tmp_path):
    out = tmp_path / "events.tsv"
    export(coded_project, "tsv", out, cameo, "accepted")
    df = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns[:8]) == [
        "Event ID",
        "Event Date",
        "Source Name",
        "Source Sectors",
        "Source Country",
        "Event Text",
        "CAMEO Code",
        "Intensity",
    ]
    row = df.iloc[1]
    assert (row["CAMEO Code"], row["Intensity"], row["Source Country"], row["Target Country"]) == (
        "1312",
        "-5.8",
        "United States Of America",
        "India",
    )
    assert (row["Story ID"], row["Sentence Number"], row["Publisher"]) == ("story-1", "2", "HT")
    assert df.iloc[0]["Source Sectors"] == "Government"
    same = tmp_path / "same.tsv"
    export(coded_project, "csv", same, cameo, "accepted", delimiter="tab")
    assert same.read_text() == out.read_text()


def test_plover_jsonl_round_trip(coded_project, cameo, tmp_path):
    first = tmp_path / "one.jsonl"
    assert export(coded_project, "jsonl", first, cameo, "accepted") == 2
    records = [json.loads(line) for line in first.read_text().splitlines()]
    assert records[1]["event"] == "1312" and records[1]["actor"][0]["entity_text"] == "The US"
    assert records[0]["actor"][0] == {"code": "RUS", "sector": "GOV", "entity_text": "Russia", "actor_code": "RUSGOV",
                                      "start": 0, "end": 6}
    with Project(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [first])
        assert not report.refused and len(fresh.events()) == 2
        second = tmp_path / "two.jsonl"
        export(fresh, "jsonl", second, cameo, "accepted")

    def essence(path):
        keep = ("event", "actor", "recipient", "text", "date", "mode", "context", "event_label")
        return [{k: json.loads(line)[k] for k in keep} for line in path.read_text().splitlines()]

    assert essence(second) == essence(first)


def test_plover_records_attach_to_the_document_by_id(coded_project, cameo, tmp_path):
    out = tmp_path / "p.jsonl"
    export(coded_project, "jsonl", out, cameo, "accepted")
    rec = json.loads(out.read_text().splitlines()[0])
    rec.update(event="036", status="accepted", coder="bob")
    (tmp_path / "new.jsonl").write_text(json.dumps(rec) + "\n")
    before = coded_project.document_count()
    report = import_paths(coded_project, [tmp_path / "new.jsonl"])
    assert coded_project.document_count() == before and report.annotated
    new = [e for e in coded_project.events() if e.event_code == "036"]
    assert len(new) == 1 and new[0].sentence_start == 0 and new[0].annotator == "bob"
    assert coded_project.get_span(new[0].source_span_id).text == "Russia"


def test_brat_round_trip_is_byte_identical(coded_project, cameo, tmp_path):
    for status in ("accepted", None):
        first = tmp_path / f"brat1-{status}"
        export(coded_project, "brat", first, cameo, status)
        (ann,) = first.glob("*.ann")
        assert (first / "annotation.conf").exists() and ann.with_suffix(".txt").read_text() == TEXT
        with Project(tmp_path / f"fresh-{status}.db") as fresh:
            report = import_paths(fresh, [first])
            assert not report.refused and len(report.imported) == 1
            second = tmp_path / f"brat2-{status}"
            export(fresh, "brat", second, cameo, status)
        assert (second / ann.name).read_bytes() == ann.read_bytes()
    text = (tmp_path / "brat1-None" / "story-1.ann").read_text()
    assert "E1\tEV_030:T" in text and "Status E3 rejected" in text and "member_of Arg1:" in text
    assert "AnnotatorNotes T1\tRUSGOV" in text


def test_brat_import_refuses_mismatched_text_without_writing(project, tmp_path):
    (tmp_path / "a.txt").write_text("India and Russia agreed.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tActor 0 5\tIndia\nT2\tActor 10 16\tChina\n", encoding="utf-8")
    report = import_paths(project, [tmp_path])
    assert project.document_count() == 0
    assert "a.ann:2: text 'China' does not match 'Russia'" in report.refused[0][1]


def test_every_format_is_registered():
    assert {"csv", "tsv", "jsonl", "brat", "spacy", "doccano"} <= set(export_formats())


def test_spacy_docbin_reads_back(coded_project, cameo, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    warnings: list[str] = []
    assert export(coded_project, "spacy", out, cameo, "accepted", warnings=warnings) == 2
    (doc,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    assert [(s.text, s.label_) for s in doc.spans["actors"]] == [
        ("Russia", "RUSGOV"),
        ("India", "IND"),
        ("The US", "USA"),
        ("India", "IND"),
    ]
    assert [(s.text, s.label_) for s in doc.spans["triggers"]] == [("agreed", "030"), ("threatened", "1312")]
    assert doc.cats["03"] == 1.0 and doc.cats["13"] == 1.0 and doc.cats["19"] == 0.0 and len(doc.cats) == 20
    assert [e["event_code"] for e in doc.user_data["events"]] == ["030", "1312"]
    assert warnings == []


def test_spacy_misaligned_offsets_are_reported(project, cameo, tmp_path):
    from eventcoder.core.model import Span

    doc_id, _ = project.add_document(Document(text="Russians agreed."))
    span = project.add_span(Span(doc_id, 0, 6, "", code="RUS", status="accepted"))  # "Russia" inside "Russians"
    from eventcoder.core.model import Event

    project.add_event(Event(doc_id, "030", source_span_id=span.id, status="accepted"))
    warnings: list[str] = []
    export(project, "spacy", tmp_path / "x.spacy", cameo, "accepted", warnings=warnings)
    assert len(warnings) == 1 and "not on token boundaries; exported as 'Russians'" in warnings[0]


def test_doccano(coded_project, cameo, tmp_path):
    out = tmp_path / "doccano.jsonl"
    export(coded_project, "doccano", out, cameo, None)
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    labels = {(e["label"], record["text"][e["start_offset"] : e["end_offset"]]) for e in record["entities"]}
    assert ("ACTOR", "Russia") in labels and ("LOCATION", "New Delhi") in labels
    types = sorted(r["type"] for r in record["relations"])
    assert types == ["EV_030", "EV_1312", "member_of"]
