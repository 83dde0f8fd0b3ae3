"""``eventcoder delete`` and ``eventcoder status``: deleting documents, and what a project holds and whether
a coding run is writing into it (thin shells over :mod:`eventcoder.core.commands` and ``core/store``).

    eventcoder delete --doc 3 7 --db news.db      the documents with their events, highlights and relations
    eventcoder status --db news.db [--json]       documents, events by status, coding runs in progress
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .core.errors import EventCoderError
from .core.store.document_removal import rows_digest


def add_document_commands(sub: argparse._SubParsersAction,
                          db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("delete", help="delete documents with their events, highlights and relations "
                       "(the project is backed up first)")
    db_arg(p)
    p.add_argument("--doc", nargs="+", type=int, required=True, metavar="ID",
                   help="the documents to delete (ids as `eventcoder documents` lists them)")
    p.add_argument("--no-backup", action="store_true",
                   help="delete without the backup made first (the journal still keeps every deleted row)")
    p = sub.add_parser("status", help="documents, events by status, and any coding run in progress")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def cmd_delete(args: argparse.Namespace) -> int:
    """All the documents in one transaction, or none (an unknown id refuses the whole command)."""
    from .cli import _project
    from .core import commands

    ids = list(dict.fromkeys(args.doc))
    with _project(args, backup=False, writes="delete documents", existing=True) as project:
        known = set(project.document_ids())
        unknown = [str(i) for i in ids if i not in known]
        if unknown:
            raise EventCoderError(f"no document with id {', '.join(unknown)} in {project.path} (`eventcoder documents "
                                  f"--db {project.path}` lists them); nothing was deleted")
        saved = None
        if not args.no_backup:
            try:
                saved = project.backup(suffix="before-delete")
            except EventCoderError as exc:
                raise EventCoderError(f"cannot back up {project.path} before deleting ({exc}); nothing was deleted "
                                      "(--no-backup deletes without one)") from exc
        rows = {doc_id: project.document_rows(doc_id) for doc_id in ids}
        # one transaction: the documents as just read, or nothing (changed by a window meanwhile: refused)
        project_commands = tuple(commands.DeleteDocument(doc_id, label=f"delete document {doc_id}",
                                                         expected_state=rows_digest(rows[doc_id]))
                                 for doc_id in ids)
        commands.Composite(project_commands, label="delete documents").apply(project)
        path = project.path
    for doc_id in ids:
        n = rows[doc_id].counts()
        print(f"deleted document {doc_id} “{rows[doc_id].title}”: {n['events']} event(s), {n['spans']} span(s), "
              f"{n['relations']} relation(s)")
    if saved is not None:
        print(f"the project as it was is backed up in {saved} (`eventcoder restore {saved} --db {path}` brings it "
              "back)", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .cli import _project

    with _project(args, backup=False, existing=True) as project:
        counts = project.counts()
        done = len(project.ordered_document_ids(status="done", order="id"))
        runs = project.coding_runs()
        path = project.path
    if args.json:
        print(json.dumps({"project": str(path), **counts, "documents_done": done,
                          "runs_in_progress": [{"pid": r.pid, "host": r.host, "annotator": r.annotator,
                                                "scheme": r.scheme, "done": r.done, "total": r.total,
                                                "started": r.started, "seen": r.seen} for r in runs]},
                         ensure_ascii=False))
        return 0
    print(f"{path}: {counts['documents']} document(s), {done} marked done")
    print(f"events: {counts['events_suggested']} suggested, {counts['events_accepted']} accepted, "
          f"{counts['events_rejected']} rejected; {counts['spans']} span(s), {counts['relations']} relation(s)")
    for run in runs:
        print(run.describe())
    if not runs:
        print("no coding run in progress")
    return 0
