"""The feeds page (/feeds): add an RSS, Atom or OPML feed, remove one, fetch them all now as a
background job whose page (/jobs/{id}) reports its progress."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsverdict.errors import NewsverdictError
from newsverdict.sources.feeds import is_opml, parse_feed, parse_opml
from newsverdict.web.deps import Jobs, OpenStore, Policy, UrlFetcher
from newsverdict.web.jobs import start_ingest
from newsverdict.web.templating import page

#: Runs listed on the feeds page, newest first.
RECENT_JOBS = 5

router = APIRouter()


def _feeds_page(request: Request, open_store: OpenStore, jobs: Jobs, status: int = 200, *, message: str = "",
                error: str = "", typed: str = "") -> Response:
    with open_store() as s:
        feeds = s.feeds()
        articles = s.count("articles")
    return page(request, "feeds.html", {"feeds": feeds, "message": message, "error": error, "typed": typed,
                                        "articles": articles, "jobs": jobs.latest(RECENT_JOBS)}, status)


@router.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
def feeds_page(request: Request, open_store: OpenStore, jobs: Jobs, added: str = "", removed: str = ""):
    # the notice is built here from a count, never echoed from the query string
    message = ""
    if added.isdigit() and len(added) < 10:
        message = f"Added {int(added)} feed(s)." if int(added) else "That feed was already in the list."
    elif removed == "1":
        message = "Feed removed; its articles stay."
    return _feeds_page(request, open_store, jobs, message=message)


@router.post("/feeds/add", include_in_schema=False)
def feeds_add(request: Request, open_store: OpenStore, jobs: Jobs, policy: Policy, fetcher: UrlFetcher,
              url: Annotated[str, Form()] = ""):
    typed = url
    url = url.strip()
    if not url:
        return _feeds_page(request, open_store, jobs, 422,
                           error="Type the address of an RSS, Atom or OPML feed first.")
    try:
        url = policy.check_syntax(url)
        data, _ = fetcher.fetch(url)
        entries = parse_opml(data, url, policy) if is_opml(data) else [(url, parse_feed(data, url).title)]
    except NewsverdictError as exc:
        # the class says whose fault: 422 for a bad address or not a feed, 502 when the fetch failed
        return _feeds_page(request, open_store, jobs, exc.http_status, typed=typed,
                           error=f"We could not add that feed: {exc}. Check the address and try again.")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with open_store() as s:
        added = sum(s.add_feed(u, t, now) for u, t in entries)
    return RedirectResponse(f"/feeds?added={added}", status_code=303)


@router.post("/feeds/{feed_id}/remove", include_in_schema=False)
def feeds_remove(open_store: OpenStore, feed_id: int):
    with open_store() as s:
        s.remove_feed(str(feed_id))
    return RedirectResponse("/feeds?removed=1", status_code=303)


@router.post("/feeds/ingest", include_in_schema=False)
def feeds_ingest(open_store: OpenStore, jobs: Jobs, policy: Policy):
    job = start_ingest(jobs, open_store, policy)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, jobs: Jobs, job_id: str):
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return page(request, "job.html", {"job": job})
