"""Dates in, ISO-8601 out: the one date reader of the project (imported records, gold files, a document's date,
the date limits in PETRARCH dictionaries)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")  # a time after the date is ignored
_ISO_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")  # 03/04/2024, 3.4.2024, 03-04-2024
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"  # the two orders of an all-numeric date


def numeric_order(value: Any) -> str | None:
    """For an all-numeric date (``13/02/2024``, ``02/13/2024``, ``03/04/2024``): the order it decides by itself
    (:data:`DAY_FIRST` when the first number is over 12, :data:`MONTH_FIRST` when the second is), ``""`` when
    either order reads it the same (``05/05/2024``), None when it does not decide (``03/04/2024``: 3 April or
    March 4). Not such a date at all: ``""`` (nothing to decide)."""
    found = _NUMERIC.match(str(value).strip()) if isinstance(value, str) else None
    if not found:
        return ""
    first, second = int(found[1]), int(found[3])
    if first > 12 and second <= 12:
        return DAY_FIRST
    if second > 12 and first <= 12:
        return MONTH_FIRST
    return "" if first == second or first > 12 else None


def is_ambiguous(value: Any) -> bool:
    """An all-numeric date whose day/month order the value cannot decide (``03/04/2024``)."""
    return numeric_order(value) is None


def ambiguity(value: Any) -> str:
    """Why ``value`` (an ambiguous all-numeric date) is not read, and the two ISO dates it could be."""
    found = _NUMERIC.match(str(value).strip())
    assert found is not None
    first, second, year = int(found[1]), int(found[3]), int(found[4])
    try:
        day_first = dt.date(year, second, first).isoformat()
        month_first = dt.date(year, first, second).isoformat()
    except ValueError:
        return f"{value!r} is not a date"
    return (f"{str(value).strip()!r} could be day first ({day_first}) or month first ({month_first}), and no other "
            "date of the file decides the order; write it YYYY-MM-DD (or import with --dates day-first or "
            "--dates month-first)")


_ASSUMED: ContextVar[str | None] = ContextVar("assumed_date_order", default=None)


@contextmanager
def assume_order(order: str | None) -> Iterator[None]:
    """Inside: a file whose all-numeric dates do not decide their day/month order takes ``order`` (what the
    analyst said: ``eventcoder import --dates day-first``); None: no assumption (such a file is refused)."""
    if order not in (None, DAY_FIRST, MONTH_FIRST):
        raise ValueError(f"unknown date order {order!r}: {DAY_FIRST} or {MONTH_FIRST}")
    token = _ASSUMED.set(order)
    try:
        yield
    finally:
        _ASSUMED.reset(token)


def decide_order(dated: Iterable[tuple[str, Any]]) -> str | None:
    """The day/month order the all-numeric dates of one file decide: :data:`DAY_FIRST`, :data:`MONTH_FIRST`, else
    the order assumed (:func:`assume_order`), else None. ``dated``: (where, date value) pairs. ValueError when two
    of them decide opposite orders (``13/02/2024`` on one line, ``02/13/2024`` on another), naming both, or one
    decides the opposite of the order assumed."""
    seen: dict[str, str] = {}
    for where, value in dated:
        order = numeric_order(value)
        if order and order not in seen:
            seen[order] = f"{where}: {str(value).strip()!r}"
    if len(seen) > 1:
        raise ValueError(f"the file writes dates both day first ({seen[DAY_FIRST]}) and month first "
                         f"({seen[MONTH_FIRST]}); write them YYYY-MM-DD")
    assumed = _ASSUMED.get()
    found = next(iter(seen), None)
    if assumed and found and found != assumed:
        raise ValueError(f"dates were said to be {assumed}, but the file writes {seen[found]}, which is {found}")
    return found or assumed


def parse_date(value: Any, *, short_years: bool = False, order: str | None = None) -> dt.date | None:
    """The date ``value`` writes, or None: a date as it is; ``2021-12-06`` (a time after it is ignored),
    ``20211206``, ``2021/12/06``, ``6 December 2021``, ``December 6, 2021``; an all-numeric ``13/12/2021`` or
    ``12/13/2021`` (also with ``.`` or ``-``) in the order its numbers decide, and one they do not decide
    (``06/12/2021``) only in the ``order`` given (:data:`DAY_FIRST` / :data:`MONTH_FIRST`: what the other dates
    of its file decide, :func:`decide_order`), else None, never guessed. With ``short_years`` also PETRARCH's
    ``211206`` (two-digit years: >= 30 -> 19xx). Other runs of digits (``2021126``) are not dates: they could be
    read more than one way."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    text = str(value).strip()
    try:
        iso = _ISO.match(text)
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if text.isdigit():
            if len(text) == 8:
                return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if len(text) == 6 and short_years:
                yy = int(text[:2])
                return dt.date(1900 + yy if yy >= 30 else 2000 + yy, int(text[2:4]), int(text[4:]))
            return None
    except ValueError:
        return None
    numeric = _NUMERIC.match(text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        decided = numeric_order(text) or order or (DAY_FIRST if first == second else None)
        if decided is None:
            return None
        day, month = (first, second) if decided == DAY_FIRST else (second, first)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def normalise_date(value: Any, *, iso_only: bool = False, order: str | None = None) -> str | None:
    """``2021-12-06``, ``20211206``, ``2021-12-06T10:00:00Z`` ... -> ``2021-12-06``; empty -> None; ValueError for
    anything else (:func:`parse_date` says what is read), its message the reason.

    ``iso_only``: exactly ``YYYY-MM-DD`` and nothing else (what an analyst types in a date field: no order of day
    and month to guess, no time); an impossible day says why (``2023-02-29``: day is out of range for month).
    ``order``: how to read an all-numeric date its numbers do not decide (:func:`parse_date`); without it such a
    date is refused, the message naming both readings."""
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ""):
        return None
    if iso_only:
        text = str(value)
        if not _ISO_ONLY.match(text):
            raise ValueError(f"{text!r} is not a date written YYYY-MM-DD (e.g. 2024-02-20)")
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:])).isoformat()
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a date: {exc} (YYYY-MM-DD)") from None
    found = parse_date(value, order=order)
    if found is None and order is None and is_ambiguous(value):
        raise ValueError(ambiguity(value))
    if found is None:
        raise ValueError(out_of_range(value) or f"unreadable date {value!r} (use YYYY-MM-DD)")
    return found.isoformat()


def out_of_range(value: Any) -> str | None:
    """Why a date written YYYY-MM-DD (or YYYYMMDD) is no day -- ``'2024-13-01' is not a date: month must be in
    1..12`` -- or None when it is not written so (then it is unreadable, not out of range)."""
    text = str(value).strip() if value is not None else ""
    iso = _ISO.match(text)
    parts = (iso[1], iso[2], iso[3]) if iso else (text[:4], text[4:6], text[6:]) if len(text) == 8 and \
        text.isdigit() else None
    if parts is None:
        return None
    try:
        dt.date(*map(int, parts))
    except ValueError as exc:
        return f"{text!r} is not a date: {exc} (the month must be 01-12, the day one the month has)"
    return None


def parse_news_date(date_text: str, before: str | None = None, order: str | None = None) -> str | None:
    """A date as news writes it ("Feb 18, 2022", "Jan. 17", "18 February") as ISO ``YYYY-MM-DD``, or None.

    Read with ``dateparser`` (English, day and month required); a date without a year takes the latest such day
    not after ``before`` (an ISO date: the import's own date or today), as a wire dateline means the story's own
    days. The forms :func:`parse_date` reads are read by it first (no guessing for ``2022-02-18``), with the same
    rule for an all-numeric date: ``03/04/2024`` is read only in the ``order`` given, else not at all (None)."""
    text = (date_text or "").strip()
    if not text:
        return None
    exact = parse_date(text, order=order)
    if exact is not None:
        return exact.isoformat()
    if _NUMERIC.match(text):
        return None  # an ambiguous or impossible all-numeric date: dateparser would guess month first
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                                "STRICT_PARSING": False}
    base = parse_date(before) if before else None
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    cleaned = re.sub(r"(?<=[A-Za-z])\.", "", text).strip()
    found = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return found.date().isoformat() if found is not None else None
