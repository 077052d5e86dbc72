"""Renderers: a Verdict as text, Markdown, JSON or a standalone HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from .models import Signal, Verdict

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
            "<h2>Key points</h2><ul>" + "".join(f"<li>{e(p)}</li>" for p in card.key_points) + "</ul>",
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
