"""HTML renderings: Jinja templates (autoescape on) shared with the web pages.

One card partial (``_card.html``) and one stylesheet (``style.css``) serve the web app's pages
and the standalone files written here: the CLI's card and story pages and the digest (CLI, the
web's /digest, batch). Standalone files inline the stylesheet and link nowhere outside
themselves unless a ``base_url`` of the web app is given, so they open offline.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from newsverdict.card.registry import FAMILIES
from newsverdict.card.scoring import PLACEMENT_MARGIN
from newsverdict.models import StoryVerdict, Verdict
from newsverdict.render import TEMPLATE_DIR
from newsverdict.render.chart import hype_impact_svg
from newsverdict.render.reader import (
    hype_levels,
    iso_to_ts,
    outlet_name,
    placement_rule,
    plain_signal,
    readable_time,
)
from newsverdict.render.text import evidence_line

#: What the legend partial reads: hype level words with their ranges, the placement rule.
LEGEND = {"hype_levels": hype_levels(), "placement_rule": placement_rule()}


@cache
def environment() -> Environment:
    """The templates, autoescaped (everything from an article is text, never markup)."""
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)


@cache
def stylesheet() -> Markup:
    """style.css, inlined into standalone files (ours, so trusted as markup)."""
    return Markup(TEMPLATE_DIR.joinpath("style.css").read_text())


def _page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(stylesheet=stylesheet(), legend=LEGEND, **context)


# --- signals in plain words --------------------------------------------------------


def _strength(value: float) -> str:
    return "not found" if value < 0.05 else "faint" if value < 0.25 else "some" if value < 0.5 else (
        "clear" if value < 0.75 else "strong")


#: Evidence notes a reader can use ("hedge", "done/confirmed"); computed ones ("count 6e+06 -> size 0.83") stay
#: in the JSON card and the CLI's --explain.
_PLAIN_NOTE = re.compile(r"^[A-Za-z][A-Za-z /,'()-]*$")
_TECHNICAL = re.compile(r"[|=]|->|\bmean\b")


def signal_view(card: Verdict) -> list[dict]:
    """Signals in plain words, grouped by family (no weights: those are in the JSON and /about)."""
    groups: dict[str, dict] = {f.key: {"family": f, "signals": []} for f in FAMILIES}
    for sig in card.signals:
        label, family = plain_signal(sig.name, sig.kind)
        groups[family.key]["signals"].append({
            "label": label, "strength": _strength(sig.value), "value": sig.value, "description": sig.description,
            "evidence": [{"text": ev.text, "direction": ev.direction,
                          "note": ev.note if _PLAIN_NOTE.match(ev.note) else ""}
                         for ev in sig.evidence if ev.start is not None or not _TECHNICAL.search(ev.text)][:6]})
    return [g for g in groups.values() if g["signals"]]


def _weights(card: Verdict) -> list[dict]:
    """Every signal with its value, weight and contribution (``--explain``)."""
    return [{"name": s.name, "kind": s.kind, "value": f"{s.value:.2f}", "weight": f"{s.weight:+.2f}",
             "contribution": f"{s.contribution:+.2f}", "evidence": evidence_line(s)} for s in card.signals]


# --- cards and stories ----------------------------------------------------------------


def _sources(story: StoryVerdict) -> list[dict]:
    return [{"name": outlet_name(r.source, r.url), "when": readable_time(iso_to_ts(r.published)),
             "url": r.url, "title": r.title, "repeat": r.repeat_of is not None} for r in story.sources]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _coverage(story: StoryVerdict) -> str:
    """'3 outlets, 4 articles (1 repeat), from Mon 16 Nov 2026, 06:00 UTC to ...' for a reader."""
    c = story.coverage
    counts = f"{_plural(c.outlets, 'outlet')}, {_plural(c.articles, 'article')}"
    counts += f" ({_plural(c.repeats, 'repeat')})" if c.repeats else ""
    if c.first_ts is None or c.first_ts == c.last_ts:
        return f"{counts}, {readable_time(c.first_ts)}" if c.first_ts is not None else counts
    return f"{counts}, from {readable_time(c.first_ts)} to {readable_time(c.last_ts)}"


def _item(card: Verdict, explain: bool) -> dict:
    item: dict[str, Any] = {"card": card, "signals": signal_view(card), "weights": _weights(card) if explain else []}
    if isinstance(card, StoryVerdict):
        item |= {"story": card, "sources": _sources(card), "coverage": _coverage(card)}
    else:
        item |= {"meta": " · ".join(x for x in (card.source, card.published) if x), "url": card.url}
    return item


def cards_html(cards: Sequence[Verdict], *, explain: bool = False, title: str = "") -> str:
    """A standalone page of cards (or stories, with their coverage and sources)."""
    title = title or (f"{cards[0].headline} · newsverdict" if len(cards) == 1 else "newsverdict")
    return _page("card_page.html", title=title, about="", items=[_item(c, explain) for c in cards])


def story_html(story: StoryVerdict, *, explain: bool = False) -> str:
    return cards_html([story], explain=explain)


# --- the digest ------------------------------------------------------------------------


def _index_row(story: StoryVerdict) -> dict:
    names = list(dict.fromkeys(outlet_name(r.source, r.url) for r in story.sources if r.repeat_of is None))
    outlets = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return {"story_id": story.story_id, "headline": story.headline, "impact": story.impact, "hype": story.hype,
            "hype_level": story.hype_level, "noisy": story.hype - story.impact >= PLACEMENT_MARGIN,
            "outlets": outlets, "when": readable_time(story.coverage.last_ts)}


def digest_html(stories: Sequence[StoryVerdict], *, title: str, since: str = "", base_url: str = "",
                now: float | None = None, feed_url: str = "") -> str:
    """The digest as one standalone page: index and chart, then every story's card and sources.

    With ``base_url`` (the web app's address) the scores link to its /about page and each story
    to its page there; without it the file links only within itself.
    """
    chart = Markup(hype_impact_svg(stories, link=lambda s: f"#story-{s.story_id}"))
    return _page("digest.html", title=title, since=since, base_url=base_url,
                 about=f"{base_url}/about" if base_url else "",
                 generated=readable_time(time.time() if now is None else now), chart=chart,
                 index=[_index_row(s) for s in stories], items=[_item(s, False) for s in stories])
