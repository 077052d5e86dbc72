"""The ``newsverdict`` command line.

Errors a user can act on are printed as one line, ``newsverdict: error: ...``,
with exit code 2. Heavy modules are imported inside the commands so that
``newsverdict --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="newsverdict",
    help="Read the news and tell what really matters: impact versus hype, explained.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".text"}
EXIT_BAD_INPUT = 2
EXIT_PARTIAL = 1


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    html = "html"


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    typer.echo(f"newsverdict: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsverdict {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read the news and tell what really matters: impact versus hype, explained."""


def expand_inputs(specs: list[str]) -> list[str]:
    """Directories become their article files (sorted, not recursive); other specs stay."""
    out: list[str] = []
    for spec in specs:
        path = Path(spec)
        if spec != "-" and path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                fail(f"{spec}: directory holds no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
            out += [str(p) for p in files]
        else:
            out.append(spec)
    return out


def analyze_one(spec: str, title: str = "", source: str = "") -> tuple[str, object | None, str | None]:
    """(spec, Verdict or None, error message or None). Runs in worker processes too."""
    from .errors import NewsverdictError
    from .pipeline import analyze
    from .sources import load

    try:
        card = analyze(load(spec, title=title, source=source))
        return spec, card, None
    except NewsverdictError as exc:
        return spec, None, str(exc)


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # Write beside the target and rename: a failed run never leaves a half-written file.
    tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"{output}: cannot write ({exc.strerror or exc})")


@app.command()
def analyze(
    articles: Annotated[
        list[str],
        typer.Argument(help="Text, Markdown or HTML files, directories of them, http(s) URLs, or - for stdin.",
                       show_default=False),
    ],
    title: Annotated[str, typer.Option(help="Headline to use instead of the one found in the input.")] = "",
    source: Annotated[str, typer.Option(help="Name of the outlet.")] = "",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    explain: Annotated[bool, typer.Option("--explain", help="Show every signal with its weight and evidence.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for many inputs.")] = 1,
) -> None:
    """Turn articles into verdict cards: impact 1-10, hype level, analysis, summary, key points."""
    from .render import render

    specs = expand_inputs(articles)
    batch = len(specs) > 1
    if batch and (title or source):
        fail("--title and --source apply to a single article")
    results: list[tuple[str, object | None, str | None]] = []
    if not batch:
        results.append(analyze_one(specs[0], title, source))
    else:
        results = _run_batch(specs, jobs)
    cards = [card for _, card, _ in results if card is not None]
    errors = [(spec, err) for spec, _, err in results if err is not None]
    if not batch and errors:
        fail(errors[0][1])
    for _spec, err in errors:
        typer.echo(f"newsverdict: error: {err} (skipped)", err=True)
    if cards:
        write_output(render(cards, fmt.value, explain=explain), output)
    if errors:
        typer.echo(f"newsverdict: {len(cards)} card(s) written, {len(errors)} input(s) skipped", err=True)
        raise typer.Exit(EXIT_PARTIAL if cards else EXIT_BAD_INPUT)


def _run_batch(specs: list[str], jobs: int) -> list[tuple[str, object | None, str | None]]:
    from rich.progress import Progress

    show = sys.stderr.isatty()
    results: dict[int, tuple[str, object | None, str | None]] = {}
    with Progress(transient=True, disable=not show) as progress:
        task = progress.add_task("analysing", total=len(specs))
        if jobs == 1:
            for i, spec in enumerate(specs):
                results[i] = analyze_one(spec)
                progress.advance(task)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(analyze_one, spec): i for i, spec in enumerate(specs)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    progress.advance(task)
    return [results[i] for i in range(len(specs))]


@app.command()
def schema() -> None:
    """Print the JSON Schema of the verdict card."""
    from importlib import resources

    sys.stdout.write(resources.files("newsverdict.schema").joinpath("verdict.schema.json").read_text())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("newsverdict: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # last resort: one line, never a traceback, unless asked for
        if os.environ.get("NEWSVERDICT_DEBUG"):
            raise
        typer.echo(f"newsverdict: internal error: {type(exc).__name__}: {exc} "
                   "(set NEWSVERDICT_DEBUG=1 for details)", err=True)
        sys.exit(70)
