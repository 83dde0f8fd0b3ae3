"""Small text helpers the window needs (sentences, span lookup); no Qt.

``sentence_bounds`` belongs in core next to the coder's sentence splitter; it lives here until core
exposes the sentences it stores.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..core.model import Span

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+|\n\s*\n|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: split after . ! ? followed by space, and at line breaks."""
    out: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if text[start:end].strip():
            out.append(_strip(text, start, end))
        start = match.end()
    if text[start:].strip():
        out.append(_strip(text, start, len(text)))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(bounds: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence holding ``pos`` (or the one just before it when ``pos`` falls between sentences)."""
    if not bounds:
        return None
    i = bisect.bisect_right([s for s, _ in bounds], pos) - 1
    return bounds[max(i, 0)]


class SpanIndex:
    """Spans of one document sorted by start, for 'which span is at this character' lookups."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self.spans]
        self._longest = max((s.end - s.start for s in self.spans), default=0)

    def at(self, pos: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, pos - self._longest)
        hi = bisect.bisect_right(self._starts, pos)
        return [s for s in self.spans[lo:hi] if s.start <= pos < s.end]

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]

    def exact(self, start: int, end: int) -> Span | None:
        return next((s for s in self.within(start, end) if s.start == start and s.end == end), None)

    def next_after(self, pos: int) -> Span | None:
        i = bisect.bisect_right(self._starts, pos)
        return self.spans[i] if i < len(self.spans) else None

    def previous_before(self, pos: int) -> Span | None:
        i = bisect.bisect_left(self._starts, pos) - 1
        return self.spans[i] if i >= 0 else None
