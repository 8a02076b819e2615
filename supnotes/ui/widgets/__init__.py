"""Reusable widgets: the session editor's safe, spell-checked text fields.

May import ui.common and the layers below.
"""

from supnotes.ui.widgets.short_text_field import ShortTextField
from supnotes.ui.widgets.spell_highlighter import SpellHighlighter
from supnotes.ui.widgets.spell_service import SpellService
from supnotes.ui.widgets.text_field import LongTextField, SpellTextEdit

__all__ = ["LongTextField", "ShortTextField", "SpellHighlighter", "SpellService", "SpellTextEdit"]
