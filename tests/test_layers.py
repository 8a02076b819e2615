"""The layers go one way: cli → ui → services → pdf → vault → domain.

Each module's imports (top-level and inside functions alike) are read with
``ast``; an import may only reach its own layer or one below. ``domain``
stays pure Python: no Qt, no SQL, no PDF or signing library.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "supnotes"

# Lower rank = lower layer. A module may import modules of equal or lower rank.
RANK = {
    "resources": 0,
    "py": 0,
    "domain": 1,
    "spelling": 2,
    "vault": 2,
    "hub": 2,
    "pdf": 3,
    "services": 4,
    "ui": 5,
    "cli": 6,
    "__main__": 7,
}

# Third-party packages each layer must never import.
FORBIDDEN = {
    "domain": ("PySide6", "sqlcipher3", "sqlite3", "reportlab", "pyhanko", "pypdf", "psycopg"),
    "vault": ("PySide6", "reportlab", "pyhanko"),
    "hub": ("PySide6",),
    "pdf": ("PySide6",),
    "services": ("PySide6",),
}


# Inside the app, the same rule between its packages (see supnotes/ui/__init__.py).
UI_RANK = {
    "common": 0,
    "widgets": 1,
    "access": 2,
    "dialogs": 3,
    "file_menu": 3,
    "sealing": 3,
    "views": 3,
    "oversight": 4,
    "editor": 5,
    "shell": 6,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    yield from _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(text: str, package: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            submodules = [
                f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")
            ]
            # "from supnotes.pdf import fonts" imports the module fonts, as "import a.b" does.
            yield from ((node.lineno, name) for name in submodules or [target])


def _is_module(name: str) -> bool:
    if not name.startswith("supnotes."):
        return False
    path = PACKAGE.joinpath(*name.split(".")[1:])
    return path.is_dir() or path.with_suffix(".py").is_file()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "py"


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_top_level_package_has_a_rank() -> None:
    layers = {_layer(_module_name(p)) for p in _sources()}
    assert layers <= set(RANK), f"give these a rank in RANK: {sorted(layers - set(RANK))}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path: Path) -> None:
    source = _layer(_module_name(path))
    wrong = []
    for line, target in _imports(path):
        root = target.split(".")[0]
        if root == "supnotes":
            layer = _layer(target)
            if layer != "py" and RANK[layer] > RANK[source]:
                wrong.append(f"line {line}: {source} imports {target}")
            if {layer, source} == {"hub", "vault"}:
                wrong.append(f"line {line}: vault and hub are siblings; {target}")
        elif root in FORBIDDEN.get(source, ()):
            wrong.append(f"line {line}: {source} must not import {root}")
    assert not wrong, "\n".join(wrong)


def _ui_package(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) >= 3 and parts[1] == "ui" else None


def test_the_app_has_no_loose_modules_and_every_package_a_rank() -> None:
    loose = sorted(p.name for p in (PACKAGE / "ui").glob("*.py") if p.name != "__init__.py")
    assert loose == [], "put each ui module in the package of what the supervisor sees"
    packages = {p.name for p in (PACKAGE / "ui").iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(UI_RANK)


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_app_packages_import_only_packages_below_them(path: Path) -> None:
    own = _ui_package(_module_name(path))
    wrong = []
    for line, target in _imports(path):
        other = _ui_package(target)
        if own is None or other is None or other == own:
            continue
        if UI_RANK[other] >= UI_RANK[own]:
            wrong.append(f"line {line}: ui.{own} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_relative_and_function_level_imports() -> None:
    text = (
        "from . import people\n"
        "from ..vault import vault\n"
        "from supnotes import resources, __version__\n"
        "def late():\n"
        "    import PySide6.QtCore\n"
        "    from supnotes.ui.shell.app import main\n"
    )
    found = {target for _, target in _imports_in(text, "supnotes.domain")}
    assert found == {
        "supnotes.domain.people",
        "supnotes.vault.vault",
        "supnotes.resources",
        "PySide6.QtCore",
        "supnotes.ui.shell.app",
    }


def _graph() -> dict[str, set[str]]:
    """Module → the project's modules it imports (a package import counts as its __init__)."""
    modules = {_module_name(p): p for p in _sources()}
    return {
        name: {t for _, t in _imports(path) if t in modules and t != name}
        for name, path in modules.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_cycle() -> None:
    """Type-only and function-level imports count: a cycle is broken by moving a piece down."""
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
