"""How long loading the built-in schemes takes (the window and every CLI command load one).

    python bench/bench_schemes.py
"""

from __future__ import annotations

import statistics
import time

from eventcoder.core.schemes import builtin_scheme_names, load_scheme


def main() -> None:
    for name in builtin_scheme_names():
        times = []
        for _ in range(5):
            start = time.perf_counter()
            scheme = load_scheme(name)
            times.append(time.perf_counter() - start)
        print(f"{name}: {len(scheme.event_types)} event types, load median {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
