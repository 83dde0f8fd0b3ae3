"""A custom scheme given by a relative path (``eventcoder code --scheme my.yaml``, or the window's Scheme box) is
kept in the project by its absolute path: the next run from another folder (``eventcoder code``, the window started
elsewhere) codes in the same scheme instead of failing with "no such scheme file" (found by a new user)."""

from __future__ import annotations

from eventcoder.core.pipeline import project_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

SCHEME = ('name: My CAMEO\nversion: "1"\nextends: cameo\n'
          'actor_codes:\n  - {code: "VRD", name: Vardania, kind: country}\n')


def _scheme_folder(tmp_path):
    folder = tmp_path / "schemes"
    folder.mkdir()
    (folder / "mine.yaml").write_text(SCHEME, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return folder, elsewhere


def test_a_relative_scheme_path_is_kept_absolute(tmp_path, monkeypatch):
    folder, elsewhere = _scheme_folder(tmp_path)
    db = tmp_path / "news.db"
    monkeypatch.chdir(tmp_path)
    with Project(db, annotator="tester") as project:
        assert project_scheme(project, "schemes/mine.yaml").scheme.name == "My CAMEO"
        assert project.get_meta("scheme") == str((folder / "mine.yaml").resolve())
    monkeypatch.chdir(elsewhere)
    with Project(db, annotator="tester") as project:
        assert project_scheme(project).scheme.name == "My CAMEO"


def test_a_builtin_name_stays_a_name(tmp_path):
    with Project(tmp_path / "news.db", annotator="tester") as project:
        project_scheme(project, "plover")
        assert project.get_meta("scheme") == "plover"


def test_the_sessions_switch_keeps_the_absolute_path(tmp_path, monkeypatch):
    folder, elsewhere = _scheme_folder(tmp_path)
    db = tmp_path / "news.db"
    monkeypatch.chdir(folder)
    with Project(db, annotator="tester") as project:
        CodingSession.open(project).set_scheme("mine.yaml")
        assert project.get_meta("scheme") == str((folder / "mine.yaml").resolve())
    monkeypatch.chdir(elsewhere)
    with Project(db, annotator="tester") as project:
        scheme, problem = CodingSession.initial_scheme(project)
        assert problem is None and scheme.name == "My CAMEO"
