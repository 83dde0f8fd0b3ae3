"""Alternative codes for the event in the editor (Alt+1/2/3), and the learner's status line.

The type learner (``eventcoder.core.learn``) ranks alternatives when a model is stored in the project; until then,
or when it is not installed, the siblings of the current code under the same parent stand in. Both sit behind
these functions so the window never depends on the learner being there.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.model import Event
from ..core.schemes import CodingScheme
from ..core.store import Project

Alternative = tuple[str, float | None]  # (code, probability or None)


def sibling_codes(scheme: CodingScheme, code: str | None, k: int = 3) -> list[Alternative]:
    """The other codes under the same parent (the parent itself first when ``code`` is a leaf of it)."""
    et = scheme.event_type(code)
    if et is None or not et.parent:  # a top-level type: its "siblings" are every other root, no help
        return []
    siblings = [s.code for s in scheme.children(et.parent) if s.code != code] or [et.parent]
    return [(c, None) for c in siblings[:k]]


def learned_alternatives(project: Project, event: Event, scheme: CodingScheme, k: int = 3) -> list[Alternative]:
    """The learner's top ``k`` other codes; [] when it is not installed, has no model or fails."""
    try:
        from ..core import learn
    except Exception:  # noqa: BLE001 - not installed (ImportError) or half-installed: the siblings stand in
        return []
    ranked = getattr(learn, "alternatives", None)
    if ranked is None:
        return []
    try:
        found = ranked(project, event, scheme, k=k + 1)
    except Exception:  # noqa: BLE001 - a learner problem must never break the editor
        return []
    return [(str(c), p) for c, p in found if c != event.event_code and scheme.event_type(c) is not None][:k]


def alternatives_for(project: Project, event: Event | None, scheme: CodingScheme, k: int = 3,
                     use_learner: bool = True) -> list[Alternative]:
    if event is None or not event.event_code:
        return []
    learned = learned_alternatives(project, event, scheme, k) if use_learner else []
    return learned or sibling_codes(scheme, event.event_code, k)


AlternativesProvider = Callable[[Event | None], list[Alternative]]


def model_status_text(project: Project, scheme: CodingScheme) -> str:
    """'type learner v3 · F1 0.79', 'no type learner yet', or '' when the learner is not installed."""
    try:
        from ..core import learn
    except Exception:  # noqa: BLE001 - not installed (ImportError) or half-installed
        return ""
    status = getattr(learn, "model_status", None)
    if status is None:
        return ""
    try:
        version, figure = status(project, scheme)
    except Exception:  # noqa: BLE001 - a status line never breaks the window
        return ""
    if version is None:
        return "no type learner yet"
    return f"type learner v{version}" + (f" · F1 {figure:.2f}" if figure is not None else "")
