"""Dates in, ISO-8601 out: the one date reader of the project (imported records, gold files, a document's date,
the date limits in PETRARCH dictionaries)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")  # a time after the date is ignored
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


def normalise_date(value: Any) -> str | None:
    """``2021-12-06``, ``20211206``, ``2021-12-06T10:00:00Z`` ... -> ``2021-12-06``; empty -> None; ValueError for
    anything else (:func:`parse_date` says what is read)."""
    if value in (None, ""):
        return None
    found = parse_date(value)
    if found is None:
        raise ValueError(f"unreadable date {value!r} (use YYYY-MM-DD)")
    return found.isoformat()
