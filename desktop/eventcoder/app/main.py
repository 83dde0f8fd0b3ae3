"""``eventcoder`` with no arguments: open (or create) the project and show the coding window."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..resources import seeds_dir

SEEDS_DIR = seeds_dir()


def seed_project(project) -> list[int]:
    """First run: import the seed articles so a new user sees something to code at once."""
    from ..core.io.importers import import_paths

    if project.document_count() or not SEEDS_DIR.is_dir():
        return []
    report = import_paths(project, [SEEDS_DIR])
    return [doc_id for _name, doc_id in report.imported]


def build_window(db: str | Path | None = None, seed: bool = True, settings=None):
    """Project, session and window, ready to show; returns (window, ids of freshly seeded documents)."""
    from ..core.store import Project, default_db_path
    from .main_window import MainWindow
    from .session import CodingSession

    project = Project(Path(db) if db else default_db_path())  # the automatic backup runs once shown
    seeded = seed_project(project) if seed else []
    scheme, problem = CodingSession.initial_scheme(project)
    session = CodingSession(project, scheme)
    window = MainWindow(session, settings)
    window.restore_layout()
    window.restore_document()
    if problem:
        window.show_message(problem)
    return window, seeded


def open_window(db: str | Path | None = None, seed: bool = True, settings=None):
    """:func:`build_window`, or -- when the project cannot be opened (not an EventCoder/SQLite file, damaged,
    unreadable) -- one line on stderr and a dialog that says why and lets the analyst pick another project
    (``dialogs.ask_other_project``); None when they pick none."""
    from ..core.errors import EventCoderError
    from ..core.store import default_db_path
    from . import dialogs

    path = Path(db) if db else default_db_path()
    while True:
        try:
            return build_window(path, seed, settings)
        except EventCoderError as exc:
            print(f"eventcoder: {exc}", file=sys.stderr)
            other = dialogs.ask_other_project(None, path, str(exc))
            if not other:
                return None
            path = Path(other)


def after_shown(window, seeded: list[int]):
    """Once the window is on screen: the automatic backup (in the worker, never fatal), then code the freshly
    seeded documents with the real coder in the worker (it loads the model on the way), else just load the
    model; returns the worker."""
    window.backup_in_background()
    window.check_dictionaries()
    if seeded:
        return window.suggest_documents(seeded, show_progress=False)
    return window.start_model()


_DEBIAN_NAMES = {
    **dict.fromkeys(("libglib-2.0", "libgobject-2.0", "libgio-2.0", "libgthread-2.0", "libgmodule-2.0"),
                    "libglib2.0-0"),
    **dict.fromkeys(("libc", "libm", "libdl", "libpthread", "librt"), "libc6"),
    **dict.fromkeys(("libbrotlicommon", "libbrotlidec", "libbrotlienc"), "libbrotli1"),
    "libGLdispatch": "libglvnd0",
    "libz": "zlib1g",
}
"""Libraries whose Debian/Ubuntu package is not named after the soname (``libxcb-cursor.so.0``: libxcb-cursor0)."""


def debian_package(library: str) -> str:
    """The Debian/Ubuntu package of a shared library by its soname, by Debian's naming rule
    (``libxkbcommon-x11.so.0``: libxkbcommon-x11-0, ``libgcc_s.so.1``: libgcc-s1)."""
    name, _, version = library.partition(".so")
    version = version.lstrip(".")
    if name in _DEBIAN_NAMES:
        return _DEBIAN_NAMES[name]
    name = name.lower().replace("_", "-")
    return f"{name}{'-' if name[-1:].isdigit() and version else ''}{version}"


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs (directly or not) that the dynamic loader cannot find, as ``ldd``
    lists them ("libxcb-cursor.so.0 => not found"); [] when ``ldd`` is not there or fails."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(re.findall(r"^\s*(\S+) => not found", out, flags=re.MULTILINE)))


def qt_platform_problem(platforms: Sequence[str] | None = None, plugin_dirs: Sequence[Path] | None = None,
                        env: Mapping[str, str] = os.environ) -> str | None:
    """Linux only, before the QApplication: when no platform plugin Qt would try can be loaded because shared
    libraries are missing (Qt would abort, naming at most one of them), what to tell the user: each missing
    library and the package to install. None when one of them loads, or when that cannot be told.

    ``platforms``: the plugins Qt tries in turn ($QT_QPA_PLATFORM, else wayland then xcb in a Wayland session,
    else xcb); ``plugin_dirs``: the folders Qt looks for them in ($QT_QPA_PLATFORM_PLUGIN_PATH, the
    ``platforms`` folders of $QT_PLUGIN_PATH and of PySide6's own plugins). A plugin ``name`` is the file
    ``libq<name>.so`` (the wayland variants are all ``libqwayland.so``)."""
    if not sys.platform.startswith("linux"):
        return None
    if platforms is None:
        if env.get("QT_QPA_PLATFORM"):
            platforms = [p.split(":")[0].strip() for p in env["QT_QPA_PLATFORM"].split(";")]
        else:
            platforms = ["wayland", "xcb"] if env.get("XDG_SESSION_TYPE") == "wayland" else ["xcb"]
    if plugin_dirs is None:
        from PySide6.QtCore import QLibraryInfo

        dirs = [env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")]
        dirs += [str(Path(p) / "platforms") for p in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
        dirs.append(str(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"))
        plugin_dirs = [Path(d) for d in dirs if d]
    broken: dict[str, tuple[Path, list[str]]] = {}
    for name in [p for p in platforms if p]:
        stem = "wayland" if name.startswith("wayland") else name  # wayland-egl, wayland-brcm: libqwayland.so
        plugins = [d / f"libq{stem}.so" for d in plugin_dirs if (d / f"libq{stem}.so").is_file()]
        missing = [missing_libraries(plugin) for plugin in plugins]
        if not plugins or not all(missing):  # not found by its file name (Qt says so), or it loads
            return None
        broken[name] = (plugins[0], missing[0])
    return missing_libraries_message(broken) if broken else None


def missing_libraries_message(broken: Mapping[str, tuple[Path, Sequence[str]]]) -> str:
    """What to tell the user about platform plugins (name: the plugin file, the libraries it misses) that
    cannot load: each library with its Debian/Ubuntu package, and the command that installs them all."""
    lines: list[str] = []
    system: list[str] = []  # missing libraries that come from the system's packages
    qt: list[str] = []  # ... and that come with PySide6
    for name, (plugin, missing) in broken.items():
        lines.append(f'Qt cannot load its "{name}" platform plugin {plugin}: these libraries are missing:')
        for library in missing:
            if library.startswith(("libQt6", "libpyside6", "libshiboken6")):
                qt.append(library)
                lines.append(f"  {library}  (part of PySide6)")
            else:
                system.append(library)
                lines.append(f"  {library}  (Debian/Ubuntu package {debian_package(library)})")
    if system:
        packages = " ".join(dict.fromkeys(debian_package(library) for library in system))
        lines.append(f"Install them; on Debian/Ubuntu: sudo apt-get install {packages}")
        lines.append(f"(elsewhere, the package that has each file: on Fedora, e.g. dnf provides '*/{system[0]}')")
    if qt:
        import PySide6

        version = PySide6.__version__
        lines.append(f"PySide6 is incomplete: pip install --force-reinstall PySide6-Essentials=={version} "
                     f"shiboken6=={version}")
    lines.append("The command line (eventcoder import, code, export, ...) works without them.")
    return "\n".join(lines)


NO_DISPLAY_HELP = ("the command line works without one (eventcoder --help), or set QT_QPA_PLATFORM=offscreen to run "
                   "the window without showing it")


def _connects(family: int, address, timeout: float = 2.0) -> bool:
    """Whether a socket of ``family`` connects to ``address`` (closed again at once)."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
        return True
    except OSError:
        return False


def x_display_reachable(display: str) -> bool:
    """Whether an X server answers at ``display`` (``:0``, ``unix:1.0``, ``host:10``): its socket
    /tmp/.X11-unix/X<N> (or the abstract one Linux servers also listen on) or TCP port 6000+N on ``host``."""
    match = re.fullmatch(r"(?:(.*)/)?([^:]*):(\d+)(?:\.\d+)?", display.strip())
    if match is None:
        return False
    host, number = match.group(2), int(match.group(3))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        return _connects(socket.AF_UNIX, path) or (sys.platform.startswith("linux")
                                                   and _connects(socket.AF_UNIX, "\0" + path))
    return _connects(socket.AF_INET6 if ":" in host else socket.AF_INET, (host.strip("[]"), 6000 + number))


def wayland_display_reachable(name: str, env: Mapping[str, str]) -> bool:
    """Whether a Wayland compositor listens at ``name`` (a path, or a socket in $XDG_RUNTIME_DIR)."""
    path = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR") or "/nonexistent") / name
    return _connects(socket.AF_UNIX, str(path))


def display_problem(env: Mapping[str, str] = os.environ) -> str | None:
    """Linux only, before the QApplication: when the platform Qt would use (xcb or wayland) has no display to
    connect to -- Qt would abort with a misleading hint about libxcb-cursor0 -- what to tell the user, in one
    line. None when a display answers, or another platform (offscreen, vnc, eglfs...) is asked for."""
    if not sys.platform.startswith("linux"):
        return None
    asked = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(not (p == "xcb" or p.startswith("wayland")) for p in asked):
        return None  # offscreen, minimal, vnc, eglfs...: no display needed (or not ours to check)
    try_x = not asked or "xcb" in asked
    try_wayland = not asked or any(p.startswith("wayland") for p in asked)
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if try_x and display and x_display_reachable(display):
        return None
    if try_wayland and wayland and wayland_display_reachable(wayland, env):
        return None
    tried = []
    if try_x:
        tried.append(f"no X server answers at DISPLAY={display}" if display else "DISPLAY is not set")
    if try_wayland and (wayland or not try_x):
        tried.append(f"no Wayland compositor at WAYLAND_DISPLAY={wayland}" if wayland
                     else "WAYLAND_DISPLAY is not set")
    return f"there is no display to open the window on ({'; '.join(tried)}); {NO_DISPLAY_HELP}"


def run_app(db: str | None = None, seed: bool = True) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        problem = qt_platform_problem() or display_problem()
        if problem:
            print(f"eventcoder: {problem}", file=sys.stderr)
            return 1
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("EventCoder")
    app.setApplicationName("EventCoder")
    opened = open_window(db, seed)
    if opened is None:
        return 1
    window, seeded = opened
    window.show()
    QTimer.singleShot(0, lambda: after_shown(window, seeded))
    code = app.exec()
    window.session.project.close()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_app())
