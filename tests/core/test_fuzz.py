"""Hostile input never crashes a reader: it gives a result or the project's own error, with a message.

Scheme files and importers are fuzzed beside their own tests; here the PETRARCH dictionary readers
and the gold-file reader, 1,000 examples each.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventcoder.core import dictionaries as D
from eventcoder.core.errors import EventCoderError
from eventcoder.core.evaluate import read_gold

PIECES = "--- [ ] { } ( ) + - ~ &X !P! = * $ % ^ _ ABC 010 : < > 19950101 # <!-- --> , \u00e9 SAY [~GOV]".split()
PIECES += [" ", "\t"]
DICTIONARY_TEXT = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=12).map(
        lambda lines: "\n".join(lines).encode("utf-8")
    ),
)
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(data=DICTIONARY_TEXT, reader=st.sampled_from([D.parse_verbs, D.parse_actors, D.parse_agents, D.parse_discards]))
def test_dictionary_readers(tmp_path, data, reader):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(data)
    try:
        parsed = reader([path])
    except EventCoderError as exc:
        assert str(exc)
    else:
        assert all(p.file and (p.line is None or p.line >= 1) for p in parsed.problems)


@FUZZ
@given(data=DICTIONARY_TEXT, kind=st.sampled_from(["verbs", "actors", "agents", "discards"]))
@example(data=b"--- []\n_", kind="verbs")  # found by this test: a verb line of an underscore only
def test_dictionary_problems_never_raise_and_name_the_file(tmp_path, monkeypatch, data, kind):
    """What ``scheme validate`` runs: any bytes give a list of problems at the file, never an exception."""
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))  # not the user's cache
    path = tmp_path / "dictionary.txt"
    path.write_bytes(data)
    problems = D.dictionary_problems(kind, [path])
    assert all(p.file == str(path) and (p.line is None or p.line >= 1) for p in problems)
    assert all(p.severity in (D.ERROR, D.WARNING) and p.message for p in problems)
    if not data.strip():  # a blank file codes nothing: never "ok"
        assert any(p.is_error for p in problems)


GOLD_LINES = [
    '{"text": "India and Russia agreed.", "events": [{"source": "IND", "target": "RUS", "code": "050"}]}',
    '{"text": "x", "events": "nope"}',
    '{"text": 5}',
    "[1, 2]",
    "{broken",
    '{"text": "y", "events": [], "evaluate": false}',
    "",
]


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(GOLD_LINES), max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8")),
    )
)
def test_gold_reader(tmp_path, data):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(data)
    try:
        records = read_gold(path)
    except EventCoderError as exc:
        assert "gold.jsonl" in str(exc)
    else:
        assert all(isinstance(r["text"], str) for r in records)
