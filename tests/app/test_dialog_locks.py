"""The window's file dialogs never open the project file, so browsing its folder keeps the process's SQLite locks.

Qt's own icon provider asks the MIME database for each file the dialog lists, and the MIME database opens and
reads a file whose name does not settle its type. Closing that descriptor drops every POSIX lock the process
holds on the file: another process then thinks it is the last user, checkpoints and deletes the write-ahead
log, and the window goes on writing into the deleted file (a new user found "All changes saved" while the
change never reached the file). Each dialog of ``app.dialogs`` is shown here -- not exec'd -- on the open
project's folder until its model has listed the folder; the locks must still be held, and a change made after
another process opened and closed the project must be in the file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from cli_checks import run_cli
from eventcoder.app import dialogs
from eventcoder.core.model import Document
from eventcoder.core.store import Project

LINUX_LOCKS = Path("/proc/locks")
pytestmark = pytest.mark.skipif(not LINUX_LOCKS.exists(), reason="/proc/locks is Linux's")


def locks_on(path: Path) -> list[str]:
    st = os.stat(path)
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    return [line for line in LINUX_LOCKS.read_text().splitlines()
            if line.split()[4] == str(os.getpid()) and line.split()[5] == key]


def show_until_listed(dialog: QFileDialog, folder: Path, name: str) -> None:
    """Show the dialog and let its file-system model list ``folder`` (icons and types included) until ``name``
    is among the rows (the project itself is hidden by the import filter, but the model reads it all the same)."""
    dialog.setDirectory(str(folder))
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    deadline = time.monotonic() + 10
    listed = False
    while time.monotonic() < deadline:
        QApplication.processEvents()
        root = model.index(str(folder))
        names = {model.index(r, 0, root).data() for r in range(model.rowCount(root))}
        if name in names:
            listed = True
            # the type and icon columns are what Qt's provider fills by reading files
            for r in range(model.rowCount(root)):
                model.index(r, 2, root).data()
                model.index(r, 0, root).data(1)
            break
        time.sleep(0.02)
    for _ in range(20):  # the gatherer thread's icon/type work for the listed rows
        QApplication.processEvents()
        time.sleep(0.02)
    assert listed, f"the dialog never listed {name} in {folder}"


KINDS = {
    "open project": lambda: dialogs.file_dialog(None, "Open project", "", dialogs.PROJECT_FILTER),
    "import files": lambda: dialogs.file_dialog(None, "Import articles", "", dialogs.import_filter()),
    "all files": lambda: dialogs.file_dialog(None, "Export events", "", "All files (*)"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_dialog_on_the_projects_folder_keeps_the_locks(qapp, tmp_path, kind):
    db = tmp_path / "project.db"
    with Project(db) as p:
        p.add_document(Document(text="Chad and Niger agreed to reopen the border."))
    (tmp_path / "article.txt").write_text("Chad and Niger agreed to reopen the border.\n", encoding="utf-8")
    project = Project(db)
    try:
        project.document_count()
        assert locks_on(db), "an open project holds a lock on its file"
        dialog = KINDS[kind]()
        try:
            show_until_listed(dialog, tmp_path, db.name if kind != "import files" else "article.txt")
        finally:
            dialog.close()
            dialog.deleteLater()
        assert locks_on(db), f"the {kind} dialog dropped the project's locks"
        # another process opens and closes the project (any CLI read); the window's next change must land
        run = run_cli("documents", "--db", str(db))
        assert run.returncode == 0, run.stderr
        project.add_document(Document(text="Mali recalled its ambassador from Paris."))
    finally:
        project.close()
    with Project(db) as again:
        assert again.document_count() == 2, "a change made after the dialog was lost"


def test_the_provider_names_types_from_the_name(qapp, tmp_path):
    provider = dialogs.NamesOnlyIconProvider()
    from PySide6.QtCore import QFileInfo

    assert provider.type(QFileInfo(str(tmp_path / "x.db"))) == "DB file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
    assert not provider.icon(QFileInfo(str(tmp_path / "x.db"))).isNull()
