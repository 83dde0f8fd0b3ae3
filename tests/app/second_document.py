"""A second article (written for these tests) with fixed suggestions, beside the seed one: lists across
documents need more than one."""

from __future__ import annotations

from eventcoder.core.document import sentence_bounds
from eventcoder.core.model import CodedDocument, Document, SuggestedEvent, SuggestedSpan

SECOND_TEXT = (
    "Farmers block border crossing as talks stall\n\n"
    "Hundreds of farmers from Poland blocked a border crossing with Ukraine on Tuesday, demanding limits on "
    "grain imports. The Polish agriculture minister met the protest leaders in the afternoon.\n\n"
    "Ukraine accused Poland of breaking the transit agreement and asked the European Union to intervene. "
    "Officials in Kyiv said trucks carrying grain had waited for three days."
)


def add_second_document(project, published: str | None = "2024-02-20") -> int:
    """Import the second article and save two suggested events in it; returns its id."""
    doc_id, _ = project.add_document(Document(text=SECOND_TEXT, title="Farmers block border crossing",
                                              source="second.txt", published=published))
    text = SECOND_TEXT
    bounds = sentence_bounds(text)

    def span(phrase, code, layer="actor", after=0):
        start = text.index(phrase, after)
        return SuggestedSpan(start, start + len(phrase), phrase, layer=layer, code=code, confidence=0.8)

    def sentence_of(pos):
        return next((s, e) for s, e in bounds if s <= pos < e)

    spans = [span("farmers from Poland", "POLAGR"), span("Ukraine", "UKR"), span("blocked", None, "trigger"),
             span("Ukraine", "UKR", after=text.index("Ukraine accused")),
             span("Poland", "POL", after=text.index("accused")), span("accused", None, "trigger")]
    events = [
        SuggestedEvent("191", "POLAGR", "UKR", 0, 1, 2, *sentence_of(spans[2].start), date=published,
                       confidence=0.7, evidence="verb 'block'"),
        SuggestedEvent("112", "UKR", "POL", 3, 4, 5, *sentence_of(spans[5].start), date=published,
                       confidence=0.65, evidence="verb 'accuse'"),
    ]
    project.save_coded(doc_id, CodedDocument(spans=spans, events=events, sentences=bounds), scheme="MINI-CAMEO")
    return doc_id
