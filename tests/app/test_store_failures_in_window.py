"""The window under a restore, a full disk and odd search input: it tells the analyst and never writes over
what another program did."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from eventcoder.core.store import Project


def test_restore_by_another_program_reloads_the_window_and_nothing_is_written_over_it(window, keys):
    project = window.session.project
    with Project(project.path, annotator="admin") as other:
        backup = other.backup()
    keys("J", "A")  # accepted after the backup was taken
    accepted = window.session.undo_stack.command(0)
    assert accepted is not None and window.session.undo_stack.count() == 1
    decided = [e.id for e in project.events() if e.status == "accepted"]
    assert len(decided) == 1
    with Project(project.path, annotator="admin") as other:  # `eventcoder restore` beside the window
        other.restore(backup)
    window.poll_project()
    assert "restored from a backup" in window.statusBar().currentMessage()
    assert window.session.undo_stack.count() == 0  # its step belonged to the state before the restore
    assert window.session.doc is not None and window.session.doc.events
    assert all(e.status == "suggested" for e in window.session.doc.events)
    version = project.get_event(decided[0]).version
    keys(("Z", Qt.KeyboardModifier.ControlModifier))  # nothing to undo: the restored state stays
    assert project.get_event(decided[0]).version == version and project.history(1)[0]["action"] == "restore"
    window.session.set_current_event(None)
    keys("J", "X")  # decisions after the restore are saved on the restored state
    assert window.saved_label.text().startswith("✔ All changes saved")
    rejected = [e for e in project.events() if e.status == "rejected"]
    assert len(rejected) == 1
    window.close()
    with Project(project.path) as after:
        assert [e.id for e in after.events() if e.status != "suggested"] == [rejected[0].id]
        assert after.integrity_check() == []


def test_a_nul_or_a_lone_surrogate_in_the_search_box_finds_nothing_and_breaks_nothing(window, qtbot):
    search = window.documents.search
    for text in ("\x00", "Lav\x00rov", "\ud800", "\"*(-"):
        search.setText(text)
        window.documents.model.set_filter(text, None)
        qtbot.wait(5)
        assert window.documents.model.rowCount() == 0, repr(text)  # (words: "Lav" is no word of the seed)
    window.documents.model.set_filter("Lavrov", None)
    assert window.documents.model.rowCount() == 1


needs_mount = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="mounting a small tmpfs needs root on Linux (CI runs as root)",
)


@needs_mount
def test_full_disk_in_the_window_says_cannot_save_and_the_retry_saves(qtbot, tmp_path, settings, keys):
    from .conftest import open_window, seed_project

    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=900k", "tmpfs", str(disk)], check=True)
    try:
        project = seed_project(disk / "coding.db")
        win = open_window(qtbot, project, settings)
        filler = disk / "filler.bin"
        for chunk in (4096, 1):
            with contextlib.suppress(OSError), open(filler, "ab", buffering=0) as fh:
                while True:
                    fh.write(b"\0" * chunk)
        failed = target = None
        for _ in range(40):  # each accept grows the WAL until one needs a block the disk has not got
            keys("J")
            target = win.session.current_event
            keys("A")
            if win.session.save_state == "failed":
                failed = win.saved_label.text()
                break
        assert failed is not None and target is not None, "the disk never filled"
        assert failed.startswith("✖ Not saved: cannot save: the disk is full"), failed
        assert "Saving" not in win.saved_label.text()
        row = project.get_event(target.id)
        assert (row.status, row.version) == ("suggested", target.version)  # nothing of it was written
        assert win.session.current_event.id == target.id  # still on it: the same key retries
        filler.unlink()
        keys("A")  # the retry
        assert project.get_event(target.id).status == "accepted"
        assert win.saved_label.text().startswith("✔ All changes saved")
        win.workers.cancel_all()
        win.workers.wait(5000)
        win.close()
        assert project.integrity_check() == []
        project.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_dictionary_problems_show_in_the_status_bar_with_file_and_line(window, qtbot, tmp_path, monkeypatch):
    from eventcoder.app import dialogs

    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "harbour.verbs.txt").write_text("--- DOCK [010] ---\nDOCK\nDOCKED\n", encoding="utf-8")
    (folder / "ports.actors.txt").write_text("PORT_ALPHA [PAL]\nPORT_BETA [PBE\nPORT\x00GAMMA [PGA]\n",
                                             encoding="utf-8")
    scheme = tmp_path / "harbour.yaml"
    scheme.write_text(
        'name: Harbour\nversion: "1"\nevent_types:\n  - {code: "010", label: Dock}\n'
        # the codes of the window's events too: the Scheme box refuses a scheme lacking them (scheme_mix)
        '  - {code: "040", label: Moor}\n  - {code: "112", label: Berth}\n  - {code: "138", label: Anchor}\n'
        "dictionaries:\n  verbs: [dicts/harbour.verbs.txt]\n  actors: [dicts/ports.actors.txt]\n",
        encoding="utf-8")
    assert window.switch_scheme(str(scheme))
    qtbot.waitUntil(lambda: window.dictionary_report is not None, timeout=20_000)
    label = window.dictionary_label
    assert label.isVisible() and "error" in label.text() and "1 warning" in label.text()
    shown = []
    monkeypatch.setattr(dialogs, "show_warnings", lambda parent, title, head, lines: shown.append(lines))
    label.linkActivated.emit("problems")
    (lines,) = shown
    actors = str(folder / "ports.actors.txt")
    assert any(line.startswith(f"error: {actors}:3:") for line in lines)
    assert any(line.startswith(f"warning: {actors}:2:") for line in lines)
