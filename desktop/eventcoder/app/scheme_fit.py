"""Ctrl+R / Ctrl+Shift+R go through the check ``eventcoder code`` makes (core/scheme_mix.py): one project, one
code set. After the Scheme box switched to a scheme whose codes are not those the project's events have, a run
is refused before anything is coded, with what to do in the window (and the command line's words below). The
Scheme box itself is refused such a scheme (:func:`switch_refusal` says why)."""

from __future__ import annotations

from ..core.errors import StoreError
from ..core.scheme_mix import SchemeMixError, check_scheme_fits
from ..core.schemes import CodingScheme
from ..core.store import Project


def refusal(project: Project, scheme: CodingScheme) -> tuple[str, str] | None:
    """(a one-line message for the status bar, the whole explanation) when coding ``project`` in ``scheme``
    would mix two code sets; None when it fits. The rule is core's :func:`check_scheme_fits`."""
    try:
        check_scheme_fits(project, scheme)
    except StoreError as exc:  # the project could not be read: no run either, and why
        return f"Suggestions not run: {exc}", str(exc)
    except SchemeMixError as exc:  # it says what it found: no second count of the project's events
        own, events = exc.own or "another scheme", exc.events
        line = (f"Suggestions not run: this project is coded in {own}, and {scheme.name} lacks the codes of "
                f"{events} of its events; pick {own} in the Scheme box (top right) to run suggestions")
        whole = (f"This project's events are coded in {own}: {events} of them have codes {scheme.name} does not "
                 f"have, so suggestions in {scheme.name} would mix two code sets in one project (and in one export "
                 f"column). Nothing was coded.\n\nPick {own} in the Scheme box (top right) and press Ctrl+R again, "
                 f"or code these documents in {scheme.name} in a new project (File ▸ New project…).\n\n"
                 f"The command line refuses the same run: {exc}")
        return line, whole
    return None


def switch_refusal(exc: SchemeMixError, current: CodingScheme) -> tuple[str, str]:
    """(the status bar's line, the dialog's explanation) when the Scheme box is refused a scheme that lacks the
    codes of the project's events (core's :func:`~eventcoder.core.scheme_mix.check_switch`)."""
    own = exc.own or "another scheme"
    line = (f"Scheme not switched: this project is coded in {own}, and {exc.scheme} lacks the codes of "
            f"{exc.events} of its events; it stays in {current.name}")
    whole = (f"This project's events are coded in {own}: {exc.events} of them have codes {exc.scheme} does not "
             f"have. Switching to {exc.scheme} would mix two code sets in one project (and in one export column): "
             f"their labels and scores would go blank in exports, and new events would be coded in {exc.scheme}. "
             f"The project stays in {current.name}; nothing was changed.\n\n"
             f"To code these documents in {exc.scheme}, import them into a new project (File ▸ New project…) "
             f"and pick {exc.scheme} there.\n\nThe command line refuses the same: {exc}")
    return line, whole
