"""PETRARCH/TABARI dictionary readers: every construct on small files, problems with file:line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from eventcoder.core import dictionaries as D
from eventcoder.core.errors import DictionaryError

DATA = Path(__file__).resolve().parents[1] / "data"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


VERBS = """\
# comment line
&TIETYPES
+MILITARY
+ECONOMIC

&MORETIES  # nested synset
+&TIETYPES
+CLOSER

&CURRENCY
+DOLLAR
+KRONER_

--- ABANDON  [345]  ---
ABANDON    # a comment
+CORDON_OFF [1721]
WIRE_+TAP [1711]
FORSAKE {FORSOOK FORSAKEN}
- * NEW_&TIETYPES_RELATIONS [903]  # glued words
- * &MORETIES TIES [902]
- * {FINANCIAL AID} [073]
- * (TO BORDER) [154]
- $ TROOP * TOWARD + [0874]
- NOT * [112]
- % * [030:030]
- * [0]]] broken
- no star here [010]

--- DISCARDED  [---] ---
IGNORE

~ a (b . ATTACK) SAY = a b 112
~ this is not a transformation
"""


def test_verbs_blocks_forms_synsets_and_patterns(tmp_path):
    v = D.parse_verbs([write(tmp_path, "v.txt", VERBS)])
    assert set(v.blocks) == {"ABANDON", "DISCARDED"}
    block = v.blocks["ABANDON"]
    assert block.code == "345"
    assert v.blocks["DISCARDED"].code is None  # [---] = no code
    # regular and irregular forms
    for form in ("ABANDON", "ABANDONED", "ABANDONING", "ABANDONS", "FORSOOK", "FORSAKEN"):
        assert form in v.forms, form
    # multi-word verbs: + marks the verb word
    cordon = [e for e in v.forms["CORDONED"] if e.post]
    assert cordon and cordon[0].post == ("OFF",) and cordon[0].code == "1721"
    tap = [e for e in v.forms["TAPPED"] if e.pre]
    assert tap and tap[0].pre == ("WIRE",) and tap[0].code == "1711"
    # synsets: nested members and generated plurals; "_" = no plural
    members = {tuple(w for w, _g in alt) for alt in v.synsets["&MORETIES"]}
    assert ("MILITARY",) in members and ("CLOSER",) in members
    cur = {tuple(w for w, _g in alt) for alt in v.synsets["&CURRENCY"]}
    assert ("DOLLARS",) in cur and ("KRONERS",) not in cur
    texts = {p.text: p for p in block.patterns}
    glued = texts["* NEW_&TIETYPES_RELATIONS"]
    assert glued.post[0].alts == [(("NEW", False),)]
    assert glued.post[1].glued and glued.post[2].glued
    np_slot = texts["* {FINANCIAL AID}"].post[0]
    assert np_slot.alts == [(("FINANCIAL", False), ("AID", True))]
    prep = texts["* (TO BORDER)"].post
    assert prep[0].prep and prep[1].in_prep
    markers = texts["$ TROOP * TOWARD +"]
    assert markers.pre[0].marker == "$" and markers.post[-1].marker == "+"
    assert texts["% *"].pre[0].compound
    assert texts["% *"].code == "030:030"
    # most specific first
    sizes = [p.size for p in block.patterns]
    assert sizes == sorted(sizes, reverse=True)
    # transformations
    assert len(v.transformations) == 1
    tr = v.transformations[0]
    assert (tr.outer, tr.inner, tr.inner_source, tr.code) == ("SAY", "ATTACK", "b", "112")


def test_a_pattern_keeps_the_verb_its_comment_names(tmp_path):
    """PETRARCH merged verbs into blocks and named, in a comment, the verb each pattern was written for; the reader
    keeps that verb as data when it is one of the block's (the coder applies a one-preposition pattern to it only)."""
    text = ("--- MANAGE [100] ---\nHEAD\nORDER\n- * TO [030]  # HEAD\n- * DRUGS [---]  # ORDER\n"
            "- * REFORMS [034]  # tb 2007\n- * CEREMONY [017]\n")
    v = D.parse_verbs([write(tmp_path, "v.txt", text)])
    (block,) = v.blocks.values()
    assert {p.text: p.for_verb for p in block.patterns} == {"* TO": "HEAD", "* DRUGS": "ORDER", "* REFORMS": None,
                                                            "* CEREMONY": None}


def test_verbs_problems_are_reported_with_file_and_line(tmp_path):
    path = write(tmp_path, "v.txt", VERBS)
    v = D.parse_verbs([path])
    where = {(p.file, p.line) for p in v.problems}
    lines = VERBS.splitlines()
    broken = lines.index("- * [0]]] broken") + 1
    nostar = lines.index("- no star here [010]") + 1
    bad_tr = lines.index("~ this is not a transformation") + 1
    assert (str(path), broken) in where
    assert (str(path), nostar) in where
    assert (str(path), bad_tr) in where
    assert all(str(p).startswith(f"{path}:") for p in v.problems)  # the path as given, so it can be opened


ACTORS = """\
<!-- an html comment
spanning lines [XXX] -->
GONDOR [GON]
+MINAS_TIRITH
+ANORIEN

GOLLUM  # codes on the following lines
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]

THE_SHIRE  [FRO/BIL/SAM]
U.N._
UNITED_NATIONS
\t[IGOUNO]
AL-QAEDA [IMGMOSALQ]
BROKEN [XYZ 2004017-20061201]
[NOPE]
JUST_A_NAME
"""


def test_actors_synonyms_dates_compounds(tmp_path):
    a = D.parse_actors([write(tmp_path, "a.actors.txt", ACTORS)])
    assert a.lookup("Minas Tirith").resolve() == ["GON"]
    gollum = a.lookup("smeagol")
    assert gollum is a.lookup("GOLLUM")
    assert gollum.resolve("19900101") == ["HOB"]
    assert gollum.resolve("1995-06-01") == ["HOBGOV"]
    assert gollum.resolve("20000101") == ["HOBREB"]
    assert a.lookup("the Shire").resolve() == ["FRO", "BIL", "SAM"]
    # names waiting for a code share it
    assert a.lookup("U.N.").resolve() == ["IGOUNO"]
    assert a.lookup("United Nations").resolve() == ["IGOUNO"]
    # hyphenated names are split like spaCy splits them
    assert D.phrase_tokens("AL-QAEDA") == ("AL", "-", "QAEDA")
    assert a.lookup("al-Qaeda").resolve() == ["IMGMOSALQ"]
    lines = ACTORS.splitlines()
    where = {p.line for p in a.problems}
    assert lines.index("BROKEN [XYZ 2004017-20061201]") + 1 in where
    assert lines.index("[NOPE]") + 1 in where or lines.index("JUST_A_NAME") + 1 in where
    assert a.lookup("[XXX]") is None


def test_validation_actor_file_dates():
    a = D.parse_actors([DATA / "PETR.Validate.actors.txt"])
    sam = a.lookup("Sam Gamgee")
    assert sam.resolve("20000101") == ["HOBCIV"]
    assert sam.resolve("20100110") == ["ORCHOB"]  # first matching restriction wins
    assert sam.resolve("20100601") == ["HOBMIL"]
    assert sam.resolve("20140101") == ["HOBELI"]
    assert a.lookup("Lorien").resolve() == ["ELR", "GAL"]


AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
PARLIAMENTARY_OPPOSITION {} [~OPP]
FOREIGN_MINISTER [~GOVFRM]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
MSF {}  [NGO~]
POLICE {} [ ~COP]
BAD_LINE [~ENV}
UNKNOWN!MACRO! [~XXX]
"""


def test_agents_macros_plurals_prefix(tmp_path):
    g = D.parse_agents([write(tmp_path, "a.agents.txt", AGENTS)])
    assert g.lookup("foreign ministers").code == "GOVFRM"
    assert g.lookup("parliamentary oppositions") is None  # {} = no plural
    assert g.lookup("golden geese").code == "GGS"
    assert g.lookup("congressman").code == "LEG" and g.lookup("congresswoman").code == "LEG"
    msf = g.lookup("MSF")
    assert msf.prefix and msf.code == "NGO"
    assert g.lookup("police").code == "COP"
    lines = AGENTS.splitlines()
    where = {p.line for p in g.problems}
    assert lines.index("BAD_LINE [~ENV}") + 1 in where
    assert lines.index("UNKNOWN!MACRO! [~XXX]") + 1 in where


def test_discards(tmp_path):
    d = D.parse_discards([write(tmp_path, "d.txt", "# c\n+TYPHOON  # story\nBASEBALL\nAFRICAN NATIONS CUP\n")])
    toks = ["A", "TYPHOON", "HIT"]
    assert d.index.match_at(toks, 1)[1] == ("story", "TYPHOON")
    toks = ["THE", "AFRICAN", "NATIONS", "CUP"]
    assert d.index.match_at(toks, 1)[1][0] == "sentence"
    assert len(d) == 3


def test_real_dictionaries_load(tmp_path):
    ref = _reference_dir()
    v = D.parse_verbs([ref / "CAMEO.2.0.txt"])
    assert v.pattern_count > 4000
    assert len(v.transformations) >= 5
    assert all(p.line for p in v.problems)


def _reference_dir() -> Path:
    repo = Path(__file__).resolve().parents[2]
    shared = repo.parent / "shared" / "reference" / "petrarch_dictionaries"
    for cand in (repo / "coding_schemes" / "dictionaries", shared):
        if (cand / "CAMEO.2.0.txt").is_file():
            return cand
    pytest.skip("CAMEO dictionaries not available")


def test_cache_roundtrip_and_unwritable_dir(tmp_path, monkeypatch):
    src = write(tmp_path, "v.txt", VERBS)
    cache = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(cache))
    v1 = D.load_verbs([src])
    files = list(cache.glob("verbs-*.pkl"))
    assert len(files) == 1
    v2 = D.load_verbs([src])
    assert v2.pattern_count == v1.pattern_count
    # a changed file gets a new key
    src.write_text(VERBS + "\n--- EXTRA [010] ---\nEXTRA\n", encoding="utf-8")
    v3 = D.load_verbs([src])
    assert "EXTRA" in v3.blocks
    assert len(list(cache.glob("verbs-*.pkl"))) == 2
    # an unwritable cache directory is ignored
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(ro / "sub"))
    try:
        assert D.load_verbs([src]).pattern_count == v3.pattern_count
    finally:
        os.chmod(ro, stat.S_IRWXU)


def test_missing_file_raises_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError):
        D.load_actors([tmp_path / "nope.txt"])


def test_dates():
    assert str(D.parse_date("950601")) == "1995-06-01"
    assert str(D.parse_date("100201")) == "2010-02-01"
    assert str(D.as_date("2021-12-06")) == "2021-12-06"
    assert D.parse_date("2004017") is None


def test_garbage_lines_never_crash(tmp_path):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = ["---", "[", "]", "{", "}", "(", ")", "+", "-", "~", "&X", "!P!", "=", "*", "$", "%", "^", "_",
              "ABC", "DEF", "010", ":", "<", ">", "19950101", "#", "<!--", "-->", " ", "\t", ",", "\u00e9"]
    lines = st.lists(st.lists(st.sampled_from(pieces), max_size=8).map("".join), max_size=12)

    @settings(max_examples=60, deadline=None)
    @given(lines)
    def run(ls):
        p = tmp_path / "g.txt"
        p.write_text("\n".join(ls), encoding="utf-8")
        for parse in (D.parse_verbs, D.parse_actors, D.parse_agents, D.parse_discards):
            obj = parse([p])
            assert all(isinstance(pr.line, int) for pr in obj.problems)

    run()


def test_a_macro_that_refers_to_itself_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "loop.agents.txt"
    path.write_text("!P! = SOLDIER, !P!S\n!P! [~MIL]\nPOLICE [~COP]\n", encoding="utf-8")
    d = D.parse_agents([path])
    assert [e.name for e in d.entries] == ["POLICE"]
    assert any(p.line == 2 and "refers to itself" in p.message for p in d.problems)
