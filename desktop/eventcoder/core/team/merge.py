"""Merging annotators' project files into one team file, and packaging a copy of a project for one annotator.

Documents are matched by their text (sha256). Every event keeps its annotator (an event with none takes the last
writer the source file's history names, else the file's ``team_annotator``, else the file's name); only
decided events (accepted, rejected), the relations and the spans they use are merged -- pending suggestions are
the coder's, not anyone's coding. A row remembers where it came from (``merged_from``), so merging a file again
adds only what is new. Each source file is merged in one transaction (whole, or not at all).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EventCoderError
from ..model import Document, RowKind, Status
from ..schemes import BUILTIN_DIR, CodingScheme
from ..store import Project
from ..store.event_schemes import event_codes_by_scheme

Progress = Callable[[int, int], None] | None


@dataclass
class MergeReport:
    files: list[str] = field(default_factory=list)
    documents_added: int = 0
    documents_matched: int = 0
    events: int = 0
    spans: int = 0
    relations: int = 0
    already: int = 0
    annotators: dict[str, int] = field(default_factory=dict)  # annotator -> events merged

    def summary(self) -> str:
        who = ", ".join(f"{a} {n}" for a, n in sorted(self.annotators.items())) or "nobody"
        return (f"merged {len(self.files)} file(s): {self.events} event(s) ({who}), {self.spans} span(s), "
                f"{self.relations} relation(s); "
                f"{self.documents_added} new document(s), {self.documents_matched} matched by text"
                + (f"; {self.already} event(s) were merged before" if self.already else ""))


def file_annotator(project: Project) -> str:
    """Whose file this is: the ``team_annotator`` a package recorded, else the file's name."""
    return project.get_meta("team_annotator") or project.path.stem


def merge_into(target: Project, sources: Sequence[Project], progress: Progress = None) -> MergeReport:
    """Merge ``sources`` into ``target`` (see the module's doc)."""
    report = MergeReport(files=[str(s.path) for s in sources])
    for source in sources:
        if source.path.resolve() == target.path.resolve():
            raise EventCoderError(f"{source.path}: is the team file itself; merge other files into it")
    total = sum(s.document_count() for s in sources)
    done = 0
    for source in sources:
        uuid = source.project_uuid()
        fallback = file_annotator(source)
        done_by = source.annotator_documents()
        with target.transaction():  # one source file: merged whole, or not at all
            for doc_id in source.document_ids():
                doc = source.get_document(doc_id)
                events = [e for e in source.events(doc_id)
                          if e.status in (Status.ACCEPTED.value, Status.REJECTED.value)]
                target_id, created = target.add_document(Document(
                    text=doc.text, title=doc.title, source=doc.source, url=doc.url, published=doc.published,
                    external_id=doc.external_id, metadata=doc.metadata))
                report.documents_added += created
                report.documents_matched += not created
                spans_by_id = {s.id: s for s in source.spans(doc_id)}
                team = source.team_columns(doc_id)
                relations = source.relations(doc_id)
                used = {i for e in events for i in (e.source_span_id, e.target_span_id, e.trigger_span_id,
                                                     e.location_span_id) if i is not None}
                used |= {i for r in relations for i in (r.from_span_id, r.to_span_id)}
                span_key = {i: team.get(("span", i), {}).get("merged_from") or f"{uuid}:span:{i}" for i in used}
                span_rows = []
                for i in sorted(used):
                    span = spans_by_id.get(i)
                    if span is None:
                        continue
                    row = dataclasses.asdict(span)
                    row["merged_from"] = span_key[i]
                    span_rows.append(row)
                event_rows = []
                for e in events:
                    row = dataclasses.asdict(e)
                    extra = team.get(("event", e.id), {})
                    who = e.annotator
                    if not who:
                        who = (source.last_change(RowKind.EVENT, e.id or 0) or {}).get("who") or fallback
                    row["annotator"] = who
                    row["decides"] = None  # names a suggestion of the file it came from: no link in another file
                    if extra.get("layer"):  # a curated event stays in the curated layer
                        row.update(layer=extra["layer"], curated_from=None,
                                   curated_from_annotator=extra.get("curated_from_annotator"))
                    row["merged_from"] = extra.get("merged_from") or f"{uuid}:event:{e.id}"
                    for role in ("source", "target", "trigger", "location"):
                        sid = row.get(f"{role}_span_id")
                        row[f"{role}_span_id"] = span_key.get(sid) if sid is not None else None
                    if isinstance(row.get("provenance"), dict):
                        row["provenance"] = json.dumps(row["provenance"], ensure_ascii=False, sort_keys=True)
                    event_rows.append(row)
                finished = sorted(who for who, shas in done_by.items() if doc.sha256 in shas)
                if doc.done and not finished:
                    finished = [fallback]
                relation_rows = []
                for r in relations:
                    row = dataclasses.asdict(r)
                    row["annotator"] = r.annotator or fallback
                    key = team.get(("relation", r.id), {}).get("merged_from")
                    row["merged_from"] = key or f"{uuid}:relation:{r.id}"
                    row["from_span_id"], row["to_span_id"] = span_key.get(r.from_span_id), span_key.get(r.to_span_id)
                    relation_rows.append(row)
                counts = target.merge_rows(target_id, span_rows, event_rows, finished, str(source.path),
                                           relation_rows)
                report.events += len(counts["new_events"])
                report.spans += counts["spans"]
                report.relations += counts["relations"]
                report.already += counts["already"]
                for row in event_rows:
                    if row["merged_from"] in counts["new_events"]:
                        report.annotators[row["annotator"]] = report.annotators.get(row["annotator"], 0) + 1
                done += 1
                if progress is not None:
                    progress(done, total)
    return report


def merge_files(paths: Sequence[str | Path], into: str | Path, progress: Progress = None) -> MergeReport:
    """``eventcoder merge A.db B.db --into team.db``: the team file is created when it does not exist (with the
    first file's scheme). A file whose events have codes the team file's scheme lacks (a PLOVER file merged with
    CAMEO ones) is refused before anything is written (core/scheme_mix.py)."""
    if not paths:
        raise EventCoderError("name the project files to merge")
    for path in paths:
        if not Path(path).is_file():
            raise EventCoderError(f"{path}: no such project file")
    sources = [Project(p) for p in paths]
    try:
        from ..pipeline import project_scheme
        from ..scheme_mix import check_merge_fits, scheme_of_events

        first: CodingScheme | None = None
        try:
            first = project_scheme(sources[0], record=False).scheme
            better = scheme_of_events(sources[0], first)  # the scheme its events are coded in, if not its setting
            first = better[0] if better else first
        except EventCoderError:  # the first file's scheme cannot be loaded here: the team file's own is checked
            first = None
        new_file = not Path(into).exists()
        if new_file and first is not None:  # refused before the team file is made
            check_merge_fits(sources, first, into)
        with Project(into) as target:
            if target.readonly:
                raise EventCoderError(f"cannot merge: {into} is read-only; nothing was changed")
            coded = bool(event_codes_by_scheme(target))
            scheme = project_scheme(target, record=False).scheme if coded or first is None else first
            if not (new_file and scheme is first):  # a new file was checked against that scheme above
                check_merge_fits(sources, scheme, into)
            if not coded and first is not None:  # a new team file codes in the first file's scheme
                builtin = first.path is not None and Path(first.path).parent == BUILTIN_DIR
                project_scheme(target, first.name.lower() if builtin or first.path is None else first.path)
            return merge_into(target, sources, progress)
    finally:
        for source in sources:
            source.close()


# ---------------------------------------------------------------------------- packages


def share_documents(doc_ids: Sequence[int], annotators: Sequence[str], overlap: int = 0
                    ) -> dict[str, list[int]]:
    """Split documents among annotators in turn, the first ``overlap`` documents going to everyone (the shared
    part agreement is measured on)."""
    if not annotators:
        raise EventCoderError("name at least one annotator")
    shared = list(doc_ids[:overlap])
    rest = list(doc_ids[overlap:])
    return {who: shared + rest[i :: len(annotators)] for i, who in enumerate(annotators)}


def package(project: Project, out_dir: str | Path, annotators: Sequence[str], *, split: bool = False,
            overlap: int = 0, progress: Callable[[int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> dict[str, Path]:
    """A copy of the project for each annotator (``out_dir/<name>.db``): the documents (all of them, or with
    ``split`` a share each plus ``overlap`` shared ones), the scheme and the trained model, the coder's
    suggestions (decided ones back as the coder made them: core/store/package_restore.py), no one's decisions.
    Returns annotator -> file.

    Every name and target is checked before anything is written. ``progress(n)``: n copies made so far;
    ``cancelled()``: asked before each copy -- once it says yes, the copies made are removed and
    :class:`PackageCancelled` raised (nothing is left behind, as when a copy fails)."""
    out = Path(out_dir)
    ids = project.document_ids()
    shares = share_documents(ids, annotators, overlap) if split else {who: list(ids) for who in annotators}
    for who in annotators:
        if not who or any(ch in who for ch in "/\\:\0"):
            raise EventCoderError(f"{who!r}: not usable as an annotator name (and file name)")
        target = out / f"{who}.db"
        if target.exists():
            raise EventCoderError(f"{target}: exists already; choose another folder (nothing was written)")
    made: dict[str, Path] = {}
    try:
        for who in annotators:
            if cancelled is not None and cancelled():
                raise PackageCancelled(f"cancelled: no copy was kept ({len(made)} removed)")
            target = out / f"{who}.db"
            project.backup(target)
            made[who] = target
            with Project(target, annotator=who) as copy:
                copy.keep_only_documents(set(shares[who]))
                copy.set_meta("team_annotator", who)
                copy.set_meta("project_uuid", None)
                copy.set_meta("packaged_from", json.dumps({"file": str(project.path),
                                                           "uuid": project.project_uuid()}))
            if progress is not None:
                progress(len(made))
    except BaseException:
        for target in made.values():  # closed copies this call made: no connection holds them
            for path in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
                path.unlink(missing_ok=True)
        raise
    return made


class PackageCancelled(EventCoderError):
    """:func:`package` stopped at Cancel; the copies it had made were removed."""

