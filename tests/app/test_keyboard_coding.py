"""Code the seed article through the window by keyboard only, then check SQLite and the CSV export."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from eventcoder.app import dialogs


def _rows(project, sql, params=()):
    return [dict(r) for r in project.db.execute_returning_dicts(sql, list(params))]


def _event(project, code, source=None, target=None):
    rows = _rows(project, "SELECT * FROM events WHERE event_code = ? ORDER BY id", [code])
    return [r for r in rows if (source is None or r["source_code"] == source)
            and (target is None or r["target_code"] == target)]


def test_code_seed_article_by_keyboard(window, keys, monkeypatch, tmp_path, qtbot):
    project = window.session.project
    assert window.article.hasFocus()
    assert len(window.session.doc.events) == 5

    # opened: the first suggestion in text order (RUSGOV 112 USA) is current, scrolled to and emphasised
    first = window.session.current_event
    assert (first.event_code, first.source_code, first.target_code) == ("112", "RUSGOV", "USA")
    assert window.events.view.currentIndex().row() == window.events.model.row_of(first.id)
    keys("A")  # accept; moves on to the next suggestion
    second = window.session.current_event
    assert second.event_code == "010"
    keys("X")  # reject the bare "said" statement
    third = window.session.current_event
    assert third.event_code == "040" and third.source_code == "IND"
    keys(Qt.Key.Key_Return)  # Enter accepts too
    fourth = window.session.current_event
    assert fourth.event_code == "138"
    keys(Qt.Key.Key_Delete)  # Delete rejects too
    fifth = window.session.current_event
    assert fifth.event_code == "040" and fifth.status == "suggested"
    keys("K")  # back to the previous suggestion: none left before it, stays
    assert window.session.current_event.id == fifth.id

    statuses = {r["event_code"] + (r["source_code"] or ""): r["status"]
                for r in _rows(project, "SELECT * FROM events")}
    assert statuses["112RUSGOV"] == "accepted"
    assert statuses["010RUSGOV"] == "rejected"
    assert statuses["138USA"] == "rejected"
    accepted_040 = _rows(project, "SELECT * FROM events WHERE event_code='040' AND status='accepted'")
    assert len(accepted_040) == 1 and accepted_040[0]["sentence_start"] < fifth.sentence_start
    # accepting an event accepts its actor and trigger spans
    span_status = {r["id"]: r["status"] for r in _rows(project, "SELECT id, status FROM spans")}
    assert span_status[first.source_span_id] == "accepted" and span_status[first.trigger_span_id] == "accepted"

    # a brand-new event in the current sentence (India and Russia highlighted): N C 1 1 2 Enter
    before = keys.count
    keys("N", "C", "1", "1", "2", Qt.Key.Key_Return)
    new_event_keys = keys.count - before
    assert new_event_keys <= 6
    made = _event(project, "112", "IND", "RUS")
    assert len(made) == 1, _rows(project, "SELECT * FROM events WHERE origin='human'")
    made = made[0]
    assert made["origin"] == "human" and made["status"] == "accepted" and made["annotator"] == "tester"
    assert made["sentence_start"] == fifth.sentence_start
    assert made["source_span_id"] == fifth.source_span_id and made["target_span_id"] == fifth.target_span_id
    assert window.article.hasFocus()  # back in the text, ready for the next key

    # a relation: Russia member of the Shanghai Cooperation Organisation, by keyboard: ] R ] ] R
    monkeypatch.setattr(dialogs, "choose_relation_type", lambda parent, choices, a, b: "member_of")
    keys("]")
    assert window.article.textCursor().selectedText() == "Russia"
    keys("R", "]", "]")
    assert window.article.textCursor().selectedText() == "Shanghai Cooperation Organisation"
    keys("R")
    relations = _rows(project, "SELECT r.type, a.text AS a, b.text AS b FROM relations r "
                               "JOIN spans a ON a.id = r.from_span_id JOIN spans b ON b.id = r.to_span_id")
    assert relations == [{"type": "member_of", "a": "Russia", "b": "Shanghai Cooperation Organisation"}]
    assert window.relations.model.rowCount() == 1

    # undo and redo, by keyboard
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert _rows(project, "SELECT * FROM relations") == []
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert _event(project, "112", "IND", "RUS") == []
    keys(("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert len(_event(project, "112", "IND", "RUS")) == 1
    keys(("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert len(_rows(project, "SELECT * FROM relations")) == 1
    # undo a rejection and redo it
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    keys(("Z", Qt.KeyboardModifier.ControlModifier))
    assert _event(project, "138", "USA")[0]["status"] == "suggested"
    keys(("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert _event(project, "138", "USA")[0]["status"] == "rejected"
    keys(("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
         ("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert len(_rows(project, "SELECT * FROM relations")) == 1

    # export by the File menu's key; the CSV holds exactly the accepted events
    out = tmp_path / "accepted.csv"
    monkeypatch.setattr(dialogs, "ask_export", lambda parent, formats, folder, stem: dialogs.ExportChoice(
        "csv", "accepted", str(out)))
    keys(("E", Qt.KeyboardModifier.ControlModifier))
    qtbot.waitUntil(out.exists, timeout=30_000)  # written in the background, put in place only when complete
    with out.open(encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    accepted = _rows(project, "SELECT id FROM events WHERE status = 'accepted'")
    assert sorted(int(r["event_id"]) for r in exported) == sorted(r["id"] for r in accepted)
    assert len(exported) == 3
    assert {r["event_code"] for r in exported} == {"112", "040"}
    assert new_event_keys == 6
    print(f"keystrokes: whole session {keys.count}, new event {new_event_keys}")
