"""Read template TOML files, refusing malformed ones with file, line and reason.

A bad file never stops the others loading: :func:`load_library` returns the
templates that loaded and a :class:`TemplateError` for each that did not.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from supnotes.domain.records import RecordKind
from supnotes.domain.templates import (
    CHILD_TAGGED,
    Audience,
    Field,
    FieldKind,
    Section,
    Template,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_TOP_KEYS = frozenset({"id", "version", "title", "kind", "guidance", "sections"})
_SECTION_KEYS = frozenset({"id", "title", "audience", "guidance", "fields"})
_FIELD_KEYS = frozenset(
    {"id", "kind", "label", "prompts", "help", "required", "options", "min", "max", "labels"}
)


@dataclass(frozen=True)
class TemplateError(Exception):
    """A template file that was refused: where, and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.reason}"


class _Problem(Exception):
    """A validation failure, located later by the TOML text it concerns."""

    def __init__(self, reason: str, key: str | None = None, value: object = None, nth: int = 1):
        super().__init__(reason)
        self.reason = reason
        self.key = key
        self.value = value
        self.nth = nth


def _locate(text: str, key: str | None, value: object, nth: int) -> int | None:
    """Line of the ``nth`` ``key = value`` in the text (best effort; None if not found)."""
    if key is None:
        return None
    if isinstance(value, str):
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*[\"']{re.escape(value)}[\"']")
    elif value is None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    else:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*{re.escape(str(value))}\b")
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            seen += 1
            if seen == nth:
                return number
    return None


def parse_template(text: str, file: str) -> Template:
    """Parse and validate one template; raises :class:`TemplateError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _TOML_LINE.sub("", str(exc)).strip(" ()")
        raise TemplateError(file, line, f"not valid TOML: {reason}") from None
    try:
        template = _template(data, text)
    except _Problem as problem:
        line = _locate(text, problem.key, problem.value, problem.nth)
        raise TemplateError(file, line, problem.reason) from None
    return template


def _str(data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise _Problem(f"{where} has no {key}", "id", data.get("id"))
        return ""
    if not isinstance(value, str):
        raise _Problem(f"{where}: {key} must be text", key)
    return value


def _slug(data: Mapping[str, Any], where: str) -> str:
    value = _str(data, "id", where)
    if not _SLUG.match(value):
        raise _Problem(
            f"{where}: id {value!r} must be lower-case letters, digits and hyphens", "id", value
        )
    return value


def _unknown_keys(data: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise _Problem(f"{where}: unknown key {extra[0]!r}", extra[0])


def _template(data: Mapping[str, Any], text: str) -> Template:
    _unknown_keys(data, _TOP_KEYS, "template")
    template_id = _slug(data, "template")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Problem("template version must be a whole number from 1", "version")
    try:
        kind = RecordKind(_str(data, "kind", "template"))
    except ValueError:
        allowed = ", ".join(RecordKind)
        raise _Problem(
            f"template kind {data['kind']!r} is not one of {allowed}", "kind", data["kind"]
        ) from None
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise _Problem("a template needs at least one [[sections]]", "sections")
    sections: list[Section] = []
    section_ids: dict[str, int] = {}
    field_ids: dict[str, int] = {}
    lists_seen: set[FieldKind] = set()
    for raw in raw_sections:
        section = _section(raw, len(sections) + 1, field_ids, lists_seen)
        seen = section_ids.get(section.id, 0) + 1
        section_ids[section.id] = seen
        if seen > 1:
            raise _Problem(f"duplicate section id {section.id!r}", "id", section.id, nth=2)
        sections.append(section)
    return Template(
        id=template_id,
        version=version,
        title=_str(data, "title", "template"),
        kind=kind,
        guidance=_str(data, "guidance", "template", required=False),
        sections=tuple(sections),
        source=text,
    )


def _section(
    raw: object, number: int, field_ids: dict[str, int], lists_seen: set[FieldKind]
) -> Section:
    where = f"section {number}"
    if not isinstance(raw, dict):
        raise _Problem(f"{where} must be a table")
    _unknown_keys(raw, _SECTION_KEYS, where)
    section_id = _slug(raw, where)
    where = f"section {section_id!r}"
    if "audience" not in raw:
        raise _Problem(
            f"{where} has no audience (child-record, supervision-file or private)", "id", section_id
        )
    try:
        audience = Audience(raw["audience"])
    except ValueError:
        raise _Problem(
            f"{where}: audience {raw['audience']!r} is not child-record, supervision-file or "
            "private",
            "audience",
            raw["audience"],
        ) from None
    raw_fields = raw.get("fields", [])
    if not isinstance(raw_fields, list) or not raw_fields:
        raise _Problem(f"{where} needs at least one [[sections.fields]]", "id", section_id)
    fields = []
    local: set[str] = set()
    for raw_field in raw_fields:
        item = _field(raw_field, where)
        if item.id in local:
            nth = field_ids.get(item.id, 0) + 1
            raise _Problem(f"{where}: duplicate field id {item.id!r}", "id", item.id, nth=nth)
        local.add(item.id)
        field_ids[item.id] = field_ids.get(item.id, 0) + 1
        if item.kind in CHILD_TAGGED and audience is Audience.PRIVATE:
            raise _Problem(
                f"{where}: {item.kind} are about children and reach their records, so they "
                "cannot be in a private section",
                "kind",
                item.kind,
            )
        if item.kind.is_list:
            if item.kind in lists_seen:
                raise _Problem(
                    f"the {item.kind} list may appear only once in a template", "kind", item.kind, 2
                )
            lists_seen.add(item.kind)
        fields.append(item)
    return Section(
        id=section_id,
        title=_str(raw, "title", where),
        audience=audience,
        guidance=_str(raw, "guidance", where, required=False),
        fields=tuple(fields),
    )


def _str_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Problem(f"{where}: {key} must be a list of text", key)
    return tuple(value)


def _int(raw: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Problem(f"{where}: {key} must be a whole number", key)
    return value


def _field(raw: object, section_where: str) -> Field:
    if not isinstance(raw, dict):
        raise _Problem(f"{section_where}: a field must be a table")
    _unknown_keys(raw, _FIELD_KEYS, f"{section_where}, field")
    field_id = _slug(raw, f"{section_where}, field")
    where = f"field {field_id!r}"
    kind_text = _str(raw, "kind", where)
    try:
        kind = FieldKind(kind_text)
    except ValueError:
        raise _Problem(f"{where}: unknown field kind {kind_text!r}", "kind", kind_text) from None
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise _Problem(f"{where}: required must be true or false", "required")
    item = Field(
        id=field_id,
        kind=kind,
        label=_str(raw, "label", where),
        prompts=_str_list(raw, "prompts", where),
        help=_str(raw, "help", where, required=False),
        required=required,
        options=_str_list(raw, "options", where),
        minimum=_int(raw, "min", 0, where),
        maximum=_int(raw, "max", 10, where),
        scale_labels=_str_list(raw, "labels", where),
    )
    if kind is FieldKind.CHOICE and len(item.options) < 2:
        raise _Problem(f"{where}: a choice needs at least two options", "id", field_id)
    if kind is FieldKind.SCALE and item.minimum >= item.maximum:
        raise _Problem(f"{where}: a scale's min must be below its max", "id", field_id)
    return item


@dataclass
class TemplateLibrary:
    """Every template that loaded, by (id, version), and the files that were refused."""

    templates: dict[tuple[str, int], Template] = field(default_factory=dict)
    errors: list[TemplateError] = field(default_factory=list)

    def get(self, template_id: str, version: int | None = None) -> Template:
        """A template by id; the latest version when ``version`` is None. KeyError if absent."""
        if version is not None:
            return self.templates[(template_id, version)]
        versions = [v for (tid, v) in self.templates if tid == template_id]
        if not versions:
            raise KeyError(template_id)
        return self.templates[(template_id, max(versions))]

    def latest(self) -> list[Template]:
        """The newest version of each template, by title."""
        ids = {tid for tid, _ in self.templates}
        return sorted((self.get(tid) for tid in ids), key=lambda t: (t.title, t.id))

    def for_kind(self, kind: RecordKind) -> list[Template]:
        return [t for t in self.latest() if t.kind is kind]

    def add(self, template: Template, file: str, origin: dict[tuple[str, int], str]) -> None:
        if template.key in self.templates:
            self.errors.append(
                TemplateError(
                    file,
                    _locate(template.source, "id", template.id, 1),
                    f"duplicate template id {template.id!r} version {template.version} "
                    f"(already in {origin[template.key]})",
                )
            )
            return
        self.templates[template.key] = template
        origin[template.key] = file


def _toml_files(folder: Traversable) -> list[Traversable]:
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def load_library(folders: Iterable[Traversable]) -> TemplateLibrary:
    """Load every ``*.toml`` in the folders, in order; earlier folders win on duplicates."""
    library = TemplateLibrary()
    origin: dict[tuple[str, int], str] = {}
    for folder in folders:
        for file in _toml_files(folder):
            name = str(file) if isinstance(file, Path) else file.name
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                library.errors.append(TemplateError(name, None, f"cannot be read: {exc}"))
                continue
            try:
                template = parse_template(text, name)
            except TemplateError as error:
                library.errors.append(error)
                continue
            library.add(template, name, origin)
    return library


def builtin_folder() -> Traversable:
    from supnotes.resources import resource

    return resource("templates")


def default_library(user_folder: Path | None = None) -> TemplateLibrary:
    """The built-in templates, then the user's folder (if any)."""
    folders: list[Traversable] = [builtin_folder()]
    if user_folder is not None:
        folders.append(user_folder)
    return load_library(folders)
