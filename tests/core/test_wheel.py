"""EventCoder as a user installs it: a wheel built with ``pip wheel`` and installed in a fresh venv runs the
command line and the window's first run from a folder that has nothing to do with the repository, with the
schemes, dictionaries and seed shipped inside the package; an editable install finds the checkout's. And the
window, on Linux, says which libraries (and packages) Qt's platform plugin misses instead of aborting.

The tree under test is the one the imported ``eventcoder`` comes from (``PYTHONPATH=<tree>/desktop`` tests
another checkout); it is copied, and the wheel built from the copy with the machine's setuptools (no network).
The venvs see the machine's packages (PySide6, spaCy, the model) through a ``.pth`` that lists its
site-packages folders as plain paths: the ``.pth`` files in them, among them the machine's own editable
eventcoder install, are not run, so only the venv's eventcoder can be imported.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import eventcoder

from ..conftest import REPO


def _tree_under_test() -> Path:
    root = Path(eventcoder.__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "coding_schemes").is_dir() else REPO


SRC = _tree_under_test()
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
DATA = ("coding_schemes", "seeds")
SITE_DIRS = ("site-packages", "dist-packages")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and Qt's xcb plugin: Linux")


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env(home: Path) -> dict[str, str]:
    """No PYTHONPATH (nor any other PYTHON*/EVENTCODER_* setting) leaks in; the user dirs are fresh."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "EVENTCODER_")) and k != "VIRTUAL_ENV"}
    env.update(
        PYTHONNOUSERSITE="1",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
        EVENTCODER_ANNOTATOR="tester",
    )
    return env


def _venv(path: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """A venv that sees the machine's packages but runs none of their .pth files: (bin folder, site-packages)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    bin_dir = path / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], path, env)
                   .stdout.strip())
    machine = [p for p in dict.fromkeys(sys.path) if Path(p).name in SITE_DIRS and Path(p).is_dir()]
    (purelib / "_machine_packages.pth").write_text("\n".join(machine) + "\n", encoding="utf-8")
    return bin_dir, purelib


def _pip_install(bin_dir: Path, cwd: Path, env: dict[str, str], *what: str | Path) -> None:
    _run([bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--no-build-isolation",
          "--ignore-installed", *what], cwd, env)


def _where(bin_dir: Path, cwd: Path, env: dict[str, str]) -> dict[str, str]:
    code = (
        "import json, eventcoder, eventcoder.resources as r, eventcoder.core.schemes as s, eventcoder.app.main as m; "
        "print(json.dumps({'package': eventcoder.__file__, 'schemes': str(s.BUILTIN_DIR), "
        "'dictionaries': str(r.dictionaries_dir()), 'seeds': str(m.SEEDS_DIR)}))"
    )
    return json.loads(_run([bin_dir / "python", "-c", code], cwd, env).stdout)


WINDOW_FIRST_RUN = """
import json, sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from eventcoder.app.main import after_shown, build_window

app = QApplication(sys.argv[:1])
window, seeded = build_window(sys.argv[1], seed=True, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
after_shown(window, seeded)
deadline = time.monotonic() + 240
while window.workers.busy and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
events = window.session.doc.events
print(json.dumps({"seeded": len(seeded), "scheme": window.session.scheme.name, "busy": window.workers.busy,
                  "model": window.model_label.text(), "statuses": [e.status for e in events],
                  "cameo_evidence": any("CAMEO" in (e.evidence or "") for e in events)}))
window.workers.cancel_all()
window.workers.wait(5000)
window.close()
window.session.project.close()
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A copy of the tree under test, as ``pip wheel .`` sees it."""
    root = tmp_path_factory.mktemp("source") / "eventcoder"
    root.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(SRC / name, root / name)
    for name in ("desktop", *DATA):
        shutil.copytree(SRC / name, root / name, ignore=IGNORE)
    return root


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((SRC / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    code = SRC / "desktop"
    on_disk = {".".join(p.parent.relative_to(code).parts) for p in (code / "eventcoder").rglob("*.py")}
    assert on_disk - set(config["packages"]) == set(), "add them to [tool.setuptools] packages in pyproject.toml"
    assert {config["package-dir"][f"eventcoder._data.{name}"] for name in DATA} == set(DATA)


def test_the_wheel_works_in_a_fresh_venv_from_any_folder(source, tmp_path):
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation",
          "-w", dist, source], tmp_path, _clean_env(tmp_path))
    (wheel,) = dist.glob("eventcoder-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    code = {f"eventcoder/{name}" for name in _files(source / "desktop" / "eventcoder")}
    shipped = {f"eventcoder/_data/{data}/{name}" for data in DATA for name in _files(source / data)}
    assert code | shipped <= names, sorted((code | shipped) - names)
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"eventcoder"}

    elsewhere = tmp_path / "somewhere" / "else"  # nothing of the repository here or above
    elsewhere.mkdir(parents=True)
    env = _clean_env(tmp_path / "home")
    bin_dir, purelib = _venv(tmp_path / "venv", env)
    _pip_install(bin_dir, elsewhere, env, wheel)
    installed = purelib / "eventcoder"
    where = _where(bin_dir, elsewhere, env)
    assert Path(where["package"]).parent == installed, where  # the venv's own, not the machine's editable one
    assert Path(where["schemes"]) == installed / "_data" / "coding_schemes"
    assert Path(where["dictionaries"]) == installed / "_data" / "coding_schemes" / "dictionaries"
    assert Path(where["seeds"]) == installed / "_data" / "seeds"
    package_files = _files(installed)

    eventcoder_cmd = bin_dir / "eventcoder"
    shown = _run([eventcoder_cmd, "scheme", "show", "cameo"], elsewhere, env).stdout
    assert shown.startswith("CAMEO ") and "Make public statement" in shown
    assert "plover" in _run([eventcoder_cmd, "scheme", "list"], elsewhere, env).stdout
    (tmp_path / "no-schemes").mkdir()
    overridden = subprocess.run([eventcoder_cmd, "scheme", "show", "cameo"], cwd=elsewhere, capture_output=True,
                                text=True, env={**env, "EVENTCODER_SCHEMES_DIR": str(tmp_path / "no-schemes")})
    assert overridden.returncode == 1 and "built-in: none" in overridden.stderr, overridden.stderr

    seed = next((source / "seeds").glob("*.txt"))
    shutil.copy2(seed, elsewhere / "article.txt")
    _run([eventcoder_cmd, "import", "article.txt", "--db", "news.db"], elsewhere, env)
    _run([eventcoder_cmd, "code", "--all", "--db", "news.db"], elsewhere, env)
    _run([eventcoder_cmd, "export", "--format", "csv", "--status", "all", "--out", "events.csv", "--db", "news.db"],
         elsewhere, env)
    with open(elsewhere / "events.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 3, rows

    out = _run([bin_dir / "python", "-c", WINDOW_FIRST_RUN, "window.db", tmp_path / "settings.ini"], elsewhere, env)
    first_run = json.loads(out.stdout.strip().splitlines()[-1])
    assert first_run["seeded"] == len(list((source / "seeds").glob("*.txt"))) >= 1, first_run
    assert first_run["scheme"] == "CAMEO" and not first_run["busy"], first_run
    assert first_run["model"].startswith("model ready"), first_run
    assert len(first_run["statuses"]) >= 3 and set(first_run["statuses"]) == {"suggested"}, first_run
    assert first_run["cameo_evidence"], first_run  # coded with the shipped dictionaries

    assert _files(installed) == package_files  # nothing written inside site-packages ...
    assert list((tmp_path / "home" / "cache").rglob("*.pkl"))  # ... the compiled dictionaries are in the user cache


def test_an_editable_install_finds_the_checkouts_folders(source, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(tmp_path / "home")
    bin_dir, _purelib = _venv(tmp_path / "venv", env)
    _pip_install(bin_dir, elsewhere, env, "-e", source)
    where = _where(bin_dir, elsewhere, env)
    assert Path(where["package"]).parent == source / "desktop" / "eventcoder", where
    assert Path(where["schemes"]) == source / "coding_schemes"
    assert Path(where["dictionaries"]) == source / "coding_schemes" / "dictionaries"
    assert Path(where["seeds"]) == source / "seeds"
    assert _run([bin_dir / "eventcoder", "scheme", "show", "plover"], elsewhere, env).stdout.startswith("PLOVER ")


# --------------------------------------------------------------------------- Qt's platform plugin


def test_debian_package_names_of_the_libraries_qt_needs():
    from eventcoder.app.main import debian_package

    assert [debian_package(lib) for lib in ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")] == [
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert debian_package("libgcc_s.so.1") == "libgcc-s1"
    assert debian_package("libglib-2.0.so.0") == "libglib2.0-0"


def test_the_message_names_every_missing_library_and_one_install_command():
    from eventcoder.app.main import missing_libraries_message

    plugin = Path("/opt/PySide6/Qt/plugins/platforms/libqxcb.so")
    message = missing_libraries_message({"xcb": (plugin, ["libxcb-cursor.so.0", "libxcb-icccm.so.4",
                                                          "libxcb-keysyms.so.1"])})
    assert f'"xcb" platform plugin {plugin}' in message
    assert "  libxcb-icccm.so.4  (Debian/Ubuntu package libxcb-icccm4)" in message.splitlines()
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message
    assert "PySide6-Essentials" not in message


@pytest.fixture
def unloadable_plugin(tmp_path) -> Path:
    """A real copy of PySide6's xcb plugin away from PySide6: the Qt libraries it needs cannot be found."""
    from PySide6.QtCore import QLibraryInfo

    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    return Path(shutil.copy2(plugin, platforms / "libqxcb.so"))


@linux_only
def test_ldd_lists_what_a_plugin_cannot_load(unloadable_plugin):
    from PySide6.QtCore import QLibraryInfo

    from eventcoder.app.main import missing_libraries, qt_platform_problem

    missing = missing_libraries(unloadable_plugin)
    assert {"libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"} <= set(missing), missing
    real = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    assert not any(lib.startswith("libQt6") for lib in missing_libraries(real))  # PySide6's own finds its Qt
    problem = qt_platform_problem(["xcb"], [unloadable_plugin.parent])
    assert problem is not None and "libQt6XcbQpa.so.6  (part of PySide6)" in problem
    assert "pip install --force-reinstall PySide6-Essentials==" in problem
    assert qt_platform_problem(["xcb"], [unloadable_plugin.parent, real.parent]) is None  # Qt falls back to this one


@linux_only
def test_the_window_says_what_is_missing_instead_of_letting_qt_abort(unloadable_plugin, tmp_path):
    """Qt itself would abort (SIGABRT) naming no library; the window prints the libraries and exits 1."""
    plugin = unloadable_plugin.rename(unloadable_plugin.with_name("libqeventcodertest.so"))
    env = {**os.environ, "QT_QPA_PLATFORM": "eventcodertest", "QT_QPA_PLATFORM_PLUGIN_PATH": str(plugin.parent)}
    result = subprocess.run([sys.executable, "-m", "eventcoder.cli", "gui", "--no-seed", "--db", tmp_path / "p.db"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stderr.startswith(f'eventcoder: Qt cannot load its "eventcodertest" platform plugin {plugin}')
    assert "libQt6XcbQpa.so.6" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "p.db").exists()  # stopped before opening the project
