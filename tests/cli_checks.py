"""Shared helpers of the tests that run the real command line (importable as ``cli_checks``: pytest's
``pythonpath`` in pyproject.toml)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m eventcoder.cli ARGS`` in its own process, from the repository's folder."""
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=REPO)


def rows(db, sql: str) -> list[tuple]:
    """What a plain sqlite3 reader (another program) sees in the project file."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
