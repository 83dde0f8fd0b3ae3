"""The overview of one layer in a shared team file: how long choosing the layer's events takes (the rule of
core/team/layers.py over every row) and how long a figure takes to count with and without it.

    python bench/bench_layer_overview.py [--docs 20000] [--events 200000]

Generates a project with bench_overview's generator (three annotators' decided events, shared suggestions),
turns team layers on, then prints per view (all, mine, curated) the time to pick the layer's events and to count
the event-types figure and the click-through of its biggest bar.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from bench_overview import generate
    from eventcoder.core.overview import build_overview, in_view
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.store import Project
    from eventcoder.core.store.overview import OverviewFilter

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--events", type=int, default=200_000)
    args = ap.parse_args()
    scheme = load_scheme("cameo")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.db"
        start = time.perf_counter()
        generate(path, args.docs, args.events)
        print(f"generated {args.events:,} events in {args.docs:,} documents in {time.perf_counter() - start:.1f} s")
        with Project(path, annotator="ana") as project:
            project.set_team_layers(True)
            for view in ("all", "mine", "curated"):
                start = time.perf_counter()
                f = in_view(project, OverviewFilter(status="all"), view)
                picked = time.perf_counter() - start
                start = time.perf_counter()
                overview = build_overview(project, scheme, f, parts=["types"])
                counted = time.perf_counter() - start
                bars = overview.types.bars
                start = time.perf_counter()
                ids = max(bars, key=lambda b: b.count).selection.event_ids(project, f) if bars else []
                clicked = time.perf_counter() - start
                size = "every event" if f.layer_ids is None else f"{len(f.layer_ids):,} events"
                print(f"{view:8s} layer ({size}): picked in {picked:.2f} s, types counted in {counted:.2f} s "
                      f"({overview.types.total:,}), click-through {clicked:.2f} s ({len(ids):,} ids)")


if __name__ == "__main__":
    main()
