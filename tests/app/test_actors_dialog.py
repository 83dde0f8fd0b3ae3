"""Code ▸ Project actors…: the project's own actor dictionary in the window -- what accepting an event teaches
shows up, add / edit / remove are each one undoable step (undone from the dialog or the main window), the entry
dialog refuses what the core refuses, and the export is a PETRARCH actors file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from eventcoder.app.actors_dialog import ActorEntryDialog, ActorsDialog
from eventcoder.core import project_actors as pa
from eventcoder.core.dictionaries import parse_actors


def _rows(dialog: ActorsDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def test_the_dialog_lists_learned_entries_and_each_change_is_one_undo_step(window, keys, qtbot, tmp_path):
    project = window.session.project
    window.actions_by_name["project_actors"].trigger()
    dialog = window.actors_dialog
    assert dialog.isVisible()
    assert _rows(dialog) == [] and pa.project_actors(project) == []

    keys("J", "A")  # accept the first suggestion: its actor spans are accepted with their codes
    learned = pa.project_actors(project)
    assert learned and all(a.source == pa.LEARNED for a in learned)
    assert {(r[0], r[1]) for r in _rows(dialog)} == {(a.name, a.code) for a in learned}  # refreshed by the undo stack
    assert all(r[3] == "learned from 1 mention(s)" for r in _rows(dialog))
    window.session.undo()  # undoing the acceptance undoes what was learned from it
    assert _rows(dialog) == []
    window.session.redo()
    assert {(r[0], r[1]) for r in _rows(dialog)} == {(a.name, a.code) for a in learned}

    dialog.ask = lambda actor=None: ("Zorvan Kettel", "norgov", "2023-01-01", None)
    assert dialog.add()
    assert ("Zorvan Kettel", "NORGOV", "from 2023-01-01", "added") in _rows(dialog)
    assert dialog.selected().name == "Zorvan Kettel"
    assert window.session.undo_stack.undoText().startswith("add actor Zorvan Kettel")
    window.session.undo()  # Ctrl+Z of the main window undoes it; the dialog follows
    assert "Zorvan Kettel" not in [r[0] for r in _rows(dialog)]
    dialog._redo()
    assert "Zorvan Kettel" in [r[0] for r in _rows(dialog)]

    first = learned[0]
    assert dialog.select(first.name, first.code)
    dialog.ask = lambda actor=None: (actor.name, "XYZGOV", None, "2030-12-31")
    assert dialog.edit_selected()  # a learned entry: an added one takes its place, in one step
    assert (first.name, "XYZGOV", "until 2030-12-31", "added") in _rows(dialog)
    assert (first.name, first.code) not in {(r[0], r[1]) for r in _rows(dialog)}
    dialog._undo()
    assert (first.name, first.code) in {(r[0], r[1]) for r in _rows(dialog)}
    assert "XYZGOV" not in [r[1] for r in _rows(dialog)]

    assert dialog.select(first.name, first.code)
    assert dialog.remove_selected()
    assert (first.name, first.code) not in {(r[0], r[1]) for r in _rows(dialog)}
    assert window.session.undo_stack.undoText().startswith("remove actor")
    dialog._undo()
    assert (first.name, first.code) in {(r[0], r[1]) for r in _rows(dialog)}

    out = tmp_path / "actors.txt"
    assert dialog.export(out) == len({a.key for a in pa.project_actors(project)})
    read = parse_actors([out])
    assert read.problems == [] and read.lookup("Zorvan Kettel").resolve("2024-01-01") == ["NORGOV"]


def test_the_entry_dialog_refuses_what_the_core_refuses(qtbot):
    dialog = ActorEntryDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.problem.text() == ""  # nothing typed yet: nothing to complain about
    dialog.name.setText("Zorvan Kettel")
    dialog.code.setText("norgov")
    assert ok.isEnabled()
    dialog.start.setText("2023-02-30")
    assert not ok.isEnabled() and "not a date" in dialog.problem.text()
    dialog.start.setText("2024-01-01")
    dialog.end.setText("2023-01-01")
    assert not ok.isEnabled() and "after it ends" in dialog.problem.text()
    dialog.end.setText("")
    assert ok.isEnabled() and dialog.values() == ("Zorvan Kettel", "NORGOV", "2024-01-01", None)
