"""Caches keyed by the content of every file they depend on: a scheme's content hash covers its dictionary files,
and the compiled-dictionary cache is keyed by the content of the files read and of the code that builds them --
editing a dictionary (or that code) invalidates both, with nobody bumping a version."""

from __future__ import annotations

import shutil

from eventcoder.core import dictionaries as D
from eventcoder.core import pipeline
from eventcoder.core.schemes import load_scheme

SENTENCE = "Zorvan Kettel criticised the Chinese foreign ministry."


def _scheme_copy(tmp_path):
    """A scheme that extends CAMEO with an actors file of its own, in a folder of its own."""
    folder = tmp_path / "scheme"
    folder.mkdir()
    (folder / "own.actors.txt").write_text("AMIRA_TOLVEND [PRTGOV]\n", encoding="utf-8")
    (folder / "own.yaml").write_text(
        'name: OWN\nversion: "1"\ndescription: CAMEO with an actors file of its own.\nextends: cameo\n'
        'dictionaries:\n  actors: ["@base", own.actors.txt]\n', encoding="utf-8")
    return folder


def test_editing_a_dictionary_file_gives_a_new_scheme_hash_a_rebuilt_cache_and_the_new_entry(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(cache))
    folder = _scheme_copy(tmp_path)
    before = load_scheme(folder / "own.yaml")
    assert load_scheme(folder / "own.yaml").content_hash == before.content_hash  # stable while nothing changes
    coded = pipeline.rules_coder(before).code_text(SENTENCE)
    assert [s.code for s in coded.spans if s.text == "Zorvan Kettel"] == [None]
    actor_pickles = set(cache.glob("actors-*.pkl"))
    assert len(actor_pickles) == 1

    yaml_bytes = (folder / "own.yaml").read_bytes()
    with open(folder / "own.actors.txt", "a", encoding="utf-8") as fh:
        fh.write("ZORVAN_KETTEL [NORGOV]\n")
    after = load_scheme(folder / "own.yaml")
    assert after.content_hash != before.content_hash  # the YAML is the same; its dictionary is not
    assert (folder / "own.yaml").read_bytes() == yaml_bytes
    coder = pipeline.rules_coder(after)
    assert coder is not pipeline.rules_coder(before)
    new_pickles = set(cache.glob("actors-*.pkl")) - actor_pickles
    assert len(new_pickles) == 1  # compiled again, under a new key
    coded = coder.code_text(SENTENCE)
    assert [s.code for s in coded.spans if s.text == "Zorvan Kettel"] == ["NORGOV"]
    assert [(e.event_code, e.source_code, e.target_code) for e in coded.events] == [("111", "NORGOV", "CHNGOV")]


def test_a_copy_of_a_scheme_with_an_edited_dictionary_is_another_scheme(tmp_path):
    cameo = load_scheme("cameo")
    copy = tmp_path / "cameo"
    shutil.copytree(cameo.path.parent, copy, ignore=shutil.ignore_patterns("plover.yaml", "README.md"))
    same = load_scheme(copy / "cameo.yaml")
    assert same.content_hash == cameo.content_hash  # same YAML and dictionary contents, another folder
    agents = copy / "dictionaries" / "Phoenix.agents.txt"
    agents.write_bytes(agents.read_bytes() + b"\nPEACE_ENVOY [~GOV]\n")
    assert load_scheme(copy / "cameo.yaml").content_hash != cameo.content_hash


def test_the_dictionary_cache_key_covers_the_files_and_the_code_that_builds_them(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(cache))
    path = tmp_path / "a.actors.txt"
    path.write_text("GONDOR [GON]\n", encoding="utf-8")
    key = D.file_sha256([path])
    assert D.load_actors([path]).lookup("Gondor").resolve(None) == ["GON"]
    assert {p.name for p in cache.glob("actors-*.pkl")} == {f"actors-{key[:40]}.pkl"}
    # other code that builds dictionaries: another key, the pickle of the old code is not used
    monkeypatch.setattr(D.cache, "CODE_HASH", "another version of the dictionaries package")
    assert D.file_sha256([path]) != key
    assert D.load_actors([path]).lookup("Gondor").resolve(None) == ["GON"]
    assert len(list(cache.glob("actors-*.pkl"))) == 2
    # the key is the content: the same bytes under another folder share it
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(path, other / path.name)
    assert D.file_sha256([other / path.name]) == D.file_sha256([path])
    # the code hash is the content of every module of the package that reads and compiles the dictionaries
    import hashlib
    from pathlib import Path

    modules = sorted(Path(D.__file__).parent.glob("*.py"))
    assert {"verbs.py", "actors.py", "agents.py", "discards.py", "phrases.py", "files.py", "cache.py"} <= {
        m.name for m in modules
    }
    expected = hashlib.sha256(D.CODE_VERSION.encode())
    for module in modules:
        expected.update(module.name.encode() + b"\0" + module.read_bytes())
    assert D._code_hash() == expected.hexdigest()


def test_a_cache_file_of_older_code_is_removed_when_a_new_one_is_written(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / "actors-dict-12-0123456789abcdef0123456789abcdef.pkl"  # named as CODE_VERSION named them
    old.write_bytes(b"stale")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(cache))
    path = tmp_path / "a.actors.txt"
    path.write_text("GONDOR [GON]\n", encoding="utf-8")
    D.load_actors([path])
    assert not old.exists()
    assert len(list(cache.glob("actors-*.pkl"))) == 1
