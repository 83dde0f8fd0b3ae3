"""brat standoff: export a project to ``NAME.txt`` + ``NAME.ann`` per document, and import it back.

Layout of an exported ``.ann`` (deterministic, so export -> import -> export is byte-identical):

- ``T`` text-bound annotations, sorted by offsets: actors, locations, dates and free triggers take their
  layer as type (``Actor``, ``Location``...); an event's trigger takes the event type (``EV_030``).
  An event without a trigger word is anchored on its sentence and flagged ``NoTrigger``.
- ``E`` events: ``EV_<code>:T<trigger> Source:T<n> Target:T<n> Location:T<n>``.
- ``R`` relations: ``<type> Arg1:T<n> Arg2:T<n>``.
- ``A`` attributes: ``Status`` (when not accepted), ``Origin`` (when the model made it), ``Mode``,
  ``Context`` (``|``-separated), ``NoTrigger``.
- ``#`` notes: an actor span's code (``RUSGOV``); an event's ``source=`` / ``target=`` codes and
  ``sentence=START-END``.

Offsets are Python ``str`` offsets into the ``.txt`` (Unicode code points), as brat counts them.
An ``annotation.conf`` generated from the scheme makes the folder open in brat as it is.

File names: a document's external id when it is a safe file name as it is (``story-1``), else a safe form of
it plus a short stable hash of the document (``a/b`` -> ``a_b-1f3c9e2a``; ids cut at 80 characters, Windows
device names); names that differ only in case (one file on macOS and Windows) all take the hash too. No two
documents ever share a file; if names still clashed the export is refused before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import ImportRefused
from ..model import Document, Event, Origin, Relation, Span, Status
from ..store import Project
from .export_base import CodedText, ExportRefused, coded_documents, exporter, staged_folder
from .import_base import SNIFFERS, AnnotatedDocument, importer

if TYPE_CHECKING:
    from ..schemes import CodingScheme

EVENT_PREFIX = "EV_"
ROLES = ("source", "target", "location")


def _type_of_layer(layer: str) -> str:
    return layer[:1].upper() + layer[1:]


def _layer_of_type(kind: str) -> str:
    return kind.lower()


MAX_STEM = 80  # a changed id is cut to this before its hash is added
MAX_EXACT = 120  # an id that is a safe name as it is keeps its length up to this
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _stem_parts(doc: Document) -> tuple[str, bool]:
    """``(stem, exact)``: ``exact`` when the stem is the document's id unchanged (so it names only it)."""
    if doc.external_id:
        stem = _UNSAFE.sub("_", doc.external_id).strip("._")
        if stem:
            exact = (
                stem == doc.external_id
                and len(stem) <= MAX_EXACT
                and stem.split(".")[0].lower() not in _WINDOWS_DEVICES
            )
            return (stem if exact else stem[:MAX_STEM]), exact
    return f"doc-{(doc.sha256 or '')[:12]}", True


def _digest(doc: Document, size: int) -> str:
    """A stable hash of the document (its id and its text's sha256), the same in every export."""
    key = f"{doc.external_id or ''}\n{doc.sha256 or ''}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:size]


def file_stems(docs: list[Document]) -> list[str]:
    """One file stem per document, distinct even where case does not count; stable (a document's stem depends
    only on itself and on which other documents would clash with it, not on the order)."""
    parts = [_stem_parts(doc) for doc in docs]
    stems = [base if exact else f"{base}-{_digest(doc, 8)}" for doc, (base, exact) in zip(docs, parts, strict=True)]
    for size in (8, 16, 32, None):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, stem in enumerate(stems):
            groups[stem.casefold()].append(i)
        clashes = [members for members in groups.values() if len(members) > 1]
        if not clashes:
            return stems
        if size is None:
            names = ", ".join(repr(stems[i]) for i in clashes[0])
            raise ExportRefused(f"documents would share the file name {names}; nothing was written")
        for members in clashes:
            for i in members:
                stems[i] = f"{parts[i][0]}-{_digest(docs[i], size)}"
    raise AssertionError("unreachable")


@dataclass
class _Text:
    start: int
    end: int
    kind: str
    text: str
    note: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)


def document_ann(project: Project, coded: CodedText) -> str:
    """The ``.ann`` text of one document's exported events and spans."""
    return document_ann_and_left_out(project, coded)[0]


def document_ann_and_left_out(project: Project, coded: CodedText) -> tuple[str, list[Event]]:
    """The ``.ann`` text, and the events it could not hold (nothing in the text to anchor them on)."""
    doc, events = coded.document, coded.events
    left_out: list[Event] = []
    assert doc.id is not None
    spans = {s.id: s for s in coded.spans}
    triggers = {e.trigger_span_id for e in events}
    texts: dict[tuple[Any, ...], _Text] = {}

    def text_key(start: int, end: int, kind: str) -> tuple[Any, ...]:
        key = (start, end, kind)
        if key not in texts:
            texts[key] = _Text(start, end, kind, doc.text[start:end])
        return key

    span_key: dict[int, tuple[Any, ...]] = {}
    for span in spans.values():
        if span.layer == "trigger" and span.id in triggers:
            continue  # drawn as its event's trigger
        key = text_key(span.start, span.end, _type_of_layer(span.layer))
        span_key[span.id] = key  # type: ignore[index]
        t = texts[key]
        if span.code:
            t.note = span.code
        if span.status != Status.ACCEPTED:
            t.attrs["Status"] = span.status
        if span.origin == Origin.MODEL:
            t.attrs["Origin"] = span.origin

    event_items = []
    for e in events:
        trig = spans.get(e.trigger_span_id) if e.trigger_span_id else None
        if trig is not None:
            start, end, no_trigger = trig.start, trig.end, False
        elif e.sentence_start is not None and e.sentence_end is not None:
            start, end, no_trigger = e.sentence_start, e.sentence_end, True
        else:
            anchor = spans.get(e.source_span_id) or spans.get(e.target_span_id)  # type: ignore[arg-type]
            if anchor is None:
                left_out.append(e)  # nothing in the text to hang it on: brat cannot show it
                continue
            start, end, no_trigger = anchor.start, anchor.end, True
        trig_key = text_key(start, end, EVENT_PREFIX + e.event_code)
        args = []
        for role in ROLES:
            sid = getattr(e, f"{role}_span_id")
            if sid in span_key:
                args.append((role.capitalize(), span_key[sid]))
        attrs = {}
        if e.status != Status.ACCEPTED:
            attrs["Status"] = e.status
        if e.origin == Origin.MODEL:
            attrs["Origin"] = e.origin
        if e.mode:
            attrs["Mode"] = e.mode
        if e.context:
            attrs["Context"] = e.context
        if no_trigger:
            attrs["NoTrigger"] = ""
        notes = []
        if e.source_code:
            notes.append(f"source={e.source_code}")
        if e.target_code:
            notes.append(f"target={e.target_code}")
        if e.sentence_start is not None and e.sentence_end is not None:
            notes.append(f"sentence={e.sentence_start}-{e.sentence_end}")
        if e.date:
            notes.append(f"date={e.date}")
        event_items.append((trig_key, e.event_code, args, attrs, " ".join(notes)))

    order = sorted(texts, key=lambda k: (k[0], k[1], k[2]))
    tid = {key: f"T{i}" for i, key in enumerate(order, start=1)}
    lines: list[str] = []
    attr_lines: list[str] = []
    note_lines: list[str] = []

    def add_attrs(ann_id: str, attrs: dict[str, str]) -> None:
        for name in sorted(attrs):
            value = attrs[name]
            attr_lines.append(f"A{len(attr_lines) + 1}\t{name} {ann_id}" + (f" {value}" if value else ""))

    for key in order:
        t = texts[key]
        lines.append(f"{tid[key]}\t{t.kind} {t.start} {t.end}\t{t.text.replace(chr(10), ' ')}")
        add_attrs(tid[key], t.attrs)
        if t.note:
            note_lines.append(f"#{len(note_lines) + 1}\tAnnotatorNotes {tid[key]}\t{t.note}")
    event_items.sort(key=lambda item: (item[0][0], item[0][1], item[1], [tid[k] for _, k in item[2]], item[4]))
    for n, (trig_key, code, args, attrs, note) in enumerate(event_items, start=1):
        eid = f"E{n}"
        parts = [f"{EVENT_PREFIX}{code}:{tid[trig_key]}"] + [f"{role}:{tid[k]}" for role, k in args]
        lines.append(f"{eid}\t{' '.join(parts)}")
        add_attrs(eid, attrs)
        if note:
            note_lines.append(f"#{len(note_lines) + 1}\tAnnotatorNotes {eid}\t{note}")
    relations = sorted(
        (
            (r.type, span_key[r.from_span_id], span_key[r.to_span_id])
            for r in project.relations(doc.id)
            if r.from_span_id in span_key and r.to_span_id in span_key
        ),
        key=lambda r: (tid[r[1]], tid[r[2]], r[0]),
    )
    for n, (kind, a, b) in enumerate(relations, start=1):
        lines.append(f"R{n}\t{kind} Arg1:{tid[a]} Arg2:{tid[b]}")
    return "\n".join(lines + attr_lines + note_lines) + ("\n" if lines else ""), left_out


def annotation_conf(scheme: CodingScheme, used_codes: set[str]) -> str:
    """brat's ``annotation.conf`` for the scheme (all event types, so the analyst can add any)."""
    layers = sorted(
        {_type_of_layer(s.layer) for s in scheme.span_labels.values()} | {"Actor", "Trigger", "Location", "Date"}
    )
    out = ["[entities]", *layers, "", "[relations]"]
    for rel in scheme.relation_types.values():
        out.append(f"{rel.name}\tArg1:<ENTITY>, Arg2:<ENTITY>")
    out += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]"]
    for code in sorted(set(scheme.event_types) | used_codes):
        out.append(f"{EVENT_PREFIX}{code}\tSource?:Actor, Target?:Actor, Location?:Location")
    modes = sorted({m for et in scheme.event_types.values() for m in et.modes})
    out += [
        "",
        "[attributes]",
        "Status\tArg:<ANY>, Value:suggested|accepted|rejected",
        "Origin\tArg:<ANY>, Value:model|human",
        "NoTrigger\tArg:<EVENT>",
    ]
    if modes:
        out.append(f"Mode\tArg:<EVENT>, Value:{'|'.join(modes)}")
    contexts = next((a.values for a in scheme.attributes.values() if a.name == "context"), ())
    if contexts:
        out.append(f"Context\tArg:<EVENT>, Value:{'|'.join(contexts)}")
    return "\n".join(out) + "\n"


def visual_conf(scheme: CodingScheme) -> str:
    out = ["[labels]"]
    for code, et in scheme.event_types.items():
        out.append(f"{EVENT_PREFIX}{code} | {code} {et.label}")
    out += ["", "[drawing]", "Actor\tbgColor:#9fc2f7", "Location\tbgColor:#b7e3b0", "Trigger\tbgColor:#f7d36b"]
    return "\n".join(out) + "\n"


@exporter("brat", "", "brat standoff folder (NAME.txt + NAME.ann, annotation.conf)", folder=True)
def write_brat(
    project: Project,
    folder: Path,
    scheme: CodingScheme,
    status: str | None,
    warnings: list[str] | None = None,
    **_: Any,
) -> int:
    """Every file is staged first and named only once all are written; returns the events in the ``.ann`` files
    (an event brat cannot anchor is reported in ``warnings``, never counted)."""
    count = 0
    used: set[str] = set()
    docs: list[Document] = []
    staged: list[tuple[Path, Path]] = []
    with staged_folder(folder) as stage:
        for coded in coded_documents(project, status):
            doc = coded.document
            ann, left_out = document_ann_and_left_out(project, coded)
            missing = {id(e) for e in left_out}
            written = [e for e in coded.events if id(e) not in missing]
            used.update(e.event_code for e in written)
            count += len(written)
            if warnings is not None:
                warnings.extend(
                    f"document {doc.id}: event {e.id} ({e.event_code}) has no trigger, sentence or actor span "
                    "to anchor it in brat; left out"
                    for e in left_out
                )
            hint = _stem_parts(doc)[0]
            docs.append(Document(text="", external_id=doc.external_id, sha256=doc.sha256))  # no text kept
            staged.append((stage.stage(f"{hint}.txt", doc.text), stage.stage(f"{hint}.ann", ann)))
        for stem, (txt, ann_file) in zip(file_stems(docs), staged, strict=True):
            stage.place(txt, f"{stem}.txt")
            stage.place(ann_file, f"{stem}.ann")
        stage.write("annotation.conf", annotation_conf(scheme, used))
        stage.write("visual.conf", visual_conf(scheme))
    return count


# --------------------------------------------------------------------------- import

_T = re.compile(r"^(T[0-9]+)\t(\S+) ([0-9]+) ([0-9]+)\t(.*)$")
_E = re.compile(r"^(E[0-9]+)\t(\S+):(T[0-9]+)((?: \S+:[TE][0-9]+)*)\s*$")
_R = re.compile(r"^(R[0-9]+)\t(\S+) Arg1:(T[0-9]+) Arg2:(T[0-9]+)\s*$")
_A = re.compile(r"^([AM][0-9]+)\t(\S+) ([TER][0-9]+)(?: (\S+))?\s*$")
_N = re.compile(r"^(#[0-9]+)\t(\S+) ([TER][0-9]+)\t(.*)$")
_SENTENCE = re.compile(r"([0-9]{1,15})-([0-9]{1,15})")
_MAX_DIGITS = 15  # longer is no offset into any text (and int() refuses past 4300 digits)
_ATTRIBUTE_VALUES = {"Status": sorted(s.value for s in Status), "Origin": sorted(o.value for o in Origin)}


def _sniff(path: Path) -> str | None:
    if path.suffix.lower() == ".ann":
        return "brat"
    return None


SNIFFERS.append(_sniff)


def _read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:  # also the UTF-8 form of a lone surrogate
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRefused(f"{path}:{line}: brat files must be UTF-8 ({exc.reason})") from exc


@dataclass
class _Ann:
    """What the lines of one ``.ann`` say; ``line`` gives the line each id was defined on."""

    tb: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = field(default_factory=dict)
    relations: list[tuple[str, str, str, int]] = field(default_factory=list)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, tuple[str, int]] = field(default_factory=dict)
    refs: list[tuple[str, str, int]] = field(default_factory=list)  # (attribute or note, id it points at, line)
    line: dict[str, int] = field(default_factory=dict)


def _parse_ann(path: Path, ann: str, text: str) -> _Ann:
    """Every line checked; the first malformed one refuses the file as ``file:line: reason``."""
    found = _Ann()

    def refuse(number: int, why: str) -> NoReturn:
        raise ImportRefused(f"{path}:{number}: {why}")

    def claim(ann_id: str, number: int) -> None:
        if ann_id in found.line:
            refuse(number, f"{ann_id} is already defined on line {found.line[ann_id]}")
        found.line[ann_id] = number

    for number, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue
        if m := _T.match(line):
            tid, kind, first, last, covered = m.groups()
            if len(first) > _MAX_DIGITS or len(last) > _MAX_DIGITS:
                refuse(number, f"offsets {first[:20]}-{last[:20]} are far outside the text ({len(text)} characters)")
            start, end = int(first), int(last)
            if not (0 <= start < end <= len(text)):
                refuse(number, f"offsets {start}-{end} outside the text ({len(text)} characters)")
            actual = text[start:end].replace("\n", " ")
            if actual != covered and not (covered.endswith("\r") and actual == covered[:-1]):  # a CRLF .ann
                refuse(number, f"text {covered!r} does not match {text[start:end]!r} at {start}-{end}")
            claim(tid, number)
            found.tb[tid] = (start, end, kind)
        elif line.startswith("T") and "\t" in line and ";" in line.split("\t")[1]:
            refuse(number, "discontinuous spans are not supported")
        elif m := _E.match(line):
            eid, kind, trig, rest = m.groups()
            code = kind.removeprefix(EVENT_PREFIX)
            if not code:
                refuse(number, f"{eid}: event type {kind!r} has no code")
            args: list[tuple[str, str]] = []
            for part in rest.split():
                role, _, ref = part.rpartition(":")
                if role.lower() not in ROLES:
                    refuse(number, f"{eid}: argument role {role!r} is not Source, Target or Location")
                if any(r.lower() == role.lower() for r, _ in args):
                    refuse(number, f"{eid}: argument {role} given twice")
                args.append((role, ref))
            claim(eid, number)
            found.events[eid] = (code, trig, args)
        elif m := _R.match(line):
            claim(m.group(1), number)
            found.relations.append((m.group(2), m.group(3), m.group(4), number))
        elif m := _A.match(line):
            aid, name, target, value = m.group(1), m.group(2), m.group(3), m.group(4) or ""
            allowed = _ATTRIBUTE_VALUES.get(name)
            if allowed is not None and value not in allowed:
                refuse(number, f"{name} of {target} must be {' or '.join(allowed)}, not {value!r}")
            claim(aid, number)
            if name in found.attrs.get(target, {}):
                refuse(number, f"a second {name} attribute for {target}")
            found.attrs.setdefault(target, {})[name] = value
            found.refs.append((aid, target, number))
        elif m := _N.match(line):
            nid, target, note = m.group(1), m.group(3), m.group(4).removesuffix("\r")
            claim(nid, number)
            if target in found.notes:
                refuse(number, f"a second note for {target} (the first is on line {found.notes[target][1]})")
            found.notes[target] = (note, number)
            found.refs.append((nid, target, number))
        else:
            refuse(number, f"not a brat standoff line: {line[:60]!r}")

    triggers = {trig for _, trig, _ in found.events.values()}

    def entity(ref: str) -> bool:  # a text annotation that becomes a span (an event's own trigger does not)
        return ref in found.tb and not (ref in triggers and found.tb[ref][2].startswith(EVENT_PREFIX))

    for eid, (_code, trig, args) in found.events.items():
        number = found.line[eid]
        if trig not in found.tb:
            refuse(number, f"{eid} refers to unknown trigger {trig}")
        for role, ref in args:
            if ref in found.events:
                refuse(number, f"{eid} argument {role}:{ref} is an event; arguments are text annotations")
            if ref not in found.tb:
                refuse(number, f"{eid} argument {role} refers to unknown {ref}")
            if not entity(ref):
                refuse(number, f"{eid} argument {role}:{ref} is an event's trigger, not an entity")
    for kind, a, b, number in found.relations:
        for ref in (a, b):
            if ref not in found.tb:
                refuse(number, f"relation {kind} refers to unknown {ref}")
            if not entity(ref):
                refuse(number, f"relation {kind}: {ref} is an event's trigger, not an entity")
    for own, target, number in found.refs:
        if target not in found.line:
            refuse(number, f"{own} refers to unknown annotation {target}")
    for eid in found.events:
        note, number = found.notes.get(eid, ("", 0))
        for part in note.split():
            key, _, value = part.partition("=")
            if key == "sentence":
                m = _SENTENCE.fullmatch(value)
                if m is None:
                    refuse(number, f"sentence={value!r} is not START-END character offsets")
                start, end = int(m.group(1)), int(m.group(2))
                if not (0 <= start <= end <= len(text)):
                    refuse(number, f"sentence {start}-{end} outside the text ({len(text)} characters)")
    return found


@importer("brat", ".ann")
def read_brat(path: Path) -> list[Document | AnnotatedDocument]:
    """Read ``NAME.ann`` with its ``NAME.txt``; every line is checked before anything is stored, and a malformed
    one refuses the file with ``file:line: reason`` (``ImportRefused``)."""
    if path.suffix.lower() == ".txt":
        path = path.with_suffix(".ann")
    txt = path.with_suffix(".txt")
    if not txt.exists():
        raise ImportRefused(f"{path}: no {txt.name} beside it")
    text = _read_utf8(txt)
    ann = _read_utf8(path).removeprefix("\ufeff")
    if not text.strip():
        raise ImportRefused(f"{txt}: empty file")
    found = _parse_ann(path, ann, text)
    tb, attrs = found.tb, found.attrs
    notes = {ann_id: note for ann_id, (note, _) in found.notes.items()}

    trigger_tids = {trig for _, trig, _ in found.events.values()}
    item = AnnotatedDocument(Document(text=text, title=path.stem, source=path.name, external_id=path.stem))
    index: dict[str, int] = {}

    def status_origin(ann_id: str) -> tuple[str, str]:
        a = attrs.get(ann_id, {})
        return a.get("Status", Status.ACCEPTED.value), a.get("Origin", Origin.HUMAN.value)

    for tid, (start, end, kind) in tb.items():
        if tid in trigger_tids and kind.startswith(EVENT_PREFIX):
            continue
        status, origin = status_origin(tid)
        index[tid] = len(item.spans)
        item.spans.append(
            Span(
                0,
                start,
                end,
                text[start:end],
                layer=_layer_of_type(kind),
                code=notes.get(tid) or None,
                status=status,
                origin=origin,
            )
        )
    for eid, (code, trig, args) in found.events.items():
        a = attrs.get(eid, {})
        fields = dict(part.split("=", 1) for part in notes.get(eid, "").split() if "=" in part)
        status, origin = status_origin(eid)
        event = Event(
            0,
            event_code=code,
            status=status,
            origin=origin,
            mode=a.get("Mode") or None,
            context=a.get("Context") or None,
            source_code=fields.get("source"),
            target_code=fields.get("target"),
            date=fields.get("date"),
        )
        if "sentence" in fields:  # checked by _parse_ann
            s, _, e = fields["sentence"].partition("-")
            event.sentence_start, event.sentence_end = int(s), int(e)
        if "NoTrigger" not in a:
            start, end, _ = tb[trig]
            key = f"{trig}#trigger"
            if key not in index:
                index[key] = len(item.spans)
                item.spans.append(
                    Span(0, start, end, text[start:end], layer="trigger", code=code, status=status, origin=origin)
                )
            event.trigger_span_id = index[key]
        for role, ref in args:
            setattr(event, f"{role.lower()}_span_id", index[ref])
        item.events.append(event)
    for kind, a_id, b_id, _ in found.relations:
        item.relations.append(Relation(0, index[a_id], index[b_id], kind))
    return [item]
