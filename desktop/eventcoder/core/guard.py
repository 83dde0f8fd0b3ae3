"""The one rule that keeps SQLite's locks: nothing in this process opens a project file outside SQLite.

POSIX advisory locks belong to the process, not to the descriptor: closing *any* descriptor on a file
drops every lock the process holds on it (sqlite.org, "How To Corrupt An SQLite Database File", 2.2).
A process that holds a project open and then reads the file with Python's ``open()`` -- to sniff a
header, to "import" it, to write an export over it -- silently loses its locks. Another process then
believes it is the last user, checkpoints and deletes the ``-wal``, and this one goes on committing into
a deleted file: acknowledged work is lost and the file can end malformed.

So every :class:`~eventcoder.core.store.Project` registers its file here while it is open, and a
Python audit hook (PEP 578) refuses, process-wide, any ``open``, rename, replace, remove or truncate of a
registered file or its ``-wal``/``-shm``/``-journal`` with a :class:`StoreError`. The check is a set
lookup on the file name first, so other opens cost next to nothing. SQLite's own opens happen in C and
are not audited; they are the only ones allowed.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

from .errors import StoreError

SIDECARS = ("", "-wal", "-shm", "-journal")

_lock = threading.Lock()
_open: dict[str, int] = {}  # real path of an open project file (and its sidecars) -> how many Projects
_names: frozenset[str] = frozenset()  # their base names: the cheap first test
_inodes: dict[tuple[int, int], str] = {}  # (device, inode) of each open project file: links and other names
_installed = False
_GUARDED_EVENTS = {"open", "os.rename", "os.remove", "os.truncate"}


def family(path: str | os.PathLike[str]) -> list[str]:
    """The project file and the files SQLite keeps beside it, as real paths."""
    real = os.path.realpath(os.fspath(path))
    return [real + suffix for suffix in SIDECARS]


def register(path: str | os.PathLike[str]) -> None:
    """A Project opens ``path``: from now on only SQLite may open it in this process. Call
    :func:`track` once the file exists, so other names of it (links) are refused too."""
    global _names
    _install()
    with _lock:
        for name in family(path):
            _open[name] = _open.get(name, 0) + 1
        _names = frozenset(os.path.basename(n) for n in _open)


def track(path: str | os.PathLike[str]) -> None:
    """Remember the (device, inode) of a registered project file that now exists."""
    try:
        st = os.stat(path)
    except OSError:
        return
    with _lock:
        _inodes[(st.st_dev, st.st_ino)] = os.path.realpath(os.fspath(path))


def _forget_inodes() -> None:
    for key, name in list(_inodes.items()):
        if name not in _open:
            del _inodes[key]


def unregister(path: str | os.PathLike[str]) -> None:
    global _names
    with _lock:
        for name in family(path):
            left = _open.get(name, 0) - 1
            if left > 0:
                _open[name] = left
            else:
                _open.pop(name, None)
        _names = frozenset(os.path.basename(n) for n in _open)
        _forget_inodes()


def is_open_project_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is (a sidecar of, or another name for) a project file this process holds open."""
    try:
        if os.path.realpath(os.fspath(path)) in _open:
            return True
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _inodes


def _refuse(path: Any) -> None:
    if not _names or isinstance(path, int):
        return
    try:
        name = os.fsdecode(path)
    except (TypeError, ValueError):
        return
    if os.path.basename(name) in _names:
        hit = os.path.realpath(name) in _open
    else:  # another name for the file (a link): one stat, only while a project is open
        try:
            st = os.stat(name)
        except (OSError, ValueError):
            return
        hit = (st.st_dev, st.st_ino) in _inodes
    if hit:
        raise StoreError(
            f"{name}: is a project file this program has open; it is only ever read or written through SQLite "
            "(choose another file)"
        )


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in _GUARDED_EVENTS or not _names:
        return
    if event == "open":
        _refuse(args[0])
    elif event == "os.rename":  # os.rename and os.replace
        _refuse(args[0])
        _refuse(args[1])
    else:  # os.remove, os.truncate
        _refuse(args[0])


def _install() -> None:
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
