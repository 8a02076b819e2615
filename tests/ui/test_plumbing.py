"""Background operations, the single-instance request, and per-machine state."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.domain.settings import SettingError
from supnotes.ui.common.operations import busy, run_in_background
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.single_instance import SingleInstance


def test_operation_runs_off_the_ui_thread_and_calls_back_on_it(qtbot: QtBot) -> None:
    ui_thread = threading.current_thread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = threading.current_thread()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    run_in_background(work, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["work_thread"] is not ui_thread
    assert seen["callback_thread"] is ui_thread
    assert seen["result"] == 42
    assert not busy()


def test_operation_failure_reaches_the_failure_callback(qtbot: QtBot) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise OSError("disk gone")

    run_in_background(work, lambda _: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], OSError)


def test_a_finished_operation_is_deleted_by_qt_on_the_ui_thread_after_its_call(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """Its messenger is never deleted inside its own queued call nor on the worker
    thread (a Python-owned one was deleted by whichever reference went last: a
    rare crash in the event loop)."""
    ui_thread = threading.current_thread()
    deleted_on: list[threading.Thread] = []
    alive_in_callback: list[bool] = []

    def work() -> int:
        return 1

    def done(_result: int) -> None:
        alive_in_callback.append(all(shiboken6.isValid(b) for b in bridges))

    run_in_background(work, done)
    bridges = [b for b in qapp.findChildren(QObject) if type(b).__name__ == "_Bridge"]
    assert len(bridges) == 1  # owned by Qt: a child of the application
    bridges[0].destroyed.connect(
        lambda: deleted_on.append(threading.current_thread()), Qt.ConnectionType.DirectConnection
    )
    qtbot.waitUntil(lambda: bool(alive_in_callback))
    assert alive_in_callback == [True]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: bool(deleted_on))
    assert deleted_on == [ui_thread]
    assert not shiboken6.isValid(bridges[0])


def test_many_operations_whose_callbacks_keep_nothing_end_cleanly(qtbot: QtBot) -> None:
    results: list[int] = []

    def work_for(n: int) -> Callable[[], int]:
        return lambda: n

    for n in range(300):
        run_in_background(work_for(n), results.append)
    qtbot.waitUntil(lambda: len(results) == 300, timeout=30_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sorted(results) == list(range(300))
    assert not busy()


def test_second_launch_asks_the_first_to_come_forward(qtbot: QtBot, tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    first = SingleInstance(tmp_path / "vault", runtime)
    second = SingleInstance(tmp_path / "vault", runtime)
    other_vault = SingleInstance(tmp_path / "other", runtime)
    try:
        assert first.claim()
        assert other_vault.claim()  # another vault is another program
        with qtbot.waitSignal(first.raise_requested, timeout=5_000):
            assert not second.claim()
        assert not first.request_file.exists()
    finally:
        first.release()
        other_vault.release()
    third = SingleInstance(tmp_path / "vault", runtime)
    assert third.claim()  # released: the next launch is the first again
    third.release()


def test_machine_state_round_trips_and_refuses_vault_settings(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    state = MachineState(path)
    assert state.get("ui.font_scale") == 1.0
    state.set("ui.font_scale", 1.3)
    state.set("ui.theme", "dark")
    again = MachineState(path)
    assert again.get("ui.font_scale") == pytest.approx(1.3)
    assert again.get("ui.theme") == "dark"
    with pytest.raises(SettingError, match="kept in the vault"):
        state.set("organisation.name", "Northshire")
    path.write_text("[settings]\nui.font_scale=enormous\n")
    assert MachineState(path).get("ui.font_scale") == 1.0
