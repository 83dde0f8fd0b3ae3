"""A note on any event: typed in the event editor, stored, undoable, shown in the list's tooltip, exported as
the ``note`` column (CSV, TSV) and field (JSONL). A note alone does not decide a suggestion."""

from __future__ import annotations

import csv
import json

from PySide6.QtCore import Qt

from eventcoder.core.io.exporters import export


def _row(project, event_id):
    return dict(project.db.execute_returning_dicts("SELECT * FROM events WHERE id = ?", [event_id])[0])


def test_note_typed_in_the_editor_is_stored_undoable_and_decides_nothing(window, keys):
    project = window.session.project
    keys("J")
    event = window.session.current_event
    assert event.status == "suggested" and event.note is None
    keys("E")
    window.editor.note.setFocus()
    keys(*"check the date", Qt.Key.Key_Return)
    row = _row(project, event.id)
    assert row["note"] == "check the date"
    assert row["status"] == "suggested" and row["annotator"] is None  # still the model's, undecided
    shown = window.events.model.events[window.events.model.row_of(event.id)]
    assert shown.note == "check the date"
    assert "note: check the date" in window.events.model.index(window.events.model.row_of(event.id), 2).data(
        Qt.ItemDataRole.ToolTipRole)
    assert window.events.model.index(window.events.model.row_of(event.id), 2).data().startswith("✎ ")
    window.article.setFocus()
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert _row(project, event.id)["note"] is None
    assert not window.events.model.index(window.events.model.row_of(event.id), 2).data().startswith("✎")
    keys(("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert _row(project, event.id)["note"] == "check the date"

    # the editor shows it when the event is selected again; clearing it stores NULL
    window.session.set_current_event(None)
    window.session.set_current_event(event.id)
    assert window.editor.note.text() == "check the date"
    window.editor.note.setFocus()
    window.editor.note.selectAll()
    keys(Qt.Key.Key_Backspace, Qt.Key.Key_Return)
    assert _row(project, event.id)["note"] is None


def test_a_new_event_takes_a_note_and_every_table_export_carries_it(window, keys, tmp_path):
    project = window.session.project
    keys("J", "A")  # one accepted suggestion, without a note
    accepted = [r["id"] for r in project.db.execute_returning_dicts("SELECT id FROM events WHERE status='accepted'")]
    keys("N", "C", "1", "1", "2")
    window.editor.note.setFocus()
    keys(*"second source needed", Qt.Key.Key_Return)
    made = window.session.current_event
    assert made.origin == "human" and _row(project, made.id)["note"] == "second source needed"

    scheme = window.session.scheme
    assert export(project, "csv", tmp_path / "e.csv", scheme, "accepted") == 2
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as fh:
        rows = {int(r["event_id"]): r for r in csv.DictReader(fh)}
    assert rows[made.id]["note"] == "second source needed" and rows[accepted[0]]["note"] == ""
    assert export(project, "tsv", tmp_path / "e.tsv", scheme, "accepted") == 2
    with open(tmp_path / "e.tsv", encoding="utf-8", newline="") as fh:
        rows = {int(r["Event ID"]): r for r in csv.DictReader(fh, delimiter="\t")}
    assert rows[made.id]["note"] == "second source needed"
    assert export(project, "jsonl", tmp_path / "e.jsonl", scheme, "accepted") == 2
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    notes = {r["id"].split("-")[1]: r["note"] for r in records}
    assert notes == {str(made.id): "second source needed", str(accepted[0]): None}


def test_a_note_that_looks_like_a_formula_is_exported_as_text(app_project, tmp_path):
    from eventcoder.core.session import CodingSession

    session = CodingSession.open(app_project)
    doc_id = app_project.document_ids()[0]
    session.open_document(doc_id)
    event = session.move_to_suggestion()
    assert session.edit_event(event.id, note="=HYPERLINK(\"x\")", status="accepted")
    assert export(app_project, "csv", tmp_path / "n.csv", session.scheme, "accepted") == 1
    with open(tmp_path / "n.csv", encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["note"] == "'=HYPERLINK(\"x\")"
