"""The digest as feeds a reader app can follow: Atom 1.0 (RFC 4287) and JSON Feed 1.1.

One entry per story, ranked by impact; an entry's id is stable for the story
(``tag:`` URI on the story id) and its ``updated`` time is the story's latest
article, so a reader app shows a story again only when its coverage grows.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from newsverdict.models import StoryVerdict
from newsverdict.render.reader import outlet_name, readable_time

ATOM_NS = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "tag:newsverdict.local,2026"


def _rfc3339(ts: float | None) -> str:
    return datetime.fromtimestamp(ts if ts is not None else 0, UTC).isoformat(timespec="seconds").replace(
        "+00:00", "Z")


def _link(story: StoryVerdict, base_url: str) -> str:
    if base_url:
        return f"{base_url}/story/{story.story_id}"
    return next((r.url for r in story.sources if r.url and r.repeat_of is None), "")


def _entry_title(rank: int, story: StoryVerdict) -> str:
    return f"{rank}. {story.headline} (impact {story.impact}/10, hype {story.hype}/10 {story.hype_level})"


def _entry_html(story: StoryVerdict) -> str:
    e = html.escape
    outlets = list(dict.fromkeys(outlet_name(r.source, r.url) for r in story.sources if r.repeat_of is None))
    sources = "".join(f'<li>{e(outlet_name(r.source, r.url))}: <a href="{e(r.url)}">{e(r.title)}</a></li>'
                      for r in story.sources if r.url)
    return (f"<p><b>Impact {story.impact}/10</b> · <b>Hype {story.hype}/10 ({e(story.hype_level)})</b> · "
            f"{e(story.placement)}</p><p>{e(story.analysis)}</p><p>{e(story.summary)}</p>"
            "<ul>" + "".join(f"<li>{e(p)}</li>" for p in story.key_points) + "</ul>"
            f"<p>Covered by {e(', '.join(outlets))}; latest {e(readable_time(story.coverage.last_ts))}.</p>"
            f"<ul>{sources}</ul>")


def to_atom(stories: Sequence[StoryVerdict], *, title: str, since: str = "", base_url: str = "",
            feed_url: str = "", now: float | None = None) -> str:
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", f"{TAG_AUTHORITY}:digest")
    sub(feed, "title", title)
    if since:
        sub(feed, "subtitle", f"Stories ranked by impact: {since}")
    newest = max((s.coverage.last_ts or 0 for s in stories), default=None)
    sub(feed, "updated", _rfc3339(newest if newest else (time.time() if now is None else now)))
    sub(sub(feed, "author"), "name", "newsverdict")
    sub(feed, "generator", "newsverdict")
    if feed_url:
        sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    if base_url:
        sub(feed, "link", rel="alternate", href=base_url + "/", type="text/html")
    for rank, story in enumerate(stories, 1):
        entry = sub(feed, "entry")
        sub(entry, "id", f"{TAG_AUTHORITY}:story/{story.story_id}")
        sub(entry, "title", _entry_title(rank, story))
        sub(entry, "updated", _rfc3339(story.coverage.last_ts))
        sub(entry, "published", _rfc3339(story.coverage.first_ts))
        link = _link(story, base_url)
        if link:
            sub(entry, "link", rel="alternate", href=link, type="text/html")
        sub(entry, "summary", story.summary)
        sub(entry, "content", _entry_html(story), type="html")
        for name in dict.fromkeys(outlet_name(r.source, r.url) for r in story.sources if r.repeat_of is None):
            sub(entry, "category", term=name[:200], label=f"outlet: {name}"[:200])
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def to_jsonfeed(stories: Sequence[StoryVerdict], *, title: str, since: str = "", base_url: str = "",
                feed_url: str = "", now: float | None = None) -> str:
    feed: dict = {"version": "https://jsonfeed.org/version/1.1", "title": title,
                  "description": f"Stories ranked by impact: {since}" if since else "Stories ranked by impact",
                  "authors": [{"name": "newsverdict"}], "items": []}
    if base_url:
        feed["home_page_url"] = base_url + "/"
    if feed_url:
        feed["feed_url"] = feed_url
    for rank, story in enumerate(stories, 1):
        item = {"id": f"{TAG_AUTHORITY}:story/{story.story_id}", "title": _entry_title(rank, story),
                "content_html": _entry_html(story), "summary": story.summary,
                "date_published": _rfc3339(story.coverage.first_ts), "date_modified": _rfc3339(story.coverage.last_ts),
                "tags": list(dict.fromkeys(outlet_name(r.source, r.url) for r in story.sources
                                           if r.repeat_of is None)),
                "_newsverdict": {"story_id": story.story_id, "impact": story.impact, "hype": story.hype,
                                 "hype_level": story.hype_level, "rank": rank}}
        link = _link(story, base_url)
        if link:
            item["url"] = link
        feed["items"].append(item)
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
