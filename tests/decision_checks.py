"""The small project the tests of deciding events share (importable as ``decision_checks``: pytest's ``pythonpath``
in pyproject.toml): one document, two sentences, the model's suggestions on it; and the real command line run on
it in its own process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan
from eventcoder.core.store import Project

TEXT = "Zorvan Kettel accused Ostrania of shelling Pelmark on Monday. Pelmark protested loudly."
SECOND = TEXT.index("Pelmark protested")


def border_row(path: Path, *, scheme: str = "cameo", provenance: dict[str, Any] | None = None,
               annotator: str = "tester") -> int:
    """The model's suggestions on the document (id 1): 112 NORGOV -> OST (trigger "accused", event 1) and 141 PLM
    (second sentence, event 2); in PLOVER (``scheme``, the project's setting then) ACCUSE with mode disapprove and
    context economic, and PROTEST. ``provenance``: the first suggestion's. Returns the document's id."""
    cameo = scheme == "cameo"
    with Project(path, annotator=annotator) as project:
        if not cameo:
            project.set_meta("scheme", scheme)
        doc_id, _ = project.add_document(Document(text=TEXT, title="border row", published="2026-11-30"))
        spans = [SuggestedSpan(0, 13, "Zorvan Kettel", code="NORGOV"),
                 SuggestedSpan(14, 21, "accused", layer="trigger", code="112" if cameo else "ACCUSE"),
                 SuggestedSpan(22, 30, "Ostrania", code="OST"),
                 SuggestedSpan(SECOND, SECOND + 7, "Pelmark", code="PLM"),
                 SuggestedSpan(SECOND + 8, SECOND + 17, "protested", layer="trigger",
                               code="141" if cameo else "PROTEST")]
        events = [SuggestedEvent("112" if cameo else "ACCUSE", "NORGOV", "OST", 0, 2, 1, 0, SECOND - 1,
                                 mode=None if cameo else "disapprove", context=None if cameo else "economic",
                                 confidence=0.6, provenance=provenance),
                  SuggestedEvent("141" if cameo else "PROTEST", "PLM", None, 3, None, 4, SECOND, len(TEXT),
                                 confidence=0.4, provenance={"rule": "verb"} if provenance else None)]
        project.save_coded(doc_id, CodedDocument(spans=spans, events=events), scheme="CAMEO" if cameo else "PLOVER")
    return doc_id


def cli(db: Path, *argv: str, who: str = "ann") -> subprocess.CompletedProcess:
    """``eventcoder --annotator WHO ARGV --db DB`` in its own process."""
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", "--annotator", who, *argv, "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
