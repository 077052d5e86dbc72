"""The local web app and JSON API (FastAPI, server-rendered, no JavaScript needed).

Pages: / (stories), /story/{id}, /analyze, /feeds, /jobs/{id}. API under /api/
with OpenAPI at /openapi.json and /docs. Everything from an article is escaped
(Jinja2 autoescape); a URL to analyze is fetched only when it resolves to a
public address, unless the server was started with ``allow_private_urls``.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlparse

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsverdict import __version__
from newsverdict.errors import InputError, NewsverdictError
from newsverdict.models import StoryVerdict, Verdict
from newsverdict.render import TEMPLATE_DIR, hype_impact_svg
from newsverdict.render.reader import (
    age,
    gap_after,
    hype_levels,
    iso_to_ts,
    outlet_name,
    placement_rule,
    plain_signal,
    readable_time,
)
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.store import DEFAULT_SPAN, describe_span, span_start
from newsverdict.web.guard import RequestGuard, allowed_host_names

#: Largest request body accepted (a pasted article or an uploaded page).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: URL fetches running at once for clients (each holds a worker thread up to the fetch deadline):
#: more are answered 429 at once, so that slow servers elsewhere cannot take every thread from the pages.
MAX_CONCURRENT_FETCHES = 8
TEMPLATES = Jinja2Templates(directory=str(TEMPLATE_DIR))
#: Stories listed per page (and plotted): more come with "Show more".
PAGE_STORIES = 40
#: Stories in the digest the web app serves (page and feeds): the top of the span, skimmable
#: (the same default as the CLI's ``digest --limit``).
DIGEST_STORIES = 25
#: Articles listed on an outlet's page (the most recent; its averages count them all).
OUTLET_ARTICLES = 100
#: The spans offered by the filters, in words.
SPANS = (("recent", "latest 7 days in the store"), ("24h", "last 24 hours"), ("7d", "last 7 days"),
         ("30d", "last 30 days"), ("all", "everything"))
#: Hype level word -> the range of hype scores it covers (from scoring.HYPE_LEVELS).
HYPE_RANGES = {word: (int(span.split("–")[0]), int(span.split("–")[1])) for word, span in hype_levels()}
LEGEND = {"hype_levels": hype_levels(), "placement_rule": placement_rule()}


@dataclass(frozen=True)
class _Dot:
    impact: int
    hype: int
    headline: str
    story_id: int


class AnalyzeRequest(BaseModel):
    text: str | None = Field(default=None, description="Article text (plain or Markdown).")
    url: str | None = Field(default=None, description="An http(s) URL to fetch and extract.")
    html: str | None = Field(default=None, description="An HTML page to extract.")
    title: str = ""
    source: str = ""


class ErrorBody(BaseModel):
    error: str


@dataclass
class Job:
    id: str
    kind: str
    started: float = field(default_factory=time.time)
    done: int = 0
    skipped: list[str] = field(default_factory=list)
    finished: bool = False
    summary: str = ""
    error: str = ""


# --- the app ---------------------------------------------------------------------


def create_app(db: str | Path | None = None, *, allow_private_urls: bool = False, llm_config=None,
               allowed_hosts: frozenset[str] | None = None) -> FastAPI:
    """The app; ``allowed_hosts`` are the Host names it answers to (default: the loopback names)."""
    from newsverdict.stories.store import Store, StoreCache, default_db_path

    policy = UrlPolicy(allow_private=allow_private_urls)
    fetch_slots = threading.BoundedSemaphore(MAX_CONCURRENT_FETCHES)

    def fetch(url: str) -> tuple[bytes, str]:
        from newsverdict.sources.extract import fetch as fetch_url

        if not fetch_slots.acquire(blocking=False):
            raise HTTPException(429, f"{MAX_CONCURRENT_FETCHES} URL fetches are already running; try again shortly")
        try:
            return fetch_url(url, policy=policy)
        finally:
            fetch_slots.release()

    db_path = Path(db) if db else default_db_path()
    writer = None
    if llm_config is not None and llm_config.backend != "none":
        from newsverdict.llm import LLMProse

        writer = LLMProse(llm_config, cache=StoreCache(db_path))
    app = FastAPI(title="newsverdict", version=__version__, docs_url=None, redoc_url=None,
                  description="Verdict cards: impact versus hype, explained. The same data model as the CLI's JSON.")
    jobs: dict[str, Job] = {}

    def store() -> Store:
        return Store(db_path)

    # -- limits and errors -------------------------------------------------------

    # Host check, CSRF, streaming body cap, HEAD: see webguard.
    app.add_middleware(RequestGuard, allowed_hosts=allowed_hosts or allowed_host_names(),
                       max_body_bytes=MAX_BODY_BYTES,
                       error_page=lambda scope, status, message: _error(Request(scope), status, message))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        # our pages need no script at all: even a missed escape could not run one
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                    "script-src 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(NewsverdictError)
    async def on_newsverdict_error(request: Request, exc: NewsverdictError):
        # the class says whose fault it is: 422 for the client's input, 5xx for the store, a fetch, the LLM
        return _error(request, exc.http_status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):
        return _error(request, 500, f"internal error ({type(exc).__name__})")

    def _error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        heading = ERROR_HEADINGS.get(status, "That did not work")
        if status == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        back = _same_site_path(request.headers.get("referer", ""), request) or "/"
        return TEMPLATES.TemplateResponse(request, "error.html", {
            "legend": LEGEND, "heading": heading, "message": message, "status": status, "back": back},
            status_code=status)

    # -- API ---------------------------------------------------------------------

    def analyze_request(body: AnalyzeRequest) -> tuple[Verdict, Any]:
        from newsverdict.card.pipeline import analyze
        from newsverdict.sources.extract import from_bytes, from_html, from_text

        given = [x for x in (body.text, body.url, body.html) if x and x.strip()]
        if len(given) != 1:
            raise InputError("give exactly one of: text, url, html")
        if body.url and body.url.strip():
            data, content_type = fetch(body.url.strip())
            article = from_bytes(data, origin=body.url.strip(), url=body.url.strip(), content_type=content_type)
        elif body.html and body.html.strip():
            article = from_html(body.html, origin="uploaded page")
        else:
            article = from_text(body.text or "", origin="pasted text")
        return analyze(article, title=body.title, source=body.source, llm=writer), article

    @app.post("/api/analyze", response_model=Verdict, responses={422: {"model": ErrorBody}},
              summary="Verdict card for one article (text, URL or HTML)")
    def api_analyze(body: AnalyzeRequest) -> Verdict:
        return analyze_request(body)[0]

    @app.get("/api/stories", response_model=list[StoryVerdict], summary="Stories ranked by impact")
    def api_stories(since: str = DEFAULT_SPAN, min_impact: Annotated[int | None, Query(ge=1, le=10)] = None,
                    hype: str | None = None, outlet: str | None = None, q: str | None = None) -> list[StoryVerdict]:
        return _query_stories(store, since, min_impact, hype, outlet, q)

    @app.get("/api/stories/{story_id}", response_model=StoryVerdict, responses={404: {"model": ErrorBody}},
             summary="One story's card, with its sources")
    def api_story(story_id: int) -> StoryVerdict:
        with store() as s:
            card = s.story(story_id)
        if card is None:
            raise HTTPException(404, f"no story {story_id}")
        return StoryVerdict.model_validate(card)

    @app.get("/api/digest",
             summary="The digest: the top stories of a span, as JSON, Markdown, HTML, text, Atom or JSON Feed")
    def api_digest(request: Request, since: str = DEFAULT_SPAN, format: str = "json",
                   limit: Annotated[int, Query(ge=1, le=500)] = DIGEST_STORIES) -> Response:
        from newsverdict.render import DIGEST_MEDIA_TYPES, digest

        if format not in DIGEST_MEDIA_TYPES:
            raise HTTPException(422, f"format must be one of: {', '.join(DIGEST_MEDIA_TYPES)}")
        with store() as s:
            cards = s.stories(since_ts=span_start(since, s.newest_story_ts()), limit=limit)
        stories = [StoryVerdict.model_validate(c) for c in cards]
        body = digest(stories, format, since=describe_span(since), base_url=str(request.base_url).rstrip("/"),
                      feed_url=str(request.url))
        return Response(body, media_type=f"{DIGEST_MEDIA_TYPES[format]}; charset=utf-8")

    @app.get("/digest.atom", include_in_schema=False)
    def digest_atom(request: Request, since: str = DEFAULT_SPAN) -> Response:
        return api_digest(request, since, "atom", DIGEST_STORIES)

    @app.get("/digest.json", include_in_schema=False)
    def digest_jsonfeed(request: Request, since: str = DEFAULT_SPAN) -> Response:
        return api_digest(request, since, "jsonfeed", DIGEST_STORIES)

    @app.get("/digest", include_in_schema=False)
    def digest_page(request: Request, since: str = DEFAULT_SPAN) -> Response:
        return api_digest(request, since, "html", DIGEST_STORIES)

    # -- pages -------------------------------------------------------------------

    def page(request: Request, template: str, context: dict, status: int = 200) -> Response:
        return TEMPLATES.TemplateResponse(request, template, {"legend": LEGEND, **context}, status_code=status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, since: str = DEFAULT_SPAN, min_impact: str = "", hype: str = "",
                     outlet: str = "", q: str = "", limit: str = ""):
        from newsverdict.render.reader import outlet_name

        form = {"since": since, "min_impact": min_impact, "hype": hype, "outlet": outlet, "q": q}
        limit = max(1, min(int(limit), 500)) if limit.isdigit() else PAGE_STORIES  # a bad value: the default
        with store() as s:
            try:
                since_ts = span_start(since, s.newest_story_ts())
                # titles are in the index too: headlines match; bounded like `search`
                story_ids = s.search_story_ids(q.strip()) if q.strip() else None
            except InputError as exc:
                return page(request, "stories.html", {**_stories_context(s, form), "error": str(exc)}, 422)
            rows, total = s.story_rows(since_ts=since_ts, min_impact=int(min_impact) if min_impact.isdigit() else None,
                                       hype_range=HYPE_RANGES.get(hype), source=outlet or None,
                                       story_ids=story_ids, limit=limit)
            outlets_of = s.story_outlets([r["id"] for r in rows])
            context = _stories_context(s, form)
        now = time.time()
        items = []
        for row in rows:
            names = list(dict.fromkeys(outlet_name(src, url) for src, url in outlets_of.get(row["id"], [])))
            items.append({"id": row["id"], "headline": row["headline"], "impact": row["impact"], "hype": row["hype"],
                          "hype_level": row["hype_level"], "placement": row["placement"],
                          "outlets": row["outlets"], "repeats": row["repeats"] or 0, "outlet_names": names,
                          "age": age(now, row["last_ts"]), "when": readable_time(row["last_ts"]),
                          "story_id": row["id"]})
        chart = hype_impact_svg([_Dot(i["impact"], i["hype"], i["headline"], i["id"]) for i in items],
                                link=lambda d: f"/story/{d.story_id}")
        more = f"/?{urlencode({**form, 'limit': limit + PAGE_STORIES})}" if total > len(items) else ""
        return page(request, "stories.html", {**context, "rows": items, "chart": chart, "total": total,
                                              "more": more, "span_words": describe_span(since)})

    def _stories_context(s, form: dict) -> dict:
        return {**form, "form": form, "outlets": s.sources(), "spans": SPANS, "rows": [], "total": 0}

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int):
        with store() as s:
            card = s.story(story_id)
            scores = s.article_scores(story_id) if card is not None else {}
        if card is None:
            raise HTTPException(404, f"There is no story number {story_id} in this store (it may have been merged "
                                     "into another story when new articles arrived).")
        story = StoryVerdict.model_validate(card)
        if writer is not None:
            from newsverdict.stories.cards import analyze_story

            with store() as s:
                story = analyze_story(story_id, s.articles(story_id=story_id), llm=writer)
        return page(request, "story.html", {"story": story, **story_view(story, scores), "signals": signal_view(story)})

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request, since: str = DEFAULT_SPAN, sort: str = "gap"):
        from newsverdict.render.reader import outlet_name

        form = {"since": since, "sort": sort}
        with store() as s:
            try:
                since_ts = span_start(since, s.newest_story_ts())
            except InputError as exc:
                return page(request, "outlets.html", {"form": form, "spans": SPANS, "rows": [], "error": str(exc)},
                            422)
            summary = s.outlet_summary(since_ts)
        rows = [{"source": r["source"], "name": outlet_name(r["source"]), "articles": r["articles"],
                 "repeats": r["repeats"], "stories": r["stories"], "avg_hype": r["avg_hype"],
                 "avg_impact": r["avg_impact"],
                 "gap": (r["avg_hype"] - r["avg_impact"]) if r["avg_impact"] is not None else None} for r in summary]
        keys = {"gap": lambda r: (-(r["gap"] if r["gap"] is not None else -99), r["name"]),
                "hype": lambda r: (-r["avg_hype"], r["name"]),
                "impact": lambda r: (-(r["avg_impact"] or 0), r["name"]),
                "articles": lambda r: (-r["articles"], r["name"])}
        rows.sort(key=keys.get(sort, keys["gap"]))
        return page(request, "outlets.html", {"form": form, "spans": SPANS, "rows": rows,
                                              "span_words": describe_span(since)})

    @app.get("/outlet", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, source: str = "", since: str = DEFAULT_SPAN):
        from newsverdict.render.reader import outlet_name

        if not source.strip():
            raise HTTPException(404, "No outlet was named: pick one on the Outlets page (/outlets).")
        with store() as s:
            try:
                since_ts = span_start(since, s.newest_story_ts())
            except InputError as exc:
                raise HTTPException(422, str(exc)) from None
            rows = s.outlet_articles(since_ts, source, limit=OUTLET_ARTICLES)
            summary = next(iter(s.outlet_summary(since_ts, source)), None)
        if summary is None:
            raise HTTPException(404, f"No articles from “{source}” in {describe_span(since)}.")
        return page(request, "outlet.html", {
            "name": outlet_name(source, rows[0]["url"] if rows else ""), "rows": rows, "summary": summary,
            "since": since, "span_words": describe_span(since), "readable_time": readable_time})

    @app.get("/about", response_class=HTMLResponse, include_in_schema=False)
    def about_page(request: Request):
        from newsverdict.card.registry import FAMILIES
        from newsverdict.render.reader import plain_signals

        families = [(f, [label for label, key in plain_signals().values() if key == f.key]) for f in FAMILIES]
        return page(request, "about.html", {"families": families})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        return page(request, "api.html", {"api": api_reference(app.openapi())})

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return page(request, "analyze.html", {"card": None, "form": {}})

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_page(request: Request, text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                           title: Annotated[str, Form()] = "",
                           page_file: Annotated[UploadFile | None, File(alias="page")] = None):
        form = {"text": text, "url": url, "title": title}

        def refuse(message: str) -> Response:
            return page(request, "analyze.html", {"card": None, "form": form, "error": message}, 422)

        html_text = ""
        if page_file is not None and page_file.filename:
            raw = await page_file.read(MAX_BODY_BYTES + 1)
            if len(raw) > MAX_BODY_BYTES:
                return refuse(f"That file is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB; "
                              "save just the article page and try again.")
            from newsverdict.sources.extract import decode

            try:
                html_text = decode(raw, page_file.filename)
            except NewsverdictError as exc:
                return refuse(f"We could not read that file: {exc}")
        given = [name for name, value in (("pasted text", text), ("a URL", url), ("a file", html_text))
                 if value and value.strip()]
        if not given:
            return refuse("There is nothing to analyse yet: paste an article, give its web address, "
                          "or choose a saved HTML page.")
        if len(given) > 1:
            return refuse(f"Give one thing at a time: you gave {' and '.join(given)}. Clear the ones you "
                          "do not want analysed and press the button again.")
        body = AnalyzeRequest(text=text or None, url=url or None, html=html_text or None, title=title)
        from starlette.concurrency import run_in_threadpool

        from newsverdict.card.clean import clean

        try:  # in a worker thread: a fetch or a long analysis must not stall the event loop
            card, article = await run_in_threadpool(analyze_request, body)
            cleaned = await run_in_threadpool(clean, article)
        except NewsverdictError as exc:
            return refuse(f"We could not judge this article: {exc}")
        return page(request, "analyze.html", {
            "card": card, "form": form, "marked": highlighted_paragraphs(cleaned.paragraphs, card),
            "signals": signal_view(card)})

    def feeds_context(message: str = "", error: str = "", typed: str = "") -> dict:
        with store() as s:
            feeds = s.feeds()
            articles = s.count("articles")
        return {"feeds": feeds, "message": message, "error": error, "typed": typed, "articles": articles,
                "jobs": sorted(jobs.values(), key=lambda j: -j.started)[:5]}

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page(request: Request, added: str = "", removed: str = ""):
        # the notice is built here from a count, never echoed from the query string
        message = ""
        if added.isdigit() and len(added) < 10:
            message = f"Added {int(added)} feed(s)." if int(added) else "That feed was already in the list."
        elif removed == "1":
            message = "Feed removed; its articles stay."
        return page(request, "feeds.html", feeds_context(message))

    @app.post("/feeds/add", include_in_schema=False)
    def feeds_add(request: Request, url: Annotated[str, Form()] = ""):
        from newsverdict.sources.feeds import is_opml, parse_feed, parse_opml

        typed = url
        url = url.strip()
        if not url:
            return page(request, "feeds.html", feeds_context(error="Type the address of an RSS, Atom or OPML "
                                                             "feed first."), 422)
        try:
            url = policy.check_syntax(url)
            data, _ = fetch(url)
            entries = parse_opml(data, url, policy) if is_opml(data) else [(url, parse_feed(data, url).title)]
        except NewsverdictError as exc:
            return page(request, "feeds.html", feeds_context(
                error=f"We could not add that feed: {exc}. Check the address and try again.", typed=typed), 422)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with store() as s:
            added = sum(s.add_feed(u, t, now) for u, t in entries)
        return RedirectResponse(f"/feeds?added={added}", status_code=303)

    @app.post("/feeds/{feed_id}/remove", include_in_schema=False)
    def feeds_remove(feed_id: int):
        with store() as s:
            s.remove_feed(str(feed_id))
        return RedirectResponse("/feeds?removed=1", status_code=303)

    @app.post("/feeds/ingest", include_in_schema=False)
    def feeds_ingest():
        job = Job(id=uuid.uuid4().hex[:10], kind="ingest")
        jobs[job.id] = job

        def run() -> None:
            from newsverdict.stories.ingest import ingest_feeds

            def on_item(label: str, error: str | None) -> None:
                job.done += 1
                if error:
                    job.skipped.append(f"{label}: {error}")

            try:
                with store() as s:
                    job.summary = ingest_feeds(s, on_item=on_item, policy=policy).summary()
            except NewsverdictError as exc:
                job.error = str(exc)
            except Exception as exc:
                job.error = f"internal error ({type(exc).__name__})"
            finally:
                job.finished = True

        threading.Thread(target=run, daemon=True).start()
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str):
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id}")
        return page(request, "job.html", {"job": job})

    @app.get("/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(TEMPLATE_DIR.joinpath("style.css").read_text(),
                        media_type="text/css")

    return app


def _query_stories(store_factory, since: str, min_impact: int | None, hype: str | None, outlet: str | None,
                   q: str | None) -> list[StoryVerdict]:
    with store_factory() as s:
        since_ts = span_start(since, s.newest_story_ts())
        cards = s.stories(since_ts=since_ts, min_impact=min_impact)
        matching: set[int] | None = None
        if q:
            matching = {r["story_id"] for r in s.search(q, limit=500) if r["story_id"]}
    stories = [StoryVerdict.model_validate(c) for c in cards]
    if hype:
        stories = [st for st in stories if st.hype_level == hype]
    if outlet:
        stories = [st for st in stories if any(r.source == outlet for r in st.sources)]
    if matching is not None:
        stories = [st for st in stories if st.story_id in matching or (q or "").lower() in st.headline.lower()]
    return stories


ERROR_HEADINGS = {404: "We could not find that", 413: "That was too large", 422: "That did not work",
                  500: "Something went wrong on our side"}


def _same_site_path(referer: str, request: Request) -> str:
    """The path of the page the reader came from, when it is one of ours (a link back, never elsewhere)."""
    parts = urlparse(referer)
    if not referer or parts.netloc != request.url.netloc or parts.path == request.url.path:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def story_view(story: StoryVerdict, scores: dict[int, tuple[int | None, int | None]]) -> dict:
    """Outlet by outlet: each article's own hype beside the story's impact, who was first, the timeline.

    Each article's hype is its own card's, computed once at ingest and stored with it
    (``articles.hype``): the page reads them by story id, one indexed query.
    """
    by_id = {r.article_id: r for r in story.sources}
    entries = []
    for r in story.sources:
        ts = iso_to_ts(r.published)
        original = by_id.get(r.repeat_of) if r.repeat_of is not None else None
        entries.append({"id": r.article_id, "name": outlet_name(r.source, r.url), "title": r.title, "url": r.url,
                        "ts": ts, "when": readable_time(ts), "hype": scores.get(r.article_id, (None, None))[1],
                        "repeat_of": outlet_name(original.source, original.url) if original else
                        ("another outlet" if r.repeat_of is not None else "")})
    dated = sorted((e for e in entries if e["ts"] is not None), key=lambda e: (e["ts"], e["id"]))
    timeline = dated + [e for e in entries if e["ts"] is None]
    first_ts = dated[0]["ts"] if dated else None
    for e in timeline:
        e["after"] = gap_after(first_ts, e["ts"])
    first = next((e for e in dated if not e["repeat_of"]), dated[0] if dated else None)
    bars: dict[str, dict] = {}
    for e in timeline:
        if e["hype"] is None:
            continue
        bar = bars.setdefault(e["name"], {"name": e["name"], "hypes": [], "articles": []})
        bar["hypes"].append(e["hype"])
        bar["articles"].append(e)
    for bar in bars.values():
        mean = sum(bar["hypes"]) / len(bar["hypes"])
        bar["hype"] = int(mean) if mean == int(mean) else round(mean, 1)
        bar["louder"] = bar["hype"] - story.impact >= 2
    originals = [e for e in timeline if not e["repeat_of"]]
    repeats: dict[int, list] = {}
    for r in story.sources:
        if r.repeat_of is not None:
            repeats.setdefault(r.repeat_of, []).append(next(e for e in entries if e["id"] == r.article_id))
    return {"first": first, "timeline": timeline, "bars": sorted(bars.values(), key=lambda b: (-b["hype"], b["name"])),
            "originals": originals, "repeats": repeats,
            "first_seen": readable_time(story.coverage.first_ts), "last_seen": readable_time(story.coverage.last_ts)}


def _strength(value: float) -> str:
    return "not found" if value < 0.05 else "faint" if value < 0.25 else "some" if value < 0.5 else (
        "clear" if value < 0.75 else "strong")


def signal_view(card: Verdict) -> list[dict]:
    """Signals in plain words, grouped by family (no weights: those are in the JSON and /about)."""
    from newsverdict.card.registry import FAMILIES

    groups: dict[str, dict] = {f.key: {"family": f, "signals": []} for f in FAMILIES}
    for sig in card.signals:
        label, family = plain_signal(sig.name, sig.kind)
        groups[family.key]["signals"].append({
            "label": label, "strength": _strength(sig.value), "value": sig.value, "description": sig.description,
            "evidence": [{"text": ev.text, "direction": ev.direction,
                          "note": ev.note if _PLAIN_NOTE.match(ev.note) else ""}
                         for ev in sig.evidence if ev.start is not None or not _TECHNICAL.search(ev.text)][:6]})
    return [g for g in groups.values() if g["signals"]]


#: Evidence notes a reader can use ("hedge", "done/confirmed"); computed ones ("count 6e+06 -> size 0.83") stay
#: in the JSON card and the CLI's --explain.
_PLAIN_NOTE = re.compile(r"^[A-Za-z][A-Za-z /,'()-]*$")
_TECHNICAL = re.compile(r"[|=]|->|\bmean\b")


def highlighted_paragraphs(paragraphs: tuple[str, ...], card: Verdict) -> list[list[tuple[str, str, str]]]:
    """Each paragraph as (text, family key, plain signal names) pieces; family empty for plain text.

    Offsets of evidence index the cleaned text, whose paragraphs are joined by two newlines.
    """
    marks: list[tuple[int, int, str, str]] = []
    for signal in card.signals:
        label, family = plain_signal(signal.name, signal.kind)
        for ev in signal.evidence:
            if ev.start is not None and ev.end is not None and ev.end - ev.start < 400:
                marks.append((ev.start, ev.end, label, family.key))
    out = []
    offset = 0
    for para in paragraphs:
        end = offset + len(para)
        cuts = sorted({offset, end, *(max(offset, min(end, p)) for s, e, _, _ in marks for p in (s, e))})
        pieces = []
        for a, b in itertools.pairwise(cuts):
            here = sorted({(n, f) for s, e, n, f in marks if s <= a and e >= b})
            pieces.append((para[a - offset : b - offset], here[0][1] if here else "", ", ".join(n for n, _ in here)))
        out.append(pieces)
        offset = end + 2
    return out


def api_reference(spec: dict) -> dict:
    """The OpenAPI document as plain data for the offline reference page (no viewer script)."""
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            responses = [{"code": code, "description": r.get("description", ""),
                          "type": _schema_type(r.get("content", {}).get("application/json", {}).get("schema", {}))}
                         for code, r in op.get("responses", {}).items()]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "body": _schema_type(body) if body else "", "responses": responses})
    schemas = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        fields = [{"name": k, "type": _schema_type(v), "required": k in schema.get("required", []),
                   "description": v.get("description", "")} for k, v in schema.get("properties", {}).items()]
        schemas.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return {"title": spec["info"]["title"], "version": spec["info"]["version"],
            "description": spec["info"].get("description", ""), "endpoints": endpoints, "schemas": schemas}


def _schema_type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("type", "any"))


def serve(db: str | Path | None, host: str, port: int, allow_private_urls: bool = False, llm_config=None,
          allowed_hosts: tuple[str, ...] = ()) -> None:
    import uvicorn

    app = create_app(db, allow_private_urls=allow_private_urls, llm_config=llm_config,
                     allowed_hosts=allowed_host_names(host, allowed_hosts))
    uvicorn.run(app, host=host, port=port, log_level="warning")
