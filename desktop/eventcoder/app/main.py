"""``eventcoder`` with no arguments: open (or create) the project and show the coding window."""

from __future__ import annotations

import sys
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"


def seed_project(project) -> list[int]:
    """First run: import the seed articles so a new user sees something to code at once."""
    from ..core.io.importers import import_paths

    if project.document_count() or not SEEDS_DIR.is_dir():
        return []
    report = import_paths(project, [SEEDS_DIR])
    return [doc_id for _name, doc_id in report.imported]


def build_window(db: str | Path | None = None, seed: bool = True, settings=None):
    """Project, session and window, ready to show; returns (window, ids of freshly seeded documents)."""
    from ..core.store import Project, default_db_path
    from .main_window import MainWindow
    from .session import CodingSession

    project = Project(Path(db) if db else default_db_path())  # the automatic backup runs once shown
    seeded = seed_project(project) if seed else []
    scheme, problem = CodingSession.initial_scheme(project)
    session = CodingSession(project, scheme)
    window = MainWindow(session, settings)
    window.restore_layout()
    window.restore_document()
    if problem:
        window.show_message(problem)
    return window, seeded


def after_shown(window, seeded: list[int]):
    """Once the window is on screen: the automatic backup (in the worker, never fatal), then code the freshly
    seeded documents with the real coder in the worker (it loads the model on the way), else just load the
    model; returns the worker."""
    window.backup_in_background()
    window.check_dictionaries()
    if seeded:
        return window.suggest_documents(seeded, show_progress=False)
    return window.start_model()


def run_app(db: str | None = None, seed: bool = True) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("EventCoder")
    app.setApplicationName("EventCoder")
    window, seeded = build_window(db, seed)
    window.show()
    QTimer.singleShot(0, lambda: after_shown(window, seeded))
    code = app.exec()
    window.session.project.close()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_app())
