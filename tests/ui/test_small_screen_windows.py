"""Windows opened from the menus fit a 1024x640 screen at QT_SCALE_FACTOR=1.5.

That screen is 683x427 logical pixels, less the title bar and the desktop's
panel: each window here used to open at a fixed size larger than that, with
its summary and buttons off the screen (seen in a real window on Xvfb).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.oversight.overview_view import OverviewDialog
from supnotes.ui.oversight.retention_view import RetentionView
from supnotes.ui.oversight.trail_view import TrailView
from supnotes.ui.sealing.trust_dialog import TrustDialog
from supnotes.ui.sealing.verify_dialog import VerifyDialog
from supnotes.vault.vault import Vault

ROOM = QSize(659, 379)

WINDOWS: dict[str, Callable[[Vault], QWidget]] = {
    "access trail": lambda vault: TrailView(lambda: vault),
    "retention review": lambda vault: RetentionView(lambda: vault),
    "overview": lambda _vault: OverviewDialog(),
    "verify a record": lambda _vault: VerifyDialog(None, None),
    "trust register": TrustDialog,
}


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_the_window_opens_within_a_small_screen(
    name: str, qtbot: QtBot, open_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("supnotes.ui.common.fit.available", lambda _widget: ROOM)
    window = WINDOWS[name](open_vault)
    qtbot.addWidget(window)
    assert window.width() <= ROOM.width(), f"{name} is {window.width()} px wide"
    assert window.height() <= ROOM.height(), f"{name} is {window.height()} px high"


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_on_a_large_screen_the_window_keeps_its_size(
    name: str, qtbot: QtBot, open_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("supnotes.ui.common.fit.available", lambda _widget: QSize(2000, 1200))
    window = WINDOWS[name](open_vault)
    qtbot.addWidget(window)
    assert window.width() > ROOM.width()
