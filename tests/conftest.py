"""Shared fixtures. Qt tests live in tests/app and set QT_QPA_PLATFORM there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EVENTCODER_ANNOTATOR", "tester")


def _private_env(name: str, folder) -> object:
    """Point the environment variable ``name`` at ``folder`` until the generator is resumed, then restore it."""
    old = os.environ.get(name)
    os.environ[name] = str(folder)
    yield
    if old is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = old


@pytest.fixture(scope="session", autouse=True)
def _private_dictionary_cache(tmp_path_factory):
    """Compiled dictionaries go to a temporary cache for the whole run, never the user's cache directory (tests
    that check the cache itself set their own with monkeypatch)."""
    yield from _private_env("EVENTCODER_CACHE_DIR", tmp_path_factory.mktemp("dict-cache"))


@pytest.fixture(scope="session", autouse=True)
def _private_config_dir(tmp_path_factory):
    """The name the window keeps for the command line (core/user_config.py) goes to a temporary folder for the
    whole run, never the user's config dir."""
    yield from _private_env("EVENTCODER_CONFIG_DIR", tmp_path_factory.mktemp("user-config"))


_SHARED_CODERS: list = []  # the session's coders, whose switches every test gets back as they were
SWITCH_ATTRS = ("_recall_off", "_sense_off", "_trial_on", "min_confidence")


@pytest.fixture(scope="session")
def cameo_coder():
    """The rules coder `eventcoder code` uses for the built-in CAMEO scheme (real spaCy model and dictionaries)."""
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    coder = rules_coder(load_scheme("cameo"))
    _SHARED_CODERS.append(coder)
    return coder


@pytest.fixture(autouse=True)
def _coder_switches_kept():
    """A test that turns a rule off (a module switch, the coder class's or the shared coder's own set) gets it
    back after it, even when it forgets to: the session's coder is shared, so a switch left changed would decide
    what later tests see (order-dependent results)."""
    import sys

    mod = sys.modules.get("eventcoder.core.suggest.coder")
    module_switches = {k: v for k, v in vars(mod).items() if k.isupper() and isinstance(v, bool)} if mod else {}
    cls = getattr(mod, "EventCoder", None)
    class_switches = {k: cls.__dict__[k] for k in SWITCH_ATTRS if cls is not None and k in cls.__dict__}
    instances = [(c, {k: c.__dict__[k] for k in SWITCH_ATTRS if k in c.__dict__}) for c in _SHARED_CODERS]
    yield
    for k, v in module_switches.items():
        setattr(mod, k, v)
    for k, v in class_switches.items():
        setattr(cls, k, v)
    for coder, kept in instances:
        for k in SWITCH_ATTRS:
            if k in kept:
                coder.__dict__[k] = kept[k]
            else:
                coder.__dict__.pop(k, None)


@pytest.fixture
def coder_showing_all(cameo_coder):
    """``cameo_coder`` suggesting every event it reads, whatever its calibrated confidence (the rules' reading)."""
    was = cameo_coder.min_confidence
    cameo_coder.min_confidence = 0.0
    try:
        yield cameo_coder
    finally:
        cameo_coder.min_confidence = was


@pytest.fixture
def project(tmp_path):
    from eventcoder.core.store import Project

    with Project(tmp_path / "project.db", annotator="tester") as p:
        yield p


@pytest.fixture
def scheme_project(tmp_path):
    """``make(scheme_yaml, name)``: a project ``tmp_path/NAME.db`` (annotator ``analyst``) whose scheme setting is
    ``scheme_yaml`` written to ``tmp_path/NAME.yaml``; closed after the test."""
    from eventcoder.core.store import Project

    made = []

    def make(scheme_yaml: str, name: str):
        path = tmp_path / f"{name}.yaml"
        path.write_text(scheme_yaml, encoding="utf-8")
        project = Project(tmp_path / f"{name}.db", annotator="analyst")
        project.set_meta("scheme", str(path))
        made.append(project)
        return project

    yield make
    for project in made:
        project.close()


@pytest.fixture
def seed_text() -> str:
    return next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
