"""The outlet comparison (/outlets) and one outlet's articles (/outlet?source=…)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from newsverdict.errors import InputError
from newsverdict.render.reader import outlet_name, readable_time
from newsverdict.stories.store import DEFAULT_SPAN, describe_span, span_start
from newsverdict.web.deps import OpenStore
from newsverdict.web.templating import SPANS, page

#: Articles listed on an outlet's page (the most recent; its averages count them all).
OUTLET_ARTICLES = 100
#: The orders the outlet comparison offers (``sort=``), each a key of a row; "gap" by default.
_ORDERS = {"gap": lambda r: (-(r["gap"] if r["gap"] is not None else -99), r["name"]),
           "hype": lambda r: (-r["avg_hype"], r["name"]),
           "impact": lambda r: (-(r["avg_impact"] or 0), r["name"]),
           "articles": lambda r: (-r["articles"], r["name"])}

router = APIRouter()


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(request: Request, open_store: OpenStore, since: str = DEFAULT_SPAN, sort: str = "gap"):
    form = {"since": since, "sort": sort}
    with open_store() as s:
        try:
            since_ts = span_start(since, s.newest_story_ts())
        except InputError as exc:
            return page(request, "outlets.html", {"form": form, "spans": SPANS, "rows": [], "error": str(exc)},
                        exc.http_status)
        summary = s.outlet_summary(since_ts)
    rows = [{"source": r["source"], "name": outlet_name(r["source"]), "articles": r["articles"],
             "repeats": r["repeats"], "stories": r["stories"], "avg_hype": r["avg_hype"],
             "avg_impact": r["avg_impact"],
             "gap": (r["avg_hype"] - r["avg_impact"]) if r["avg_impact"] is not None else None} for r in summary]
    rows.sort(key=_ORDERS.get(sort, _ORDERS["gap"]))
    return page(request, "outlets.html", {"form": form, "spans": SPANS, "rows": rows,
                                          "span_words": describe_span(since)})


@router.get("/outlet", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(request: Request, open_store: OpenStore, source: str = "", since: str = DEFAULT_SPAN):
    if not source.strip():
        raise HTTPException(404, "No outlet was named: pick one on the Outlets page (/outlets).")
    with open_store() as s:
        # a bad span is an InputError: the app's handler answers it with its class's status (422)
        since_ts = span_start(since, s.newest_story_ts())
        rows = s.outlet_articles(since_ts, source, limit=OUTLET_ARTICLES)
        summary = next(iter(s.outlet_summary(since_ts, source)), None)
    if summary is None:
        raise HTTPException(404, f"No articles from “{source}” in {describe_span(since)}.")
    return page(request, "outlet.html", {
        "name": outlet_name(source, rows[0]["url"] if rows else ""), "rows": rows, "summary": summary,
        "since": since, "span_words": describe_span(since), "readable_time": readable_time})
