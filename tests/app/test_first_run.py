"""The first run as a new user sees it: a new project, the seed imported, coded by the real coder in the
worker with the built-in CAMEO scheme, a suggestion selected. Its screenshot is the README's."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS


def _real_coder_or_skip():
    from eventcoder.core.schemes import load_scheme

    try:
        from eventcoder.core.pipeline import rules_coder as coder_for

        coder_for(load_scheme("cameo"))
    except ImportError as exc:  # the spaCy model or the coder is not installed here
        pytest.skip(f"real coder unavailable: {exc}")


def test_first_run_seeds_and_codes_with_the_real_coder(qtbot, tmp_path, settings, keys):
    _real_coder_or_skip()
    from eventcoder.app.main import SEEDS_DIR, after_shown, build_window

    window, seeded = build_window(tmp_path / "first.db", seed=True, settings=settings)
    qtbot.addWidget(window)
    try:
        assert len(seeded) == len(list(SEEDS_DIR.glob("*.txt"))) >= 1
        assert window.session.scheme.name == "CAMEO"
        assert window.session.document_id == seeded[0]  # the seed article is on screen at once
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        worker = after_shown(window, seeded)
        assert worker is not None
        qtbot.waitUntil(lambda: not window.workers.busy, timeout=120_000)
        assert window.model_label.text().startswith("model ready"), window.model_label.text()
        events = window.session.doc.events
        assert len(events) >= 3 and all(e.status == "suggested" for e in events)
        assert any("CAMEO" in (e.evidence or "") for e in events)  # real dictionary evidence, not a fixture
        assert window.events.model.rowCount() == len(events)
        assert window.article.highlight_count > 0
        assert "Suggested" in window.statusBar().currentMessage()
        # the seed opened before it had suggestions: when they arrive the first (in text order) is current, as
        # on opening a coded document, so A decides it at once
        first = next(e for e in events if e.status == "suggested")  # the document's events are in text order
        assert window.session.current_event is not None and window.session.current_event.id == first.id
        assert window.editor.mode == "edit"
        window.article.setFocus()
        keys("J")
        assert window.session.current_event.id != first.id  # J moves on from it
        qtbot.wait(100)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / "main_window.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 20_000
    finally:
        window.workers.cancel_all()
        window.workers.wait(5000)
        window.close()
        window.session.project.close()
