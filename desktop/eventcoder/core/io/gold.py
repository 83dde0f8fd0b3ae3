"""The gold format (``shared/reference/gold/*.jsonl``): what ``eventcoder evaluate`` scores against and what
``eventcoder train --extra`` learns from.

Each line is a record with ``text``, ``date`` (``YYYYMMDD`` or ISO), ``events`` (``[{source, target, code}]``,
or actor texts ``source_text`` / ``target_text``), optional ``expect_no_events``, ``category``, ``scheme`` and
``evaluate`` (records with ``evaluate: false`` are left out). Scoring is :mod:`eventcoder.core.evaluate`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportRefused
from .dates import normalise_date
from .import_base import load_json_line
from .textfiles import read_text


def read_gold(path: str | Path) -> list[dict]:
    """Gold records (``evaluate: false`` ones left out); a malformed file raises ``ImportRefused`` with file:line."""
    return [rec for _number, rec in read_gold_lines(path)]


def read_gold_lines(path: str | Path) -> list[tuple[int, dict]]:
    """``(line number, record)`` for each gold record of ``path`` (``evaluate: false`` ones left out), the file
    read once; a malformed file raises ``ImportRefused`` with file:line."""
    path = Path(path)
    records = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        where = f"{path}:{number}"
        rec = load_json_line(line, where)  # the importers' reading: "invalid JSON: ... (column N)", deep nesting
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise ImportRefused(f"{where}: a gold record must be an object with a 'text' string")
        events = rec.get("events") or []
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise ImportRefused(f"{where}: 'events' must be a list of objects")
        if rec.get("evaluate", True) is False:
            continue
        records.append((number, rec))
    return records


def gold_date(value) -> str | None:
    """A gold record's date (``YYYYMMDD`` or ISO) as ISO; an unreadable one counts as no date."""
    try:
        return normalise_date(value)
    except ValueError:
        return None


def unknown_gold_codes(path: str | Path, scheme, split: str | None = None,
                       lines: list[tuple[int, dict]] | None = None) -> list[str]:
    """``FILE:LINE: ...`` for each gold event code ``scheme`` does not know (``"999"`` in CAMEO): such a code is
    scored as written (a literal PETRARCH code like ``"INJURY TOLL"`` may be meant), so no coder predicts it
    and it counts as a miss. The records scored only (``evaluate: false`` and other splits left out). ``lines``:
    the file's :func:`read_gold_lines`, when the caller has read it already (else it is read here)."""
    path = Path(path)
    found = []
    for number, rec in read_gold_lines(path) if lines is None else lines:
        if rec.get("expect_no_events"):
            continue
        if split is not None and rec.get("split") != split:
            continue
        for event in rec.get("events") or []:
            code = event.get("code")
            text = "" if code is None else str(code).strip()
            if not text or text == "---" or scheme.knows(text) or scheme.knows(text.upper()):
                continue
            found.append(f"{path}:{number}: gold code {text!r} is not in scheme {scheme.name}: scored as written, "
                         "so no prediction can match it (a typo, or a code of another scheme?)")
    return found
