"""Several annotators in one project file, each in their own layer (as INCEpTION does: each user's annotations
are their own, the model's suggestions are shared).

With the project setting ``team_layers`` on (``eventcoder team layers on``, or Code ▸ Team layers in the
window), deciding a model suggestion does not change the suggestion's row: it writes the annotator's own event
(status accepted or rejected, ``annotator`` = them, ``decides`` = the suggestion's id, copies of the spans an
accepted one needs), and the suggestion stays pending for everyone else. Which events an annotator sees
(:func:`visible`):

* their own events (decisions and events they made), and events nobody is named for;
* the shared suggestions they have not decided -- "decided" by the same rule that keeps the coder from
  suggesting an analyst-decided event again (``store/suggestions.py``): an event of theirs that decides it
  (``decides``), or one made from the same suggestion (``suggested_key``), or with the same code, actors,
  sentence and trigger, or in the same sentence between the same two actors;
* never another annotator's events, nor the curated layer.

Views (:data:`VIEWS`): ``mine`` (the default; with the setting off, every event as before), another annotator's
name, ``all`` (every row) and ``curated``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import StoreError
from ..store import Project
from ..store.team import CURATED

MINE, ALL = "mine", "all"
VIEWS = (MINE, ALL, CURATED)
"""The fixed views; any other name is an annotator's layer."""


def is_shared_suggestion(row: Mapping[str, Any]) -> bool:
    """A model suggestion nobody has decided in its row: the one every annotator sees until they decide it."""
    return (row.get("origin") == "model" and row.get("status") == "suggested" and not row.get("layer")
            and not row.get("decides") and not row.get("annotator"))


def _dyad(row: Mapping[str, Any]) -> tuple[Any, ...] | None:
    if row.get("sentence_start") is None or not row.get("source_code") or not row.get("target_code"):
        return None
    return (row["document_id"], row["sentence_start"], row["source_code"], row["target_code"])


def _key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return (row["document_id"], row["event_code"], row.get("source_code"), row.get("target_code"),
            row.get("sentence_start"), row.get("trig"))


def visible(rows: Iterable[Mapping[str, Any]], view: str, me: str, team: bool, unnamed: bool = True) -> set[int]:
    """Ids of the event ``rows`` (:meth:`Project.layer_rows`) shown in ``view`` to annotator ``me``; ``team``:
    the project's ``team_layers`` setting; ``unnamed``: an annotator's layer includes decisions nobody is named
    for (made before names were kept)."""
    rows = list(rows)
    if view == ALL or (view in (MINE, "", None) and not team):
        return {int(r["id"]) for r in rows}
    if view == CURATED:
        return {int(r["id"]) for r in rows if r.get("layer") == CURATED}
    who = me if view in (MINE, "", None) else view
    own = [r for r in rows if not r.get("layer") and not is_shared_suggestion(r)
           and (r.get("annotator") == who or (unnamed and not r.get("annotator")))]
    decided = {int(r["decides"]) for r in own if r.get("decides")}
    keys = {r["suggested_key"] for r in own if r.get("suggested_key")}
    events = {_key(r) for r in own}
    dyads = {d for d in map(_dyad, own) if d is not None}
    out = {int(r["id"]) for r in own}
    for r in rows:
        if not is_shared_suggestion(r):
            continue
        if int(r["id"]) in decided or (r.get("suggested_key") and r["suggested_key"] in keys) or \
                _key(r) in events or _dyad(r) in dyads:
            continue
        out.add(int(r["id"]))
    return out


def view_event_ids(project: Project, view: str, document_id: int | None = None, me: str | None = None) -> set[int]:
    """:func:`visible` on the project's rows (one document, or all)."""
    return visible(project.layer_rows(document_id), view, me or project.annotator, project.team_layers())


def check_view(view: str) -> str:
    """``view`` cleaned; an empty name is refused."""
    text = " ".join((view or "").split())
    if not text:
        raise StoreError("name a layer: mine, all, curated or an annotator's name")
    return text


def layer_event_ids(project: Project, layer: str | None, annotator: str | None) -> set[int]:
    """What an export of one layer holds: ``layer`` ``curated`` (of one curator when ``annotator`` is given) or
    ``own``; ``annotator`` alone: that annotator's layer as they see it (:func:`visible`: their events, and in a
    team file the suggestions they have not decided)."""
    if layer == CURATED or (layer in (None, "", "own") and not annotator):
        return project.layer_event_ids(layer, annotator)
    if layer not in (None, "", "own"):
        raise StoreError(f"unknown layer {layer!r}; use 'curated' or 'own'")
    return visible(project.layer_rows(), check_view(annotator or ""), project.annotator, True, unnamed=False)


def view_scope(project: Project, view: str | None, me: str | None = None) -> set[int] | None:
    """The events ``view`` shows across the project (what the window's overview and its lists of events count),
    or None when it shows every event (``all``; ``mine`` with the project's team layers off). The curated layer
    is read with the store's SQL (``layer = 'curated'``: the same rule as :func:`visible`, tested to agree)."""
    team = project.team_layers()
    if view in (ALL,) or (view in (MINE, "", None) and not team):
        return None
    if view == CURATED:
        return project.layer_event_ids(CURATED)
    return visible(project.layer_rows(), check_view(view or MINE), me or project.annotator, team)


def export_scope(project: Project, layer: str | None, annotator: str | None) -> set[int] | None:
    """What ``eventcoder export`` / ``report`` ``--layer`` (curated, own, all) and ``--annotator`` hold
    (:func:`layer_event_ids`); None: every event (``all`` or no layer, and no annotator)."""
    if layer in (None, "", ALL) and not annotator:
        return None
    return layer_event_ids(project, None if layer == ALL else layer, annotator)


def describe_view(view: str | None, me: str) -> str:
    """A view as a reader names it: ``mine (ann)``, ``curated``, ``every layer``, ``bob's layer``."""
    if view in (MINE, "", None):
        return f"mine ({me})"
    if view == ALL:
        return "every layer"
    return CURATED if view == CURATED else f"{view}'s layer"
