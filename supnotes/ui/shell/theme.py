"""Light and dark palettes that follow the system, and the text size.

Fusion draws the same on every platform and takes a palette fully, so the
dark palette is ours; "system" follows ``QStyleHints.colorScheme`` and its
change signal. The text size starts from the system's font and is scaled by
``ui.font_scale``, so a supervisor's large-text setting is kept and can be
enlarged further.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        Role.Window: "#2b2d30",
        Role.WindowText: "#e6e6e6",
        Role.Base: "#1f2023",
        Role.AlternateBase: "#2f3135",
        Role.ToolTipBase: "#3a3c40",
        Role.ToolTipText: "#f0f0f0",
        Role.PlaceholderText: "#8c8f94",
        Role.Text: "#e6e6e6",
        Role.Button: "#35373b",
        Role.ButtonText: "#e6e6e6",
        Role.BrightText: "#ff6b6b",
        Role.Link: "#7cb4ff",
        Role.Highlight: "#3d6fb4",
        Role.HighlightedText: "#ffffff",
        Role.Light: "#4a4d52",
        Role.Midlight: "#3f4246",
        Role.Mid: "#2a2c2f",
        Role.Dark: "#1a1b1d",
        Role.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#7a7d82"))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


class Appearance(QObject):
    """Applies theme and text size to the application, and keeps following the system."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._theme = "system"
        # A font set in pixels reports -1 points; fall back to a common default.
        size = app.font().pointSizeF()
        self._base_point_size = size if size > 0 else 10.0
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    @property
    def is_dark(self) -> bool:
        if self._theme == "system":
            return self._app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return self._theme == "dark"

    def apply(self, theme: str, font_scale: float) -> None:
        self._theme = theme
        self._app.setPalette(dark_palette() if self.is_dark else light_palette())
        font = QFont(self._app.font())
        font.setPointSizeF(max(6.0, self._base_point_size * font_scale))
        self._app.setFont(font)
        self._restyle()

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system":
            self._app.setPalette(dark_palette() if self.is_dark else light_palette())
            self._restyle()

    def _restyle(self) -> None:
        # With an application style sheet (the focus ring, ui/common/keyboard.py) Qt
        # keeps the font and colours open widgets were first polished with;
        # setting the sheet again polishes every open window anew.
        sheet = self._app.styleSheet()
        if sheet:
            self._app.setStyleSheet(sheet)
