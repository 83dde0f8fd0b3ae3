"""Window tests: offscreen Qt, a temporary project holding the seed article with model suggestions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EVENTCODER_ANNOTATOR", "tester")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from eventcoder.core.model import CodedDocument, SuggestedEvent, SuggestedSpan  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEED = next((REPO / "seeds").glob("*.txt"))
MINI_SCHEME = HERE / "data" / "mini_cameo.yaml"
BROKEN_SCHEME = HERE / "data" / "broken_scheme.yaml"
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(autouse=True)
def _annotator_env(monkeypatch):
    """Every test starts as "tester" ($EVENTCODER_ANNOTATOR wins over a saved name); a test that plays a saved
    name removes the variable (``saved_name_only``) and gets it back afterwards."""
    monkeypatch.setenv("EVENTCODER_ANNOTATOR", "tester")


def saved_name_only() -> None:
    """Let the window take the name saved in its settings: the variable is restored after the test."""
    os.environ.pop("EVENTCODER_ANNOTATOR", None)


def _find(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def seed_suggestions(text: str) -> CodedDocument:
    """What the coder might suggest for the seed article (used until the real coder is installed)."""
    from eventcoder.core.document import sentence_bounds

    bounds = sentence_bounds(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        return next((s, e) for s, e in bounds if s <= pos < e)

    spans: list[SuggestedSpan] = []

    def span(phrase: str, code: str | None, layer: str = "actor", after: int = 0, kind: str = "country") -> int:
        start, end = _find(text, phrase, after)
        spans.append(SuggestedSpan(start, end, text[start:end], layer=layer, code=code, kind=kind,
                                   confidence=0.9, evidence=f"dictionary: {phrase}"))
        return len(spans) - 1

    s1 = 0
    span("India", "IND", after=s1)
    span("Russia", "RUS", after=s1)
    us1 = span("US", "USA", after=s1)
    attempts = span("attempts", None, layer="trigger", after=s1)
    lavrov = span("Russian foreign minister Sergey Lavrov", "RUSGOV", kind="role")
    said = span("said", None, layer="trigger", after=180)
    s2 = text.index("India and Russia are on the same page")
    india2, russia2 = span("India", "IND", after=s2), span("Russia", "RUS", after=s2)
    page = span("same page", None, layer="trigger")
    span("Taliban", None, after=s2, kind="unknown")
    s3 = text.index("The US has threatened")
    us3 = span("US", "USA", after=s3)
    threatened = span("threatened", None, layer="trigger", after=s3)
    india3 = span("India", "IND", after=s3)
    s4 = text.index("India and Russia also agreed")
    india4, russia4 = span("India", "IND", after=s4), span("Russia", "RUS", after=s4)
    agreed = span("agreed", None, layer="trigger", after=s4)
    span("Shanghai Cooperation Organisation", "IGOSCO", after=s4, kind="nonstate")

    def event(code, src, tgt, trig, conf, why):
        start, end = sentence_of(spans[trig].start)
        return SuggestedEvent(code, spans[src].code, spans[tgt].code if tgt is not None else None, src, tgt, trig,
                              start, end, date="2021-12-06", confidence=conf, evidence=why)

    events = [
        event("112", lavrov, us1, attempts, 0.82, 'pattern "* ATTEMPT TO UNDERMINE"'),
        event("010", lavrov, None, said, 0.55, "reporting verb 'said'"),
        event("040", india2, russia2, page, 0.41, "pattern 'BE ON THE SAME PAGE'"),
        event("138", us3, india3, threatened, 0.70, "verb 'threaten'"),
        event("040", india4, russia4, agreed, 0.60, "verb 'agree' + 'work together'"),
    ]
    return CodedDocument(spans=spans, events=events, sentences=bounds)


def seed_project(path):
    """A project at ``path`` with the seed article imported and coded with fixed suggestions."""
    from eventcoder.core.model import Document
    from eventcoder.core.store import Project

    project = Project(path, annotator="tester")
    doc_id, _ = project.add_document(Document(
        text=SEED.read_text(encoding="utf-8"), title="S-400 deal being implemented despite US, says Lavrov",
        source=SEED.name, published="2021-12-06"))
    project.save_coded(doc_id, seed_suggestions(project.get_document(doc_id).text), scheme="MINI-CAMEO")
    project.set_meta("scheme", str(MINI_SCHEME))
    return project


@pytest.fixture
def app_project(tmp_path):
    project = seed_project(tmp_path / "coding.db")
    yield project
    project.close()


def open_window(qtbot, project, settings):
    """The coding window on ``project``, shown, with the article focused (as an analyst finds it)."""
    from eventcoder.app.main_window import MainWindow
    from eventcoder.app.session import CodingSession

    scheme, problem = CodingSession.initial_scheme(project)
    assert problem is None, problem
    win = MainWindow(CodingSession(project, scheme), settings)
    qtbot.addWidget(win)
    win.restore_layout()
    win.restore_document()
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.article.setFocus()
    qtbot.wait(10)
    return win


def close_window(win) -> None:
    """Stop the window's workers and close it (its timers stop before the project closes)."""
    win.workers.cancel_all()
    win.workers.wait(5000)
    win.close()


def window_as(qtbot, tmp_path, project, name: str):
    """The coding window on ``project`` for ``name``: the name saved in settings of its own, no
    $EVENTCODER_ANNOTATOR (restored after the test)."""
    from PySide6.QtCore import QSettings

    from eventcoder.app import annotator

    settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue(annotator.SETTING, name)
    saved_name_only()
    return open_window(qtbot, project, settings)


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, app_project, settings):
    win = open_window(qtbot, app_project, settings)
    yield win
    close_window(win)


class Keys:
    """Types like an analyst: each key goes to whatever has the focus, and is counted."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, *keys) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        for key in keys:
            modifier = Qt.KeyboardModifier.NoModifier
            if isinstance(key, tuple):
                key, modifier = key
            target = QApplication.focusWidget() or QApplication.activeWindow()
            assert target is not None, "nothing has keyboard focus"
            self.qtbot.keyClick(target, key, modifier)
            self.count += 1


@pytest.fixture
def keys(qtbot):
    return Keys(qtbot)
