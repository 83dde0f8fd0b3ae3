"""`eventcoder actors export --petrarch` (and the window's Project actors dialog) said "9 name(s) written" and
wrote 8: a name a PETRARCH actors file cannot hold (``[weird] name``) was left out silently, and the file's own
header counted it too (found by a new user). The count is what was written; the names left out are listed."""

from __future__ import annotations

from cli_checks import run_cli
from eventcoder.core import project_actors as pa
from eventcoder.core.dictionaries import parse_actors
from eventcoder.core.model import Document
from eventcoder.core.store import Project


def _project(path):
    with Project(path, annotator="tester") as project:
        project.add_document(Document(text="Zorvan Kettel met the envoy."))
        pa.add_actor("Zorvan Kettel", "NORGOV").apply(project)
        pa.add_actor("[weird] name", "USAGOV").apply(project)


def test_the_count_is_what_was_written_and_the_rest_is_listed(tmp_path):
    _project(tmp_path / "news.db")
    out, left_out = tmp_path / "project.actors.txt", []
    with Project(tmp_path / "news.db", annotator="tester") as project:
        assert pa.export_petrarch(project, out, left_out) == 1
    assert left_out == ["[weird] name"]
    text = out.read_text(encoding="utf-8")
    assert ": 1 name(s)," in text.splitlines()[0]
    assert len(parse_actors([out]).entries) == 1


def test_the_command_line_says_which_names_were_left_out(tmp_path):
    _project(tmp_path / "news.db")
    ran = run_cli("actors", "export", "--db", str(tmp_path / "news.db"), "--petrarch", str(tmp_path / "a.txt"))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("1 name(s) written to ") and "1 left out (listed on stderr)" in ran.stdout
    assert "left out '[weird] name': a PETRARCH actors file cannot hold" in ran.stderr
