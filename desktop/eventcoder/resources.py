"""Where the files that come with EventCoder are: the built-in coding schemes, their PETRARCH dictionaries and
the seed articles a new project starts with.

In the repository they are the top-level ``coding_schemes/`` (with ``coding_schemes/dictionaries/``) and
``seeds/`` folders. A wheel ships them inside the package, as ``eventcoder/_data/coding_schemes`` and
``eventcoder/_data/seeds`` (``[tool.setuptools] package-dir`` in pyproject.toml), so an installed EventCoder
works from any folder. Both are found through :mod:`importlib.resources`: the packaged copy when there is one
(an installed wheel), else the folders of the checkout the package is in (an editable install, or
``PYTHONPATH=desktop``). ``$EVENTCODER_SCHEMES_DIR`` replaces the built-in schemes folder.

Only the built-in files are read from here: nothing is ever written inside the package (the compiled
dictionaries are cached in the user cache dir, see :mod:`eventcoder.core.dictionaries`).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

__all__ = ["builtin_schemes_dir", "dictionaries_dir", "schemes_dir", "seeds_dir"]

SCHEMES_ENV = "EVENTCODER_SCHEMES_DIR"
_PACKAGE = "eventcoder"
_DATA = "_data"  # eventcoder/_data/<name> in a wheel


def _shipped(name: str) -> Path:
    """The packaged ``name`` folder, else the checkout's top-level one; the packaged place when neither exists
    (so that a message names where it should have been)."""
    package = Path(str(files(_PACKAGE))).resolve()  # a folder on disk (pip installs unpacked)
    packaged = package / _DATA / name
    if packaged.is_dir():
        return packaged
    checkout = package.parents[1]  # <checkout>/desktop/eventcoder
    if package.parent.name == "desktop" and (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    return packaged


def builtin_schemes_dir() -> Path:
    """The folder of the schemes that come with EventCoder (``cameo.yaml``, ``plover.yaml``)."""
    return _shipped("coding_schemes")


def schemes_dir() -> Path:
    """The folder built-in scheme names are looked up in: ``$EVENTCODER_SCHEMES_DIR`` if set, else
    :func:`builtin_schemes_dir`."""
    env = os.environ.get(SCHEMES_ENV)
    return Path(env) if env else builtin_schemes_dir()


def dictionaries_dir() -> Path:
    """The PETRARCH/Phoenix dictionaries that come with EventCoder (the built-in schemes name them by a path
    relative to the scheme file, ``dictionaries/...``)."""
    return builtin_schemes_dir() / "dictionaries"


def seeds_dir() -> Path:
    """The articles a new project is seeded with on the window's first run."""
    return _shipped("seeds")
