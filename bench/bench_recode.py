"""Re-coding cost against project size: does merging a fresh coding touch only the document?

Builds two projects in a temp folder: one of ``--docs`` invented news stories, and a copy of it that also
holds ``--extra`` other coded stories (model suggestions stored with ``Project.save_coded``, about one in
five of them accepted by an analyst; no spaCy is needed to build them). In each of the ``--docs`` stories an
analyst accepted one event and rejected another, so re-coding has decisions to keep. Then it re-codes the
``--docs`` stories in each project, one transaction per story as a run does, and prints:

* the store's merge alone: ``save_coded`` of precomputed codings (the same events with new confidences, one
  of them with another code);
* the full re-coding with the real coder (``code_documents``: spaCy and the CAMEO dictionaries, loaded
  before the clock starts; skip it with ``--no-coder``);

each as ``--repeat`` rounds taken in turn in the two projects (every round listed), then the best round of
each: the time for all ``--docs`` re-codes in either project, their ratio (bigger / small project) and the
milliseconds per document. The best round is the cost with the least interference from other work on the
machine; a busy machine shows in the spread of the rounds.

    python bench/bench_recode.py [--docs 200] [--extra 20000] [--sentences 6] [--repeat 3] [--no-coder]

``--docs``: the stories re-coded (the small project holds only them); ``--extra``: the other coded stories
the bigger project also holds; ``--sentences``: sentences (one event each) per story; ``--repeat``: rounds
of each measure. To measure another checkout, put its code first:
``PYTHONPATH=/path/to/checkout/desktop python bench/bench_recode.py``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = (
    ("Norway", "NOR"), ("Sweden", "SWE"), ("Chile", "CHL"), ("Peru", "PER"), ("Kenya", "KEN"), ("Ghana", "GHA"),
    ("Canada", "CAN"), ("Mexico", "MEX"), ("Japan", "JPN"), ("Egypt", "EGY"), ("Brazil", "BRA"), ("Turkey", "TUR"),
)
VERBS = (("accused", "112"), ("threatened", "138"), ("praised", "051"), ("criticized", "111"), ("visited", "042"))
ENDINGS = (
    "over the fishing dispute", "after the border clash", "before the regional summit", "about grain exports",
    "during the state visit", "over the detained sailors", "about the new pipeline", "at the harbour talks",
)
BUILD_BATCH = 500  # stories stored per transaction while building


def story(number: int, sentences: int, rng: random.Random):
    """An invented story and the spans a coder might find in it (two actors and a trigger a sentence). Returns
    (text, the spans as a CodedDocument, per sentence: its first span's index, event code, source and target
    codes, start and end)."""
    from eventcoder.core.model import CodedDocument, SuggestedSpan

    text = f"Story {number}. "
    spans: list[SuggestedSpan] = []
    codes: list[tuple[int, str, str, str, int, int]] = []
    for _ in range(sentences):
        (a, a_code), (b, b_code) = rng.sample(COUNTRIES, 2)
        verb, code = rng.choice(VERBS)
        start = len(text)
        sentence = f"{a} {verb} {b} {rng.choice(ENDINGS)}."
        verb_at, b_at = start + len(a) + 1, start + len(a) + len(verb) + 2
        first = len(spans)
        spans += [
            SuggestedSpan(start, start + len(a), a, code=a_code, kind="country", confidence=0.9),
            SuggestedSpan(verb_at, verb_at + len(verb), verb, layer="trigger", code=code, confidence=0.8),
            SuggestedSpan(b_at, b_at + len(b), b, code=b_code, kind="country", confidence=0.9),
        ]
        codes.append((first, code, a_code, b_code, start, start + len(sentence)))
        text += sentence + " "
    return text.strip(), CodedDocument(spans=spans), codes


def coding(base, codes, rng: random.Random, *, recode: bool = False):
    """``base``'s spans with one event a sentence; ``recode``: new confidences and the last one retyped,
    as a newer model would suggest them."""
    from eventcoder.core.model import CodedDocument, SuggestedEvent

    events = []
    for n, (first, code, source, target, start, end) in enumerate(codes):
        if recode and n == len(codes) - 1:
            code = "111" if code != "111" else "112"
        events.append(SuggestedEvent(code, source, target, source=first, target=first + 2, trigger=first + 1,
                                     sentence_start=start, sentence_end=end, date="2024-03-05",
                                     confidence=round(rng.uniform(0.2, 0.95), 3), evidence=f"bench: {code}"))
    return CodedDocument(spans=list(base.spans), events=events)


def add_stories(project, first: int, count: int, sentences: int, rng: random.Random, decide) -> dict[int, object]:
    """Store ``count`` coded stories (numbered from ``first``), BUILD_BATCH per transaction; ``decide(project,
    doc_id, n)`` makes the analyst's decisions in each. Returns {doc id: its re-coding}."""
    from eventcoder.core.model import Document

    recodings: dict[int, object] = {}
    for at in range(first, first + count, BUILD_BATCH):
        with project.transaction():
            for number in range(at, min(at + BUILD_BATCH, first + count)):
                text, base, codes = story(number, sentences, rng)
                doc_id, _ = project.add_document(Document(text=text, title=f"Story {number}", published="2024-03-05"))
                project.save_coded(doc_id, coding(base, codes, rng), scheme="CAMEO")
                decide(project, doc_id, number)
                recodings[doc_id] = coding(base, codes, rng, recode=True)
    return recodings


def decide_two(project, doc_id: int, number: int) -> None:
    """The re-coded stories: an analyst accepted the first event and rejected the second."""
    from eventcoder.core import commands

    events = project.events(doc_id)
    commands.accept_event(project, events[0].id).apply(project)
    if len(events) > 1:
        commands.reject_event(project, events[1].id).apply(project)


def decide_some(project, doc_id: int, number: int) -> None:
    """The other stories: one in five has its first event accepted."""
    from eventcoder.core import commands

    if number % 5 == 0:
        commands.accept_event(project, project.events(doc_id)[0].id).apply(project)


def merge_round(path: Path, recodings: dict[int, object]) -> tuple[float, int]:
    """Seconds to save every re-coding, one transaction each (the file opened before the clock starts), and
    the events stored."""
    from eventcoder.core.store import Project

    with Project(path, annotator="bench") as project:
        t0 = time.perf_counter()
        events = sum(project.save_coded(doc_id, coded, scheme="CAMEO")["events"] for doc_id, coded in recodings.items())
        return time.perf_counter() - t0, events


def coder_api():
    """``(code_documents, the scheme's rule coder)``: in ``eventcoder.core.pipeline``, or in
    ``eventcoder.core.suggest.run`` in older checkouts."""
    try:
        from eventcoder.core.pipeline import code_documents, rules_coder
    except ImportError:
        from eventcoder.core.suggest.run import code_documents
        from eventcoder.core.suggest.run import coder_for as rules_coder
    return code_documents, rules_coder


def coder_round(path: Path, ids: list[int], scheme) -> tuple[float, int]:
    """Seconds for ``code_documents`` over ``ids`` with the real coder, and the events it stored."""
    from eventcoder.core.store import Project

    code_documents, _ = coder_api()
    with Project(path, annotator="bench") as project:
        t0 = time.perf_counter()
        totals = code_documents(project, scheme, ids)
        return time.perf_counter() - t0, int(totals["events"])


def measure(label: str, small: Path, big: Path, repeat: int, one_round, docs: int, extra: int) -> None:
    """``repeat`` rounds of ``one_round(path) -> (seconds, events stored)`` taken in turn in both projects."""
    rounds: dict[Path, list[tuple[float, int]]] = {small: [], big: []}
    for _ in range(repeat):
        for path in (small, big):
            rounds[path].append(one_round(path))
    print(f"{label}:")
    for path, found in rounds.items():
        print(f"  rounds, {path.stem} project: {', '.join(f'{t:.2f}' for t, _ in found)} s "
              f"(events stored per round: {', '.join(str(n) for _, n in found)})")
    report(min(t for t, _ in rounds[small]), min(t for t, _ in rounds[big]), docs, extra)


def report(small: float, big: float, docs: int, extra: int) -> None:
    print("  best round:")
    for size, seconds in ((docs, small), (docs + extra, big)):
        print(f"    {docs} re-codes in the {size:>6}-document project: {seconds:7.2f} s "
              f"({1000 * seconds / docs:6.1f} ms per document)")
    print(f"    ratio ({docs + extra} / {docs} documents): {big / small:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="stories re-coded (the small project holds only them)")
    ap.add_argument("--extra", type=int, default=20_000, help="other coded stories in the bigger project")
    ap.add_argument("--sentences", type=int, default=6, help="sentences (one event each) per story")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the merge-only measure")
    ap.add_argument("--no-coder", action="store_true", help="skip the full re-coding with the real coder")
    args = ap.parse_args(argv)

    import eventcoder
    from eventcoder.core.store import Project

    print(f"eventcoder from {Path(eventcoder.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="bench-recode-") as tmp:
        small, big = Path(tmp) / "small.db", Path(tmp) / "big.db"
        t0 = time.perf_counter()
        with Project(small, annotator="bench") as project:
            recodings = add_stories(project, 0, args.docs, args.sentences, random.Random(7), decide_two)
        shutil.copyfile(small, big)  # closed: the WAL is checkpointed into the file
        with Project(big, annotator="bench") as project:
            add_stories(project, args.docs, args.extra, args.sentences, random.Random(8), decide_some)
            counts = project.counts()
        print(f"built in {time.perf_counter() - t0:.0f} s: the bigger project holds {counts['documents']} documents, "
              f"{counts['spans']} spans, {sum(v for k, v in counts.items() if k.startswith('events_'))} events")

        measure("store merge alone (save_coded of precomputed codings)", small, big, args.repeat,
                lambda path: merge_round(path, recodings), args.docs, args.extra)

        if not args.no_coder:
            from eventcoder.core.schemes import load_scheme

            scheme = load_scheme("cameo")
            coder_api()[1](scheme).nlp  # noqa: B018 -- loads spaCy and the dictionaries before the clock starts
            measure("full re-coding (code_documents: spaCy + CAMEO dictionaries + save)", small, big, args.repeat,
                    lambda path: coder_round(path, list(recodings), scheme), args.docs, args.extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
