"""Which schemes the project's events were coded in: the event codes stored under each scheme name.

:func:`event_codes_by_scheme` is read before coding a project in a scheme (``core/scheme_mix.py``), so a run in
another scheme never leaves two code sets in one project (and one export column)."""

from __future__ import annotations

from typing import Any


def event_codes_by_scheme(project: Any) -> dict[tuple[str | None, str], int]:
    """``{(scheme name or None, event code): events}`` over every event of the project, whatever its status
    (codes are strings, as stored: ``"010"`` is not ``"10"``)."""
    rows = project.db.execute(
        "SELECT scheme, event_code, count(*) FROM events WHERE coalesce(event_code, '') != '' "
        "GROUP BY scheme, event_code"
    )
    return {(scheme, str(code)): int(n) for scheme, code, n in rows}
