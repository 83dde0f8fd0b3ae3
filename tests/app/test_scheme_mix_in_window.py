"""Ctrl+R after switching the scheme goes through the check `eventcoder code` makes (core/scheme_mix.py): a
scheme that lacks the codes of the project's events is refused before anything is coded, with what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.app import dialogs
from eventcoder.cli import main

from .conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _events(project):
    return project.db.execute_returning_dicts("SELECT id, event_code, scheme, version FROM events ORDER BY id")


def test_ctrl_r_in_a_scheme_that_mixes_codes_is_refused_as_the_cli_refuses_it(qtbot, keys, app_project, settings,
                                                                            monkeypatch, capsys):
    # the Scheme box refuses PLOVER now (test_scheme_switch_refused.py); a project whose setting says PLOVER
    # anyway (an older window switched it, and its events' scheme file is not known to this one) opens in it
    project = app_project
    project.set_meta("scheme", "plover")
    window = open_window(qtbot, project, settings)
    assert window.session.scheme.name == "PLOVER"
    before = _events(project)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))

    keys(("R", CTRL))
    assert not window.model_state.startswith("coding")  # no run started
    assert shown and shown[0][0] == "Suggestions not run"
    assert "coded in MINI-CAMEO" in shown[0][1] and "Pick MINI-CAMEO in the Scheme box" in shown[0][1]
    assert window.statusBar().currentMessage().startswith("Suggestions not run: this project is coded in MINI-CAMEO")
    keys(("R", CTRL | SHIFT))  # all documents: the same check
    assert len(shown) == 2 and not window.model_state.startswith("coding")
    assert _events(project) == before  # nothing coded, nothing changed

    # the command line gives the same verdict on the same file
    code = main(["code", "--scheme", "plover", "--db", str(project.path)])
    err = capsys.readouterr().err
    assert code == 1 and "is coded in MINI-CAMEO" in err and "nothing was changed" in err
    same = "is coded in MINI-CAMEO: 5 of its events have codes PLOVER does not have"  # one check, one verdict
    assert same in err and same in shown[0][1]


def test_ctrl_r_in_the_projects_own_scheme_runs(window, keys, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda *args: shown.append(args))
    window.article.setFocus()
    keys(("R", CTRL))
    assert shown == []
    assert window.model_state.startswith("coding 1 document(s)")  # the run started in the background
    window.workers.cancel_all()
    window.workers.wait(60000)
