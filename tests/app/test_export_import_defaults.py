"""File ▸ Export's default path is beside the project (in its exports/ folder when there is one), never the home
folder; the import file dialog offers every suffix the importers read (.tsv included)."""

from __future__ import annotations

from pathlib import Path

from eventcoder.app import dialogs
from eventcoder.core.io.importers import SUFFIXES


def test_the_export_default_is_beside_the_project_or_in_its_exports_folder(window, monkeypatch, tmp_path):
    elsewhere = tmp_path / "started-here"
    (elsewhere / "exports").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)  # the folder EventCoder was started from does not decide it
    project_dir = Path(window.session.project.path).resolve().parent
    offered: list[Path] = []
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, default, description: offered.append(default))
    window.export_csv()  # Ctrl+Shift+E
    assert offered[-1] == project_dir / "coding-accepted.csv"
    (project_dir / "exports").mkdir()
    window.export_csv()
    assert offered[-1] == project_dir / "exports" / "coding-accepted.csv"

    folders: list[Path] = []  # File ▸ Export (Ctrl+E) opens its dialog in the same folder
    monkeypatch.setattr(dialogs, "ask_export", lambda parent, formats, folder, stem, *a, **k: folders.append(folder))
    window.export()
    assert folders == [project_dir / "exports"]


def test_the_import_file_dialog_offers_every_supported_suffix():
    shown = dialogs.import_filter()
    assert "*.tsv" in shown
    for suffix in SUFFIXES:
        assert f"*{suffix}" in shown
