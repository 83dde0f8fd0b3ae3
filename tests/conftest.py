"""Shared fixtures. Qt tests live in tests/app and set QT_QPA_PLATFORM there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EVENTCODER_ANNOTATOR", "tester")


@pytest.fixture(scope="session", autouse=True)
def _private_dictionary_cache(tmp_path_factory):
    """Compiled dictionaries go to a temporary cache for the whole run, never the user's cache directory (tests
    that check the cache itself set their own with monkeypatch)."""
    old = os.environ.get("EVENTCODER_CACHE_DIR")
    os.environ["EVENTCODER_CACHE_DIR"] = str(tmp_path_factory.mktemp("dict-cache"))
    yield
    if old is None:
        os.environ.pop("EVENTCODER_CACHE_DIR", None)
    else:
        os.environ["EVENTCODER_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def cameo_coder():
    """The rules coder `eventcoder code` uses for the built-in CAMEO scheme (real spaCy model and dictionaries)."""
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    return rules_coder(load_scheme("cameo"))


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
def seed_text() -> str:
    return next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
