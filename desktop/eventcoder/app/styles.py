"""How highlights look. Status is never shown by colour alone:
suggested = dashed underline, accepted = solid background, rejected = struck out (and greyed); the least certain
suggestions (``core/certainty.py``) are paler, with a dotted underline, and a ``?`` in the events list."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QTextCharFormat

from ..core.certainty import UNCERTAIN_BELOW, UNCERTAIN_GLYPH
from ..core.model import Layer, Status

KIND_COLOURS = {
    "country": "#1f6fd1",
    "role": "#1b9e57",
    "nonstate": "#d9781c",
    "unknown": "#7a7a7a",
}
LAYER_COLOURS = {
    Layer.TRIGGER.value: "#8e44ad",
    Layer.LOCATION.value: "#138d75",
    Layer.DATE.value: "#8c564b",
}
CURRENT_EVENT = "#ffd24d"  # the selected event's source, trigger and target glow together
CURRENT_RELATION = "#7fdbff"
CHOSEN_ROW = "#d7eedf"  # the adjudication view's chosen coding: a pale tint of the accepted/role green, text readable
RELATION_MARK = "#0b7a8a"
STATUS_GLYPH = {Status.SUGGESTED.value: "○", Status.ACCEPTED.value: "✓", Status.REJECTED.value: "✗"}
UNCERTAIN_COLOUR = "#8a8a8a"  # the events list's text for a least certain suggestion


def status_glyph(status: str, uncertain: bool = False) -> str:
    """The events list's first column: the status, and ``?`` for one of the least certain suggestions."""
    glyph = STATUS_GLYPH.get(status, "?")
    return glyph + UNCERTAIN_GLYPH if uncertain and status == Status.SUGGESTED.value else glyph


def span_colour(layer: str, kind: str, scheme_colour: str | None = None) -> str:
    if layer == Layer.ACTOR.value:
        return KIND_COLOURS.get(kind, KIND_COLOURS["unknown"])
    return LAYER_COLOURS.get(layer) or scheme_colour or KIND_COLOURS["unknown"]


@lru_cache(maxsize=512)
def span_format(colour: str, status: str, trigger: bool, emphasis: str | None, related: bool,
                uncertain: bool = False) -> QTextCharFormat:
    """One shared format per look. Only colours and lines change: no font metrics, so no relayout. ``uncertain``
    (a suggested span whose best reading is among the least certain): paler, dotted underline."""
    fmt = QTextCharFormat()
    base = QColor(colour)
    if trigger:
        fmt.setForeground(base.darker(130))
    if status == Status.ACCEPTED.value:
        bg = QColor(base)
        bg.setAlpha(70)
        fmt.setBackground(bg)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(base)
    elif status == Status.REJECTED.value:
        fmt.setFontStrikeOut(True)
        fmt.setForeground(QColor("#9a9a9a"))
    elif uncertain:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(base.lighter(140))
        bg = QColor(base)
        bg.setAlpha(9)
        fmt.setBackground(bg)
        if trigger:
            fmt.setForeground(base.lighter(115))
    else:
        fmt.setUnderlineStyle(
            QTextCharFormat.UnderlineStyle.DotLine if trigger else QTextCharFormat.UnderlineStyle.DashUnderline
        )
        fmt.setUnderlineColor(base)
        bg = QColor(base)
        bg.setAlpha(22)
        fmt.setBackground(bg)
    if related:
        fmt.setFontOverline(True)
    if emphasis == "event":
        fmt.setBackground(QColor(CURRENT_EVENT))
    elif emphasis == "relation":
        fmt.setBackground(QColor(CURRENT_RELATION))
    return fmt


LEGEND_HTML = (
    "<b>Highlights</b>: "
    f"<span style='color:{KIND_COLOURS['country']}'>■ country</span> "
    f"<span style='color:{KIND_COLOURS['role']}'>■ role</span> "
    f"<span style='color:{KIND_COLOURS['nonstate']}'>■ non-state</span> "
    f"<span style='color:{KIND_COLOURS['unknown']}'>■ unknown actor</span> "
    f"<span style='color:{LAYER_COLOURS['trigger']}'>■ trigger</span> · "
    "<u style='text-decoration-style:dashed'>dashed = suggested</u> · "
    "<span style='background:#cfe0f6'>solid = accepted</span> · <s>struck = rejected</s> · "
    f"<span style='color:{UNCERTAIN_COLOUR}; text-decoration: underline dotted'>pale dotted, ○"
    f"{UNCERTAIN_GLYPH} = least certain suggestion (confidence below {UNCERTAIN_BELOW:.2f})</span> · "
    f"<span style='background:{CURRENT_EVENT}'>selected event</span> · overline = in a relation"
)
