"""The hub package sits beside the vault: it imports only domain and libraries."""

from __future__ import annotations

import ast
from pathlib import Path

import supnotes.hub

ALLOWED = ("supnotes.hub", "supnotes.domain")


def test_the_hub_imports_only_domain_and_libraries() -> None:
    folder = Path(supnotes.hub.__file__).parent
    for source in sorted(folder.glob("*.py")):
        tree = ast.parse(source.read_text(), str(source))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("supnotes"):
                    assert name.startswith(ALLOWED), f"{source.name} imports {name}"


def test_nothing_below_services_imports_the_hub() -> None:
    root = Path(supnotes.hub.__file__).parent.parent
    for layer in ("domain", "vault", "pdf"):
        for source in (root / layer).rglob("*.py"):
            assert "supnotes.hub" not in source.read_text(), source
