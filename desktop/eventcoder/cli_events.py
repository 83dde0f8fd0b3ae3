"""``eventcoder accept``, ``reject``, ``edit`` and ``undo``: deciding events without a display, through the
window's own commands (:mod:`eventcoder.core.decisions` over :mod:`eventcoder.core.commands`).

    eventcoder accept 12 13 --db news.db            accept events 12 and 13 (and their highlights)
    eventcoder reject 14@2 --db news.db             reject event 14 if it is still at version 2
    eventcoder edit 12 --code 111 --target OST --version 3 --db news.db
    eventcoder edit 12 --date 2024-03-05 --db news.db   the event's own date (another day than its document's)
    eventcoder undo --db news.db                    take back the last of these (yours, from the command line)

Exit codes: 0 done (or nothing to change); 1 a mistake, nothing written (an unknown id, a code the project's
scheme does not list, a required role left empty, a version the event never had, another annotator's event in a
file with team layers); 2 a malformed command line; 3 an event was changed or deleted elsewhere since the
version given (or since it was read), nothing written: read it again (``eventcoder events --json``) and decide.
``undo``: 1 when nothing is left to undo, 3 when someone changed those events since the decision (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .core.errors import EventCoderError

CHANGED_ELSEWHERE = 3  # the exit code of a decision refused because the event changed since it was read
MALFORMED = 2  # a malformed command line (argparse's own code)
_LARGEST = 2**63 - 1  # SQLite's largest integer: a larger id or version names nothing


class MalformedCommand(EventCoderError):
    """A command line whose parts do not go together (exit 2, as argparse's own refusals)."""


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
    if event_id > _LARGEST or (shown is not None and shown > _LARGEST):
        raise argparse.ArgumentTypeError(f"{text!r}: ids and versions go up to {_LARGEST}")
    return event_id, shown


def _whole_number(text: str, what: str) -> int:
    """A whole number from 1 up to what SQLite holds (a larger one names nothing), else argparse's error (exit 2)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {'an' if what[0] in 'aeiou' else 'a'} {what} "
                                         "(a whole number from 1)") from None
    if not 1 <= number <= _LARGEST:
        raise argparse.ArgumentTypeError(f"{text!r}: {what}s are whole numbers from 1 to {_LARGEST}")
    return number


def row_id(text: str) -> int:
    """A document's (or event's) id."""
    return _whole_number(text, "id")


def version_number(text: str) -> int:
    """``--version N``."""
    return _whole_number(text, "version")


def event_date_arg(text: str) -> str:
    """``--date``: a day written ``YYYY-MM-DD`` ('' clears it), else argparse's error (exit 2), with why."""
    from .core.io.dates import normalise_date

    try:
        return normalise_date(text, iso_only=True) or ""
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_event_commands(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    for name, verb in (("accept", "accept"), ("reject", "reject")):
        p = sub.add_parser(name, help=f"{verb} events, as the window's {'A' if name == 'accept' else 'X'} does "
                           "(one transaction: all of them or none)")
        db_arg(p)
        p.add_argument("events", nargs="+", type=event_ref, metavar="ID[@VERSION]",
                       help="event ids as `eventcoder events` lists them; @VERSION (from `eventcoder events --json`): "
                       "refused, nothing written, if the event changed since that version")
        p.add_argument("--version", dest="event_version", type=version_number, metavar="N",
                       help="with one ID: the version you saw (as ID@N)")
    p = sub.add_parser("edit", help="edit an event, as the window's editor does: its code, source or target "
                       "actor code, date, note (an edited suggestion becomes your accepted event)")
    db_arg(p)
    p.add_argument("event", type=event_ref, metavar="ID[@VERSION]")
    p.add_argument("--code", metavar="CODE", help="the event code (one of the project's scheme)")
    p.add_argument("--source", metavar="CODE", help="the source actor code")
    p.add_argument("--target", metavar="CODE", help="the target actor code")
    p.add_argument("--note", metavar="TEXT", help="a note on the event ('' clears it; a note alone decides nothing)")
    p.add_argument("--date", metavar="YYYY-MM-DD", type=event_date_arg,
                   help="the event's own date ('' clears it; a new event takes its document's date, and follows "
                   "it when the document's date is changed, unless set to another day)")
    p.add_argument("--version", dest="event_version", type=version_number, metavar="N",
                   help="the version you saw (as ID@N)")
    p = sub.add_parser("undo", help="undo your last accept, reject or edit from the command line (one step, refused "
                       "if anyone changed those events since; the window's changes are undone with its Ctrl+Z)",
                       epilog="Example: eventcoder --annotator ann undo --db news.db")
    db_arg(p)


def _shown(refs: list[tuple[int, int | None]], version: int | None):
    from .core.decisions import Shown

    if version is not None:
        if len(refs) != 1:
            raise MalformedCommand("--version goes with one event; give several as ID@VERSION (12@3 14@1)")
        if refs[0][1] is not None and refs[0][1] != version:
            raise MalformedCommand(f"two versions given for event {refs[0][0]}: @{refs[0][1]} and --version {version}")
        refs = [(refs[0][0], version)]
    return [Shown(event_id, seen) for event_id, seen in refs]


def _describe(event) -> str:
    """One line for an event: its triple, and who decided it -- a model suggestion nobody decided yet is pending."""
    if event.status == "suggested" and not event.annotator:
        state = "a pending suggestion of the coder"
    else:
        state = f"{event.status} by {event.annotator or 'an unnamed annotator'}"
    return (f"event {event.id}: {event.source_code or '-'} {event.event_code} {event.target_code or '-'}, "
            f"{state} (version {event.version})")


def _decided(project, event_id: int) -> str:
    """The event as decided: itself, or (team layers: a shared suggestion stays pending for the others) the
    annotator's own row that decides it."""
    event = project.get_event(event_id)
    own = next((e for e in project.events(event.document_id)
                if e.decides == event_id and e.annotator == project.annotator), None) if project.team_layers() else None
    if own is None or event.status != "suggested":
        return _describe(event)
    return f"{_describe(own)}, deciding the shared suggestion {event_id} in {project.annotator}'s layer"


def _malformed(args: argparse.Namespace, exc: MalformedCommand) -> int:
    print(f"eventcoder {args.command}: error: {exc}", file=sys.stderr)
    return MALFORMED


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
    from .core.decisions import apply_decision, decide

    try:
        shown = _shown(args.events, args.event_version)
    except MalformedCommand as exc:
        return _malformed(args, exc)
    verb = "accepted" if status == "accepted" else "rejected"

    def build(project):
        command, already = decide(project, shown, status)
        if command is not None:
            apply_decision(project, command)  # with its undo step (`eventcoder undo`)
        return [f"nothing to change: {_describe(already[s.event_id])}, deciding the shared suggestion {s.event_id} "
                f"in {project.annotator}'s layer" if s.event_id in already else
                f"{verb} {_decided(project, s.event_id)}" for s in dict.fromkeys(shown)]

    return _run(args, "decide events", build)


def cmd_accept(args: argparse.Namespace) -> int:
    return _decide(args, "accepted")


def cmd_reject(args: argparse.Namespace) -> int:
    return _decide(args, "rejected")


def cmd_edit(args: argparse.Namespace) -> int:
    from .core.decisions import apply_decision, edit
    from .core.session import CodingSession

    try:
        if all(v is None for v in (args.code, args.source, args.target, args.note, args.date)):
            raise MalformedCommand("nothing asked: give --code, --source, --target, --date or --note")
        (shown,) = _shown([args.event], args.event_version)
    except MalformedCommand as exc:
        return _malformed(args, exc)

    def build(project):
        scheme, problem = CodingSession.initial_scheme(project)  # the scheme the window checks codes against
        if problem:
            print(f"eventcoder: warning: {problem}", file=sys.stderr)
        command = edit(project, scheme, shown, code=args.code, source=args.source, target=args.target,
                       note=args.note, date=args.date)
        if command is None:
            return [f"nothing to change: {_describe(project.get_event(shown.event_id))}"]
        apply_decision(project, command)  # with its undo step (`eventcoder undo`)
        return [f"edited {_decided(project, shown.event_id)}"]

    return _run(args, "edit an event", build)


def cmd_undo(args: argparse.Namespace) -> int:
    """Take back the annotator's last ``accept``, ``reject`` or ``edit`` (one step, as the window's Ctrl+Z)."""
    from .core.decisions import undo_last_decision
    from .core.model import RowKind
    from .core.session import touched_rows

    def build(project):
        step, inverse = undo_last_decision(project)
        lines = [f"undone: {step['label']} (made from the command line at {step['at'].replace('T', ' ')[:-1]} UTC)"]
        for kind, row_id in sorted(touched_rows(inverse)):
            if kind != RowKind.EVENT:
                continue
            row = project.get_row(RowKind.EVENT, row_id)
            lines.append(f"event {row_id}: removed" if row is None else _describe(project.get_event(row_id)))
        return lines

    return _run(args, "undo a decision", build)


def listed_layer(project, view: str | None) -> tuple[set[int] | None, str, bool]:
    """What ``eventcoder events`` lists (``--layer``): with team layers on the caller's layer by default, as the
    window shows it (their events and the shared suggestions they have not decided, so ``--status suggested`` is
    what is still theirs to decide), or the layer named. The ids (None: every event), how the count names the
    layer, and whether an annotator column is needed (several annotators' rows listed)."""
    from .core.team.layers import ALL, MINE, check_view, describe_view, view_scope

    team = project.team_layers()
    if view is None and not team:
        return None, "", False
    view = check_view(view or MINE)
    if view == project.annotator:
        view = MINE
    named = f"{project.annotator}'s layer" if view == MINE else describe_view(view, project.annotator)
    note = f" in {named}" if team else f" in {named} (team layers are off: every row is everyone's)"
    return view_scope(project, view), note, view == ALL
