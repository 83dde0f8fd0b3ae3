import json
from pathlib import Path

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


def test_txt_headline_ending_on_a_quotation_is_the_whole_title(tmp_path):
    # an abbreviation inside and a quotation at the end: still the headline line, not its first "sentence"
    f = tmp_path / "a.txt"
    f.write_text('Ghana tells U.N. to close its office "within a month"\n\nACCRA, May 2, 2023 (Wire) - Ghana said.',
                 encoding="utf-8")
    (doc,) = read_txt(f)
    assert doc.title == 'Ghana tells U.N. to close its office "within a month"'
    g = tmp_path / "b.txt"
    g.write_text('He said "we are leaving."\n\nMore text follows here.', encoding="utf-8")
    (doc,) = read_txt(g)
    assert doc.title == 'He said "we are leaving."'  # a sentence, not a headline: its opening words


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


# ---------------------------------------------------------------- hostile files: refused with file:line, never raised

TABLES = ("documents", "spans", "events", "relations", "history")


def row_counts(project) -> dict[str, int]:
    return {t: int(project.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


PLOVER_OK = {"text": "Peru and Bolivia signed a river treaty.", "event": "AGREE", "actor": [{"code": "PER"}]}
DEEP = "[" * 6000 + "]" * 6000


@pytest.mark.parametrize(
    ("name", "second_line", "why"),
    [
        ("deep.jsonl", '{"text": "Ducks crossed the road.", "extra": ' + DEEP + "}", "JSON nested too deeply"),
        ("deep_list.jsonl", DEEP, "JSON nested too deeply"),
        ("bigint.jsonl", '{"text": "Owls hooted.", "count": ' + "7" * 5000 + "}", "a number over 4,300 digits"),
        ("surrogate.jsonl", '{"text": "A kettle \\ud800 boiled."}', "a lone surrogate \\ud800"),
        ("surrogate_key.jsonl", '{"text": "Bread rose.", "\\udc37": 1}', "a lone surrogate \\udc37"),
        ("title.jsonl", '{"text": "Snow fell.", "title": {"a": 1}}', "'title' must be text"),
        ("digit_id.jsonl", json.dumps({**PLOVER_OK, "document_id": "²"}), "'document_id' '²' is not a number"),
        ("list_id.jsonl", json.dumps({**PLOVER_OK, "document_id": [3]}), "'document_id' must be a document id"),
        ("dict_event.jsonl", json.dumps({**PLOVER_OK, "event": {"x": 1}}), "'event' must be a code"),
        ("number_event.jsonl", json.dumps({**PLOVER_OK, "event": 42}), "'event' must be a code"),
        ("list_event.jsonl", json.dumps({**PLOVER_OK, "event": ["AGREE", 7]}), "not a list holding a number"),
        ("actor_code.jsonl", json.dumps({**PLOVER_OK, "actor": [{"code": 365}]}), "'code' must be a code"),
        ("mode.jsonl", json.dumps({**PLOVER_OK, "mode": {"m": 1}}), "'mode' must be a code"),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith(".jsonl") else "",
)
def test_a_hostile_record_refuses_its_file_with_its_line_and_the_batch_goes_on(
    project, tmp_path, name, second_line, why
):
    plover = '"event"' in second_line  # the first line says which format the file is
    first = json.dumps(PLOVER_OK if plover else {"text": "Herons nested by the lake."})
    bad = tmp_path / name
    bad.write_text(first + "\n" + second_line + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Geese flew south over the hills.", encoding="utf-8")
    good_jsonl = tmp_path / "z_good.jsonl"
    good_jsonl.write_text(json.dumps({"text": "Otters played in the stream."}) + "\n", encoding="utf-8")
    before = row_counts(project)
    report = import_paths(project, [bad, tmp_path / "good.txt", good_jsonl])
    assert report.refused == [(str(bad), report.refused[0][1])]
    assert report.refused[0][1].startswith(f"{bad}:2: ") and why in report.refused[0][1]
    assert sorted(Path(n).name for n, _ in report.imported) == ["good.txt", "z_good.jsonl"]
    after = row_counts(project)
    assert after["documents"] == before["documents"] + 2
    assert all(isinstance(e.event_code, str) for e in project.events())


def test_the_format_sniffer_reads_a_hostile_first_line_without_raising(tmp_path):
    from eventcoder.core.io.importers import detect_format

    lines = [DEEP, '{"event": "X", "actor": [], "n": ' + "1" * 5000 + "}", '{"event": "\\ud800", "actor": []}']
    for n, line in enumerate(lines):
        path = tmp_path / f"first{n}.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        assert detect_format(path) == "jsonl"  # not PLOVER: its reader then says what is wrong, with the line


def test_a_plover_file_with_a_byte_order_mark_is_read_as_plover(project, tmp_path):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(PLOVER_OK).encode("utf-8") + b"\n")
    report = import_paths(project, [f])
    assert len(report.imported) == 1 and not report.refused
    assert [e.event_code for e in project.events(report.imported[0][1])] == ["AGREE"]


def test_a_plover_document_id_too_large_for_sqlite_makes_a_new_document(project, tmp_path):
    f = tmp_path / "huge_id.jsonl"
    f.write_text(json.dumps({**PLOVER_OK, "document_id": 2**70}) + "\n", encoding="utf-8")
    report = import_paths(project, [f])
    assert len(report.imported) == 1 and not report.refused
    assert project.events(report.imported[0][1])[0].source_code == "PER"


def test_a_csv_quote_that_never_closes_refuses_the_file_at_the_row_it_opened(project, tmp_path):
    rows = [f"Row {i} tells of a quiet market day,2021-03-{i + 1:02d}" for i in range(12)]
    rows[3] = '"Row 3 opens a quote and never closes it,2021-03-04'
    f = tmp_path / "quote.csv"
    f.write_text("text,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "fine.txt").write_text("Swallows came back in spring.", encoding="utf-8")
    report = import_paths(project, [f, tmp_path / "fine.txt"])
    ((name, why),) = report.refused
    assert name == str(f) and why.startswith(f"{f}:5: a quote opened in this row never closes, so lines 5-13")
    assert [Path(n).name for n, _ in report.imported] == ["fine.txt"] and project.document_count() == 1


def test_a_csv_quote_that_swallows_rows_refuses_the_file(project, tmp_path):
    f = tmp_path / "swallowed.csv"
    f.write_text(
        'text,date,url\n"Quote opens here,2021-01-01,http://a\nThe next row,2021-01-02,http://b\n'
        'Third row ends the quote",2021-01-03\nA last row,2021-01-04,http://d\n',
        encoding="utf-8",
    )
    report = import_paths(project, [f])
    assert report.refused[0][1].startswith(f"{f}:2: a quoted field runs over lines 2-4 and the row has 2 field(s)")
    assert project.document_count() == 0
    with pytest.raises(ImportRefused, match="',' expected after"):
        (tmp_path / "junk.csv").write_text('text,date\n"closed" then more,2021-01-01\n', encoding="utf-8")
        read_csv(tmp_path / "junk.csv")


def test_a_csv_article_longer_than_the_csv_modules_field_limit_imports(tmp_path):
    article = "A long report on the harvest, paragraph after paragraph.\n\n" * 3000  # 177,000 characters
    f = tmp_path / "long.csv"
    f.write_text(f'title,text\nHarvest,"{article}"\n', encoding="utf-8")
    (doc,) = read_csv(f)
    assert doc.text == article


def test_a_plover_record_with_windows_line_breaks_attaches_to_the_same_document(tmp_path):
    import json

    from eventcoder.core.io.importers import import_paths
    from eventcoder.core.store import Project

    text = "Envoys met in the port city.\r\nThey agreed to reopen the border crossing."
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    coded = tmp_path / "coded.jsonl"
    coded.write_text(json.dumps({"text": text, "event": "AGREE", "actor": [{"entity_text": "Envoys"}]}) + "\n",
                     encoding="utf-8")
    with Project(tmp_path / "p.db") as project:
        import_paths(project, [articles])
        import_paths(project, [coded], fmt="plover")
        assert project.document_count() == 1  # the same text: not a second document with \r\n in it
        assert len(project.events()) == 1


def test_a_txt_without_a_date_takes_its_datelines(project, tmp_path):
    dated = tmp_path / "dated.txt"
    dated.write_text("Farmers block motorways\n\nLYON, March 3, 2023 (Wire) - Hundreds of farmers drove tractors "
                     "onto the ring road on Friday.\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("Hundreds of farmers drove tractors onto the ring road on Friday.\n", encoding="utf-8")
    jsonl = tmp_path / "given.jsonl"  # a date the file gives is kept
    jsonl.write_text(json.dumps({"text": "LYON, March 3, 2023 (Wire) - Farmers drove tractors again.",
                                 "date": "2023-03-04"}) + "\n", encoding="utf-8")
    report = import_paths(project, [dated, plain, jsonl])
    assert len(report.imported) == 3 and not report.refused
    dates = {name: project.get_document(i).published for name, i in report.imported}
    assert dates == {str(dated): "2023-03-03", str(plain): None, str(jsonl): "2023-03-04"}
