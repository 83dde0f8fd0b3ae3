"""The team commands of ``eventcoder``: ``agreement``, ``merge`` and ``package`` (a thin shell over
:mod:`eventcoder.core.team`; registered by :mod:`eventcoder.cli`)."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable
from pathlib import Path

from .core.errors import EventCoderError


def add_team_commands(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("agreement", help="inter-annotator agreement (Krippendorff's α, Cohen's κ, Gwet's AC1) "
                       "over project files")
    p.add_argument("projects", nargs="+", metavar="PROJECT",
                   help="project files: one per annotator, or several annotators in one (documents matched by text)")
    p.add_argument("--annotators", metavar="A,B", help="compare only these annotators (default: all found)")
    p.add_argument("--scheme", metavar="NAME_OR_FILE", help="scheme for root codes (default: the first file's)")
    p.add_argument("--explain", metavar="LEVEL", choices=["event", "code", "root", "source", "target", "triple"],
                   help="list every unit of LEVEL: each annotator's value, the event it came from, or missing")
    p.add_argument("--json", action="store_true", help="one JSON object (with every unit under \"explain\")")

    p = sub.add_parser("merge", help="merge annotators' project files into one team file (documents matched by text)")
    p.add_argument("projects", nargs="+", metavar="PROJECT")
    p.add_argument("--into", required=True, metavar="TEAM.db", help="the team file (created if missing)")

    p = sub.add_parser("package", help="a copy of the project for each annotator (documents, scheme, model)")
    db_arg(p)
    p.add_argument("--for", dest="annotators", required=True, metavar="A,B", help="annotators' names")
    p.add_argument("-o", "--out", required=True, metavar="FOLDER", help="where NAME.db files are written")
    p.add_argument("--split", action="store_true", help="share the documents out instead of giving everyone all")
    p.add_argument("--overlap", type=int, default=0, metavar="N",
                   help="with --split: the first N documents go to everyone (agreement is measured on them)")


    p = sub.add_parser("team", help="several annotators in one project file: each decides in their own layer")
    team = p.add_subparsers(dest="team_action", required=True, metavar="ACTION")
    q = team.add_parser("layers", help="turn annotator layers on or off for a shared project file (or show it)")
    q.add_argument("state", nargs="?", choices=["on", "off"], help="on: a suggestion one annotator decides stays "
                   "pending for the others (omit to show the setting)")
    db_arg(q)


def _names(text: str | None) -> list[str] | None:
    if not text:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise EventCoderError("name at least one annotator")
    return names


def cmd_agreement(args: argparse.Namespace) -> int:
    from .core.pipeline import project_scheme
    from .core.store import Project
    from .core.team.agreement import explain_lines, from_projects, text_report

    for path in args.projects:
        if not Path(path).is_file():
            raise EventCoderError(f"{path}: no such project file")
    with contextlib.ExitStack() as stack:
        projects = [stack.enter_context(Project(p)) for p in args.projects]
        scheme = project_scheme(projects[0], args.scheme, record=False).scheme  # agreement writes nothing
        result = from_projects(projects, lambda code: scheme.root(code), _names(args.annotators))
    if len(result.annotators) < 2:
        raise EventCoderError(f"agreement needs two annotators; found {', '.join(result.annotators) or 'none'} in "
                              f"{', '.join(args.projects)}")
    if args.json:
        print(json.dumps(result.as_dict(explain=True), ensure_ascii=False, indent=1))
        return 0
    if args.explain:
        print("\n".join(explain_lines(result, args.explain)))
        return 0
    print("\n".join(text_report(result)))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from .cli import project_in_existing_folder
    from .core.team.merge import merge_files

    project_in_existing_folder(args.into)  # a mistyped folder is an error, not a new folder
    report = merge_files(args.projects, args.into)
    print(report.summary() + f" into {args.into}")
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    from .cli import _project
    from .core.team.merge import package

    names = _names(args.annotators) or []
    if args.overlap < 0:
        raise EventCoderError("--overlap must be 0 or more")
    with _project(args, backup=False, existing=True) as project:
        made = package(project, args.out, names, split=args.split, overlap=args.overlap)
    for who, path in made.items():
        print(f"{who}: {path}")
    return 0



def cmd_team(args: argparse.Namespace) -> int:
    """``eventcoder team layers [on|off]``: the project setting ``team_layers`` (core/team/layers.py)."""
    from .cli import _project

    writes = "change the team setting" if args.state else None
    with _project(args, writes=writes, existing=True) as project:
        if args.state:
            project.set_team_layers(args.state == "on")
        on = project.team_layers()
        who = project.layer_annotators()
    print(f"team layers: {'on' if on else 'off'}" + (f" (annotators with codings: {', '.join(who)})" if who else ""))
    return 0
