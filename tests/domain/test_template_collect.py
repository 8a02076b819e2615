"""The ``collect`` field key: which fields feed themes, feed-up and good practice."""

from __future__ import annotations

import pytest

from supnotes.domain.template_loader import TemplateError, default_library, parse_template
from supnotes.domain.templates import Template

_TEMPLATE = """
id = "t"
version = 1
title = "T"
kind = "group"

[[sections]]
id = "s"
title = "S"
audience = "{audience}"

[[sections.fields]]
id = "f"
kind = "{kind}"
label = "F"
collect = "{collect}"
"""


def _parse(
    audience: str = "supervision-file", kind: str = "text", collect: str = "themes"
) -> Template:
    return parse_template(_TEMPLATE.format(audience=audience, kind=kind, collect=collect), "t.toml")


def test_a_text_field_in_the_supervision_file_can_feed_each_collection() -> None:
    for collect in ("themes", "feed-up", "good-practice"):
        template = _parse(collect=collect)
        assert [f.collect for _, f in template.fields()] == [collect]


@pytest.mark.parametrize(
    ("audience", "kind", "collect", "reason"),
    [
        ("private", "text", "themes", "must be in a supervision-file section"),
        ("child-record", "text", "themes", "must be in a supervision-file section"),
        ("supervision-file", "checkbox", "themes", "only a text field"),
        ("supervision-file", "text", "gossip", "collect must be one of"),
    ],
)
def test_collect_is_refused_where_it_could_leak(
    audience: str, kind: str, collect: str, reason: str
) -> None:
    with pytest.raises(TemplateError, match=reason):
        _parse(audience, kind, collect)


def test_the_built_in_templates_feed_the_collections() -> None:
    library = default_library()
    found = {
        (t.id, f"{s.id}.{f.id}"): f.collect
        for t in library.latest()
        for s, f in t.fields()
        if f.collect
    }
    assert found == {
        ("group-reflecting-team", "themes.learning-themes"): "themes",
        ("group-reflecting-team", "themes.feed-up"): "feed-up",
        ("group-signs-of-safety", "themes.learning-themes"): "themes",
        ("group-signs-of-safety", "themes.feed-up"): "feed-up",
        ("one-to-one", "development.good-practice"): "good-practice",
        ("one-to-one", "organisation.issues"): "feed-up",
    }
