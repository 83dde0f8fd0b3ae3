"""``eventcoder report``: the overview's figures as one self-contained HTML file, plus each figure as PNG and SVG
and its data as CSV beside it.

The figures are :mod:`eventcoder.core.overview`'s (the window's overview draws the same data); they are drawn
with matplotlib's Agg canvas (no display, no pyplot state) and embedded in ``report.html`` as base64 PNG, so the
file opens in any browser with no network and no other file. Every file is written beside its final name and
renamed into place once complete; ``report.html`` comes last.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import html
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EventCoderError
from .overview import (
    PARTS,
    DyadsFigure,
    NetworkFigure,
    Overview,
    ProgressFigure,
    QuadsFigure,
    ScoreFigure,
    TypesFigure,
    build_overview,
    month_name,
    month_number,
)
from .schemes import CodingScheme
from .store.overview import ActorCount, OverviewFilter, Totals

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .store import Project

CONFLICT_RED = "#c62828"
COOPERATION_BLUE = "#1565c0"
QUAD_COLOURS = {1: "#64b5f6", 2: "#1565c0", 3: "#ef9a9a", 4: "#c62828", 0: "#9e9e9e", None: "#bdbdbd"}
TOP_ACTORS = 20


@dataclass
class ReportResult:
    html: Path
    files: list[Path] = field(default_factory=list)
    totals: Totals | None = None
    events: int = 0  # events under the filter (the figures' total)


# --------------------------------------------------------------------------- files


def _write_atomic(path: Path, write: Callable[[io.IOBase], None], binary: bool = False) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        mode = "wb" if binary else "w"
        kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as out:
            write(out)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    def write(out: Any) -> None:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)

    _write_atomic(path, write)


# --------------------------------------------------------------------------- drawing (matplotlib, Agg)


def _figure(width: float = 9.0, height: float = 4.2) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def _empty(ax: Any, text: str = "no events under this filter") -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def _whole_counts(axis) -> None:
    """Ticks only at whole numbers on an axis of counts (never "0.5 events")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def draw_types(fig_data: TypesFigure) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    bars = fig_data.bars
    if not bars:
        _empty(ax)
    else:
        xs = range(len(bars))
        ax.bar(xs, [b.count for b in bars], color="#5c6bc0")
        ax.set_xticks(list(xs), [b.key for b in bars], rotation=90 if len(bars) > 24 else 0)
        ax.set_ylabel("events")
        _whole_counts(ax.yaxis)
        for x, b in zip(xs, bars, strict=True):
            ax.annotate(f"{b.count:,}", (x, b.count), ha="center", va="bottom", fontsize=7)
    ax.set_title(fig_data.title)
    return fig


def _month_ticks(ax: Any, months: Sequence[str]) -> None:
    step = max(1, len(months) // 12)
    ticks = list(range(0, len(months), step))
    ax.set_xticks(ticks, [months[i] for i in ticks], rotation=45, ha="right")


def draw_quads(fig_data: QuadsFigure) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    months = fig_data.months
    if not months:
        _empty(ax)
    else:
        bottom = [0] * len(months)
        for s in fig_data.series:
            ax.bar(range(len(months)), s.counts, bottom=bottom, width=0.9, label=s.label,
                   color=QUAD_COLOURS.get(s.quad, "#9e9e9e"))
            bottom = [a + b for a, b in zip(bottom, s.counts, strict=True)]
        _month_ticks(ax, months)
        ax.set_ylabel("events")
        _whole_counts(ax.yaxis)
        ax.legend(fontsize=8, loc="upper left")
    title = fig_data.title + (f" ({fig_data.undated:,} undated not shown)" if fig_data.undated else "")
    ax.set_title(title)
    return fig


def draw_score(fig_data: ScoreFigure) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    points = fig_data.points
    if not points:
        _empty(ax, "no dyad with events under this filter" if fig_data.dyad is None else "no scored events")
    else:
        xs = [month_number(p.month) for p in points]
        ax.plot(xs, [p.score for p in points], marker="o", color="#37474f")
        ax.axhline(0, color="#999", linewidth=0.8)
        step = max(1, (xs[-1] - xs[0]) // 10)
        ticks = list(range(xs[0], xs[-1] + 1, step))
        ax.set_xticks(ticks, [month_name(t) for t in ticks], rotation=45, ha="right")
        ax.set_ylabel(fig_data.score_name)
    ax.set_title(fig_data.title)
    return fig


def _share_colour(share: float | None) -> Any:
    from matplotlib import colormaps

    if share is None:
        return "#9e9e9e"
    return colormaps["coolwarm"](share)


def draw_dyads(fig_data: DyadsFigure) -> Figure:
    fig = _figure(9.0, 0.9 + 0.3 * max(len(fig_data.dyads), 3))
    ax = fig.add_subplot()
    dyads = list(reversed(fig_data.dyads))
    if not dyads:
        _empty(ax)
    else:
        ax.barh(range(len(dyads)), [d.count for d in dyads], color=[_share_colour(d.conflict_share) for d in dyads])
        ax.set_yticks(range(len(dyads)), [d.label for d in dyads], fontsize=8)
        ax.set_xlabel("events (colour: share of conflict among conflict + cooperation)")
        _whole_counts(ax.xaxis)
    ax.set_title(fig_data.title)
    return fig


def draw_network(fig_data: NetworkFigure) -> Figure:
    fig = _figure(8.0, 6.5)
    ax = fig.add_subplot()
    ax.set_axis_off()
    if not fig_data.nodes:
        _empty(ax)
        ax.set_title(fig_data.title)
        return fig
    top = max(e.count for e in fig_data.edges) if fig_data.edges else 1
    for e in fig_data.edges:
        if e.source == e.target:
            continue
        (x0, y0), (x1, y1) = fig_data.position(e.source), fig_data.position(e.target)
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": _share_colour(e.conflict_share), "alpha": 0.75,
                                "linewidth": 0.6 + 3.5 * e.count / top, "shrinkA": 9, "shrinkB": 9,
                                "connectionstyle": "arc3,rad=0.12"})
    biggest = max(n.events for n in fig_data.nodes) or 1
    ax.scatter([n.x for n in fig_data.nodes], [n.y for n in fig_data.nodes],
               s=[60 + 500 * n.events / biggest for n in fig_data.nodes], color="#eceff1", edgecolors="#455a64",
               zorder=3)
    for n in fig_data.nodes:
        ax.annotate(n.actor, (n.x, n.y), ha="center", va="center", fontsize=8, zorder=4)
    ax.set_title(fig_data.title)
    return fig


def draw_progress(fig_data: ProgressFigure) -> Figure:
    rows = fig_data.rows
    fig = _figure(9.0, 0.9 + 0.35 * max(len(rows), 3))
    ax = fig.add_subplot()
    names = [str(r[0]) for r in rows][::-1]
    done = [r[1] for r in rows][::-1]
    todo = [r[2] for r in rows][::-1]
    ax.barh(names, done, color="#2e7d32", label="done")
    ax.barh(names, todo, left=done, color="#cfd8dc", label="to do")
    ax.set_xlabel("documents")
    _whole_counts(ax.xaxis)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(fig_data.title)
    return fig


DRAWERS: dict[str, Callable[[Any], Figure]] = {
    "types": draw_types, "quads": draw_quads, "score": draw_score, "dyads": draw_dyads,
    "network": draw_network, "progress": draw_progress,
}  # fmt: skip


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


# --------------------------------------------------------------------------- the report


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td class=\"{'n' if isinstance(v, int | float) else 't'}\">"
                         f"{html.escape(f'{v:,}' if isinstance(v, int) else str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _describe(f: OverviewFilter, scheme: CodingScheme) -> str:
    status = {"accepted": "accepted events", "suggested": "suggested events",
              "all": "accepted and suggested events"}[f.status]
    dates = ""
    if f.date_from or f.date_to:
        dates = f", dated {f.date_from or '…'} to {f.date_to or '…'}"
    who = f", coded by {f.annotator}" if f.annotator else ""
    layer = f", in {f.layer}" if f.layer else ", every layer" if f.layer_ids is None else ""
    return f"{status}{dates}{who}{layer}; scheme {scheme.name} {scheme.version}"


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0; } th, td { padding: 2px 10px; border-bottom: 1px solid #eee; }
th { text-align: left; background: #f5f5f5; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; } .files { color: #666; font-size: 0.85em; } .note { color: #555; }
"""


def write_report(project: Project, scheme: CodingScheme, out_dir: str | Path, f: OverviewFilter | None = None,
                 *, top_dyads: int = 15, network_edges: int = 60) -> ReportResult:
    """Write ``out_dir/report.html`` (one self-contained file) and, beside it, each figure as ``NAME.png`` and
    ``NAME.svg`` with its data as ``NAME.csv``, plus ``totals.csv``, ``dyads.csv`` and ``actors.csv``."""
    f = f or OverviewFilter()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise EventCoderError(f"{out}: is a file; --out names a folder for the report")
    for guarded in (project.path, Path(f"{project.path}-wal"), Path(f"{project.path}-shm")):
        if out.resolve() == guarded.resolve():
            raise EventCoderError(f"{out}: is the project file; --out names a folder for the report")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EventCoderError(f"{out}: cannot make the report folder ({exc.strerror})") from exc
    overview: Overview = build_overview(project, scheme, f, top_dyads=top_dyads, network_edges=network_edges)
    totals = project.overview_totals(f)
    actors: list[ActorCount] = project.overview_actors(f, TOP_ACTORS)
    result = ReportResult(out / "report.html", totals=totals)
    sections: list[str] = []
    for part in PARTS:
        data = overview.figure(part)
        fig = DRAWERS[part](data)
        png, svg = _png(fig), _svg(fig)
        for suffix, content in ((".png", png), (".svg", svg)):
            path = out / f"{part}{suffix}"
            _write_atomic(path, lambda o, c=content: o.write(c), binary=True)
            result.files.append(path)
        _write_csv(out / f"{part}.csv", data.columns, data.rows)
        result.files.append(out / f"{part}.csv")
        image = base64.b64encode(png).decode("ascii")
        sections.append(
            f"<h2>{html.escape(data.title)}</h2>"
            f"<img alt=\"{html.escape(data.title)}\" src=\"data:image/png;base64,{image}\">"
            f"<p class=\"files\">also {part}.png, {part}.svg; data in {part}.csv</p>"
        )
    if overview.types is not None:
        result.events = overview.types.total
    team = overview.progress is not None and overview.progress.progress.team
    totals_rows = [("documents", totals.documents),
                   ("documents marked done by anyone" if team else "documents marked done",
                    overview.progress.progress.done if overview.progress else 0)]
    totals_rows += [(f"events {status}", n) for status, n in totals.events.items()]
    totals_rows.append(("events in the figures", result.events))
    _write_csv(out / "totals.csv", ("what", "count"), totals_rows)
    dyad_rows = [(d.source or "", d.target or "", d.count, d.conflict, d.cooperation)
                 for d in (overview.dyads.dyads if overview.dyads else ())]
    dyad_columns = ("source", "target", "events", "conflict", "cooperation")
    _write_csv(out / "dyads.csv", dyad_columns, dyad_rows)
    actor_rows = [(a.actor, a.as_source, a.as_target, a.count) for a in actors]
    actor_columns = ("actor", "as_source", "as_target", "events")
    _write_csv(out / "actors.csv", actor_columns, actor_rows)
    result.files += [out / "totals.csv", out / "dyads.csv", out / "actors.csv"]
    title = f"EventCoder report: {project.path.stem}"
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"note\">{html.escape(_describe(f, scheme))}. Event date: the "
        "event's own date, else its article's.</p>"
        f"<h2>Totals</h2>{_table(('what', 'count'), totals_rows)}"
        f"<h2>Top dyads</h2>{_table(dyad_columns, dyad_rows)}"
        f"<h2>Top actors</h2>{_table(actor_columns, actor_rows)}"
        + "".join(sections)
        + "</body></html>\n"
    )
    _write_atomic(result.html, lambda o: o.write(page))
    result.files.append(result.html)
    return result
