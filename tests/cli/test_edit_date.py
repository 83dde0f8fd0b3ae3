"""``eventcoder edit --date``: an event's own date from the command line, exactly YYYY-MM-DD (anything else is a
malformed command line, exit 2, with why, nothing written); '' clears it; undone by ``eventcoder undo``. Real
project files, the real command line in subprocesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_checks import rows
from decision_checks import border_row, cli


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "news.db"
    border_row(path)
    return path


def _date(db: Path, event_id: int = 1):
    return rows(db, f"SELECT date FROM events WHERE id = {event_id}")[0][0]


def test_edit_date_sets_clears_and_undoes_an_events_date(db):
    before = _date(db)
    done = cli(db, "edit", "1", "--date", "2024-03-05")
    assert done.returncode == 0, done.stderr
    assert "edited event 1" in done.stdout and _date(db) == "2024-03-05"
    assert cli(db, "undo").returncode == 0 and _date(db) == before
    cleared = cli(db, "edit", "1", "--date", "")
    assert cleared.returncode == 0, cleared.stderr
    assert _date(db) is None


@pytest.mark.parametrize("typed, reason", [("2024-13-01", "month must be in 1..12"),
                                           ("5 March 2024", "not a date written YYYY-MM-DD")])
def test_edit_refuses_a_date_not_written_yyyy_mm_dd_with_why(db, typed, reason):
    before = _date(db)
    refused = cli(db, "edit", "1", "--date", typed)
    assert refused.returncode == 2 and reason in refused.stderr and "Traceback" not in refused.stderr
    assert "--date" in refused.stderr
    assert _date(db) == before
