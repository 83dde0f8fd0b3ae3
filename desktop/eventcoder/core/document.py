"""The structure of an article's text: headline, dateline, paragraphs, sentences and quotes.

One segmentation for every part of the program: the coder's spaCy pipeline starts its sentences where this
says (:mod:`eventcoder.core.suggest.nlp`), the window's N key takes the caret's sentence from it, and so
does the coding session (:mod:`eventcoder.core.session`). It is deterministic and needs no model: blank
lines, line breaks and punctuation decide every boundary.

* **Paragraphs.** A blank line always ends a paragraph, so it always ends a sentence. A single line break
  ends one too, unless it only wraps a sentence (the next line goes on in lower case, or the lines of a
  hard-wrapped block run to the same width).
* **Headline.** The first paragraph when it is one short line that does not end like a sentence
  (the rule the .txt importer uses for a title) and more text follows: a sentence of its own.
* **Dateline.** ``BAMAKO, Feb 18, 2022 -``, ``WASHINGTON (Reuters) --``, ``GAZA CITY, Palestinian
  Territories:`` at the start of the first body paragraph: a segment of its own, with the place and the
  date as text, so no sentence (and no actor) runs across it.
* **Sentences** inside a paragraph end after ``.``, ``!``, ``?`` or an ellipsis (and any closing quotes or
  brackets) followed by white space and a word that can start a sentence; abbreviations (``Mr.``,
  ``Gen.``), initials (``George W. Bush``) and ``U.S.`` before a name do not end one, nor does ``?” he
  said``.
* **Quotes**: ``“…”`` and ``"…"`` passages; one left open runs to its paragraph's end (a quote that goes on
  in the next paragraph reopens there, as newspapers write it).

Every offset is a Python ``str`` index into the text (end exclusive), the single source of truth for spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

HEADLINE = "headline"
DATELINE = "dateline"
BODY = "body"

HEADLINE_MAX_CHARS = 150  # as the .txt importer's title rule (core/io/importers.py)
_SENTENCE_FINAL = (".", "!", "?", "”", '"')

_BLANK_LINE = re.compile(r"\n[^\S\n\u2028\u2029]*\n\s*|[\u2029]\s*")
_LINE_BREAK = re.compile(r"[\n\u2028]")
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")

# a sentence end: terminal punctuation, closing quotes or brackets, then white space
_END = re.compile(r"(?:\.{2,}|[.!?…]+)[\"”’'»)\]]*(?=\s)")
_OPENERS = "\"“‘'«([{"
_QUOTE_MARK = re.compile('[“”«»"]')

_TITLES = frozenset("""
    mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt cmdr cdr adm brig sgt cpl pvt gov sen rep rev hon
    pres amb sec supt insp det fr sr jr st mt ft no nos vol art fig ch pp para sect dept univ approx est
    jan feb mar apr jun jul aug sep sept oct nov dec vs v viz cf ca al
""".split())
"""Abbreviations that stand before a name or a number: the word after them never starts a sentence."""

_LOWER_TITLES = frozenset("vs v cf ca al approx viz pp para".split())
"""Of those, the ones written in lower case too (a lower-case "no." or "est." may end a sentence)."""

_ENDING_ABBREVIATIONS = frozenset("inc corp co ltd plc llc bros etc".split())
"""Abbreviations that often end a sentence too: the sentence ends when a sentence-opening word follows."""

_NEVER_ENDING = frozenset({"e.g", "i.e", "a.k.a", "cf"})

_SENTENCE_OPENERS = frozenset("""
    a an the he she it they we i you his her its their our my this that these those there here
    in on at by for from with after before during since until when while if as but and or so yet
    however meanwhile earlier later also still then now today yesterday last next some many most all both
    no not one two three according asked speaking officials police
""".split())

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?|"
    rf"{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})|{_WEEKDAY}",
    re.IGNORECASE,
)
_DATELINE_HEAD = re.compile(
    r"(?P<head>[^\n:—–]{2,100}?)\s*(?P<sep>(?<=\S)\s+--?(?=\s)|\s*[—–](?=\s*\S)|:(?=\s))"
)
_AGENCY_HEAD = re.compile(
    r"[^\n()]{2,100}?\s*\((?P<agency>[A-Z][\w.&' -]{0,30})\)(?P<sep>\s*(?:--?|[—–]|:)?)(?=\s*[A-Z“\"‘'(\[])"
)
_AGENCY = re.compile(r"\s*\((?P<agency>[A-Z][\w.&' -]{0,30})\)\s*$")
_PLACE_WORD = re.compile(r"[A-Z][\w.'’-]*|(?:of|de|del|la|le|el|al|upon|on|am|an|der|da|do|di|du|y|and)")
_DATELINE_MAX_PLACE_WORDS = 7


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``kind`` headline, dateline or body; ``paragraph`` indexes ``DocumentStructure.paragraphs``
    (-1 for the headline); ``quoted``: some of its words are inside a quote."""

    start: int
    end: int
    kind: str = BODY
    paragraph: int = -1
    quoted: bool = False

    @property
    def bounds(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; its sentences are ``DocumentStructure.sentences[first:last]``."""

    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class Dateline:
    """``BAMAKO, Feb 18, 2022 -``: where (``start``, ``end``: through its separator) and what it names."""

    start: int
    end: int
    place: tuple[int, int]
    place_text: str
    date: tuple[int, int] | None = None
    date_text: str | None = None
    agency: str | None = None  # "Reuters" in "WASHINGTON (Reuters) -"


@dataclass(frozen=True)
class Quote:
    """A quoted passage from its opening mark to just after its closing one (``closed``), else to its
    paragraph's end."""

    start: int
    end: int
    closed: bool = True


@dataclass(frozen=True)
class DocumentStructure:
    """What :func:`segment` found in one text."""

    length: int
    headline: tuple[int, int] | None
    dateline: Dateline | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.sentences))

    def bounds(self) -> list[tuple[int, int]]:
        """Every sentence's (start, end), in text order (the headline and the dateline included)."""
        return [s.bounds for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding ``pos``, or the one just before it when ``pos`` falls between sentences
        (the first one before any)."""
        if not self.sentences:
            return None
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.sentences[max(i, 0)]

    def sentence_starts(self) -> list[int]:
        return list(self._starts)

    def hard_starts(self) -> list[int]:
        """Where a sentence starts because the layout says so: the first sentence of the headline, the dateline,
        the text after the dateline and each paragraph. A parser may add boundaries between these, never remove
        one."""
        starts = {s.start for s in self.sentences if s.kind != BODY}
        starts.update(self.sentences[p.first].start for p in self.paragraphs if p.first < p.last)
        if self.dateline is not None:
            after = next((s.start for s in self.sentences if s.start >= self.dateline.end), None)
            if after is not None:
                starts.add(after)
        return sorted(starts)

    def unbroken(self) -> list[tuple[int, int]]:
        """The segments no sentence may start inside of: the headline and the dateline (each is one)."""
        return [s.bounds for s in self.sentences if s.kind != BODY]

    def quote_at(self, pos: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= pos < q.end), None)

    def body_start(self) -> int:
        """Where the article's own words begin: after the headline and the dateline."""
        body = next((s for s in self.sentences if s.kind == BODY), None)
        return body.start if body is not None else self.length


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``: ``segment(text).bounds()``."""
    return segment(text).bounds()


def sentence_at(bounds: list[tuple[int, int]] | tuple[tuple[int, int], ...], pos: int) -> tuple[int, int] | None:
    """In a list of sentence bounds in text order: the one holding ``pos`` (or the one just before it)."""
    if not bounds:
        return None
    i = bisect.bisect_right([s for s, _ in bounds], pos) - 1
    return bounds[max(i, 0)]


def dateline_date(text: str, structure: DocumentStructure | None = None, before: str | None = None) -> str | None:
    """The ISO date (``YYYY-MM-DD``) the article's dateline gives (``BAMAKO, Jan 14, 2022 (Wire) -``), or None.

    Read with ``dateparser``; a date without a year ("Jan. 17") takes the latest such day not after ``before``
    (an ISO date: the import's own date or today), as a wire dateline means the story's own days.
    """
    structure = structure if structure is not None else segment(text)
    line = structure.dateline
    if line is None or not line.date_text:
        return None
    return parse_date_text(line.date_text, before)


def parse_date_text(date_text: str, before: str | None = None, order: str | None = None) -> str | None:
    """A date written as news writes it ("Feb 18, 2022", "Jan. 17", "18 February") as ISO, or None: the
    project's one date rule (:func:`eventcoder.core.io.dates.parse_news_date`), so a dateline's ``03/04/2024`` is
    read as an imported record's would be (only in the day/month ``order`` given, never guessed)."""
    from .io.dates import parse_news_date

    return parse_news_date(date_text, before, order)


# ---------------------------------------------------------------------------- segmentation


def segment(text: str) -> DocumentStructure:
    """The headline, dateline, paragraphs, sentences and quotes of ``text``."""
    blocks = [p for b in _blocks(text) for p in _paragraphs_of_block(text, *b)]
    headline: tuple[int, int] | None = None
    if len(blocks) > 1 and _is_headline(text, *blocks[0]):
        headline = blocks.pop(0)
    dateline = _dateline(text, *blocks[0]) if blocks else None
    quotes: list[Quote] = []
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    if headline is not None:
        quotes.extend(_quotes(text, *headline))
        sentences.append(Sentence(*headline, kind=HEADLINE))
    for number, (start, end) in enumerate(blocks):
        first = len(sentences)
        body_start = start
        if number == 0 and dateline is not None:
            sentences.append(Sentence(dateline.start, dateline.end, kind=DATELINE, paragraph=0))
            body_start = _skip_space(text, dateline.end, end)
        quotes.extend(_quotes(text, start, end))
        sentences.extend(Sentence(s, e, kind=BODY, paragraph=number) for s, e in _sentences(text, body_start, end))
        paragraphs.append(Paragraph(start, end, first, len(sentences)))
    if quotes:
        quotes.sort(key=lambda q: q.start)
        sentences = _mark_quoted(sentences, quotes)
    return DocumentStructure(len(text), headline, dateline, tuple(paragraphs), tuple(sentences), tuple(quotes))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _blocks(text: str) -> list[tuple[int, int]]:
    """The text between blank lines, each stripped of white space; empty ones left out."""
    out: list[tuple[int, int]] = []
    start = 0
    for match in _BLANK_LINE.finditer(text):
        s, e = _strip(text, start, match.start())
        if s < e:
            out.append((s, e))
        start = match.end()
    s, e = _strip(text, start, len(text))
    if s < e:
        out.append((s, e))
    return out


def _paragraphs_of_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block split at its line breaks that end a paragraph; the others only wrap a sentence: the next line
    goes on in lower case, the line ends in a hyphenated word, or (a hard-wrapped block, its lines but the
    last about as wide as the widest, none over 100 characters) the line runs to the block's width."""
    lines: list[tuple[int, int]] = []
    pos = start
    for match in _LINE_BREAK.finditer(text, start, end):
        lines.append(_strip(text, pos, match.start()))
        pos = match.end()
    lines.append(_strip(text, pos, end))
    lines = [line for line in lines if line[0] < line[1]]
    if len(lines) == 1:
        return lines
    widths = [e - s for s, e in lines]
    widest = max(widths)
    wrapped = len(lines) >= 3 and widest <= 100 and sum(w >= 0.6 * widest for w in widths[:-1]) >= 0.75 * (
        len(lines) - 1)
    out: list[tuple[int, int]] = []
    para_start = lines[0][0]
    for (s, e), (next_s, _) in zip(lines, lines[1:], strict=False):
        line = text[s:e]
        ends_sentence = bool(_TERMINAL.search(line)) or line.endswith(":")
        soft = ((text[next_s].islower() and not ends_sentence) or bool(re.search(r"\w-$", line))
                or (wrapped and e - s >= 0.6 * widest))
        if not soft:
            out.append((para_start, e))
            para_start = next_s
    out.append((para_start, lines[-1][1]))
    return out


def _is_headline(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    return ("\n" not in line and len(line) <= HEADLINE_MAX_CHARS and not line.endswith(_SENTENCE_FINAL)
            and any(ch.isalpha() for ch in line) and _dateline(text, start, end) is None)


def _dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening the paragraph ``text[start:end]``: places, then perhaps a date and a news agency,
    then a dash or a colon (``BAMAKO, Feb 18, 2022 -``), or the agency alone (``UNITED NATIONS, April 13
    (IANS) The ...``); or the whole paragraph when it names a place and a date or an agency and nothing else
    (``BAMAKO, Feb 18 (Reuters)`` on a line of its own)."""
    room = min(end, start + 160)
    heads: list[tuple[int, int, str]] = []  # (head end, dateline end, separator)
    found = _AGENCY_HEAD.match(text, start, room)
    if found is not None and found.end() < end:
        sep = found.group("sep").strip()
        heads.append((found.end("agency") + 1, found.end() if sep else found.end("agency") + 1, sep))
    found = _DATELINE_HEAD.match(text, start, room)
    if found is not None and found.end() < end:
        heads.append((found.end("head"), found.end("sep"), found.group("sep").strip()))
    if end - start <= 100:
        heads.append((end, end, ""))
    for head_end, dateline_end, sep in heads:
        dateline = _read_dateline(text, start, head_end, dateline_end, sep)
        if dateline is not None:
            return dateline
    return None


def _read_dateline(text: str, start: int, head_end: int, end: int, sep: str) -> Dateline | None:
    """``text[start:head_end]`` read as places, a date and an agency, or None when it is not that."""
    agency = None
    found = _AGENCY.search(text, start, head_end)
    if found is not None:
        agency = found.group("agency")
        head_end = found.start()
    parts = _comma_parts(text, start, head_end)
    if not parts:
        return None
    places: list[tuple[int, int]] = []
    date: tuple[int, int] | None = None
    i = 0
    while i < len(parts):
        s, e = parts[i]
        piece = text[s:e]
        if date is None and places and _DATE.fullmatch(piece):
            date = (s, e)
            if i + 1 < len(parts) and re.fullmatch(r"\d{4}", text[parts[i + 1][0]:parts[i + 1][1]]):
                date = (s, parts[i + 1][1])  # "Feb 18, 2022"
                i += 1
        elif date is None and _is_place(piece):
            places.append((s, e))
        else:
            return None
        i += 1
    if not places or sum(len(text[s:e].split()) for s, e in places) > _DATELINE_MAX_PLACE_WORDS:
        return None
    first = text[places[0][0]:places[0][1]]
    if sep == "" and not (date is not None or (agency and _is_upper(first))):
        return None  # "The United Nations (UN) Security Council ...", a line of capitalised words: no dateline
    if sep == ":" and not (_is_upper(first) or date is not None or agency or len(places) > 1):
        return None  # "President Putin: we ..." is speech
    place = (places[0][0], places[-1][1])
    return Dateline(
        start=start, end=end, place=place, place_text=text[place[0]:place[1]],
        date=date, date_text=text[date[0]:date[1]] if date else None, agency=agency,
    )


def _comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    pos = start
    for i in range(start, end + 1):
        if i == end or text[i] == ",":
            s, e = _strip(text, pos, i)
            if s >= e:
                return []
            parts.append((s, e))
            pos = i + 1
    return parts


def _is_place(piece: str) -> bool:
    words = piece.split()
    return bool(words) and words[0][:1].isupper() and all(_PLACE_WORD.fullmatch(w) for w in words) and not any(
        ch.isdigit() for ch in piece)


def _is_upper(piece: str) -> bool:
    letters = [ch for ch in piece if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one paragraph (``text[start:end]``, stripped)."""
    out: list[tuple[int, int]] = []
    sentence_start = start
    for match in _END.finditer(text, start, end):
        after = _skip_space(text, match.end(), end)
        if after >= end:
            break
        if _ends_sentence(text, sentence_start, match.start(), match.group(), after, end):
            out.append(_strip(text, sentence_start, match.end()))
            sentence_start = after
    s, e = _strip(text, sentence_start, end)
    if s < e:
        out.append((s, e))
    return out


def _ends_sentence(text: str, sentence_start: int, punct_at: int, punct: str, after: int, end: int) -> bool:
    """Does the sentence end at this ``punct`` (white space follows; the next word starts at ``after``)?"""
    pos = after
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    if pos >= end:
        return True
    nxt = text[pos]
    if nxt.islower() or nxt in ",;:)]}%":
        return False  # "?” he said", "... and India...emphasises"
    if not punct.startswith(".") or punct.startswith(".."):
        return True  # ! ? and ellipses before a capital
    word = text[sentence_start:punct_at].rsplit(None, 1)[-1].lstrip(_OPENERS) if punct_at > sentence_start else ""
    low = word.lower()
    next_word = re.match(r"[\w’']+", text[pos:pos + 40])
    opener = next_word is not None and next_word.group().lower() in _SENTENCE_OPENERS
    if low in _NEVER_ENDING or (low in _TITLES and (word[:1].isupper() or low in _LOWER_TITLES)):
        return False
    if low in _ENDING_ABBREVIATIONS:
        return opener
    if len(word) == 1 and word.isupper():
        return False  # an initial: "George W. Bush"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return opener  # "the U.S. The deal" ends one, "the U.S. President" does not
    return True


def _quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quoted passages of one paragraph, in text order (they never overlap)."""
    out: list[Quote] = []
    open_at: int | None = None
    for match in _QUOTE_MARK.finditer(text, start, end):
        i, ch = match.start(), match.group()
        if ch in "“«":
            if open_at is None:
                open_at = i
        elif ch in "”»":
            if open_at is not None:
                out.append(Quote(open_at, i + 1))
                open_at = None
        elif open_at is None:
            if i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-":
                open_at = i
        else:
            out.append(Quote(open_at, i + 1))
            open_at = None
    if open_at is not None:
        out.append(Quote(open_at, end, closed=False))
    return out


def _mark_quoted(sentences: list[Sentence], quotes: list[Quote]) -> list[Sentence]:
    ends = [q.end for q in quotes]
    out = []
    for s in sentences:
        i = bisect.bisect_right(ends, s.start)  # the first quote ending after the sentence starts
        quoted = i < len(quotes) and quotes[i].start < s.end
        out.append(Sentence(s.start, s.end, s.kind, s.paragraph, quoted=True) if quoted else s)
    return out
