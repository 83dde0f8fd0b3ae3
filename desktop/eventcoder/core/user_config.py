"""The user's own settings that the window and the command line share, in plain files of the user config dir
(no Qt: the command line never imports it). The window keeps its settings in ``QSettings``; what the command line
must know too is written here as well.

``annotator.txt``: the annotator's name as the window last saved it (asked at its first start, or File ▸ Coding
as…), so ``eventcoder edit`` records the same name as the window. Who is coding, in order: ``--annotator``, else
``$EVENTCODER_ANNOTATOR``, else this name, else the OS user (:func:`eventcoder.core.store.default_annotator`).
``$EVENTCODER_CONFIG_DIR`` moves the folder (tests, a portable install).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_NAME = "EventCoder"
ANNOTATOR_FILE = "annotator.txt"


def config_dir() -> Path:
    """``$EVENTCODER_CONFIG_DIR`` if set, else EventCoder's folder in the user config dir."""
    env = os.environ.get("EVENTCODER_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def clean_name(name: str | None) -> str:
    """A name as stored: trimmed, inner runs of space folded, at most 80 characters; '' for none."""
    return " ".join((name or "").split())[:80]


def saved_annotator() -> str:
    """The annotator's name the window saved ('' when none, or the file cannot be read)."""
    try:
        return clean_name((config_dir() / ANNOTATOR_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def save_annotator(name: str) -> str:
    """Keep ``name`` for the command line (written whole or not at all); '' when done, else why not (the window
    goes on with the name in its own settings: a warning, not a failure)."""
    name = clean_name(name)
    if not name or name == saved_annotator():
        return ""
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".annotator-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(name + "\n")
            os.replace(tmp, folder / ANNOTATOR_FILE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"the annotator's name was not kept for the command line ({folder / ANNOTATOR_FILE}: " \
               f"{exc.strerror or exc})"
    return ""
