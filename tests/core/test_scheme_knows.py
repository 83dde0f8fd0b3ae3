"""One rule for "does the scheme know this code": CodingScheme.knows (a code of it, or an old name in its
aliases; codes are strings). The scheme-mix check, the typed-code check, the importers' check and the gold
warnings all answer with it."""

from __future__ import annotations

import json

import pytest

from eventcoder.core.evaluate import evaluate_file
from eventcoder.core.io.gold import unknown_gold_codes
from eventcoder.core.scheme_mix import UnknownEventCode, check_event_code
from eventcoder.core.schemes import load_scheme


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


@pytest.fixture(scope="module")
def plover():
    return load_scheme("plover")


def test_knows_codes_and_old_names_as_strings(cameo, plover):
    assert cameo.knows("010") and cameo.knows("112") and cameo.knows("01")
    assert cameo.knows("040") and not cameo.knows("40") and not cameo.knows("999")
    assert not cameo.knows(None) and not cameo.knows(10)
    assert plover.knows("ACCUSE") and plover.knows("DISAPPROVE")  # an old name (alias of ACCUSE)
    assert not plover.knows("accuse") and not plover.knows("112")
    assert "DISAPPROVE" not in plover.event_types  # known through its aliases only


def test_the_checks_agree_with_knows(cameo, plover, tmp_path):
    for scheme, code in ((plover, "DISAPPROVE"), (plover, "ACCUSE"), (cameo, "010")):
        check_event_code(scheme, code)  # known: no error
    for scheme, code in ((plover, "112"), (cameo, "40")):
        assert not scheme.knows(code)
        with pytest.raises(UnknownEventCode):
            check_event_code(scheme, code)
    gold = tmp_path / "gold.jsonl"
    rows = [{"text": "Ruritania protested.", "events": [{"code": "DISAPPROVE"}]},
            {"text": "Freedonia accused Ruritania.", "events": [{"code": "ACCUSE"}, {"code": "WHATEVER"}]}]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    warnings = unknown_gold_codes(gold, plover)
    assert len(warnings) == 1 and warnings[0].startswith(f"{gold}:2: gold code 'WHATEVER' is not in scheme PLOVER")


def test_evaluate_reads_the_gold_file_once_and_keeps_line_numbers(cameo, tmp_path, monkeypatch):
    from eventcoder.core.io import gold as gold_module

    path = tmp_path / "gold.jsonl"
    rows = [{"text": "Ruritania accused Freedonia of shelling the town.", "events": [{"code": "112"}]},
            {"text": "Nothing to see.", "evaluate": False},
            {"text": "Freedonia met Ruritania.", "events": [{"code": "999"}]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    reads: list[str] = []
    real = gold_module.read_text
    monkeypatch.setattr(gold_module, "read_text", lambda p, *a, **k: reads.append(str(p)) or real(p, *a, **k))

    class Recorder:  # a coder that predicts nothing: only the reading is measured here
        scheme = cameo

        def code_texts(self, items):
            return [type("Doc", (), {"events": [], "spans": []})() for _ in items]

    result = evaluate_file(path, cameo, coder=Recorder())
    assert reads == [str(path)]  # once: the records scored and the warnings' line numbers
    assert result["records"] == 2
    assert result["warnings"] == [f"{path}:3: gold code '999' is not in scheme CAMEO: scored as written, so no "
                                  "prediction can match it (a typo, or a code of another scheme?)"]
