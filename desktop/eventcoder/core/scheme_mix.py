"""One project, one code set: coding a project in a scheme whose codes are not those its events already have
is refused, before anything is written.

``eventcoder code --scheme plover`` on a project coded in CAMEO would replace the pending CAMEO suggestions of
the documents it codes with PLOVER ones and keep the accepted CAMEO events, so one export column would hold
``112`` and ``ACCUSE``. :func:`check_scheme_fits` refuses that; a scheme that knows every code the project's
events have (the same scheme, or one that ``extends: cameo`` for a CAMEO project) is fine.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .errors import EventCoderError
from .schemes import CodingScheme, builtin_scheme_names
from .store import Project
from .store.event_schemes import event_codes_by_scheme


def foreign_codes(project: Project, scheme: CodingScheme) -> Counter:
    """``{scheme name the events were coded in (None: not recorded): events}`` for the project's events whose
    code ``scheme`` does not know (neither a code of it nor an old name in its ``aliases``)."""
    found: Counter = Counter()
    for (name, code), n in event_codes_by_scheme(project).items():
        if name is not None and name.casefold() == scheme.name.casefold():
            continue
        if scheme.event_type(code) is None and not scheme.resolve_alias(code):
            found[name] += n
    return found


def check_scheme_fits(project: Project, scheme: CodingScheme, wanted: str | Path | None = None) -> None:
    """Raise :class:`EventCoderError` (one line: the project's scheme and what to do) when coding ``project`` in
    ``scheme`` would mix its codes with the ones the project's events have. ``wanted``: what the user named
    (``--scheme``), for the message."""
    found = foreign_codes(project, scheme)
    if not found:
        return
    events = sum(found.values())
    own = next((name for name, _n in found.most_common() if name), None) or "another scheme"
    asked = f"--scheme {wanted}" if wanted else f"its scheme setting ({scheme.name})"
    again = f"--scheme {own.lower()}" if own.lower() in builtin_scheme_names() else "--scheme FILE"
    raise EventCoderError(
        f"{project.path} is coded in {own}: {events} of its events have codes {scheme.name} does not have, so "
        f"coding it with {asked} would mix two code sets in one export. Code it in {own} "
        f"(`eventcoder code {again} --db {project.path}`), or code these documents in "
        f"{scheme.name} in a new project (`eventcoder import FILES --db NEW.db`, then "
        f"`eventcoder code --scheme {wanted or scheme.name.lower()} --db NEW.db`); nothing was changed")
