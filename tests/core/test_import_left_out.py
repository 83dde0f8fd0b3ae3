"""Files of a folder that EventCoder does not import (.docx, .html) are passed over, as before, but said: a folder
of Word files imported "0 imported, 0 skipped, 0 refused" and nothing else (found by a new user). One warning
line counts them by type and names one; the window's import job says it too."""

from __future__ import annotations

from cli_checks import run_cli
from eventcoder.core.io.importers import import_paths
from eventcoder.core.store import Project


def _folder(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Ruritania praised Freedonia on Monday.\n", encoding="utf-8")
    (folder / "b.docx").write_bytes(b"PK\x03\x04 not a text file")
    (folder / "sub" / "c.docx").write_bytes(b"PK\x03\x04 another")
    (folder / "sub" / "d.html").write_text("<p>Freedonia thanked Ruritania.</p>", encoding="utf-8")
    (folder / ".hidden.rtf").write_text("{\\rtf1}", encoding="utf-8")  # hidden files stay unmentioned
    return folder


def test_the_import_says_which_files_it_left_out(tmp_path):
    folder = _folder(tmp_path)
    with Project(tmp_path / "news.db", annotator="tester") as project:
        report = import_paths(project, [folder])
    assert len(report.imported) == 1 and report.refused == []
    (line,) = report.warnings
    assert line.startswith("3 file(s) in the folders were left out, of types EventCoder does not import "
                           f"(.docx 2, .html 1; e.g. {folder / 'b.docx'}); it imports ")
    assert ".txt" in line


def test_no_warning_when_every_file_is_importable(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Ruritania praised Freedonia on Monday.\n", encoding="utf-8")
    with Project(tmp_path / "news.db", annotator="tester") as project:
        assert import_paths(project, [folder]).warnings == []


def test_the_command_line_prints_it_for_a_folder_of_word_files(tmp_path):
    folder = tmp_path / "word"
    folder.mkdir()
    (folder / "story.docx").write_bytes(b"PK\x03\x04 not a text file")
    ran = run_cli("import", str(folder), "--db", str(tmp_path / "news.db"))
    assert ran.returncode == 0 and ran.stdout.startswith("0 imported, 0 skipped, 0 refused"), ran.stderr
    assert "warning: 1 file(s) in the folders were left out" in ran.stderr and "(.docx 1;" in ran.stderr


def test_the_window_import_job_says_it(tmp_path):
    from eventcoder.app.jobs import import_job

    class Worker:
        cancelled = False

        def set_total(self, n):
            pass

        def report(self, n):
            pass

    outcome = import_job(Worker(), tmp_path / "news.db", [_folder(tmp_path)], annotator="tester")
    assert len(outcome.ids) == 1
    assert [w for w in outcome.report.warnings if "were left out" in w] and len(outcome.report.warnings) == 1


def test_a_project_file_and_its_journal_in_the_folder_are_no_documents_left_out(tmp_path):
    """A folder that holds the project itself (news.db, its -wal and -shm) beside the stories: importing the folder
    says nothing about them (test_trial_encodings caught the warning naming them)."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Ruritania praised Freedonia on Monday.\n", encoding="utf-8")
    with Project(folder / "news.db", annotator="tester") as project:
        assert (folder / "news.db").exists()  # (open in WAL mode: its -wal and -shm are there too)
        report = import_paths(project, [folder])
    assert len(report.imported) == 1 and report.warnings == []
