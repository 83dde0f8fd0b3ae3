"""``eventcoder actors``: the project's own actor dictionary on the command line (a thin shell over
:mod:`eventcoder.core.project_actors`).

    eventcoder actors list   --db news.db [--all] [--json]
    eventcoder actors add    "Zorvan Kettel" NORGOV --db news.db [--from 2023-01-01] [--until 2024-12-31]
    eventcoder actors remove "Zorvan Kettel" --db news.db [--code NORGOV]
    eventcoder actors export --db news.db --petrarch project.actors.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from .core.errors import EventCoderError


def add_actors_commands(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("actors", help="the project's own actor dictionary: list, add, remove, export (PETRARCH)")
    asub = p.add_subparsers(dest="actors_command", metavar="ACTION", required=True)
    sp = asub.add_parser("list", help="names and codes the project knows (learned from codings, or added)")
    db_arg(sp)
    sp.add_argument("--all", action="store_true", help="also the learned entries an analyst removed")
    sp.add_argument("--json", action="store_true", help="print JSON lines")
    sp = asub.add_parser("add", help="code a name (from a date, until a date); later suggestions use it")
    sp.add_argument("name")
    sp.add_argument("code")
    db_arg(sp)
    sp.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day the code holds")
    sp.add_argument("--until", dest="end", metavar="YYYY-MM-DD", help="last day the code holds")
    sp.add_argument("--note", help="why (kept with the entry)")
    sp = asub.add_parser("remove", help="stop coding a name so (a learned entry is hidden, an added one deleted)")
    sp.add_argument("name")
    db_arg(sp)
    sp.add_argument("--code", help="the entry's code, when the name has several")
    sp = asub.add_parser("export", help="write the entries as a PETRARCH actors file")
    db_arg(sp)
    sp.add_argument("--petrarch", metavar="FILE", help="the actors file to write")


def _open(args: argparse.Namespace, writes: str | None = None):
    from .cli import _project

    return _project(args, backup=writes is not None, writes=writes, existing=True)


def cmd_actors(args: argparse.Namespace) -> int:
    from .core import project_actors as pa

    action = args.actors_command
    if action == "export":
        if not args.petrarch:
            raise EventCoderError("actors export needs --petrarch FILE (the PETRARCH actors file to write)")
        target = Path(args.petrarch)
        if target.is_dir():
            raise EventCoderError(f"{target}: is a folder; give the actors file to write")
        left_out: list[str] = []
        with _open(args) as project:
            names = pa.export_petrarch(project, target, left_out)
        print(f"{names} name(s) written to {target}"
              + (f"; {len(left_out)} left out (listed on stderr)" if left_out else ""))
        for name in left_out:
            print(f"  left out {name!r}: a PETRARCH actors file cannot hold a name with [ ] {{ }} # + < > or !; "
                  "remove it and add it again without them", file=sys.stderr)
        return 0
    if action == "list":
        with _open(args) as project:
            actors = pa.project_actors(project, include_suppressed=args.all)
        if args.json:
            for a in actors:
                print(json.dumps({"name": a.name, "code": a.code, "start": a.start, "end": a.end, "source": a.source,
                                  "mentions": a.mentions, "id": a.entry_id}, ensure_ascii=False))
            return 0
        for a in actors:
            how = f"learned from {a.mentions} mention(s)" if a.source == pa.LEARNED else a.source
            print(f"{a.name:<40} {a.code:<12} {a.dates:<26} {how}")
        print(f"{len(actors)} entr{'y' if len(actors) == 1 else 'ies'}", file=sys.stderr)
        return 0
    if action == "add":
        command = pa.add_actor(args.name, args.code, args.start, args.end, args.note)
        with _open(args, writes="add an actor") as project:
            command.apply(project)
        print(f"added: {args.name} → {args.code.strip().upper()}" + (f" from {args.start}" if args.start else "")
              + (f" until {args.end}" if args.end else ""))
        return 0
    if action == "remove":
        with _open(args, writes="remove an actor") as project:
            found = pa.find_actor(pa.project_actors(project), args.name, args.code)
            if not found:
                what = f"{args.name!r}" + (f" coded {args.code}" if args.code else "")
                raise EventCoderError(f"the project has no actor entry {what} "
                                     f"(see `eventcoder actors list --db {project.path}`)")
            if len({a.code for a in found}) > 1:
                codes = ", ".join(sorted({a.code for a in found}))
                raise EventCoderError(f"{args.name!r} has entries with several codes ({codes}): say which with --code")
            for actor in found:
                pa.remove_actor(actor).apply(project)
        print(f"removed: {found[0].name} ({found[0].code})" + (f", {len(found)} entries" if len(found) > 1 else ""))
        return 0
    raise EventCoderError(f"unknown actors action {action!r}")
