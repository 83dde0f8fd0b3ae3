"""Hostile import files, built from the pieces that broke import before (deep nesting, huge integers, lone
surrogates, NUL, byte order marks, unbalanced quotes, odd Unicode digits, codes that are not text): whatever
the file, ``import_paths`` gives documents or refuses the file with a message, never raises, and a refused
file writes nothing. The rest of a batch is imported whatever one file holds."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as label
from hypothesis import strategies as st

from eventcoder.core.io.importers import import_paths
from eventcoder.core.store import Project

TABLES = ("documents", "spans", "events", "relations", "history")
MAX_DOCUMENT_CHARS = 2_000_000

BENIGN_VALUES = [
    '"Herons and cranes met Peru at the marsh."', "null", '"2021-03-04"', '"AGREE"', '"PER"', '"7"', "12", '"model"',
    '[{"code": "PER", "entity_text": "Herons"}]', '{"code": "BOL", "sector": "GOV", "entity_text": "cranes"}',
    '"accepted"', '"a note"', '["AGREE", "CONSULT"]',
]
JSON_VALUES = [
    '""', '"   "', "true", "false", "0", "-7", "3.5", "1e400",
    "NaN", "-Infinity", "9" * 4301, "-" + "1" * 5000, "[]", "{}", "[" * 99 + "]" * 99, "[" * 101 + "]" * 101,
    "[" * 6000 + "]" * 6000, '{"a": ' * 3000 + "1" + "}" * 3000,
    '"\\ud800"', '"tail \\udfff"', '"\\ud83d\\ude00 a whole pair"', '"\\u0000 after a NUL"', '"\\ufeff inside"',
    '"²"', '"٣"', '"１２"', '"7"', '"0042"', '"AGREE|CONSULT"', '"042"', '{"x": 1}', '["AGREE", 7]', '[null, "AGREE"]',
    '[{"code": "PER", "entity_text": "Herons"}]', '[{"code": 365}]', '[{"actor_code": {"a": 1}}]', '[5]',
    '{"code": "BOL", "sector": "GOV", "entity_text": "cranes"}', '"2021-02-30"', '"20211206"', '"accepted"',
    '"model"', "{", '"unterminated', "]",
]
KEYS = [
    "text", "title", "date", "id", "url", "source", "extra", "event", "actor", "recipient", "source", "target",
    "document_id", "mode", "context", "status", "coder", "\\ud834", "", "TEXT",
]
TEXT_PIECES = [
    "Herons", " met ", "Peru", " and ", "Bolivia", ".", ",", "\n", "\n\n", "\r\n", "\t", '"', '""', "'", "\x00",
    "\ufeff", "²", "٣", "\u2028", "\ud800", "\udfff", "e\u0301", "😀", "{", "[", "\\", "=" * 5, "1" * 20,
]
HOSTILE_BYTES = [b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\r", b"\n", b'"', b"\x1a"]


def record(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f'"{key}": {value}' for key, value in pairs) + "}"


VALUE = st.one_of(st.sampled_from(BENIGN_VALUES), st.sampled_from(JSON_VALUES))
PAIRS = st.lists(st.tuples(st.sampled_from(KEYS), VALUE), max_size=4)
JSON_LINE = st.one_of(
    PAIRS.map(lambda pairs: record([("text", '"Cranes nested."'), *pairs])),
    st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(BENIGN_VALUES)), max_size=3).map(
        lambda pairs: record([*pairs, ("text", '"Storks too."')])
    ),
    PAIRS.map(record),
    st.sampled_from(JSON_VALUES),
    st.lists(st.sampled_from(TEXT_PIECES), max_size=6).map("".join),
)
PLOVER_LINE = PAIRS.map(
    lambda pairs: record([("text", '"Herons met Peru."'), ("event", '"AGREE"'), ("actor", '[{"code": "PER"}]'), *pairs])
)
CSV_FIELD = st.one_of(
    st.sampled_from(["Cranes met Peru.", "2021-05-06", "A title", "k7"]),
    st.lists(st.sampled_from(TEXT_PIECES), max_size=5).map("".join),
    st.sampled_from(['"quoted, with a comma"', '"unbalanced', 'closed" after', '"a ""quote"" inside"', "2021-01-01",
                     "yesterday", "", "x" * 300, '"line\nbreak"']),
)
CSV_HEADER = st.one_of(
    st.sampled_from([["text"], ["id", "text", "date"], ["Title", " TEXT "]]),
    st.sampled_from([["text", "date"], ["text", "title", "url"]]),
    st.lists(st.sampled_from(["text", "title", "date", "id", " Text ", "\ufefftext", "", '"text"', "url"]),
             min_size=1, max_size=4),
)


def with_hostile_bytes(data: bytes, insertions: list[tuple[float, bytes]]) -> bytes:
    for where, piece in insertions:
        at = int(where * len(data))
        data = data[:at] + piece + data[at:]
    return data


INSERTIONS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(HOSTILE_BYTES)), max_size=3)


def encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes the bytes a careless writer leaves


FILES = st.one_of(  # (kind, suffix, content)
    st.tuples(st.just("jsonl"), st.just(".jsonl"), st.lists(JSON_LINE, min_size=1, max_size=4).map("\n".join)
              .map(encoded)),
    st.tuples(st.just("plover"), st.just(".jsonl"), st.lists(PLOVER_LINE, min_size=1, max_size=3).map("\n".join)
              .map(encoded)),
    st.tuples(
        st.just("csv"),
        st.sampled_from([".csv", ".tsv"]),
        st.tuples(CSV_HEADER, st.lists(st.lists(CSV_FIELD, max_size=4), min_size=1, max_size=5)).map(
            lambda hr: encoded("\n".join([",".join(hr[0]), *(",".join(row) for row in hr[1])]))
        ),
    ),
    st.tuples(st.just("txt"), st.just(".txt"),
              st.lists(st.sampled_from(TEXT_PIECES), min_size=1, max_size=30).map("".join).map(encoded)),
)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    with Project(folder / "project.db", annotator="tester") as project:
        yield project, folder


def row_counts(project: Project) -> dict[str, int]:
    return {t: int(project.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


COUNTER = itertools.count()


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(file=FILES, insertions=INSERTIONS, bom=st.booleans())
def test_any_file_gives_documents_or_a_refusal_that_writes_nothing(fuzz_project, file, insertions, bom):
    project, folder = fuzz_project
    n = next(COUNTER)
    kind, suffix, data = file
    data = (b"\xef\xbb\xbf" if bom else b"") + with_hostile_bytes(data, insertions)
    path = folder / f"hostile{n}{suffix}"
    path.write_bytes(data)

    before = row_counts(project)
    report = import_paths(project, [path])  # never raises
    after = row_counts(project)
    label(f"{kind} {'refused' if report.refused else 'imported'}")
    if report.refused:
        ((name, why),) = report.refused
        assert name == str(path) and why.strip() and "Traceback" not in why
        assert after == before  # a refused file writes nothing
        assert not report.imported and not report.skipped and not report.annotated
    else:
        assert report.imported or report.skipped or report.annotated
        assert after["documents"] == before["documents"] + len(report.imported)
        for _, doc_id in report.imported:
            doc = project.get_document(doc_id)
            assert isinstance(doc.text, str) and doc.text.strip() and len(doc.text) <= MAX_DOCUMENT_CHARS
            assert not any("\ud800" <= ch <= "\udfff" for ch in doc.text)
            for event in project.events(doc_id):
                codes = (event.event_code, event.source_code, event.target_code, event.mode, event.context)
                assert isinstance(event.event_code, str) and all(c is None or isinstance(c, str) for c in codes)

    # whatever one file holds, the others of the batch are imported
    good = folder / f"good{n}.txt"
    good.write_text(f"Swans glided past mill number {n}.", encoding="utf-8")
    batch = import_paths(project, [path, good])
    assert [Path(name).name for name, _ in batch.imported] == [good.name]
