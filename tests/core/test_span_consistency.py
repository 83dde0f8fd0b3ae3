"""An export never pairs a code with words that do not name it, even for rows written around the commands."""

from __future__ import annotations

import pandas as pd

from eventcoder.core.io.exporters import export
from eventcoder.core.model import Document, Event, Span
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project

TEXT = "Oslo lifted the sanctions on Peru and the Peruvian navy welcomed it."


def test_csv_gives_a_role_words_only_when_they_name_its_code(tmp_path):
    with Project(tmp_path / "p.db") as p:
        doc_id, _ = p.add_document(Document(text=TEXT))

        def span(words: str, code: str | None) -> int:
            start = TEXT.index(words)
            return p.add_span(Span(document_id=doc_id, start=start, end=start + len(words), text=words,
                                   layer="actor", code=code, status="accepted", origin="human")).id

        sanctions, peru, navy, oslo = span("sanctions", None), span("Peru", "PER"), span("Peruvian navy", "PERMIL"), \
            span("Oslo", "NOR")
        rows = [  # (source span, source code, target span, target code) as an older version could store them
            (oslo, "NOR", sanctions, "PER"),  # a code typed over an uncoded grammar phrase
            (oslo, "NORGOV", peru, "PER"),  # the same actor at another granularity
            (oslo, "NOR", navy, "PER"),  # PERMIL words name PER too
            (oslo, "NOR", sanctions, None),  # an uncoded role keeps its words
            (oslo, "SWE", peru, "PER"),  # words of another actor
        ]
        for src, src_code, tgt, tgt_code in rows:
            p.add_event(Event(document_id=doc_id, event_code="081", source_code=src_code, target_code=tgt_code,
                              source_span_id=src, target_span_id=tgt, status="accepted", origin="human",
                              sentence_start=0, sentence_end=len(TEXT)))
        out = tmp_path / "events.csv"
        export(p, "csv", out, load_scheme("cameo"), "accepted")
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    got = list(zip(table.source_text, table.target_text, strict=True))
    assert got == [("Oslo", ""), ("Oslo", "Peru"), ("Oslo", "Peruvian navy"), ("Oslo", "sanctions"), ("", "Peru")]
