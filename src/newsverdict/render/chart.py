"""The hype-against-impact chart as plain SVG (no script), for the stories page and the digest."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsverdict.card.scoring import PLACEMENT_MARGIN


class Plotted(Protocol):
    impact: int
    hype: int
    headline: str


#: One cell of the chart per (impact, hype) pair, this many units square: a 44 px tap target at 1:1.
CHART_CELL = 44


@dataclass(frozen=True)
class _Frame:
    """The plot's geometry: margins around a 10 x 10 grid of cells, and score -> position."""

    cell: int = CHART_CELL
    left: int = 58
    top: int = 26
    right: int = 14
    bottom: int = 66

    @property
    def plot(self) -> int:
        return 10 * self.cell

    @property
    def width(self) -> int:
        return self.left + self.plot + self.right

    @property
    def height(self) -> int:
        return self.top + self.plot + self.bottom

    def x(self, v: float) -> float:
        return self.left + (v - 0.5) * self.cell

    def y(self, v: float) -> float:
        return self.top + (10.5 - v) * self.cell

    def poly(self, points: list[tuple[float, float]]) -> str:
        return " ".join(f"{self.x(a):.1f},{self.y(b):.1f}" for a, b in points)


_LO, _HI = 0.5, 10.5
_BAND = PLACEMENT_MARGIN - 0.5  # integer scores: a gap of 2 is outside the band, 1 inside


def _grid(f: _Frame) -> list[str]:
    """The plot area, the two placement bands (noise red, substance green) and the diagonal."""
    x, y, lo, hi, band = f.x, f.y, _LO, _HI, _BAND
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {f.width} {f.height}" '
        'role="group" aria-label="Chart: hype (up) against impact (across) of the stories listed">',
        f'<rect x="{f.left}" y="{f.top}" width="{f.plot}" height="{f.plot}" fill="#f4f4f6" stroke="#767676"/>',
        f'<polygon points="{f.poly([(lo, lo + band), (lo, hi), (hi - band, hi)])}" fill="#fbe3e0"/>',
        f'<polygon points="{f.poly([(lo + band, lo), (hi, lo), (hi, hi - band)])}" fill="#dff1e3"/>',
        f'<line x1="{x(lo)}" y1="{y(lo + band)}" x2="{x(hi - band)}" y2="{y(hi)}" stroke="#8a4a44" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<line x1="{x(lo + band)}" y1="{y(lo)}" x2="{x(hi)}" y2="{y(hi - band)}" stroke="#3d6b47" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<line x1="{x(lo)}" y1="{y(lo)}" x2="{x(hi)}" y2="{y(hi)}" stroke="#444" stroke-width="2"/>',
    ]


def _axes(f: _Frame) -> list[str]:
    """Ticks 1-10 on both axes and the two axis titles."""
    parts = []
    for v in range(1, 11):
        parts.append(f'<text x="{f.x(v):.1f}" y="{f.top + f.plot + 18}" font-size="13" fill="#222" '
                     f'text-anchor="middle">{v}</text>')
        parts.append(f'<text x="{f.left - 8}" y="{f.y(v) + 4:.1f}" font-size="13" fill="#222" '
                     f'text-anchor="end">{v}</text>')
    parts.append(f'<text x="{f.left + f.plot / 2}" y="{f.height - 6}" font-size="14" font-weight="600" '
                 'fill="#222" text-anchor="middle">Impact: how much the event changes things →</text>')
    mid = f.top + f.plot / 2
    parts.append(f'<text x="16" y="{mid}" font-size="14" font-weight="600" fill="#222" text-anchor="middle" '
                 f'transform="rotate(-90 16 {mid})">Hype: how loud the telling is →</text>')
    return parts


def _corners(f: _Frame) -> list[str]:
    """Each corner named, outside the plot so that no marker ever hides a name; the band labelled."""
    x, y = f.x, f.y
    corner = 'font-size="13" font-weight="700"'
    below = f.top + f.plot + 36
    return [
        f'<text x="{x(_LO)}" y="{f.top - 8}" {corner} fill="#8a1f11">↖ More noise than substance</text>',
        f'<text x="{x(_HI)}" y="{f.top - 8}" {corner} fill="#333" text-anchor="end">Major and loud ↗</text>',
        f'<text x="{x(_LO)}" y="{below}" {corner} fill="#333">↙ Minor and quiet</text>',
        f'<text x="{x(_HI)}" y="{below}" {corner} fill="#1d5530" text-anchor="end">'
        "Substance outweighs the noise ↘</text>",
        f'<text x="{x(8.6)}" y="{y(8.6) - 10}" font-size="12" fill="#333" text-anchor="middle" '
        f'transform="rotate(-45 {x(8.6)} {y(8.6) - 10})">proportionate: gap under {PLACEMENT_MARGIN}</text>',
    ]


def _marker(f: _Frame, impact: int, hype: int, members: list[tuple[int, Any]]) -> tuple[str, str]:
    """(tooltip label, SVG) of one marker: the best rank's number, a '+n' badge for the others."""
    rank = members[0][0]
    cell, cx, cy = f.cell, f.x(impact), f.y(hype)
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
    return label, f"<title>{html.escape(label)}</title>{marker}"


def hype_impact_svg(stories: Sequence[Plotted], *, link: Callable[[Any], str] | None = None) -> str:
    """Stories on a hype-versus-impact grid as plain SVG (no script), numbered by their rank in the list.

    Stories sharing a score pair share one marker (the best-ranked story's number, a "+n" badge
    for the others, all headlines in its tooltip): markers never overlap, and each is a 44-unit
    target. The ±2 placement bands of ``scoring.placement`` are drawn and every corner is named.
    """
    e = html.escape
    f = _Frame()
    parts = _grid(f) + _axes(f) + _corners(f)
    cells: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for rank, story in enumerate(stories, 1):
        cells.setdefault((story.impact, story.hype), []).append((rank, story))
    for (impact, hype), members in sorted(cells.items(), key=lambda kv: kv[1][0][0], reverse=True):
        label, marker = _marker(f, impact, hype, members)
        if link:
            parts.append(f'<a href="{e(link(members[0][1]))}" aria-label="{e(label)}">{marker}</a>')
        else:
            parts.append(f"<g>{marker}</g>")
    parts.append("</svg>")
    return "".join(parts)
