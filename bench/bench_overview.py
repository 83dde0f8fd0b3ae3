"""The overview on a large project: how long each figure takes to count (SQL) and draw (pyqtgraph, offscreen).

    python bench/bench_overview.py [--docs 100000] [--events 1000000] [--repeat 3]

Generates the project once into a temp folder (reused while its size matches) through the store's bulk loader
(``core/store/bulk.py``): documents published over ten years, events with CAMEO codes, 28 actors, three
annotators, 70% accepted / 25% suggested / 5% rejected, 10% with a date of their own. Then, as the window does
(only the figure on screen is counted and drawn), prints per figure the median of ``--repeat`` runs of
count + draw, the click-through (ids behind the biggest bar), and the time to open the overview (its first
tab). The target: under a second for what is on screen.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from bench_projects import generated_project

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTORS = ["RUS", "RUSGOV", "IND", "INDMIL", "USA", "USAGOV", "CHN", "CHNGOV", "AFG", "PAK", "IRN", "ISR", "PSE",
          "UKR", "UKRMIL", "GBR", "FRA", "DEU", "TUR", "SYR", "IRQ", "EGY", "SAU", "JPN", "KOR", "PRK", "UNO", "NATO"]
PEOPLE = ["ana", "ben", "chloe"]


def generate(path: Path, docs: int, events: int, seed: int = 7) -> None:
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project
    from eventcoder.core.store.bulk import bulk_insert

    rng = random.Random(seed)
    codes = [c for c in load_scheme("cameo").event_types if len(c) >= 3]

    def documents():
        for i in range(docs):
            year = 2015 + (i * 10) // docs
            yield {"id": i + 1, "title": f"Story {i}", "text": f"Story {i}. A generated dispatch about talks.",
                   "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "done": int(rng.random() < 0.4)}

    def rows():
        for _ in range(events):
            r = rng.random()
            status = "accepted" if r < 0.7 else "suggested" if r < 0.95 else "rejected"
            own = rng.random() < 0.1
            yield {"document_id": rng.randint(1, docs), "event_code": rng.choice(codes),
                   "source_code": rng.choice(ACTORS), "target_code": rng.choice(ACTORS), "status": status,
                   "annotator": None if status == "suggested" else rng.choice(PEOPLE), "scheme": "CAMEO",
                   "date": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-05" if own else None,
                   "sentence_start": 0, "sentence_end": 40, "confidence": round(rng.random(), 3),
                   "evidence": "verb ATTEMPT pattern \"* TO UNDERMINE\" [generated for the bench]",
                   "origin": "model"}

    with Project(path) as project:
        bulk_insert(project, documents(), rows())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    db = generated_project("overview", args.docs, args.events, generate)

    from PySide6.QtWidgets import QApplication

    from eventcoder.app.overview_figures import FigureView
    from eventcoder.core.overview import DRILL_LIMIT, PARTS, build_overview
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project
    from eventcoder.core.store.overview import OverviewFilter

    app = QApplication.instance() or QApplication([])
    scheme = load_scheme("cameo")
    views = {part: FigureView(part) for part in PARTS}
    for view in views.values():
        view.resize(1200, 420)
        view.show()
    app.processEvents()

    def draw(part: str, overview) -> float:
        started = time.perf_counter()
        views[part].show_figure(overview.figure(part))
        views[part].grab()  # paint it now, as the screen would
        return time.perf_counter() - started

    with Project(db) as project:
        counts = project.overview_totals(OverviewFilter())
        print(f"project: {counts.documents:,} documents, {counts.all_events:,} events {counts.events}")
        # opening the overview: a new connection, its first tab counted and drawn
        started = time.perf_counter()
        with Project(db) as fresh:
            first = build_overview(fresh, scheme, OverviewFilter(), parts=[PARTS[0]])
        draw(PARTS[0], first)
        print(f"open the overview (first tab, {PARTS[0]}): {time.perf_counter() - started:.2f} s")
        for status in ("accepted", "all"):
            f = OverviewFilter(status=status)
            print(f"status {status}: median of {args.repeat}, count + draw per figure (only the one on screen is "
                  "counted and drawn)")
            totals = []
            for part in PARTS:
                counted, drawn = [], []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    overview = build_overview(project, scheme, f, parts=[part])
                    counted.append(time.perf_counter() - started)
                    drawn.append(draw(part, overview))
                c, d = statistics.median(counted), statistics.median(drawn)
                totals.append(c + d)
                flag = "" if c + d < 1 else "  (over 1 s)"
                print(f"  {part:<9} count {c:6.3f} s  draw {d:6.3f} s  = {c + d:6.3f} s{flag}")
            print(f"  every figure one after the other: {sum(totals):.2f} s")
        f = OverviewFilter(date_from="2018", date_to="2019")
        started = time.perf_counter()
        overview = build_overview(project, scheme, f, parts=["quads"])
        print(f"quads for 2018-2019 only: {time.perf_counter() - started:.3f} s count")
        overview = build_overview(project, scheme, OverviewFilter(), parts=["types"])
        bar = max(overview.types.bars, key=lambda b: b.count)
        started = time.perf_counter()
        ids = bar.selection.event_ids(project, OverviewFilter(), limit=DRILL_LIMIT)
        print(f"click on the biggest bar ({bar.key}, {bar.count:,} events): first {len(ids):,} ids in "
              f"{time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
