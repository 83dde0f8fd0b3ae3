"""``eventcoder``'s first run in its own process, for tests/app/test_cross_process.py.

``first_run_driver.py DB``: exactly what ``eventcoder`` does with no arguments on a new project file
(``app.main.build_window`` then ``after_shown``: the seed articles are imported and coded by the real spaCy
coder in a worker thread, which opens its own ``Project``), on the offscreen Qt platform. When the window
reports the coding finished it prints, flushed::

    suggested N MESSAGE

N: the number of events the window's status bar reported ("Suggested N events in M document(s)"); then
``worker EVENTS DOCUMENTS`` from the worker's own result. It waits for ``quit`` on stdin (or a kill).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(db: str) -> int:
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["first_run_driver"])
    from eventcoder.app.main import after_shown, build_window

    settings = QSettings(db + ".ini", QSettings.Format.IniFormat)
    window, seeded = build_window(db, seed=True, settings=settings)
    results: list[dict] = []
    window.show()
    worker = after_shown(window, seeded)
    worker.signals.finished.connect(results.append)
    quit_asked = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), quit_asked.set()), daemon=True).start()
    reported = False
    deadline = time.monotonic() + 300
    next_note = time.monotonic() + 10
    while not quit_asked.is_set() and time.monotonic() < deadline:
        if time.monotonic() > next_note:  # for a test that waits in vain: what the window shows
            next_note += 10
            print(f"still: busy={window.workers.busy} model={window.model_state!r} "
                  f"message={window.statusBar().currentMessage()!r}", file=sys.stderr, flush=True)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.005)  # not QTest.qWait: it sleeps holding the GIL and starves the worker
        message = window.statusBar().currentMessage()
        found = re.match(r"Suggested (\d+) events?\b", message)
        if found and not reported and not window.workers.busy:
            print(f"suggested {found.group(1)} {message}", flush=True)
            if results:
                print(f"worker {results[0].get('events')} {results[0].get('documents')}", flush=True)
            reported = True
        elif not reported and not window.workers.busy and not found and results == [] and \
                window.model_state.startswith("suggestions unavailable"):
            print(f"failed {window.model_state}", flush=True)
            reported = True
    window.close()
    window.session.project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
