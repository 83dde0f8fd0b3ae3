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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ImportRefused
from ..model import Document, Event, Origin, Relation, Span, Status
from ..store import Project
from .exporters import CodedText, coded_documents, exporter
from .importers import SNIFFERS, AnnotatedDocument, importer

if TYPE_CHECKING:
    from ..schemes import CodingScheme

EVENT_PREFIX = "EV_"
ROLES = ("source", "target", "location")


def _type_of_layer(layer: str) -> str:
    return layer[:1].upper() + layer[1:]


def _layer_of_type(kind: str) -> str:
    return kind.lower()


def _safe_stem(doc: Document) -> str:
    if doc.external_id:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", doc.external_id).strip("._")
        if stem:
            return stem[:80]
    return f"doc-{(doc.sha256 or '')[:12]}"


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
    doc, events = coded.document, coded.events
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
                continue  # nothing in the text to hang it on: brat cannot show it
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
    return "\n".join(lines + attr_lines + note_lines) + ("\n" if lines else "")


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
def write_brat(project: Project, folder: Path, scheme: CodingScheme, status: str | None, **_: Any) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    used: set[str] = set()
    for coded in coded_documents(project, status):
        doc, events = coded.document, coded.events
        used.update(e.event_code for e in events)
        stem = _safe_stem(doc)
        _write(folder / f"{stem}.txt", doc.text)
        _write(folder / f"{stem}.ann", document_ann(project, coded))
        count += len(events)
    _write(folder / "annotation.conf", annotation_conf(scheme, used))
    _write(folder / "visual.conf", visual_conf(scheme))
    return count


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    tmp.replace(path)


# --------------------------------------------------------------------------- import

_T = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$")
_E = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:[TE]\d+)*)\s*$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*$")
_A = re.compile(r"^([AM]\d+)\t(\S+) ([TER]\d+)(?: (\S+))?\s*$")
_N = re.compile(r"^(#\d+)\t(\S+) ([TER]\d+)\t(.*)$")


def _sniff(path: Path) -> str | None:
    if path.suffix.lower() == ".ann":
        return "brat"
    return None


SNIFFERS.append(_sniff)


@importer("brat", ".ann")
def read_brat(path: Path) -> list[Document | AnnotatedDocument]:
    """Read ``NAME.ann`` with its ``NAME.txt``; every line is checked before anything is stored."""
    if path.suffix.lower() == ".txt":
        path = path.with_suffix(".ann")
    txt = path.with_suffix(".txt")
    if not txt.exists():
        raise ImportRefused(f"{path}: no {txt.name} beside it")
    try:
        text = txt.read_bytes().decode("utf-8")
        ann = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{path}: brat files must be UTF-8 ({exc.reason})") from exc
    if not text.strip():
        raise ImportRefused(f"{txt}: empty file")
    tb: dict[str, tuple[int, int, str]] = {}
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    relations: list[tuple[str, str, str]] = []
    attrs: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    for number, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if m := _T.match(line):
            tid, kind, start, end, covered = m.group(1), m.group(2), int(m.group(3)), int(m.group(4)), m.group(5)
            if not (0 <= start < end <= len(text)):
                raise ImportRefused(f"{where}: offsets {start}-{end} outside the text ({len(text)} characters)")
            if text[start:end].replace("\n", " ") != covered:
                raise ImportRefused(f"{where}: text {covered!r} does not match {text[start:end]!r} at {start}-{end}")
            tb[tid] = (start, end, kind)
        elif line.startswith("T") and "\t" in line and ";" in line.split("\t")[1]:
            raise ImportRefused(f"{where}: discontinuous spans are not supported")
        elif m := _E.match(line):
            args = [tuple(a.split(":", 1)) for a in m.group(4).split()]
            events[m.group(1)] = (m.group(2), m.group(3), args)  # type: ignore[assignment]
        elif m := _R.match(line):
            relations.append((m.group(2), m.group(3), m.group(4)))
        elif m := _A.match(line):
            attrs.setdefault(m.group(3), {})[m.group(2)] = m.group(4) or ""
        elif m := _N.match(line):
            notes[m.group(3)] = m.group(4)
        else:
            raise ImportRefused(f"{where}: not a brat standoff line: {line[:60]!r}")
    for eid, (_kind, trig, args) in events.items():
        if trig not in tb:
            raise ImportRefused(f"{path}: {eid} refers to unknown trigger {trig}")
        for role, ref in args:
            if ref not in tb:
                raise ImportRefused(f"{path}: {eid} argument {role} refers to unknown {ref}")
    for kind, a, b in relations:
        if a not in tb or b not in tb:
            raise ImportRefused(f"{path}: relation {kind} refers to an unknown annotation")

    trigger_tids = {trig for _, trig, _ in events.values()}
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
    for eid, (kind, trig, args) in events.items():
        code = kind[len(EVENT_PREFIX) :] if kind.startswith(EVENT_PREFIX) else kind
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
        if "sentence" in fields:
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
            if role.lower() in ROLES and ref in index:
                setattr(event, f"{role.lower()}_span_id", index[ref])
        item.events.append(event)
    for kind, a_id, b_id in relations:
        if a_id in index and b_id in index:
            item.relations.append(Relation(0, index[a_id], index[b_id], kind))
    return [item]
