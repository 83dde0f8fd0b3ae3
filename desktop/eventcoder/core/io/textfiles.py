"""Reading user-supplied files as text: refuse binary, empty and undecodable files with a message."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ImportRefused

_SURROGATE = re.compile("[\ud800-\udfff]")

_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"SQLite format 3", b"\x7fELF")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), then a detected encoding; never guess on binary."""
    text = _decode(data, name)
    if not text.strip():
        raise ImportRefused(f"{name}: empty file")
    bad = first_surrogate(text)
    if bad is not None:  # a decoder such as UTF-7 can give one; no project can store it
        raise ImportRefused(f"{name}:{line_of(text, bad)}: {describe_surrogate(text[bad], 'in the text')}")
    return text


def first_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate (U+D800..U+DFFF) in ``text``: not Unicode text, not storable."""
    found = _SURROGATE.search(text)
    return found.start() if found else None


def describe_surrogate(char: str, where: str) -> str:
    return f"a lone surrogate \\u{ord(char):04x} {where} (half of a UTF-16 pair, not a character; not valid Unicode)"


def line_of(text: str, index: int) -> int:
    """The 1-based line of ``text`` that character ``index`` is on."""
    return text.count("\n", 0, index) + 1


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise ImportRefused(f"{name}: empty file")
    if data.startswith(_BINARY_SIGNATURES):
        raise ImportRefused(f"{name}: binary file (not text)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportRefused(f"{name}: undecodable UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise ImportRefused(f"{name}: binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise ImportRefused(f"{name}: not valid UTF-8 and no text encoding fits; save it as UTF-8")
    text = str(best)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 4:
        raise ImportRefused(f"{name}: binary file (control characters)")
    return text


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{path}: cannot read ({exc.strerror or exc})") from exc
    text = decode_bytes(data, str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def opening_words(text: str, limit: int = 72) -> str:
    """The first sentence (or ``limit`` characters, cut at a word) of an article without a headline."""
    first = text.strip().split("\n", 1)[0]
    for end in (". ", "? ", "! "):
        if end in first:
            first = first[: first.index(end) + 1]
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first


def title_of(text: str) -> str:
    """The title of an article given none: its first line when that reads like a headline (short, no closing
    full stop), else its opening words (:func:`opening_words`). Every importer names untitled documents so."""
    lines = text.strip().splitlines()
    first = lines[0].strip() if lines else ""
    # a headline may end on a quotation ('Mali tells U.N. to pull out "without delay"'), not on a full stop
    # inside or outside one
    if first and len(first) <= 150 and not first.rstrip("\"”’'").endswith((".", "!", "?")) and len(lines) > 1:
        return first
    return opening_words(text)
