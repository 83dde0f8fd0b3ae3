"""Alternative codes for the event in the editor (Alt+1/2/3), and the learner's status line.

Which codes are alternatives is core's (:func:`eventcoder.core.pipeline.event_alternatives`: the learner's
ranking, parsed afresh or stored with the event, else the code's neighbours in the scheme); this module only
keeps a learner failure from ever breaking the editor, and words the status bar's learner slot.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core import pipeline
from ..core.model import Event
from ..core.schemes import CodingScheme
from ..core.store import Project

Alternative = tuple[str, float | None]  # (code, probability or None)


def sibling_codes(scheme: CodingScheme, code: str | None, k: int = 3) -> list[Alternative]:
    """The code's neighbours in the scheme (:meth:`CodingScheme.neighbours`), without probabilities."""
    return [(c, None) for c in scheme.neighbours(code, k)]


def stored_alternatives(event: Event, scheme: CodingScheme, k: int = 3) -> list[Alternative]:
    """The learner's ranking stored with the event when it decided it (:func:`pipeline.stored_alternatives`)."""
    return list(pipeline.stored_alternatives(event, scheme, k))


def alternatives_for(project: Project, event: Event | None, scheme: CodingScheme, k: int = 3,
                     use_learner: bool = True) -> list[Alternative]:
    """:func:`pipeline.event_alternatives`; when the learner fails, the same without it."""
    try:
        return pipeline.event_alternatives(project, event, scheme, k, use_learner=use_learner)
    except Exception:  # noqa: BLE001 - a learner problem must never break the editor
        return pipeline.event_alternatives(project, event, scheme, k, use_learner=False)


AlternativesProvider = Callable[[Event | None], list[Alternative]]


def model_status_text(project: Project, scheme: CodingScheme, *, training: bool = False,
                      since: int | None = None, every: int | None = None) -> str:
    """The status bar's learner slot: 'type learner v3 · F1 0.79 (rules 0.62)', 'no type learner yet', with
    '· retraining…' while a retraining runs and '· 12/25 new codings' towards the next; '' when the learner
    is not installed or fails."""
    try:
        from ..core import learn
    except Exception:  # noqa: BLE001 - not installed (ImportError) or half-installed
        return ""
    status = getattr(learn, "model_status", None)
    if status is None:
        return ""
    try:
        version, figure = status(project, scheme)
        summary = learn.model_summary(project, scheme) if version is not None else None
    except Exception:  # noqa: BLE001 - a status line never breaks the window
        return ""
    if version is None:
        text = "no type learner yet"
    else:
        text = f"type learner v{version}" + (f" · F1 {figure:.2f}" if figure is not None else "")
        rules = (summary or {}).get("rules_f1")
        if rules is not None:
            text += f" (rules {rules:.2f})" if (summary or {}).get("active") else f" (rules stand: {rules:.2f})"
    if training:
        text += " · retraining…"
    elif since is not None and every:
        text += f" · {since}/{every} new codings"
    return text


def model_status_tooltip(project: Project, scheme: CodingScheme) -> str:
    try:
        from ..core import learn

        summary = learn.model_summary(project, scheme)
    except Exception:  # noqa: BLE001
        return ""
    every = getattr(learn, "RETRAIN_EVERY", 25)
    how = (f"Retrains in the background after every {every} new codings (accepted, rejected or edited events); "
           "Code ▸ Retrain the type learner now (Ctrl+T) retrains at once.")
    if summary is None:
        return "The type learner learns event types from this project's codings.\n" + how
    def fig(key: str) -> str:
        value = summary.get(key)
        return "–" if value is None else f"{value:.3f}"
    threshold = summary.get("threshold")
    if not summary.get("active") or threshold is None:
        use = "it does not beat the rules yet, so the rules' types stand"
    elif threshold <= 0:
        use = "it decides the type of every suggestion (no threshold did better in cross-validation)"
    else:
        use = f"it replaces the rules' type at or above confidence {threshold:.2f}"
    when = str(summary.get("created_at") or "").replace("T", " ").replace("Z", " UTC")
    return (f"Type learner v{summary['version']} ({summary['scheme']}), trained {when} on "
            f"{summary.get('codings')} codings ({summary.get('from_project')} from this project, "
            f"{summary.get('from_extra')} from earlier datasets).\n"
            f"Cross-validated type F1: rules {fig('rules_f1')}, learner {fig('learner_f1')}, "
            f"chosen {fig('chosen_f1')}; {use}.\n" + how)
