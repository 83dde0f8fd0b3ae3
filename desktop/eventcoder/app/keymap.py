"""The keyboard map: one table that builds the menus' actions and the ``?`` cheat sheet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyAction:
    name: str  # the controller/window method that runs it
    menu: str
    text: str
    keys: tuple[str, ...] = ()  # QKeySequence strings; the first is shown in the menu
    local_keys: tuple[str, ...] = ()  # keys that only work while the article or events list has focus
    help: str = ""


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("open_project", "File", "&Open project…", ("Ctrl+O",)),
    KeyAction("new_project", "File", "&New project…", ("Ctrl+N",)),
    KeyAction("import_files", "File", "&Import files…", ("Ctrl+I",), help="also drag files or folders onto the window"),
    KeyAction("import_folder", "File", "Import &folder…", ("Ctrl+Shift+I",)),
    KeyAction("export", "File", "&Export…", ("Ctrl+E",),
              help="CSV, TSV, JSONL, brat, spaCy, doccano; accepted or all events"),
    KeyAction("export_csv", "File", "Export accepted events as &CSV…", ("Ctrl+Shift+E",)),
    KeyAction("close", "File", "&Quit", ("Ctrl+Q",)),
    KeyAction("undo", "Edit", "&Undo", ("Ctrl+Z",)),
    KeyAction("redo", "Edit", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    KeyAction("find_in_article", "Edit", "&Find in the article…", ("Ctrl+F",),
              help="highlights every match; Enter / F3 next, Shift+Enter / Shift+F3 previous, Esc closes"),
    KeyAction("find_next", "Edit", "Find &next", ("F3",)),
    KeyAction("find_previous", "Edit", "Find pre&vious", ("Shift+F3",)),
    KeyAction("focus_search", "Edit", "&Search documents", ("Ctrl+Shift+F",), help="full text, every document"),
    KeyAction("next_suggestion", "Code", "&Next suggestion", ("J",), help="scrolls the article to it"),
    KeyAction("previous_suggestion", "Code", "&Previous suggestion", ("K",)),
    KeyAction("accept", "Code", "&Accept", ("A",), ("Return", "Enter"), help="A or Enter"),
    KeyAction("reject", "Code", "Re&ject", ("X",), ("Delete",), help="X or Delete"),
    KeyAction("edit_event", "Code", "&Edit event", ("E",), help="Tab moves between fields, Enter saves"),
    KeyAction("delete_event", "Code", "&Delete event", ("Ctrl+Delete",),
              help="an analyst's own event (undoable); a suggestion is rejected instead"),
    KeyAction("new_event", "Code", "Ne&w event in this sentence", ("N",),
              help="source and target pre-filled from the sentence's actors"),
    KeyAction("focus_code", "Code", "Event &code…", ("C",), help="type-ahead on code or label: 112, accuse"),
    KeyAction("make_source", "Code", "Selected text is the &source", ("S",)),
    KeyAction("make_target", "Code", "Selected text is the &target", ("T",)),
    KeyAction("make_location", "Code", "Selected text is the &location", ("L",),
              help="a highlighted location sets the event's location span; other words, the place name"),
    *(KeyAction(f"alternative_{n}", "Code", f"Alternative code &{n}", (f"Alt+{n}",),
                help=f"or {n} with no words selected; the learner's next-best codes (or the code's siblings); "
                "saves at once") for n in (1, 2, 3)),
    KeyAction("start_relation", "Code", "&Relation from this span…", ("R",),
              help="R on the first span, move to the second, R again"),
    KeyAction("next_span", "Code", "Select next highlight", ("]",)),
    KeyAction("previous_span", "Code", "Select previous highlight", ("[",)),
    KeyAction("toggle_done", "Code", "Mark document &done", ("Ctrl+D",)),
    KeyAction("edit_document_date", "Code", "Set the document's dat&e…", ("Ctrl+Shift+D",),
              help="in the documents list: YYYY-MM-DD, Enter saves (undoable); also F2 or a double-click there"),
    KeyAction("suggest_document", "Code", "Run suggestions on this &document", ("Ctrl+R",)),
    KeyAction("suggest_all", "Code", "Run suggestions on &all documents…", ("Ctrl+Shift+R",)),
    KeyAction("retrain_learner", "Code", "Retrain the type &learner now", ("Ctrl+T",),
              help="in the background; it also retrains by itself after every 25 new codings"),
    KeyAction("next_document", "View", "Next document", ("Alt+Down",)),
    KeyAction("previous_document", "View", "Previous document", ("Alt+Up",)),
    KeyAction("focus_article", "View", "Go to the article", ("Ctrl+1",)),
    KeyAction("focus_events", "View", "Go to the events list", ("Ctrl+2",)),
    KeyAction("cheat_sheet", "Help", "&Keyboard shortcuts", ("?", "F1")),
    KeyAction("about", "Help", "&About EventCoder"),
)
SPAN_LABEL_KEYS = tuple(str(i) for i in range(1, 10))
ALTERNATIVE_KEYS = 3  # 1–3 with no words selected pick the current event's alternative codes


FIELD_EDITING_KEYS = frozenset({"Ctrl+Delete", "Ctrl+Backspace"})  # delete a word in a text field


def is_typing_key(key: str) -> bool:
    """A key that also types or edits text (a letter, digit or sign, no Ctrl/Alt; or Ctrl+Delete, which deletes
    a word): a coding shortcut only while the article or the events list has focus, so the editor's fields,
    the search box and dropdowns get it."""
    return (len(key) == 1 and key.isprintable()) or key in FIELD_EDITING_KEYS


def cheat_sheet_rows(span_labels: list[str]) -> list[tuple[str, str]]:
    rows = []
    for action in ACTIONS:
        if not action.keys:
            continue
        keys = " / ".join((*action.keys, *action.local_keys))
        text = action.text.replace("&", "").rstrip("…")
        rows.append((keys, text + (f" — {action.help}" if action.help else "")))
    for i, label in enumerate(span_labels[:9], start=1):
        alternative = f"; with no words selected: alternative code {i}" if i <= ALTERNATIVE_KEYS else ""
        rows.append((str(i), f"label the selected text: {label}{alternative}"))
    return rows
