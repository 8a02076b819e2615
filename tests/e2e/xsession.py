"""A real X server, a window manager and an xdotool keyboard, for end-to-end tests.

:class:`XSession` starts ``Xvfb`` (on a display number it chooses itself,
through ``-displayfd``) and ``openbox``; :class:`Keyboard` sends real key
events to whatever window has the focus, as a person's keyboard would, and
waits for windows by polling their titles (never a fixed sleep where a window
can be waited for). Screenshots are taken of the whole screen with
ImageMagick's ``import``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SCREEN = "1366x768x24"


class SessionError(AssertionError):
    """A step of the walk did not happen (the message says which)."""


@dataclass
class XSession:
    """Xvfb and openbox, started together and stopped together."""

    display: str = ""
    screen: str = SCREEN
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, home: Path) -> None:
        read, write = os.pipe()
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.screen, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        self.processes.append(server)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SessionError("Xvfb did not say which display it took")
        self.display = f":{number}"
        manager = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env={**self.env(home)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(manager)
        wait_until(lambda: _has_window_manager(self.display), 20, "openbox to start")

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUPNOTES_")}
        env.update(DISPLAY=self.display, HOME=str(home), QT_QPA_PLATFORM="xcb")
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(home / var.lower())
        runtime = home / "xdg_runtime_dir"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        self.processes.clear()


def _has_window_manager(display: str) -> bool:
    done = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and "window id" in done.stdout


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise SessionError(f"waited {seconds:.0f} s for {what}")


class Keyboard:
    """Real key events through xdotool, and the screen's windows and pictures."""

    def __init__(self, display: str, shots: Path) -> None:
        self._env = {**os.environ, "DISPLAY": display}
        self.shots = shots
        self._count = 0

    def _xdotool(self, *args: str, timeout: float = 30) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self._env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    def key(self, *keys: str) -> None:
        """Press and release each of ``keys`` in turn ("ctrl+n", "Tab", "Return")."""
        for keys_ in keys:
            self._xdotool("key", "--clearmodifiers", "--delay", "60", keys_)
            time.sleep(0.12)

    def type(self, text: str) -> None:
        self._xdotool("type", "--delay", "25", text, timeout=120)
        time.sleep(0.2)

    def active_title(self) -> str:
        window = self._xdotool("getactivewindow")
        return self._xdotool("getwindowname", window) if window else ""

    def window_titles(self) -> list[str]:
        found = self._xdotool("search", "--onlyvisible", "--name", ".")
        return [self._xdotool("getwindowname", w) for w in found.split()]

    def wait_window(self, title: str, seconds: float = 30) -> None:
        """Wait until a visible window whose title contains ``title`` has the focus."""

        def focused() -> bool:
            return title in self.active_title()

        def shown() -> bool:
            return bool(self._xdotool("search", "--onlyvisible", "--name", title))

        try:
            wait_until(shown, seconds, f"a window titled {title!r}")
            if not focused():
                found = self._xdotool("search", "--onlyvisible", "--name", title).split()
                self._xdotool("windowactivate", "--sync", found[-1])
            wait_until(focused, seconds, f"the {title!r} window to have the keyboard")
        except SessionError as exc:
            raise SessionError(f"{exc}; windows now: {self.window_titles()}") from None

    def wait_window_after(self, key: str, title: str, seconds: float) -> None:
        """Press ``key`` every few seconds until a window titled ``title`` shows."""
        deadline = time.monotonic() + seconds
        while True:
            self.key(key)
            try:
                self.wait_window(title, 10)
                return
            except SessionError:
                if time.monotonic() > deadline:
                    raise

    def wait_gone(self, title: str, seconds: float = 30) -> None:
        def gone() -> bool:
            return not self._xdotool("search", "--onlyvisible", "--name", title)

        wait_until(gone, seconds, f"the {title!r} window to close")

    def screenshot(self, step: str) -> Path:
        self._count += 1
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self._count:02d}-{step}.png"
        tool = shutil.which("import")
        if tool is not None:
            subprocess.run(
                [tool, "-window", "root", str(path)],
                env=self._env,
                capture_output=True,
                timeout=30,
                check=False,
            )
        return path
