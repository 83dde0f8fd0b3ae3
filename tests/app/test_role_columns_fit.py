"""The events list's role columns fit their texts: an edit that gives a row a longer code widens its column
(measured on the edited row, wherever it is in the list, not on the list's first rows), and an edit never
narrows it (the columns do not jump)."""

from __future__ import annotations

from eventcoder.app.events_pane import EventsPane


def _source_width(window) -> int:
    return window.events.view.header().sectionSize(1)


def test_an_edit_past_the_measured_rows_widens_the_column_and_a_shorter_code_keeps_it(window, qtbot,
                                                                                      monkeypatch):
    monkeypatch.setattr(EventsPane, "FIT_ROWS", 1)  # a new list is measured on its first row only
    session = window.session.core
    model = window.events.model
    assert model.rowCount() >= 2
    event = model.events[model.rowCount() - 1]  # the last row: never among the measured first rows
    before = _source_width(window)
    long_code = "IGOUNOKIDNGOHRI"  # wider than any code of the seed article
    assert window.events.view.fontMetrics().horizontalAdvance(long_code) + 14 > before
    assert session.edit_event(event.id, source_code=long_code)
    qtbot.wait(50)
    assert model.index(model.row_of(event.id), 1).data() == long_code
    after = _source_width(window)
    assert after > before  # widened for the edited row's text
    assert session.edit_event(event.id, source_code="RUS")
    qtbot.wait(50)
    assert _source_width(window) == after  # an edit never narrows it


def test_a_new_event_with_a_longer_code_widens_the_column(window, qtbot, monkeypatch):
    monkeypatch.setattr(EventsPane, "FIT_ROWS", 1)
    session = window.session.core
    model = window.events.model
    before = _source_width(window)
    long_code = "IGOUNOKIDNGOHRI"
    assert window.events.view.fontMetrics().horizontalAdvance(long_code) + 14 > before
    last = model.events[model.rowCount() - 1]
    made = session.new_event("010", sentence=(last.sentence_start, last.sentence_end), source=long_code)
    assert made is not None
    qtbot.wait(50)
    assert model.row_of(made.id) is not None
    assert _source_width(window) > before  # the inserted row was measured
