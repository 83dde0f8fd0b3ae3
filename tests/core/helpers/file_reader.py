"""Another program on the project file: opens it with SQLite, reads, closes, again and again.

``file_reader.py DB SECONDS``: what the sqlite3 shell, a backup tool or any ``eventcoder`` command does
beside an open window. Each close may checkpoint the WAL (and delete it, if SQLite believes this was the
last connection).
"""

from __future__ import annotations

import sqlite3
import sys
import time

if __name__ == "__main__":
    db, seconds = sys.argv[1], float(sys.argv[2])
    end = time.monotonic() + seconds
    reads = 0
    while time.monotonic() < end:
        conn = sqlite3.connect(db, timeout=10)
        conn.execute("SELECT count(*) FROM events").fetchone()
        conn.close()
        reads += 1
        time.sleep(0.01)
    print(reads, flush=True)
