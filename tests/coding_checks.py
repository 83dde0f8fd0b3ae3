"""Small readers of a coder's output shared by the coder's tests (importable as ``coding_checks``: pytest's
``pythonpath`` in pyproject.toml)."""

from __future__ import annotations

from contextlib import contextmanager


def sentence_events(coded, text: str, sentence_with: str, root_only: bool = True) -> set[tuple]:
    """(source, root or code, target) of the events not negated in the sentence of ``text`` holding
    ``sentence_with``."""
    return {(e.source_code, e.event_code[:2] if root_only else e.event_code, e.target_code) for e in coded.events
            if "negated" not in e.flags and sentence_with in text[e.sentence_start:e.sentence_end]}


def code_articles(coder, dated: dict[str, str], threshold: bool = True) -> dict:
    """Each text of ``dated`` (text -> its date) coded whole; with ``threshold=False`` no suggestion is held back for
    a low confidence (for tests whose subject is a reading, not the threshold)."""
    was = coder.min_confidence
    if not threshold:
        coder.min_confidence = 0
    try:
        return {text: coder.code_text(text, date=date) for text, date in dated.items()}
    finally:
        coder.min_confidence = was


def article_events(coded: dict, text: str, sentence_with: str) -> set[tuple]:
    """:func:`sentence_events` with full codes, for articles coded by :func:`code_articles`."""
    return sentence_events(coded[text], text, sentence_with, root_only=False)


def actors_at(coded, text: str, phrase: str, after: str = "") -> list:
    """The actor spans of ``coded`` covering the start of ``phrase`` in ``text`` (its first place after ``after``)."""
    at = text.index(phrase, text.index(after) if after else 0)
    return [s for s in coded.spans if s.layer == "actor" and s.start <= at < s.end]


def actor(coded, text: str, phrase: str, after: str = ""):
    """The first actor span of ``coded`` covering ``phrase`` (see :func:`actors_at`); StopIteration if none."""
    return next(iter(actors_at(coded, text, phrase, after)))


def events_with_blocks(coder, text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(source, code, target, verb block) of each event the coder suggests for ``text``."""
    out = []
    for e in coder.code_text(text).events:
        rules = (e.provenance or {}).get("rules") or {}
        out.append((e.source_code, e.event_code, e.target_code, rules.get("block")))
    return out


def codes(coder, text: str) -> set[str]:
    """The event codes the coder suggests for ``text``."""
    return {c for _s, c, _t, _b in events_with_blocks(coder, text)}


@contextmanager
def recall_off(coder, *names: str):
    """The coder's recall rules ``names`` switched off for a block (the coder's own set restored after)."""
    was = coder._recall_off
    coder._recall_off = was | frozenset(names)
    try:
        yield coder
    finally:
        coder._recall_off = was


def triples(coder, text: str, date: str | None = None) -> set[tuple]:
    """(source, code, target) of the events of ``text``: a lone text through ``events_with_blocks``, a dated one
    (an article) coded with its date."""
    if date is None:
        return {(s, c, t) for s, c, t, _b in events_with_blocks(coder, text)}
    doc = coder.code_text(text, date=date)
    return {(e.source_code, e.event_code, e.target_code) for e in doc.events}

