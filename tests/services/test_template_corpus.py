"""The hostile template corpus: each file refused with file, line and reason; the rest load.

``tests/data/templates/hostile/`` is copied into a temporary user template
folder; a dangling symlink and a file too large for a template are added
there (a symlink and a 300 KB file are not worth keeping in the repository).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from supnotes.domain.template_loader import MAX_FILE_BYTES, TemplateLibrary, builtin_folder
from supnotes.services.templates import app_library, ensure_user_template_folder

HOSTILE = Path(__file__).parent.parent / "data" / "templates" / "hostile"
BUILTIN_IDS = {
    "one-to-one",
    "asye-supervision",
    "group-reflecting-team",
    "group-signs-of-safety",
    "ad-hoc-decision",
    "supervision-agreement",
}

# file -> (line, or None where a file has none; words the reason must contain)
REFUSED: dict[str, tuple[int | None, str]] = {
    "bad-toml-duplicate-key.toml": (3, "not valid TOML: Cannot overwrite a value"),
    "bad-toml-unclosed-string.toml": (1, "not valid TOML"),
    "binary.toml": (3, "not a text file"),
    "deep-nesting.toml": (None, "nested too deeply"),
    "duplicate-id-b.toml": (1, "duplicate template id 'twice' version 1"),
    "duplicate-of-builtin.toml": (2, "duplicate template id 'ad-hoc-decision'"),
    "empty.toml": (None, "is empty"),
    "folder.toml": (None, "is a folder, not a template file"),
    "huge-scale.toml": (16, "max must be between -100 and 100"),
    "huge-title.toml": (3, "title is 5,000 characters long (at most 200)"),
    "huge-version.toml": (2, "version must be at most 100,000"),
    "many-options.toml": (15, "options may have at most 50 entries"),
    "no-sections.toml": (None, "at least one [[sections]]"),
    "not-utf8.toml": (3, "not UTF-8 text"),
    "nul-in-title.toml": (3, "title must be one line"),
    "unknown-field-kind.toml": (13, "unknown field kind 'signature-pad'"),
    "unknown-template-kind.toml": (4, "template kind 'coaching' is not one of"),
    # made by the test:
    "dangling-link.toml": (None, "a link to something that is not there"),
    "too-large.toml": (None, "too large for a template"),
}
LOADED = {"my-log", "bom-log", "twice"}


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(HOSTILE, folder, symlinks=True)
    (folder / "dangling-link.toml").symlink_to(tmp_path / "gone.toml")
    big = "# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    (folder / "too-large.toml").write_text(big, encoding="utf-8")
    return folder


def _by_name(library: TemplateLibrary) -> dict[str, tuple[int | None, str]]:
    return {Path(e.file).name: (e.line, e.reason) for e in library.errors}


def test_every_hostile_file_is_refused_with_file_line_and_reason(user_folder: Path) -> None:
    library = app_library(user_folder)
    refused = _by_name(library)
    assert set(refused) == set(REFUSED)
    for name, (line, words) in REFUSED.items():
        got_line, reason = refused[name]
        assert got_line == line, name
        assert words in reason, (name, reason)
    for error in library.errors:
        assert Path(error.file).parent == user_folder  # the full path is named
        assert "Traceback" not in str(error)


def test_the_others_still_load_beside_every_builtin(user_folder: Path) -> None:
    library = app_library(user_folder)
    ids = {t.id for t in library.latest()}
    assert ids == BUILTIN_IDS | LOADED
    assert library.get("twice").title.startswith("Loaded")  # the first file wins
    assert library.files[("ad-hoc-decision", 1)].startswith(str(builtin_folder()))
    assert library.files[("my-log", 1)] == str(user_folder / "good-reflective-log.toml")


def test_every_corpus_file_has_an_expectation() -> None:
    names = {p.name for p in HOSTILE.iterdir()}
    expected_loaded = {"good-reflective-log.toml", "good-with-bom.toml", "duplicate-id-a.toml"}
    made_by_test = {"dangling-link.toml", "too-large.toml"}
    assert names == (set(REFUSED) - made_by_test) | expected_loaded


def test_the_user_folder_is_created_on_demand(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "SupNotes" / "templates"
    assert not folder.exists()
    library = app_library(folder)
    assert folder.is_dir()
    assert library.errors == []
    assert {t.id for t in library.latest()} == BUILTIN_IDS


def test_a_user_folder_that_cannot_be_made_is_listed_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file-in-the-way"
    blocker.write_text("x")
    folder = blocker / "templates"
    problem = ensure_user_template_folder(folder)
    assert problem is not None
    assert "cannot be created" in problem.reason
    library = app_library(folder)
    assert library.errors[0].file == str(folder)
    assert {t.id for t in library.latest()} == BUILTIN_IDS


def test_a_user_folder_that_is_a_file_is_listed(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.write_text("not a folder")
    library = app_library(folder)
    assert any("cannot be created" in e.reason or "folder" in e.reason for e in library.errors)
    assert {t.id for t in library.latest()} == BUILTIN_IDS


def test_a_broken_builtin_is_listed_and_the_others_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtins = tmp_path / "builtin"
    shutil.copytree(Path(str(builtin_folder())), builtins)
    (builtins / "one-to-one.toml").write_text("id = 'one-to-one'\nversion = ]\n", "utf-8")
    monkeypatch.setattr("supnotes.services.templates.builtin_folder", lambda: builtins)
    library = app_library(tmp_path / "user")
    refused = _by_name(library)
    assert set(refused) == {"one-to-one.toml"}
    assert refused["one-to-one.toml"][0] == 2
    assert {t.id for t in library.latest()} == BUILTIN_IDS - {"one-to-one"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_platform_folder_is_created_when_loaded_not_when_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import supnotes.services.templates as module

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    importlib.reload(module)
    expected = tmp_path / "xdg" / "SupNotes" / "templates"
    assert module.user_template_folder() == expected
    assert not expected.exists()
    module.app_library()
    assert expected.is_dir()
