"""What every import format shares: the registry (``IMPORTERS``, ``SUFFIXES``, ``SNIFFERS``, :func:`importer`),
:class:`AnnotatedDocument`, the checks of a JSON line and of a text's length; and the plain formats (text,
JSON Lines, CSV).

The annotation formats (brat, PLOVER JSONL) live in their own modules and register here when imported;
:mod:`eventcoder.core.io.importers` imports them all and is what callers use. Nothing here imports a format
module, so there is no import cycle between the formats and the registry.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ImportRefused
from ..model import MAX_DOCUMENT_CHARS, Document, Event, Relation, Span
from .dates import decide_order, normalise_date
from .textfiles import describe_surrogate, first_surrogate, read_text, title_of

KNOWN_FIELDS = ("text", "title", "date", "url", "source", "id")
MAX_JSON_DEPTH = 100  # levels of [ and { in one JSON Lines record


@dataclass
class AnnotatedDocument:
    """A document with the analyst's annotations, as read from an annotation format.

    ``Event`` span ids and ``Relation`` span ids here are indices into ``spans``; the
    document is matched to one already in the project by ``attach_to`` (an id) or by text.
    """

    document: Document
    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    attach_to: int | None = None
    event_lines: list[int] = field(default_factory=list)  # the file line of each event, when the format has lines


Reader = Callable[[Path], "list[Document | AnnotatedDocument]"]
IMPORTERS: dict[str, Reader] = {}  # by format name
SUFFIXES: dict[str, str] = {}  # file suffix -> format name
SNIFFERS: list[Callable[[Path], str | None]] = []  # content-based detection, first answer wins


def importer(name: str, *suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        IMPORTERS[name] = fn
        for suffix in suffixes:
            SUFFIXES.setdefault(suffix, name)
        return fn

    return register


@importer("txt", ".txt", ".text")
def read_txt(path: Path) -> list[Document]:
    """A plain-text article. Title: the first line when it reads like a headline, else the article's opening
    words (what an analyst recognises in a list; the file name stays in ``source``)."""
    text = read_text(path)
    check_length(text, str(path))
    return [Document(text=text, title=title_of(text) or path.stem, source=path.name)]


def check_length(text: str, where: str) -> None:
    """Refuse a document over ``MAX_DOCUMENT_CHARS`` (the window could not show it, spaCy could hardly read it)."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ImportRefused(
            f"{where}: {len(text):,} characters, over the limit of {MAX_DOCUMENT_CHARS:,} per document; "
            "split it into articles"
        )


def load_json_line(line: str, where: str) -> Any:
    """The JSON value on one line of a JSON Lines file, or :class:`ImportRefused` naming ``where``.

    Refused: invalid JSON, nesting deeper than ``MAX_JSON_DEPTH`` (Python's parser would raise RecursionError
    a little deeper), an integer longer than Python reads (4,300 digits), a lone surrogate (``"\\ud800"``:
    not Unicode, SQLite cannot store it).
    """
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise ImportRefused(f"{where}: JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of [ and {{)") from exc
    except ValueError as exc:  # int("9" * 5000): over sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits()
        raise ImportRefused(f"{where}: a number over {limit:,} digits long; write it as a string") from exc
    _check_json(value, where)
    return value


def _check_json(value: Any, where: str) -> None:
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:  # no recursion: the value may be nested as deep as the parser allowed
        item, depth = stack.pop()
        if isinstance(item, str):
            bad = first_surrogate(item)
            if bad is not None:
                raise ImportRefused(f"{where}: {describe_surrogate(item[bad], 'in a JSON string')}")
        elif isinstance(item, (dict, list)):
            if depth >= MAX_JSON_DEPTH:
                raise ImportRefused(f"{where}: JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of [ and {{)")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def record_text(record: Any, where: str) -> str:
    """A JSON record's ``text``, checked (an object, non-empty text, within the length limit) and with its line
    breaks as the project stores them (``\n``): the same for every format that reads JSON records."""
    if not isinstance(record, dict):
        raise ImportRefused(f"{where}: a record must be an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportRefused(f"{where}: missing or empty 'text'")
    check_length(text, where)
    return text.replace("\r\n", "\n")


def record_date(record: dict[str, Any], where: str, order: str | None = None) -> str | None:
    """A JSON record's ``date`` as ISO-8601, or the reason it is refused. ``order``: the day/month order the
    file's dates decide (:func:`file_date_order`), for an all-numeric date that does not decide it itself."""
    try:
        return normalise_date(record.get("date"), order=order)
    except ValueError as exc:
        raise ImportRefused(f"{where}: {exc}") from exc


def file_date_order(path: Path, dated: list[tuple[str, Any]]) -> str | None:
    """The day/month order the all-numeric dates of one file decide (``13/02/2024`` somewhere: day first), or
    None; a file that writes both orders is refused. ``dated``: (where, record) pairs of the file's records."""
    try:
        return decide_order((where, rec.get("date")) for where, rec in dated if isinstance(rec, dict))
    except ValueError as exc:
        raise ImportRefused(f"{path}: {exc}") from exc


def _record_to_document(record: dict[str, Any], where: str, order: str | None = None) -> Document:
    text = record_text(record, where)
    for key in ("title", "url", "source", "id"):
        if isinstance(record.get(key), (dict, list)):
            kind = "an object" if isinstance(record[key], dict) else "a list"
            raise ImportRefused(f"{where}: '{key}' must be text (or a number), not {kind}")
    published = record_date(record, where, order)
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    ext_id = record.get("id")
    return Document(
        text=text,
        title=str(record.get("title") or "").strip() or title_of(text),
        url=_opt_str(record.get("url")),
        source=_opt_str(record.get("source")),
        published=published,
        external_id=None if ext_id in (None, "") else str(ext_id),
        metadata=extra,
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


@importer("jsonl", ".jsonl", ".ndjson")
def read_jsonl(path: Path) -> list[Document]:
    """A JSON Lines file of articles, read whole: every bad line is found and listed (``FILE:LINE: why``, the
    first :data:`BAD_LINES_LISTED`, then a count) so the analyst can fix them in one go, and the file is refused as
    a whole (nothing of it imported) while any line is bad."""
    text = read_text(path)
    problems: list[str] = []
    records: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            where = f"{path}:{number}"
            try:
                records.append((where, load_json_line(line, where)))
            except ImportRefused as exc:
                problems.append(str(exc))
    order = file_date_order(path, records)
    docs = []
    for where, record in records:
        try:
            docs.append(_record_to_document(record, where, order))
        except ImportRefused as exc:
            problems.append(str(exc))
    if problems:
        raise bad_lines(path, problems)
    if not docs:
        raise ImportRefused(f"{path}: no records")
    return docs


BAD_LINES_LISTED = 50  # the bad lines an import refusal lists, one a line, before it counts the rest


def bad_lines(path: Path, problems: list[str]) -> ImportRefused:
    """The refusal of a file with bad lines: one line, as before, when only one is bad; else how many, that
    nothing was imported, and each bad line on its own line (``FILE:LINE: why``)."""
    if len(problems) == 1:
        return ImportRefused(problems[0])
    more = len(problems) - BAD_LINES_LISTED
    listed = problems[:BAD_LINES_LISTED] + ([f"… and {more} more bad line{'s' if more > 1 else ''}"] if more > 0
                                            else [])
    return ImportRefused(f"{path}: {len(problems)} bad lines; nothing of the file was imported (fix them and "
                         "import it again):\n" + "\n".join(listed))


@importer("csv", ".csv", ".tsv")
def read_csv(path: Path) -> list[Document]:
    """A CSV (or TSV) with a header naming a ``text`` column, its values separated by commas, semicolons or tabs
    (whichever makes the header name a ``text`` column; the suffix's own first: tab for ``.tsv``, comma for
    ``.csv``). Read strictly: a quote that never closes (which would make the rest of the file one field), text
    after a closing quote, or a row with more values than the header has columns refuses the file, naming the
    row. All-numeric dates are read in the day/month order the file's dates decide (:func:`file_date_order`)."""
    text = read_text(path)
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:  # the default, 131,072, is shorter than many articles
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    delimiter, header_line, names = _csv_header(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _csv_rows(reader, path)
    next(rows, None)  # the header, read already
    records: list[tuple[str, dict[str, Any]]] = []
    for line, row in rows:
        if len(row) != len(names) and any(delimiter in v.partition("\n")[2] for v in row):
            # a field that swallowed line breaks and delimiters, and a row the wrong length: rows run together
            runs_to = line + sum(value.count("\n") for value in row)
            raise ImportRefused(
                f"{path}:{line}: a quoted field runs over lines {line}-{runs_to} and the row has {len(row)} "
                f"field(s) where the header has {len(names)}: is a quote unbalanced?"
            )
        if len(row) > len(names) and any(value.strip() for value in row[len(names):]):
            shown = "tab" if delimiter == "\t" else repr(delimiter)
            raise ImportRefused(
                f"{path}:{line}: the row has {len(row)} values where the header has {len(names)} columns; "
                f"quote a value that holds a {shown}, or name the extra columns in the header"
            )
        records.append((f"{path}:{line}", dict(zip(names, row, strict=False))))  # a short row lacks the last columns
    order = file_date_order(path, records)
    docs = [_record_to_document(record, where, order) for where, record in records]
    if not docs:
        raise ImportRefused(f"{path}: no rows")
    return docs


_DELIMITERS = (",", ";", "\t")


def _csv_header(text: str, path: Path) -> tuple[str, int, list[str]]:
    """(delimiter, header line, column names): the first delimiter, the suffix's own tried first, whose header
    names a ``text`` column; else the file is refused, saying what the header was read as."""
    own = "\t" if path.suffix.lower() == ".tsv" else ","
    tried: dict[str, list[str]] = {}
    header_line = 1
    for delimiter in (own, *(d for d in _DELIMITERS if d != own)):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header_line, header = next(_csv_rows(reader, path), (1, []))
        except ImportRefused:
            if delimiter == own:
                raise
            continue
        names = [(name or "").strip().lower() for name in header]
        if "text" in names:
            return delimiter, header_line, names
        tried[delimiter] = names
    columns = tried[own]
    shown = ", ".join(repr(n) for n in columns[:6]) + (", ..." if len(columns) > 6 else "")
    raise ImportRefused(
        f"{path}:{header_line}: no 'text' column in the header (read as {len(columns)} column(s): {shown or 'none'}; "
        "values may be separated by commas, semicolons or tabs)"
    )


_CSV_FIELD_LIMIT = 2**31 - 1  # the file is in memory already; a field over MAX_DOCUMENT_CHARS is refused by length


def _csv_rows(reader: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, fields) for each non-blank row; csv errors refused at the row's start."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportRefused(f"{path}:{start}: {csv_problem(exc, start, reader.line_num)}") from exc
        if row and any(value.strip() for value in row):
            yield start, row


def csv_problem(exc: csv.Error, start: int, line: int) -> str:
    """What is wrong, in the analyst's words, with the CSV row that starts at line ``start`` (the reader stopped
    at ``line``): a quote that never closes, or text after a closing quote."""
    message = str(exc)
    if "end of data" in message:
        return (f"a quote opened in this row never closes, so lines {start}-{line} would be one field; "
                "close it (a quote inside a quoted field is written as two quotes)")
    if "expected after" in message:
        return (f"{message} (line {line}): text after a closing quote; "
                "a quote inside a quoted field is written as two quotes")
    return f"{message} (line {line}): a quote inside a quoted field is written as two quotes"
