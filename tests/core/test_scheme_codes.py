"""Every code a verbs file gives is one the loaded scheme lists: at load, a code the scheme does not list is read as
the nearest code it lists (its longest prefix that is a code; a top-level code's "not specified below" code), a
malformed one is repaired when the code left is listed, else its line is left out -- each a warning at its
file:line that ``eventcoder scheme validate``, ``scheme.dictionary_report()`` and the coder's problems show, and
what became what is kept as data (``VerbDictionary.fitted`` / ``dropped``). A verbs file's code map is part of the
scheme's content hash, and its use is a line of the scheme's report."""

from __future__ import annotations

import textwrap
from pathlib import Path

from eventcoder.core import dictionaries as D
from eventcoder.core import schemes
from eventcoder.core.dictionaries.checks import files_signature
from eventcoder.core.pipeline import rules_coder
from eventcoder.core.suggest.coder import EventCoder

SCHEME = """\
name: Gondor codes
version: "1"
event_types:
  - {code: "01", label: Speak}
  - {code: "010", label: "Speak, not specified below", parent: "01"}
  - {code: "011", label: Declare, parent: "01"}
  - {code: "02", label: Ask}
  - {code: "020", label: "Ask, not specified below", parent: "02"}
  - {code: "021", label: Ask for help, parent: "02"}
  - {code: "19", label: Fight}
  - {code: "190", label: "Fight, not specified below", parent: "19"}
  - {code: "195", label: Strike from the air, parent: "19"}
dictionaries:
  verbs: [Harlond.verbs.txt]
  actors: [Harlond.actors.txt]
"""

VERBS = """\
--- PROCLAIM  [011] ---
PROCLAIM
- * WAR [196]
- * HELP [0213]
- * TRUCE [011!]
- * PEACE [0!11]
- * FEUD [XYZ]

--- BOMB  [1952] ---
BOMB
STRAFE [:1953]

--- PLEAD  [027] ---
PLEAD

--- BEG  [020] ---
BEG

~ a (b . BOMB) BEG = a b 0219
"""

ACTORS = "GONDOR [GON]\nROHAN [ROH]\n"


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def make(folder: Path, verbs: str = VERBS) -> tuple[Path, Path]:
    (folder / "Harlond.verbs.txt").write_text(verbs, encoding="utf-8")
    (folder / "Harlond.actors.txt").write_text(ACTORS, encoding="utf-8")
    scheme = folder / "gondor.yaml"
    scheme.write_text(SCHEME, encoding="utf-8")
    return scheme, folder / "Harlond.verbs.txt"


def test_each_code_is_read_as_the_nearest_code_the_scheme_lists(tmp_path):
    path, verbs = make(tmp_path)
    scheme = schemes.load_scheme(path)
    d = D.parse_verbs([verbs], D.SchemeCodes.of(scheme))
    codes = {p.text: p.code for p in d.blocks["PROCLAIM"].patterns}
    # 196: its prefix 19 is top-level, read as its "not specified below" 190; 0213 -> 021; 011! repaired
    assert codes == {"* WAR": "190", "* HELP": "021", "* TRUCE": "011"}  # 0!11 and XYZ left out
    assert d.blocks["BOMB"].code == "195" and d.blocks["PLEAD"].code == "020"
    assert {e.code for e in d.forms["STRAFED"]} == {":195"}  # each part of a paired code
    assert [t.code for t in d.transformations] == ["021"]
    # what became what, where first and how often, as data
    src = str(verbs)
    assert d.fitted[("196", "190")] == (src, line_of(VERBS, "WAR"), 1)
    assert d.fitted[("0213", "021")] == (src, line_of(VERBS, "HELP"), 1)
    assert d.fitted[("011!", "011")] == (src, line_of(VERBS, "TRUCE"), 1)
    assert d.fitted[("1953", "195")] == (src, line_of(VERBS, "STRAFE"), 1)
    assert set(d.dropped) == {"0!11", "XYZ"}
    assert d.dropped["0!11"] == (src, line_of(VERBS, "PEACE"), 1)
    # every code the dictionary gives is listed
    listed = set(scheme.event_types)
    assert all(part in listed for code in d.code_uses for part in code.split(":") if part)
    problems = {p.line: p for p in d.problems}
    assert "code [196] is not an event type of Gondor codes: read as [190]" in problems[line_of(VERBS, "WAR")].message
    assert "malformed: read as [011]" in problems[line_of(VERBS, "TRUCE")].message
    assert not problems[line_of(VERBS, "TRUCE")].skipped  # read, with a change
    left_out = problems[line_of(VERBS, "PEACE")]
    assert left_out.skipped and "(malformed)" in left_out.message and "left out" in left_out.message
    assert problems[line_of(VERBS, "FEUD")].skipped
    assert "(in [:1953])" in problems[line_of(VERBS, "STRAFE")].message


def test_without_a_scheme_the_codes_are_kept_as_written(tmp_path):
    _path, verbs = make(tmp_path)
    d = D.parse_verbs([verbs])
    assert d.blocks["BOMB"].code == "1952" and not d.fitted and not d.dropped and d.fitted_to is None


def test_validate_the_report_and_the_coder_show_each_change_at_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    path, verbs = make(tmp_path)
    check = schemes.check_scheme_file(path)
    assert check.ok
    warnings = {(p.file, p.line): p.message for p in check.warnings}
    src = str(verbs)
    assert "read as [190]" in warnings[(src, line_of(VERBS, "WAR"))]
    assert "left out" in warnings[(src, line_of(VERBS, "FEUD"))]
    assert not any("is not an event type" in m and "read as" not in m and "left out" not in m
                   for m in warnings.values())  # nothing unlisted is left to warn about
    scheme = schemes.load_scheme(path)
    report = "\n".join(scheme.dictionary_report().lines())
    assert f"{src}:{line_of(VERBS, 'HELP')}: code [0213] is not an event type of Gondor codes: read as [021]" in report
    coder = EventCoder.from_scheme(scheme)
    assert coder.verbs.fitted == D.parse_verbs([verbs], D.SchemeCodes.of(scheme)).fitted
    assert (src, line_of(VERBS, "TRUCE")) in {(p.file, p.line) for p in coder.problems}


def test_no_suggestion_carries_a_code_the_scheme_does_not_list(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    path, _verbs = make(tmp_path)
    scheme = schemes.load_scheme(path)
    coder = EventCoder.from_scheme(scheme)
    out = coder.code_text("Gondor bombed Rohan. Gondor proclaimed war on Rohan.", "2021-03-01")
    codes = [e.event_code for e in out.events]
    assert "195" in codes and "190" in codes
    assert all(part in scheme.event_types for c in codes for part in c.split(":") if part)


def test_the_builtin_cameo_verbs_give_only_listed_codes(cameo_coder):
    scheme = cameo_coder.scheme
    verbs = cameo_coder.verbs
    assert verbs.fitted_to is not None
    assert all(part in scheme.event_types for code in verbs.code_uses for part in code.split(":") if part)
    assert verbs.fitted[("176", "170")][2] == 5 and verbs.fitted[("1213", "121")][2] == 3
    assert ("080!", "080") in verbs.fitted and ("1952", "195") in verbs.fitted
    out = cameo_coder.code_text("Russian agents hacked the computer network of the Estonian parliament.",
                                "2021-03-01")
    hacks = [e.event_code for e in out.events if e.source_code and e.source_code.startswith("RUS")]
    assert hacks and all(c in scheme.event_types for c in hacks) and "176" not in hacks


def test_the_code_map_is_part_of_the_content_hash_and_of_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    path, verbs = make(tmp_path)
    plain = schemes.load_scheme(path)
    cmap = tmp_path / "Harlond.verbs.codes.tsv"
    cmap.write_text("# file code\tscheme code\n1952\t190\tthe file's air strike is our fight\n", encoding="utf-8")
    mapped = schemes.load_scheme(path)
    assert mapped.content_hash != plain.content_hash  # only the map changed: another scheme, another coder
    assert rules_coder(mapped) is not rules_coder(plain)
    assert rules_coder(mapped).verbs.blocks["BOMB"].code == "190"
    signature = files_signature(mapped)
    cmap.write_text("1952\t195\n", encoding="utf-8")
    assert schemes.load_scheme(path).content_hash != mapped.content_hash
    assert files_signature(mapped) != signature  # the report of the loaded scheme is read again
    # the translation is visible: a line of the report at the map, how many codes, how many uses
    check = schemes.check_scheme_file(path)
    notes = [p for p in check.warnings if p.file == str(cmap)]
    assert len(notes) == 1 and notes[0].line == 1
    note = notes[0].message
    assert "the codes of Harlond.verbs.txt were translated by Harlond.verbs.codes.tsv (1 code(s) mapped" in note
    assert "1952 -> 195 (1)" in notes[0].message


def test_the_builtin_report_says_the_cameo_verbs_are_translated():
    check = schemes.check_scheme_file(schemes.BUILTIN_DIR / "cameo.yaml")
    notes = [p.message for p in check.warnings if p.file.endswith("CAMEO.2.0.codes.tsv")]
    assert len(notes) == 1 and "translated by CAMEO.2.0.codes.tsv" in notes[0] and "106 -> 108" in notes[0]


def test_a_scheme_without_a_code_map_keeps_its_hash_of_the_files(tmp_path):
    path, _verbs = make(tmp_path)
    first = schemes.load_scheme(path).content_hash
    assert schemes.load_scheme(path).content_hash == first
    text = textwrap.dedent(SCHEME).replace("Gondor codes", "Gondor codes 2")
    path.write_text(text, encoding="utf-8")
    assert schemes.load_scheme(path).content_hash != first
