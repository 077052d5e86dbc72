"""Everything a user can name is documented: each signal, environment variable, command and API route
appears in README.md or docs/*.md (a new one fails here until it is written up), and the parts generated
with cog (the README's command reference, docs/signals.md) match the code (`make docs` regenerates them)."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import pytest
import typer
from conftest import ROOT


@cache
def docs_text() -> str:
    return "\n".join(p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def signal_names() -> list[str]:
    from newsverdict.card.registry import registered

    return sorted(registered())


def environment_variables() -> list[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "newsverdict").rglob("*.py"):
        names.update(re.findall(r"\bNEWSVERDICT_[A-Z0-9_]+\b", path.read_text()))
    return sorted(names)


def command_paths() -> list[str]:
    """``analyze``, ``feeds add``, ...: every command and subcommand of the typer app."""
    from newsverdict.cli import app

    def walk(command, prefix: tuple[str, ...]) -> list[str]:
        found = [" ".join(prefix)] if prefix else []
        if hasattr(command, "commands"):  # a group
            for name, sub in sorted(command.commands.items()):
                if not sub.hidden:
                    found += walk(sub, (*prefix, name))
        return found

    return walk(typer.main.get_command(app), ())


def documented_routes() -> list[str]:
    """The routes the app publishes in its OpenAPI schema (the JSON API), as ``METHOD path``."""
    from newsverdict.web import create_app

    with tempfile.TemporaryDirectory() as folder:  # collection time: the isolated home does not exist yet
        schema = create_app(Path(folder) / "nv.db").openapi()  # routers are included lazily: ask the schema
    return sorted(f"{method.upper()} {path}" for path, operations in schema["paths"].items()
                  for method in operations if method != "head")


def route_pattern(route: str) -> re.Pattern:
    """``GET /api/stories/{story_id}`` is mentioned as that path with any parameter written in its place
    (``{story_id}``, ``{id}``, ``7``)."""
    _, path = route.split(" ", 1)
    parts = re.split(r"\{[^}]+\}", path)
    return re.compile(r"(\{[^}]+\}|[\w.-]+)".join(re.escape(part) for part in parts) + r"(?![\w/{])")


def test_the_lists_are_not_empty():
    assert len(signal_names()) >= 18
    assert "NEWSVERDICT_DB" in environment_variables()
    assert {"analyze", "feeds add", "llm check"} <= set(command_paths())
    assert "POST /api/analyze" in documented_routes()


@pytest.mark.parametrize("name", signal_names())
def test_signal_is_documented(name):
    assert f"`{name}`" in docs_text(), f"signal `{name}` is not in README.md or docs/*.md"


@pytest.mark.parametrize("name", environment_variables())
def test_environment_variable_is_documented(name):
    assert re.search(rf"\b{name}\b", docs_text()), f"{name} is not in README.md or docs/*.md"


@pytest.mark.parametrize("command", command_paths())
def test_command_is_documented(command):
    assert f"newsverdict {command}" in docs_text(), f"`newsverdict {command}` is not in README.md or docs/*.md"


@pytest.mark.parametrize("route", documented_routes())
def test_route_is_documented(route):
    assert route_pattern(route).search(docs_text()), f"{route} is not in README.md or docs/*.md"


COGGED = ("README.md", "docs/signals.md")


def test_generated_docs_match_the_code(capsys):
    from cogapp import Cog

    status = Cog().main(["cog", "--check", "--diff", *(str(ROOT / name) for name in COGGED)])
    assert status == 0, "out of date; run `make docs`\n" + capsys.readouterr().out[-3000:]
