"""Templates: the built-in ones load; broken files are refused with file, line, reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.domain.records import RecordKind
from supnotes.domain.template_loader import (
    TemplateError,
    builtin_folder,
    default_library,
    load_library,
    parse_template,
)
from supnotes.domain.templates import Audience, FieldKind

BROKEN = Path(__file__).parent.parent / "data" / "templates" / "broken"

# file -> (line where known, words the reason must contain)
EXPECTED: dict[str, tuple[int | None, str]] = {
    "bad-toml.toml": (3, "not valid TOML"),
    "unknown-field-kind.toml": (13, "unknown field kind 'emoji-picker'"),
    "duplicate-field-ids.toml": (17, "duplicate field id 'notes'"),
    "duplicate-section-ids.toml": (17, "duplicate section id 'wellbeing'"),
    "missing-audience.toml": (7, "has no audience"),
    "unknown-audience.toml": (9, "audience 'everyone'"),
    "no-sections.toml": (None, "at least one [[sections]]"),
    "choice-without-options.toml": (12, "at least two options"),
    "list-twice.toml": (23, "may appear only once"),
    "unknown-key.toml": (14, "unknown key 'lable'"),
    "bad-version.toml": (2, "version must be a whole number"),
}


def test_builtin_templates_load_cleanly() -> None:
    library = default_library()
    assert library.errors == []
    ids = {t.id for t in library.latest()}
    assert {
        "one-to-one",
        "asye-supervision",
        "group-reflecting-team",
        "group-signs-of-safety",
        "ad-hoc-decision",
        "supervision-agreement",
    } <= ids
    assert {t.kind for t in library.latest()} == set(RecordKind)


def test_one_to_one_covers_the_four_functions_and_continuity() -> None:
    template = default_library().get("one-to-one")
    sections = {s.id: s for s in template.sections}
    assert {"review", "wellbeing", "workload", "cases", "development", "organisation"} <= set(
        sections
    )
    assert sections["cases"].audience is Audience.CHILD_RECORD
    assert sections["wellbeing"].audience is Audience.SUPERVISION_FILE
    assert sections["notes"].audience is Audience.PRIVATE
    for kind in (FieldKind.PREVIOUS_ACTIONS, FieldKind.CASE_DISCUSSIONS, FieldKind.ACTIONS):
        assert template.has_list(kind)
    assert template.field("wellbeing.stress-scale") is not None
    assert "wellbeing.wellbeing" in template.answer_keys()
    assert "cases.case-discussions" not in template.answer_keys()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_template_is_refused_with_line_and_reason(name: str) -> None:
    line, words = EXPECTED[name]
    path = BROKEN / name
    with pytest.raises(TemplateError) as caught:
        parse_template(path.read_text(encoding="utf-8"), str(path))
    error = caught.value
    assert error.file == str(path)
    assert error.line == line
    assert words in error.reason
    assert str(error).startswith(str(path))


def test_every_broken_file_has_an_expectation() -> None:
    names = {p.name for p in BROKEN.glob("*.toml")} - {"duplicate-template-id.toml"}
    assert names == set(EXPECTED)


def test_a_folder_of_broken_templates_does_not_stop_the_good_ones() -> None:
    library = load_library([builtin_folder(), BROKEN])
    assert len(library.latest()) == 6
    refused = {Path(e.file).name for e in library.errors}
    assert refused == {p.name for p in BROKEN.glob("*.toml")}
    duplicate = next(e for e in library.errors if e.file.endswith("duplicate-template-id.toml"))
    assert "duplicate template id 'one-to-one'" in duplicate.reason
    assert duplicate.line == 2
    # The built-in wins: the user's copy did not replace it.
    assert library.get("one-to-one").title == "Formal one-to-one supervision"


def test_a_user_folder_adds_a_new_version(tmp_path: Path) -> None:
    source = (BROKEN / "duplicate-template-id.toml").read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(source.replace("version = 1", "version = 2"))
    library = default_library(tmp_path)
    assert library.errors == []
    assert library.get("one-to-one").version == 2
    assert library.get("one-to-one", 1).title == "Formal one-to-one supervision"


def test_unreadable_user_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes(b"title = '\xe9'")
    library = default_library(tmp_path)
    assert [Path(e.file).name for e in library.errors] == ["latin1.toml"]
