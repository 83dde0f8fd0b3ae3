"""``eventcoder accept``, ``reject`` and ``edit``: deciding events without a display, through the window's own
commands (:mod:`eventcoder.core.decisions` over :mod:`eventcoder.core.commands`).

    eventcoder accept 12 13 --db news.db            accept events 12 and 13 (and their highlights)
    eventcoder reject 14@2 --db news.db             reject event 14 if it is still at version 2
    eventcoder edit 12 --code 111 --target OST --version 3 --db news.db

Exit codes: 0 done (or nothing to change); 1 a mistake, nothing written (an unknown id, a code the project's
scheme does not list, a required role left empty); 3 an event was changed or deleted elsewhere since the
version given (or since it was read), nothing written: read it again (``eventcoder events --json``) and decide.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .core.errors import EventCoderError

CHANGED_ELSEWHERE = 3  # the exit code of a decision refused because the event changed since it was read


def event_ref(text: str) -> tuple[int, int | None]:
    """``12`` or ``12@3`` (event 12 as seen at version 3)."""
    head, _, version = text.partition("@")
    try:
        event_id = int(head)
        shown = int(version) if version else None
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an event id (ID or ID@VERSION, e.g. 12 or 12@3)") from None
    if event_id < 1 or (shown is not None and shown < 1):
        raise argparse.ArgumentTypeError(f"{text!r}: ids and versions are whole numbers from 1")
    return event_id, shown


def add_event_commands(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    for name, verb in (("accept", "accept"), ("reject", "reject")):
        p = sub.add_parser(name, help=f"{verb} events, as the window's {'A' if name == 'accept' else 'X'} does "
                           "(one transaction: all of them or none)")
        db_arg(p)
        p.add_argument("events", nargs="+", type=event_ref, metavar="ID[@VERSION]",
                       help="event ids as `eventcoder events` lists them; @VERSION (from `eventcoder events --json`): "
                       "refused, nothing written, if the event changed since that version")
        p.add_argument("--version", dest="event_version", type=int, metavar="N",
                       help="with one ID: the version you saw (as ID@N)")
    p = sub.add_parser("edit", help="edit an event, as the window's editor does: its code, source or target "
                       "actor code, note (an edited suggestion becomes your accepted event)")
    db_arg(p)
    p.add_argument("event", type=event_ref, metavar="ID[@VERSION]")
    p.add_argument("--code", metavar="CODE", help="the event code (one of the project's scheme)")
    p.add_argument("--source", metavar="CODE", help="the source actor code")
    p.add_argument("--target", metavar="CODE", help="the target actor code")
    p.add_argument("--note", metavar="TEXT", help="a note on the event ('' clears it; a note alone decides nothing)")
    p.add_argument("--version", dest="event_version", type=int, metavar="N", help="the version you saw (as ID@N)")


def _shown(refs: list[tuple[int, int | None]], version: int | None):
    from .core.decisions import Shown

    if version is not None:
        if len(refs) != 1:
            raise EventCoderError("--version goes with one event; give several as ID@VERSION (12@3 14@1)")
        if refs[0][1] is not None and refs[0][1] != version:
            raise EventCoderError(f"two versions given for event {refs[0][0]}: @{refs[0][1]} and --version {version}")
        refs = [(refs[0][0], version)]
    return [Shown(event_id, seen) for event_id, seen in refs]


def _describe(event) -> str:
    return (f"event {event.id}: {event.source_code or '-'} {event.event_code} {event.target_code or '-'}, "
            f"{event.status} by {event.annotator or '-'} (version {event.version})")


def _decided(project, event_id: int) -> str:
    """The event as decided: itself, or (team layers: a shared suggestion stays pending for the others) the
    annotator's own row that decides it."""
    event = project.get_event(event_id)
    own = next((e for e in project.events(event.document_id)
                if e.decides == event_id and e.annotator == project.annotator), None)
    if own is None or event.status != "suggested":
        return _describe(event)
    return f"{_describe(own)}, deciding the shared suggestion {event_id} in {project.annotator}'s layer"


def _run(args: argparse.Namespace, what: str, build) -> int:
    """Build the command (reading the events), apply it (one transaction); a change made elsewhere: exit 3."""
    from .cli import _project
    from .core.commands import ChangedElsewhere

    with _project(args, writes=what, existing=True) as project:
        try:
            done = build(project)
        except ChangedElsewhere as exc:
            print(f"eventcoder: {exc}", file=sys.stderr)
            return CHANGED_ELSEWHERE
    for line in done:
        print(line)
    return 0


def _decide(args: argparse.Namespace, status: str) -> int:
    from .core.decisions import decide

    shown = _shown(args.events, args.event_version)
    verb = "accepted" if status == "accepted" else "rejected"

    def build(project):
        decide(project, shown, status).apply(project)
        return [f"{verb} {_decided(project, s.event_id)}" for s in dict.fromkeys(shown)]

    return _run(args, "decide events", build)


def cmd_accept(args: argparse.Namespace) -> int:
    return _decide(args, "accepted")


def cmd_reject(args: argparse.Namespace) -> int:
    return _decide(args, "rejected")


def cmd_edit(args: argparse.Namespace) -> int:
    from .core.decisions import edit
    from .core.session import CodingSession

    if all(v is None for v in (args.code, args.source, args.target, args.note)):
        raise EventCoderError("nothing to change: give --code, --source, --target or --note")
    (shown,) = _shown([args.event], args.event_version)

    def build(project):
        scheme, problem = CodingSession.initial_scheme(project)  # the scheme the window checks codes against
        if problem:
            print(f"eventcoder: warning: {problem}", file=sys.stderr)
        command = edit(project, scheme, shown, code=args.code, source=args.source, target=args.target,
                       note=args.note)
        if command is None:
            return [f"nothing to change: {_describe(project.get_event(shown.event_id))}"]
        command.apply(project)
        return [f"edited {_decided(project, shown.event_id)}"]

    return _run(args, "edit an event", build)
