"""Plain-text renderings: a card, a story with its sources, the story table and the digest."""

from __future__ import annotations

from collections.abc import Sequence

from newsverdict.models import Signal, StoryVerdict, Verdict
from newsverdict.render.reader import outlet_name


def _bar(value: int) -> str:
    return "█" * value + "░" * (10 - value)


def evidence_line(signal: Signal, limit: int = 5) -> str:
    """A signal's first pieces of evidence on one line: +“raises” [s3]; −“lowers” (note)."""
    parts = []
    for ev in signal.evidence[:limit]:
        sign = "+" if ev.direction == "raises" else "−"
        where = f" [s{ev.sentence}]" if ev.sentence is not None else ""
        parts.append(f"{sign}“{ev.text}”{where}" + (f" ({ev.note})" if ev.note else ""))
    return "; ".join(parts) if parts else "(no evidence found)"


def coverage_line(story: StoryVerdict) -> str:
    """'3 outlet(s), 4 article(s), 1 repeat(s), <first> – <last>'."""
    c = story.coverage
    when = f", {c.first_seen} – {c.last_seen}" if c.first_seen and c.first_seen != c.last_seen else (
        f", {c.first_seen}" if c.first_seen else "")
    return f"{c.outlets} outlet(s), {c.articles} article(s), {c.repeats} repeat(s){when}"


def _explain_lines(card: Verdict) -> list[str]:
    lines = ["", "Evidence (value × weight = contribution)"]
    for kind, total in (("impact", card.scores.impact_raw), ("hype", card.scores.hype_raw)):
        lines.append(f"  {kind} (raw {total:.2f})")
        for s in (s for s in card.signals if s.kind == kind):
            lines.append(
                f"    {s.name:<22} {s.value:.2f} × {s.weight:+.2f} = {s.contribution:+.2f}  {s.description}"
            )
            lines.append(f"      {evidence_line(s)}")
    return lines


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
        lines += _explain_lines(card)
    return "\n".join(lines) + "\n"


def cards_text(cards: Sequence[Verdict], *, explain: bool = False) -> str:
    return "\n".join(to_text(c, explain=explain) for c in cards)


def story_to_text(story: StoryVerdict, *, explain: bool = False) -> str:
    out = [f"[story {story.story_id}] " + to_text(story, explain=explain).rstrip("\n"),
           "", f"Coverage: {coverage_line(story)}", "Sources"]
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


def digest_text(stories: Sequence[StoryVerdict], *, title: str, since: str = "", **_links: object) -> str:
    """The digest as text (``_links``: the web address and clock that only feeds and HTML use)."""
    lines = [title + (f" ({since})" if since else ""), "=" * len(title), ""]
    for rank, s in enumerate(stories, 1):
        lines.append(f"{rank}. " + story_to_text(s))
    return "\n".join(lines)
