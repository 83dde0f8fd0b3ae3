"""Dates in, ISO-8601 out: the one date reader of the project (imported records, gold files, a document's date,
the date limits in PETRARCH dictionaries)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")  # a time after the date is ignored
_ISO_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y")


def parse_date(value: Any, *, short_years: bool = False) -> dt.date | None:
    """The date ``value`` writes, or None: a date as it is; ``2021-12-06`` (a time after it is ignored),
    ``20211206``, ``2021/12/06``, ``6 December 2021``, ``December 6, 2021``, ``06/12/2021`` (day first); with
    ``short_years`` also PETRARCH's ``211206`` (two-digit years: >= 30 -> 19xx). Other runs of digits (``2021126``)
    are not dates: they could be read more than one way."""
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
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def normalise_date(value: Any, *, iso_only: bool = False) -> str | None:
    """``2021-12-06``, ``20211206``, ``2021-12-06T10:00:00Z`` ... -> ``2021-12-06``; empty -> None; ValueError for
    anything else (:func:`parse_date` says what is read), its message the reason.

    ``iso_only``: exactly ``YYYY-MM-DD`` and nothing else (what an analyst types in a date field: no order of day
    and month to guess, no time); an impossible day says why (``2023-02-29``: day is out of range for month)."""
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
    found = parse_date(value)
    if found is None:
        raise ValueError(f"unreadable date {value!r} (use YYYY-MM-DD)")
    return found.isoformat()


def parse_news_date(date_text: str, before: str | None = None) -> str | None:
    """A date as news writes it ("Feb 18, 2022", "Jan. 17", "18 February") as ISO ``YYYY-MM-DD``, or None.

    Read with ``dateparser`` (English, day and month required); a date without a year takes the latest such day
    not after ``before`` (an ISO date: the import's own date or today), as a wire dateline means the story's own
    days. The forms :func:`parse_date` reads are read by it first (no guessing for ``2022-02-18``)."""
    text = (date_text or "").strip()
    if not text:
        return None
    exact = parse_date(text)
    if exact is not None:
        return exact.isoformat()
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
