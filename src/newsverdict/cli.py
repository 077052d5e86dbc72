"""The ``newsverdict`` command line.

Errors a user can act on are printed as one line, ``newsverdict: error: ...``,
with the exit code of their class in ``newsverdict.errors`` (2 for bad input).
Heavy modules are imported inside the commands so that ``newsverdict --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsverdict import __version__
from newsverdict.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_PARTIAL, InputError, NewsverdictError
from newsverdict.render.formats import DIGEST_SUFFIXES, formats

app = typer.Typer(
    name="newsverdict",
    help="Read the news and tell what really matters: impact versus hype, explained.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".text"}
EXIT_BAD_INPUT = InputError.exit_code

AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private-urls", envvar="NEWSVERDICT_ALLOW_PRIVATE_URLS",
    help="Let URL fetches (and the feeds' item links) reach loopback and private addresses (off: SSRF guard).")]


#: --format choices of each command, from the one registry of output formats (newsverdict.render.formats).
Format = StrEnum("Format", {name: name for name in formats("card")})
StoryFormat = StrEnum("StoryFormat", {name: name for name in formats("story")})
StoriesFormat = StrEnum("StoriesFormat", {name: name for name in formats("stories")})


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


_LLM_WRITERS: dict[tuple, object] = {}
_WARNED: set[str] = set()


def _warn_config(config) -> None:
    for warning in config.warnings:
        if warning not in _WARNED:
            _WARNED.add(warning)
            typer.echo(f"newsverdict: warning: {warning}", err=True)


def llm_writer(backend: str | None, db: Path | None):
    """The LLM prose writer for --llm (one per process), with the store as its cache; None for embedded."""
    from newsverdict.llm import LLMProse, load_config
    from newsverdict.stories.store import StoreCache, default_db_path

    config = load_config(backend=backend)
    if config.backend == "none":
        return None
    _warn_config(config)
    key = (config, str(db))
    if key not in _LLM_WRITERS:
        _LLM_WRITERS[key] = LLMProse(config, cache=StoreCache(db or default_db_path()))
    return _LLM_WRITERS[key]


def analyze_one(spec: str, title: str = "", source: str = "", llm: str | None = None,
                db: Path | None = None, allow_private_urls: bool = False) -> tuple[str, object | None, str | None]:
    """(spec, Verdict or None, error message or None). Runs in worker processes too."""
    from newsverdict.card.pipeline import analyze
    from newsverdict.errors import NewsverdictError
    from newsverdict.sources.extract import load
    from newsverdict.sources.net import UrlPolicy

    try:
        article = load(spec, title=title, source=source, policy=UrlPolicy(allow_private=allow_private_urls))
        card = analyze(article, llm=llm_writer(llm, db))
        return spec, card, None
    except NewsverdictError as exc:
        return spec, None, exc


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or to the regular file ``output`` atomically (a temporary file beside it, then
    a rename), so that a failed run never leaves a half-written file. A symlink is written through
    (its target is replaced, the link stays); a device, pipe or socket is refused."""
    import stat

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.resolve() if output.is_symlink() else output
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    if mode is not None and stat.S_ISDIR(mode):
        fail(f"{output}: is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        fail(f"{output}: not a regular file (a device, pipe or socket); use shell redirection (> {output}) instead")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))  # keep the permissions of the file replaced
        tmp.replace(target)
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
    llm: Annotated[str | None, typer.Option("--llm", help="Prose backend: none, openai or gguf (default: config).")]
    = None,
    db: Annotated[Path | None, typer.Option("--db", envvar="NEWSVERDICT_DB", help="Store used as the LLM cache.")]
    = None,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Turn articles into verdict cards: impact 1-10, hype level, analysis, summary, key points."""
    from newsverdict.render import render

    specs = expand_inputs(articles)
    batch = len(specs) > 1
    if batch and (title or source):
        fail("--title and --source apply to a single article")
    results: list[tuple[str, object | None, NewsverdictError | None]] = []
    if not batch:
        results.append(analyze_one(specs[0], title, source, llm, db, allow_private_urls))
    else:
        results = _run_batch(specs, jobs, llm, db, allow_private_urls)
    cards = [card for _, card, _ in results if card is not None]
    errors = [(spec, err) for spec, _, err in results if err is not None]
    if not batch and errors:
        fail(str(errors[0][1]), errors[0][1].exit_code)
    for _spec, err in errors:
        typer.echo(f"newsverdict: error: {err} (skipped)", err=True)
    _warn_llm_fallbacks(cards)
    if cards:
        write_output(render(cards, fmt.value, explain=explain), output)
    if errors:
        typer.echo(f"newsverdict: {len(cards)} card(s) written, {len(errors)} input(s) skipped", err=True)
        raise typer.Exit(EXIT_PARTIAL if cards else EXIT_BAD_INPUT)


def _warn_llm_fallbacks(cards: list) -> None:
    """One line on stderr when the LLM was asked for and could not be used: the card is still written."""
    reasons = {o for c in cards for o in c.prose_origin.values() if "LLM unavailable" in o}
    for reason in sorted(reasons):
        typer.echo(f"newsverdict: warning: {reason.removeprefix('embedded (').rstrip(')')}; embedded prose used",
                   err=True)


def _run_batch(specs: list[str], jobs: int, llm: str | None = None, db: Path | None = None,
               allow_private_urls: bool = False) -> list[tuple[str, object | None, NewsverdictError | None]]:
    from rich.progress import Progress

    show = sys.stderr.isatty()
    results: dict[int, tuple[str, object | None, NewsverdictError | None]] = {}
    with Progress(transient=True, disable=not show) as progress:
        task = progress.add_task("analysing", total=len(specs))
        if jobs == 1:
            for i, spec in enumerate(specs):
                results[i] = analyze_one(spec, llm=llm, db=db, allow_private_urls=allow_private_urls)
                progress.advance(task)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(analyze_one, spec, "", "", llm, db, allow_private_urls): i
                           for i, spec in enumerate(specs)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    progress.advance(task)
    return [results[i] for i in range(len(specs))]


# --- the store: feeds, ingest, stories, digest, search --------------------------

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="NEWSVERDICT_DB", help="SQLite database (default: in the user data directory)."),
]
SinceOption = Annotated[str, typer.Option(
    "--since", help="Time window: 'recent' (the 7 days up to the newest story in the store), 24h, 7d, 90m, or 'all'.")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="Config file with the [email] settings (default: the user config file).")]


DigestFormat = StrEnum("DigestFormat", {name: name for name in formats("digest")})


#: Stories in a digest by default: the top of the span (the web app's digest uses the same).
DIGEST_LIMIT = 25

feeds_app = typer.Typer(help="Add, list and remove the feeds that 'ingest' fetches.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def open_store(db: Path | None):
    from newsverdict.stories.store import Store, default_db_path

    return Store(db or default_db_path())


def span_of(store, since: str) -> float | None:
    """Start of the span: 'recent' counts back from the newest story in this store."""
    from newsverdict.stories.store import span_start

    return _guard(lambda: span_start(since, store.newest_story_ts()))


def _guard(fn):
    """Run ``fn`` turning newsverdict errors into one-line messages."""
    from newsverdict.errors import NewsverdictError

    try:
        return fn()
    except NewsverdictError as exc:
        fail(str(exc), exc.exit_code)


@feeds_app.command("add")
def feeds_add(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs, local RSS/Atom files, or OPML lists.")],
    db: DbOption = None,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Add feeds: RSS 0.9x/1.0/2.0 and Atom URLs or files, or every feed of an OPML list."""
    from datetime import UTC, datetime

    from newsverdict.sources.extract import fetch, is_url
    from newsverdict.sources.feeds import is_opml, parse_feed, parse_opml, read_local
    from newsverdict.sources.net import UrlPolicy

    policy = UrlPolicy(allow_private=allow_private_urls)

    def run() -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with open_store(db) as store:
            for spec in sources:
                data = fetch(spec, policy=policy)[0] if is_url(spec) else read_local(spec)
                origin = spec if is_url(spec) else str(Path(spec).resolve())
                if is_opml(data):
                    problems: list[str] = []
                    entries = parse_opml(data, origin, policy, problems)
                    for problem in problems:
                        typer.echo(f"newsverdict: skipped: {problem}", err=True)
                else:
                    feed = parse_feed(data, origin)
                    entries = [(spec if is_url(spec) else Path(spec).resolve().as_uri(), feed.title)]
                for url, title in entries:
                    added = store.add_feed(url, title, now)
                    typer.echo(f"{'added' if added else 'already there'}: {url}" + (f" ({title})" if title else ""))

    _guard(run)


@feeds_app.command("list")
def feeds_list(db: DbOption = None) -> None:
    """List the feeds with their last fetch status."""
    with _guard(lambda: open_store(db)) as store:
        rows = store.feeds()
        if not rows:
            typer.echo("no feeds yet: newsverdict feeds add URL|FILE")
        for f in rows:
            status = f["last_status"] or "never fetched"
            if f["last_error"]:
                status += f": {f['last_error']}"
            typer.echo(f"{f['id']:>3}  {f['url']}  {f['title']}  [{status}]")


@feeds_app.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="Feed URL or id.")], db: DbOption = None) -> None:
    """Remove a feed (its articles stay in the store)."""
    with _guard(lambda: open_store(db)) as store:
        if not store.remove_feed(feed):
            fail(f"no feed {feed!r} (see: newsverdict feeds list)")
        typer.echo(f"removed: {feed}")


@app.command()
def ingest(
    corpus: Annotated[Path | None, typer.Argument(help="A JSONL corpus or a directory; omit to fetch the feeds.")]
    = None,
    db: DbOption = None,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Store new articles, from every feed or from a corpus on disk, and update the stories.

    Exits 2 when every item was skipped (nothing added, nothing already stored), 0 otherwise."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newsverdict.sources.corpus import read_corpus
    from newsverdict.sources.net import UrlPolicy
    from newsverdict.stories.ingest import ingest_feeds, ingest_items

    show = sys.stderr.isatty()

    def run() -> None:
        with open_store(db) as store, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                               transient=True, disable=not show) as progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(label: str, error: str | None) -> None:
                progress.advance(task)
                if error:
                    progress.console.print(f"newsverdict: skipped {label}: {error}", style="yellow",
                                           highlight=False) if show else typer.echo(
                        f"newsverdict: skipped {label}: {error}", err=True)

            if corpus is not None:
                if not corpus.exists():
                    fail(f"{corpus}: no such file or directory")
                report = ingest_items(store, read_corpus(corpus), on_item=on_item)
            else:
                if not store.feeds():
                    fail("no feeds to fetch: add some with 'newsverdict feeds add URL|FILE', or give a corpus path")
                report = ingest_feeds(store, on_item=on_item, policy=UrlPolicy(allow_private=allow_private_urls))
        typer.echo(report.summary(), err=True)
        if report.skipped and not report.added and not report.already_stored:
            raise typer.Exit(EXIT_BAD_INPUT)  # every item was skipped: say so to scripts too

    _guard(run)


LlmOption = Annotated[str | None, typer.Option("--llm", help="Prose backend: none, openai or gguf (default: config).")]


def _with_llm_prose(store, stories: list, llm: str | None, db: Path | None) -> list:
    """Stories rewritten by the LLM (cached in the store); the same stories when the backend is none."""
    writer = llm_writer(llm, db)
    if writer is None:
        return stories
    from newsverdict.stories.cards import analyze_story

    out = []
    for story in stories:
        members = store.articles(story_id=story.story_id)
        out.append(analyze_story(story.story_id, members, llm=writer) if members else story)
    return out


def _story_models(cards: list[dict]):
    from newsverdict.models import StoryVerdict

    return [StoryVerdict.model_validate(c) for c in cards]


@app.command("stories")
def stories_cmd(
    since: SinceOption = "recent",
    min_impact: Annotated[int | None, typer.Option("--min-impact", min=1, max=10)] = None,
    fmt: Annotated[StoriesFormat, typer.Option("--format", "-f")] = StoriesFormat.text,
    db: DbOption = None,
) -> None:
    """List stories ranked by impact."""
    from newsverdict.render import render_stories

    with _guard(lambda: open_store(db)) as store:
        stories = _story_models(store.stories(since_ts=span_of(store, since), min_impact=min_impact))
    if not stories and fmt == StoriesFormat.text:
        typer.echo("no stories (ingest some articles first: newsverdict ingest FILE.jsonl)")
    else:
        sys.stdout.write(render_stories(stories, fmt.value))


@app.command("story")
def story_cmd(
    story_id: Annotated[int, typer.Argument(help="Story id, as listed by 'stories'.")],
    fmt: Annotated[StoryFormat, typer.Option("--format", "-f")] = StoryFormat.text,
    explain: Annotated[bool, typer.Option("--explain")] = False,
    llm: LlmOption = None,
    db: DbOption = None,
) -> None:
    """Show one story's card with all its sources."""
    from newsverdict.render import render_story

    with _guard(lambda: open_store(db)) as store:
        card = store.story(story_id)
        if card is None:
            fail(f"no story {story_id} (see: newsverdict stories)")
        (story,) = _guard(lambda: _with_llm_prose(store, _story_models([card]), llm, db))
    _warn_llm_fallbacks([story])
    sys.stdout.write(render_story(story, fmt.value, explain=explain))


@app.command("digest")
def digest_cmd(
    since: SinceOption = "recent",
    fmt: Annotated[DigestFormat, typer.Option("--format", "-f", help="text, markdown, html, json, or a feed: "
                                              "atom or jsonfeed.")] = DigestFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    min_impact: Annotated[int | None, typer.Option("--min-impact", min=1, max=10)] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="The top N stories of the span (the web app's "
                                       "digest uses the same default).")] = DIGEST_LIMIT,
    base_url: Annotated[str, typer.Option("--base-url", help="Address of the web app (feed links point at its "
                                          "story pages), e.g. http://127.0.0.1:8000.")] = "",
    send: Annotated[bool, typer.Option("--send", help="E-mail the digest with the [email] settings of the config.")]
    = False,
    config: ConfigOption = None,
    llm: LlmOption = None,
    db: DbOption = None,
) -> None:
    """Write the digest: stories ranked by impact, each with its card and outlets, and a hype/impact chart."""
    from newsverdict.render import digest
    from newsverdict.stories.store import describe_span

    with _guard(lambda: open_store(db)) as store:
        stories = _story_models(store.stories(since_ts=span_of(store, since), min_impact=min_impact, limit=limit))
        stories = _guard(lambda: _with_llm_prose(store, stories, llm, db))
    _warn_llm_fallbacks(stories)
    if not stories:
        fail(f"no stories in {describe_span(since)} (try --since all, or ingest first)")
    words = describe_span(since)
    write_output(digest(stories, fmt.value, since=words, base_url=base_url.rstrip("/")), output)
    if send:
        from newsverdict.mail import load_email_config

        email = _guard(lambda: load_email_config(config))
        if email is None:
            fail("no [email] settings in the config file: see 'newsverdict digest --help' and docs/web.md")
        _guard(lambda: _send_digest(email, stories, words, base_url.rstrip("/")))
        typer.echo(f"newsverdict: digest e-mailed to {', '.join(email.to)} ({len(stories)} stories)", err=True)


def _send_digest(email, stories: list, words: str, base_url: str = "") -> None:
    import time

    from newsverdict.mail import digest_message, send
    from newsverdict.render import digest
    from newsverdict.render.reader import readable_time

    subject = f"{email.subject}, {readable_time(time.time(), with_year=False)}: {stories[0].headline}"
    send(email, digest_message(email, subject=subject[:180], text=digest(stories, "text", since=words),
                               html=digest(stories, "html", since=words, base_url=base_url)))


@app.command()
def watch(
    every: Annotated[float, typer.Option("--every", min=0.0, help="Minutes between runs.")] = 30.0,
    runs: Annotated[int, typer.Option("--runs", min=0, help="Stop after this many runs (0: run until stopped).")]
    = 0,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Ingest this JSONL file or directory each run "
                                                "instead of the feeds.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Refresh this digest file each run; the "
                                                "format follows the suffix (.html, .atom, .json, .md, .txt).")]
    = None,
    send: Annotated[bool | None, typer.Option("--send/--no-send", help="E-mail the digest (default: when the "
                                              "config has [email], at most every every_hours).")] = None,
    since: SinceOption = "recent",
    base_url: Annotated[str, typer.Option("--base-url", help="Address of the web app, for links.")] = "",
    config: ConfigOption = None,
    db: DbOption = None,
) -> None:
    """Ingest every N minutes, refresh the digest, and e-mail it when it is due; one log line per run."""
    import time
    from datetime import UTC, datetime

    from newsverdict.mail import load_email_config

    fmt = None
    if output is not None:
        fmt = DIGEST_SUFFIXES.get(output.suffix.lower())
        if fmt is None:
            fail(f"{output}: unknown digest suffix; use one of {', '.join(sorted(DIGEST_SUFFIXES))}")
    if corpus is not None and not corpus.exists():
        fail(f"{corpus}: no such file or directory")
    email = _guard(lambda: load_email_config(config))
    if send and email is None:
        fail("--send needs [email] settings in the config file (see docs/web.md)")
    with _guard(lambda: open_store(db)) as store:
        if corpus is None and not store.feeds():
            fail("no feeds to fetch: add some with 'newsverdict feeds add URL|FILE', or give --corpus")
    run = 0
    while True:
        run += 1
        started = time.time()
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            parts = _watch_run(db, corpus, output, fmt, since, base_url.rstrip("/"), email, send, started)
        except NewsverdictError as exc:
            parts = [f"failed: {exc}"]
        typer.echo(f"{stamp} watch run {run}: " + "; ".join(parts) + f" ({time.time() - started:.1f} s)", err=True)
        if runs and run >= runs:
            break
        time.sleep(max(0.0, every * 60 - (time.time() - started)))


def _watch_run(db: Path | None, corpus: Path | None, output: Path | None, fmt: str | None, since: str,
               base_url: str, email, send: bool | None, started: float) -> list[str]:
    """One run of ``watch``: ingest, refresh the digest file, e-mail it when due; what it did, in words."""
    from newsverdict.render import digest
    from newsverdict.sources.corpus import read_corpus
    from newsverdict.stories.ingest import ingest_feeds, ingest_items
    from newsverdict.stories.store import describe_span

    words = describe_span(since)
    parts: list[str] = []
    with open_store(db) as store:
        report = (ingest_items(store, read_corpus(corpus)) if corpus is not None else ingest_feeds(store))
        parts.append(report.summary())
        stories = _story_models(store.stories(since_ts=span_of(store, since), limit=DIGEST_LIMIT))
        if output is not None and stories:
            write_output(digest(stories, fmt, since=words, base_url=base_url), output)
            parts.append(f"digest of {len(stories)} stories written to {output}")
        elif output is not None:
            parts.append(f"no stories in {words}: {output} left as it was")
        last = float(store.get_meta("digest_emailed_at") or 0)
        due = email is not None and (send or (send is None and started - last >= email.every_hours * 3600))
        if due and stories:
            _send_digest(email, stories, words, base_url)
            store.set_meta("digest_emailed_at", str(started))
            parts.append(f"e-mailed to {', '.join(email.to)}")
        elif email is not None and send is not False:
            parts.append("e-mail not due yet")
    return parts


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax: AND, OR, \"phrases\", prefix*).")],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    db: DbOption = None,
) -> None:
    """Full-text search over the stored articles."""
    with _guard(lambda: open_store(db)) as store:
        rows = store.search(query, limit)
    if not rows:
        typer.echo("no match", err=True)
        raise typer.Exit(1)
    for r in rows:
        story = f" [story {r['story_id']}]" if r["story_id"] else ""
        typer.echo(f"#{r['id']} {r['source']}: {r['title']}{story}\n    {r['snippet']}")



class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(
        help="WARC (.warc, .warc.gz), JSONL or Parquet files, directories of them, or s3://… / gs://… paths.",
        show_default=False)],
    out: Annotated[str, typer.Option("--out", help="Output directory or object-storage URI (s3://, gs://): Parquet "
                                     "tables, digest, resume state.")],
    engine: Annotated[Engine, typer.Option("--engine", help="local: a process pool; ray: Ray.")] = Engine.local,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Parallel workers (tasks in flight).")]
    = os.cpu_count() or 1,
    address: Annotated[str | None, typer.Option(
        "--address", help="An existing Ray cluster (default: RAY_ADDRESS, else start a local Ray).")]
    = None,
    shard_size: Annotated[int, typer.Option("--shard-size", min=1, help="Records per shard (task).")] = 500,
    load_store: Annotated[bool, typer.Option("--load-store", help="Load the result into the store (--db).")]
    = False,
    db: DbOption = None,
) -> None:
    """Process a large input (a day of crawled news): cards, repeats, stories and digest, as Parquet."""
    try:
        from newsverdict.batch import BatchOptions, load_into_store, run_batch
    except ImportError as exc:
        fail(f"batch needs the batch extra: pip install 'newsverdict[batch]' ({exc.name} is missing)")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    show = sys.stderr.isatty()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), transient=True,
                  disable=not show) as progress:
        tasks: dict[str, object] = {}
        started = {}

        def on_progress(phase: str, done: int, total: int, articles: int) -> None:
            import time

            if phase not in tasks:
                label = {"articles": "articles (shards)", "stories": "story cards (chunks)"}.get(phase, phase)
                tasks[phase] = progress.add_task(label, total=total, rate="")
                started[phase] = (time.monotonic(), articles)
            t0, a0 = started[phase]
            elapsed = time.monotonic() - t0
            rate = f"{articles} articles, {(articles - a0) / elapsed:.1f}/s" if articles and elapsed > 0 else ""
            progress.update(tasks[phase], completed=done, rate=rate)

        options = BatchOptions(inputs=inputs, out=out, engine=engine.value, workers=workers, address=address,
                               shard_size=shard_size, progress=on_progress)
        report = _guard(lambda: run_batch(options))
    typer.echo(report.summary(), err=True)
    typer.echo(f"wrote {out}/articles.parquet, cards.parquet, stories.parquet, errors.parquet, digest.md, "
               "digest.html", err=True)
    if load_store:
        if "://" in out:
            fail(f"--load-store reads a local --out; copy {out} to this machine first")
        with _guard(lambda: open_store(db)) as store:
            articles, stories = _guard(lambda: load_into_store(Path(out), store))
        typer.echo(f"loaded {articles} article(s) and {stories} stories into {store.path}", err=True)

@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless others must reach it.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    allow_private_urls: AllowPrivateOption = False,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="Another host name the server answers to (besides loopback and --host); repeatable.")]
    = None,
    llm: LlmOption = None,
    db: DbOption = None,
) -> None:
    """Start the local web app and JSON API (docs at /docs)."""
    from newsverdict.stories.store import default_db_path
    from newsverdict.web import serve as run_server

    path = db or default_db_path()
    _guard(lambda: open_store(path).close())  # a bad database is reported before the server starts
    typer.echo(f"newsverdict: serving {path} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    from newsverdict.llm import load_config

    config = _guard(lambda: load_config(backend=llm))
    _warn_config(config)
    run_server(path, host, port, allow_private_urls, llm_config=config, allowed_hosts=tuple(allowed_host or ()))


llm_app = typer.Typer(help="The LLM backend for richer prose.", no_args_is_help=True)
app.add_typer(llm_app, name="llm")


@llm_app.command("check")
def llm_check(llm: LlmOption = None) -> None:
    """Say whether the configured LLM backend answers, and how fast."""
    from newsverdict.config import config_path
    from newsverdict.llm import check, load_config

    def run() -> None:
        config = load_config(backend=llm)
        typer.echo(f"config: {config_path()} ({'found' if config_path().exists() else 'not found'}); "
                   f"backend {config.backend}" + (f", model {config.model}" if config.model else "")
                   + (f", base_url {config.base_url}" if config.backend == "openai" else ""))
        result = check(config)
        typer.echo(json.dumps(result))

    import json

    _guard(run)


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
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # last resort: one line, never a traceback, unless asked for
        if os.environ.get("NEWSVERDICT_DEBUG"):
            raise
        typer.echo(f"newsverdict: internal error: {type(exc).__name__}: {exc} "
                   "(set NEWSVERDICT_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_INTERNAL)
