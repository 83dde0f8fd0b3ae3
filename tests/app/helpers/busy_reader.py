"""Another program reading the project file while a window works on it, for tests/app/test_cross_process.py.

``busy_reader.py DB INTERVAL``: once the file exists, opens it with SQLite, counts its events, closes it, and
again every INTERVAL seconds -- what the sqlite3 shell, a sync client or a backup tool does beside an open
window. Each close may checkpoint the WAL (and delete it, if SQLite believes this was the last connection).
A file still being created (no tables yet) is just read again later. Stops when stdin closes and prints
how many reads it made.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
import urllib.parse
from pathlib import Path

if __name__ == "__main__":
    db, interval = Path(sys.argv[1]), float(sys.argv[2])
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    uri = f"file:{urllib.parse.quote(str(db.resolve()))}?mode=rw"  # never creates the file
    reads = 0
    while not stop.is_set():
        if db.exists():
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=10)
                try:
                    conn.execute("SELECT count(*) FROM events").fetchone()
                    reads += 1
                finally:
                    conn.close()
            except sqlite3.OperationalError as exc:  # not a project yet: no tables
                if "no such table" not in str(exc):
                    raise
        time.sleep(interval)
    print(reads, flush=True)
