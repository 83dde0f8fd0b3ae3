"""Shared fixtures. Qt tests live in tests/app and set QT_QPA_PLATFORM there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EVENTCODER_ANNOTATOR", "tester")


@pytest.fixture
def project(tmp_path):
    from eventcoder.core.store import Project

    with Project(tmp_path / "project.db", annotator="tester") as p:
        yield p


@pytest.fixture
def seed_text() -> str:
    return next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
