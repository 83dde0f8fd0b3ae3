"""Dates in, ISO-8601 out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y")


def normalise_date(value: Any) -> str | None:
    """``2021-12-06``, ``20211206``, ``2021-12-06T10:00:00Z`` ... -> ``2021-12-06``; empty -> None."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]", text)
    if match:
        text = match.group(1)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r} (use YYYY-MM-DD)")
