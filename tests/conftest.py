"""Shared test texts and fixtures.

Every test runs isolated from the machine: no ``NEWSVERDICT_*`` variable (nor ``RAY_ADDRESS``) of the
developer's shell reaches it, and the config and data directories (platformdirs: ``XDG_CONFIG_HOME``,
``XDG_DATA_HOME``, else under ``HOME``) point into a fresh temporary home, so a developer's own
``~/.config/newsverdict/config.toml`` or ``~/.local/share/newsverdict/newsverdict.db`` is never read or
written. Subprocesses started by a test inherit the same environment.

The ``cli`` fixture runs the command line in-process (typer's test runner around ``newsverdict.cli.main``,
so its last-resort error handling is exercised too); tests/test_entry_point.py keeps a few real-process
smoke tests of ``python -m newsverdict``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Markup in a title, for the escaping checks of the web app and the browser.
HOSTILE_TITLE = "<script>document.title='pwned'</script>Minister <b>resigns</b> over <img src=x onerror=alert(1)>"

# A dry report of a major, concrete, confirmed policy decision with large figures.
POLICY = """Parliament approves national minimum wage rise for 6 million workers

The national parliament on Thursday approved a law raising the minimum wage by 12% from January, \
a change the labour ministry said would cover 6 million workers and cost employers $9.4 billion a year.

The legislation passed by 302 votes to 211 after a two-month debate and was signed by the president \
the same evening, the government said in a statement. It also indexes the wage to inflation permanently, \
ending annual negotiations between unions and employers.

The central bank said in its quarterly report that the rise would add about 0.3 percentage points to \
inflation next year. Employers' federations said they would comply with the law and asked for tax relief \
for small firms, which the finance ministry agreed to study.

The law takes effect on 1 January and applies in all 16 regions of the country."""

# Speculative celebrity gossip in breathless clickbait style.
GOSSIP = """You Won't Believe Who Was Spotted Together Last Night!!!

Fans are absolutely freaking out after shocking photos exploded online that may show reality star \
Dana Flynn with a mystery man, and insiders say it could be the most explosive romance of the year!

Sources close to the star reportedly claim the pair might be secretly dating. One insider, who spoke \
on condition of anonymity, said the stunning couple were "totally inseparable" and that things could get \
even crazier. Is this the end of her engagement? It's rumoured that she was spotted without her ring!

Nothing has been confirmed, but fans on Instagram are in a total frenzy. Could this be the most shocking \
celebrity twist ever? Stay tuned, because this incredible story is far from over!"""


@dataclass(frozen=True)
class CliResult:
    """What a finished command left behind, shaped like ``subprocess.CompletedProcess`` (bytes out)."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes


def _exit_code(code: object) -> int:
    """``SystemExit.code`` as the process's exit status, the way the interpreter maps it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1  # a message: Python prints it to stderr and exits 1


def run_cli(*args: str, stdin: bytes | None = None) -> CliResult:
    """Run ``newsverdict ARGS`` in this process, as the installed entry point does (``cli.main``)."""
    from typer.testing import CliRunner

    from newsverdict import cli as cli_module

    runner = CliRunner()
    saved_argv = sys.argv
    with runner.isolation(input=stdin) as (out, err, _mixed):
        sys.argv = ["newsverdict", *args]
        try:
            cli_module.main()
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
            if code == 1 and isinstance(exc.code, str):
                sys.stderr.write(exc.code + "\n")
        finally:
            sys.argv = saved_argv
            sys.stdout.flush()
            sys.stderr.flush()
        return CliResult(args, code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(monkeypatch):
    from newsverdict import cli as cli_module

    # per-process caches of the command line start empty, as in a fresh process
    monkeypatch.setattr(cli_module, "_LLM_WRITERS", {})
    monkeypatch.setattr(cli_module, "_WARNED", set())
    return run_cli


def _machine_variable(name: str) -> bool:
    return name.startswith("NEWSVERDICT_") or name == "RAY_ADDRESS"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """A fresh, empty home for each test: the config and data directories live under it."""
    home = tmp_path_factory.mktemp("home")
    for name in [name for name in os.environ if _machine_variable(name)]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    return home
