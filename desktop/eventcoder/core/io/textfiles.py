"""Reading user-supplied files as text: refuse binary, empty and undecodable files with a message."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import ImportRefused

_SURROGATE = re.compile("[\ud800-\udfff]")

_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"SQLite format 3", b"\x7fELF")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM, or UTF-16 with one), else Windows-1252 / Latin-1 unless a
    Central European or a detected encoding reads clearly better (:func:`_single_byte`); never guess on binary."""
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
    encoding, text = _single_byte(data)
    if encoding is None:
        raise ImportRefused(f"{name}: not valid UTF-8 and no text encoding fits; save it as UTF-8")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 4:
        raise ImportRefused(f"{name}: binary file (control characters)")
    _note_encoding(name, encoding)
    return text


# ---------------------------------------------------------------------- text that is not UTF-8

WESTERN = ("cp1252", "latin_1")  # Windows-1252 first: Latin-1 with quotes, dashes and the euro sign in 0x80-0x9F
CENTRAL = "cp1250"
ENCODING_NAMES = {"cp1252": "Windows-1252 (Western European)", "latin_1": "Latin-1 (ISO-8859-1)",
                  "cp1250": "Windows-1250 (Central European)"}

# The accented letters of the languages written in the Western and Central European code pages. A decoding is
# judged by how many of its accented letters one language's alphabet explains: Spanish read as Windows-1250 gives
# "seńor" (ń is no Spanish letter, and á é í ó ú no Polish ones), Polish read as Windows-1252 "mo¿e", "³" for ł.
_ALPHABETS = tuple(frozenset(letters) for letters in (
    "áéíóúñü",  # Spanish
    "áâãàçéêíóôõúü",  # Portuguese
    "àâæçéèêëîïôœùûüÿ",  # French
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóúü",  # Catalan
    "äöüßéàè",  # German
    "áéíóúëïöüèàç",  # Dutch
    "æøåéó",  # Danish, Norwegian
    "åäöéü",  # Swedish, Finnish
    "áðéíóúýþæö",  # Icelandic
    "áéíóú",  # Irish
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Croatian, Slovene, Bosnian
    "ăâîșțşţ",  # Romanian
    "äöüõšž",  # Estonian
))
_SYMBOLS_BETWEEN_LETTERS_OK = frozenset("’‘'·-­–—")  # don’t, l·l, a soft hyphen, dashes


def _implausible(text: str) -> int:
    """How many characters of a decoding no Western or Central European text would hold: C1 control characters,
    a symbol inside a word (``mo¿e``, ``³``), and the accented Latin letters the best-fitting alphabet lacks."""
    bad = 0
    counts: dict[str, int] = {}
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        code = ord(ch)
        if 0x80 <= code <= 0x9F:
            bad += 3
        elif ch.isalpha() and (code > 0xFF or "LATIN" in unicodedata.name(ch, "")):  # ª and º are symbols here
            if "LATIN" in unicodedata.name(ch, ""):
                low = ch.lower()
                counts[low] = counts.get(low, 0) + 1
        elif ch not in _SYMBOLS_BETWEEN_LETTERS_OK and 0 < i < len(text) - 1 and text[i - 1].isalpha() \
                and text[i + 1].isalpha():
            bad += 3
    if counts:
        total = sum(counts.values())
        bad += total - max(sum(n for ch, n in counts.items() if ch in alphabet) for alphabet in _ALPHABETS)
    return bad


def _single_byte(data: bytes) -> tuple[str | None, str]:
    """(encoding, text) of a file that is not UTF-8: Windows-1252 (else Latin-1) for Western European text, unless
    another decoding -- Windows-1250, or what charset_normalizer finds -- reads clearly better (at most half the
    implausible characters, :func:`_implausible`). (None, "") when nothing fits."""
    decoded: list[tuple[str, str]] = []
    for encoding in (*WESTERN, CENTRAL):
        try:
            decoded.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    for match in list(from_bytes(data))[:3]:
        if match.chaos <= 0.2 and match.encoding not in (*WESTERN, CENTRAL, "utf_8", "ascii"):
            decoded.append((match.encoding, str(match)))
    scored = [(_implausible(text), n, encoding, text) for n, (encoding, text) in enumerate(decoded)]
    western = next(s for s in scored if s[2] in WESTERN)  # Latin-1 decodes every byte string
    best = min(scored)
    if best[0] * 2 <= western[0] and best[0] < western[0]:
        choice = best
    else:
        choice = western
    if choice is western and western[0] > max(8, len(western[3]) // 10):
        return None, ""  # no decoding reads as text
    return choice[2], choice[3]


_NOTES: ContextVar[list[tuple[str, str]] | None] = ContextVar("encoding_notes", default=None)


def _note_encoding(name: str, encoding: str) -> None:
    notes = _NOTES.get()
    if notes is not None:
        notes.append((name, encoding))


@contextmanager
def encoding_notes() -> Iterator[list[tuple[str, str]]]:
    """Collect (file, encoding) for every file read in the block that was not UTF-8 (or UTF-16 with a BOM): an
    import tells the user which encoding it assumed (:func:`encoding_warning`)."""
    notes: list[tuple[str, str]] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def encoding_warning(name: str, encoding: str) -> str:
    shown = ENCODING_NAMES.get(encoding, encoding)
    return (f"{name}: not UTF-8; read as {shown}. If accented letters look wrong, save the file as UTF-8 and "
            "import it again")


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
    full stop), else its opening words (:func:`opening_words`) -- after its dateline, when it opens with one
    (``KYIV, June 1, 2023 (Wire) - Ukraine said ...`` is titled ``Ukraine said ...``). Every importer names
    untitled documents so, and so does the store for a document added without a title."""
    lines = text.strip().splitlines()
    first = lines[0].strip() if lines else ""
    # a headline may end on a quotation ('Mali tells U.N. to pull out "without delay"'), not on a full stop
    # inside or outside one
    if first and len(first) <= 150 and not first.rstrip("\"”’'").endswith((".", "!", "?")) and len(lines) > 1:
        return first
    return opening_words(_after_dateline(text))


def _after_dateline(text: str) -> str:
    """``text`` from the end of the dateline its first paragraph opens with (the whole text when none does)."""
    from ..document import segment

    structure = segment(text)
    line = structure.dateline
    if line is None or structure.headline is not None or text[: line.start].strip():
        return text
    rest = text[line.end :]
    return rest if rest.strip() else text
