"""Malformed PETRARCH dictionaries are reported, each problem at its file:line, by ``scheme validate``.

Every dictionary here is invented for the test. A problem is an error when the file cannot be trusted or
codes nothing (binary, NUL bytes, a macro that refers to itself, no readable entry, mostly unreadable); a
line skipped in a file that otherwise works is a warning. The built-in schemes have no error.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from eventcoder.cli import main
from eventcoder.core import dictionaries as D
from eventcoder.core import schemes
from eventcoder.core.errors import DictionaryError
from eventcoder.core.schemes import BUILTIN_DIR, load_scheme, validate_scheme_file

DATA = Path(__file__).resolve().parents[1] / "data"

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 3

REALMS = """\
# realms of the west
GONDOR [GON]
+MINAS_TIRITH
ROHAN [ROH
+EDORAS
ARNOR [ARN]
+FORNOST
"""

LOOP_AGENTS = """\
!RANK! = CAPTAIN, !GRADE!
!GRADE! = MARSHAL, !RANK!_OF_THE_GUARD
!SELF! = WARDEN, !SELF!S
TOWER_!RANK! [~MIL]
GATE_!SELF! [~COP]
STEWARD [~GOV]
HIGH_!PERSON! [~ELI]
!PERSON! = LORD, LADY
HIGH_!PERSON! [~ELI]
"""

NUL_DISCARDS = "LONGBOTTOM LEAF FAIR\n+DRAGON RACE\nHOBBIT\x00 GARDENING SHOW\nPIPEWEED MARKET\n"

VERBS = """\
--- PARLEY [010] ---
PARLEY
PARLEYED
- * WITH + [0101
- * TOWARD + [046]
--- ASSAIL [190] ---
ASSAIL
- * + (AT DAWN) [195]
"""


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def scheme_file(directory: Path, dictionaries: str, name: str = "middle-earth.yaml") -> Path:
    text = textwrap.dedent(
        """\
        name: Middle-earth
        version: "1"
        event_types:
          - {code: "010", label: Parley}
          - {code: "0101", label: Parley with, parent: "010"}
          - {code: "046", label: Approach}
          - {code: "190", label: Assail}
        dictionaries:
        """
    ) + textwrap.indent(textwrap.dedent(dictionaries), "  ")
    return write(directory, name, text)


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def at(problems, path: Path, line: int | None) -> list:
    return [p for p in problems if p.file == str(path) and p.line == line]


# ------------------------------------------------------------------ the readers


def test_binary_file_is_an_error_not_garbage_lines(tmp_path):
    path = write(tmp_path, "blob.actors.txt", BINARY)
    with pytest.raises(DictionaryError) as caught:
        D.parse_actors([path])
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.severity) == (str(path), None, D.ERROR)
    assert "binary file" in problem.message


def test_utf16_without_byte_order_mark_is_binary_with_a_hint_and_with_one_is_read(tmp_path):
    bare = write(tmp_path, "bare.actors.txt", "GONDOR [GON]\nROHAN [ROH]\n".encode("utf-16-le"))
    with pytest.raises(DictionaryError, match="UTF-16 without a byte order mark"):
        D.parse_actors([bare])
    marked = write(tmp_path, "marked.actors.txt", "GONDOR [GON]\nROHAN [ROH]\n".encode("utf-16"))
    actors = D.parse_actors([marked])
    assert actors.lookup("Rohan").resolve() == ["ROH"] and actors.problems == []


def test_a_utf8_byte_order_mark_does_not_spoil_the_first_line(tmp_path):
    path = write(tmp_path, "v.txt", b"\xef\xbb\xbf--- PARLEY [010] ---\nPARLEY\n")
    verbs = D.parse_verbs([path])
    assert "PARLEY" in verbs.blocks and verbs.problems == []


def test_unbalanced_bracket_is_named_and_the_synonyms_of_the_skipped_actor_go_with_it(tmp_path):
    path = write(tmp_path, "realms.actors.txt", REALMS)
    actors = D.parse_actors([path])
    [bracket] = at(actors.problems, path, line_of(REALMS, "ROHAN [ROH"))
    assert "unbalanced brackets: '[' is never closed" in bracket.message
    assert bracket.severity == D.WARNING
    [orphan] = at(actors.problems, path, line_of(REALMS, "+EDORAS"))
    assert f"skipped at line {bracket.line}" in orphan.message
    assert actors.lookup("Edoras") is None  # not coded as Gondor, the actor before the broken line
    assert actors.lookup("Fornost").resolve() == ["ARN"]


DATED = """\
GONDOR [GON]
ROHAN [ROH 2020x]
ARNOR
\t[ARN 20201301-20211231]
MORDOR [MOR <3019x] [MOR]
ERIADOR [ERI]
HARAD [HAR 30190101-3019]
"""


def test_a_bad_date_is_one_warning_at_its_line_and_its_actor_takes_no_other_actors_code(tmp_path):
    """An actor whose only code has an unreadable date is one warning, at the code's line, saying the code and the
    actor were skipped (not a second "has no code" one); the next actor's code is not taken for it."""
    path = write(tmp_path, "dated.actors.txt", DATED)
    actors = D.parse_actors([path])
    shown = sorted(str(p) for p in actors.problems)
    assert shown == sorted([
        f"{path}:2: unknown date restriction in [ROH 2020x]; actor 'ROHAN' has no other code: skipped",
        f"{path}:4: bad date range in [ARN 20201301-20211231]; actor 'ARNOR' has no other code: skipped",
        f"{path}:5: bad date in [MOR <3019x]; skipped",  # the actor has its other code
        f"{path}:7: bad date range in [HAR 30190101-3019]; actor 'HARAD' has no other code: skipped",
    ])
    assert actors.lookup("Rohan") is None and actors.lookup("Arnor") is None and actors.lookup("Harad") is None
    assert actors.lookup("Mordor").resolve() == ["MOR"] and actors.lookup("Eriador").resolve() == ["ERI"]
    assert actors.lookup("Gondor").resolve() == ["GON"]


def test_nul_byte_is_an_error_at_its_line_and_the_other_lines_are_read(tmp_path):
    path = write(tmp_path, "nul.discards.txt", NUL_DISCARDS)
    discards = D.parse_discards([path])
    [nul] = discards.problems
    assert (nul.file, nul.line, nul.severity) == (str(path), 3, D.ERROR)
    assert "NUL byte" in nul.message
    assert len(discards) == 3


def test_macros_that_loop_are_errors_where_defined_and_their_agents_are_skipped(tmp_path):
    path = write(tmp_path, "loop.agents.txt", LOOP_AGENTS)
    agents = D.parse_agents([path])
    loop = at(agents.problems, path, line_of(LOOP_AGENTS, "!GRADE! = "))
    assert [p.severity for p in loop] == [D.ERROR]
    assert "!GRADE! -> !RANK! -> !GRADE!" in loop[0].message
    [itself] = at(agents.problems, path, line_of(LOOP_AGENTS, "!SELF! = "))
    assert itself.severity == D.ERROR and "macro !SELF! refers to itself (!SELF! -> !SELF!)" in itself.message
    for fragment in ("TOWER_!RANK!", "GATE_!SELF!"):
        [use] = at(agents.problems, path, line_of(LOOP_AGENTS, fragment))
        assert use.severity == D.WARNING and "refers to itself" in use.message and use.message.endswith("skipped")
    [unknown] = at(agents.problems, path, line_of(LOOP_AGENTS, "HIGH_!PERSON!"))
    assert "unknown macro !PERSON!" in unknown.message
    assert agents.lookup("steward").code == "GOV"
    assert agents.lookup("high lady").code == "ELI"  # the line after the macro's definition is read


def test_latin1_file_is_read_with_a_warning_at_the_first_undecodable_line(tmp_path):
    path = write(tmp_path, "west.actors.txt", "GONDOR [GON]\nARNOR [ARN]\nANN\xdaMINAS [ARN]\n".encode("latin-1"))
    actors = D.parse_actors([path])
    [warning] = actors.problems
    assert (warning.line, warning.severity, warning.skipped) == (3, D.WARNING, False)
    assert "not UTF-8" in warning.message
    assert actors.lookup("Ann\u00faminas").resolve() == ["ARN"]


def test_cached_problems_name_the_files_read_now(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    first = write(tmp_path / "one", "realms.actors.txt", REALMS)
    second = write(tmp_path / "two", "realms.actors.txt", REALMS)
    assert {p.file for p in D.load_actors([first]).problems} == {str(first)}
    assert {p.file for p in D.load_actors([second]).problems} == {str(second)}  # same key, other place


# ------------------------------------------------------------------ one kind, file-level checks


def test_file_level_checks(tmp_path):
    empty = write(tmp_path, "empty.agents.txt", "# nothing here yet\n")
    broken = write(tmp_path, "broken.agents.txt", "WARDEN [~COP\nCAPTAIN {CAPTAINS\n")
    mostly = write(tmp_path, "mostly.agents.txt", "WARDEN [~COP]\nCAPTAIN\nMARSHAL [MIL]\n")
    fine = write(tmp_path, "fine.agents.txt", "WARDEN [~COP]\nCAPTAIN [~MIL]\nMARSHAL\n")
    problems = D.dictionary_problems("agents", [empty, broken, mostly, fine])
    errors = {(p.file, p.line): p.message for p in problems if p.is_error}
    assert "holds no agent entry" in errors[(str(empty), None)]
    assert "no line of the file could be read (2 skipped)" in errors[(str(broken), None)]
    assert "2 of 3 lines could not be read" in errors[(str(mostly), None)]
    assert all(p.file != str(fine) or not p.is_error for p in problems)
    assert at(problems, fine, 3)[0].severity == D.WARNING


def test_verb_dictionaries_without_a_verb_are_an_error(tmp_path):
    synsets = write(tmp_path, "synsets.txt", "&WEAPON\n+SWORD\n+SPEAR\n")
    [problem] = D.dictionary_problems("verbs", [synsets])
    assert problem.is_error and "hold no verb" in problem.message
    headless = write(tmp_path, "headless.txt", "--- PARLEY [010] ---\n- * WITH + [0101]\n")
    found = D.dictionary_problems("verbs", [headless])
    assert [p.line for p in found if not p.is_error] == [1]  # the block has no verb: its pattern never matches
    assert any(p.is_error and "hold no verb" in p.message for p in found)


def test_a_synset_that_refers_to_itself_is_an_error(tmp_path):
    text = "&BLADE\n+SWORD\n+&EDGE\n&EDGE\n+&BLADE\n--- WIELD [190] ---\nWIELD\n- * &BLADE [190]\n"
    path = write(tmp_path, "v.txt", text)
    [loop] = [p for p in D.parse_verbs([path]).problems if p.is_error]
    assert loop.line == 5 and "&BLADE -> &EDGE -> &BLADE" in loop.message


# ------------------------------------------------------------------ a scheme: scheme validate


@pytest.fixture
def malformed(tmp_path):
    d = tmp_path / "dicts"
    files = {
        "verbs": write(d, "parley.verbs.txt", VERBS),
        "blob": write(d, "blob.actors.txt", BINARY),
        "realms": write(d, "realms.actors.txt", REALMS),
        "loop": write(d, "loop.agents.txt", LOOP_AGENTS),
        "nul": write(d, "nul.discards.txt", NUL_DISCARDS),
    }
    scheme = scheme_file(
        tmp_path,
        """\
        verbs: [dicts/parley.verbs.txt]
        actors: [dicts/blob.actors.txt, dicts/realms.actors.txt]
        agents: [dicts/loop.agents.txt]
        discards: [dicts/nul.discards.txt]
        agents_inline:
          - "RANGER [~MIL]"
          - "SHIRRIFF [~COP}"
        """,
    )
    return scheme, files


def test_validate_lists_each_dictionary_problem_at_its_file_and_line(malformed):
    scheme, f = malformed
    check = schemes.check_scheme_file(scheme)
    assert not check.ok
    errors = {(p.file, p.line) for p in check.errors}
    assert (str(f["blob"]), None) in errors  # binary
    assert (str(f["nul"]), 3) in errors  # NUL byte
    assert (str(f["loop"]), line_of(LOOP_AGENTS, "!GRADE! = ")) in errors  # macro loop
    assert (str(f["loop"]), line_of(LOOP_AGENTS, "!SELF! = ")) in errors  # macro that refers to itself
    warnings = {(p.file, p.line): p.message for p in check.warnings}
    assert "unbalanced brackets" in warnings[(str(f["realms"]), line_of(REALMS, "ROHAN [ROH"))]
    assert "unbalanced brackets" in warnings[(str(f["verbs"]), line_of(VERBS, "[0101"))]
    assert "code [195] is not an event type of Middle-earth" in warnings[(str(f["verbs"]), line_of(VERBS, "[195]"))]
    # an inline entry's problem is located at the scheme line that wrote it
    inline_line = line_of(scheme.read_text(), "SHIRRIFF")
    assert warnings[(str(scheme.resolve()), inline_line)].startswith("agents_inline entry 2: cannot read agent line")
    # the binary file hides nothing of the actor file read after it
    assert any(p.file == str(f["realms"]) for p in check.warnings)
    # validate_scheme_file (what `scheme validate` prints) lists the errors; the scheme itself still loads
    assert validate_scheme_file(scheme) == check.errors
    assert load_scheme(scheme).name == "Middle-earth"


def test_scheme_validate_exits_1_and_prints_file_and_line(malformed, capsys):
    scheme, f = malformed
    assert main(["scheme", "validate", str(scheme)]) == 1
    err = capsys.readouterr().err
    assert f"{f['nul']}:3: NUL byte" in err
    assert f"{f['blob']}: binary file" in err
    assert f"{f['loop']}:{line_of(LOOP_AGENTS, '!SELF! = ')}: macro !SELF! refers to itself" in err


def test_a_scheme_whose_dictionaries_code_nothing_is_not_ok(tmp_path):
    write(tmp_path, "dicts/v.txt", "&WEAPON\n+SWORD\n")
    write(tmp_path, "dicts/a.txt", "GONDOR\nROHAN\n")  # names without a code
    scheme = scheme_file(tmp_path, "verbs: [dicts/v.txt]\nactors: [dicts/a.txt]\n")
    messages = [p.message for p in validate_scheme_file(scheme)]
    assert any("hold no verb" in m for m in messages)
    assert any("it codes nothing" in m for m in messages)


def test_report_for_the_window(malformed):
    scheme, _files = malformed
    report = load_scheme(scheme).dictionary_report()
    assert not report.ok
    assert report.summary() == f"dictionaries: {len(report.errors)} errors, {len(report.warnings)} warnings"
    lines = report.lines(limit=3)
    assert len(lines) == 4 and lines[-1] == f"... and {len(report.problems) - 3} more"
    assert all(line.startswith("error: ") for line in lines[:3])  # errors come first
    assert D.scheme_dictionary_report(load_scheme(scheme)) is report  # remembered while the files are unchanged


# ------------------------------------------------------------------ the built-in schemes


def test_builtin_schemes_have_no_dictionary_error_and_their_oddities_are_warnings():
    for name in ("cameo", "plover"):
        check = schemes.check_scheme_file(BUILTIN_DIR / f"{name}.yaml")
        assert check.errors == []
        assert check.warnings and all(p.line for p in check.warnings)
        agents = str(BUILTIN_DIR / "dictionaries" / "Phoenix.agents.txt")
        [odd] = [p for p in check.warnings if p.file == agents and p.line == 544]  # "[~ENV}" in the MIT file
        assert "unbalanced brackets: '[' closed by '}'" in odd.message
    assert schemes.check_scheme_file(DATA / "petr_validate.yaml").errors == []
    assert D.scheme_dictionary_report(load_scheme("cameo")).ok
