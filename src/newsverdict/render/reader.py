"""Reader-facing wording shared by the web pages, the digest and its feeds (pure: no I/O).

The one home for how things are *named to a reader*: outlets by site name,
times in words, signals in plain language grouped into colour families, and the
legend that explains what the scores mean (built from the thresholds in
``scoring`` so the two never disagree).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlparse

from newsverdict.card.registry import Family, registered, spec_of
from newsverdict.card.scoring import HYPE_LEVELS, PLACEMENT_MARGIN

# --- outlets -----------------------------------------------------------------------

#: Second-level labels under which a registrable name sits one label deeper (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu"}


def outlet_name(source: str, url: str = "") -> str:
    """The outlet as a reader knows it: the site name when stored, else the site's domain without 'www.'.

    Feeds and pages usually give a site name ("Northern Ledger"); when only a host
    is known ("www.bbc.co.uk") the reader still gets a readable name ("bbc.co.uk"),
    never "?".
    """
    name = (source or "").strip()
    if name and not _looks_like_host(name):
        return name
    host = name or (urlparse(url).hostname or "" if url else "")
    host = host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or "unknown outlet"


def _looks_like_host(name: str) -> bool:
    return " " not in name and "." in name and name.lower() == name


# --- times ---------------------------------------------------------------------------


def readable_time(ts: float | None, *, with_year: bool = True) -> str:
    """'Mon 16 Nov 2026, 06:00 UTC' (UTC: a server-rendered page cannot know the reader's zone)."""
    if ts is None:
        return "undated"
    dt = datetime.fromtimestamp(ts, UTC)
    day = f"{dt:%a} {dt.day} {dt:%b}" + (f" {dt.year}" if with_year else "")
    return f"{day}, {dt:%H:%M} UTC"


def iso_to_ts(value: str) -> float | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def _duration(minutes: float) -> str:
    """'45 min', '5 h', '3 days': the unit a reader would use for that span."""
    if minutes < 60:
        return f"{int(minutes)} min"
    if minutes < 48 * 60:
        return f"{int(minutes / 60)} h"
    return f"{int(minutes / 1440)} days"


def age(now: float, ts: float | None) -> str:
    """'35 min ago', '5 h ago', '3 days ago'."""
    if ts is None:
        return "undated"
    if ts > now:
        return "just now"
    return f"{_duration((now - ts) / 60)} ago"


def gap_after(first: float | None, ts: float | None) -> str:
    """How long after the first report: 'first', '+45 min', '+3 h', '+2 days'."""
    if first is None or ts is None:
        return ""
    minutes = (ts - first) / 60
    return "first" if minutes < 1 else f"+{_duration(minutes)}"


# --- signals in plain words -----------------------------------------------------------


def plain_signal(name: str, kind: str = "hype") -> tuple[str, Family]:
    """(plain name, family) of a signal, from the signal registry."""
    return spec_of(name, kind)


def plain_signals() -> dict[str, tuple[str, str]]:
    """Signal name -> (plain name, family key), for every registered signal."""
    return {spec.name: (spec.plain_name, spec.family) for spec in registered().values()}


# --- the legend --------------------------------------------------------------------------


def hype_levels() -> list[tuple[str, str]]:
    """[('low', '1-3'), ('moderate', '4-5'), ...] from the thresholds in scoring."""
    out, low = [], 1
    for bound, word in HYPE_LEVELS:
        out.append((word, f"{low}–{bound}"))
        low = bound + 1
    return out


def placement_rule() -> str:
    return (f"impact at least {PLACEMENT_MARGIN} above hype: substance outweighs the noise; "
            f"hype at least {PLACEMENT_MARGIN} above impact: more noise than substance; otherwise proportionate")



