"""A window on a project another process is coding says so in its status bar (the run as the project records
it: core/store/runs.py), and stops saying so when the run ends or its process died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QLabel

from eventcoder.app import run_status

RUNNER = textwrap.dedent("""
    import sys, time
    from eventcoder.core.store import Project
    project = Project(sys.argv[1], annotator="ann")
    with project.coding_run(40, "CAMEO") as report:
        project.run_progress(project.coding_runs(others_only=False)[0].id, 7, force=True)
        print("running", flush=True)
        if sys.argv[2] == "end":
            sys.stdin.readline()
        else:
            time.sleep(60)
    print("ended", flush=True)
""")


def _runner(db, how):
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(db), how], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "running"
    return proc


def test_the_status_bar_shows_a_run_of_another_process_until_it_ends(window, qtbot):
    label = window.findChild(QLabel, "run_status")
    assert label is not None and not label.isVisible()
    proc = _runner(window.session.project.path, "end")
    try:
        qtbot.waitUntil(label.isVisible, timeout=6000)  # the window's own poll finds it
        assert label.text() == "⟳ Being coded elsewhere: 7/40"
        assert "Another process is writing suggestions" in label.toolTip()
        assert f"by ann (pid {proc.pid})" in label.toolTip() and "in CAMEO" in label.toolTip()
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "ended"
        proc.wait(30)
        qtbot.waitUntil(lambda: not label.isVisible(), timeout=6000)
    finally:
        proc.kill()


def test_a_killed_run_is_not_shown_and_the_windows_own_run_is_not_another_process(window, qtbot):
    label = window.findChild(QLabel, "run_status")
    proc = _runner(window.session.project.path, "sleep")
    run_status.update(window)
    assert label.isVisible()
    os.kill(proc.pid, signal.SIGKILL)  # its record stays in the file, its process is gone
    proc.wait(30)
    run_status.update(window)
    assert not label.isVisible()
    assert len(window.session.project.coding_runs(alive_only=False)) == 1
    with window.session.project.coding_run(3, "CAMEO"):  # this process's own run: shown in the model slot
        run_status.update(window)
        assert not label.isVisible()
