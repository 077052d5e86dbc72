"""Renderers: a Verdict as text, Markdown, JSON or a standalone HTML page."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from newsverdict.models import Signal, StoryVerdict, Verdict

TEMPLATE_DIR = Path(__file__).parent / "templates"
FORMATS = ("text", "markdown", "json", "jsonl", "html")


def to_json(card: Verdict, *, indent: int | None = 2) -> str:
    """Canonical JSON: the same card always gives the same bytes."""
    return json.dumps(card.model_dump(mode="json"), ensure_ascii=False, indent=indent, sort_keys=False)


def _bar(value: int) -> str:
    return "█" * value + "░" * (10 - value)


def _evidence_line(signal: Signal, limit: int = 5) -> str:
    parts = []
    for ev in signal.evidence[:limit]:
        sign = "+" if ev.direction == "raises" else "−"
        where = f" [s{ev.sentence}]" if ev.sentence is not None else ""
        parts.append(f"{sign}“{ev.text}”{where}" + (f" ({ev.note})" if ev.note else ""))
    return "; ".join(parts) if parts else "(no evidence found)"


def to_text(card: Verdict, *, explain: bool = False) -> str:
    lines = [card.headline]
    if card.source or card.url:
        lines.append("  " + " · ".join(x for x in (card.source, card.published, card.url) if x))
    lines += [
        "",
        f"IMPACT  {card.impact:>2}/10  {_bar(card.impact)}",
        f"HYPE    {card.hype:>2}/10  {_bar(card.hype)}  {card.hype_level}",
        f"        {card.placement}",
        "",
        "Analysis",
        "  " + card.analysis,
        "",
        "Summary",
        "  " + card.summary,
        "",
        "Key points",
        *[f"  - {p}" for p in card.key_points],
        *([f"  ({card.key_points_note})"] if card.key_points_note else []),
    ]
    if card.cleaning.repeats_dropped:
        lines += ["", f"({card.cleaning.repeats_dropped} repeated paragraph(s) dropped before scoring)"]
    if explain:
        lines += ["", "Evidence (value × weight = contribution)"]
        for kind, total in (("impact", card.scores.impact_raw), ("hype", card.scores.hype_raw)):
            lines.append(f"  {kind} (raw {total:.2f})")
            for s in (s for s in card.signals if s.kind == kind):
                lines.append(
                    f"    {s.name:<22} {s.value:.2f} × {s.weight:+.2f} = {s.contribution:+.2f}  {s.description}"
                )
                lines.append(f"      {_evidence_line(s)}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!&|~])")


def _md_escape(text: str) -> str:
    """Text that CommonMark shows as written: no raw HTML, links, images or emphasis, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_link(text: str, url: str) -> str:
    """A CommonMark link to an http(s) URL, the destination in <...> with the characters that could end
    it percent-encoded; just the escaped text for any other URL."""
    if not url.lower().startswith(("http://", "https://")):
        return _md_escape(text)
    dest = "".join(f"%{ord(c):02X}" if c in "<>\\ \t\n\r()" else c for c in url)
    return f"[{_md_escape(text)}](<{dest}>)"


def to_markdown(card: Verdict, *, explain: bool = False) -> str:
    out = [f"## {_md_escape(card.headline)}", ""]
    meta = " · ".join(x for x in (card.source, card.published, card.url) if x)
    if meta:
        out += [f"*{_md_escape(meta)}*", ""]
    out += [
        f"**Impact {card.impact}/10** · **Hype {card.hype}/10 ({card.hype_level})** · {card.placement}",
        "",
        "### Analysis", "", _md_escape(card.analysis), "",
        "### Summary", "", _md_escape(card.summary), "",
        "### Key points", "", *[f"- {_md_escape(p)}" for p in card.key_points], "",
        *([f"*{_md_escape(card.key_points_note)}*", ""] if card.key_points_note else []),
    ]
    if explain:
        out += ["### Evidence", "", "| signal | kind | value | weight | contribution | evidence |",
                "|---|---|---:|---:|---:|---|"]
        for s in card.signals:
            ev = _md_escape(_evidence_line(s)).replace("|", "\\|")
            out.append(f"| {s.name} | {s.kind} | {s.value:.2f} | {s.weight:+.2f} | {s.contribution:+.2f} | {ev} |")
        out.append("")
    return "\n".join(out)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;line-height:1.5}h1{font-size:1.5rem;margin-bottom:.2rem}.meta{color:#666;font-size:.9rem}
.scores{display:flex;gap:1rem;margin:1rem 0}.score{border:1px solid #ddd;border-radius:.5rem;padding:.6rem 1rem}
.score b{font-size:1.8rem}.placement{color:#444;font-style:italic}table{border-collapse:collapse;font-size:.85rem}
td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;vertical-align:top;text-align:left}
"""


def to_html(cards: Sequence[Verdict], *, explain: bool = False, title: str = "newsverdict") -> str:
    e = html.escape
    body = []
    for card in cards:
        meta = " · ".join(e(x) for x in (card.source, card.published) if x)
        if card.url:
            meta += f' · <a href="{e(card.url)}" rel="noopener noreferrer">{e(card.url)}</a>'
        parts = [
            '<article class="card">',
            f"<h1>{e(card.headline)}</h1>",
            f'<p class="meta">{meta}</p>' if meta else "",
            '<div class="scores">',
            f'<div class="score">Impact<br><b class="impact">{card.impact}</b>/10</div>',
            f'<div class="score">Hype<br><b class="hype">{card.hype}</b>/10 {e(card.hype_level)}</div>',
            "</div>",
            f'<p class="placement">{e(card.placement)}</p>',
            f"<h2>Analysis</h2><p>{e(card.analysis)}</p>",
            f"<h2>Summary</h2><p>{e(card.summary)}</p>",
            "<h2>Key points</h2><ul>" + "".join(f"<li>{e(p)}</li>" for p in card.key_points) + "</ul>"
            + (f'<p class="key-points-note">{e(card.key_points_note)}</p>' if card.key_points_note else ""),
        ]
        if explain:
            rows = "".join(
                f"<tr><td>{e(s.name)}</td><td>{e(s.kind)}</td><td>{s.value:.2f}</td><td>{s.weight:+.2f}</td>"
                f"<td>{s.contribution:+.2f}</td><td>{e(_evidence_line(s))}</td></tr>"
                for s in card.signals
            )
            parts.append("<h2>Evidence</h2><table><tr><th>signal</th><th>kind</th><th>value</th><th>weight</th>"
                         f"<th>contribution</th><th>evidence</th></tr>{rows}</table>")
        parts.append("</article>")
        body.append("\n".join(p for p in parts if p))
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>\n" + "\n<hr>\n".join(body) + "\n</body></html>\n"
    )


def render(cards: Sequence[Verdict], fmt: str, *, explain: bool = False) -> str:
    if fmt == "json":
        if len(cards) == 1:
            return to_json(cards[0]) + "\n"
        return "[\n" + ",\n".join(to_json(c) for c in cards) + "\n]\n"
    if fmt == "jsonl":
        return "".join(to_json(c, indent=None) + "\n" for c in cards)
    if fmt == "html":
        return to_html(cards, explain=explain)
    if fmt == "markdown":
        return "\n---\n\n".join(to_markdown(c, explain=explain) for c in cards)
    return "\n".join(to_text(c, explain=explain) for c in cards)


# --- stories and the digest -------------------------------------------------


class _Plotted(Protocol):
    impact: int
    hype: int
    headline: str


#: One cell of the chart per (impact, hype) pair, this many units square: a 44 px tap target at 1:1.
CHART_CELL = 44


def hype_impact_svg(stories: Sequence[_Plotted], *, link: Callable[[Any], str] | None = None) -> str:
    """Stories on a hype-versus-impact grid as plain SVG (no script), numbered by their rank in the list.

    Stories sharing a score pair share one marker (the best-ranked story's number, a "+n" badge
    for the others, all headlines in its tooltip): markers never overlap, and each is a 44-unit
    target. The ±2 placement bands of ``scoring.placement`` are drawn and every corner is named.
    """
    from newsverdict.card.scoring import PLACEMENT_MARGIN

    e = html.escape
    cell = CHART_CELL
    left, top, right, bottom = 58, 26, 14, 66
    plot = 10 * cell
    width, height = left + plot + right, top + plot + bottom
    band = PLACEMENT_MARGIN - 0.5  # integer scores: a gap of 2 is outside the band, 1 inside

    def x(v: float) -> float:
        return left + (v - 0.5) * cell

    def y(v: float) -> float:
        return top + (10.5 - v) * cell

    def poly(points: list[tuple[float, float]]) -> str:
        return " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in points)

    lo, hi = 0.5, 10.5
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        'role="group" aria-label="Chart: hype (up) against impact (across) of the stories listed">',
        f'<rect x="{left}" y="{top}" width="{plot}" height="{plot}" fill="#f4f4f6" stroke="#767676"/>',
        f'<polygon points="{poly([(lo, lo + band), (lo, hi), (hi - band, hi)])}" fill="#fbe3e0"/>',
        f'<polygon points="{poly([(lo + band, lo), (hi, lo), (hi, hi - band)])}" fill="#dff1e3"/>',
        f'<line x1="{x(lo)}" y1="{y(lo + band)}" x2="{x(hi - band)}" y2="{y(hi)}" stroke="#8a4a44" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<line x1="{x(lo + band)}" y1="{y(lo)}" x2="{x(hi)}" y2="{y(hi - band)}" stroke="#3d6b47" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<line x1="{x(lo)}" y1="{y(lo)}" x2="{x(hi)}" y2="{y(hi)}" stroke="#444" stroke-width="2"/>',
    ]
    for v in range(1, 11):
        parts.append(f'<text x="{x(v):.1f}" y="{top + plot + 18}" font-size="13" fill="#222" '
                     f'text-anchor="middle">{v}</text>')
        parts.append(f'<text x="{left - 8}" y="{y(v) + 4:.1f}" font-size="13" fill="#222" '
                     f'text-anchor="end">{v}</text>')
    parts.append(f'<text x="{left + plot / 2}" y="{height - 6}" font-size="14" font-weight="600" fill="#222" '
                 'text-anchor="middle">Impact: how much the event changes things →</text>')
    mid = top + plot / 2
    parts.append(f'<text x="16" y="{mid}" font-size="14" font-weight="600" fill="#222" text-anchor="middle" '
                 f'transform="rotate(-90 16 {mid})">Hype: how loud the telling is →</text>')
    # corner names sit outside the plot, so no marker ever hides them
    corner = 'font-size="13" font-weight="700"'
    below = top + plot + 36
    parts += [
        f'<text x="{x(lo)}" y="{top - 8}" {corner} fill="#8a1f11">↖ More noise than substance</text>',
        f'<text x="{x(hi)}" y="{top - 8}" {corner} fill="#333" text-anchor="end">Major and loud ↗</text>',
        f'<text x="{x(lo)}" y="{below}" {corner} fill="#333">↙ Minor and quiet</text>',
        f'<text x="{x(hi)}" y="{below}" {corner} fill="#1d5530" text-anchor="end">'
        "Substance outweighs the noise ↘</text>",
        f'<text x="{x(8.6)}" y="{y(8.6) - 10}" font-size="12" fill="#333" text-anchor="middle" '
        f'transform="rotate(-45 {x(8.6)} {y(8.6) - 10})">proportionate: gap under {PLACEMENT_MARGIN}</text>',
    ]
    cells: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for rank, story in enumerate(stories, 1):
        cells.setdefault((story.impact, story.hype), []).append((rank, story))
    for (impact, hype), members in sorted(cells.items(), key=lambda kv: kv[1][0][0], reverse=True):
        rank, best = members[0]
        cx, cy = x(impact), y(hype)
        names = "; ".join(f"{r}. {s.headline}" for r, s in members[:8]) + (" …" if len(members) > 8 else "")
        label = f"Impact {impact}, hype {hype}: {names}"
        marker = (f'<rect x="{cx - cell / 2:.1f}" y="{cy - cell / 2:.1f}" width="{cell}" height="{cell}" '
                  'fill="transparent"/>'
                  f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="15" fill="#1f5f99" stroke="#fff" stroke-width="2"/>'
                  f'<text x="{cx:.1f}" y="{cy + 4.5:.1f}" font-size="13" font-weight="700" fill="#fff" '
                  f'text-anchor="middle">{rank}</text>')
        if len(members) > 1:
            marker += (f'<rect x="{cx + 6:.1f}" y="{cy - 21:.1f}" width="22" height="15" rx="7" fill="#8a3b00"/>'
                       f'<text x="{cx + 17:.1f}" y="{cy - 9.5:.1f}" font-size="11" font-weight="700" fill="#fff" '
                       f'text-anchor="middle">+{len(members) - 1}</text>')
        marker = f"<title>{e(label)}</title>{marker}"
        if link:
            parts.append(f'<a href="{e(link(best))}" aria-label="{e(label)}">{marker}</a>')
        else:
            parts.append(f"<g>{marker}</g>")
    parts.append("</svg>")
    return "".join(parts)


def _coverage_line(story: StoryVerdict) -> str:
    c = story.coverage
    when = f", {c.first_seen} – {c.last_seen}" if c.first_seen and c.first_seen != c.last_seen else (
        f", {c.first_seen}" if c.first_seen else "")
    return f"{c.outlets} outlet(s), {c.articles} article(s), {c.repeats} repeat(s){when}"


def story_to_text(story: StoryVerdict, *, explain: bool = False) -> str:
    from newsverdict.render.reader import outlet_name

    out = [f"[story {story.story_id}] " + to_text(story, explain=explain).rstrip("\n"),
           "", f"Coverage: {_coverage_line(story)}", "Sources"]
    for s in story.sources:
        tag = f" (repeats #{s.repeat_of})" if s.repeat_of else ""
        link = f" <{s.url}>" if s.url else ""
        out.append(f"  - #{s.article_id} {outlet_name(s.source, s.url)}: {s.title}{tag}{link}")
    return "\n".join(out) + "\n"


def stories_table(stories: Sequence[StoryVerdict]) -> str:
    lines = [f"{'id':>4}  {'impact':>6}  {'hype':<12}  {'outlets':>7}  headline"]
    for s in stories:
        lines.append(f"{s.story_id:>4}  {s.impact:>6}  {s.hype:>3} {s.hype_level:<8}  {s.coverage.outlets:>7}  "
                     f"{s.headline}")
    return "\n".join(lines) + "\n"


#: Digest formats and their media types (CLI ``digest --format`` and the web routes).
DIGEST_MEDIA_TYPES = {"json": "application/json", "markdown": "text/markdown", "html": "text/html",
                      "text": "text/plain", "atom": "application/atom+xml", "jsonfeed": "application/feed+json"}


def digest(stories: Sequence[StoryVerdict], fmt: str, *, title: str = "newsverdict digest", since: str = "",
           base_url: str = "", feed_url: str = "", now: float | None = None) -> str:
    """Stories ranked by impact (the caller's order), each with its card, outlets and the chart.

    ``base_url`` (the web app's address, when known) makes links point at its story pages;
    without it, feed entries link to the story's first article.
    """
    if fmt == "json":
        return json.dumps([s.model_dump(mode="json") for s in stories], ensure_ascii=False, indent=2) + "\n"
    if fmt in {"atom", "jsonfeed"}:
        from newsverdict.render.feeds import to_atom, to_jsonfeed

        writer = to_atom if fmt == "atom" else to_jsonfeed
        return writer(stories, title=title, since=since, base_url=base_url, feed_url=feed_url, now=now)
    if fmt == "html":
        return _digest_html(stories, title=title, since=since, base_url=base_url, now=now)
    if fmt == "markdown":
        from newsverdict.render.reader import outlet_name

        out = [f"# {_md_escape(title)}", ""]
        if since:
            out += [f"*{_md_escape(since)}; {len(stories)} stories ranked by impact*", ""]
        for rank, s in enumerate(stories, 1):
            out.append(to_markdown(s).replace("## ", f"## {rank}. ", 1))
            out.append(f"*Coverage: {_md_escape(_coverage_line(s))}*\n")
            out += [f"- {_md_escape(outlet_name(r.source, r.url))}: {_md_link(r.title, r.url)}"
                    + (" (repeat)" if r.repeat_of else "") for r in s.sources]
            out.append("")
        return "\n".join(out)
    lines = [title + (f" ({since})" if since else ""), "=" * len(title), ""]
    for rank, s in enumerate(stories, 1):
        lines.append(f"{rank}. " + story_to_text(s))
    return "\n".join(lines)


_DIGEST_CSS = """
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;margin:1rem auto;
padding:0 1rem;color:#1d1d1f;line-height:1.5;overflow-wrap:anywhere}h1{font-size:1.5rem;margin-bottom:.2rem}
.meta{color:#555;font-size:.9rem}.index{list-style:none;padding:0;margin:1rem 0}
.index li{display:grid;grid-template-columns:2rem 1fr;gap:.1rem .6rem;padding:.5rem 0;border-bottom:1px solid #ddd}
.index .rank{font-weight:700;color:#555;grid-row:span 2}.index a{font-weight:600;color:#1a4f8a}
.index .nums{font-size:.85rem;color:#444}.chip{display:inline-block;border-radius:.3rem;padding:0 .35rem;
background:#eee;font-size:.8rem}.chip.high{background:#fde2c8}.chip.extreme{background:#f7c1c1}
.chip.low{background:#d8eed8}.scores{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
.score{border:1px solid #ccc;border-radius:.5rem;padding:.3rem .8rem}.score b{font-size:1.5rem}
.placement{color:#444;font-style:italic}svg{max-width:100%;height:auto}
.card{border-top:2px solid #ccc;padding-top:.5rem;margin-top:1.5rem}.top{font-size:.85rem}
.legend{font-size:.85rem;color:#444;background:#f6f6f6;padding:.5rem .8rem;border-radius:.4rem}
"""


def _digest_html(stories: Sequence[StoryVerdict], *, title: str, since: str, base_url: str = "",
                 now: float | None = None) -> str:
    import time

    from newsverdict.render.reader import hype_levels, outlet_name, readable_time

    e = html.escape
    generated = readable_time(time.time() if now is None else now)
    levels = ", ".join(f"{w} {span}" for w, span in hype_levels())
    index, items = [], []
    for rank, s in enumerate(stories, 1):
        names = list(dict.fromkeys(outlet_name(r.source, r.url) for r in s.sources if r.repeat_of is None))
        outlets = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        when = readable_time(s.coverage.last_ts)
        index.append(
            f'<li><span class="rank">{rank}</span><a href="#story-{s.story_id}">{e(s.headline)}</a>'
            f'<span class="nums">Impact <b>{s.impact}</b>/10 · Hype <b>{s.hype}</b>/10 '
            f'<span class="chip {e(s.hype_level)}">{e(s.hype_level)}</span> · {e(outlets)} · {e(when)}</span></li>')
        sources = "".join(
            f"<li>{e(outlet_name(r.source, r.url))}, {e(readable_time(_ts(r.published)))}: "
            f'<a href="{e(r.url)}" rel="noopener noreferrer">{e(r.title)}</a>'
            + (" <small>(a repeat of another outlet's article)</small>" if r.repeat_of else "") + "</li>"
            for r in s.sources)
        page_link = (f' · <a href="{e(base_url)}/story/{s.story_id}">outlet by outlet</a>' if base_url else "")
        items.append(
            f'<article class="card" id="story-{s.story_id}"><h2>{rank}. {e(s.headline)}</h2>'
            f'<div class="scores"><div class="score">Impact <b>{s.impact}</b>/10</div>'
            f'<div class="score">Hype <b>{s.hype}</b>/10 <span class="chip {e(s.hype_level)}">'
            f"{e(s.hype_level)}</span></div></div>"
            f'<p class="placement">{e(s.placement)} · {e(_coverage_line(s))}</p>'
            f"<h3>Analysis</h3><p>{e(s.analysis)}</p><h3>Summary</h3><p>{e(s.summary)}</p>"
            "<h3>Key points</h3><ul>" + "".join(f"<li>{e(p)}</li>" for p in s.key_points) + "</ul>"
            f'<h3>Sources</h3><ul>{sources}</ul><p class="top"><a href="#index">Back to the index</a>{page_link}'
            "</p></article>")
    chart = hype_impact_svg(stories, link=lambda s: f"#story-{s.story_id}")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(title)}</title><style>{_DIGEST_CSS}</style></head><body><main>\n<h1>{e(title)}</h1>"
            f'<p class="meta">Written {e(generated)}; {e(since)}{"; " if since else ""}'
            f"{len(stories)} stories ranked by impact.</p>"
            f'<p class="legend">Impact 1–10: how much the event changes things. Hype 1–10: how much louder the '
            f"coverage is than its substance ({e(levels)}).</p>"
            f'<h2 id="index">In this digest</h2><ol class="index">{"".join(index)}</ol>'
            f"<figure>{chart}<figcaption>Hype against impact; the numbers are the ranks above.</figcaption></figure>\n"
            + "\n".join(items) + "\n</main></body></html>\n")


def _ts(iso: str) -> float | None:
    from newsverdict.render.reader import iso_to_ts

    return iso_to_ts(iso)
