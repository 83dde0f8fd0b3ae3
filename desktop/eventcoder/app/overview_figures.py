"""The overview's figures drawn with pyqtgraph (imported only once the Overview dock is first shown: pyqtgraph
takes ~0.5 s to import). Each :class:`FigureView` draws one figure of :mod:`eventcoder.core.overview` and finds
the bar, point or edge under a click."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ..core.overview import (
    DyadsFigure,
    NetworkFigure,
    ProgressFigure,
    QuadsFigure,
    ScoreFigure,
    Selection,
    TypesFigure,
    month_name,
    month_number,
)

QUAD_COLOURS = {1: "#64b5f6", 2: "#1565c0", 3: "#ef9a9a", 4: "#c62828", 0: "#9e9e9e", None: "#bdbdbd"}

EDGE_GAP_PX = 3  # how far apart (pixels) the two directions of a dyad are drawn

pg.setConfigOptions(antialias=True, background="w", foreground="#333")


def share_colour(share: float | None) -> QColor:
    """Blue (cooperation) through grey to red (conflict)."""
    if share is None:
        return QColor("#9e9e9e")
    blue, red = QColor("#1565c0"), QColor("#c62828")
    return QColor(int(blue.red() + (red.red() - blue.red()) * share),
                  int(blue.green() + (red.green() - blue.green()) * share),
                  int(blue.blue() + (red.blue() - blue.blue()) * share))



COUNT_AXIS = {"types": "left", "quads": "left", "dyads": "bottom", "progress": "bottom"}  # the side counting


class CountAxis(pg.AxisItem):
    """An axis of counts (events, documents): ticks on whole numbers only, labelled without decimals -- the
    automatic ticks of a bar of 2 would read 0, 0.5, 1.0, 1.5, 2.0. Along the bottom its 0 (where the bars
    start, at the axis' very end) may stick out a few pixels rather than be left out."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation=orientation)
        if orientation in ("top", "bottom"):
            self.setStyle(hideOverlappingLabels=8)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            if spacing < 1 or abs(spacing - round(spacing)) > 1e-9:
                continue  # a level between whole numbers (0.5, 0.2 …)
            levels.append((spacing, [v for v in values if abs(v - round(v)) < 1e-9]))
        if not levels:  # a range of a count or two: every whole number in it
            low, high = math.ceil(min(minVal, maxVal)), math.floor(max(minVal, maxVal))
            levels = [(1.0, [float(v) for v in range(low, high + 1)])]
        return levels

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [f"{round(v * scale):,}" for v in values]


@dataclass
class _Hit:
    """What a click on a figure picked."""

    selection: Selection


class FigureView(pg.PlotWidget):
    """One figure: draws its data and finds which bar, point or edge a click is on."""

    picked = Signal(object)  # a Selection

    def __init__(self, part: str, parent: QWidget | None = None) -> None:
        side = COUNT_AXIS.get(part)
        super().__init__(parent, axisItems={side: CountAxis(orientation=side)} if side else None)
        self.part = part
        self.setObjectName(f"overview_{part}")
        self.data: Any = None
        self.empty_text = ""  # what an empty figure says instead of axes
        self.setMenuEnabled(False)
        self.hideButtons()
        self.scene().sigMouseClicked.connect(self._clicked)
        self.getPlotItem().vb.setMouseEnabled(x=part in ("quads", "score"), y=False)

    # ------------------------------------------------------------------ drawing

    def show_figure(self, data: Any) -> None:
        self.data = data
        item = self.getPlotItem()
        item.clear()
        item.setTitle(data.title if data is not None else "")
        item.showAxis("left")
        item.showAxis("bottom")
        item.getAxis("bottom").setTicks(None)
        item.getAxis("left").setTicks(None)
        if item.legend is not None:
            item.legend.clear()
        self.empty_text = ""
        if data is None or self._empty(data):  # no made-up 0.1–0.9 axis: say so in words
            self.empty_text = "No documents" if self.part == "progress" else "No events for this filter"
            item.hideAxis("left")  # (setLabel would show them again)
            item.hideAxis("bottom")
            self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            note = pg.TextItem(self.empty_text, color="#666", anchor=(0.5, 0.5))
            note.setPos(0.5, 0.5)
            self.addItem(note)
            return
        draw = getattr(self, f"_draw_{self.part}")
        draw(data)

    def _empty(self, data: Any) -> bool:
        """Whether the figure has nothing to draw (no bar, month, point, dyad, node or document row)."""
        for name in ("bars", "months", "points", "dyads", "nodes", "rows"):
            if hasattr(data, name):
                return not getattr(data, name)
        return False

    def _draw_types(self, data: TypesFigure) -> None:
        counts = [b.count for b in data.bars]
        if counts:
            self.addItem(pg.BarGraphItem(x=list(range(len(counts))), height=counts, width=0.8, brush="#5c6bc0"))
            self.getAxis("bottom").setTicks([[(i, b.key) for i, b in enumerate(data.bars)]])
            self.setXRange(-0.6, len(counts) - 0.4, padding=0)
            self.setYRange(0, max(counts) * 1.05, padding=0)
        self.setLabel("left", "events")

    def _draw_quads(self, data: QuadsFigure) -> None:
        n = len(data.months)
        if not n:
            return
        if self.getPlotItem().legend is None:
            self.addLegend(offset=(10, 10))
        bottom = [0] * n
        for s in data.series:
            self.addItem(pg.BarGraphItem(x=list(range(n)), height=list(s.counts), y0=list(bottom), width=0.9,
                                         brush=QUAD_COLOURS.get(s.quad, "#9e9e9e"), pen=None, name=s.label))
            bottom = [a + b for a, b in zip(bottom, s.counts, strict=True)]
        step = max(1, n // 10)
        self.getAxis("bottom").setTicks([[(i, data.months[i]) for i in range(0, n, step)]])
        self.setXRange(-0.6, n - 0.4, padding=0)
        self.setYRange(0, max(bottom) * 1.1 or 1, padding=0)
        self.setLabel("left", "events")
        if data.undated:
            self.getPlotItem().setTitle(f"{data.title} ({data.undated:,} undated not shown)")

    def _draw_score(self, data: ScoreFigure) -> None:
        points = data.points
        self.setLabel("left", data.score_name)
        if not points:
            return
        xs = [month_number(p.month) for p in points]
        ys = [p.score for p in points]
        curve = pg.PlotDataItem(xs, ys, pen=pg.mkPen("#37474f", width=2), symbol="o", symbolSize=8,
                                symbolBrush="#37474f")
        self.addItem(curve)
        curve.setClipToView(True)  # draw only what is on screen (set once the curve is in the view)
        curve.setDownsampling(auto=True)
        self.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#999")))
        span = max(1, xs[-1] - xs[0])
        step = max(1, span // 8)
        self.getAxis("bottom").setTicks([[(t, month_name(t)) for t in range(xs[0], xs[-1] + 1, step)]])
        self.setXRange(xs[0] - 0.5, xs[-1] + 0.5, padding=0.02)
        low, high = min(ys), max(ys)
        self.setYRange(min(low, 0) - 0.5, max(high, 0) + 0.5, padding=0)

    def _draw_dyads(self, data: DyadsFigure) -> None:
        dyads = data.dyads
        if not dyads:
            return
        n = len(dyads)
        ys = [n - 1 - i for i in range(n)]
        brushes = [share_colour(d.conflict_share) for d in dyads]
        self.addItem(pg.BarGraphItem(x0=[0] * n, y=ys, height=0.7, width=[d.count for d in dyads], brushes=brushes,
                                     pen=None))
        self.getAxis("left").setTicks([[(y, d.label) for y, d in zip(ys, dyads, strict=True)]])
        self.setYRange(-0.6, n - 0.4, padding=0)
        self.setXRange(0, max(d.count for d in dyads) * 1.05, padding=0)
        self.setLabel("bottom", "events (colour: conflict share, blue cooperation to red conflict)")

    def edge_segment(self, data: NetworkFigure, edge: Any) -> tuple[float, float, float, float]:
        """The line an edge is drawn as (x0, y0, x1, y1): source to target, moved a few pixels to its right when
        the reverse dyad is drawn too, so A → B and B → A are two lines side by side."""
        (x0, y0), (x1, y1) = data.position(edge.source), data.position(edge.target)
        if not any(e.source == edge.target and e.target == edge.source for e in data.edges):
            return x0, y0, x1, y1
        px, py = self.getPlotItem().vb.viewPixelSize()
        dx, dy = (x1 - x0) / px, (y1 - y0) / py  # in pixels
        length = math.hypot(dx, dy) or 1.0
        nx, ny = dy / length * EDGE_GAP_PX * px, -dx / length * EDGE_GAP_PX * py
        return x0 + nx, y0 + ny, x1 + nx, y1 + ny

    def _draw_network(self, data: NetworkFigure) -> None:
        self.hideAxis("left")
        self.hideAxis("bottom")
        if not data.nodes:
            return
        xs, ys = [n.x for n in data.nodes], [n.y for n in data.nodes]
        pad_x, pad_y = (max(xs) - min(xs)) * 0.08 or 1.0, (max(ys) - min(ys)) * 0.1 or 1.0
        self.setRange(xRange=(min(xs) - pad_x, max(xs) + pad_x), yRange=(min(ys) - pad_y, max(ys) + pad_y),
                      padding=0)
        top = max((e.count for e in data.edges), default=1)
        for e in data.edges:
            if e.source == e.target:
                continue
            x0, y0, x1, y1 = self.edge_segment(data, e)
            colour = share_colour(e.conflict_share)
            self.addItem(pg.PlotDataItem([x0, x1], [y0, y1], pen=pg.mkPen(colour, width=1 + 5 * e.count / top)))
            # an arrow head two thirds along, pointing to the target (ArrowItem: 0 degrees points left; the angle
            # is the line's on screen)
            px, py = self.getPlotItem().vb.viewPixelSize()
            angle = math.degrees(math.atan2((y1 - y0) / py, (x1 - x0) / px))
            self.addItem(pg.ArrowItem(pos=(x0 + (x1 - x0) * 0.66, y0 + (y1 - y0) * 0.66), angle=180 - angle,
                                      headLen=10, brush=colour, pen=None))
        biggest = max(n.events for n in data.nodes) or 1
        self.addItem(pg.ScatterPlotItem(xs, ys, size=[12 + 26 * n.events / biggest for n in data.nodes],
                                        brush="#eceff1", pen=pg.mkPen("#455a64")))
        for n in data.nodes:
            label = pg.TextItem(n.actor, color="#222", anchor=(0.5, 0.5))
            label.setPos(n.x, n.y)
            self.addItem(label)

    def _draw_progress(self, data: ProgressFigure) -> None:
        rows = data.rows
        n = len(rows)
        ys = [n - 1 - i for i in range(n)]
        done = [r[1] for r in rows]
        todo = [r[2] for r in rows]
        self.addItem(pg.BarGraphItem(x0=[0] * n, y=ys, height=0.7, width=done, brush="#2e7d32", pen=None))
        self.addItem(pg.BarGraphItem(x0=done, y=ys, height=0.7, width=todo, brush="#cfd8dc", pen=None))
        self.getAxis("left").setTicks([[(y, f"{r[0]}  {r[1]:,} done / {r[2]:,} to do")
                                        for y, r in zip(ys, rows, strict=True)]])
        self.setYRange(-0.6, n - 0.4, padding=0)
        self.setXRange(0, max([a + b for a, b in zip(done, todo, strict=True)] + [1]) * 1.05, padding=0)
        self.setLabel("bottom", "documents (green: done)")

    # ------------------------------------------------------------------ picking

    def view_point(self, scene_pos: QPointF) -> QPointF:
        return self.getPlotItem().vb.mapSceneToView(scene_pos)

    def widget_point(self, x: float, y: float) -> QPoint:
        """Where the data point (x, y) is in this widget's viewport (tests click there)."""
        return self.mapFromScene(self.getPlotItem().vb.mapViewToScene(QPointF(x, y)))

    def hit(self, x: float, y: float) -> _Hit | None:
        """The element at data coordinates (x, y), if any."""
        data = self.data
        if data is None:
            return None
        if self.part == "types":
            i = round(x)
            if 0 <= i < len(data.bars) and abs(x - i) <= 0.4 and 0 <= y <= data.bars[i].count:
                return _Hit(data.bars[i].selection)
        elif self.part == "quads":
            i = round(x)
            if 0 <= i < len(data.months) and abs(x - i) <= 0.45 and y >= 0:
                level = 0
                for k, s in enumerate(data.series):
                    if level <= y < level + s.counts[i]:
                        return _Hit(data.selection(k, i))
                    level += s.counts[i]
        elif self.part == "score":
            vb = self.getPlotItem().vb
            (sx, sy) = vb.viewPixelSize()
            best = None
            for p in data.points:
                dx, dy = (month_number(p.month) - x) / sx, (p.score - y) / sy
                d = (dx * dx + dy * dy) ** 0.5
                if d <= 10 and (best is None or d < best[0]):
                    best = (d, p)
            if best is not None:
                return _Hit(best[1].selection)
        elif self.part == "dyads":
            n = len(data.dyads)
            i = n - 1 - round(y)
            if 0 <= i < n and abs(y - round(y)) <= 0.35 and 0 <= x <= data.dyads[i].count:
                return _Hit(data.dyads[i].selection)
        elif self.part == "network":
            return self._edge_at(data, x, y)
        return None

    def _edge_at(self, data: NetworkFigure, x: float, y: float) -> _Hit | None:
        sx, sy = self.getPlotItem().vb.viewPixelSize()
        best = None
        for e in data.edges:
            if e.source == e.target:
                continue
            x0, y0, x1, y1 = self.edge_segment(data, e)
            # distance in pixels from the click to the segment
            ax, ay, bx, by, px, py = x0 / sx, y0 / sy, x1 / sx, y1 / sy, x / sx, y / sy
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1)))
            d = ((ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2) ** 0.5
            if d <= 6 and (best is None or d < best[0]):
                best = (d, e)
        return _Hit(best[1].selection) if best is not None else None

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.view_point(event.scenePos())
        found = self.hit(point.x(), point.y())
        if found is not None:
            event.accept()
            self.picked.emit(found.selection)
