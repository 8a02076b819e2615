"""Any change to a good export file is imported or refused plainly, never a crash.

Hypothesis replaces one value anywhere in ``tests/data/import/base.json``
(or removes a key) with arbitrary JSON; the import must either succeed or
raise :class:`ExportFormatError`, and a refused file must leave the vault
exactly as it was.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supnotes.domain.export_format import ExportFormatError, dumps
from supnotes.domain.export_reader import loads, parse_document
from supnotes.vault.portability import apply_import, export_document, plan_import
from supnotes.vault.vault import Vault
from tests.vault import sealed_demo

BASE: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "import" / "base.json").read_bytes()
)

Path_ = tuple[str | int, ...]


def _paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    found: list[Path_] = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = [p for p in _paths(BASE) if p[:2] != ("templates", 0)]

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.text(max_size=40)
    | st.sampled_from(["2026-02-30", "25:00", "3f" * 32, "signed", "draft", "signed-elsewhere"])
    | st.sampled_from(["0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e01", "2026-02-02T10:00:00+00:00"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _changed(path: Path_, value: Any, remove: bool) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if remove and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def _state(vault: Vault) -> str:
    return dumps(export_document(vault, include_private=True))


@pytest.fixture
def vault_with_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    folder = tmp_path_factory.mktemp("prop") / "v"
    with sealed_demo.new_vault(folder) as vault:
        apply_import(vault, plan_import(vault, parse_document(BASE), with_pdfs=False))
        yield vault


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), value=JSON, remove=st.booleans())
def test_one_changed_value_is_imported_or_refused_plainly(
    vault_with_base: Vault, path: Path_, value: Any, remove: bool
) -> None:
    vault = vault_with_base
    before = _state(vault)
    try:
        doc = parse_document(_changed(path, value, remove))
        apply_import(vault, plan_import(vault, doc, with_pdfs=False))
    except ExportFormatError:
        assert _state(vault) == before
        return
    # Accepted: the vault holds a consistent export that imports again as unchanged.
    again = parse_document(json.loads(_state(vault)))
    assert plan_import(vault, again, with_pdfs=False).records == []


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_read_or_refused_plainly(raw: bytes) -> None:
    path = "$"
    try:
        loads(raw)
    except ExportFormatError as exc:
        path = exc.path
    assert path == "$" or path.startswith("$.")
