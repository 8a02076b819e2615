"""Reusable widgets: the session editor's safe, spell-checked text fields.

May import ui.common and the layers below.

The names below are imported when first used (PEP 562), so that importing one
small module of this package (``sanitise``, for the search box) does not load
the spell-checking fields and the spelling engine before the main window paints.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supnotes.ui.widgets.short_text_field import ShortTextField
    from supnotes.ui.widgets.spell_highlighter import SpellHighlighter
    from supnotes.ui.widgets.spell_service import SpellService
    from supnotes.ui.widgets.text_field import LongTextField, SpellTextEdit

_WHERE = {
    "LongTextField": "text_field",
    "ShortTextField": "short_text_field",
    "SpellHighlighter": "spell_highlighter",
    "SpellService": "spell_service",
    "SpellTextEdit": "text_field",
}

__all__ = ["LongTextField", "ShortTextField", "SpellHighlighter", "SpellService", "SpellTextEdit"]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
