"""A refused change's long "Not saved" reason in the status bar never widens the window past its size (a
new-user trial saw a 1480 px window grow to 1929 px after a colleague's change was refused)."""

from __future__ import annotations

from eventcoder.core import commands
from eventcoder.core.store import Project

from .second_document import add_second_document


def test_a_long_refusal_is_elided_in_its_slot_and_the_window_keeps_its_width(window, keys, qtbot):
    width = window.width()
    keys("J")
    event = window.session.current_event
    with Project(window.session.project.path, annotator="a colleague with a rather long annotator name") as other:
        commands.reject_event(other, event.id, expected_version=other.get_event(event.id).version).apply(other)
    keys("A")  # refused: the colleague's rejection is newer
    qtbot.wait(200)  # the layout settles
    label = window.saved_label
    assert label.text().startswith("✖ Not saved") and "changed elsewhere" in label.text()  # whole, as data
    assert label.fontMetrics().horizontalAdvance(label.text()) > label.width()  # too long for its slot ...
    assert label.toolTip() == label.text()  # ... so whole in the tooltip
    shown = label.displayed_text()
    assert "…" in shown and shown.startswith("✖ Not saved")  # elided in the middle, its start readable
    assert window.width() == width
    assert window.minimumSizeHint().width() <= width


def test_the_refusal_does_not_follow_the_analyst_to_another_document(window, keys, qtbot):
    second = add_second_document(window.session.project)
    window.documents.reload()
    keys("J")
    event = window.session.current_event
    first_doc = window.session.document_id
    with Project(window.session.project.path, annotator="colleague") as other:
        commands.reject_event(other, event.id, expected_version=other.get_event(event.id).version).apply(other)
    keys("A")
    assert window.saved_label.text().startswith("✖ Not saved")
    window.open_document(second)
    assert window.saved_label.text().startswith("✔ All changes saved")  # the refusal wrote nothing, nothing pending
    window.open_document(first_doc)
    assert window.session.project.get_event(event.id).status == "rejected"  # the colleague's decision stands


def test_a_slot_squeezed_below_its_cap_still_gives_the_whole_text_in_its_tooltip(qtbot):
    from eventcoder.app.status_bar import SlotLabel

    label = SlotLabel(cap=460)
    qtbot.addWidget(label)
    label.show()
    label.resize(200, 20)
    text = "✖ Not saved: the project could not be written because the disk is full; nothing was written"
    label.setText(text)
    qtbot.wait(20)
    assert label.displayed_text() != text  # drawn cut in 200 px
    assert label.toolTip() == text
    label.resize(2000, 20)
    qtbot.wait(20)
    assert label.displayed_text() == text and label.toolTip() == ""  # whole: no tooltip needed
