"""SupNotes: offline, encrypted recording of social-work supervision."""

from __future__ import annotations

# The version has one source, ``version`` in pyproject.toml. It is read from
# the installed package's metadata, which the frozen bundle carries too
# (installers/supnotes.spec copies it); the fallback only shows when neither
# is there, e.g. a bare copy of the source tree.
FALLBACK_VERSION = "0+unknown"


def _read_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("supnotes")
    except metadata.PackageNotFoundError:
        return FALLBACK_VERSION


def __getattr__(name: str) -> str:
    # Read lazily (PEP 562), so importing supnotes stays free of side effects.
    if name == "__version__":
        return _read_version()
    raise AttributeError(f"module 'supnotes' has no attribute {name!r}")
