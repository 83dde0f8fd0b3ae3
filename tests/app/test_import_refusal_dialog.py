"""The window's import refusal names each bad line once, one path a line (it repeated the file three times per
line), and lists every bad line of a JSON Lines file."""

from __future__ import annotations

import json

from eventcoder.app import dialogs


def test_the_refusal_dialog_lists_every_bad_line_with_one_path_each(window, monkeypatch, tmp_path, qtbot):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join([json.dumps({"text": "Good one."}), '{"text": ', json.dumps({"text": "x",
                               "date": "2024-13-01"})]) + "\n", encoding="utf-8")
    before = window.session.project.document_count()
    job = window.import_paths([str(path)])
    assert job is not None and job.wait(60_000)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    title, text = shown[0]
    assert title == "Nothing imported"
    lines = [line for line in text.splitlines() if str(path) in line]
    assert len(lines) == 3 and all(line.count(str(path)) == 1 for line in lines)
    assert lines[1].startswith(f"{path}:2: ") and lines[2].startswith(f"{path}:3: ")
    assert "month must be in 1..12" in lines[2]
    assert window.session.project.document_count() == before
