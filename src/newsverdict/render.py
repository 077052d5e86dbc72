"""Renderers: a Verdict as text, Markdown, JSON or a standalone HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from .models import Signal, StoryVerdict, Verdict

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


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


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


def hype_impact_svg(stories: Sequence[StoryVerdict], *, link: Callable[[StoryVerdict], str] | None = None,
                    width: int = 360, height: int = 300) -> str:
    """A scatter of stories, impact across and hype up, drawn as plain SVG (numbers are ranks)."""
    e = html.escape
    left, bottom, pad = 40, 34, 14
    plot_w, plot_h = width - left - pad, height - bottom - pad

    def x(v: float) -> float:
        return left + (v - 0.5) / 10 * plot_w

    def y(v: float) -> float:
        return pad + plot_h - (v - 0.5) / 10 * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Hype versus impact of the stories">',
             f'<rect x="{left}" y="{pad}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#ccc"/>',
             f'<line x1="{x(0.5)}" y1="{y(0.5)}" x2="{x(10.5)}" y2="{y(10.5)}" stroke="#ddd" stroke-dasharray="4 3"/>']
    for v in range(1, 11):
        parts.append(f'<text x="{x(v):.1f}" y="{height - bottom + 14}" font-size="10" text-anchor="middle">{v}</text>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end">{v}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 4}" font-size="11" text-anchor="middle">impact</text>')
    parts.append(f'<text x="12" y="{pad + plot_h / 2}" font-size="11" text-anchor="middle" '
                 f'transform="rotate(-90 12 {pad + plot_h / 2})">hype</text>')
    seen: dict[tuple[int, int], int] = {}
    for rank, story in enumerate(stories, 1):
        k = seen.get((story.impact, story.hype), 0)
        seen[(story.impact, story.hype)] = k + 1
        cx, cy = x(story.impact) + 17 * k, y(story.hype)
        dot = (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="8" fill="#2f6fb0" fill-opacity="0.8">'
               f"<title>{e(story.headline)} (impact {story.impact}, hype {story.hype})</title></circle>"
               f'<text x="{cx:.1f}" y="{cy + 3.5:.1f}" font-size="9" fill="#fff" text-anchor="middle">{rank}</text>')
        parts.append(f'<a href="{e(link(story))}">{dot}</a>' if link else dot)
    parts.append("</svg>")
    return "".join(parts)


def _coverage_line(story: StoryVerdict) -> str:
    c = story.coverage
    when = f", {c.first_seen} – {c.last_seen}" if c.first_seen and c.first_seen != c.last_seen else (
        f", {c.first_seen}" if c.first_seen else "")
    return f"{c.outlets} outlet(s), {c.articles} article(s), {c.repeats} repeat(s){when}"


def story_to_text(story: StoryVerdict, *, explain: bool = False) -> str:
    out = [f"[story {story.story_id}] " + to_text(story, explain=explain).rstrip("\n"),
           "", f"Coverage: {_coverage_line(story)}", "Sources"]
    for s in story.sources:
        tag = f" (repeats #{s.repeat_of})" if s.repeat_of else ""
        out.append(f"  - #{s.article_id} {s.source or '?'}: {s.title}{tag}" + (f" <{s.url}>" if s.url else ""))
    return "\n".join(out) + "\n"


def stories_table(stories: Sequence[StoryVerdict]) -> str:
    lines = [f"{'id':>4}  {'impact':>6}  {'hype':<12}  {'outlets':>7}  headline"]
    for s in stories:
        lines.append(f"{s.story_id:>4}  {s.impact:>6}  {s.hype:>3} {s.hype_level:<8}  {s.coverage.outlets:>7}  "
                     f"{s.headline}")
    return "\n".join(lines) + "\n"


def digest(stories: Sequence[StoryVerdict], fmt: str, *, title: str = "newsverdict digest", since: str = "") -> str:
    """Stories ranked by impact (the caller's order), each with its card, outlets and the chart."""
    if fmt == "json":
        return json.dumps([s.model_dump(mode="json") for s in stories], ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _digest_html(stories, title=title, since=since)
    if fmt == "markdown":
        out = [f"# {_md_escape(title)}", ""]
        if since:
            out += [f"*{_md_escape(since)}; {len(stories)} stories ranked by impact*", ""]
        for rank, s in enumerate(stories, 1):
            out.append(to_markdown(s).replace("## ", f"## {rank}. ", 1))
            out.append(f"*Coverage: {_md_escape(_coverage_line(s))}*\n")
            out += [f"- {_md_escape(r.source)}: [{_md_escape(r.title)}]({r.url})" + (" (repeat)" if r.repeat_of
                                                                                      else "")
                    for r in s.sources]
            out.append("")
        return "\n".join(out)
    lines = [title + (f" ({since})" if since else ""), "=" * len(title), ""]
    for rank, s in enumerate(stories, 1):
        lines.append(f"{rank}. " + story_to_text(s))
    return "\n".join(lines)


def _digest_html(stories: Sequence[StoryVerdict], *, title: str, since: str) -> str:
    e = html.escape
    items = []
    for rank, s in enumerate(stories, 1):
        sources = "".join(
            f'<li>{e(r.source)}: <a href="{e(r.url)}" rel="noopener noreferrer">{e(r.title)}</a>'
            + (" <small>(repeat)</small>" if r.repeat_of else "") + "</li>" for r in s.sources)
        items.append(
            f'<article class="card" id="story-{s.story_id}"><h2>{rank}. {e(s.headline)}</h2>'
            f'<div class="scores"><div class="score">Impact<br><b>{s.impact}</b>/10</div>'
            f'<div class="score">Hype<br><b>{s.hype}</b>/10 {e(s.hype_level)}</div></div>'
            f'<p class="placement">{e(s.placement)} · {e(_coverage_line(s))}</p>'
            f"<h3>Analysis</h3><p>{e(s.analysis)}</p><h3>Summary</h3><p>{e(s.summary)}</p>"
            "<h3>Key points</h3><ul>" + "".join(f"<li>{e(p)}</li>" for p in s.key_points) + "</ul>"
            f"<h3>Sources</h3><ul>{sources}</ul></article>")
    chart = hype_impact_svg(stories, link=lambda s: f"#story-{s.story_id}")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(title)}</title><style>{_CSS}</style></head><body>\n<h1>{e(title)}</h1>"
            f'<p class="meta">{e(since)}{"; " if since else ""}{len(stories)} stories ranked by impact</p>'
            f"<figure>{chart}<figcaption>Hype versus impact; numbers are ranks.</figcaption></figure>\n"
            + "\n<hr>\n".join(items) + "\n</body></html>\n")
