"""An official's title in the events table: whole in the cell (the view elides it in the middle, keeping its
start and end), whole in the tooltip with the role's code, in columns wide enough at the default window size."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.core import commands

TITLE = "Russian foreign minister Sergey Lavrov"


def _uncode_source(window):
    session = window.session
    lavrov = next(s for s in session.doc.spans.values() if s.text == TITLE)
    event = next(e for e in session.doc.events if e.source_span_id == lavrov.id)
    session.do(lambda: commands.edit_event(session.project, event.id, source_span_id=lavrov.id, source_code=None))
    model = window.events.model
    return model, model.row_of(event.id)


def test_a_title_is_whole_in_its_cell_and_tooltip_and_elided_in_the_middle(window):
    model, row = _uncode_source(window)
    view = window.events.view
    assert model.index(row, 1).data() == f"“{TITLE}”"  # never cut off in the data: the view elides it
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    tip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Source: “{TITLE}”\n\n")
    assert "Lavrov" in tip.split("\n\n", 1)[1]  # then the sentence, as before
    coded = next(r for r, e in enumerate(model.events) if e.target_code == "USA")
    assert model.index(coded, 3).data(Qt.ItemDataRole.ToolTipRole).startswith("Target: USA “US”\n\n")
    label = model.index(row, 2).data()
    assert model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole).startswith(label.removeprefix("✎ ") + "\n\n")


def test_the_default_widths_show_a_titles_start_and_end(window):
    _model, _row = _uncode_source(window)
    view = window.events.view
    metrics = view.fontMetrics()
    source, target = view.columnWidth(1), view.columnWidth(3)
    shown = metrics.elidedText(f"“{TITLE}”", Qt.TextElideMode.ElideMiddle, source - 8)  # what the cell draws
    assert shown.startswith("“Russian") and shown.endswith("Lavrov”"), shown
    assert metrics.horizontalAdvance("Target") < target < source  # codes only: the event label gets the room
    label = "138 Threaten with military force"
    assert view.columnWidth(2) >= metrics.horizontalAdvance(label), [view.columnWidth(c) for c in range(5)]


def test_a_column_the_analyst_resized_keeps_its_width(window):
    view = window.events.view
    view.header().resizeSection(3, 200)  # by hand
    _uncode_source(window)  # an edit: the source column widens for the title, the target stays as set
    window.session.reload(window.session.document_id)
    assert view.columnWidth(3) == 200
    metrics = view.fontMetrics()
    shown = metrics.elidedText(f"“{TITLE}”", Qt.TextElideMode.ElideMiddle, view.columnWidth(1) - 8)
    assert shown.startswith("“Russian") and shown.endswith("Lavrov”"), shown
