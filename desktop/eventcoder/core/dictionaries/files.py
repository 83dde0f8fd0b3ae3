"""Reading a dictionary file: its text (UTF-8, UTF-16 with a byte order mark, else Windows-1252 with a warning;
a binary file is a :class:`DictionaryError`), its lines without comments or ``<!-- -->`` blocks, and the
problems found on the way (:class:`DictionaryProblem`: file, 1-based line, severity)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eventcoder.core.errors import DictionaryError, Problem

ERROR = "error"
"""Severity of a problem that makes a dictionary untrustworthy or useless: ``scheme validate`` fails."""
WARNING = "warning"
"""Severity of a line left out (or read with a doubt) in a file that otherwise works."""

DICTIONARY_KINDS = ("verbs", "actors", "agents", "discards")


@dataclass(frozen=True)
class DictionaryProblem(Problem):
    """A problem in a dictionary file: ``severity`` is :data:`ERROR` or :data:`WARNING`; ``skipped`` says
    whether the line was left out (False: it was read, e.g. a name with a control character)."""

    severity: str = WARNING
    skipped: bool = True

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def strip_comment(line: str) -> str:
    """Drop a ``#`` comment, but not a ``#`` inside ``[...]`` (codes like ``[###]``)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Characters that do not occur in a text file (tab, newline, form feed etc. excepted)."""
_NEWLINE = re.compile(r"\r\n|\r|\n")  # as an editor counts lines (str.splitlines also splits at \x1c, \x85...)
BINARY_SHARE = 0.10
"""A file whose first 64 KiB are more than this share of control characters is binary, not text."""


def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str:
    """The text of a dictionary file: UTF-8 (a byte order mark is dropped) or UTF-16 with a byte order mark;
    else Windows-1252 (or Latin-1) with a warning at the first line that is not UTF-8. DictionaryError for a
    binary file (more than ``BINARY_SHARE`` control characters)."""
    src = str(path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DictionaryError(
                [DictionaryProblem(src, None, f"not a text file: bad UTF-16 ({exc.reason})", ERROR)],
                summary="cannot read a dictionary file",
            ) from exc
    else:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text, encoding = raw.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "Latin-1"
            line = raw.count(b"\n", 0, exc.start) + 1
            problems.append(DictionaryProblem(
                src, line, f"not UTF-8 (undecodable bytes from this line on): the file is read as {encoding}; "
                "save it as UTF-8", WARNING, skipped=False,
            ))
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > BINARY_SHARE * len(sample):
        hint = ""
        if sample.count("\x00") > 0.3 * len(sample):
            hint = " (UTF-16 without a byte order mark? save it as UTF-8)"
        raise DictionaryError(
            [DictionaryProblem(src, None, f"binary file, not a text dictionary{hint}", ERROR)],
            summary="cannot read a dictionary file",
        )
    return text


def _lines(path: Path, problems: list[Problem], counts: dict[str, int] | None = None,
           comments: dict[int, str] | None = None) -> Iterable[tuple[int, str]]:
    """Yield (line number, text without comments) skipping blank lines and ``<!-- -->`` blocks.

    A line with a NUL byte is an error and is skipped; another control character is a warning (the line
    is read: such a word never matches text). ``counts[str(path)]`` counts the lines with content;
    ``comments[line number]`` gets the comment of each line yielded that has one (the text after ``#``).
    """
    src = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            [DictionaryProblem(src, None, f"cannot read: {exc.strerror or exc}", ERROR)],
            summary="cannot read a dictionary file",
        ) from exc
    text = _decode(path, raw, problems)
    if counts is not None:
        counts.setdefault(src, 0)
    in_html = False
    for no, line in enumerate(_NEWLINE.split(text), start=1):
        s = line.strip()
        if in_html:
            if "-->" in s:
                in_html = False
            continue
        if s.startswith("<!"):
            if "-->" not in s:
                in_html = True
            continue
        s = strip_comment(line).rstrip()
        if not s.strip():
            continue
        if comments is not None and len(s) < len(line.rstrip()):
            comments[no] = line[len(s):].strip().lstrip("#").strip()
        if counts is not None:
            counts[src] += 1
        bad = _CONTROL.search(s)
        if bad and "\x00" in s:
            problems.append(DictionaryProblem(src, no, "NUL byte in the line (is the file damaged?); skipped", ERROR))
            continue
        if bad:
            problems.append(DictionaryProblem(
                src, no, f"control character U+{ord(bad.group()):04X} in the line: that word never matches text",
                WARNING, skipped=False,
            ))
        yield no, s


_OPEN_OF = {"]": "[", "}": "{", ")": "("}


def bracket_trouble(text: str) -> str | None:
    """Why the brackets of a line do not balance (``[ ]``, ``{ }``, ``( )``), or None when they do."""
    stack: list[str] = []
    for ch in text:
        if ch in "[{(":
            stack.append(ch)
        elif ch in _OPEN_OF:
            if not stack:
                return f"unbalanced brackets: {ch!r} without {_OPEN_OF[ch]!r}"
            if stack[-1] != _OPEN_OF[ch]:
                return f"unbalanced brackets: {stack[-1]!r} closed by {ch!r}"
            stack.pop()
    if stack:
        return f"unbalanced brackets: {stack[-1]!r} is never closed"
    return None


def _why(text: str) -> str:
    """`` (unbalanced brackets: ...)`` for a line that cannot be read, or ``""``."""
    trouble = bracket_trouble(text)
    return f" ({trouble})" if trouble else ""
