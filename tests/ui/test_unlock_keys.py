"""The unlock dialog and the lock screen driven by real key presses.

A wrong passphrase keeps the dialog on the passphrase page (it used to jump
to the recovery-key page while saying "check Caps Lock"), and the throttle's
words are right for every number of seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.ui.access.unlock import UnlockDialog, build_unlock_dialog
from supnotes.ui.access.vault_errors import wait_words
from supnotes.ui.common import operations
from supnotes.vault import errors
from supnotes.vault.paths import VaultPaths
from supnotes.vault.throttle import FREE_ATTEMPTS
from supnotes.vault.vault import Vault
from tests.ui.conftest import PASSPHRASE, MadeVault


def _dialog(qtbot: QtBot, made: MadeVault, *, relock: bool) -> UnlockDialog:
    dialog = build_unlock_dialog(made.folder, relock=relock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type_and_enter(qtbot: QtBot, dialog: UnlockDialog, text: str) -> None:
    QTest.keyClicks(dialog.passphrase, text)
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    QApplication.processEvents()


@pytest.mark.parametrize("relock", [False, True], ids=["start-up", "lock-screen"])
def test_a_wrong_passphrase_keeps_the_dialog_where_it_was(
    qtbot: QtBot, make_vault: Callable[[], MadeVault], relock: bool
) -> None:
    made = make_vault()
    dialog = _dialog(qtbot, made, relock=relock)
    for attempt in range(2):
        _type_and_enter(qtbot, dialog, f"not the passphrase {attempt}")
        assert dialog.current_page is dialog.passphrase_page
        assert dialog.passphrase_page.isVisible()
        assert not dialog.recovery_page.isVisible()
        assert dialog.error_panel.isVisible()
        assert errors.WrongPassphrase.message in dialog.error_panel.text()
        assert dialog.passphrase.selectedText() == dialog.passphrase.text()
    # Typing over the selected wrong attempt and Enter opens the vault.
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000) as blocker:
        QTest.keyClicks(dialog.passphrase, PASSPHRASE)
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    vault = blocker.args[0]
    assert isinstance(vault, Vault)
    vault.close()


def test_the_recovery_page_is_reached_only_when_asked(
    qtbot: QtBot, make_vault: Callable[[], MadeVault]
) -> None:
    made = make_vault()
    dialog = _dialog(qtbot, made, relock=False)
    _type_and_enter(qtbot, dialog, "not the passphrase")
    assert dialog.current_page is dialog.passphrase_page
    dialog.error_panel.action.setFocus()
    QTest.keyClick(dialog.error_panel.action, Qt.Key.Key_Space)
    assert dialog.current_page is dialog.recovery_page


def test_the_throttle_countdown_by_keyboard(
    qtbot: QtBot, make_vault: Callable[[], MadeVault], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 90 s rather than the real 2 s, so a slow machine cannot see it run out.
    monkeypatch.setattr(
        "supnotes.vault.throttle.delay_after", lambda n: 90.0 if n >= FREE_ATTEMPTS else 0.0
    )
    made = make_vault()
    dialog = _dialog(qtbot, made, relock=True)
    for attempt in range(FREE_ATTEMPTS):
        _type_and_enter(qtbot, dialog, f"wrong {attempt}")
    assert dialog.current_page is dialog.passphrase_page
    assert dialog.countdown.isVisible()
    text = dialog.countdown.text()
    assert "Try again in 1 minute" in text
    assert "0 seconds" not in dialog.error_panel.text()
    assert not dialog.unlock_button.isEnabled()
    assert VaultPaths(made.folder).attempts.exists()


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "now"),
        (0.2, "in 1 second"),
        (1, "in 1 second"),
        (1.5, "in 2 seconds"),
        (2, "in 2 seconds"),
        (59, "in 59 seconds"),
        (60, "in 1 minute"),
        (61, "in 1 minute 1 second"),
        (125, "in 2 minutes 5 seconds"),
        (300, "in 5 minutes"),
    ],
)
def test_wait_words_are_right_for_every_value(seconds: float, words: str) -> None:
    assert wait_words(seconds) == words


def test_too_many_attempts_panel_never_says_zero_seconds(
    qtbot: QtBot, make_vault: Callable[[], MadeVault]
) -> None:
    made = make_vault()
    dialog = _dialog(qtbot, made, relock=False)
    for wait in (0.3, 1.0, 61.0):
        dialog.show_error(errors.TooManyAttempts(wait))
        panel = dialog.error_panel.text()
        assert "0 seconds" not in panel
        assert "1 seconds" not in panel
        assert wait_words(wait) in panel
