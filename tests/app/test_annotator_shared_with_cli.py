"""The window and the command line record one analyst under one name: the name the window asked (or was given by
File ▸ Coding as…) is also kept where the command line reads it (core/user_config.py), so ``eventcoder edit``
run afterwards in another process records it -- unless ``$EVENTCODER_ANNOTATOR`` or ``--annotator`` names
someone (the existing precedence: --annotator, the variable, the window's name, the OS user)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from eventcoder.app import annotator
from eventcoder.core.store import Project

from .conftest import close_window, open_window

REPO = Path(__file__).resolve().parents[2]


def _cli_edit(db: Path, note: str, *extra: str, env_name: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_ANNOTATOR"}
    if env_name is not None:
        env["EVENTCODER_ANNOTATOR"] = env_name
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *extra, "edit", "1", "--note", note,
                           "--db", str(db)], capture_output=True, text=True, timeout=120, env=env, cwd=REPO)


def _who(db: Path) -> str:
    with Project(db, readonly=True) as project:
        return project.last_change("event", 1)["who"]


def test_the_cli_records_the_name_the_window_asked(qtbot, app_project, tmp_path, monkeypatch, settings):
    config = tmp_path / "config"
    monkeypatch.setenv("EVENTCODER_CONFIG_DIR", str(config))  # the subprocess inherits it
    monkeypatch.delenv("EVENTCODER_ANNOTATOR", raising=False)
    monkeypatch.setattr(annotator, "ask_name", lambda parent, current: "analyst1")
    win = open_window(qtbot, app_project, settings)
    assert app_project.annotator == "analyst1"
    assert (config / "annotator.txt").read_text(encoding="utf-8").strip() == "analyst1"
    close_window(win)
    db = app_project.path

    done = _cli_edit(db, "seen from the shell")
    assert done.returncode == 0, done.stderr
    assert _who(db) == "analyst1"  # not the OS user

    # precedence kept: the variable over the window's name, --annotator over both
    assert _cli_edit(db, "again", env_name="envname").returncode == 0 and _who(db) == "envname"
    assert _cli_edit(db, "once more", "--annotator", "given", env_name="envname").returncode == 0
    assert _who(db) == "given"

    # File ▸ Coding as… changes it for the command line too
    second = open_window(qtbot, app_project, settings)
    monkeypatch.setattr(annotator, "ask_name", lambda parent, current: "analyst2")
    second.actions_by_name["coding_as"].trigger()
    close_window(second)
    assert _cli_edit(db, "as the new name").returncode == 0 and _who(db) == "analyst2"


def test_a_name_saved_before_this_version_is_kept_for_the_cli_at_the_next_start(qtbot, app_project, tmp_path,
                                                                                 monkeypatch, settings):
    config = tmp_path / "config"
    monkeypatch.setenv("EVENTCODER_CONFIG_DIR", str(config))
    monkeypatch.delenv("EVENTCODER_ANNOTATOR", raising=False)
    settings.setValue(annotator.SETTING, "veteran")  # saved by an older window, which wrote no file
    win = open_window(qtbot, app_project, settings)
    close_window(win)
    assert (config / "annotator.txt").read_text(encoding="utf-8").strip() == "veteran"
    assert _cli_edit(app_project.path, "x").returncode == 0 and _who(app_project.path) == "veteran"
