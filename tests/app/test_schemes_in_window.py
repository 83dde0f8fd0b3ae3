"""Switching schemes from the window: an invalid file shows every problem and changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from eventcoder.app import dialogs

from .conftest import BROKEN_SCHEME, MINI_SCHEME, open_window


def _snapshot(project):
    tables = ("documents", "spans", "events", "relations", "meta", "schemes", "history")
    return {t: project.db.execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall() for t in tables}


def test_invalid_scheme_shows_problems_and_leaves_project_alone(window, monkeypatch):
    project = window.session.project
    before = _snapshot(project)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "ask_scheme_file", lambda parent: str(BROKEN_SCHEME))
    index = window.scheme_box.findData("Open scheme file…")
    window.scheme_box.activated.emit(index)
    assert len(shown) == 1
    title, text = shown[0]
    assert "scheme" in title.lower()
    for line in (3, 4, 5):  # file:line for each problem
        assert f"{BROKEN_SCHEME}:{line}" in text
    assert _snapshot(project) == before
    assert window.session.scheme.name == "MINI-CAMEO"
    project.close()
    assert window.scheme_box.currentText() == "MINI-CAMEO"


def test_switch_to_builtin_and_back(qtbot, tmp_path, settings, monkeypatch):
    # a project with no events yet: any scheme fits it (one with coded events keeps its code set:
    # test_scheme_switch_refused.py)
    from eventcoder.core.model import Document
    from eventcoder.core.store import Project

    project = Project(tmp_path / "fresh.db", annotator="tester")
    project.add_document(Document(text="India and Russia agreed to work together on Monday.", title="t"))
    project.set_meta("scheme", str(MINI_SCHEME))
    window = open_window(qtbot, project, settings)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a)))
    names = [window.scheme_box.itemData(i) for i in range(window.scheme_box.count())]
    if "plover" in names:
        assert window.switch_scheme("plover")
        assert window.session.scheme.name == "PLOVER"
        assert window.session.project.get_meta("scheme") == "plover"
        assert "PLOVER" in window.windowTitle()
        # the code tree and the span label keys follow the scheme
        assert window.editor.code.source.rowCount() == len(window.session.scheme.roots())
        window.editor.code.set_code("CONSULT")
        window.editor._show_roles("CONSULT")
        assert window.editor.form.isRowVisible(window.editor.mode_box)
    assert window.switch_scheme(str(MINI_SCHEME))
    assert window.session.scheme.name == "MINI-CAMEO"
    project.close()
