"""The stories list (/) with its chart and filters, and one story's page (/story/{id}) outlet by outlet."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from newsverdict.errors import InputError
from newsverdict.models import StoryVerdict
from newsverdict.render import hype_impact_svg
from newsverdict.render.html import signal_view
from newsverdict.render.reader import age, gap_after, hype_levels, iso_to_ts, outlet_name, readable_time
from newsverdict.stories.cards import analyze_story
from newsverdict.stories.store import DEFAULT_SPAN, Store, describe_span, span_start
from newsverdict.web.deps import OpenStore, Writer
from newsverdict.web.templating import SPANS, page

#: Stories listed per page (and plotted): more come with "Show more".
PAGE_STORIES = 40
#: Hype level word -> the range of hype scores it covers (from scoring.HYPE_LEVELS).
HYPE_RANGES = {word: (int(span.split("–")[0]), int(span.split("–")[1])) for word, span in hype_levels()}

router = APIRouter()


@dataclass(frozen=True)
class _Dot:
    impact: int
    hype: int
    headline: str
    story_id: int


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN, min_impact: str = "",
                 hype: str = "", outlet: str = "", q: str = "", limit: str = ""):
    form = {"since": since, "min_impact": min_impact, "hype": hype, "outlet": outlet, "q": q}
    limit = max(1, min(int(limit), 500)) if limit.isdigit() else PAGE_STORIES  # a bad value: the default
    with open_store() as s:
        try:
            since_ts = span_start(since, s.newest_story_ts())
            # titles are in the index too: headlines match; bounded like `search`
            story_ids = s.search_story_ids(q.strip()) if q.strip() else None
        except InputError as exc:
            return page(request, "stories.html", {**_stories_context(s, form), "error": str(exc)}, exc.http_status)
        rows, total = s.story_rows(since_ts=since_ts, min_impact=int(min_impact) if min_impact.isdigit() else None,
                                   hype_range=HYPE_RANGES.get(hype), source=outlet or None,
                                   story_ids=story_ids, limit=limit)
        outlets_of = s.story_outlets([r["id"] for r in rows])
        context = _stories_context(s, form)
    items = _story_items(rows, outlets_of)
    chart = hype_impact_svg([_Dot(i["impact"], i["hype"], i["headline"], i["id"]) for i in items],
                            link=lambda d: f"/story/{d.story_id}")
    more = f"/?{urlencode({**form, 'limit': limit + PAGE_STORIES})}" if total > len(items) else ""
    return page(request, "stories.html", {**context, "rows": items, "chart": chart, "total": total,
                                          "more": more, "span_words": describe_span(since)})


def _stories_context(s: Store, form: dict) -> dict:
    return {**form, "form": form, "outlets": s.sources(), "spans": SPANS, "rows": [], "total": 0}


def _story_items(rows: list, outlets_of: dict[int, list[tuple[str, str]]]) -> list[dict]:
    """The listed stories as the template shows them: outlets by name, ages from now."""
    now = time.time()
    items = []
    for row in rows:
        names = list(dict.fromkeys(outlet_name(src, url) for src, url in outlets_of.get(row["id"], [])))
        items.append({"id": row["id"], "headline": row["headline"], "impact": row["impact"], "hype": row["hype"],
                      "hype_level": row["hype_level"], "placement": row["placement"],
                      "outlets": row["outlets"], "repeats": row["repeats"] or 0, "outlet_names": names,
                      "age": age(now, row["last_ts"]), "when": readable_time(row["last_ts"]),
                      "story_id": row["id"]})
    return items


@router.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, open_store: OpenStore, writer: Writer, story_id: int) -> Response:
    with open_store() as s:
        card = s.story(story_id)
        scores = s.article_scores(story_id) if card is not None else {}
    if card is None:
        raise HTTPException(404, f"There is no story number {story_id} in this store (it may have been merged "
                                 "into another story when new articles arrived).")
    story = StoryVerdict.model_validate(card)
    if writer is not None:
        with open_store() as s:
            story = analyze_story(story_id, s.articles(story_id=story_id), llm=writer)
    return page(request, "story.html", {"story": story, **story_view(story, scores), "signals": signal_view(story)})


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
    repeats: dict[int, list] = {}
    for r in story.sources:
        if r.repeat_of is not None:
            repeats.setdefault(r.repeat_of, []).append(next(e for e in entries if e["id"] == r.article_id))
    return {"first": first, "timeline": timeline, "bars": _outlet_bars(timeline, story.impact),
            "originals": [e for e in timeline if not e["repeat_of"]], "repeats": repeats,
            "first_seen": readable_time(story.coverage.first_ts), "last_seen": readable_time(story.coverage.last_ts)}


def _outlet_bars(timeline: list[dict], impact: int) -> list[dict]:
    """One bar per outlet: the mean of its articles' own hype, 'louder' when 2 or more above the impact."""
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
        bar["louder"] = bar["hype"] - impact >= 2
    return sorted(bars.values(), key=lambda b: (-b["hype"], b["name"]))
