"""Small readers of a coder's output shared by the coder's tests (importable as ``coding_checks``: pytest's
``pythonpath`` in pyproject.toml)."""

from __future__ import annotations

from contextlib import contextmanager


def sentence_events(coded, text: str, sentence_with: str, root_only: bool = True) -> set[tuple]:
    """(source, root or code, target) of the events not negated in the sentence of ``text`` holding
    ``sentence_with``."""
    return {(e.source_code, e.event_code[:2] if root_only else e.event_code, e.target_code) for e in coded.events
            if "negated" not in e.flags and sentence_with in text[e.sentence_start:e.sentence_end]}


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
