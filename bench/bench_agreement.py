"""How long agreement, merging and loading the adjudication slots take on a generated two-annotator corpus.

Two project files over the same ``--docs`` generated articles (12 sentences each); each annotator codes about
two events in three of four sentences, agreeing on most, differing in code, in actors or in whether there is an
event at all. Prints the seconds for ``merge`` (both files into a team file), ``agreement`` over the two files
(``eventcoder agreement A.db B.db``) and over the team file, and the curation slots' load (what the window's
adjudication view reads when it opens), with the figures it found.

    python bench/bench_agreement.py [--docs 300]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from eventcoder.core.document import sentence_bounds
from eventcoder.core.model import Document, Event, Origin, Status
from eventcoder.core.store import Project
from eventcoder.core.team import curation
from eventcoder.core.team.agreement import from_projects
from eventcoder.core.team.merge import merge_files

ACTORS = ["FRA", "DEU", "ITA", "ESP", "PRT", "GRC", "POL", "AUT"]
VERBS = [("praised", "051"), ("criticised", "111"), ("accused", "112"), ("met", "040"), ("thanked", "051"),
         ("threatened", "138"), ("helped", "070"), ("urged", "010")]


def article(rng: random.Random, n: int) -> str:
    lines = [f"Report number {n} from the capitals", ""]
    body = []
    for _ in range(12):
        a, b = rng.sample(ACTORS, 2)
        verb, _code = rng.choice(VERBS)
        body.append(f"The {a.lower()} delegation {verb} the {b.lower()} delegation on day {rng.randint(1, 28)}.")
    return "\n".join(lines + [" ".join(body)]) + "\n"


def code(path: Path, name: str, texts: list[str], seed: int) -> None:
    rng = random.Random(seed)
    with Project(path, annotator=name) as project:
        for text in texts:
            doc_id, _ = project.add_document(Document(text=text))
            rows = []
            for start, end in sentence_bounds(text)[2:]:
                if rng.random() < 0.25:
                    continue
                sentence = text[start:end]
                verb, code_ = next(((v, c) for v, c in VERBS if v in sentence), ("urged", "010"))
                if rng.random() < 0.15:
                    code_ = rng.choice(VERBS)[1]
                words = sentence.split()
                src, tgt = words[1].upper(), words[5].upper()
                if rng.random() < 0.1:
                    src, tgt = tgt, src
                rows.append(Event(doc_id, code_, src, tgt, sentence_start=start, sentence_end=end,
                                  status=Status.ACCEPTED.value, origin=Origin.HUMAN.value, annotator=name))
            with project.transaction():
                for event in rows:
                    project.add_event(event)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    texts = [article(rng, i) for i in range(args.docs)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        code(folder / "A.db", "ann", texts, 1)
        code(folder / "B.db", "bob", texts, 2)
        print(f"generated 2 x {args.docs} documents in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        report = merge_files([folder / "A.db", folder / "B.db"], folder / "team.db")
        print(f"merge: {time.perf_counter() - t0:.2f} s ({report.summary()})")
        with Project(folder / "A.db") as a, Project(folder / "B.db") as b:
            t0 = time.perf_counter()
            result = from_projects([a, b], lambda c: c[:2])
            took = time.perf_counter() - t0
        print(f"agreement over two files: {took:.2f} s, {len(result.units)} sentences, {len(result.slots)} slots")
        for level, figure in result.figures.items():
            print(f"  {level:<7} alpha {figure.alpha:.3f}  kappa {figure.kappa:.3f}  AC1 {figure.ac1:.3f}")
        with Project(folder / "team.db") as team:
            t0 = time.perf_counter()
            from_projects([team], lambda c: c[:2])
            print(f"agreement over the team file: {time.perf_counter() - t0:.2f} s")
            t0 = time.perf_counter()
            cur = curation.load(team, lambda c: c[:2])
            print(f"adjudication slots: {time.perf_counter() - t0:.2f} s, {len(cur.differing)} differ of "
                  f"{len(cur.items)}")


if __name__ == "__main__":
    main()
