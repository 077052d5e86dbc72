"""The JSON API under /api/ (documented in /openapi.json and /docs) and the digest it serves, also as
the page and feeds reader apps subscribe to (/digest, /digest.atom, /digest.json).

The cards are the CLI's data model (``models.Verdict``, ``models.StoryVerdict``); errors are
``{"error": "..."}`` with the status the error's class carries.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from newsverdict.models import StoryVerdict, Verdict
from newsverdict.render import DIGEST_MEDIA_TYPES, digest
from newsverdict.stories.store import DEFAULT_SPAN, describe_span, span_start
from newsverdict.web.analysis import AnalyzeRequest, analyze_request
from newsverdict.web.deps import OpenStore, UrlFetcher, Writer

#: Stories in the digest the web app serves (page and feeds): the top of the span, skimmable
#: (the same default as the CLI's ``digest --limit``).
DIGEST_STORIES = 25

router = APIRouter()


class ErrorBody(BaseModel):
    error: str


@router.post("/api/analyze", response_model=Verdict, responses={422: {"model": ErrorBody}},
             summary="Verdict card for one article (text, URL or HTML)")
def api_analyze(body: AnalyzeRequest, fetcher: UrlFetcher, writer: Writer) -> Verdict:
    return analyze_request(body, fetcher, writer).verdict


@router.get("/api/stories", response_model=list[StoryVerdict], summary="Stories ranked by impact")
def api_stories(open_store: OpenStore, since: str = DEFAULT_SPAN,
                min_impact: Annotated[int | None, Query(ge=1, le=10)] = None,
                hype: str | None = None, outlet: str | None = None, q: str | None = None) -> list[StoryVerdict]:
    with open_store() as s:
        since_ts = span_start(since, s.newest_story_ts())
        cards = s.stories(since_ts=since_ts, min_impact=min_impact)
        matching = {r["story_id"] for r in s.search(q, limit=500) if r["story_id"]} if q else None
    stories = [StoryVerdict.model_validate(c) for c in cards]
    if hype:
        stories = [st for st in stories if st.hype_level == hype]
    if outlet:
        stories = [st for st in stories if any(r.source == outlet for r in st.sources)]
    if matching is not None:
        stories = [st for st in stories if st.story_id in matching or (q or "").lower() in st.headline.lower()]
    return stories


@router.get("/api/stories/{story_id}", response_model=StoryVerdict, responses={404: {"model": ErrorBody}},
            summary="One story's card, with its sources")
def api_story(open_store: OpenStore, story_id: int) -> StoryVerdict:
    with open_store() as s:
        card = s.story(story_id)
    if card is None:
        raise HTTPException(404, f"no story {story_id}")
    return StoryVerdict.model_validate(card)


@router.get("/api/digest",
            summary="The digest: the top stories of a span, as JSON, Markdown, HTML, text, Atom or JSON Feed")
def api_digest(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN, format: str = "json",
               limit: Annotated[int, Query(ge=1, le=500)] = DIGEST_STORIES) -> Response:
    if format not in DIGEST_MEDIA_TYPES:
        raise HTTPException(422, f"format must be one of: {', '.join(DIGEST_MEDIA_TYPES)}")
    with open_store() as s:
        cards = s.stories(since_ts=span_start(since, s.newest_story_ts()), limit=limit)
    stories = [StoryVerdict.model_validate(c) for c in cards]
    body = digest(stories, format, since=describe_span(since), base_url=str(request.base_url).rstrip("/"),
                  feed_url=str(request.url))
    return Response(body, media_type=f"{DIGEST_MEDIA_TYPES[format]}; charset=utf-8")


@router.get("/digest.atom", include_in_schema=False)
def digest_atom(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN) -> Response:
    return api_digest(request, open_store, since, "atom", DIGEST_STORIES)


@router.get("/digest.json", include_in_schema=False)
def digest_jsonfeed(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN) -> Response:
    return api_digest(request, open_store, since, "jsonfeed", DIGEST_STORIES)


@router.get("/digest", include_in_schema=False)
def digest_page(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN) -> Response:
    return api_digest(request, open_store, since, "html", DIGEST_STORIES)
