"""The window's background retraining of the type learner: how long it takes on ~1,000 codings and how long
the event loop is held up meanwhile (the analyst must be able to go on coding).

    QT_QPA_PLATFORM=offscreen python bench/bench_retrain.py [GOLD.jsonl]

The codings are ``../shared/reference/gold/plv_train.jsonl`` kept in a temporary project (what
``eventcoder train --extra`` does), standing in for an analyst's earlier work; nothing of it is shipped.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "reference" / "gold" / "plv_train.jsonl"


def main() -> int:
    from eventcoder.app.main import build_window
    from eventcoder.core import commands, learn
    from eventcoder.core.evaluate import read_gold
    from eventcoder.core.io.importers import import_paths
    from eventcoder.core.pipeline import code_documents
    from eventcoder.core.pipeline import rules_coder as coder_for
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project

    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    if not gold.exists():
        print(f"no gold file at {gold}: pass one")
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    plover = load_scheme("plover")
    with Project(tmp / "bench.db", annotator="bench") as project:
        project.set_meta("scheme", "plover")
        project.add_training_records(read_gold(gold), gold.name)
        report = import_paths(project, [REPO / "seeds"])
        code_documents(project, plover, [doc_id for _n, doc_id in report.imported])
    coder_for(plover)  # loaded, as it is once the window has been open a moment
    window, _ = build_window(tmp / "bench.db", seed=False,
                             settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    window.set_model_state("model ready")
    app.processEvents()

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        if os.environ.get("BENCH_DEBUG") and now - last[0] > 60:
            print(f"  gap {now - last[0]} ms at {now / 1000:.2f} s", file=sys.stderr)
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(10)
    decisions: list[float] = []
    pending = [e for e in window.session.doc.events if e.status == "suggested"]

    def decide() -> None:  # the analyst decides a suggestion every half second meanwhile
        if pending and window.retraining.training:
            event = pending.pop()
            d = time.perf_counter()
            window.session.do(lambda e=event: commands.accept_event(window.session.project, e.id))
            decisions.append(time.perf_counter() - d)

    analyst = QTimer()
    analyst.timeout.connect(decide)
    analyst.start(500)
    loop = QEventLoop()
    done = QTimer()
    done.timeout.connect(lambda: None if window.retraining.training else loop.quit())
    done.start(50)
    t = time.perf_counter()
    window.retrain_learner()
    loop.exec()  # the window's own event loop, as in the app: idle between events
    first = time.perf_counter() - t
    t = time.perf_counter()
    window.retrain_learner()  # the next one: the --extra records are parsed already
    loop.exec()
    analyst.stop()
    seconds = time.perf_counter() - t
    app.processEvents()
    ticker.stop()
    summary = learn.model_summary(window.session.project, plover)
    print(f"retraining in the window's worker on {summary['codings']} codings: first {first:.1f} s, "
          f"next {seconds:.1f} s "
          f"-> v{summary['version']}, cross-validated type F1 rules {summary['rules_f1']:.3f}, "
          f"chosen {summary['chosen_f1']:.3f}")
    print(f"event loop meanwhile (10 ms timer): median gap {statistics.median(gaps):.0f} ms, "
          f"95th percentile {sorted(gaps)[int(len(gaps) * 0.95)]:.0f} ms, longest {max(gaps):.0f} ms")
    if decisions:
        print(f"{len(decisions)} accept(s) made meanwhile, saved in median "
              f"{statistics.median(decisions) * 1000:.1f} ms, longest {max(decisions) * 1000:.1f} ms")
    print(f"status bar: {window.learner_label.text()}")
    window.close()
    window.session.project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
