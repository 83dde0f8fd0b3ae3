"""Many extra selections: PySide6 6.12.0 on Python 3.11 crashed at exit with a few hundred of them.

The subprocess test catches a crash at interpreter shutdown, which an in-process test cannot see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from eventcoder.core.model import Span

SCRIPT = textwrap.dedent("""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from eventcoder.app.article_view import ArticleView
    from eventcoder.core.model import Span
    app = QApplication([])
    view = ArticleView()
    text = " ".join(f"word{i}" for i in range(3000))
    spans, pos = [], 0
    for i, word in enumerate(text.split(" ")):
        if i % 2 == 0:
            spans.append(Span(1, pos, pos + len(word), word, id=i, status=("suggested", "accepted", "rejected")[i % 3]))
        pos += len(word) + 1
    view.set_text(text, spans)
    view.show()
    app.processEvents()
    assert view.highlight_count == 1500, view.highlight_count
    view.update_spans([Span(1, 0, 5, "word0", id=0, status="accepted")])
    view.set_text(text, spans[:1200])
    app.processEvents()
    view.close()
    del view
    print("clean")
""")


def test_1500_highlights_exit_cleanly():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "clean" in result.stdout


def test_many_highlights_in_process(qtbot):
    from eventcoder.app.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    text = " ".join(f"w{i}" for i in range(2400))
    spans, pos = [], 0
    for i, word in enumerate(text.split(" ")):
        spans.append(Span(1, pos, pos + len(word), word, id=i + 1))
        pos += len(word) + 1
    view.set_text(text, spans)
    view.show()
    qtbot.waitExposed(view)
    assert len(view.extraSelections()) == 2400
    view.update_spans([Span(1, 0, 2, "w0", id=1, status="rejected")], removed={2, 3})
    assert len(view.extraSelections()) == 2398
    assert view.extraSelections()[0].format.fontStrikeOut() or any(
        s.format.fontStrikeOut() for s in view.extraSelections())
