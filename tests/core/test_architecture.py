"""The layering the product depends on: the core runs headless, and the code stays lint-clean."""

import subprocess
import sys

from ..conftest import REPO

CORE = REPO / "desktop" / "eventcoder" / "core"


def test_core_sources_never_import_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(
                name in stripped for name in ("PySide6", "shiboken6", "eventcoder.app", "from ..app", "from ...app")
            ):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {stripped}")
    assert offenders == []


def test_sql_lives_only_in_the_store():
    """Convention: SQL only inside ``core/store.py``; everything else calls the Project's methods."""
    offenders = []
    for path in (REPO / "desktop" / "eventcoder").rglob("*.py"):
        if path == CORE / "store.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(needle in line for needle in (".db.", ".db[", ".execute(", "sqlite3.connect", "execute_returning")):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_core_and_cli_load_without_qt():
    code = (
        "import sys, eventcoder.cli, eventcoder.core.store, eventcoder.core.commands, "
        "eventcoder.core.io.importers, eventcoder.core.io.exporters, eventcoder.core.schemes; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "desktop", "tests", "bench", "tools"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
