"""Locate bundled resources (templates, fonts, dictionaries).

Resources live in the repository's top-level ``resources/`` folder. A wheel or
frozen bundle carries them inside the package as ``supnotes/resources``; a
source checkout (and the editable install ``uv run`` uses) has them beside the
package. Both are reached through :mod:`importlib.resources`, so code never
builds paths from ``__file__`` itself.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    """The folder holding SupNotes' bundled resources."""
    packaged = resources.files("supnotes") / "resources"
    if packaged.is_dir():
        return packaged
    # Source checkout: resources/ sits beside the supnotes package.
    return Path(str(resources.files("supnotes"))).parent / "resources"


def resource(*parts: str) -> Traversable:
    """A bundled resource, e.g. ``resource("templates", "one-to-one.toml")``."""
    node = resource_root()
    for part in parts:
        node = node / part
    return node
