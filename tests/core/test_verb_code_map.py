"""A verbs file's own numbering is read as the scheme's at load: ``NAME.codes.tsv`` beside ``NAME.txt``
(file code, scheme code) translates every code of the file -- block defaults, verb lines, patterns, paired codes,
transformations -- so everything that reads the loaded dictionary (the coder, the checks, the window) sees only the
scheme's codes."""

from __future__ import annotations

from pathlib import Path

from eventcoder.core import dictionaries as D
from eventcoder.core.dictionaries.verbs import code_map_path
from eventcoder.core.suggest.coder import EventCoder

VERBS = """\
--- DEMAND  [106] ---
DEMAND
+INSIST_ON [105]
- * TALKS [106]
- * MEDIATION [108]
- * RESTRAINT [1056]
- * TRUCE [106:106]

--- PARLEY  [040] ---
PARLEY
- * WITH + [042:106]

--- SAY  [010] ---
SAY

~ a (b . DEMAND) SAY = a b 106
"""

CODE_MAP = """\
# file code\tscheme code\twhat the file means
105\t100\tdemand that the target yield
106\t108\tdemand a meeting
108\t105\tdemand mediation
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_code_of_the_file_is_read_as_the_scheme_numbers_it(tmp_path):
    verbs = write(tmp_path, "Harad.verbs.txt", VERBS)
    write(tmp_path, "Harad.verbs.codes.tsv", CODE_MAP)
    assert code_map_path(verbs) == tmp_path / "Harad.verbs.codes.tsv"
    d = D.parse_verbs([verbs])
    assert not d.problems
    demand = d.blocks["DEMAND"]
    assert demand.code == "108"  # the block default
    assert {e.code for e in d.forms["INSISTS"]} == {"100"}  # a verb line's own code
    assert {e.code for e in d.forms["DEMANDED"]} == {"108"}  # a verb line takes the translated default
    codes = {p.text: p.code for p in demand.patterns}
    assert codes == {"* TALKS": "108", "* MEDIATION": "105", "* RESTRAINT": "1056", "* TRUCE": "108:108"}
    assert [p.code for p in d.blocks["PARLEY"].patterns] == ["042:108"]  # each part of a paired code
    assert [t.code for t in d.transformations] == ["108"]
    # the codes the dictionary gives are the scheme's (the checks against the scheme's list read these) ...
    assert "106" not in d.code_uses and "108" in d.code_uses and "105" in d.code_uses
    # ... and what was translated, where first, how often, is kept as data
    assert d.translated[("106", "108")][:2] == (str(verbs), 1)
    assert d.translated[("106", "108")][2] == 6  # block, two patterns' three parts, the paired pattern, the rule
    assert d.translated[("105", "100")] == (str(verbs), 3, 1)
    assert d.translated[("108", "105")][2] == 1


def test_a_file_without_a_code_map_is_read_as_written(tmp_path):
    verbs = write(tmp_path, "Rhun.verbs.txt", VERBS)
    d = D.parse_verbs([verbs])
    assert d.blocks["DEMAND"].code == "106" and not d.translated


def test_a_bad_code_map_line_is_a_problem_with_file_and_line(tmp_path):
    verbs = write(tmp_path, "Khand.verbs.txt", VERBS)
    cmap = write(tmp_path, "Khand.verbs.codes.tsv", "106\t108\n106 108\n105\t100\n106\t107\n")
    d = D.parse_verbs([verbs])
    where = [(p.file, p.line) for p in d.problems]
    assert where == [(str(cmap), 2), (str(cmap), 4)]
    assert "tab" in d.problems[0].message and "mapped twice" in d.problems[1].message
    assert d.blocks["DEMAND"].code == "108"  # the first map of 106 is kept


def test_the_cache_is_keyed_by_the_code_map_too(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    verbs = write(tmp_path, "Umbar.verbs.txt", VERBS)
    assert D.load_verbs([verbs]).blocks["DEMAND"].code == "106"
    cmap = write(tmp_path, "Umbar.verbs.codes.tsv", CODE_MAP)
    assert D.load_verbs([verbs]).blocks["DEMAND"].code == "108"  # a new map: not the pickle of the file alone
    cmap.write_text("106\t107\n", encoding="utf-8")
    assert D.load_verbs([verbs]).blocks["DEMAND"].code == "107"
    cmap.unlink()
    assert D.load_verbs([verbs]).blocks["DEMAND"].code == "106"


def test_the_coder_codes_the_scheme_code(tmp_path):
    verbs = write(tmp_path, "Dale.verbs.txt", VERBS)
    write(tmp_path, "Dale.verbs.codes.tsv", CODE_MAP)
    actors = write(tmp_path, "Dale.actors.txt", "GONDOR [GON]\nROHAN [ROH]\n")
    coder = EventCoder.from_files(verbs=[verbs], actors=[actors])
    out = coder.code_text("Gondor demanded talks with Rohan.", "2021-03-01")
    assert [(e.source_code, e.event_code) for e in out.events] == [("GON", "108")]
    assert "108" in (out.events[0].evidence or "")


def test_the_builtin_cameo_verbs_number_the_demands_as_the_scheme(cameo_coder):
    verbs = cameo_coder.verbs
    demand = [b for name, b in verbs.blocks.items() if name.split("#")[0] == "DEMAND"]
    codes = {p.text: p.code for b in demand for p in b.patterns}
    assert codes["* MEETING"] == "108" and codes["* TALKS"] == "108"  # the file's 106: a meeting
    assert ("106", "108") in verbs.translated and ("105", "100") in verbs.translated
    out = cameo_coder.code_text("Portugal demanded talks with Spain.", "2021-03-01")
    assert [e.event_code for e in out.events if e.source_code and e.source_code.startswith("PRT")] == ["108"]


def test_a_demand_made_of_an_appeal_pattern_takes_the_scheme_number(cameo_coder):
    # the DEMAND block lists appeal patterns (027 settle: "* &SOLUTION"); "demanded" makes the demand of the same
    # kind, 107 in the verbs file's numbering (settling) -- in the scheme's list 107 is a ceasefire: 100 here
    out = cameo_coder.code_text("Portugal demanded a lasting solution to the fishing dispute with Spain.", "2021-03-01")
    demands = [e for e in out.events if e.event_code[:2] == "10"]
    assert demands and all(e.event_code != "107" for e in demands)
    assert any("demanded -> [107] (the scheme's [100])" in (e.evidence or "") for e in demands)
