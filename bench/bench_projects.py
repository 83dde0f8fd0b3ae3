"""A generated project the benches keep in the temp folder between runs, reused while its size matches."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FOLDER = Path(tempfile.gettempdir()) / "eventcoder-bench"


def generated_project(kind: str, docs: int, events: int, generate: Callable[[Path, int, int], None]) -> Path:
    """``FOLDER/KIND-DOCS-EVENTS.db``, made by ``generate(path, docs, events)`` if it is not there yet."""
    FOLDER.mkdir(exist_ok=True)
    db = FOLDER / f"{kind}-{docs}-{events}.db"
    if not db.exists():
        started = time.perf_counter()
        generate(db, docs, events)
        print(f"generated {docs:,} documents / {events:,} events in {time.perf_counter() - started:.1f} s")
    return db
