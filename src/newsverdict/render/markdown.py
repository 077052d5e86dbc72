"""Markdown renderings (CommonMark): a card and the digest. Everything from an article is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsverdict.models import StoryVerdict, Verdict
from newsverdict.render.reader import outlet_name
from newsverdict.render.text import coverage_line, evidence_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!&|~])")


def md_escape(text: str) -> str:
    """Text that CommonMark shows as written: no raw HTML, links, images or emphasis, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_link(text: str, url: str) -> str:
    """A CommonMark link to an http(s) URL, the destination in <...> with the characters that could end
    it percent-encoded; just the escaped text for any other URL."""
    if not url.lower().startswith(("http://", "https://")):
        return md_escape(text)
    dest = "".join(f"%{ord(c):02X}" if c in "<>\\ \t\n\r()" else c for c in url)
    return f"[{md_escape(text)}](<{dest}>)"


def _evidence_table(card: Verdict) -> list[str]:
    out = ["### Evidence", "", "| signal | kind | value | weight | contribution | evidence |",
           "|---|---|---:|---:|---:|---|"]
    for s in card.signals:
        ev = md_escape(evidence_line(s)).replace("|", "\\|")
        out.append(f"| {s.name} | {s.kind} | {s.value:.2f} | {s.weight:+.2f} | {s.contribution:+.2f} | {ev} |")
    return [*out, ""]


def to_markdown(card: Verdict, *, explain: bool = False) -> str:
    out = [f"## {md_escape(card.headline)}", ""]
    meta = " · ".join(x for x in (card.source, card.published, card.url) if x)
    if meta:
        out += [f"*{md_escape(meta)}*", ""]
    out += [
        f"**Impact {card.impact}/10** · **Hype {card.hype}/10 ({card.hype_level})** · {card.placement}",
        "",
        "### Analysis", "", md_escape(card.analysis), "",
        "### Summary", "", md_escape(card.summary), "",
        "### Key points", "", *[f"- {md_escape(p)}" for p in card.key_points], "",
        *([f"*{md_escape(card.key_points_note)}*", ""] if card.key_points_note else []),
    ]
    if explain:
        out += _evidence_table(card)
    return "\n".join(out)


def cards_markdown(cards: Sequence[Verdict], *, explain: bool = False) -> str:
    return "\n---\n\n".join(to_markdown(c, explain=explain) for c in cards)


def story_markdown(story: StoryVerdict, *, explain: bool = False) -> str:
    return to_markdown(story, explain=explain)


def digest_markdown(stories: Sequence[StoryVerdict], *, title: str, since: str = "", **_links: object) -> str:
    """The digest in Markdown (``_links``: the web address and clock that only feeds and HTML use)."""
    out = [f"# {md_escape(title)}", ""]
    if since:
        out += [f"*{md_escape(since)}; {len(stories)} stories ranked by impact*", ""]
    for rank, s in enumerate(stories, 1):
        out.append(to_markdown(s).replace("## ", f"## {rank}. ", 1))
        out.append(f"*Coverage: {md_escape(coverage_line(s))}*\n")
        out += [f"- {md_escape(outlet_name(r.source, r.url))}: {md_link(r.title, r.url)}"
                + (" (repeat)" if r.repeat_of else "") for r in s.sources]
        out.append("")
    return "\n".join(out)
