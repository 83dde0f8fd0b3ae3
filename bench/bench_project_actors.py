"""What the project's own actor dictionary costs: reading what was learned, building the coder's dictionary with
it, and coding with it (figures printed, nothing asserted).

    python bench/bench_project_actors.py [--names 2000] [--mentions 3]

A project with ``names`` invented names, each coded by an analyst in ``mentions`` documents (accepted actor
spans); then the learned entries are read (:func:`eventcoder.core.project_actors.project_actors`), the CAMEO
actor dictionary is overlaid with them, and a few sentences are coded with the plain rule coder and with the
project's (:func:`eventcoder.core.pipeline.project_rules`).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eventcoder.core import pipeline
from eventcoder.core import project_actors as pa
from eventcoder.core.model import Document, Layer, Span, Status
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

SYLLABLES = ["ka", "vor", "len", "tis", "mar", "dun", "ell", "quo", "rin", "sa", "bel", "tor"]


def invented(i: int) -> str:
    first = SYLLABLES[i % 12].title() + SYLLABLES[(i // 12) % 12] + SYLLABLES[(i // 144) % 12]
    return f"{first} {SYLLABLES[(i * 7) % 12].title()}{SYLLABLES[(i * 5 + 3) % 12]}van"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=2000)
    ap.add_argument("--mentions", type=int, default=3)
    args = ap.parse_args()
    scheme = load_scheme("cameo")
    with tempfile.TemporaryDirectory() as tmp, Project(Path(tmp) / "bench.db") as project:
        t = time.perf_counter()
        with project.transaction():
            for i in range(args.names):
                name = invented(i)
                for m in range(args.mentions):
                    text = f"{name} spoke to reporters ({i}-{m})."
                    doc_id, _ = project.add_document(Document(text=text, published=f"20{10 + m:02d}-01-0{1 + m % 9}"))
                    project.add_span(Span(doc_id, 0, len(name), name, Layer.ACTOR.value, "NORGOV",
                                          status=Status.ACCEPTED.value, origin="human"))
        print(f"project: {args.names} names x {args.mentions} accepted mentions in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        codings = project.learned_actor_codings()
        print(f"read the accepted actor codings: {len(codings)} groups in {1000 * (time.perf_counter() - t):.0f} ms")
        t = time.perf_counter()
        entries = pa.project_actors(project)
        first = time.perf_counter() - t
        t = time.perf_counter()
        entries = pa.project_actors(project)
        print(f"project_actors(): {len(entries)} entries in {1000 * (time.perf_counter() - t):.0f} ms "
              f"({1000 * first:.0f} ms the first time: spaCy's stop words imported)")
        rules = pipeline.rules_coder(scheme)
        pa.with_project_actors(rules.actors, rules.agents, entries[:10])
        t = time.perf_counter()
        pa.with_project_actors(rules.actors, rules.agents, entries)
        print(f"CAMEO actors overlaid with them: {1000 * (time.perf_counter() - t):.0f} ms")
        t = time.perf_counter()
        pipeline.project_rules(project, scheme)
        first = time.perf_counter() - t
        t = time.perf_counter()
        mine = pipeline.project_rules(project, scheme)
        again = time.perf_counter() - t
        print(f"project_rules(): {1000 * first:.0f} ms the first time, {1000 * again:.0f} ms unchanged (kept)")

        texts = [(f"{invented(i)} criticised the Chinese foreign ministry on Tuesday.", "2015-01-01")
                 for i in range(0, args.names, max(1, args.names // 200))]
        for label, coder in (("plain rule coder", rules), ("with the project's actors", mine)):
            list(coder.code_texts(texts[:5]))
            t = time.perf_counter()
            coded = list(coder.code_texts(texts))
            spent = time.perf_counter() - t
            found = sum(1 for c in coded for s in c.spans if s.code == "NORGOV")
            print(f"{label}: {len(texts)} sentences in {spent:.2f} s, {found} names coded NORGOV")


if __name__ == "__main__":
    main()
