"""Import and export run in the background with a progress dialog and Cancel: the window's event loop keeps
turning meanwhile, a cancelled import keeps the files done (each whole), a cancelled export leaves the target as
it was; the retraining controller works without a window. Real files, a real project, real worker threads."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from eventcoder.app import dialogs, jobs
from eventcoder.app.main_window import BUSY_IO
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Event


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch):
    """Every warning box the window would show (never exec()-ed here): an unexpected failure is an assertion,
    not a test waiting on a modal dialog."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "show_warnings", lambda parent, title, head, lines: shown.append((title, head)))
    return shown


def _jsonl(path, first: int, count: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(first, first + count):
            text = f"Article {i}. Russia and India agreed to work together on defence. " * 12
            fh.write(json.dumps({"id": f"a{i}", "title": f"Article {i}", "date": "2021-12-06", "text": text}) + "\n")


def _press_cancel(job) -> None:
    """What the analyst does: the progress dialog's Cancel button."""
    job.progress.findChild(QPushButton).click()


def test_a_2000_document_jsonl_import_keeps_the_event_loop_turning(window, tmp_path, warnings_shown):
    """The measure: a QTimer ticking every 5 ms counts its ticks while 2,000 JSON Lines records are imported."""
    source = tmp_path / "articles.jsonl"
    _jsonl(source, 0, 2000)
    project = window.session.project
    before = project.document_count()
    ticks = []
    timer = QTimer(window, interval=5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    started = time.monotonic()
    job = window.import_paths([str(source)])
    timer.start()
    assert job is not None and job.wait(120_000)
    timer.stop()
    elapsed = time.monotonic() - started
    during = [t for t in ticks if t <= started + elapsed]
    print(f"\n2,000-document JSONL import: {elapsed:.2f} s, {len(during)} timer ticks of 5 ms meanwhile")
    assert len(during) >= 5  # on the UI thread (before) the loop stood still until the import returned: 0
    assert job.outcome.ids and len(job.outcome.ids) == 2000 and not job.outcome.cancelled
    assert project.document_count() == before + 2000
    assert window.documents.model.rowCount() == 200  # re-read: the first page of the longer list
    assert window.statusBar().currentMessage() == "Import: 2000 imported, 0 skipped, 0 refused"
    assert warnings_shown == []
    assert window.session.doc is not None  # the open document stays open


def test_cancel_stops_an_import_between_files_and_keeps_the_files_done(window, tmp_path, warnings_shown):
    """2,000 documents in 40 JSON Lines files: Cancel on the dialog after the first file stops the batch; the
    files done stay imported whole (each is one transaction), the rest never start, and the window says so."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for k in range(40):
        _jsonl(folder / f"part{k:02d}.jsonl", k * 50, 50)
    project = window.session.project
    before = project.document_count()
    job = window.import_paths([str(folder)])
    assert job is not None
    assert window.import_paths([str(folder)]) is None  # one at a time
    assert window.statusBar().currentMessage() == BUSY_IO
    progress: list[int] = []

    def advanced(n: int) -> None:
        progress.append(n)
        if n == 1:
            _press_cancel(job)

    job.progressed.connect(advanced)
    assert job.wait(120_000)
    outcome = job.outcome
    print(f"\nCancel pressed when file 1 of 40 was done: stopped after {outcome.done} file(s), "
          f"{50 * outcome.done} documents kept")
    assert outcome.cancelled and outcome.files == 40 and 1 <= outcome.done < 40
    assert progress == list(range(1, outcome.done + 1)) and job.total == 40
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))  # the dialog closed
    assert project.document_count() == before + 50 * outcome.done  # whole files only
    imported = {row[0] for row in project.db.execute("SELECT external_id FROM documents WHERE external_id LIKE 'a%'")}
    assert imported == {f"a{i}" for i in range(50 * outcome.done)}  # the first files, in order
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Import cancelled after {outcome.done} of 40 files: ")
    assert f"the {50 * outcome.done} document(s) imported stay" in message
    assert window.documents.model.rowCount() == min(before + 50 * outcome.done, 200)  # re-read (first page)
    assert warnings_shown == []  # nothing refused: no dialog, the status bar says it


def test_folder_import_counts_files_and_lists_the_refused_by_name(window, tmp_path, monkeypatch, warnings_shown):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Talks {name}\n\nThe Taliban met officials in Kabul ({name}).\n",
                                            encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    monkeypatch.setattr(jobs, "PROGRESS_AFTER_MS", 0)  # the dialog at once (a real run shows it after 300 ms)
    monkeypatch.setattr(dialogs, "ask_import_folder", lambda parent: str(folder))
    window.actions_by_name["import_folder"].trigger()  # Ctrl+Shift+I
    job = window.io.current
    assert job is not None and job.kind == "import"
    shown = []
    job.progressed.connect(lambda n: shown.append((n, job.progress.maximum(), job.progress.labelText(),
                                                   job.progress.isVisible())))
    assert job.wait(30_000)
    # each step seen before the dialog takes it: on screen from the first file done (setValue shows it)
    assert shown == [(n, 4, f"Importing {n - 1} of 4 files…", n > 1) for n in range(1, 5)]
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert job.outcome.files == 4 and job.outcome.done == 4 and len(job.outcome.ids) == 3
    assert [(title, "photo.txt: binary file" in text, "The project was not changed by these files." in text)
            for title, text in warnings_shown] == [("Some files were not imported", True, True)]
    assert window.statusBar().currentMessage() == "Import: 3 imported, 0 skipped, 1 refused"
    titles = {window.documents.model.rows[r].title for r in range(window.documents.model.rowCount())}
    assert {"Talks a", "Talks b", "Talks c"} <= titles
    row = window.documents.model.row_of(window.session.document_id)
    assert window.documents.table.currentIndex().row() == row  # the open document still selected in the list


def test_a_project_failure_stops_the_import_with_a_dialog_and_the_files_before_stay(window, tmp_path, monkeypatch,
                                                                                   warnings_shown):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("First\n\nKabul talks resumed on Monday.\n", encoding="utf-8")
    second.write_text("Second\n\nKabul talks stalled on Tuesday.\n", encoding="utf-8")
    real = jobs.import_paths

    def disk_fills_at_the_second(project, paths, fmt=None):  # fault injection: the store's own error
        if str(paths[0]).endswith("second.txt"):
            raise StoreError("cannot save: the disk is full")
        return real(project, paths, fmt=fmt)

    monkeypatch.setattr(jobs, "import_paths", disk_fills_at_the_second)
    before = window.session.project.document_count()
    job = window.import_paths([str(first), str(second)])
    assert job.wait(30_000)
    assert job.outcome.failure == "cannot save: the disk is full" and not job.outcome.cancelled
    assert warnings_shown == [("Import failed", "cannot save: the disk is full\n\n1 document(s) imported before it "
                               "stay.")]
    assert window.session.project.document_count() == before + 1
    assert window.documents.model.rowCount() == before + 1
    assert window.statusBar().currentMessage().startswith("Import stopped after 1 of 2 files: 1 imported")


def _many_events(project, n: int) -> None:
    doc = project.document_ids()[0]
    with project.transaction():
        for k in range(n):
            project.add_event(Event(doc, event_code="040", source_code="IND", target_code="RUS", status="accepted",
                                    origin="human", annotator="tester", sentence_start=0, sentence_end=10,
                                    context=f"bulk {k}"))


def test_export_runs_in_the_background_and_is_recorded(window, tmp_path, warnings_shown):
    project = window.session.project
    _many_events(project, 500)
    accepted = len(project.events(status="accepted"))
    out = tmp_path / "accepted.csv"
    job = window.export_events("csv", str(out), "accepted")  # Ctrl+Shift+E's path
    assert job is not None and job.kind == "export"
    assert job.progress.maximum() == 0  # a busy bar: the exporter cannot count for us
    assert job.wait(30_000)
    assert job.outcome.count == accepted and not job.outcome.cancelled
    assert job.said.endswith(" events written")  # the dialog's label counts the rows written
    assert out.read_text(encoding="utf-8").count("\n") == accepted + 1  # header + rows, complete
    assert window.statusBar().currentMessage() == f"Exported {accepted} accepted events to {out}"
    assert json.loads(project.get_meta("last_export"))["path"] == str(out)  # the job's connection recorded it
    assert warnings_shown == []


def test_cancel_before_the_export_writes_anything_leaves_the_old_file(window, tmp_path, warnings_shown):
    _many_events(window.session.project, 3000)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "events.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    job = window.export_events("csv", str(out), None)
    _press_cancel(job)
    assert job.wait(30_000)
    assert job.outcome.cancelled
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in folder.iterdir()] == ["events.csv"]  # no temporary file left behind
    assert window.statusBar().currentMessage() == f"Export cancelled: nothing was written to {out}"
    assert warnings_shown == []


@pytest.mark.parametrize("fmt", ["csv", "brat"])
def test_cancel_in_the_middle_of_an_export_removes_what_it_wrote(window, tmp_path, monkeypatch, warnings_shown, fmt):
    """Cancelled while the exporter is writing its temporary file (or staging a folder's files): the exporter is
    interrupted, what it wrote is removed and the target stays as it was."""
    project = window.session.project
    _many_events(project, 3000)
    for k in range(60):  # brat stages a file pair per document
        doc_id, _ = project.add_document(type(project.get_document(1))(text=f"Russia met India on day {k}.",
                                                                       title=f"Day {k}"))
        project.add_event(Event(doc_id, event_code="040", source_code="RUS", target_code="IND", status="accepted",
                                origin="human", sentence_start=0, sentence_end=10))
    monkeypatch.setattr(jobs, "HEARTBEAT_S", 0)  # a progress report at every row (CSV) or document (brat)
    folder = tmp_path / "out"
    folder.mkdir()
    if fmt == "csv":
        out = folder / "events.csv"
        out.write_text("the previous export\n", encoding="utf-8")
        written = lambda: list(folder.glob(".events.csv.*.tmp"))  # noqa: E731
    else:
        out = folder / "brat"
        written = lambda: list(out.glob(".*.tmp")) if out.exists() else []  # noqa: E731
    seen: list[int] = []
    job = window.export_events(fmt, str(out), None)

    def in_the_worker(_done: int) -> None:  # runs in the worker thread, in the middle of the export
        files = written()
        if files and not job.worker.cancelled:
            seen.append(len(files))
            job.worker.cancel()  # what the dialog's Cancel does

    job.worker.signals.progress.connect(in_the_worker, Qt.ConnectionType.DirectConnection)
    assert job.wait(60_000)
    assert warnings_shown == [] and job.error is None
    assert seen and job.outcome.cancelled and job.outcome.count == 0
    assert written() == []
    if fmt == "csv":
        assert out.read_text(encoding="utf-8") == "the previous export\n"
        assert [p.name for p in folder.iterdir()] == ["events.csv"]
    else:
        assert not out.exists()  # the folder it made is gone too
    assert project.get_meta("last_export") is None
    assert window.statusBar().currentMessage() == f"Export cancelled: nothing was written to {out}"


def test_retraining_controller_needs_no_window(qtbot, app_project):
    """Its own state and API: on demand, refused while one runs, and a forgotten run reports nothing."""
    from eventcoder.app.retraining import RetrainingController
    from eventcoder.app.session import CodingSession
    from eventcoder.app.workers import WorkerPool

    scheme, _ = CodingSession.initial_scheme(app_project)
    workers = WorkerPool()
    controller = RetrainingController(workers, lambda: (app_project, scheme))
    statuses, messages = [], []
    controller.statusChanged.connect(lambda text, tip: statuses.append(text))
    controller.message.connect(messages.append)
    controller.refresh()
    assert statuses[-1].startswith("no type learner yet") and "0/25 new codings" in statuses[-1]
    controller.codings_changed()
    assert controller.check_timer.isActive()
    controller.check()  # nothing decided: no retraining
    assert not controller.training
    worker = controller.retrain_now()
    assert worker is not None and controller.training and "retraining…" in statuses[-1]
    assert messages == ["Retraining the type learner in the background…"]
    assert controller.retrain_now() is None and messages[-1] == "The type learner is already retraining"
    controller.forget()  # another project or scheme: its result (here: not enough codings) is ignored
    assert not controller.training
    qtbot.waitUntil(lambda: not workers.busy, timeout=60_000)
    qtbot.wait(20)
    assert not controller.training and not any("not retrained" in m for m in messages)
    controller.stop()
    controller.codings_changed()
    assert not controller.check_timer.isActive()


def test_an_import_read_as_windows_1252_says_so_in_the_window(window, tmp_path, warnings_shown):
    """A .txt that is not UTF-8 is read as Windows-1252 and imported; the window says which file was read so
    (as the CLI prints it), so the analyst can check its quotes and accents."""
    source = tmp_path / "bamako.txt"
    source.write_bytes("Mali\u2019s junta rejects the bloc\u2019s demands\n\nBAMAKO, Jan 10, 2022 - The "
                       "junta said it would not bow to pressure from the r\u00e9gional bloc.\n".encode("cp1252"))
    project = window.session.project
    job = window.import_paths([str(source)])
    assert job is not None and job.wait(60_000)
    assert len(job.outcome.ids) == 1
    text = project.get_document(job.outcome.ids[0]).text
    assert "Mali\u2019s junta" in text and "r\u00e9gional" in text
    assert job.outcome.report.warnings and "bamako.txt" in job.outcome.report.warnings[0]
    assert ("Import warnings", "Import: 1 imported, 0 skipped, 0 refused, with 1 warning(s):") in warnings_shown
