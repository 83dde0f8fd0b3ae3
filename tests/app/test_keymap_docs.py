"""The README's key table documents every key the window binds (the table is written for people, so this
keeps it honest as keys are added)."""

from __future__ import annotations

from pathlib import Path

from eventcoder.app.keymap import ACTIONS

README = Path(__file__).resolve().parents[2] / "README.md"
ARROWS = {"Down": "↓", "Up": "↑"}


def test_every_window_key_is_in_the_readme_table():
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## The coding window"):text.index("## The command line")]
    missing = []
    for action in ACTIONS:
        for key in action.keys[:1]:
            shown = key
            for name, arrow in ARROWS.items():
                shown = shown.replace(name, arrow)
            if shown not in table:
                missing.append(f"{action.name}: {key}")
    assert missing == []
