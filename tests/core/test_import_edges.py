"""Edges a new-user trial found in `eventcoder import` and `eventcoder evaluate`, run as the user ran them (the CLI in
a subprocess, real files, a real project file): one rule for all-numeric dates in every reader and in datelines,
semicolon CSVs, rows with more values than the header, and gold codes the scheme does not have."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_checks import rows
from cli_checks import run_cli as cli
from eventcoder.core.document import dateline_date
from eventcoder.core.errors import ImportRefused
from eventcoder.core.io.dates import DAY_FIRST, MONTH_FIRST, decide_order, normalise_date, parse_date, parse_news_date
from eventcoder.core.io.import_base import read_csv, read_jsonl
from eventcoder.core.io.plover_jsonl import read_plover


def import_ok(db: Path, *args: str | Path) -> None:
    """``eventcoder import --db db args``, which must succeed."""
    run = cli("import", "--db", str(db), *map(str, args))
    assert run.returncode == 0, run.stderr


def import_refused(db: Path, *args: str | Path) -> str:
    """The error output of ``eventcoder import --db db args``, which must refuse with a message, not a traceback."""
    run = cli("import", "--db", str(db), *map(str, args))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    return run.stderr


def documents(db: Path, columns: str) -> list[tuple]:
    return rows(db, f"SELECT {columns} FROM documents ORDER BY id")


def dates_of(db: Path) -> list[tuple[str, str | None]]:
    return documents(db, "title, published")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------ the date rule


def test_a_numeric_date_is_read_in_the_order_its_numbers_decide_and_never_guessed():
    assert str(parse_date("02/13/2024")) == "2024-02-13" == str(parse_date("13/02/2024"))
    assert str(parse_date("13.02.2024")) == "2024-02-13" == str(parse_date("02-13-2024"))
    assert str(parse_date("05/05/2024")) == "2024-05-05"  # either order reads it the same
    assert parse_date("03/04/2024") is None and parse_date("31/02/2024") is None
    assert str(parse_date("03/04/2024", order=DAY_FIRST)) == "2024-04-03"
    assert str(parse_date("03/04/2024", order=MONTH_FIRST)) == "2024-03-04"
    with pytest.raises(ValueError, match=r"day first \(2024-04-03\) or month first \(2024-03-04\)"):
        normalise_date("03/04/2024")
    assert decide_order([("a:2", "03/04/2024"), ("a:3", "13/04/2024")]) == DAY_FIRST
    assert decide_order([("a:2", "03/04/2024"), ("a:3", "2024-01-01")]) is None
    with pytest.raises(ValueError, match=r"day first \(a:3: '13/02/2024'\) and month first \(a:2: '02/13/2024'\)"):
        decide_order([("a:2", "02/13/2024"), ("a:3", "13/02/2024")])


def test_the_dateline_reader_follows_the_same_rule():
    # dateparser alone would read 03/04/2024 month first; the project's rule does not guess
    assert dateline_date("LAGOS, 03/04/2024 (Wire) - Nigeria closed the border.") is None
    assert parse_news_date("03/04/2024") is None
    assert dateline_date("LAGOS, 13/04/2024 (Wire) - Nigeria closed the border.") == "2024-04-13"
    assert dateline_date("LAGOS, 04/13/2024 (Wire) - Nigeria closed the border.") == "2024-04-13"
    assert parse_news_date("03/04/2024", order=DAY_FIRST) == "2024-04-03"
    assert dateline_date("LAGOS, Feb 18, 2022 (Wire) - Nigeria closed the border.") == "2022-02-18"


def test_csv_jsonl_and_plover_readers_agree_on_a_file_whose_dates_decide(tmp_path):
    csv = write(tmp_path / "d.csv", 'title,date,text\nA,03/04/2024,"Kenya met Uganda."\nB,13/04/2024,"Kenya left."\n')
    assert [d.published for d in read_csv(csv)] == ["2024-04-03", "2024-04-13"]
    jsonl = write(tmp_path / "d.jsonl", json.dumps({"text": "Kenya met Uganda.", "date": "03/04/2024"}) + "\n"
                  + json.dumps({"text": "Kenya left.", "date": "04/13/2024"}) + "\n")
    assert [d.published for d in read_jsonl(jsonl)] == ["2024-03-04", "2024-04-13"]
    plover = write(tmp_path / "p.jsonl", json.dumps({"text": "Kenya met Uganda.", "date": "03/04/2024",
                                                     "event": "040"}) + "\n")
    with pytest.raises(ImportRefused, match=r"p\.jsonl:1: '03/04/2024' could be day first"):
        read_plover(plover)


def test_ambiguous_and_mixed_dates_through_the_cli(tmp_path):
    db = tmp_path / "p.db"
    amb = write(tmp_path / "bad" / "dates.csv", 'title,date,text\nA,2024-01-05,"Kenya met Uganda."\n'
                'B,03/04/2024,"Kenya accused Uganda."\n')
    stderr = import_refused(db, amb)
    assert (f"{amb}:3: '03/04/2024' could be day first (2024-04-03) or month first (2024-03-04), and no other date "
            "of the file decides the order; write it YYYY-MM-DD") in stderr
    assert not db.exists()  # nothing written: no project made

    mixed = write(tmp_path / "bad" / "mixed.csv", 'title,date,text\nA,02/13/2024,"Kenya met Uganda."\n'
                  'B,13/02/2024,"Kenya accused Uganda."\n')
    stderr = import_refused(db, mixed)
    assert f"both day first ({mixed}:3: '13/02/2024') and month first ({mixed}:2: '02/13/2024')" in stderr

    good = write(tmp_path / "good" / "dates.csv", 'title,date,text\nA,02/13/2024,"Kenya met Uganda."\n'
                 'B,03/04/2024,"Kenya accused Uganda."\nC,2024-02-20,"Uganda left."\n')
    import_ok(db, good)
    assert dates_of(db) == [("A", "2024-02-13"), ("B", "2024-03-04"), ("C", "2024-02-20")]


def test_a_dateline_date_is_read_as_a_csv_date_would_be(tmp_path):
    db = tmp_path / "p.db"
    alone = write(tmp_path / "bad" / "lagos.txt", "LAGOS, 03/04/2024 (Wire) - Nigeria criticised Benin over the "
                  "border closure.\n")
    stderr = import_refused(db, alone)
    assert f"{alone}:1: the dateline's date '03/04/2024' could be day first (2024-04-03) or month first" in stderr
    assert not db.exists()

    both = write(tmp_path / "ok" / "two.csv", 'title,text\nA,"LAGOS, 03/04/2024 (Wire) - Nigeria criticised Benin."\n'
                 'B,"ACCRA, 25/04/2024 (Wire) - Ghana praised Togo."\n')
    import_ok(db, both)
    assert dates_of(db) == [("A", "2024-04-03"), ("B", "2024-04-25")]  # the file's other dateline: day first


# --------------------------------------------------------------------------------------------------------- CSV


def test_a_semicolon_csv_is_read(tmp_path):
    db = tmp_path / "p.db"
    semi = write(tmp_path / "bad" / "semi.csv", 'title;date;text\nTalks;2024-01-02;"Kenya met Uganda; both '
                 'spoke, briefly."\nDeal;2024-01-03;Kenya signed a deal with Uganda.\n')
    import_ok(db, semi)
    assert documents(db, "title, published, text") == [
        ("Talks", "2024-01-02", "Kenya met Uganda; both spoke, briefly."),
        ("Deal", "2024-01-03", "Kenya signed a deal with Uganda.")]


def test_a_header_without_text_says_how_it_was_read(tmp_path):
    bad = write(tmp_path / "bad" / "notext.csv", "title;body\nA;Kenya met Uganda.\n")
    stderr = import_refused(tmp_path / "p.db", bad)
    assert (f"{bad}:1: no 'text' column in the header (read as 1 column(s): 'title;body'; values may be separated "
            "by commas, semicolons or tabs)") in stderr


def test_a_row_with_more_values_than_the_header_refuses_the_file(tmp_path):
    db = tmp_path / "p.db"
    extra = write(tmp_path / "bad" / "extra.csv", 'title,date,text\nA,2024-01-02,"Kenya met Uganda."\n'
                  "B,2024-01-03,Kenya met Uganda,and then,left\n")
    stderr = import_refused(db, extra)
    assert (f"{extra}:3: the row has 5 values where the header has 3 columns; quote a value that holds a ',', "
            "or name the extra columns in the header") in stderr
    assert not db.exists()  # the good row before it was not written either
    trailing = write(tmp_path / "ok" / "trailing.csv", 'title,date,text\nA,2024-01-02,"Kenya met Uganda.",,\n')
    import_ok(db, trailing)  # empty trailing cells, as a spreadsheet writes them, are no values
    assert dates_of(db) == [("A", "2024-01-02")]


# ---------------------------------------------------------------------------------------------------- evaluate


def test_evaluate_names_a_gold_code_the_scheme_does_not_have(tmp_path):
    gold = write(tmp_path / "gold.jsonl", json.dumps({"id": "g1", "text": "Kenya met Uganda.",
                                                      "events": [{"source": "KEN", "target": "UGA", "code": "040"}]})
                 + "\n" + json.dumps({"id": "g2", "text": "Kenya accused Uganda of smuggling.",
                                      "events": [{"source": "KEN", "target": "UGA", "code": "999"}]}) + "\n")
    warning = (f"{gold}:2: gold code '999' is not in scheme CAMEO: scored as written, so no prediction can match "
               "it (a typo, or a code of another scheme?)")
    run = cli("evaluate", str(gold), "--scheme", "cameo")
    assert run.returncode == 0, run.stderr
    assert "warning: 1 gold code(s) not in the scheme, scored as misses:" in run.stdout and warning in run.stdout
    run = cli("evaluate", str(gold), "--scheme", "cameo", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["warnings"] == [warning] and f"warning: {warning}" in run.stderr


# ------------------------------------------------------------------------------------------- PLOVER JSON Lines


def test_plover_document_fields_that_do_not_fit_refuse_the_file_at_their_line(tmp_path):
    def refused(*records: dict) -> str:
        path = write(tmp_path / "p.jsonl", "".join(json.dumps(r) + "\n" for r in records))
        with pytest.raises(ImportRefused) as caught:
            read_plover(path)
        return str(caught.value)

    base = {"text": "Kenya met Uganda.", "event": "040", "document_id": "7"}
    assert refused(base, {**base, "document_text": 5}).endswith(
        "p.jsonl:2: 'document_text' must be the document's text")
    assert refused({**base, "document_text": "Uganda left. Kenya stayed."}).endswith(
        "p.jsonl:1: the record's 'text' is not in the 'document_text' of document '7'")
    assert refused({**base, "document_text": "Kenya met Uganda."},
                   {**base, "document_text": "Kenya met Uganda. Then it rained."}).endswith(
        "p.jsonl:2: document '7' is given two different 'document_text's in this file")
    assert refused({**base, "event_text": [3]}).endswith(
        "p.jsonl:1: 'event_text' must be the trigger's words (text, or a list of texts), not a number")


def test_a_plover_record_from_another_tool_keeps_its_trigger(tmp_path):
    path = write(tmp_path / "p.jsonl", json.dumps({"text": "Kenya met Uganda in Nairobi.", "event": "040",
                                                   "event_text": ["met"], "actor": [{"entity_text": "Kenya",
                                                                                     "actor_code": "KEN"}]}) + "\n")
    (item,) = read_plover(path)
    (event,) = item.events
    trigger = item.spans[event.trigger_span_id]
    assert (trigger.start, trigger.end, trigger.text, trigger.layer, trigger.code) == (6, 9, "met", "trigger", "040")
    source = item.spans[event.source_span_id]
    assert (source.start, source.text, source.code) == (0, "Kenya", "KEN")
    assert (event.sentence_start, event.sentence_end) == (0, 28)


def test_the_analyst_may_say_the_order_of_a_file_whose_dates_do_not_decide(tmp_path):
    db = tmp_path / "p.db"
    amb = write(tmp_path / "in" / "dates.csv", 'title,date,text\nA,03/04/2024,"Kenya met Uganda."\n')
    lagos = write(tmp_path / "in" / "lagos.txt", "LAGOS, 05/06/2024 (Wire) - Nigeria criticised Benin.\n")
    import_ok(db, "--dates", "day-first", amb, lagos)
    # no headline: the title is the first sentence after the dateline
    assert dates_of(db) == [("A", "2024-04-03"), ("Nigeria criticised Benin.", "2024-06-05")]
    other = write(tmp_path / "in2" / "mdy.csv", 'title,date,text\nB,03/04/2024,"Kenya left."\nC,02/13/2024,"Uganda '
                  'left."\n')
    stderr = import_refused(db, "--dates", "day-first", other)
    assert f"dates were said to be day-first, but the file writes {other}:3: '02/13/2024', which is month-first" \
        in stderr
    assert len(dates_of(db)) == 2  # nothing of the refused file written
