"""The overview's figures as data: what the window draws (app/overview.py) and the report writes (report.py).

The store counts events in SQL (:mod:`eventcoder.core.store.overview`, grouped by code, month and dyad); this
module gives the codes their meaning from the coding scheme -- root code (CAMEO: the two-digit root; PLOVER:
the type), quad class, Goldstein or PLOVER score -- and lays out the actor network (networkx). Every bar, point
and edge carries the :class:`Selection` that finds the events behind it, so a click lists exactly those.

No Qt here: figures are frozen dataclasses, each with ``columns``/``rows`` for its CSV.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schemes import CodingScheme
from .store.overview import CodeMonth, DyadCount, OverviewFilter, Progress, valid_month

if TYPE_CHECKING:
    from .store import Project

PARTS = ("types", "quads", "score", "dyads", "network", "progress")
"""The overview's figures, in the order the window's tabs and the report show them."""

DRILL_LIMIT = 10_000
"""The most events one click lists (a bar of a large project lists its first ones and says so)."""

CAMEO_ROOT_QUAD = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 10)},
    **{f"{r:02d}": 3 for r in range(10, 15)},
    **{f"{r:02d}": 4 for r in range(15, 21)},
}
"""The standard CAMEO quad classes by root (GDELT's convention): 01-05 verbal cooperation, 06-09 material
cooperation, 10-14 verbal conflict, 15-20 material conflict. Used only for codes whose scheme gives no quad
class (a custom scheme without ``quad_class``)."""

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
CONFLICT_QUADS = frozenset({3, 4})
COOPERATION_QUADS = frozenset({1, 2})
UNDATED = "undated"


# --------------------------------------------------------------------------- which layer is counted


def in_view(project: Project, f: OverviewFilter, view: str | None, me: str | None = None) -> OverviewFilter:
    """``f`` restricted to the window's layer ``view`` (mine, an annotator's name, all, curated) by the one rule
    of :func:`eventcoder.core.team.layers.view_scope`: the events that view shows, no event counted twice."""
    from .team.layers import describe_view, view_scope

    ids = view_scope(project, view, me)
    if ids is None:
        return dataclasses.replace(f, layer=None, layer_ids=None)
    return dataclasses.replace(f, layer=describe_view(view, me or project.annotator), layer_ids=frozenset(ids))


def in_export_layer(project: Project, f: OverviewFilter, layer: str | None, annotator: str | None
                    ) -> OverviewFilter:
    """``f`` restricted as ``eventcoder export --layer LAYER --annotator NAME`` restricts an export
    (:func:`eventcoder.core.team.layers.export_scope`)."""
    from .team.layers import export_scope

    ids = export_scope(project, layer, annotator)
    if ids is None:
        return dataclasses.replace(f, layer=None, layer_ids=None)
    what = {"curated": "the curated layer", "own": "the annotators' own layers"}.get(layer or "", "")
    if annotator:
        what = f"{what} of {annotator}" if what else f"{annotator}'s layer"
    return dataclasses.replace(f, layer=what, layer_ids=frozenset(ids))


# --------------------------------------------------------------------------- what a figure element stands for


@dataclass(frozen=True)
class Selection:
    """The events behind one bar, point or edge: under the overview's filter, with a code in ``codes``, in one
    of ``months`` (None in it = undated), from ``dyad``'s source to its target -- each when given."""

    label: str
    codes: tuple[str, ...] | None = None
    months: tuple[str | None, ...] | None = None
    dyad: tuple[str | None, str | None] | None = None

    def event_ids(self, project: Project, f: OverviewFilter, limit: int | None = DRILL_LIMIT) -> list[int]:
        return project.overview_event_ids(f, codes=self.codes, months=self.months, dyad=self.dyad, limit=limit)


# --------------------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    selection: Selection


@dataclass(frozen=True)
class TypesFigure:
    """Events by root code (CAMEO) or type (PLOVER), in the scheme's order."""

    title: str
    bars: tuple[Bar, ...]
    columns: tuple[str, ...] = ("root", "label", "events")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [(b.key, b.label, b.count) for b in self.bars]

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)


@dataclass(frozen=True)
class QuadSeries:
    quad: int | None  # None: codes with no quad class
    label: str
    counts: tuple[int, ...]  # one per month of the figure
    codes: tuple[str, ...]


@dataclass(frozen=True)
class QuadsFigure:
    """Events per month by quad class (stacked); ``undated`` events have no month and are counted apart."""

    title: str
    months: tuple[str, ...]
    series: tuple[QuadSeries, ...]
    undated: int

    columns: tuple[str, ...] = ("month", "quad_class", "label", "events")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [(m, "" if s.quad is None else s.quad, s.label, s.counts[i])
                for i, m in enumerate(self.months) for s in self.series if s.counts[i]]

    def selection(self, series: int, month: int) -> Selection:
        s = self.series[series]
        return Selection(f"{s.label}, {self.months[month]}", codes=s.codes, months=(self.months[month],))


@dataclass(frozen=True)
class ScorePoint:
    month: str
    score: float  # mean score of the month's events that have one
    events: int  # events in the month (those with a score and those without)
    selection: Selection


@dataclass(frozen=True)
class ScoreFigure:
    """A dyad's mean score (Goldstein for CAMEO, PLOVER's score) per month."""

    title: str
    score_name: str
    dyad: tuple[str | None, str | None] | None
    points: tuple[ScorePoint, ...]
    columns: tuple[str, ...] = ("month", "mean_score", "events")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [(p.month, round(p.score, 3), p.events) for p in self.points]


@dataclass(frozen=True)
class Dyad:
    source: str | None
    target: str | None
    count: int
    conflict: int
    cooperation: int
    selection: Selection

    @property
    def label(self) -> str:
        return f"{self.source or '(no code)'} → {self.target or '(no code)'}"

    @property
    def conflict_share(self) -> float | None:
        """Conflict events among the conflict and cooperation events (None: neither)."""
        both = self.conflict + self.cooperation
        return self.conflict / both if both else None


@dataclass(frozen=True)
class DyadsFigure:
    title: str
    dyads: tuple[Dyad, ...]
    columns: tuple[str, ...] = ("source", "target", "events", "conflict", "cooperation")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [(d.source or "", d.target or "", d.count, d.conflict, d.cooperation) for d in self.dyads]


@dataclass(frozen=True)
class Node:
    actor: str
    events: int  # events of the drawn edges it takes part in
    x: float
    y: float


@dataclass(frozen=True)
class NetworkFigure:
    """Who acts on whom: nodes are actors, edges (source → target) the dyads with the most events; an edge's
    conflict share colours it (red conflict, blue cooperation)."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Dyad, ...]
    columns: tuple[str, ...] = ("source", "target", "events", "conflict", "cooperation", "conflict_share")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [(e.source, e.target, e.count, e.conflict, e.cooperation,
                 "" if e.conflict_share is None else round(e.conflict_share, 3)) for e in self.edges]

    def position(self, actor: str | None) -> tuple[float, float]:
        for node in self.nodes:
            if node.actor == actor:
                return node.x, node.y
        raise KeyError(actor)


@dataclass(frozen=True)
class ProgressFigure:
    title: str
    progress: Progress
    columns: tuple[str, ...] = ("annotator", "documents_done", "documents_to_do")

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        p = self.progress
        first = "(done by anyone)" if p.team else "(all documents)"
        return [(first, p.done, p.todo)] + [(a.annotator, a.done, a.todo) for a in p.annotators]


@dataclass(frozen=True)
class Overview:
    """The figures asked for (others None), with the filter and scheme they were counted under."""

    filter: OverviewFilter
    scheme_name: str
    types: TypesFigure | None = None
    quads: QuadsFigure | None = None
    score: ScoreFigure | None = None
    dyads: DyadsFigure | None = None
    network: NetworkFigure | None = None
    progress: ProgressFigure | None = None
    dyad_choices: tuple[tuple[str | None, str | None], ...] = field(default=())

    def figure(self, part: str) -> Any:
        return getattr(self, part)


# --------------------------------------------------------------------------- what the codes mean


class CodeMeaning:
    """Root, label, quad class and score of each code, from the scheme (cached per code)."""

    def __init__(self, scheme: CodingScheme) -> None:
        self.scheme = scheme
        convention = scheme.quad_class_conventions.get(scheme.default_quad_convention)
        self.quad_labels = dict(QUAD_LABELS)
        if convention is not None:
            self.quad_labels.update(convention.classes)
        self._root: dict[str, str] = {}

    def root(self, code: str) -> str:
        if code not in self._root:
            root = self.scheme.root(code)
            if root is None:  # not in the scheme: a CAMEO-style code's two-digit root, else the code itself
                root = code[:2] if len(code) >= 2 and code[:2].isdigit() else code
            self._root[code] = root
        return self._root[code]

    def root_label(self, root: str) -> str:
        return self.scheme.label(root) or "(not in the scheme)"

    def quad(self, code: str) -> int | None:
        quad = self.scheme.quad_class(code)
        if quad is None:
            quad = CAMEO_ROOT_QUAD.get(code[:2]) if code[:2].isdigit() else None
        return quad

    def score(self, code: str, mode: str | None = None) -> float | None:
        return self.scheme.score(code, mode)

    def codes_in(self, quads: Iterable[int]) -> list[str]:
        wanted = set(quads)
        return [c for c in self.scheme.event_types if self.quad(c) in wanted]

    def root_order(self) -> dict[str, int]:
        return {et.code: i for i, et in enumerate(self.scheme.roots())}


# --------------------------------------------------------------------------- building the figures


def types_figure(counts: dict[str, int], meaning: CodeMeaning) -> TypesFigure:
    by_root: dict[str, int] = {}
    codes: dict[str, set[str]] = {}
    for code, count in counts.items():
        root = meaning.root(code)
        by_root[root] = by_root.get(root, 0) + count
        codes.setdefault(root, set()).add(code)
    order = meaning.root_order()
    roots = sorted(by_root, key=lambda k: (order.get(k, len(order)), k))
    bars = tuple(Bar(k, meaning.root_label(k), by_root[k],
                     Selection(f"{k} {meaning.root_label(k)}", codes=tuple(sorted(codes[k])))) for k in roots)
    kind = "type" if meaning.scheme.name.upper() == "PLOVER" else "root code"
    return TypesFigure(f"Events by {kind}", bars)


def month_number(month: str) -> int:
    """``YYYY-MM`` as a count of months (for a time axis): ``month_name`` turns it back."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last (empty months included, so time reads evenly)."""
    months = sorted(months)
    if not months:
        return []
    (y, m), (y_end, m_end) = (int(months[0][:4]), int(months[0][5:7])), (int(months[-1][:4]), int(months[-1][5:7]))
    out = []
    while (y, m) <= (y_end, m_end):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        if len(out) > 12 * 500:  # a date typed wrong (year 0020): stop, show what was asked
            return months
    return out


def quads_figure(rows: list[CodeMonth], meaning: CodeMeaning) -> QuadsFigure:
    counts: dict[tuple[int | None, str], int] = {}
    codes: dict[int | None, set[str]] = {}
    undated = 0
    for r in rows:
        if not valid_month(r.month):
            undated += r.count
            continue
        quad = meaning.quad(r.code)
        counts[(quad, r.month)] = counts.get((quad, r.month), 0) + r.count
        codes.setdefault(quad, set()).add(r.code)
    months = _month_range({m for _q, m in counts})
    quads = sorted(codes, key=lambda q: (q is None, q))
    series = tuple(
        QuadSeries(q, meaning.quad_labels.get(q, f"class {q}") if q is not None else "no quad class",
                   tuple(counts.get((q, m), 0) for m in months), tuple(sorted(codes[q])))
        for q in quads
    )
    return QuadsFigure("Events per month by quad class", tuple(months), series, undated)


def score_figure(rows: list[CodeMonth], meaning: CodeMeaning, dyad: tuple[str | None, str | None] | None
                 ) -> ScoreFigure:
    total: dict[str, float] = {}
    scored: dict[str, int] = {}
    events: dict[str, int] = {}
    for r in rows:
        if not valid_month(r.month):
            continue
        assert r.month is not None
        events[r.month] = events.get(r.month, 0) + r.count
        score = meaning.score(r.code, r.mode)
        if score is not None:
            total[r.month] = total.get(r.month, 0.0) + score * r.count
            scored[r.month] = scored.get(r.month, 0) + r.count
    name = "Goldstein score" if meaning.scheme.score_name.lower().startswith("goldstein") else \
        f"{meaning.scheme.name} score"
    who = f"{dyad[0] or '(no code)'} → {dyad[1] or '(no code)'}" if dyad else "no dyad"
    points = tuple(
        ScorePoint(m, total[m] / scored[m], events[m], Selection(f"{who}, {m}", months=(m,), dyad=dyad))
        for m in sorted(scored)
    )
    return ScoreFigure(f"{name} per month: {who}", name, dyad, points)


def _dyad(d: DyadCount) -> Dyad:
    label = f"{d.source or '(no code)'} → {d.target or '(no code)'}"
    return Dyad(d.source, d.target, d.count, d.conflict, d.cooperation, Selection(label, dyad=(d.source, d.target)))


def network_figure(edges: list[DyadCount]) -> NetworkFigure:
    import networkx as nx

    graph = nx.DiGraph()
    for e in edges:
        if e.source == e.target:
            graph.add_node(e.source)
            continue
        graph.add_edge(e.source, e.target, weight=e.count)
    weights: dict[str, int] = {}
    for e in edges:
        for actor in {e.source, e.target}:
            weights[actor] = weights.get(actor, 0) + e.count
    undirected = graph.to_undirected()
    n = undirected.number_of_nodes()
    # force-directed (Fruchterman-Reingold), unweighted (weights pull the busiest actors into one knot), seeded
    # so a figure is the same each time
    positions = nx.spring_layout(undirected, weight=None, seed=7, k=2.0 / max(n, 1) ** 0.5, iterations=200) \
        if n else {}
    nodes = tuple(Node(a, weights.get(a, 0), float(positions[a][0]), float(positions[a][1]))
                  for a in sorted(positions, key=lambda a: (-weights.get(a, 0), a)))
    return NetworkFigure("Who acts on whom (edge colour: conflict red, cooperation blue)", nodes,
                         tuple(_dyad(e) for e in edges))


def build_overview(project: Project, scheme: CodingScheme, f: OverviewFilter, *,
                   parts: Iterable[str] = PARTS, dyad: tuple[str | None, str | None] | None = None,
                   top_dyads: int = 15, network_edges: int = 60) -> Overview:
    """The figures in ``parts`` (see :data:`PARTS`) under ``f``, with ``scheme`` giving the codes' meaning.
    The score figure follows ``dyad`` (default: the dyad with the most events)."""
    wanted = set(parts)
    unknown = wanted - set(PARTS)
    if unknown:
        raise ValueError(f"unknown overview part(s) {sorted(unknown)}; use {', '.join(PARTS)}")
    meaning = CodeMeaning(scheme)
    out: dict[str, Any] = {}
    if "types" in wanted:
        out["types"] = types_figure(project.overview_code_counts(f), meaning)
    if "quads" in wanted:
        out["quads"] = quads_figure(project.overview_code_months(f), meaning)
    conflict = meaning.codes_in(CONFLICT_QUADS)
    cooperation = meaning.codes_in(COOPERATION_QUADS)
    choices: tuple[tuple[str | None, str | None], ...] = ()
    edges: list[DyadCount] = []
    if wanted & {"dyads", "score", "network"}:  # one query: the top dyads are the network's first edges
        limit = max(top_dyads if wanted & {"dyads", "score"} else 0, network_edges if "network" in wanted else 0)
        edges = project.overview_dyads(f, conflict=conflict, cooperation=cooperation, limit=limit, coded_only=True)
    if wanted & {"dyads", "score"}:
        dyads = edges[:top_dyads]
        choices = tuple((d.source, d.target) for d in dyads)
        if "dyads" in wanted:
            out["dyads"] = DyadsFigure("Top dyads (source → target)", tuple(_dyad(d) for d in dyads))
        if "score" in wanted:
            chosen = dyad if dyad is not None else (choices[0] if choices else None)
            rows = project.overview_dyad_months(f, *chosen) if chosen else []
            out["score"] = score_figure(rows, meaning, chosen)
    if "network" in wanted:
        out["network"] = network_figure(edges[:network_edges])
    if "progress" in wanted:
        progress = project.overview_progress(f.scheme)
        title = "Coding progress (documents; each annotator's own done marks)" if progress.team else \
            "Coding progress (documents)"
        out["progress"] = ProgressFigure(title, progress)
    return Overview(f, scheme.name, dyad_choices=choices, **out)
