"""Window timings: start-up, opening a 10,000-word article with 1,000 highlights, one edit, and how
long the event loop is blocked while the model loads in its worker thread.

    QT_QPA_PLATFORM=offscreen python bench/bench_window.py
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from eventcoder.core import commands  # noqa: E402
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan  # noqa: E402

WORDS = ("the minister said that talks with officials in the capital would resume after the "
         "government rejected claims of attacks near the border and called for restraint").split()


def big_document(n_words: int = 10_000, n_spans: int = 1_000, seed: int = 7) -> tuple[str, CodedDocument]:
    rng = random.Random(seed)
    words, sentences, pos = [], [], 0
    for i in range(n_words):
        word = rng.choice(WORDS)
        end_sentence = i % 20 == 19
        words.append(word + ("." if end_sentence else ""))
    text = ""
    offsets = []
    for i, word in enumerate(words):
        if i and i % 120 == 0:
            text += "\n\n"
        elif i:
            text += " "
        offsets.append((len(text), len(text) + len(word.rstrip("."))))
        text += word
    pos = 0
    for i in range(19, n_words, 20):
        end = offsets[i][1] + 1
        sentences.append((pos, end))
        pos = end + 1
    step = n_words // n_spans
    spans = []
    for k in range(n_spans):
        start, end = offsets[k * step]
        layer = "trigger" if k % 3 == 1 else "actor"
        code = ("USA", "RUSGOV", "IND", None)[k % 4] if layer == "actor" else None
        spans.append(SuggestedSpan(start, end, text[start:end], layer=layer, code=code, confidence=0.8))
    events = []
    for k in range(0, n_spans - 2, 3):
        s = next((a, b) for a, b in sentences if a <= spans[k].start < b) if sentences else (None, None)
        events.append(SuggestedEvent("112", spans[k].code, spans[k + 2].code, k, k + 2, k + 1, s[0], s[1],
                                     confidence=0.7, evidence="bench"))
    return text, CodedDocument(spans=spans, events=events, sentences=sentences)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="ec-bench-"))
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    from eventcoder.app.main import build_window

    t0 = time.perf_counter()
    window, seeded = build_window(tmp / "bench.db", seed=True, settings=settings)
    window.show()
    app.processEvents()
    startup = time.perf_counter() - t0
    print(f"window shown (first run, seed imported, no model yet): {ms(startup)}   target <= 1500 ms")

    project = window.session.project
    text, coded = big_document()
    doc_id, _ = project.add_document(Document(text=text, title="Bench: 10,000 words"))
    project.save_coded(doc_id, coded)
    n_words = len(text.split())
    open_times, first_paint = [], []
    for _ in range(5):
        window.session.open_document(None)
        app.processEvents()
        t = time.perf_counter()
        window.session.open_document(doc_id)
        opened = time.perf_counter() - t
        window.article.viewport().repaint()
        open_times.append(time.perf_counter() - t)
        first_paint.append(opened)
    highlights = window.article.highlight_count
    print(f"open {n_words:,}-word article with {highlights:,} highlights and {len(coded.events)} events: "
          f"median {ms(statistics.median(open_times))} incl. first paint "
          f"(views only {ms(statistics.median(first_paint))})   target <= 150 ms")

    article = window.article
    events = [e for e in window.session.doc.events if e.status == "suggested"]
    redraw, update_only = [], []
    calls = {"n": 0}
    original = article.setExtraSelections

    def counting(selections):
        calls["n"] += 1
        calls["last"] = len(selections)
        original(selections)

    article.setExtraSelections = counting
    touched = []
    for event in events[:20]:
        window.session.set_current_event(event.id)
        app.processEvents()
        before = dict(article._looks)
        t = time.perf_counter()
        window.session.do(commands.accept_event(project, event.id))
        update_only.append(time.perf_counter() - t)
        article.viewport().repaint()
        redraw.append(time.perf_counter() - t)
        touched.append(sum(1 for k, v in article._looks.items() if before.get(k) != v))
    print(f"accept one event (command + SQLite commit + re-style + repaint): median {ms(statistics.median(redraw))}"
          f" (without paint {ms(statistics.median(update_only))}); spans re-styled per edit: "
          f"median {statistics.median(touched):.0f} of {highlights}")
    t = time.perf_counter()
    for _ in range(20):
        window.session.undo_stack.undo()
    app.processEvents()
    print(f"undo 20 accepts: {ms((time.perf_counter() - t) / 20)} each")

    # select events J-style: emphasis change only
    t = time.perf_counter()
    for event in window.session.doc.events[:50]:
        window.session.set_current_event(event.id)
        article.viewport().repaint()
    print(f"select an event (emphasis + scroll + repaint): {ms((time.perf_counter() - t) / 50)} each")

    # watching the file for other connections' commits (PRAGMA data_version every 2 s)
    t = time.perf_counter()
    for _ in range(200):
        window.poll_project()
    idle_poll = (time.perf_counter() - t) / 200
    from eventcoder.core.store import Project

    reread = []
    for event in window.session.doc.events[:5]:
        with Project(project.path, annotator="elsewhere") as other:
            other.update_event(event.id, date="2021-01-01")
        t = time.perf_counter()
        window.poll_project()
        article.viewport().repaint()
        reread.append(time.perf_counter() - t)
    print(f"watch for other connections: idle poll {idle_poll * 1e6:.0f} µs; after another connection's commit "
          f"(re-read document list + {n_words:,}-word document + repaint) median {ms(statistics.median(reread))}")

    # event-loop responsiveness while the model loads in the worker thread
    gaps: list[float] = []
    timer = QElapsedTimer()
    timer.start()
    last = [timer.elapsed()]

    def tick() -> None:
        now = timer.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(10)
    t = time.perf_counter()
    window.start_model()
    while window.workers.busy and time.perf_counter() - t < 120:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    ticker.stop()
    print(f"model load in worker: {ms(time.perf_counter() - t)} -> '{window.model_state}'; "
          f"longest event-loop gap meanwhile {max(gaps, default=0):.0f} ms")
    window.close()
    project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
