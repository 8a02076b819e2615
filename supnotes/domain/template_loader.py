"""Read template TOML files, refusing malformed ones with file, line and reason.

A bad file never stops the others loading: :func:`load_library` returns the
templates that loaded and a :class:`TemplateError` for each that did not —
including what is not a template file at all: a folder or a dangling link
named ``*.toml``, a binary or non-UTF-8 file, one too large, or values far
beyond what a form can show (see :data:`LIMITS`).
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
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
_TOP_KEYS = frozenset({"id", "version", "title", "kind", "guidance", "sections"})
_SECTION_KEYS = frozenset({"id", "title", "audience", "guidance", "fields"})
_FIELD_KEYS = frozenset(
    {
        *("id", "kind", "label", "prompts", "help", "required", "options", "min", "max"),
        *("labels", "collect"),
    }
)
_COLLECTIONS = ("themes", "feed-up", "good-practice")  # supnotes.domain.highlights
#: A template file larger than this is refused unread (the largest built-in is 5 KB).
MAX_FILE_BYTES = 256 * 1024
#: The most each kind of value may hold; beyond these a form cannot show it.
LIMITS = {
    "version": 100_000,
    "title": 200,
    "label": 200,
    "id": 64,
    "guidance": 4000,
    "help": 4000,
    "prompt": 500,
    "prompts": 20,
    "options": 50,
    "sections": 50,
    "fields": 100,
    "scale": 100,  # |min|, |max|
}
_SHORT_KEYS = frozenset({"title", "label", "id"})


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
    if not text.strip():
        raise TemplateError(file, None, "is empty")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match and match.group(1) else None
        reason = _TOML_LINE.sub("", str(exc)).strip()
        if match and match.group(2):
            reason = f"{reason} (column {match.group(2)})"
        raise TemplateError(file, line, f"not valid TOML: {reason}") from None
    except RecursionError:
        raise TemplateError(file, None, "not valid TOML: nested too deeply") from None
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
    limit = LIMITS.get(key, LIMITS["guidance"])
    if len(value) > limit:
        raise _Problem(f"{where}: {key} is {len(value):,} characters long (at most {limit:,})", key)
    if key in _SHORT_KEYS and any(ch in value for ch in "\n\r\x00"):
        raise _Problem(f"{where}: {key} must be one line", key)
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
    if version > LIMITS["version"]:
        raise _Problem(f"template version must be at most {LIMITS['version']:,}", "version")
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
    if len(raw_sections) > LIMITS["sections"]:
        raise _Problem(f"a template may have at most {LIMITS['sections']} sections", "sections")
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
    if len(raw_fields) > LIMITS["fields"]:
        raise _Problem(f"{where} has more than {LIMITS['fields']} fields", "id", section_id)
    fields = []
    local: set[str] = set()
    for raw_field in raw_fields:
        item = _field(raw_field, where)
        if item.id in local:
            nth = field_ids.get(item.id, 0) + 1
            raise _Problem(f"{where}: duplicate field id {item.id!r}", "id", item.id, nth=nth)
        local.add(item.id)
        field_ids[item.id] = field_ids.get(item.id, 0) + 1
        if item.collect is not None and audience is not Audience.SUPERVISION_FILE:
            raise _Problem(
                f"{where}: field {item.id!r} feeds a collection shared beyond the record, so it "
                "must be in a supervision-file section (not private, not child-record)",
                "collect",
                item.collect,
            )
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
    most = LIMITS["options"] if key == "options" else LIMITS["prompts"]
    if len(value) > most:
        raise _Problem(f"{where}: {key} may have at most {most} entries", key)
    longest = LIMITS["prompt"]
    if any(len(v) > longest for v in value):
        raise _Problem(f"{where}: each of {key} may be at most {longest} characters", key)
    return tuple(value)


def _int(raw: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Problem(f"{where}: {key} must be a whole number", key)
    if abs(value) > LIMITS["scale"]:
        bound = LIMITS["scale"]
        raise _Problem(f"{where}: {key} must be between -{bound} and {bound}", key)
    return value


def _collect(raw: dict[str, object], kind: FieldKind, where: str) -> str | None:
    if "collect" not in raw:
        return None
    value = raw["collect"]
    if value not in _COLLECTIONS:
        raise _Problem(
            f"{where}: collect must be one of {', '.join(_COLLECTIONS)}", "collect", value
        )
    if kind not in (FieldKind.TEXT, FieldKind.SHORT_TEXT):
        raise _Problem(f"{where}: only a text field can feed a collection", "collect", value)
    assert isinstance(value, str)
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
        collect=_collect(raw, kind, where),
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
    files: dict[tuple[str, int], str] = field(default_factory=dict)  # where each came from

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

    def add(self, template: Template, file: str) -> None:
        origin = self.files
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
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def _not_a_file(file: Traversable) -> str | None:
    """Why ``file`` is not a template file at all, or None."""
    if isinstance(file, Path) and file.is_symlink() and not file.exists():
        return "is a link to something that is not there"
    if file.is_dir():
        return "is a folder, not a template file"
    if not file.is_file():
        return "is not an ordinary file"
    if isinstance(file, Path):
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"is too large for a template ({size:,} bytes; at most {MAX_FILE_BYTES:,})"
    return None


def _read_text(file: Traversable, name: str) -> str:
    """The file's text; raises :class:`TemplateError` for what is not UTF-8 text."""
    problem = _not_a_file(file)
    if problem is not None:
        raise TemplateError(name, None, problem)
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise TemplateError(
            name, None, f"is too large for a template (at most {MAX_FILE_BYTES:,} bytes)"
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise TemplateError(name, line, "is not a text file (it holds binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateError(name, line, "is not UTF-8 text") from None


def _file_name(file: Traversable) -> str:
    return str(file) if isinstance(file, Path) else file.name


def load_library(folders: Iterable[Traversable]) -> TemplateLibrary:
    """Load every ``*.toml`` in the folders, in order; earlier folders win on duplicates."""
    library = TemplateLibrary()
    for folder in folders:
        folder_name = _file_name(folder)
        try:
            if not folder.is_dir():
                if isinstance(folder, Path) and (folder.exists() or folder.is_symlink()):
                    library.errors.append(
                        TemplateError(folder_name, None, "should be a folder of templates")
                    )
                continue
            files = _toml_files(folder)
        except OSError as exc:
            library.errors.append(
                TemplateError(folder_name, None, f"cannot be read: {exc.strerror or exc}")
            )
            continue
        for file in files:
            name = _file_name(file)
            try:
                template = parse_template(_read_text(file, name), name)
            except TemplateError as error:
                library.errors.append(error)
                continue
            except OSError as exc:
                reason = f"cannot be read: {exc.strerror or exc}"
                library.errors.append(TemplateError(name, None, reason))
                continue
            library.add(template, name)
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
