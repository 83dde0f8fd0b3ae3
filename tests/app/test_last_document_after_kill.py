"""The document to reopen is on disk as soon as it is opened: a window killed with SIGKILL (a crash, a power cut,
``kill -9``) reopens the document last opened, not the one before it (a normal quit did already)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from eventcoder.core.model import Document

from .conftest import seed_project

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from eventcoder.app.main import build_window

    app = QApplication([])
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window, _ = build_window(sys.argv[1], seed=False, settings=settings)
    window.show()
    app.processEvents()
    print("restored", window.session.document_id, flush=True)
    if len(sys.argv) > 3:
        for doc_id in map(int, sys.argv[3].split(",")):
            window.open_document(doc_id)
            app.processEvents()
        print("opened", window.session.document_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no closeEvent, no QSettings flush at exit
    window.close()
""")


def _window(db: Path, ini: Path, open_ids: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    argv = [sys.executable, "-c", SCRIPT, str(db), str(ini)] + ([open_ids] if open_ids else [])
    return subprocess.run(argv, capture_output=True, text=True, timeout=180, env=env, cwd=REPO)


def test_a_window_killed_with_sigkill_reopens_the_document_last_opened(tmp_path):
    project = seed_project(tmp_path / "kill.db")
    first = project.document_ids()[0]
    second, _ = project.add_document(Document(text="A second article.\n\nNothing to code.", title="Second"))
    third, _ = project.add_document(Document(text="A third article.\n\nStill nothing.", title="Third"))
    project.close()
    ini = tmp_path / "settings.ini"

    killed = _window(tmp_path / "kill.db", ini, f"{second},{third}")
    assert killed.returncode == -9, killed.stderr
    assert f"opened {third}" in killed.stdout
    reopened = _window(tmp_path / "kill.db", ini)
    assert reopened.returncode == 0, reopened.stderr
    assert f"restored {third}" in reopened.stdout, (reopened.stdout, first, second)
