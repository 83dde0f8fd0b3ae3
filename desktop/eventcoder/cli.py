"""The ``eventcoder`` command: a thin shell over the core (and the window, with no arguments).

User mistakes print one line on stderr and exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import EventCoderError, ProblemsError, SchemeError

EXAMPLES = """\
examples:
  eventcoder                                  open the coding window on the default project
  eventcoder --db news.db                     open the coding window on news.db (as eventcoder gui --db news.db)
  eventcoder import seeds/ --db news.db       import every .txt/.jsonl/.csv under seeds/
  eventcoder code --all --db news.db          suggest actors and events for every document
  eventcoder documents --search Lavrov        list documents that mention Lavrov
  eventcoder events --doc 3 --status suggested   the events of document 3 nobody has decided yet
  eventcoder accept 12 13@2                   accept events 12 and 13 (13 only if still at version 2)
  eventcoder export --format csv --out exports/events.csv --status accepted
  eventcoder scheme show cameo                the CAMEO codes with labels and Goldstein scores
  eventcoder evaluate gold.jsonl --scheme cameo --json
  eventcoder train --db news.db --extra coded.jsonl   learn the event type from your codings
"""


EVENT_STATUSES = ("suggested", "accepted", "rejected")  # core.model.Status, without importing the core at start


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="project file (default: $EVENTCODER_DB or the user data dir)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="Code political events (who did what to whom) from news text.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    parser.add_argument("--annotator", metavar="NAME",
                        help="who is coding, kept with every change (default: $EVENTCODER_ANNOTATOR, else the name the "
                        "window saved, else the OS user)")
    parser.add_argument("--db", dest="top_db", metavar="PATH",
                        help="with no command: open the window on this project (as `eventcoder gui --db PATH`); "
                        "before a command: that command's --db")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the coding window (the default)")
    _db_arg(p)
    p.add_argument("--no-seed", action="store_true", help="do not import seeds/ into a new project")

    p = sub.add_parser(
        "import", help="import articles (.txt, folders, .jsonl/.csv with a text column) or coded data (brat, PLOVER)"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_arg(p)
    p.add_argument("--format", help="txt, jsonl, csv, plover or brat (default: detected per file)")
    p.add_argument("--dates", choices=["day-first", "month-first"],
                   help="how to read all-numeric dates like 03/04/2024 in a file whose other dates do not decide "
                   "(default: such a file is refused)")
    p.add_argument("--verbose", action="store_true",
                   help=f"list every skipped or annotated item (default: the first {LISTED}, then how many more)")

    p = sub.add_parser("documents", help="list documents with their event counts")
    _db_arg(p)
    p.add_argument("--search", metavar="QUERY", help="full-text search over titles and texts")
    p.add_argument("--json", action="store_true", help="print JSON lines")

    p = sub.add_parser("events", help="list events, one line each: id, document, status, source, code, target, "
                       "trigger words")
    _db_arg(p)
    from .cli_events import row_id

    p.add_argument("--doc", nargs="+", type=row_id, metavar="ID", help="only these documents' events")
    p.add_argument("--status", nargs="+", choices=EVENT_STATUSES, metavar="STATUS",
                   help="only events with these statuses: " + ", ".join(EVENT_STATUSES) + " (default: all)")
    p.add_argument("--layer", metavar="VIEW", help="with team layers on: the layer listed, as the window's View ▸ "
                   "Show layer: mine (the default: your events and the suggestions still to decide), an annotator's "
                   "name, curated, or all (every row, with an annotator column)")
    p.add_argument("--json", action="store_true", help="print JSON lines")

    p = sub.add_parser("scheme", help="list, validate and show coding schemes")
    ssub = p.add_subparsers(dest="scheme_command", metavar="ACTION", required=True)
    ssub.add_parser("list", help="the built-in schemes")
    sp = ssub.add_parser("validate", help="check a scheme file; exit 1 with file:line errors")
    sp.add_argument("file")
    sp.add_argument("--all", action="store_true",
                    help="also list each known warning of the built-in dictionaries (default: one summary line)")
    sp = ssub.add_parser("show", help="codes with labels and scores")
    sp.add_argument("scheme", metavar="NAME_OR_FILE")
    sp.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="export coded events")
    p.add_argument(
        "--format", default="csv", help="csv, tsv (ICEWS-style), jsonl (PLOVER), brat, spacy or doccano (default csv)"
    )
    p.add_argument("-o", "--out", required=True, metavar="PATH", help="file (a folder for brat)")
    _db_arg(p)
    p.add_argument("--status", choices=["accepted", "all"], default="accepted")
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="scheme for labels (default: the project's)")
    p.add_argument("--columns", metavar="LIST", help="csv/tsv: columns to keep, renamed with new=old")
    p.add_argument("--delimiter", default=",", help="csv: ',' (default) or 'tab' for an ICEWS-style file")
    p.add_argument("--raw-cells", action="store_true",
                   help="csv/tsv: no ' before text cells starting with = + - @ (for tools that run no formulas)")
    p.add_argument("--layer", choices=["curated", "own"], help="team files: only the curated (adjudicated) layer, "
                   "or only the annotators' own codings (default: every event)")
    p.add_argument("--annotator", dest="only_annotator", metavar="NAME",
                   help="team files: only this annotator's events (with --layer curated: this curator's)")

    p = sub.add_parser("code", help="run the suggestion engine on documents")
    _db_arg(p)
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="coding scheme (default: the project's, else cameo)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--all", action="store_true", help="every document (the default)")
    group.add_argument("--doc", nargs="+", type=int, metavar="ID")

    p = sub.add_parser("train", help="train the type learner on the project's codings (and gold files) and store it")
    _db_arg(p)
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="coding scheme (default: the project's, else cameo)")
    p.add_argument(
        "--extra",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE.jsonl",
        help="gold-format codings to train on as well (text, date, events with code; old names via aliases); "
        "kept in the project, so every later retraining (the window's too) uses them",
    )
    p.add_argument("--forget-extra", action="store_true",
                   help="drop the codings kept from earlier --extra files before training")

    p = sub.add_parser("evaluate", help="score the coder against a gold JSONL file")
    p.add_argument("gold")
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="required without --db")
    p.add_argument("--db", metavar="PATH", help="a project: its stored type learner decides too, as in `code` "
                   "(score it on codings it was not trained on)")
    p.add_argument("--split", metavar="NAME", help="only the records of this split (an article set: dev, heldout)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="integrity and foreign-key check of a project file")
    _db_arg(p)

    p = sub.add_parser("backup", help="copy the project with SQLite's backup API")
    _db_arg(p)
    p.add_argument("-o", "--out", metavar="PATH", help="target file (default: backups/ beside the project)")

    from .cli_team import add_team_commands

    add_team_commands(sub, _db_arg)

    from .cli_actors import add_actors_commands

    add_actors_commands(sub, _db_arg)

    from .cli_documents import add_document_commands

    add_document_commands(sub, _db_arg)  # delete, status

    from .cli_events import add_event_commands

    add_event_commands(sub, _db_arg)  # accept, reject, edit, undo

    from .corpus_cli import register as add_corpus_command

    add_corpus_command(sub)

    p = sub.add_parser("restore", help="replace the project with a backup (the current state is backed up first)")
    p.add_argument("backup", metavar="BACKUP")
    _db_arg(p)
    p.add_argument("--force", action="store_true", help="restore even a backup that holds no documents")

    p = sub.add_parser("report", help="write DIR/report.html: totals, figures and tables of the coded events")
    _db_arg(p)
    p.add_argument("-o", "--out", required=True, metavar="DIR",
                   help="folder for report.html and each figure's PNG/SVG/CSV")
    p.add_argument("--status", choices=["accepted", "all"], default="accepted",
                   help="accepted (default) or all = accepted and suggested")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="scheme for labels and scores (default: the project's)")
    p.add_argument("--layer", choices=["curated", "own", "all"], default="all",
                   help="team files: count only the curated layer, or the annotators' own codings (as export)")
    p.add_argument("--annotator", dest="only_annotator", metavar="NAME",
                   help="team files: only this annotator's layer (with --layer curated: this curator's)")
    return parser


def _project(args: argparse.Namespace, *, backup: bool = True, writes: str | None = None, existing: bool = False):
    """Open the project named by --db; then, outside the open, the automatic backup (a warning if it fails:
    a full disk must not stop `documents` or `export`). ``writes``: what the command will store, so a read-only
    project is refused before any work rather than after it. ``existing``: a command that reads or codes a
    project refuses a project file that does not exist (a mistyped name), rather than making an empty one."""
    from .core.store import Project

    path = _db_path(args)
    if existing and _named(args) and not path.exists():
        raise EventCoderError(f"{path}: no such project; `eventcoder import FILE --db {path}` makes one "
                              "(nothing was made)")
    project = Project(path, annotator=getattr(args, "annotator", None))
    if writes and project.readonly:
        reason = project.readonly_reason
        project.close()
        raise EventCoderError(f"cannot {writes}: {project.path} is read-only ({reason}); nothing was changed")
    if writes:
        try:
            project.check_room_to_write(writes)  # a full disk is said before any work, not after parsing for an hour
        except BaseException:
            project.close()
            raise
    if backup:
        project.auto_backup()
        if project.backup_problem:
            print(f"eventcoder: warning: {project.backup_problem}", file=sys.stderr)
    return project


def _named(args: argparse.Namespace) -> bool:
    """Whether the user named the project file (--db or $EVENTCODER_DB), not the default one."""
    import os

    return bool(getattr(args, "db", None) or os.environ.get("EVENTCODER_DB"))


def _db_path(args: argparse.Namespace) -> Path:
    """The project file --db (or $EVENTCODER_DB) names; its folder must exist (a mistyped folder is an error,
    not a new folder). Only the default project in the user data folder has its folder made for it."""
    import os

    from .core.store import default_db_path

    given = getattr(args, "db", None) or os.environ.get("EVENTCODER_DB")
    path = default_db_path() if not getattr(args, "db", None) else Path(args.db).expanduser()
    return project_in_existing_folder(path) if given else path


def project_in_existing_folder(path: str | Path) -> Path:
    """``path`` when its folder exists; else the error every command gives for a project file the user named."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise EventCoderError(f"{path}: the folder {path.parent} does not exist; create it first "
                              "(no project was made)")
    return path


def project_scheme(project, override: str | None = None, extra: Sequence[str] = (), record: bool = True):
    """The scheme named on the command line, else the one --extra codings name, else the project's, else CAMEO
    (:func:`eventcoder.core.pipeline.project_scheme` decides; recorded unless the project is read-only or
    ``record`` is False: reading the project in a scheme -- an export, a score -- does not make it the project's)."""
    from .core.pipeline import project_scheme as choose

    choice = choose(project, override, extra=extra, record=record)
    if choice.note:
        print(choice.note, file=sys.stderr)
    return choice.scheme


LISTED = 20  # per-item lines an import prints before it counts the rest (all with --verbose)


def _print_some(verb: str, items: list[tuple[str, str]], verbose: bool = False) -> None:
    """One line per skipped/annotated item, the first LISTED of them unless ``verbose``; then how many more."""
    shown = items if verbose else items[:LISTED]
    for name, why in shown:
        print(f"  {verb} {name}: {why}")
    if len(items) > len(shown):
        print(f"  ... and {len(items) - len(shown):,} more {verb} (--verbose lists them all)")


def cmd_import(args: argparse.Namespace) -> int:
    from .core.io.importers import import_paths

    path = _db_path(args)
    new_file = not path.exists()  # a stat: nothing is opened before the project's own connection
    with _project(args, writes="import", backup=not new_file) as project:
        report = import_paths(project, args.paths, fmt=args.format, date_order=args.dates)
    wrote = report.imported or report.annotated
    if new_file and not wrote:  # nothing came in: leave no new, empty project behind
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    summary = report.summary()
    if report.refused:
        summary += (" (the refused files are listed on stderr and wrote nothing"
                    + ("; the others were imported)" if wrote else ")")
                    + ("" if wrote or not new_file else f"; no project was made at {path}"))
    print(summary)
    _print_some("skipped", report.skipped, args.verbose)
    _print_some("annotated", report.annotated, args.verbose)
    for line in report.refusals():
        print(f"  refused {line}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if report.refused else 0


def cmd_documents(args: argparse.Namespace) -> int:
    with _project(args, existing=True) as project:
        rows = project.document_summaries(search=args.search)
    if args.json:
        for r in rows:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    print(f"{'id':>6}  {'date':<10}  {'suggested':>9}  {'accepted':>8}  {'rejected':>8}  {'done':<4}  title")
    for r in rows:
        date = (r.published or "")[:10] or "-"
        done = "yes" if r.done else "-"
        print(f"{r.id:>6}  {date:<10}  {r.suggested:>9}  {r.accepted:>8}  {r.rejected:>8}  {done:<4}  {r.title}")
    print(f"{len(rows)} document(s)", file=sys.stderr)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    """One line per event (id, document, status, source, code, target, trigger words), in document and text
    order; codes printed as stored (strings: "010" stays "010")."""
    statuses = list(dict.fromkeys(args.status or []))
    count = 0
    with _project(args, existing=True) as project:
        for doc_id in args.doc or []:
            project.get_document(doc_id)  # a mistyped id: "no document with id N", not an empty list
        from .cli_events import listed_layer

        scope, shown_as, who = listed_layer(project, args.layer)  # team layers: the caller's layer by default
        if not args.json:
            print(f"{'id':>7}  {'doc':>6}  {'status':<9}  {'source':<12}  {'code':<8}  {'target':<12}  "
                  + ("annotator     " if who else "") + "trigger")
        for doc_id in list(dict.fromkeys(args.doc)) if args.doc else [None]:
            one = statuses[0] if len(statuses) == 1 else None
            triggers: dict[int, str] = {}
            spans_of: int | None = None
            for ev in project.iter_events(document_id=doc_id, status=one):
                if (statuses and ev.status not in statuses) or (scope is not None and ev.id not in scope):
                    continue
                if ev.trigger_span_id is not None and spans_of != ev.document_id:
                    triggers = {s.id: s.text for s in project.spans(ev.document_id) if s.id is not None}
                    spans_of = ev.document_id
                trigger = " ".join((triggers.get(ev.trigger_span_id) or "").split()) if ev.trigger_span_id else ""
                count += 1
                if args.json:
                    print(json.dumps({"id": ev.id, "document_id": ev.document_id, "status": ev.status,
                                      "source_code": ev.source_code, "event_code": ev.event_code,
                                      "target_code": ev.target_code, "trigger": trigger,
                                      "annotator": ev.annotator, "scheme": ev.scheme,
                                      "version": ev.version}, ensure_ascii=False))
                    continue
                print(f"{ev.id:>7}  {ev.document_id:>6}  {ev.status:<9}  {ev.source_code or '-':<12}  "
                      f"{ev.event_code or '-':<8}  {ev.target_code or '-':<12}  "
                      + (f"{ev.annotator or '-':<12}  " if who else "") + f"{trigger or '-'}")
    print(f"{count} event(s){shown_as}", file=sys.stderr)
    return 0


def cmd_scheme(args: argparse.Namespace) -> int:
    from .core import schemes

    if args.scheme_command == "list":
        for name in schemes.builtin_scheme_names():
            s = schemes.load_scheme(name)
            print(
                f"{name:<10} {s.name} {s.version}: {len(s.event_types)} event types, {len(s.actor_codes)} actor codes"
            )
        return 0
    if args.scheme_command == "validate":
        check = schemes.check_scheme_file(args.file)  # the scheme file and its PETRARCH dictionaries
        for problem in check.errors:
            print(problem, file=sys.stderr)
        shown = check.warnings if args.all else check.own_warnings  # the built-in dictionaries' known ones: counted
        for problem in shown:
            print(f"warning: {problem}", file=sys.stderr)
        if check.errors:
            return 1
        print(f"{args.file}: ok")
        if shown:
            print(f"{len(shown)} dictionary warning(s): lines left out or read with a changed code, in dictionaries "
                  "that otherwise work",
                  file=sys.stderr)
        hidden = len(check.warnings) - len(shown)
        if hidden:
            print(f"{hidden} known warning(s) in EventCoder's built-in dictionaries (lines left out or read with a "
                  "changed code); "
                  "--all lists them", file=sys.stderr)
        return 0
    scheme = schemes.load_scheme(args.scheme)
    if args.json:
        print(json.dumps(scheme.as_dict(), ensure_ascii=False, indent=1))
        return 0
    print(f"{scheme.name} {scheme.version} ({len(scheme.event_types)} event types)")
    for et in scheme.event_types.values():
        score = "" if et.score is None else f"{et.score:+g}"
        quad = scheme.quad_class(et.code)
        print(f"{'  ' * (et.level - 1)}{et.code:<6} {et.label:<60} {score:>6}  q{quad if quad is not None else '-'}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .core.io.exporters import export, export_formats

    formats = export_formats()
    if args.format not in formats:
        raise EventCoderError(f"unknown format {args.format!r}; choose from {', '.join(formats)}")
    options: dict = {"warnings": []}
    if args.format in ("csv", "tsv"):
        options.update(columns=args.columns, delimiter=args.delimiter, raw_cells=args.raw_cells)
    with _project(args, existing=True) as project:
        scheme = project_scheme(project, args.scheme, record=False)  # an export writes nothing to the project
        count = export(project, args.format, args.out, scheme, None if args.status == "all" else args.status,
                       layer=getattr(args, "layer", None), annotator=getattr(args, "only_annotator", None),
                       **options)
        pending = project.counts()["events_suggested"] if args.status == "accepted" else 0
    for warning in options["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{count} event(s) written to {args.out}")
    if pending:
        print(f"{pending} suggested event(s) nobody has accepted yet were left out; --status all exports them too",
              file=sys.stderr)
    return 0


class CodingProgress:
    """``eventcoder code``'s progress on stderr: tqdm's bar on a terminal; anywhere else (a pipe, a log file) a
    plain line -- ``coded 300/1000 documents`` -- at each tenth of the run and at least every ``every_s``
    seconds, never a carriage-return animation."""

    def __init__(self, total: int, every_s: float = 5.0) -> None:
        import time

        self.total, self.every_s, self._clock = total, every_s, time.monotonic
        self._bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc="coding", unit="doc", file=sys.stderr)
        self._shown, self._at = 0, self._clock()

    def __call__(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done - self._bar.n)
            return
        now = self._clock()
        tenth = done * 10 // max(self.total, 1) > self._shown * 10 // max(self.total, 1)
        if done > self._shown and (tenth or done == self.total or now - self._at >= self.every_s):
            print(f"coded {done}/{self.total} documents", file=sys.stderr, flush=True)
            self._shown, self._at = done, now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _refuse_dictionary_errors(scheme) -> None:
    """A scheme whose dictionaries `eventcoder scheme validate` calls invalid (a file that codes nothing, a binary
    or damaged one, no verb at all) is refused before its choice is recorded or anything is coded, as an invalid
    scheme file is: coding with it would find no events, or fail half-way, without saying why."""
    errors = scheme.dictionary_report().errors
    if errors:
        raise SchemeError(errors, summary=f"the dictionaries of coding scheme {scheme.name} cannot code: "
                                          f"{len(errors)} error(s) (`eventcoder scheme validate` lists every problem)")


def cmd_code(args: argparse.Namespace) -> int:
    from .core.pipeline import code_documents
    from .core.pipeline import project_scheme as choose
    from .core.scheme_mix import check_scheme_fits

    with _project(args, writes="store suggestions", existing=True) as project:
        # one project, one code set: refused before the choice is recorded or anything is coded
        chosen = choose(project, args.scheme, record=False).scheme
        check_scheme_fits(project, chosen, args.scheme)
        _refuse_dictionary_errors(chosen)
        scheme = project_scheme(project, args.scheme)
        ids = args.doc or project.document_ids()
        if not args.doc and not args.all:  # the default, said before the work: a forgotten --doc is seen at once
            print(f"coding all {len(ids):,} document(s) of {project.path} (no --doc given; --all says so)",
                  file=sys.stderr)
        progress = CodingProgress(len(ids))
        try:  # recorded in the project while it runs: a window on it and `eventcoder status` show it
            with project.coding_run(len(ids), scheme.name, progress) as report:
                totals = code_documents(project, scheme, ids, progress=report)
        finally:
            progress.close()
    errors = totals.get("errors") or []
    print(
        f"{totals['documents']} document(s) coded: {totals['events']} new event suggestion(s)"
        + (f" ({totals['kept']} suggested before and kept)" if totals.get("kept") else "")
        + f", {totals['spans']} new span(s), {totals['already_decided']} already decided by an analyst"
        + (f"; {totals['done_skipped']} marked done left as they are" if totals.get("done_skipped") else "")
        + (f"; {len(errors)} document(s) could not be coded" if errors else "")
    )
    for doc_id, why in errors:
        print(f"  document {doc_id} not coded: {why}", file=sys.stderr)
    if "model_version" in totals:
        print(
            f"type learner (model v{totals['model_version']}) decided {totals['learner_decided']} suggestion(s): "
            f"{totals['learner_confirmed']} kept the rules' type, {totals['learner_retyped']} retyped, "
            f"{totals['learner_added']} added where the rules found none, {totals['learner_dropped']} dropped"
        )
    return 1 if errors and not totals["documents"] else 0


def cmd_train(args: argparse.Namespace) -> int:
    from .core.pipeline import project_scheme as choose
    from .core.pipeline import train
    from .core.scheme_mix import check_scheme_fits

    with _project(args, writes="store a trained model") as project:
        # one project, one code set (as `eventcoder code`): refused before the choice is recorded or anything trained
        chosen = choose(project, args.scheme, extra=args.extra, record=False).scheme
        check_scheme_fits(project, chosen, args.scheme, "train")
        _refuse_dictionary_errors(chosen)
        scheme = project_scheme(project, args.scheme, extra=args.extra)  # --extra: the scheme the codings are in
        if args.forget_extra:
            print(f"forgot {project.forget_training_records()} coding record(s) kept from earlier --extra files",
                  file=sys.stderr)
        report = train(project, scheme, extra=args.extra, progress=lambda msg: print(msg + " ...", file=sys.stderr))
        path = project.path
        kept = project.training_record_count()
    for line in report.lines():
        print(line)
    print(f"model v{report.version} ({scheme.name}) stored in {path}")
    if kept:
        print(f"{kept} record(s) from --extra files are kept in the project and used by every retraining "
              "(--forget-extra drops them)", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .core.evaluate import evaluate_file, format_report
    from .core.schemes import load_scheme

    # the coder `eventcoder code` uses for this scheme (PLOVER: CAMEO dictionaries mapped to its types)
    if args.db is None:
        if not args.scheme:
            raise EventCoderError("evaluate needs --scheme NAME_OR_FILE (or --db PROJECT to use its scheme)")
        scheme = load_scheme(args.scheme)
        _refuse_dictionary_errors(scheme)
        result = evaluate_file(args.gold, scheme, split=args.split)
    else:
        from .core.pipeline import assemble

        if not Path(args.db).is_file():
            raise EventCoderError(f"{args.db}: no such project file")

        with _project(args) as project:
            scheme = project_scheme(project, args.scheme, record=False)  # scoring writes nothing to the project
            _refuse_dictionary_errors(scheme)
            pipe = assemble(project, scheme)
        if pipe.learner is None:
            print(f"no type learner stored for {scheme.name} in {args.db}: the rules alone are scored",
                  file=sys.stderr)
        else:
            print(f"scoring the rules with type learner v{pipe.learner.version} ({scheme.name})", file=sys.stderr)
        result = evaluate_file(args.gold, scheme, coder=pipe.coder(), split=args.split)
    if args.json:
        for warning in result.get("warnings", []):  # the report shows them; beside JSON on stdout, stderr does
            print(f"warning: {warning}", file=sys.stderr)
        print(json.dumps(_rounded(result), ensure_ascii=False))
    else:
        print(format_report(result))
    return 0


def _rounded(value, places: int = 4):
    """``value`` with every float rounded to ``places`` decimals (0.8000000000000002 -> 0.8), for JSON shown to a
    person; the core's own figures stay exact."""
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, dict):
        return {key: _rounded(item, places) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(item, places) for item in value]
    return value


def cmd_check(args: argparse.Namespace) -> int:
    """Meant for a damaged file too: read through a read-only connection that never migrates or writes."""
    from .core.store import Project, check_file, default_db_path, wal_unreadable

    path = Path(args.db) if args.db else default_db_path()
    if (why := wal_unreadable(path)) is not None:  # not damaged: it cannot be read whole where it is
        print(why)
        return 1
    problems = check_file(path)
    counts: dict = {}
    if not problems:
        try:
            with Project(path, readonly=True) as project:
                counts = project.counts()
        except EventCoderError as exc:
            problems = [str(exc)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"PROBLEMS: {path} is damaged; `eventcoder restore BACKUP --db {path}` brings back a backup "
              "(see the backups/ folder beside it)")
        return 1
    print("ok: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _project(args, backup=False, existing=True) as project:
        path = project.backup(args.out)
    print(f"backup written to {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with _project(args, backup=False) as project:
        safety = project.restore(args.backup, force=args.force)
        counts = project.counts()
    print(f"restored {args.backup} ({counts['documents']} documents); the previous state is in {safety}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .core.overview import in_export_layer
    from .core.pipeline import project_scheme as choose_scheme
    from .core.report import write_report
    from .core.store.overview import OverviewFilter

    with _project(args, backup=False, existing=True) as project:
        scheme = choose_scheme(project, args.scheme, record=False).scheme  # a report writes nothing to the project
        wanted = OverviewFilter(status=args.status, date_from=args.date_from, date_to=args.date_to,
                                scheme=scheme.name)  # the events coded in that scheme (and those naming none)
        wanted = in_export_layer(project, wanted, args.layer, args.only_annotator)  # one layer, as export
        result = write_report(project, scheme, args.out, wanted)
    print(f"report written to {result.html} ({result.events} event(s); {len(result.files)} file(s) in {args.out})")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from .app.main import run_app

    if args.db:
        project_in_existing_folder(args.db)  # as every command: a mistyped folder is an error, not a new one
    return run_app(db=args.db, seed=not getattr(args, "no_seed", False))


def _team_command(name: str):
    """A team command (agreement, merge, package) from :mod:`eventcoder.cli_team`, imported when run."""
    def run(args: argparse.Namespace) -> int:
        from . import cli_team

        return getattr(cli_team, name)(args)

    return run


def _documents_command(name: str):
    """``delete`` or ``status`` from :mod:`eventcoder.cli_documents`, imported when run."""
    from . import cli_documents

    return getattr(cli_documents, name)


def _events_command(name: str):
    """``accept``, ``reject``, ``edit`` or ``undo`` from :mod:`eventcoder.cli_events`, imported when run."""
    from . import cli_events

    return getattr(cli_events, name)


def cmd_actors(args: argparse.Namespace) -> int:
    from .cli_actors import cmd_actors as run

    return run(args)


COMMANDS = {
    "gui": cmd_gui,
    "import": cmd_import,
    "documents": cmd_documents,
    "events": cmd_events,
    "scheme": cmd_scheme,
    "export": cmd_export,
    "code": cmd_code,
    "train": cmd_train,
    "evaluate": cmd_evaluate,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "report": cmd_report,
    "agreement": _team_command("cmd_agreement"),
    "merge": _team_command("cmd_merge"),
    "package": _team_command("cmd_package"),
    "team": _team_command("cmd_team"),
    "actors": cmd_actors,
    "delete": lambda args: _documents_command("cmd_delete")(args),
    "status": lambda args: _documents_command("cmd_status")(args),
    "accept": lambda args: _events_command("cmd_accept")(args),
    "reject": lambda args: _events_command("cmd_reject")(args),
    "edit": lambda args: _events_command("cmd_edit")(args),
    "undo": lambda args: _events_command("cmd_undo")(args),
    "corpus": lambda args: args.handler(args),  # eventcoder.corpus_cli sets each action's handler
}


def _project_as_window(argv: list[str]) -> list[str]:
    """``eventcoder news.db`` (a project file named as a desktop app's document): the window on it, as
    ``eventcoder --db news.db gui``. Only a last word that is no command and is a file or ends in ``.db``."""
    words = list(argv)
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 1 if "=" in words[i] or words[i] in ("-h", "--help", "--version") else 2
    if i == len(words) - 1 and words[i] not in COMMANDS and (words[i].endswith(".db") or Path(words[i]).is_file()):
        return [*words[:i], "--db", words[i], "gui"]
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_project_as_window(sys.argv[1:] if argv is None else list(argv)))
    if args.command is None:  # `eventcoder`, `eventcoder --db FILE`: the window
        window = parser.parse_args(["gui"])
        window.annotator = args.annotator
        window.top_db, args = args.top_db, window
    try:
        _top_db(args)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader that went away (``| head``) shows here, inside the try, not at exit
        return code
    except BrokenPipeError:  # before OSError, its base class: the reader stopped reading; that is not an error
        _quiet_stdout()
        return 0
    except ProblemsError as exc:
        print(f"eventcoder: {exc}", file=sys.stderr)
        return 1
    except EventCoderError as exc:
        print(f"eventcoder: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"eventcoder: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("eventcoder: interrupted", file=sys.stderr)
        return 130


def _top_db(args: argparse.Namespace) -> None:
    """``eventcoder --db FILE COMMAND``: the --db given before the command is the command's own."""
    given = getattr(args, "top_db", None)
    if given is None:
        return
    if not hasattr(args, "db"):
        raise EventCoderError(f"`eventcoder {args.command}` takes no --db")
    if args.db is not None and args.db != given:
        raise EventCoderError(f"two projects named: --db {given} and --db {args.db}; name one")
    args.db = given


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit does not fail on the closed pipe again
    (the Python docs' recipe for SIGPIPE, "Note on SIGPIPE")."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
