"""One project, one code set: coding a project in a scheme whose codes are not those its events already have
is refused, before anything is written.

``eventcoder code --scheme plover`` on a project coded in CAMEO would replace the pending CAMEO suggestions of
the documents it codes with PLOVER ones and keep the accepted CAMEO events, so one export column would hold
``112`` and ``ACCUSE``. :func:`check_scheme_fits` refuses that; a scheme that knows every code the project's
events have (the same scheme, or one that ``extends: cameo`` for a CAMEO project) is fine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .errors import EventCoderError
from .schemes import CodingScheme, builtin_scheme_names, load_scheme
from .store import Project
from .store.event_schemes import event_codes_by_scheme


class SchemeMixError(EventCoderError):
    """Coding (or switching) ``project`` to a scheme that lacks the codes of some of its events; nothing was
    changed. ``own``: the scheme most of those events were coded in (None: not recorded); ``events``: how many."""

    def __init__(self, message: str, own: str | None, events: int, scheme: str) -> None:
        super().__init__(message)
        self.own, self.events, self.scheme = own, events, scheme


class UnknownEventCode(EventCoderError):
    """A typed event code the project's scheme does not list; nothing was written."""


def check_event_code(scheme: CodingScheme, code: str | None) -> None:
    """Raise :class:`UnknownEventCode` unless ``scheme`` lists ``code`` (a code of it, or an old name in its
    ``aliases``). A scheme with no event types (none could be loaded) takes codes as typed; so does an event
    without a code."""
    if not code or not scheme.event_types:
        return
    if not scheme.knows(code):
        raise UnknownEventCode(f"{code} is not an event code of {scheme.name}, this project's scheme; type a code "
                               f"of {scheme.name} (the editor's list shows them)")


def foreign_codes(project: Project, scheme: CodingScheme) -> Counter:
    """``{scheme name the events were coded in (None: not recorded): events}`` for the project's events whose
    code ``scheme`` does not know (neither a code of it nor an old name in its ``aliases``)."""
    found: Counter = Counter()
    for (name, code), n in event_codes_by_scheme(project).items():
        if name is not None and name.casefold() == scheme.name.casefold():
            continue
        if not scheme.knows(code):
            found[name] += n
    return found


def check_scheme_fits(project: Project, scheme: CodingScheme, wanted: str | Path | None = None,
                      command: str = "code") -> None:
    """Raise :class:`EventCoderError` (one line: the project's scheme and what to do) when coding ``project`` in
    ``scheme`` would mix its codes with the ones the project's events have. ``wanted``: what the user named
    (``--scheme``), for the message; ``command``: the command refused (``code``, ``train``)."""
    found = foreign_codes(project, scheme)
    if not found:
        return
    events = sum(found.values())
    own = next((name for name, _n in found.most_common() if name), None) or "another scheme"
    asked = f"--scheme {wanted}" if wanted else f"its scheme setting ({scheme.name})"
    again = f"--scheme {own.lower()}" if own.lower() in builtin_scheme_names() else "--scheme FILE"
    raise SchemeMixError(
        f"{project.path} is coded in {own}: {events} of its events have codes {scheme.name} does not have, so "
        f"{'training' if command == 'train' else 'coding'} it with {asked} would mix two code sets in one export. "
        f"{command.capitalize()} it in {own} (`eventcoder {command} {again} --db {project.path}`), or code these "
        f"documents in "
        f"{scheme.name} in a new project (`eventcoder import FILES --db NEW.db`, then "
        f"`eventcoder {command} --scheme {wanted or scheme.name.lower()} --db NEW.db`); nothing was changed",
        own, events, scheme.name)


def check_switch(project: Project, scheme: CodingScheme, current: CodingScheme | None,
                 wanted: str | Path | None = None) -> None:
    """Raise :class:`SchemeMixError` (as :func:`check_scheme_fits`) when making ``scheme`` the project's scheme
    (the window's Scheme box) would leave events with codes it does not list -- unless ``current`` fits the
    events even less: a project already mixed (or open in a scheme that is not its events') may always move
    towards the scheme of its events."""
    found = foreign_codes(project, scheme)
    if not found:
        return
    if current is not None and sum(foreign_codes(project, current).values()) > sum(found.values()):
        return
    check_scheme_fits(project, scheme, wanted)


def scheme_of_events(project: Project, scheme: CodingScheme) -> tuple[CodingScheme, str] | None:
    """When ``scheme`` (the project's setting) lacks the codes of some of the project's events and the scheme
    those events were coded in can be loaded (a built-in one, or the file the project recorded for it) and fits
    them better: (that scheme, a line saying so). None otherwise. A window opens such a project in the scheme of
    its events, so what is typed there is checked against the codes the project holds."""
    found = foreign_codes(project, scheme)
    own = next((name for name, _n in found.most_common() if name), None)
    if own is None:
        return None
    candidates: list[str] = [name for name in builtin_scheme_names() if name.casefold() == own.casefold()]
    candidates += [str(row["path"]) for row in reversed(project.schemes_used())
                   if row.get("name") == own and row.get("path") and Path(str(row["path"])).is_file()]
    for candidate in candidates:
        try:
            other = load_scheme(candidate)
        except EventCoderError:
            continue
        if sum(foreign_codes(project, other).values()) < sum(found.values()):
            return other, (f"This project's events are coded in {other.name}, but its scheme setting is {scheme.name}, "
                           f"which lacks the codes of {sum(found.values())} of them: opened in {other.name} (pick it "
                           f"in the Scheme box to make it the project's setting again)")
    return None


def check_merge_fits(sources: Sequence[Project], scheme: CodingScheme, into: str | Path) -> None:
    """Raise :class:`SchemeMixError` (one line: the file, its scheme, what to do) when merging ``sources`` into
    the team file ``into``, which codes in ``scheme``, would mix two code sets: a file whose events have codes
    ``scheme`` does not know. Checked for every file before anything is written."""
    for source in sources:
        found = foreign_codes(source, scheme)
        if not found:
            continue
        events = sum(found.values())
        own = next((name for name, _n in found.most_common() if name), None) or "another scheme"
        raise SchemeMixError(
            f"{source.path} is coded in {own}: {events} of its events have codes {scheme.name} (the scheme of "
            f"{into}) does not have, so merging it would mix two code sets in one export. Merge the {own} files "
            f"into a team file of their own (`eventcoder merge {source.path} --into NEW.db`); nothing was changed",
            own, events, scheme.name)
