"""README.md stays true: set-up commands, CI command, every CLI command and option documented."""
from __future__ import annotations

import re

import click
import pytest

from claims.cli import cli
from tests.factories import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README, flags=re.S)


def test_readme_starts_with_the_two_setup_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    cmds = re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)
    assert len(cmds) == 2
    main, tests = cmds
    assert "pip install" in main and "claims load seeds/" in main and "datasette serve claims.db" in main
    assert "pip install" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    quick = README.split("## Quick start", 1)[1]
    test_cmd = re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci.splitlines()


def walk(group: click.Group, prefix: str = "claims"):
    for name, cmd in sorted(group.commands.items()):
        yield f"{prefix} {name}", cmd
        if isinstance(cmd, click.Group):
            yield from walk(cmd, f"{prefix} {name}")


COMMANDS = list(walk(cli))


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_option_is_documented(path, cmd):
    assert f"`{path}" in README, f"{path} is not documented in README.md"
    for param in cmd.params:
        if isinstance(param, click.Option):
            longs = [o for o in param.opts if o.startswith("--")]
            assert any(f"`{o}" in README for o in longs), f"{path} {longs} is not documented in README.md"
