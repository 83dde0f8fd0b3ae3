"""One date reader for the project (core/io/dates.py): imports, gold files and PETRARCH dictionaries agree."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.core import dictionaries as D
from eventcoder.core.io.dates import normalise_date, parse_date


def test_the_forms_a_record_may_write_a_date_in():
    day = dt.date(2021, 12, 6)
    for text in ("2021-12-06", "2021-12-06T10:00:00Z", "2021-12-06 10:00", "20211206", "2021/12/06",
                 "6 December 2021", "December 6, 2021", " 2021-12-06 "):
        assert parse_date(text) == day, text
    assert parse_date(day) == day and parse_date(dt.datetime(2021, 12, 6, 10)) == day
    assert normalise_date("20211206") == "2021-12-06" and normalise_date("") is None and normalise_date(None) is None


def test_what_is_not_a_date():
    for text in ("2021126", "2021-13-01", "2021-02-30", "tomorrow", "211206", "12-06-2021"):
        assert parse_date(text) is None, text
    with pytest.raises(ValueError, match="unreadable date '2021126'"):
        normalise_date("2021126")


def test_petrarch_two_digit_years_only_where_asked_for():
    assert parse_date("950601", short_years=True) == dt.date(1995, 6, 1)
    assert parse_date("290601", short_years=True) == dt.date(2029, 6, 1)
    assert D.parse_date("950601") == D.as_date("950601") == dt.date(1995, 6, 1)
    assert D.as_date("2021-12-06T08:00") == dt.date(2021, 12, 6)


def test_an_actor_code_limited_by_dates_holds_on_a_document_date_in_any_form(tmp_path):
    path = tmp_path / "a.actors.txt"
    path.write_text("RIVENDELL\n\t[RIVGOV 950601-991231]\n\t[RIV]\n", encoding="utf-8")
    entry = D.parse_actors([path]).lookup("Rivendell")
    assert entry.resolve("1996-03-01") == entry.resolve("19960301") == entry.resolve("1 March 1996") == ["RIVGOV"]
    assert entry.resolve("2001-01-01") == ["RIV"]
