"""The layering the product depends on: the core runs headless, has no import cycle, and the code stays lint-clean."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import eventcoder.core
from eventcoder.core.store import Project

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
    """Convention: SQL only inside ``core/store/``; everything else calls the Project's methods."""
    offenders = []
    for path in (REPO / "desktop" / "eventcoder").rglob("*.py"):
        if CORE / "store" in path.parents:
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


# --------------------------------------------------------------------------- import cycles


def module_name(path: Path, root: Path) -> str:
    """``root/eventcoder/core/io/brat.py`` -> ``eventcoder.core.io.brat`` (a package is its ``__init__``)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Which modules of the package each of its modules imports, read from every ``import`` / ``from`` statement
    in its source, wherever it sits: at the top, inside a function, under ``if TYPE_CHECKING``.

    ``from X import name`` depends on the module ``X.name`` when there is one, else on ``X``. Importing ``P.m``
    from outside the package ``P`` runs ``P/__init__`` first, so it depends on ``P`` too.
    """
    root = package_dir
    while (root / "__init__.py").exists():  # names start at the top package (eventcoder.core...)
        root = root.parent
    modules = {module_name(path, root): path for path in package_dir.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    targets.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
        deps: set[str] = set()
        for target in targets:
            if target not in modules:
                continue
            deps.add(target)
            parts = target.split(".")
            for k in range(1, len(parts)):
                parent = ".".join(parts[:k])
                if parent in modules and not (name == parent or name.startswith(parent + ".")):
                    deps.add(parent)
        deps.discard(name)
        graph[name] = deps
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a path ``a -> b -> ... -> a``) per strongly connected group of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    cycles = []
    for group in groups:
        start = min(group)
        path, seen = [start], {start}
        while True:  # walk inside the group until a module repeats
            nxt = min(w for w in graph[path[-1]] if w in group)
            if nxt in seen:
                cycles.append(path[path.index(nxt):] + [nxt])
                break
            path.append(nxt)
            seen.add(nxt)
    return cycles


def test_no_import_cycle_inside_the_core():
    """Function-level imports count: a cycle held apart only by an import inside a function is still a cycle."""
    graph = import_graph(Path(eventcoder.core.__file__).parent)
    assert {"eventcoder.core.store", "eventcoder.core.io.brat", "eventcoder.core.learn.train"} <= set(graph)
    assert [" -> ".join(cycle) for cycle in import_cycles(graph)] == []


def test_the_cycle_check_sees_imports_inside_functions_and_packages(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def later():\n    from .c import thing\n    return thing\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n")
    (pkg / "sub" / "__init__.py").write_text("from .inner import y\n")
    (pkg / "sub" / "inner.py").write_text("from ..d import z\n")
    (pkg / "d.py").write_text("import pkg.sub.other\n")
    (pkg / "sub" / "other.py").write_text("")
    graph = import_graph(pkg)
    assert graph["pkg.b"] == {"pkg.c"} and graph["pkg.c"] == {"pkg.a"}
    assert graph["pkg.d"] == {"pkg.sub.other", "pkg.sub"}  # importing pkg.sub.other runs pkg/sub/__init__
    assert graph["pkg.sub.inner"] == {"pkg.d"}  # its own package is already being imported
    cycles = sorted(" -> ".join(c) for c in import_cycles(graph))
    assert cycles == ["pkg.a -> pkg.b -> pkg.c -> pkg.a", "pkg.d -> pkg.sub -> pkg.sub.inner -> pkg.d"]


PACKAGE = Path(eventcoder.core.__file__).parent.parent  # the installed tree the tests run against


def _sources_outside(*allowed: str):
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() not in allowed:
            yield path, path.read_text(encoding="utf-8")


def test_only_the_pipeline_assembles_coders():
    """Rules, mapping and learner are put together in core/pipeline.py alone; the CLI, the window, training and
    scoring ask it for a coder."""
    made = re.compile(r"(?<!class )\b(MappedCoder|LearnedCoder|_cameo_coder)\(|EventCoder\.from_(scheme|files)\(")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path, text in _sources_outside("core/pipeline.py")
        for number, line in enumerate(text.splitlines(), start=1)
        if made.search(line)
    ]
    assert offenders == []


def test_only_the_pipeline_decides_a_projects_scheme():
    """The project's ``scheme`` setting is read in core/pipeline.py (``project_scheme``) alone."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path, text in _sources_outside("core/pipeline.py")
        if STORE not in path.parents  # the store's parts read and write the settings table itself
        for number, line in enumerate(text.splitlines(), start=1)
        if re.search(r"""get_meta\(\s*["']scheme["']""", line)
    ]
    assert offenders == []


# --------------------------------------------------------------------------- table names and SQLite stay in the store

STORE = PACKAGE / "core" / "store"
TABLE_NAMES = frozenset({"events", "spans", "relations", "documents", "history", "meta", "models", "training_records"})
ROW_COMMANDS = frozenset({"InsertRow", "DeleteRow", "UpdateRow", "check_version", "changed_elsewhere",
                          "deleted_elsewhere"})


def _outside_the_store() -> list[tuple[str, str]]:
    """(where, source) of every Python file of the application, the benches and the tools, but core/store/."""
    files = [p for p in PACKAGE.rglob("*.py") if STORE not in p.parents]
    files += [p for folder in (REPO / "bench", REPO / "tools") for p in folder.rglob("*.py")]
    return [(str(p.relative_to(REPO) if p.is_relative_to(REPO) else p), p.read_text(encoding="utf-8"))
            for p in sorted(files)]


def table_names_passed(source: str, where: str, project_methods: frozenset[str]) -> list[str]:
    """Calls that name a table: a string literal that is a table name, passed (positionally or by keyword) to a
    method called like one of the Project's or to a row command. Callers name rows by ``RowKind``."""
    found = []
    for node in ast.walk(ast.parse(source, where)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if not (name in ROW_COMMANDS or (isinstance(func, ast.Attribute) and name in project_methods)):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if isinstance(arg, ast.Constant) and arg.value in TABLE_NAMES:
                found.append(f"{where}:{node.lineno}: {name}({arg.value!r}, ...): name the row by RowKind "
                             f"(eventcoder.core.model), not by the store's table name")
    return found


def test_no_table_name_is_passed_to_the_store_outside_it():
    """Table names are the store's business: outside core/store/ a row is named by its kind (RowKind.EVENT), so a
    table can be renamed or split without touching commands, undo, the session or the window."""
    methods = frozenset(name for name in dir(Project) if not name.startswith("__"))
    assert {"get_row", "update_row", "delete_row", "last_change"} <= methods
    offenders = [hit for where, source in _outside_the_store() for hit in table_names_passed(source, where, methods)]
    assert offenders == []


def test_the_table_name_check_sees_every_way_of_passing_one():
    methods = frozenset({"get_row", "update_row", "last_change"})
    source = (
        "project.get_row('events', 1)\n"
        "p.update_row(kind='spans', row_id=2, changes={})\n"
        "commands.UpdateRow('documents', 3, {})\n"
        "DeleteRow('relations', 4)\n"
        "project.get_row(RowKind.EVENT, 1)\n"  # fine: a kind
        "counts['events']\n"  # fine: not a call to the store
        "print('events')\n"  # fine: not a Project method
    )
    hits = table_names_passed(source, "x.py", methods)
    assert [h.split(":")[1] for h in hits] == ["1", "2", "3", "4"]
    assert "name the row by RowKind" in hits[0]


NOT_YET_WITHOUT_SQLITE = {
    # file: why it still names sqlite3 (the store raises StoreError for all of these now; each owner drops it)
    "desktop/eventcoder/core/suggest/run.py": "catches sqlite3 errors the store no longer raises",
    "desktop/eventcoder/core/io/importers.py": "catches sqlite3.OperationalError the store no longer raises",
}


def sqlite_uses(source: str, where: str) -> list[str]:
    """``import sqlite3`` / ``from sqlite3 import ...`` and ``except sqlite3.X`` (alone or in a tuple)."""
    found = []
    for node in ast.walk(ast.parse(source, where)):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlite3" for a in node.names):
            found.append(f"{where}:{node.lineno}: import sqlite3")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlite3":
            found.append(f"{where}:{node.lineno}: from sqlite3 import ...")
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            for sub in ast.walk(node.type):
                if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "sqlite3":
                    found.append(f"{where}:{node.lineno}: except sqlite3.{sub.attr}")
    return found


def test_no_sqlite_error_is_handled_outside_the_store():
    """The store raises StoreError for every SQLite failure (reads too), so nothing outside core/store/ imports
    sqlite3 or catches its errors. Files still waiting for their owner's change are listed (and must still need
    it: a fixed file leaves the list)."""
    uses: dict[str, list[str]] = {}
    for where, source in _outside_the_store():
        for hit in sqlite_uses(source, where):
            uses.setdefault(where, []).append(hit)
    assert sorted(set(uses) - set(NOT_YET_WITHOUT_SQLITE)) == [], uses
    assert sorted(set(NOT_YET_WITHOUT_SQLITE) - set(uses)) == [], "fixed: take it off NOT_YET_WITHOUT_SQLITE"


def test_the_sqlite_check_sees_imports_and_handlers():
    source = ("import sqlite3\nfrom sqlite3 import Error\ntry:\n    pass\nexcept (KeyError, sqlite3.IntegrityError):\n"
              "    pass\nexcept ValueError:\n    pass\n")
    assert [h.split(": ", 1)[1] for h in sqlite_uses(source, "x.py")] == [
        "import sqlite3", "from sqlite3 import ...", "except sqlite3.IntegrityError"]


# --------------------------------------------------------------------------- evidence is display text only

STRING_METHODS = frozenset(
    {"startswith", "endswith", "split", "rsplit", "partition", "rpartition", "find", "rfind", "index", "rindex",
     "count", "replace", "strip", "lstrip", "rstrip", "splitlines", "lower", "upper", "casefold"}
)


def _is_evidence(node: ast.AST, aliases: frozenset[str] = frozenset()) -> bool:
    """``x.evidence``, a name ``evidence`` (or a name given evidence text), or either behind ``(… or "")`` or
    ``… if … else …``."""
    if isinstance(node, ast.BoolOp):
        return any(_is_evidence(value, aliases) for value in node.values)
    if isinstance(node, ast.IfExp):
        return _is_evidence(node.body, aliases) or _is_evidence(node.orelse, aliases)
    return (isinstance(node, ast.Attribute) and node.attr == "evidence") or (
        isinstance(node, ast.Name) and (node.id == "evidence" or node.id in aliases)
    )


def _evidence_aliases(tree: ast.AST) -> frozenset[str]:
    """Names a module assigns evidence text to as it is (``how = span.evidence or ""``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None \
                and _is_evidence(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(names)


def evidence_reads(source: str, where: str) -> list[str]:
    """Every place the source reads evidence text back as data: a string method called on it, a test with
    ``in``/``not in`` or any comparison, a subscript or slice, or passing it to ``re.*`` -- on ``.evidence``, a
    name ``evidence`` or a name it was assigned to. Building it (f-strings, ``+``, ``+=``, ``evidence=...``) and
    passing it on whole are fine."""
    tree = ast.parse(source)
    aliases = _evidence_aliases(tree)
    found = []
    for node in ast.walk(tree):
        hit = False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in STRING_METHODS and _is_evidence(node.func.value, aliases):
                hit = True
            elif isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
                hit = any(_is_evidence(arg, aliases) for arg in [*node.args, *(k.value for k in node.keywords)])
        elif isinstance(node, ast.Compare):
            hit = any(_is_evidence(operand, aliases) for operand in [node.left, *node.comparators])
        elif isinstance(node, ast.Subscript):
            hit = _is_evidence(node.value, aliases)
        if hit:
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_code_reads_evidence_text():
    """Issue 13: what code depends on is a structured field or the provenance, never parsed out of evidence."""
    offenders = []
    for path in (REPO / "desktop" / "eventcoder").rglob("*.py"):
        offenders += evidence_reads(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert offenders == []


def test_the_evidence_check_sees_every_way_of_reading_it():
    snippet = (
        "a = s.evidence.startswith('x')\n"
        "b = (s.evidence or '').endswith('x')\n"
        "c = evidence.split(';', 1)[0]\n"
        "d = s.evidence.partition(';')\n"
        "e = evidence.find('x') + evidence.index('x') + evidence.count('x')\n"
        "f = s.evidence.replace('a', 'b').strip()\n"
        "g = 'pattern' in evidence\n"
        "h = 'pattern' not in m.evidence\n"
        "i = s.evidence == 'x'\n"
        "j = evidence[:3]\n"
        "k = re.search('top: (.*)', ev.evidence)\n"
        "l = re.match(pattern='x', string=evidence)\n"
        "how = (span.evidence or '') if span is not None else ''\n"
        "m = 'pronoun' in how\n"
        "n = re.findall(r'\\[(\\w+)\\]', s.evidence or '')\n"
        "o = s.evidence != ''\n"
    )
    found = sorted(evidence_reads(snippet, "snippet"), key=lambda line: int(line.split(":")[1]))
    assert [int(line.split(":")[1]) for line in found] == [1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16]
    allowed = (
        "s.evidence = f'CAMEO {code} -> {kind}'\n"
        "s.evidence += '; negated'\n"
        "t = Span(evidence=cand.evidence + '; from the document')\n"
        "u = dict(evidence=evidence)\n"
        "print(s.evidence or '')\n"
        "v = evidence.split\n"  # a method looked up but not called on evidence text is not a read
    )
    assert evidence_reads(allowed, "allowed") == []
