"""Ctrl+F finds words in the open article: every match highlighted, Enter / F3 steps through them, the keys
typed there never code; the document search keeps its own key (Ctrl+Shift+F)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from eventcoder.app.article_view import MAX_FOUND_SHOWN, find_all

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _matches(text, word):
    return [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]


def test_ctrl_f_finds_and_highlights_words_in_the_article(window, keys, qtbot):
    article = window.article
    text = window.session.doc.document.text
    project = window.session.project
    statuses = [r[0] for r in project.db.execute("SELECT status FROM events ORDER BY id")]
    highlights = article.highlight_count
    expected = _matches(text, "india")
    assert len(expected) >= 4

    keys(("F", CTRL))
    bar = article.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    keys("i", "n", "d", "i", "a", "x")  # typed into the find box: X does not reject anything
    assert bar.edit.text() == "indiax" and article.found == [] and bar.count.text() == "no match"
    keys(Qt.Key.Key_Backspace)
    assert article.found == expected  # case-insensitive: "India" found by "india"
    assert bar.count.text() == f"1 of {len(expected)}"
    # drawn over the span highlights, one extra selection per match
    assert len(article.extraSelections()) == highlights + len(expected)
    cursor = article.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == expected[0]
    assert article.selected_range() == expected[0]  # the found words are selected: S / T / 1-9 act on them

    keys(Qt.Key.Key_Return)  # next
    assert article.textCursor().selectionStart() == expected[1][0] and bar.count.text().startswith("2 of")
    keys((Qt.Key.Key_Return, SHIFT), (Qt.Key.Key_Return, SHIFT))  # previous twice: wraps to the last one
    assert article.found_index == len(expected) - 1
    assert article.textCursor().selectionStart() == expected[-1][0]
    keys(Qt.Key.Key_F3)  # F3 from anywhere: next, wrapping to the first
    assert article.found_index == 0

    keys(Qt.Key.Key_Escape)
    assert not bar.isVisible() and article.hasFocus()
    assert article.found == [] and len(article.extraSelections()) == highlights
    assert (article.textCursor().selectionStart(), article.textCursor().selectionEnd()) == expected[0]
    # nothing was decided by any key typed in the find box
    assert [r[0] for r in project.db.execute("SELECT status FROM events ORDER BY id")] == statuses

    # Ctrl+F again offers the selected words; the document search has its own key
    keys(("F", CTRL))
    assert bar.edit.text() == text[expected[0][0]:expected[0][1]] and bar.edit.selectedText() == bar.edit.text()
    keys(Qt.Key.Key_Escape, ("F", CTRL | SHIFT))
    assert window.documents.search.hasFocus()


def test_find_follows_the_open_document(window, keys):
    from .second_document import add_second_document

    project = window.session.project
    second = add_second_document(project)
    first = window.session.document_id
    keys(("F", CTRL))
    window.article.find_bar.edit.setText("ukraine")
    assert window.article.found == []  # not in the seed article
    window.open_document(second)
    assert window.article.found == _matches(window.session.doc.document.text, "ukraine")
    assert len(window.article.found) == 2
    window.open_document(first)
    assert window.article.found == []


def test_find_all_is_literal_and_many_matches_are_drawn_in_a_window_around_the_current_one(window):
    assert find_all("a.b a+b A.B", "a.b") == [(0, 3), (8, 11)]  # no regular expression: "." is a dot
    assert find_all("abc", "") == []
    article = window.article
    article.set_text("war " * (MAX_FOUND_SHOWN * 2), [])
    assert article.find("WAR") == MAX_FOUND_SHOWN * 2
    assert len(article.extraSelections()) == MAX_FOUND_SHOWN
    article.find_step(-1)  # the last match: the ones drawn move with it
    drawn = {s.cursor.selectionStart() for s in article.extraSelections()}
    assert article.found[-1][0] in drawn and 0 not in drawn
