"""The events list: the filter bar (code, actor, status, annotator), a list across documents
(``EventsPane.show_only``, the overview's drill-down) and Enter on a listed event opening its document there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eventcoder.core.event_filter import MODEL_ANNOTATOR, EventFilter

from .second_document import add_second_document


def _ids(project, sql, params=()):
    return [r[0] for r in project.db.execute(sql, list(params))]


def test_show_only_lists_exactly_those_events_across_documents_and_enter_opens_one(window, keys, qtbot):
    project = window.session.project
    second = add_second_document(project)
    first_doc = window.session.document_id
    assert first_doc != second
    wanted = _ids(project, "SELECT id FROM events WHERE event_code = '112' ORDER BY id")
    assert len(wanted) == 2 and len({project.get_event(i).document_id for i in wanted}) == 2

    pane = window.events
    pane.set_filter(code="04")  # a filter typed before: cleared, the list holds exactly the ids given
    pane.show_only(wanted, "Overview: 112 Accuse")
    assert pane.listing and pane.code_filter.text() == ""
    assert sorted(pane.listed_ids()) == sorted(wanted)
    assert pane.model.columnCount() == 6 and pane.model.headerData(1, Qt.Orientation.Horizontal) == "Document"
    titles = {pane.model.index(r, 1).data() for r in range(pane.model.rowCount())}
    assert titles == {"S-400 deal being implemented despite US, says Lavrov", "Farmers block border crossing"}
    assert pane.list_bar.isVisible() and "Overview: 112 Accuse" in pane.list_label.text()
    assert pane.back_button.isVisible()

    # Enter on the other document's row opens that document at the event (not an accept)
    row = next(r for r, e in enumerate(pane.model.events) if e.document_id == second)
    event_id = pane.model.events[row].id
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(row, 0))
    keys(Qt.Key.Key_Return)
    assert window.session.document_id == second
    assert window.session.current_event_id == event_id
    assert project.get_event(event_id).status == "suggested"  # Enter opened it; nothing was decided
    event = project.get_event(event_id)
    caret = window.article.textCursor().position()
    assert event.sentence_start <= caret < event.sentence_end  # the article shows the event's sentence
    assert window.article.hasFocus()
    assert pane.listing and sorted(pane.listed_ids()) == sorted(wanted)  # the list stays for the next one

    # deciding the listed event in its document updates its row in the list
    keys("A")
    assert project.get_event(event_id).status == "accepted"
    assert pane.model.events[pane.model.row_of(event_id)].status == "accepted"

    # back: the open document's own events, no document column
    qtbot.mouseClick(pane.back_button, Qt.MouseButton.LeftButton)
    assert not pane.listing and not pane.list_bar.isVisible()
    assert pane.model.columnCount() == 5
    assert sorted(pane.listed_ids()) == sorted(e.id for e in window.session.doc.events)
    assert {project.get_event(i).document_id for i in pane.listed_ids()} == {second}

    pane.show_only([wanted[0], 10_000_000], "missing ids are left out")
    assert pane.listed_ids() == [wanted[0]]
    pane.show_only(None, "")
    assert not pane.listing


def test_filter_bar_narrows_the_documents_events(window, keys):
    pane = window.events
    project = window.session.project
    all_ids = pane.listed_ids()
    assert len(all_ids) == 5
    pane.article_focus = window.article
    pane.code_filter.setFocus()
    keys("0", "4")  # typed into the code box: events whose code starts with 04
    assert window.events.code_filter.text() == "04"
    assert sorted(pane.listed_ids()) == sorted(_ids(project, "SELECT id FROM events WHERE event_code LIKE '04%'"))
    assert len(pane.listed_ids()) == 2
    pane.code_filter.clear()
    pane.actor_filter.setFocus()
    keys("r", "u", "s")  # source or target starting with RUS, any case
    expected = _ids(project, "SELECT id FROM events WHERE source_code LIKE 'RUS%' OR target_code LIKE 'RUS%'")
    assert sorted(pane.listed_ids()) == sorted(expected) and len(expected) == 4
    pane.actor_filter.clear()

    # decide two, then filter by status and by annotator
    window.article.setFocus()
    keys("J", "A", "X")
    pane.set_filter(status="accepted")
    assert pane.listed_ids() == _ids(project, "SELECT id FROM events WHERE status = 'accepted'")
    assert len(pane.listed_ids()) == 1
    pane.refresh_annotators()
    assert pane.annotator_filter.findData("tester") >= 0
    pane.set_filter(annotator="tester")
    assert sorted(pane.listed_ids()) == sorted(_ids(project, "SELECT id FROM events WHERE annotator = 'tester'"))
    assert len(pane.listed_ids()) == 2
    pane.set_filter(annotator=MODEL_ANNOTATOR)
    assert len(pane.listed_ids()) == 3 and all(e.annotator is None for e in pane.model.events)
    # the header says a filter is on
    assert "by the model" in pane.header.text()
    pane.set_filter()
    assert sorted(pane.listed_ids()) == sorted(all_ids)


def test_all_documents_lists_the_projects_matching_events(window, qtbot):
    project = window.session.project
    add_second_document(project)
    pane = window.events
    pane.set_filter(code="1")
    qtbot.mouseClick(pane.all_documents, Qt.MouseButton.LeftButton)
    assert pane.lister.wait()  # read off the UI thread (app/listing.py)
    assert pane.all_documents.isChecked() and pane.listing
    expected = _ids(project, "SELECT id FROM events WHERE substr(event_code, 1, 1) = '1' ORDER BY id")
    assert sorted(pane.listed_ids()) == expected and len(expected) == 4
    assert len({project.get_event(i).document_id for i in expected}) == 2
    pane.set_filter(code="1", actor="ukr")
    assert pane.lister.wait()
    assert sorted(pane.listed_ids()) == _ids(
        project, "SELECT id FROM events WHERE event_code LIKE '1%' AND (source_code LIKE 'UKR%' OR target_code "
        "LIKE 'UKR%') ORDER BY id")
    pane.actor_filter.clear()  # typed: the project's list follows once typing pauses
    qtbot.waitUntil(lambda: sorted(pane.listed_ids()) == expected, timeout=3000)
    qtbot.mouseClick(pane.all_documents, Qt.MouseButton.LeftButton)
    assert not pane.listing
    assert all(e.document_id == window.session.document_id for e in pane.model.events)


def test_store_filter_and_python_filter_agree(app_project):
    project = app_project
    add_second_document(project)
    everything = [x.event for x in project.filtered_events(EventFilter())]
    assert len(everything) == 7
    project.update_event(everything[0].id, status="accepted", annotator="ana")
    everything = [x.event for x in project.filtered_events(EventFilter())]
    for wanted in (EventFilter(code="04"), EventFilter(code="1"), EventFilter(code="0"), EventFilter(actor="pol"),
                   EventFilter(actor="RUSGOV"), EventFilter(status="accepted"), EventFilter(annotator="ana"),
                   EventFilter(annotator=MODEL_ANNOTATOR), EventFilter(code="%"), EventFilter(actor="_")):
        in_sql = [x.event.id for x in project.filtered_events(wanted)]
        in_python = [e.id for e in everything if wanted.matches(e)]
        assert in_sql == in_python, wanted
    assert [x.event.id for x in project.filtered_events(EventFilter(code="%"))] == []  # no LIKE wildcards
    assert project.event_annotators() == ["ana"]
    listed = project.events_by_ids([everything[-1].id, everything[0].id, everything[-1].id])
    assert [x.event.id for x in listed] == [everything[0].id, everything[-1].id]
    assert listed[-1].document_title == "Farmers block border crossing" and listed[-1].sentence


def test_keys_on_another_documents_row_decide_nothing_until_it_is_opened(window, keys):
    project = window.session.project
    second = add_second_document(project)
    pane = window.events
    pane.show_only([e.id for e in project.events()], "every event")
    before = {e.id: e.status for e in project.events()}
    row = next(r for r, e in enumerate(pane.model.events) if e.document_id == second)
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(row, 0))
    assert window.session.current_event_id is None  # the open document's event is no longer the target
    keys("A")
    assert {e.id: e.status for e in project.events()} == before
    assert window.session.document_id != second


def test_a_list_from_one_project_is_dropped_when_another_is_opened(window, tmp_path):
    from .conftest import seed_project

    other = seed_project(tmp_path / "other.db")
    other.close()
    pane = window.events
    pane.show_only([e.id for e in window.session.project.events()], "every event")
    assert pane.listing
    window.switch_project(str(tmp_path / "other.db"))
    assert not pane.listing and not pane.list_bar.isVisible()
    assert sorted(pane.listed_ids()) == sorted(e.id for e in window.session.doc.events)


def test_a_list_longer_than_the_cap_shows_its_first_events_and_says_so(window, monkeypatch):
    from eventcoder.app import events_pane

    monkeypatch.setattr(events_pane, "MAX_LISTED", 2)
    ids = [e.id for e in window.session.project.events()]
    window.events.show_only(ids, "many")
    assert sorted(window.events.listed_ids()) == sorted(ids[:2])
    assert "the first 2 of 5" in window.events.list_label.text()
