"""The layout the tree promises (ARCHITECTURE.md): no import cycle, an archive without
Scrapy, small modules, small folders, and packages that say what they own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROOTS = ("archive", "crawler")
MAX_LINES = 400
MAX_MODULES = 10
# Folders still over the limit, to be split; no other may join them.
CROWDED = {"crawler/extract", "crawler/sample_site"}


def modules() -> dict[str, Path]:
    """Every module of the two packages, by dotted name (a package by its own name)."""
    found = {}
    for root in ROOTS:
        for path in sorted((REPO / root).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules that ``name`` imports, at any depth of its code."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
            for alias in node.names:
                target = f"{base}.{alias.name}"
                targets.add(target if target in known else base)
    return (targets & known.keys()) - {name}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while not part or part[-1] != node:
                part.append(stack.pop())
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles


def test_no_module_imports_itself_round_a_cycle() -> None:
    known = modules()
    graph = {name: imported(name, path, known) for name, path in known.items()}
    assert graph["archive.store.filing"] >= {"archive.store.database", "archive.store.dedupe"}
    assert import_cycles(graph) == []


def test_a_cycle_is_found_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_the_archive_loads_without_scrapy_or_the_crawler() -> None:
    names = [name for name in modules() if name.startswith("archive")]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'twisted', 'crawler'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert len(names) > 40
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("root", ROOTS)
def test_modules_stay_small(root: str) -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for path in (REPO / root).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_folders_hold_at_most_ten_modules_beside_their_packages() -> None:
    crowded = set()
    for root in ROOTS:
        for folder in [REPO / root, *(REPO / root).rglob("*/")]:
            own = [p for p in folder.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
            if len(own) > MAX_MODULES:
                crowded.add(str(folder.relative_to(REPO)))
    assert crowded == CROWDED


def test_every_package_says_what_it_owns() -> None:
    silent = [
        str(path.relative_to(REPO))
        for root in ROOTS
        for path in (REPO / root).rglob("__init__.py")
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert silent == []
