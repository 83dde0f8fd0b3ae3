import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.core.errors import ImportRefused
from eventcoder.core.io.importers import import_paths, read_csv, read_jsonl, read_txt
from eventcoder.core.io.textfiles import decode_bytes

from ..conftest import SEEDS


def test_seed_article_imports_with_its_opening_words_as_title(project):
    report = import_paths(project, [SEEDS])
    assert len(report.imported) == 1 and not report.refused
    doc = project.get_document(report.imported[0][1])
    seed = next(SEEDS.glob("*.txt"))
    # the first line is a paragraph, not a headline: its opening words, cut at a word; the file name is the source
    assert doc.title == "The deal between India and Russia for S-400 air defence systems is…"
    assert doc.source == seed.name
    assert doc.text.startswith("The deal between India and Russia")
    again = import_paths(project, [seed])
    assert again.summary() == "0 imported, 1 skipped, 0 refused"


def test_txt_headline_becomes_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Russia and India agree on S-400 deal\n\nBody text here.", encoding="utf-8")
    (doc,) = read_txt(f)
    assert doc.title == "Russia and India agree on S-400 deal"


def test_folder_is_recursive_and_refusals_do_not_stop_the_batch(project, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "sub" / "two.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    report = import_paths(project, [tmp_path])
    assert sorted(n.split("/")[-1] for n, _ in report.imported) == ["one.txt", "two.txt"]
    refused = {n.split("/")[-1]: why for n, why in report.refused}
    assert set(refused) == {"empty.txt", "binary.txt", "image.txt"}
    assert "empty" in refused["empty.txt"] and "binary" in refused["binary.txt"]
    assert project.document_count() == 2


def test_latin1_falls_back(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Le ministre français a déclaré à Genève que la réunion était terminée.".encode("latin-1"))
    (doc,) = read_txt(f)
    assert "français" in doc.text and "Genève" in doc.text


def test_jsonl_import_with_fields(project, tmp_path):
    f = tmp_path / "news.jsonl"
    rows = [
        {"id": "a1", "text": "Text one.", "title": "One", "date": "20211206", "url": "http://a", "extra": 5},
        {"text": "Text two.", "date": "2021-12-07T10:00:00Z"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    report = import_paths(project, [f])
    assert len(report.imported) == 2
    one = project.get_document(report.imported[0][1])
    assert (one.external_id, one.title, one.published, one.url, one.metadata) == (
        "a1",
        "One",
        "2021-12-06",
        "http://a",
        {"extra": 5},
    )
    assert project.get_document(report.imported[1][1]).published == "2021-12-07"


def test_jsonl_bad_line_refuses_whole_file_with_line_number(project, tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "fine"}\n{"text": broken}\n', encoding="utf-8")
    report = import_paths(project, [f])
    assert report.imported == [] and project.document_count() == 0
    assert ":2:" in report.refused[0][1] or "bad.jsonl:2" in report.refused[0][1]
    with pytest.raises(ImportRefused, match="bad.jsonl:2: invalid JSON"):
        read_jsonl(f)


def test_csv_import_and_errors(project, tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,title,text,date\n007,Bond,"Text, with comma",2021-01-02\n', encoding="utf-8")
    (doc,) = read_csv(f)
    assert (doc.external_id, doc.title, doc.text, doc.published) == ("007", "Bond", "Text, with comma", "2021-01-02")
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="nocol.csv:1: no 'text' column"):
        read_csv(nocol)
    badrow = tmp_path / "badrow.csv"
    badrow.write_text("text,date\nfine,2020-01-01\n,2020-01-02\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="badrow.csv:3: missing or empty 'text'"):
        read_csv(badrow)
    baddate = tmp_path / "baddate.csv"
    baddate.write_text("text,date\nfine,yesterday\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="baddate.csv:2: unreadable date"):
        read_csv(baddate)


def test_unknown_and_missing_files_are_refused(project, tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    report = import_paths(project, [pdf, tmp_path / "missing.txt"])
    (pdf_why, missing_why) = [why for _, why in report.refused]
    assert pdf_why.startswith("unknown file type .pdf; use ") and ".txt" in pdf_why
    assert missing_why == "no such file"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_decoder_never_crashes(data):
    try:
        text = decode_bytes(data, "x")
    except ImportRefused as exc:
        assert str(exc).startswith("x: ")
    else:
        assert isinstance(text, str) and text.strip()


FUZZ_FORMATS = {"txt": ".txt", "jsonl": ".jsonl", "csv": ".csv", "plover": ".jsonl", "brat": ".ann"}
FUZZ_LINES = [
    '{"text": "x", "event": "AGREE", "actor": [{"code": "IND"}]}',
    "T1\tActor 0 5\tIndia",
    "E1\tEV_030:T1 Source:T1",
    '{"text": 5}',
    "#1\tAnnotatorNotes T1\tIND",
    "[]",
]


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8")),
        st.lists(st.sampled_from(FUZZ_LINES), max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8")),
    ),
    fmt=st.sampled_from(sorted(FUZZ_FORMATS)),
)
def test_every_importer_gives_documents_or_a_refusal(tmp_path, data, fmt):
    from eventcoder.core.io.importers import IMPORTERS, detect_format

    detect_format(tmp_path)  # registers the plug-in formats
    path = tmp_path / f"fuzz{FUZZ_FORMATS[fmt]}"
    path.write_bytes(data)
    if fmt == "brat":
        path.with_suffix(".txt").write_text("India and Russia agreed.", encoding="utf-8")
    try:
        docs = IMPORTERS[fmt](path)
    except ImportRefused as exc:
        assert str(path.with_suffix("")) in str(exc)
    else:
        assert docs


def test_a_bad_record_late_in_a_file_writes_nothing(project, tmp_path):
    f = tmp_path / "late.jsonl"
    f.write_text("\n".join([json.dumps({"text": f"doc {i}"}) for i in range(50)] + ["{oops"]), encoding="utf-8")
    report = import_paths(project, [f])
    assert report.imported == [] and project.document_count() == 0
    assert "late.jsonl:51" in report.refused[0][1]
