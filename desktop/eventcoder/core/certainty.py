"""How certain a suggestion is, in bands the window shows (issue 12: "show the least certain differently").

A suggestion's confidence is calibrated (``core/suggest/confidence.py``): a suggestion at 0.8 is right about 80%
of the time on text like the dev data. The bands cut that probability where an analyst's trust changes: below
:data:`UNCERTAIN_BELOW` a suggestion is more likely wrong than right (the window draws it pale and dotted, with a
``?``); from :data:`CERTAIN_FROM` it is right about three times in four or more. Events with no confidence (an
analyst's own) have no band. The window only shows these; the cut-offs live here.
"""

from __future__ import annotations

from collections.abc import Iterable

LOW, MEDIUM, HIGH, NONE = "low", "medium", "high", "none"
UNCERTAIN_BELOW = 0.5
"""Below this calibrated confidence a suggestion is in the ``low`` band: shown as the least certain."""
CERTAIN_FROM = 0.75
"""From this confidence on, ``high``."""
UNCERTAIN_GLYPH = "?"


def certainty_band(confidence: float | None) -> str:
    """``low``, ``medium`` or ``high`` for a calibrated confidence; ``none`` when there is none."""
    if confidence is None:
        return NONE
    if confidence < UNCERTAIN_BELOW:
        return LOW
    return HIGH if confidence >= CERTAIN_FROM else MEDIUM


def least_certain(confidence: float | None) -> bool:
    """Whether a suggestion with this confidence is shown as one of the least certain."""
    return certainty_band(confidence) == LOW


def span_certainty(confidences: Iterable[float | None], own: float | None = None) -> str:
    """The band of a suggested span: that of the most confident pending suggestion using it (a span is only as
    doubtful as the best reading of it), else of the span's own confidence."""
    known = [c for c in confidences if c is not None]
    return certainty_band(max(known) if known else own)


def uncertain_reason() -> str:
    """Why a suggestion is shown as least certain, in words."""
    return f"confidence below {UNCERTAIN_BELOW:.2f}: more often wrong than right"


def describe_bands() -> str:
    """The bands in words (for the legend and tooltips)."""
    return (f"least certain: confidence below {UNCERTAIN_BELOW:.2f} (more often wrong than right); "
            f"certain: {CERTAIN_FROM:.2f} or more")
