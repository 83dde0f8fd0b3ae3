"""Documents too long for spaCy's parser are coded in parts; documents too long for a project are refused;
one document that cannot be coded never stops a coding run. Real model, real CAMEO dictionaries."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eventcoder.core.io.importers import import_paths
from eventcoder.core.model import Document, RowKind
from eventcoder.core.pipeline import code_documents
from eventcoder.core.schemes import load_scheme

MAX_DOCUMENT_CHARS = 2_000_000  # the documented limit (importers.MAX_DOCUMENT_CHARS)

# invented paragraphs, each coded as exactly one CAMEO event, and one the coder finds nothing in
EVENTS = {
    "Kenyan police arrested twelve protesters in Nairobi on Tuesday.": "173",
    "The government of Chile praised Argentina for the new border deal.": "051",
    "Egyptian diplomats met Sudanese envoys to discuss the dam.": "040",
}
QUIET = "Officials in Oslo said the talks would resume next week."
# long words: many characters, few tokens, so a 1.1M-character text parses in seconds, not a minute
FILLER = " ".join(
    ["Counterrevolutionaries uncharacteristically internationalised telecommunications",
     "electroencephalographically notwithstanding multidimensionality."] * 3
)


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def long_article(chars: int) -> tuple[str, list[str]]:
    cycle = [*EVENTS, QUIET]
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraphs += [cycle[len(paragraphs) // 2 % len(cycle)] if len(paragraphs) % 2 == 0 else FILLER]
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs), paragraphs


def test_a_document_over_the_parser_limit_is_coded_in_parts_at_document_offsets(project, tmp_path, cameo):
    text, paragraphs = long_article(1_100_000)
    assert 1_000_000 < len(text) < MAX_DOCUMENT_CHARS
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    ((_, doc_id),) = import_paths(project, [path]).imported
    stored = project.get_document(doc_id).text
    assert stored == text

    totals = code_documents(project, cameo, [doc_id])
    assert totals["documents"] == 1 and totals["errors"] == []
    events = project.events(doc_id)
    # every part was coded, none twice: one event per event paragraph, wherever the parts were cut
    expected = Counter(EVENTS[p] for p in paragraphs if p in EVENTS)
    assert Counter(e.event_code for e in events) == expected
    assert totals["events"] == len(events) == sum(expected.values())
    late = [e for e in events if e.sentence_start > len(text) // 2]
    assert len(late) > len(events) // 3
    assert any(e.sentence_start > 1_000_000 for e in events)  # past what spaCy parses at once
    for event in events:
        sentence = stored[event.sentence_start : event.sentence_end].strip()
        assert EVENTS[sentence] == event.event_code
        for span_id in (event.source_span_id, event.target_span_id, event.trigger_span_id):
            span = project.get_span(span_id)
            assert stored[span.start : span.end] == span.text
            assert event.sentence_start <= span.start < span.end <= event.sentence_end
    assert {project.get_span(e.trigger_span_id).text for e in late} == {"arrested", "praised", "met"}


def test_a_long_document_is_cancelled_between_its_parts(project, cameo):
    text, _ = long_article(1_050_000)
    long_id, _ = project.add_document(Document(text=text, title="long"))
    short_id, _ = project.add_document(Document(text=next(iter(EVENTS)), title="short"))
    asked: list[int] = []
    done: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return True

    totals = code_documents(project, cameo, [long_id, short_id], progress=done.append, should_stop=stop)
    assert asked == [1]  # asked after the first part, and the run stopped there
    assert totals["documents"] == 0 and done == [] and totals["errors"] == []
    assert project.events() == [] and project.spans(long_id) == []  # nothing of a half-coded document


def test_import_refuses_a_document_over_the_limit_in_every_format(project, tmp_path):
    over = "Gulls circled the harbour at dawn. " * (MAX_DOCUMENT_CHARS // 35 + 1)
    assert len(over) > MAX_DOCUMENT_CHARS
    at_limit = ("Crabs " * (MAX_DOCUMENT_CHARS // 6 + 1))[:MAX_DOCUMENT_CHARS]
    files = {
        "over.txt": over,
        "over.jsonl": json.dumps({"text": "A short note."}) + "\n" + json.dumps({"text": over}) + "\n",
        "over.csv": 'text\nA short note.\n"' + over + '"\n',
        "over_plover.jsonl": json.dumps({"text": over, "event": "AGREE", "actor": [{"code": "PER"}]}) + "\n",
        "at_limit.txt": at_limit,
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    report = import_paths(project, [tmp_path / name for name in files])
    refused = {Path(name).name: why for name, why in report.refused}
    message = f"{len(over):,} characters, over the limit of 2,000,000 per document; split it into articles"
    assert refused == {
        "over.txt": message,
        "over.jsonl": f"{tmp_path / 'over.jsonl'}:2: {message}",
        "over.csv": f"{tmp_path / 'over.csv'}:3: {message}",
        "over_plover.jsonl": f"{tmp_path / 'over_plover.jsonl'}:1: {message}",
    }
    ((name, doc_id),) = report.imported
    assert Path(name).name == "at_limit.txt" and len(project.get_document(doc_id).text) == MAX_DOCUMENT_CHARS
    assert project.document_count() == 1 and project.events() == []
    from eventcoder.core.io import importers

    assert importers.MAX_DOCUMENT_CHARS == MAX_DOCUMENT_CHARS


def test_one_bad_document_never_stops_a_coding_run(project, cameo):
    arrest, _, meeting = EVENTS
    first, _ = project.add_document(Document(text=arrest, title="first"))
    deleted, _ = project.add_document(Document(text="Lima hosted a quiet regional fair.", title="deleted"))
    # stored by a version without the import limit; spaCy would need many GB and minutes to read it
    huge, _ = project.add_document(Document(text="Rain. " * (MAX_DOCUMENT_CHARS // 6 + 1), title="huge"))
    missing = 987_654
    blob, _ = project.add_document(Document(text="placeholder", title="blob"))
    with project.transaction():  # a row another program wrote: its text is bytes, which spaCy cannot code
        project.db.execute("UPDATE documents SET text = ? WHERE id = ?", [b"\x93\x01\x02 not text", blob])
    last, _ = project.add_document(Document(text=meeting, title="last"))
    ids = [first, deleted, huge, missing, blob, last]
    done: list[int] = []

    def progress(n: int) -> None:
        done.append(n)
        if n == 1:  # someone deletes the next document while the run is coding it
            project.delete_row(RowKind.DOCUMENT, deleted)

    totals = code_documents(project, cameo, ids, progress=progress)
    assert done == [1, 2, 3, 4, 5, 6]
    assert totals["documents"] == 2
    assert [e.event_code for e in project.events(first)] == ["173"]
    assert [e.event_code for e in project.events(last)] == ["040"]
    assert totals["events"] == 2
    errors = dict(totals["errors"])
    assert list(errors) == [deleted, huge, missing, blob]
    assert errors[deleted] == "deleted while the run was coding it"
    assert errors[huge] == (
        "2,000,004 characters, over the limit of 2,000,000 per document; split it into articles and import those"
    )
    assert errors[missing] == f"cannot be read (no document with id {missing})"
    assert errors[blob] == "coding failed (its stored text is not text)"
