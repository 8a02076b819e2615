"""The app's template library: the built-in templates, then the user's own folder.

The user folder is the platform's data folder for SupNotes plus
``templates`` (``~/.local/share/SupNotes/templates``,
``%LOCALAPPDATA%\\SupNotes\\templates``,
``~/Library/Application Support/SupNotes/templates``). It is created when the
library is first loaded by the app (never at import) so that a supervisor or
their IT department finds it there; if it cannot be created, that is listed
with the refused files rather than stopping anything.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from supnotes.domain.template_loader import (
    TemplateError,
    TemplateLibrary,
    builtin_folder,
    load_library,
)
from supnotes.vault.paths import APP_NAME


def user_template_folder() -> Path:
    """Where the supervisor's own template files go (not created here)."""
    return user_data_path(APP_NAME, appauthor=False, roaming=False) / "templates"


def ensure_user_template_folder(folder: Path | None = None) -> TemplateError | None:
    """Create the user folder if it is missing; the problem, if it cannot be."""
    folder = folder or user_template_folder()
    if folder.is_dir():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        return TemplateError(str(folder), None, f"cannot be created: {exc.strerror or exc}")
    return None


def app_library(folder: Path | None = None) -> TemplateLibrary:
    """Built-ins and the user folder (created on demand); every refused file listed."""
    folder = folder or user_template_folder()
    problem = ensure_user_template_folder(folder)
    library = load_library([builtin_folder(), folder])
    if problem is not None:
        library.errors.insert(0, problem)
    return library


def is_builtin(file: str) -> bool:
    """Whether a file named in the library is one of the built-in templates."""
    builtin = builtin_folder()
    return Path(file).parent == builtin if isinstance(builtin, Path) else "/" not in file
