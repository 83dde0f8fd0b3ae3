"""What team layers (several annotators in one file, core/team/layers.py) cost: the document list's counts, the
"most useful next" order, opening a document and one annotator's layer over the whole project, with the setting
off and on, in a generated project (N documents of 2 suggestions; two annotators decided two thirds of them).

    python bench/bench_layers.py [N]        (default 2000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from eventcoder.core import commands
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.session import DocumentState
from eventcoder.core.store import Project
from eventcoder.core.team.layers import view_event_ids

TEXT = "The coast guard seized two fishing boats near the reef number {n}. Later the navy praised the fishermen."


def coded(text: str) -> CodedDocument:
    second = text.index("Later")
    at = {w: text.index(w) for w in ("navy", "praised", "fishermen")}
    return CodedDocument(
        spans=[SuggestedSpan(4, 15, "coast guard", code="AAAMIL"),
               SuggestedSpan(16, 22, "seized", layer="trigger", code="171"),
               SuggestedSpan(27, 40, "fishing boats", code="BBB"),
               SuggestedSpan(at["navy"], at["navy"] + 4, "navy", code="AAAMIL"),
               SuggestedSpan(at["praised"], at["praised"] + 7, "praised", layer="trigger", code="051"),
               SuggestedSpan(at["fishermen"], at["fishermen"] + 9, "fishermen", code="BBB")],
        events=[SuggestedEvent("171", "AAAMIL", "BBB", source=0, target=2, trigger=1, sentence_start=0,
                               sentence_end=second - 1, confidence=0.4),
                SuggestedEvent("051", "AAAMIL", "BBB", source=3, target=5, trigger=4, sentence_start=second,
                               sentence_end=len(text), confidence=0.6)])


def timed(label: str, fn, repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"  {label:<48} {best * 1000:8.1f} ms")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.db"
        t0 = time.perf_counter()
        with Project(path, annotator="ana") as p:
            for i in range(n):
                text = TEXT.format(n=i)
                doc_id, _ = p.add_document(Document(text=text, title=f"Reef {i}"))
                p.save_coded(doc_id, coded(text), scheme="CAMEO")
            p.set_team_layers(True)
        with Project(path, annotator="ana") as ana, Project(path, annotator="ben") as ben:
            ids = ana.document_ids()
            for k, doc_id in enumerate(ids):
                for who in ((ana,) if k % 3 == 0 else (ben,) if k % 3 == 1 else ()):
                    for event in who.events(doc_id):
                        commands.accept_event(who, event.id).apply(who)
        print(f"{n} documents, {2 * n} suggestions, {2 * n * 2 // 3} decisions: built in "
              f"{time.perf_counter() - t0:.1f} s")
        with Project(path, annotator="ana") as p:
            for on in (False, True):
                p.set_team_layers(on)
                print(f"team layers {'on' if on else 'off'}:")
                timed("document list counts (first 200)", lambda: p.document_summaries(limit=200))
                timed("most useful next order (all documents)", lambda: p.ordered_document_ids(order="useful"))
                timed("open one document (DocumentState.read)",
                      lambda: DocumentState.read(p, ids[len(ids) // 2]), repeat=10)
                timed("ana's layer over the project (export, lists)", lambda: view_event_ids(p, "mine"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
