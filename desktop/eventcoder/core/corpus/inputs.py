"""A corpus on disk: its files, cut into shards without loading it, and the records of one shard.

Formats: JSON Lines (``.jsonl``/``.ndjson``), CSV/TSV (``.csv``/``.tsv``, a header naming a ``text`` column) and
Parquet (``.parquet``/``.pq``, a ``text`` column); folders are searched recursively. Each record has ``text`` and
optional ``id``, ``title``, ``date``, ``url``, ``source``, read exactly as ``eventcoder import`` reads them
(:func:`eventcoder.core.io.import_base.record_text` and friends), so a record codes as the imported document would.

:func:`plan` reads each file once, in constant memory, to find where its shards start (byte offsets for JSON Lines
and CSV, row ranges of row groups for Parquet): a shard names its file, its place in it and its first line, and a
worker reads only that part (:func:`read_shard`). A file that cannot be a corpus file (binary, UTF-16, no ``text``
column, a CSV quote that never closes) is refused before any work with ``file:line: reason``; a bad record (invalid
JSON, empty text, a bad date) is only that record's problem: :func:`read_shard` gives its reason and the shard goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import dateline_date
from ..errors import EventCoderError, ImportRefused, Problem, ProblemsError
from ..io.import_base import KNOWN_FIELDS, _record_to_document, csv_problem, load_json_line
from ..io.textfiles import describe_surrogate, first_surrogate, line_of
from ..model import Document

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet"}
DEFAULT_SHARD_SIZE = 1000  # records per shard
_CHUNK = 8 * 1024 * 1024
_BINARY = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"SQLite format 3", b"\x7fELF")
_CSV_FIELD_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class Shard:
    """One piece of one input file: what a worker reads and codes, and what the manifest records once done."""

    key: str  # stable across runs: the file's content fingerprint and the shard's number
    path: str
    fmt: str  # jsonl, csv, tsv, parquet
    index: int
    start: int  # byte offset (jsonl, csv) or first row (parquet)
    end: int  # byte offset or row, exclusive
    first_line: int  # 1-based line (jsonl, csv) or row (parquet) of the first record
    records: int  # lines or rows in it (for progress; blank lines count)
    header: tuple[str, ...] = ()  # csv/tsv: the column names, lower-cased
    groups: tuple[tuple[int, int, int], ...] = field(default=())  # parquet: (row group, start, stop) pieces


@dataclass
class Record:
    """A record of a shard as a document to code, or why it cannot be one."""

    where: str  # file:line (or file:row N)
    id: str | None
    document: Document | None = None
    error: str | None = None


# --------------------------------------------------------------------------- the files


def corpus_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The corpus files named, and those inside folders named (recursively, sorted); refused with a message when a
    path does not exist or a named file is of no corpus format."""
    out: list[Path] = []
    problems: list[Problem] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")
                     and p.suffix.lower() in FORMATS]
            if not found:
                problems.append(Problem(str(path), None, f"no corpus files in this folder ({_known()})"))
            out += found
        elif not path.exists():
            problems.append(Problem(str(path), None, "no such file or folder"))
        elif path.suffix.lower() not in FORMATS:
            problems.append(Problem(str(path), None, f"unknown file type {path.suffix or '(none)'}; use {_known()}"))
        else:
            out.append(path)
    if problems:
        raise _refused(problems)
    if not out:
        raise EventCoderError("no corpus input given")
    return out


def _known() -> str:
    return ", ".join(sorted(FORMATS))


def fingerprint(path: Path) -> str:
    """What identifies a file's content across runs without reading all of it: its size and its first and last MB."""
    size = path.stat().st_size
    digest = hashlib.sha1(str(size).encode())
    with path.open("rb") as fh:
        digest.update(fh.read(1 << 20))
        if size > 2 << 20:
            fh.seek(size - (1 << 20))
            digest.update(fh.read())
    return digest.hexdigest()[:12]


def plan(files: Iterable[Path], shard_size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """Every file cut into shards of ``shard_size`` records (lines for JSON Lines, CSV records, Parquet rows).

    Every problem of every file is collected and raised together (:class:`ProblemsError`, ``file:line: reason``)
    before any work: a run never stops half way on a file it could have refused at the start."""
    if shard_size < 1:
        raise EventCoderError("--shard-size must be at least 1")
    shards: list[Shard] = []
    problems: list[Problem] = []
    for path in files:
        fmt = FORMATS[path.suffix.lower()]
        try:
            if fmt == "jsonl":
                shards += _plan_jsonl(path, shard_size)
            elif fmt == "parquet":
                shards += _plan_parquet(path, shard_size)
            else:
                shards += _plan_csv(path, fmt, shard_size)
        except _Refused as exc:
            problems.append(Problem(str(path), exc.line, exc.message))
        except OSError as exc:
            problems.append(Problem(str(path), None, f"cannot read ({exc.strerror or exc})"))
    if problems:
        raise _refused(problems)
    return shards


def _refused(problems: list[Problem]) -> ProblemsError:
    """One line for one problem (``the corpus input was refused: FILE:3: why; nothing was coded``); a list for more."""
    if len(problems) == 1:
        return ProblemsError([], f"the corpus input was refused: {problems[0]}; nothing was coded")
    return ProblemsError(problems, f"the corpus input was refused ({len(problems)} problems); nothing was coded")


class _Refused(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _key(path: Path, fp: str, index: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem)[:40] or "input"
    return f"{stem}-{fp}-{index:05d}"


def _check_head(path: Path) -> bytes:
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise _Refused("empty file")
    if head.startswith(_BINARY):
        raise _Refused("binary file (not text)")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Refused("UTF-16 text; save it as UTF-8 to code it as a corpus")
    if b"\x00" in head:
        raise _Refused("binary file (contains NUL bytes)")
    return head


def _plan_jsonl(path: Path, shard_size: int) -> list[Shard]:
    _check_head(path)
    fp = fingerprint(path)
    cuts = [0]  # byte offsets where shards start
    lines = 0
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            pos = 0
            while True:
                need = shard_size * len(cuts) - lines  # newlines still to pass before the next cut
                if chunk.count(b"\n", pos) < need:
                    lines += chunk.count(b"\n", pos)
                    break
                for _ in range(need):
                    pos = chunk.index(b"\n", pos) + 1
                lines += need
                cuts.append(offset + pos)
            offset += len(chunk)
    total_lines = lines + (1 if offset and cuts[-1] != offset else 0)  # a last line without a line break
    if len(cuts) > 1 and cuts[-1] == offset:
        cuts.pop()
    shards = []
    for index, start in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else offset
        first = index * shard_size + 1
        count = min(shard_size, total_lines - index * shard_size)
        shards.append(Shard(_key(path, fp, index), str(path), "jsonl", index, start, end, first, count))
    return shards


def _plan_csv(path: Path, fmt: str, shard_size: int) -> list[Shard]:
    """CSV records found with the csv module itself (a quoted field may hold line breaks), fed line by line so each
    record's end is a known byte offset; refused as ``eventcoder import`` refuses: no ``text`` column, a quote that
    never closes, text after a closing quote."""
    _check_head(path)
    fp = fingerprint(path)
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    consumed = 0  # bytes the csv reader has taken: it reads no line ahead of the record it returns
    delimiter = "\t" if fmt == "tsv" else ","

    with path.open("rb") as fh:

        def lines() -> Iterator[str]:
            nonlocal consumed
            for raw in fh:
                if consumed == 0:
                    raw_text = raw.removeprefix(b"\xef\xbb\xbf")
                else:
                    raw_text = raw
                consumed += len(raw)
                yield raw_text.decode("utf-8", errors="replace")

        reader = csv.reader(lines(), delimiter=delimiter, strict=True)
        header: list[str] | None = None
        cuts: list[tuple[int, int]] = []  # (byte offset, line) where a shard starts
        rows = 0
        while True:
            start_line, start = reader.line_num + 1, consumed
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise _Refused(csv_problem(exc, start_line, reader.line_num), start_line) from exc
            if not row or not any(v.strip() for v in row):
                continue
            if header is None:
                header = [(name or "").strip().lower() for name in row]
                if "text" not in header:
                    raise _Refused("no 'text' column in the header", start_line)
                continue
            if rows % shard_size == 0:
                cuts.append((start, start_line))
            rows += 1
        total = consumed
    if header is None:
        raise _Refused("no header row")
    if not cuts:
        raise _Refused("no rows")
    shards = []
    for index, (start, line) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else total
        count = min(shard_size, rows - index * shard_size)
        shards.append(Shard(_key(path, fp, index), str(path), fmt, index, start, end, line, count, tuple(header)))
    return shards


def _installed(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def require_corpus_extra(dask: bool = False) -> None:
    """Refuse, before any work and in one line, a corpus command whose libraries (the ``corpus`` extra: PyArrow,
    and Dask for the dask engine) are not installed, naming the install command."""
    missing = [name for name, module in (("PyArrow", "pyarrow"), ("Dask", "dask"), ("Dask", "distributed"))
               if (module == "pyarrow" or dask) and not _installed(module)]
    if missing:
        from ... import __version__

        what = " and ".join(dict.fromkeys(missing))
        raise EventCoderError(
            f"corpus commands need {what} (the corpus extra): pip install 'eventcoder[corpus]' "
            f"(from a wheel: pip install 'eventcoder-{__version__}-py3-none-any.whl[corpus]'); nothing was done"
        )


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:  # the [corpus] extra
        require_corpus_extra()
        raise EventCoderError(f"PyArrow cannot be loaded ({exc})") from exc
    return pyarrow


def _plan_parquet(path: Path, shard_size: int) -> list[Shard]:
    pa = _pyarrow()
    try:
        pf = pa.parquet.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise _Refused(f"not a Parquet file ({exc})") from exc
    names = [n.lower() for n in pf.schema_arrow.names]
    if "text" not in names:
        raise _Refused(f"no 'text' column (columns: {', '.join(pf.schema_arrow.names) or 'none'})")
    fp = fingerprint(path)
    shards: list[Shard] = []
    pieces: list[tuple[int, int, int]] = []
    first_row = row = 0
    taken = 0

    def close() -> None:
        nonlocal pieces, taken, first_row
        if pieces:
            index = len(shards)
            shards.append(Shard(_key(path, fp, index), str(path), "parquet", index, first_row, row, first_row + 1,
                                taken, groups=tuple(pieces)))
        pieces, taken, first_row = [], 0, row

    for group in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(group).num_rows
        at = 0
        while at < n:
            step = min(n - at, shard_size - taken)
            pieces.append((group, at, at + step))
            at += step
            row += step
            taken += step
            if taken >= shard_size:
                close()
    close()
    if not shards:
        raise _Refused("no rows")
    return shards


# --------------------------------------------------------------------------- one shard's records


def read_shard(shard: Shard) -> Iterator[Record]:
    """The records of one shard, each a :class:`Document` as ``eventcoder import`` would store it, or the reason it
    cannot be one (with its ``file:line`` and, where it could be read, its id)."""
    if shard.fmt == "parquet":
        yield from _parquet_records(shard)
        return
    with open(shard.path, "rb") as fh:
        fh.seek(shard.start)
        data = fh.read(shard.end - shard.start)
    if shard.start == 0:
        data = data.removeprefix(b"\xef\xbb\xbf")
    if shard.fmt == "jsonl":
        yield from _jsonl_records(shard, data)
    else:
        yield from _csv_records(shard, data)


def _jsonl_records(shard: Shard, data: bytes) -> Iterator[Record]:
    for number, raw in enumerate(data.split(b"\n"), start=shard.first_line):
        if not raw.strip():
            continue
        where = f"{shard.path}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(where, None, error=f"{where}: not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        line = line.replace("\r\n", "\n").replace("\r", "\n")  # as import reads the file
        try:
            record = load_json_line(line, where)
        except ImportRefused as exc:
            yield Record(where, None, error=str(exc))
            continue
        yield _record(record, where)


def _csv_records(shard: Shard, data: bytes) -> Iterator[Record]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:  # find the lines that are not UTF-8; the others are read
        good = []
        for number, raw in enumerate(data.split(b"\n"), start=shard.first_line):
            try:
                good.append(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                where = f"{shard.path}:{number}"
                yield Record(where, None, error=f"{where}: not valid UTF-8 (byte {exc.start + 1} of the line)")
                good.append("")
        text = "\n".join(good)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as import reads the file
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if shard.fmt == "tsv" else ",", strict=True)
    names = list(shard.header)
    while True:
        line = shard.first_line + reader.line_num
        where = f"{shard.path}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # checked when planned; a file changed since is this record's problem
            yield Record(where, None, error=f"{where}: {exc}")
            return
        if not row or not any(value.strip() for value in row):
            continue
        yield _record(dict(zip(names, row, strict=False)), where)


def _parquet_records(shard: Shard) -> Iterator[Record]:
    pa = _pyarrow()
    pf = pa.parquet.ParquetFile(shard.path)
    columns = [n for n in pf.schema_arrow.names if n.lower() in KNOWN_FIELDS]
    row = shard.first_line
    for group, start, stop in shard.groups:
        table = pf.read_row_group(group, columns=columns).slice(start, stop - start)
        values = {name.lower(): table.column(name).to_pylist() for name in columns}
        for k in range(table.num_rows):
            where = f"{shard.path}:row {row}"
            row += 1
            record = {name: col[k] for name, col in values.items() if col[k] is not None}
            yield _record(record, where)


def _record(record: Any, where: str) -> Record:
    rid = record.get("id") if isinstance(record, dict) else None
    rid = None if rid in (None, "") or isinstance(rid, dict | list) else str(rid)
    try:
        doc = _record_to_document(record, where)
    except ImportRefused as exc:
        return Record(where, rid, error=str(exc))
    bad = first_surrogate(doc.text)
    if bad is not None:
        return Record(where, rid, error=f"{where}: {describe_surrogate(doc.text[bad], 'in the text')} "
                                         f"(line {line_of(doc.text, bad)} of the text)")
    if not doc.published:  # as `eventcoder import` does: a record with no date takes its dateline's
        doc.published = dateline_date(doc.text)
    return Record(where, rid, doc)
