"""Coding schemes: the built-in CAMEO and PLOVER files, lookups, ``extends`` and every validation error."""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.core import schemes
from eventcoder.core.errors import Problem, SchemeError
from eventcoder.core.schemes import (
    BUILTIN_DIR,
    CodingScheme,
    RoleSpec,
    builtin_scheme_names,
    load_scheme,
    validate_scheme_file,
)

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture(scope="module")
def cameo() -> CodingScheme:
    return load_scheme("cameo")


@pytest.fixture(scope="module")
def plover() -> CodingScheme:
    return load_scheme("PLOVER")


def write(tmp_path: Path, text: str, name: str = "scheme.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    found = validate_scheme_file(path)
    with pytest.raises(SchemeError) as caught:
        load_scheme(path)
    assert caught.value.problems == found
    return found


# ------------------------------------------------------------------ built-ins


def test_builtin_names_and_dir():
    assert builtin_scheme_names() == ["cameo", "plover"]
    assert BUILTIN_DIR == REPO / "coding_schemes"


def test_builtins_are_valid():
    for name in builtin_scheme_names():
        assert validate_scheme_file(BUILTIN_DIR / f"{name}.yaml") == []


def test_cameo_counts_and_string_codes(cameo):
    assert cameo.name == "CAMEO"
    assert len(cameo.event_types) == 311
    assert len(cameo.roots()) == 20
    assert all(isinstance(code, str) for code in cameo.event_types)
    assert [r.code for r in cameo.roots()][:3] == ["01", "02", "03"]
    assert "010" in cameo.event_types and "10" in cameo.event_types
    assert cameo.label("010") != cameo.label("10")
    assert cameo.event_type("010").parent == "01"
    assert cameo.event_type("10").parent is None
    assert cameo.event_type(10) is None  # an int is never a code
    assert cameo.event_type("0211").level == 3
    assert cameo.score_name == "goldstein"


def test_cameo_lookups(cameo):
    assert cameo.root("1312") == "13"
    assert cameo.root("13") == "13"
    assert cameo.root("999") is None
    assert cameo.label("1312") == "Threaten to boycott, embargo, or sanction"
    assert cameo.label("04") == "Consult"
    assert cameo.score("1312") == -5.8
    assert cameo.score("19") == -10.0
    assert cameo.score("nope") is None
    assert cameo.default_quad_convention == "gdelt"
    assert cameo.quad_class("14") == 3
    assert cameo.quad_class("14", "phoenix") == 4
    assert cameo.quad_class("01", "phoenix") == 0
    assert cameo.quad_class("01", "nosuch") is None
    assert [c.code for c in cameo.children("02")][:2] == ["020", "021"]
    assert [c.code for c in cameo.children("021")] == ["0211", "0212", "0213", "0214"]
    assert cameo.roles_for("0211") == (RoleSpec("source", True), RoleSpec("target", False),
                                       RoleSpec("location", False))
    assert cameo.modes_for("04") == ()
    assert cameo.event_type("1312").colour == cameo.event_type("13").colour  # inherited


def test_cameo_actors_and_dictionaries(cameo):
    assert cameo.actor_codes["RUS"].kind == "country"
    assert cameo.actor_codes["GOV"].kind == "role"
    assert cameo.actor_codes["IGO"].kind == "nonstate"
    assert all(a.name for a in cameo.actor_codes.values())  # blank role names were filled
    assert "imam" in cameo.actor_codes["HIN"].description.lower() or cameo.actor_codes["HIN"].description
    # the MIT PETRARCH files, then the project's own news additions (coding_schemes/dictionaries/ORIGIN.md)
    assert [p.name for p in cameo.dictionaries["verbs"]] == ["CAMEO.2.0.txt", "EventCoder.news.verbs.txt"]
    assert [p.name for p in cameo.dictionaries["actors"]][3:] == ["EventCoder.news.actors.txt",
                                                             "EventCoder.bodies.actors.txt"]
    assert all(p.is_absolute() and p.is_file() for ps in cameo.dictionaries.values() for p in ps)
    assert set(cameo.span_labels) >= {"actor", "trigger", "location"}
    assert cameo.relation_types["same_as"].symmetric
    assert not cameo.relation_types["member_of"].symmetric


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("RUSGOV", ("RUS", "GOV")),
        ("GOV", (None, "GOV")),
        ("USAMILREB", ("USA", "MILREB")),
        ("USA", ("USA", None)),
        ("IGOUNO", ("IGO", "UNO")),
        ("rusmil", ("RUS", "MIL")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_actor(cameo, code, expected):
    assert cameo.split_actor(code) == expected


def test_actor_kind(cameo):
    assert cameo.actor_kind("RUSGOV") == "country"
    assert cameo.actor_kind("MIL") == "role"
    assert cameo.actor_kind("NGO") == "nonstate"
    assert cameo.actor_kind("QQQZZZ") == "unknown"
    assert cameo.actor_kind(None) == "unknown"


def test_plover(plover):
    assert len(plover.event_types) == 16
    assert len(plover.roots()) == 16
    assert plover.score_name == "plover_score"
    assert plover.score("AID") == 10.0
    assert plover.score("CONSULT", mode="visit") == 4.0
    assert plover.quad_class("AGREE") == 1 and plover.quad_class("ASSAULT") == 4
    assert plover.default_quad_convention == "plover"
    assert plover.roles_for("AID") == (RoleSpec("source", True), RoleSpec("target", True), RoleSpec("location", False))
    assert plover.roles_for("AGREE") == (RoleSpec("source", True), RoleSpec("target", False),
                                         RoleSpec("location", False))
    assert plover.modes_for("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert plover.attributes["mode"].per_type["CONSULT"] == plover.modes_for("CONSULT")
    assert plover.attributes["context"].multiple
    assert "economic" in plover.attributes["context"].values
    assert plover.attributes["auxiliary_mode"].values == ("historical", "future", "hypothetical", "negation")
    assert plover.actor_codes["CVL"].kind == "role"
    assert plover.split_actor("INDGOV") == ("IND", "GOV")
    assert len({e.shortcut for e in plover.event_types.values()}) == 16


def test_plover_aliases(plover):
    assert plover.resolve_alias("YIELD") == ("CONCEDE", "RETREAT")
    assert plover.resolve_alias("DEMAND") == ("REQUEST",)
    assert plover.resolve_alias("DISAPPROVE") == ("ACCUSE",)
    assert plover.resolve_alias("INVESTIGATE") == ("ACCUSE",)
    assert plover.resolve_alias("FIGHT") == ("ASSAULT",)
    assert plover.resolve_alias("AGREE") == ("AGREE",)
    assert plover.resolve_alias("NOPE") == ()


def test_plover_cameo_mapping(cameo, plover):
    assert plover.from_cameo("04") == ("CONSULT", None)
    assert plover.from_cameo("042") == ("CONSULT", "visit")
    assert plover.from_cameo("1323") == ("THREATEN", "restrict")  # from its ancestor 132
    assert plover.from_cameo("0871") == ("CONCEDE", None)
    assert plover.from_cameo("010") is None  # public statements have no PLOVER type
    assert plover.from_cameo("99") is None and plover.from_cameo(None) is None
    mapped = {plover.from_cameo(code) for code in cameo.event_types} - {None}
    assert {t for t, _m in mapped} == set(plover.event_types)
    assert all(m is None or m in plover.modes_for(t) for t, m in mapped)
    assert cameo.from_cameo("04") is None


def test_as_dict_is_json(cameo, plover):
    for scheme in (cameo, plover):
        data = json.loads(json.dumps(scheme.as_dict()))
        assert data["name"] == scheme.name
        assert data["counts"]["event_types"] == len(scheme.event_types)
        assert data["content_hash"] == scheme.content_hash


def test_content_hash_is_yaml_and_dictionary_sha256(cameo):
    import hashlib

    from eventcoder.core.schemes import content_hash

    yaml_sha = hashlib.sha256((BUILTIN_DIR / "cameo.yaml").read_bytes()).hexdigest()
    assert cameo.content_hash == content_hash(yaml_sha, cameo.dictionaries)
    assert cameo.content_hash != yaml_sha  # its dictionary files count too (tests/core/test_content_caches.py)
    assert content_hash(yaml_sha, {}) == yaml_sha


def test_unknown_name():
    with pytest.raises(SchemeError, match="no such scheme"):
        load_scheme("nosuchscheme")


def test_a_folder_given_as_the_scheme_file_is_said_to_be_one_with_the_file_to_give(tmp_path, capsys):
    """``scheme validate FOLDER`` (and ``--scheme FOLDER``) says the path is a folder, not "no such scheme file",
    and names the scheme file to give when the folder holds exactly one."""
    from eventcoder.cli import main

    one, none, two = tmp_path / "mine", tmp_path / "empty", tmp_path / "two"
    for folder in (one, none, two):
        folder.mkdir()
    write(one, 'name: Mini\nevent_types:\n  - {code: "1", label: One}\n', "mini.yaml")
    (one / "dictionaries").mkdir()
    write(two, 'name: A\nevent_types:\n  - {code: "1", label: One}\n', "a.yaml")
    write(two, 'name: B\nevent_types:\n  - {code: "1", label: One}\n', "b.yml")
    assert main(["scheme", "validate", str(one)]) == 1
    err = capsys.readouterr().err
    assert f"{one}: is a folder, not a scheme file; give the scheme file in it: {one / 'mini.yaml'}" in err
    assert "no such scheme file" not in err
    assert main(["scheme", "validate", str(one / "mini.yaml")]) == 0  # the file it names is the one to give
    capsys.readouterr()
    assert main(["scheme", "validate", str(none)]) == 1
    assert f"{none}: is a folder, not a scheme file (it holds no .yaml scheme file)" in capsys.readouterr().err
    assert main(["scheme", "validate", str(two)]) == 1
    assert f"{two}: is a folder, not a scheme file; give one of its 2 scheme files (a.yaml, b.yml)" in \
        capsys.readouterr().err
    with pytest.raises(SchemeError, match="is a folder, not a scheme file; give the scheme file in it"):
        load_scheme(one)


def test_env_overrides_builtin_dir(tmp_path, monkeypatch):
    write(tmp_path, 'name: Mini\nevent_types:\n  - {code: "1", label: One}\n', "mini.yaml")
    monkeypatch.setenv("EVENTCODER_SCHEMES_DIR", str(tmp_path))
    assert builtin_scheme_names() == ["mini"]
    assert load_scheme("MINI").name == "Mini"


def test_built_files_match_reference(tmp_path):
    """cameo.yaml and plover.yaml are what tools/build_schemes.py makes from the reference data."""
    if not (REFERENCE / "cameo_codes.tsv").is_file():
        pytest.skip("shared reference data not available")
    spec = importlib.util.spec_from_file_location("build_schemes", REPO / "tools" / "build_schemes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_schemes"] = module
    spec.loader.exec_module(module)
    assert module.build_cameo(REFERENCE) == (BUILTIN_DIR / "cameo.yaml").read_text(encoding="utf-8")
    assert module.build_plover(REFERENCE) == (BUILTIN_DIR / "plover.yaml").read_text(encoding="utf-8")
    for source in (REFERENCE / "petrarch_dictionaries").iterdir():
        assert (BUILTIN_DIR / "dictionaries" / source.name).read_bytes() == source.read_bytes()


def test_core_never_imports_qt():
    source = "".join(p.read_text(encoding="utf-8") for p in Path(schemes.__file__).parent.glob("*.py"))  # the package
    assert "PySide" not in source and "Qt" not in source.replace("QuadConvention", "")


# ------------------------------------------------------------------ extends


def test_extends_cameo_adds_and_overrides(tmp_path, cameo):
    path = write(
        tmp_path,
        """
        name: PETR validation
        version: "1"
        extends: cameo
        event_types:
          - {code: "21", label: Test root 21, score: 1.5, quad_class: {gdelt: 1}}
          - {code: "211", parent: "21", label: Test child}
          - {code: "0101", parent: "010", label: Extra statement}
          - {code: "01", label: Say something}
        actor_codes:
          - {code: "ARN", name: Arnor, kind: country}
        """,
    )
    scheme = load_scheme(path)
    assert scheme.name == "PETR validation"
    assert len(scheme.event_types) == 311 + 3
    assert len(scheme.roots()) == 21
    assert scheme.label("01") == "Say something"
    assert scheme.score("01") == cameo.score("01")  # fields not given are inherited
    assert scheme.root("211") == "21" and scheme.score("21") == 1.5
    assert scheme.event_type("0101").level == 3
    assert scheme.quad_class("0101", "phoenix") == 0  # from its parent
    assert scheme.quad_class("211") == 1
    assert scheme.actor_codes["ARN"].kind == "country" and "RUS" in scheme.actor_codes
    assert scheme.split_actor("ARNGOV") == ("ARN", "GOV")
    assert scheme.dictionaries == cameo.dictionaries
    assert scheme.default_quad_convention == "gdelt"
    assert scheme.extends == "CAMEO"
    assert scheme.version == "1" and scheme.description == ""  # not inherited
    assert scheme.score_name == "goldstein"  # inherited
    assert scheme.path == path.resolve()
    assert scheme.content_hash != cameo.content_hash


def test_extends_relative_path_and_dictionaries(tmp_path):
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "verbs.txt").write_text("--- SAY [010] ---\n", encoding="utf-8")
    (tmp_path / "dicts" / "more.txt").write_text("", encoding="utf-8")
    (tmp_path / "child").mkdir()
    write(
        tmp_path,
        """
        name: Base
        roles: [{name: source, required: true}]
        event_types:
          - {code: "A", label: Alpha}
        dictionaries:
          verbs: [dicts/verbs.txt]
          actors_inline: ["ARNOR_ [ARN]"]
        """,
        "base.yaml",
    )
    child = write(
        tmp_path / "child",
        """
        name: Child
        extends: ../base.yaml
        event_types:
          - {code: "B", label: Beta, parent: "A"}
        dictionaries:
          verbs: ["@base", ../dicts/more.txt]
          actors_inline: ["GONDOR_ [GON]"]
        """,
        "child.yaml",
    )
    scheme = load_scheme(child)
    assert [p.name for p in scheme.dictionaries["verbs"]] == ["verbs.txt", "more.txt"]
    assert scheme.inline_dictionaries["actors"] == ["ARNOR_ [ARN]", "GONDOR_ [GON]"]
    assert scheme.roles_for("B") == (RoleSpec("source", True),)
    assert scheme.root("B") == "A"


def test_inline_entries_keep_where_they_were_written(tmp_path):
    base = write(
        tmp_path,
        """
        name: Base
        event_types:
          - {code: "A", label: Alpha}
        dictionaries:
          actors_inline:
            - "ARNOR_ [ARN]"
        """,
        "base.yaml",
    )
    child = write(
        tmp_path,
        """
        name: Child
        extends: base.yaml
        dictionaries:
          actors_inline: ["GONDOR_ [GON]", "ROHAN_ [ROH"]
        """,
        "child.yaml",
    )
    scheme = load_scheme(child)
    assert scheme.inline_dictionaries["actors"] == ["ARNOR_ [ARN]", "GONDOR_ [GON]", "ROHAN_ [ROH"]
    base_file, child_file = str(base.resolve()), str(child.resolve())
    assert scheme.inline_lines["actors"] == [(base_file, 6), (child_file, 4), (child_file, 4)]
    # a problem of an inline entry is reported at the scheme line that wrote it, counted in that file
    check = schemes.check_scheme_file(child)
    assert check.errors == []
    [warning] = check.warnings
    assert (warning.file, warning.line) == (child_file, 4)
    assert warning.message.startswith("actors_inline entry 2: cannot read actor line 'ROHAN_ [ROH'")


def test_extends_cycle_and_unknown(tmp_path):
    a = write(tmp_path, "name: A\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "name: B\nextends: a.yaml\n", "b.yaml")
    assert any("cycle" in p.message for p in problems_of(a))
    c = write(tmp_path, "name: C\n\nextends: nosuch\n", "c.yaml")
    assert [(p.line, "no scheme" in p.message) for p in problems_of(c)] == [(3, True)]


# ------------------------------------------------------------------ validation errors

CASES = {
    "unknown parent": (
        """
        name: T
        event_types:
          - code: "01"
            label: One
          - code: "011"
            label: Child
            parent: "09"
        """,
        7,
        "unknown parent '09'",
    ),
    "duplicate code": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
          - {code: "02", label: Two}
          - {code: "01", label: Again}
        """,
        5,
        "duplicate event type '01'",
    ),
    "code not a string (010)": (
        """
        name: T
        event_types:
          - code: 010
            label: Octal-looking
        """,
        3,
        "code must be a quoted string",
    ),
    "code not a string (10)": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
          - {code: 10, label: Ten}
        """,
        4,
        "code must be a quoted string",
    ),
    "code not a string (019)": (
        """
        name: T
        event_types:
          - {code: 019, label: Nineteen}
        """,
        3,
        "code must be a quoted string",
    ),
    "bad colour": (
        """
        name: T
        event_types:
          - code: "01"
            label: One
            colour: red
        """,
        5,
        "must be a colour written #rrggbb",
    ),
    "shortcut clash between codes": (
        """
        name: T
        event_types:
          - {code: "01", label: One, shortcut: "k"}
          - {code: "02", label: Two, shortcut: "K"}
        """,
        4,
        "shortcut 'K' of event type '02' is already used by event type '01'",
    ),
    "shortcut clash with a span label": (
        """
        name: T
        span_labels:
          - {layer: actor, label: Actor, shortcut: "a"}
        event_types:
          - {code: "01", label: One, shortcut: "a"}
        """,
        5,
        "already used by span label 'actor'",
    ),
    "event type without label": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
          - code: "02"
            score: 1.0
        """,
        4,
        "event type '02' is missing required field 'label'",
    ),
    "event type without code": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
          - label: No code
        """,
        4,
        "missing required field 'code'",
    ),
    "scheme without name": (
        """
        version: "1"
        event_types:
          - {code: "01", label: One}
        """,
        1,
        "scheme is missing required field 'name'",
    ),
    "unknown role name": (
        """
        name: T
        roles:
          - {name: source, required: true}
          - {name: victim, required: false}
        event_types:
          - {code: "01", label: One}
        """,
        4,
        "unknown role name 'victim'",
    ),
    "unknown role name in an event type": (
        """
        name: T
        event_types:
          - code: "01"
            label: One
            roles:
              - {name: target, required: true}
              - name: agent
        """,
        7,
        "unknown role name 'agent'",
    ),
    "unknown alias target": (
        """
        name: T
        event_types:
          - {code: "AGREE", label: Agree}
        aliases:
          ACCEPT: AGREE
          YIELD: [AGREE, RETREAT]
        """,
        6,
        "unknown target event type 'RETREAT'",
    ),
    "dictionary path does not exist": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
        dictionaries:
          verbs:
            - nosuch/verbs.txt
        """,
        6,
        "dictionary file not found: nosuch/verbs.txt",
    ),
    "unknown quad class convention": (
        """
        name: T
        quad_class_conventions:
          - {name: gdelt, default: true}
        event_types:
          - {code: "01", label: One, quad_class: {gdlt: 1}}
        """,
        5,
        "unknown quad class convention 'gdlt'",
    ),
    "unknown field": (
        """
        name: T
        event_types:
          - code: "01"
            label: One
            color: "#ff0000"
        """,
        5,
        "unknown field 'color'",
    ),
    "unknown actor kind": (
        """
        name: T
        actor_codes:
          - {code: "RUS", name: Russia, kind: country}
          - {code: "XXX", name: Thing, kind: planet}
        """,
        4,
        "unknown kind 'planet'",
    ),
    "cameo_mapping to an unknown mode": (
        """
        name: T
        event_types:
          - {code: "CONSULT", label: Consult, modes: [visit]}
        cameo_mapping:
          "04": CONSULT
          "042": {type: CONSULT, mode: visit}
          "043": {type: CONSULT, mode: hosting}
        """,
        7,
        "CONSULT has no mode 'hosting'",
    ),
    "cameo_mapping to an unknown type": (
        """
        name: T
        event_types:
          - {code: "CONSULT", label: Consult}
        cameo_mapping:
          "04": CONSULT
          "18": ASSAULT
        """,
        6,
        "unknown event type 'ASSAULT'",
    ),
    "YAML syntax error": (
        """
        name: T
        event_types:
          - {code: "01", label: One}
          - {code: "02", label: [unclosed}
        """,
        4,
        "YAML syntax error",
    ),
    "YAML syntax error (indentation)": (
        """
        name: T
        event_types:
          - code: "01"
           label: bad indent
        """,
        4,
        "YAML syntax error",
    ),
    "not a mapping": (
        """
        # a comment first
        - code: "01"
          label: One
        """,
        2,
        "must be a YAML mapping",
    ),
    "a scalar, not a mapping": ("just some words\n", 1, "must be a YAML mapping"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validation_error(tmp_path, case):
    text, line, message = CASES[case]
    path = write(tmp_path, text)
    found = problems_of(path)
    assert [(p.file, p.line) for p in found] == [(str(path), line)], found
    assert message in found[0].message
    assert f"{path}:{line}:" in str(found[0])


def test_every_problem_is_collected(tmp_path):
    path = write(
        tmp_path,
        """
        version: "1"
        event_types:
          - {code: 01, label: One}
          - {code: "02", label: Two, colour: "#12345"}
          - {code: "021", label: Child, parent: "03"}
          - {code: "02", label: Again}
        aliases:
          OLD: NEW
        """,
    )
    found = problems_of(path)
    assert sorted(p.line for p in found) == [1, 3, 4, 5, 6, 8]


def test_binary_file(tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_bytes(b"name: T\nversion: 1\n\x00\x01\x02")
    found = problems_of(path)
    assert [(p.line, "binary" in p.message) for p in found] == [(3, True)]


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"# only a comment\n", b"---\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "scheme.yaml"
    path.write_bytes(content)
    found = problems_of(path)
    assert len(found) == 1 and "empty" in found[0].message


def test_not_utf8(tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_bytes(b"name: T\ndescription: caf\xe9\n")
    found = problems_of(path)
    assert [(p.line, "UTF-8" in p.message) for p in found] == [(2, True)]


def test_deep_nesting_is_refused_not_a_crash(tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_text("name: T\ndescription: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    found = problems_of(path)
    assert [(p.line, "nest" in p.message) for p in found] == [(2, True)]  # ours, or PyYAML>=6.0.4 own limit


def test_missing_file(tmp_path):
    with pytest.raises(SchemeError):
        load_scheme(tmp_path / "absent.yaml")


# ------------------------------------------------------------------ fuzzing

FRAGMENTS = [
    "name: T",
    "version: 1",
    "description:",
    "extends: nosuch",
    "score_name: x",
    "event_types:",
    "actor_codes:",
    "span_labels:",
    "relation_types:",
    "attributes:",
    "aliases:",
    "dictionaries:",
    "roles:",
    "quad_class_conventions:",
    '  - code: "01"',
    "  - code: 010",
    "    label: One",
    '    parent: "0"',
    '    colour: "#ff00ff"',
    "    shortcut: a",
    "    score: x",
    "    quad_class: {a: 1}",
    "    roles: [{name: source}]",
    "    modes: [x, {name: y, score: 1}]",
    "  - {layer: actor, shortcut: a}",
    '  - {name: m, values: [a], per_type: {"01": [b]}}',
    '  OLD: ["01", NEW]',
    "  verbs: [x.txt]",
    '  actors_inline: ["A [B]"]',
    "  - name: gdelt",
    "    default: true",
    "    classes: {1: a}",
    "- x",
    "  -",
    "{",
    "]",
    ": :",
    "&a [*a]",
    "!!python/name:os",
    "x: 2001-13-45",
    "x: !!binary AAAA",
    "    - {name: source, required: maybe}",
    "\t",
    "",
]


def _check_load(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            scheme = load_scheme(path)
        except SchemeError as error:
            assert all(isinstance(p, Problem) for p in error.problems)
        else:
            assert isinstance(scheme, CodingScheme)
            json.dumps(scheme.as_dict())


_FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_give_scheme_or_scheme_error(data):
    _check_load(data)


@_FUZZ
@given(st.text(max_size=200))
def test_random_text_gives_scheme_or_scheme_error(text):
    _check_load(text.encode("utf-8", "surrogatepass"))


@_FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
def test_yaml_like_text_gives_scheme_or_scheme_error(lines):
    _check_load("\n".join(lines).encode("utf-8"))


def test_readme_examples_are_valid(tmp_path):
    """Each complete scheme in coding_schemes/README.md loads (dictionary files stubbed with one entry)."""
    import re

    stubs = {"verbs": "--- SAY [010] ---\nSAY\n", "agents": "MINISTER [~GOV]\n", "discards": "BASEBALL\n"}

    readme = (BUILTIN_DIR / "README.md").read_text(encoding="utf-8")
    examples = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("name:")]
    assert len(examples) >= 2
    for i, example in enumerate(examples):
        path = write(tmp_path, example, f"example{i}.yaml")
        for problem in validate_scheme_file(path):
            missing = problem.message.removeprefix("dictionary file not found: ")
            assert missing != problem.message, problem
            (tmp_path / missing).parent.mkdir(parents=True, exist_ok=True)
            stub = next((text for kind, text in stubs.items() if kind in missing), "ARNOR_ [ARN]\n")
            (tmp_path / missing).write_text(stub, encoding="utf-8")
        assert validate_scheme_file(path) == []
        assert load_scheme(path).name
