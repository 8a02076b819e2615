"""The app's command line is parsed without building every command's parser, to the same result."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from supnotes.cli.parser import build_parser, parse_arguments


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--vault", "/some/folder"],
        ["--vault=/some/folder", "--smoke"],
        ["--smoke", "--demo"],
    ],
)
def test_the_app_parses_as_the_full_parser_does(argv: list[str]) -> None:
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))
    assert parse_arguments(argv).command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--vault", "/some/folder", "list"],
        ["search", "--vault", "/f", "review"],
        ["verify", "file.pdf"],
    ],
)
def test_a_command_goes_to_the_full_parser(argv: list[str]) -> None:
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv", [["--bogus"], ["--vault"], ["--demo", "nonsense"], ["--help"], ["list", "--bogus"]]
)
def test_errors_and_help_read_as_the_full_parser_writes_them(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as fast:
        parse_arguments(argv)
    fast_out = capsys.readouterr()
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    assert fast.value.code == full.value.code
    assert capsys.readouterr() == fast_out
    assert "COMMAND" in fast_out.out + fast_out.err  # the full usage, commands included


def test_parsing_the_app_imports_no_command_module(tmp_path: Path) -> None:
    code = (
        "import sys; from supnotes.cli.parser import parse_arguments; "
        "parse_arguments(['--vault', 'x', '--smoke']); "
        "print('\\n'.join(m for m in sys.modules if m.startswith('supnotes.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    modules = set(done.stdout.split())
    assert "supnotes.cli.parser" in modules
    commands = sorted(m for m in modules if m.endswith(("_commands", "_command")))
    assert commands == []
    assert "supnotes.vault.vault" not in modules
