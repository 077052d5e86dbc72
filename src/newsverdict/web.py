"""The local web app and JSON API (FastAPI, server-rendered, no JavaScript needed).

Pages: / (stories), /story/{id}, /analyze, /feeds, /jobs/{id}. API under /api/
with OpenAPI at /openapi.json and /docs. Everything from an article is escaped
(Jinja2 autoescape); a URL to analyze is fetched only when it resolves to a
public address, unless the server was started with ``allow_private_urls``.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .errors import InputError, NewsverdictError
from .models import StoryVerdict, Verdict
from .net import UrlPolicy
from .render import hype_impact_svg
from .webguard import RequestGuard, allowed_host_names

#: Largest request body accepted (a pasted article or an uploaded page).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: URL fetches running at once for clients (each holds a worker thread up to the fetch deadline):
#: more are answered 429 at once, so that slow servers elsewhere cannot take every thread from the pages.
MAX_CONCURRENT_FETCHES = 8
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


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
    from .store import Store, StoreCache, default_db_path

    policy = UrlPolicy(allow_private=allow_private_urls)
    fetch_slots = threading.BoundedSemaphore(MAX_CONCURRENT_FETCHES)

    def fetch(url: str) -> tuple[bytes, str]:
        from .sources import fetch as fetch_url

        if not fetch_slots.acquire(blocking=False):
            raise HTTPException(429, f"{MAX_CONCURRENT_FETCHES} URL fetches are already running; try again shortly")
        try:
            return fetch_url(url, policy=policy)
        finally:
            fetch_slots.release()

    db_path = Path(db) if db else default_db_path()
    writer = None
    if llm_config is not None and llm_config.backend != "none":
        from .llm import LLMProse

        writer = LLMProse(llm_config, cache=StoreCache(db_path))
    app = FastAPI(title="newsverdict", version=__version__,
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
        if not request.url.path.startswith(("/docs", "/redoc")):  # FastAPI's docs pages load their own scripts
            # our pages need no script at all: even a missed escape could not run one
            response.headers.setdefault("Content-Security-Policy",
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        "script-src 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(NewsverdictError)
    async def on_input_error(request: Request, exc: NewsverdictError):
        return _error(request, 422, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):
        return _error(request, 500, f"internal error ({type(exc).__name__})")

    def _error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return TEMPLATES.TemplateResponse(request, "error.html", {"message": message, "status": status},
                                          status_code=status)

    # -- API ---------------------------------------------------------------------

    def analyze_request(body: AnalyzeRequest) -> tuple[Verdict, Any]:
        from .pipeline import analyze
        from .sources import from_bytes, from_html, from_text

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
    def api_stories(since: str = "24h", min_impact: Annotated[int | None, Query(ge=1, le=10)] = None,
                    hype: str | None = None, outlet: str | None = None, q: str | None = None) -> list[StoryVerdict]:
        return _query_stories(store, since, min_impact, hype, outlet, q)

    @app.get("/api/stories/{story_id}", response_model=StoryVerdict, responses={404: {"model": ErrorBody}})
    def api_story(story_id: int) -> StoryVerdict:
        with store() as s:
            card = s.story(story_id)
        if card is None:
            raise HTTPException(404, f"no story {story_id}")
        return StoryVerdict.model_validate(card)

    @app.get("/api/digest", summary="The digest: stories ranked by impact, as JSON, Markdown, HTML or text")
    def api_digest(since: str = "24h", format: str = "json") -> Response:
        from .render import digest

        if format not in {"json", "markdown", "html", "text"}:
            raise HTTPException(422, "format must be json, markdown, html or text")
        stories = _query_stories(store, since, None, None, None, None)
        body = digest(stories, format, since=f"since {since}")
        media = {"json": "application/json", "markdown": "text/markdown", "html": "text/html",
                 "text": "text/plain"}[format]
        return Response(body, media_type=f"{media}; charset=utf-8")

    # -- pages -------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, since: str = "24h", min_impact: str = "", hype: str = "", outlet: str = "",
                     q: str = ""):
        minimum = int(min_impact) if min_impact.isdigit() else None
        stories = _query_stories(store, since, minimum, hype or None, outlet or None, q or None)
        with store() as s:
            outlets = sorted({r[0] for r in s.db.execute("SELECT DISTINCT source FROM articles") if r[0]})
        now = time.time()
        rows = [{"story": st, "age": _age(now, st.coverage.last_ts)} for st in stories]
        chart = hype_impact_svg(stories, link=lambda st: f"/story/{st.story_id}")
        return TEMPLATES.TemplateResponse(request, "stories.html", {
            "rows": rows, "chart": chart, "since": since, "min_impact": min_impact, "hype": hype,
            "outlet": outlet, "q": q, "outlets": outlets})

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int):
        with store() as s:
            card = s.story(story_id)
        if card is None:
            raise HTTPException(404, f"no story {story_id}")
        story = StoryVerdict.model_validate(card)
        if writer is not None:
            from .pipeline import analyze_story

            with store() as s:
                story = analyze_story(story_id, s.articles(story_id=story_id), llm=writer)
        originals = [r for r in story.sources if r.repeat_of is None]
        repeats: dict[int, list] = {}
        for r in story.sources:
            if r.repeat_of is not None:
                repeats.setdefault(r.repeat_of, []).append(r)
        return TEMPLATES.TemplateResponse(request, "story.html", {
            "story": story, "originals": originals, "repeats": repeats})

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return TEMPLATES.TemplateResponse(request, "analyze.html", {"card": None, "form": {}})

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_page(request: Request, text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                           title: Annotated[str, Form()] = "",
                           page: Annotated[UploadFile | None, File()] = None):
        html_text = ""
        if page is not None and page.filename:
            raw = await page.read(MAX_BODY_BYTES + 1)
            if len(raw) > MAX_BODY_BYTES:
                raise InputError(f"uploaded file is over the {MAX_BODY_BYTES // (1024 * 1024)} MiB cap")
            from .sources import decode

            html_text = decode(raw, page.filename)
        body = AnalyzeRequest(text=text or None, url=url or None, html=html_text or None, title=title)
        form = {"text": text, "url": url, "title": title}
        from starlette.concurrency import run_in_threadpool

        from .clean import clean

        try:  # in a worker thread: a fetch or a long analysis must not stall the event loop
            card, article = await run_in_threadpool(analyze_request, body)
            cleaned = await run_in_threadpool(clean, article)
        except NewsverdictError as exc:
            return TEMPLATES.TemplateResponse(request, "analyze.html", {"card": None, "form": form,
                                                                        "error": str(exc)}, status_code=422)
        return TEMPLATES.TemplateResponse(request, "analyze.html", {
            "card": card, "form": form, "marked": highlighted_paragraphs(cleaned.paragraphs, card)})

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page(request: Request, added: str = "", removed: str = ""):
        # the notice is built here from a count, never echoed from the query string
        message = ""
        if added.isdigit() and len(added) < 10:
            message = f"added {int(added)} feed(s)"
        elif removed == "1":
            message = "feed removed"
        with store() as s:
            feeds = s.feeds()
            articles = s.count("articles")
        return TEMPLATES.TemplateResponse(request, "feeds.html", {
            "feeds": feeds, "message": message, "articles": articles,
            "jobs": sorted(jobs.values(), key=lambda j: -j.started)[:5]})

    @app.post("/feeds/add", include_in_schema=False)
    def feeds_add(url: Annotated[str, Form()]):
        from .feeds import is_opml, parse_feed, parse_opml

        url = policy.check_syntax(url)
        data, _ = fetch(url)
        entries = parse_opml(data, url, policy) if is_opml(data) else [(url, parse_feed(data, url).title)]
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
            from .ingest import ingest_feeds

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
        return TEMPLATES.TemplateResponse(request, "job.html", {"job": job})

    @app.get("/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(Path(__file__).with_name("templates").joinpath("style.css").read_text(),
                        media_type="text/css")

    return app


def _query_stories(store_factory, since: str, min_impact: int | None, hype: str | None, outlet: str | None,
                   q: str | None) -> list[StoryVerdict]:
    from .store import since_timestamp

    since_ts = since_timestamp(since)
    with store_factory() as s:
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


def _age(now: float, ts: float | None) -> str:
    if ts is None:
        return "?"
    hours = (now - ts) / 3600
    if hours < 1:
        return f"{max(0, int(hours * 60))} min"
    if hours < 48:
        return f"{int(hours)} h"
    return f"{int(hours / 24)} d"


def highlighted_paragraphs(paragraphs: tuple[str, ...], card: Verdict) -> list[list[tuple[str, str]]]:
    """Each paragraph as (text, signal names) pieces: names empty for plain text, else the evidence there.

    Offsets of evidence index the cleaned text, whose paragraphs are joined by two newlines.
    """
    marks: list[tuple[int, int, str]] = []
    for signal in card.signals:
        for ev in signal.evidence:
            if ev.start is not None and ev.end is not None and ev.end - ev.start < 400:
                marks.append((ev.start, ev.end, signal.name))
    out = []
    offset = 0
    for para in paragraphs:
        end = offset + len(para)
        cuts = sorted({offset, end, *(max(offset, min(end, p)) for s, e, _ in marks for p in (s, e))})
        pieces = []
        for a, b in itertools.pairwise(cuts):
            names = sorted({n for s, e, n in marks if s <= a and e >= b})
            pieces.append((para[a - offset : b - offset], ", ".join(names)))
        out.append(pieces)
        offset = end + 2
    return out


def serve(db: str | Path | None, host: str, port: int, allow_private_urls: bool = False, llm_config=None,
          allowed_hosts: tuple[str, ...] = ()) -> None:
    import uvicorn

    app = create_app(db, allow_private_urls=allow_private_urls, llm_config=llm_config,
                     allowed_hosts=allowed_host_names(host, allowed_hosts))
    uvicorn.run(app, host=host, port=port, log_level="warning")
